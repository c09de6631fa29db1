/* ipcfg — the core: selects adapters, runs operations against a backend and
 * turns each command into an outcome (outcome.h), which the formatters
 * render.  Knows no platform and no output syntax.
 * SPDX-License-Identifier: MIT */
#include "ipcfg/core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "format.h"
#include "outcome.h"
#include "output.h"
#include "wildcard.h"
#include "peer_advice.h"

/* ---- selection ---- */

static int listed(const ipcfg_adapter *a) { return a->type != IPCFG_IF_LOOPBACK; }

static int has_ipv4(const ipcfg_adapter *a)
{
    for (size_t i = 0; i < a->n_addrs; i++)
        if (a->addrs[i].ip.family == IPCFG_AF_INET4 && !ipcfg_ip_is_zero(&a->addrs[i].ip))
            return 1;
    return 0;
}

static const ipcfg_adapter *find_by_id(const ipcfg_adapter_list *l, const ipcfg_adapter *a)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->items[i].id, a->id) == 0)
            return &l->items[i];
    return NULL;
}

/* The adapters a listing shows (loopback left out), in platform order;
 * NULL with *n = 0 when there are none (or on OOM: *oom = 1). */
static const ipcfg_adapter **shown(const ipcfg_adapter_list *l, size_t *n, int *oom)
{
    *n = 0;
    *oom = 0;
    if (!l->n)
        return NULL;
    const ipcfg_adapter **v = calloc(l->n, sizeof(*v));
    if (!v) {
        *oom = 1;
        return NULL;
    }
    for (size_t i = 0; i < l->n; i++)
        if (listed(&l->items[i]))
            v[(*n)++] = &l->items[i];
    return v;
}

/* How an adapter argument selects (docs/wildcards.md): when some adapter
 * has exactly that name (case-sensitive where the backend says so), only
 * the adapters of that name; otherwise the wildcard match.  Names such as
 * "Local Area Connection* 3" hold a literal `*`. */
typedef struct selector {
    const char *pattern; /* NULL: every adapter */
    int exact;
    int case_sensitive;
} selector;

static void selector_init(selector *s, const ipcfg_backend *b, const char *pattern, const ipcfg_adapter_list *l,
                          int listed_only)
{
    s->pattern = pattern;
    s->exact = 0;
    s->case_sensitive = b->names_case_sensitive;
    for (size_t i = 0; pattern && i < l->n && !s->exact; i++)
        if ((!listed_only || listed(&l->items[i])) && ipcfg_name_equal(pattern, l->items[i].name, s->case_sensitive))
            s->exact = 1;
}

static int selects(const selector *s, const char *name)
{
    if (!s->pattern)
        return 1;
    if (s->exact)
        return ipcfg_name_equal(s->pattern, name, s->case_sensitive);
    return ipcfg_wildcard_match(s->pattern, name);
}

/* ---- verbs ---- */

/* A change asks the backend for the privilege first, before any argument
 * is resolved (docs/contract.md); 0 = go on, else *code holds the exit code of
 * the whole-command failure already rendered. */
static int denied(const ipcfg_cmd *c, ipcfg_backend *b, ipcfg_out *w, int dhcp, int *code)
{
    ipcfg_error err;
    ipcfg_error_clear(&err);
    if (!b->check_change || b->check_change(b, dhcp, &err) == 0)
        return 0;
    if (!err.status)
        err.status = IPCFG_E_FAILED;
    *code = ipcfg_out_fail(w, c, b, &err);
    return 1;
}

static int run_list(const ipcfg_cmd *c, ipcfg_backend *b, ipcfg_out *w)
{
    int all = c->verb == IPCFG_V_ALL;
    ipcfg_host host;
    ipcfg_adapter_list l = {0};
    ipcfg_error err;
    memset(&host, 0, sizeof(host));
    ipcfg_error_clear(&err);
    if (b->list(b, all ? &host : NULL, &l, &err) != 0) {
        ipcfg_adapters_free(&l);
        return ipcfg_out_fail(w, c, b, &err);
    }
    size_t n;
    int oom;
    const ipcfg_adapter **v = shown(&l, &n, &oom);
    int code;
    if (oom) {
        ipcfg_error_set(&err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "out of memory");
        code = ipcfg_out_fail(w, c, b, &err);
    } else {
        ipcfg_outcome oc;
        ipcfg_outcome_init(&oc, IPCFG_OC_LIST, c);
        oc.host = all ? &host : NULL;
        oc.adapters = v;
        oc.n_adapters = n;
        code = ipcfg_out_emit(w, &oc, b);
    }
    free(v);
    ipcfg_adapters_free(&l);
    return code;
}

static int run_addrtable(const ipcfg_cmd *c, ipcfg_backend *b, ipcfg_out *w)
{
    ipcfg_addrtable t = {0};
    ipcfg_error err;
    ipcfg_error_clear(&err);
    if (b->addrtable(b, &t, &err) != 0) {
        ipcfg_addrtable_free(&t);
        return ipcfg_out_fail(w, c, b, &err);
    }
    ipcfg_addrtable_sort(&t);
    ipcfg_outcome oc;
    ipcfg_outcome_init(&oc, IPCFG_OC_ADDRTABLE, c);
    oc.table = &t;
    int code = ipcfg_out_emit(w, &oc, b);
    ipcfg_addrtable_free(&t);
    return code;
}

/* The backend's answers into the results of the adapters acted on, then
 * the resulting state, listed once after every operation (into *after). */
static void take_results(ipcfg_backend *b, ipcfg_result *res, size_t nres, const ipcfg_dhcp_job *jobs, size_t njobs,
                         int named, ipcfg_adapter_list *after)
{
    for (size_t k = 0, j = 0; k < nres && j < njobs; k++) {
        if (!res[k].acted)
            continue;
        res[k].err = jobs[j++].err;
        /* a renew that waited for a carrier that did not come: as if the
         * adapter had been disconnected when it was selected */
        if (res[k].err.reason == IPCFG_R_MEDIA_DISCONNECTED) {
            res[k].acted = 0;
            res[k].counts = named;
        }
    }
    if (njobs == 0)
        return;
    ipcfg_error lerr;
    ipcfg_error_clear(&lerr);
    if (b->list(b, NULL, after, &lerr) == 0)
        for (size_t k = 0; k < nres; k++) {
            const ipcfg_adapter *now = find_by_id(after, res[k].ad);
            if (now)
                res[k].state = now;
        }
}

/* The adapters a release or renew selects, each with its result: those
 * acted on also get a job.  *nres and *njobs are counted up. */
static void select_dhcp(const ipcfg_cmd *c, ipcfg_backend *b, const ipcfg_adapter_list *l, ipcfg_result *res,
                        size_t *nres, ipcfg_dhcp_job *jobs, size_t *njobs)
{
    int v6 = c->verb == IPCFG_V_RELEASE6 || c->verb == IPCFG_V_RENEW6;
    int release = c->verb == IPCFG_V_RELEASE || c->verb == IPCFG_V_RELEASE6;
    int named = c->adapter != NULL;
    selector sel;
    selector_init(&sel, b, c->adapter, l, 1);

    for (size_t i = 0; i < l->n; i++) {
        const ipcfg_adapter *a = &l->items[i];
        if (!listed(a) || !selects(&sel, a->name))
            continue;
        ipcfg_result *r = &res[*nres];
        memset(r, 0, sizeof(*r));
        ipcfg_error_clear(&r->err);
        r->ad = a;
        r->state = a;
        /* a named adapter without DHCP: /renew starts DHCP there where the
         * platform does so (renew_obtains), else "not enabled for Dhcp" */
        int obtain = named && !release && b->renew_obtains;
        if (ipcfg_peer_other_client(a)) {
            /* another DHCP client runs it: never fight it (docs/contract.md).
             * Named, a failure; implicit, a note that does not fail the
             * run, as for a disconnected adapter */
            char cmd[IPCFG_ADAPTER_NAME_MAX * 2 + 64] = "";
            if (b->client_command)
                b->client_command(a, release, cmd, sizeof(cmd));
            ipcfg_peer_refusal(&r->err, a, cmd);
            r->counts = named;
        } else if (a->dhcp_enabled != IPCFG_YES && !obtain) {
            if (!named)
                continue; /* static adapters are skipped silently */
            ipcfg_error_set(&r->err, IPCFG_E_STATE, IPCFG_R_NOT_DHCP, NULL);
            r->counts = 1;
        } else if (!a->media_connected && (release || !a->media_pending)) {
            ipcfg_error_set(&r->err, IPCFG_E_STATE, IPCFG_R_MEDIA_DISCONNECTED, NULL);
            r->counts = named; /* implicit selection: noted, not fatal */
        } else if (release && !v6 && !has_ipv4(a)) {
            continue; /* already released: nothing to do (DHCPv6: the backend's record says) */
        } else {
            r->acted = 1;
            r->counts = 1;
            jobs[*njobs].ad = a;
            jobs[*njobs].family = v6 ? IPCFG_AF_INET6 : IPCFG_AF_INET4;
            ipcfg_error_clear(&jobs[*njobs].err);
            (*njobs)++;
        }
        (*nres)++;
    }
}

/* /release of a name no adapter has (no wildcard): the backend withdraws
 * what it still holds under it (an interface deleted, renamed or moved
 * away).  1 when it held something: *r is that name's result (ad: *gone,
 * carrying the name only). */
static int release_gone(const ipcfg_cmd *c, ipcfg_backend *b, const ipcfg_adapter_list *l, const ipcfg_op_opts *o,
                        ipcfg_adapter *gone, ipcfg_result *r)
{
    if (c->verb != IPCFG_V_RELEASE || c->adapter == NULL || b->release_gone == NULL ||
        ipcfg_wildcard_has_meta(c->adapter))
        return 0;
    for (size_t i = 0; i < l->n; i++)
        if (ipcfg_name_equal(c->adapter, l->items[i].name, b->names_case_sensitive))
            return 0; /* an adapter has it */
    memset(r, 0, sizeof(*r));
    ipcfg_error_clear(&r->err);
    int rc = b->release_gone(b, c->adapter, o, &r->err);
    if (rc == 0)
        return 0;
    if (rc < 0 && r->err.status == 0)
        r->err.status = IPCFG_E_FAILED;
    ipcfg_adapter_init(gone);
    gone->name = c->adapter;
    r->ad = gone;
    r->gone = r->acted = r->counts = 1;
    return 1;
}

typedef void (*dhcp_op_fn)(ipcfg_backend *, ipcfg_dhcp_job *, size_t, const ipcfg_op_opts *);

/* The backend's operation for a release or renew verb, by family; NULL
 * when the backend has none. */
static dhcp_op_fn dhcp_op(const ipcfg_cmd *c, const ipcfg_backend *b)
{
    switch (c->verb) {
    case IPCFG_V_RELEASE: return b->release;
    case IPCFG_V_RENEW: return b->renew;
    case IPCFG_V_RELEASE6: return b->release6;
    case IPCFG_V_RENEW6: return b->renew6;
    default: return NULL;
    }
}

static int run_release_renew(const ipcfg_cmd *c, ipcfg_backend *b, ipcfg_out *w)
{
    dhcp_op_fn op = dhcp_op(c, b);
    ipcfg_error err;
    ipcfg_error_clear(&err);

    if (!op) {
        ipcfg_error_set(&err, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP, "DHCP %s is not supported on this platform yet.",
                        ipcfg_verb_name(c->verb));
        return ipcfg_out_fail(w, c, b, &err);
    }
    int code;
    if (denied(c, b, w, 1, &code))
        return code;

    ipcfg_adapter_list l = {0};
    if (b->list(b, NULL, &l, &err) != 0) {
        ipcfg_adapters_free(&l);
        return ipcfg_out_fail(w, c, b, &err);
    }

    ipcfg_result *res = l.n ? calloc(l.n, sizeof(*res)) : NULL;
    ipcfg_dhcp_job *jobs = l.n ? calloc(l.n, sizeof(*jobs)) : NULL;
    size_t nres = 0, njobs = 0;
    if (l.n && (!res || !jobs)) {
        free(res);
        free(jobs);
        ipcfg_adapters_free(&l);
        ipcfg_error_set(&err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "out of memory");
        return ipcfg_out_fail(w, c, b, &err);
    }
    ipcfg_op_opts opts = {c->has_timeout ? c->timeout_s : 0};
    select_dhcp(c, b, &l, res, &nres, jobs, &njobs);

    /* Every selected adapter at once, under one deadline (docs/contract.md). */
    if (njobs)
        op(b, jobs, njobs, &opts);
    ipcfg_adapter_list after = {0};
    take_results(b, res, nres, jobs, njobs, c->adapter != NULL, &after);

    ipcfg_outcome oc;
    ipcfg_outcome_init(&oc, IPCFG_OC_DHCP, c);
    oc.results = res;
    oc.n_results = nres;
    ipcfg_adapter gone;
    ipcfg_result gone_res;
    if (nres == 0 && release_gone(c, b, &l, &opts, &gone, &gone_res)) {
        oc.results = &gone_res;
        oc.n_results = 1;
    }
    code = ipcfg_out_emit(w, &oc, b);
    ipcfg_adapters_free(&after);
    ipcfg_adapters_free(&l);
    free(res);
    free(jobs);
    return code;
}

static int run_add(const ipcfg_cmd *c, ipcfg_backend *b, ipcfg_out *w)
{
    int code;
    if (denied(c, b, w, 0, &code))
        return code;
    ipcfg_error err;
    ipcfg_error_clear(&err);
    ipcfg_adapter_list l = {0};
    if (b->list(b, NULL, &l, &err) != 0) {
        ipcfg_adapters_free(&l);
        return ipcfg_out_fail(w, c, b, &err);
    }
    const ipcfg_adapter *target = NULL;
    size_t matches = 0;
    ipcfg_strbuf names;
    ipcfg_sb_init(&names);
    selector sel;
    selector_init(&sel, b, c->adapter, &l, 0);
    for (size_t i = 0; i < l.n; i++) {
        if (!selects(&sel, l.items[i].name))
            continue;
        if (matches++ < 8)
            ipcfg_sb_printf(&names, "%s\"%s\"", matches > 1 ? ", " : "", l.items[i].name);
        target = &l.items[i];
    }

    ipcfg_outcome oc;
    ipcfg_outcome_init(&oc, IPCFG_OC_ADD, c);
    oc.op_addr = c->add_addr;
    oc.op_prefix = c->add_prefix;
    if (matches == 0) {
        ipcfg_error_set(&oc.op_err, IPCFG_E_STATE, IPCFG_R_NOT_FOUND, "no adapter matches \"%s\".", c->adapter);
    } else if (matches > 1) {
        ipcfg_error_set(&oc.op_err, IPCFG_E_USAGE, IPCFG_R_NONE,
                        "\"%s\" matches %zu adapters (%s%s); /add needs exactly one.", c->adapter, matches,
                        ipcfg_sb_str(&names), matches > 8 ? ", ..." : "");
    } else if (b->add_address(b, target, &c->add_addr, c->add_prefix, &oc.op_context, &oc.op_has_context,
                              &oc.op_err) != 0 &&
               oc.op_err.status == 0) {
        oc.op_err.status = IPCFG_E_FAILED;
    }
    ipcfg_sb_free(&names);
    oc.op_adapter = target && matches == 1 ? target->name : c->adapter;
    code = ipcfg_out_emit(w, &oc, b);
    ipcfg_adapters_free(&l);
    return code;
}

static int run_delete(const ipcfg_cmd *c, ipcfg_backend *b, ipcfg_out *w)
{
    int code;
    if (denied(c, b, w, 0, &code))
        return code;
    ipcfg_delete_target t;
    memset(&t, 0, sizeof(t));
    t.by_context = c->del_by_context;
    t.context = c->del_context;
    t.addr = c->del_addr;

    ipcfg_outcome oc;
    ipcfg_outcome_init(&oc, IPCFG_OC_DELETE, c);
    oc.op_by_context = t.by_context;
    oc.op_context = t.context;
    oc.op_addr = t.addr;
    if (b->delete_address(b, &t, &oc.op_err) != 0 && oc.op_err.status == 0)
        oc.op_err.status = IPCFG_E_FAILED;
    return ipcfg_out_emit(w, &oc, b);
}

/* /flushdns: the backend checks the privilege itself, before it asks any
 * cache (no argument to resolve first). */
static int run_flushdns(const ipcfg_cmd *c, ipcfg_backend *b, ipcfg_out *w)
{
    ipcfg_dns_flush f;
    ipcfg_outcome oc;
    memset(&f, 0, sizeof(f));
    ipcfg_outcome_init(&oc, IPCFG_OC_FLUSHDNS, c);
    if (!b->flush_dns)
        ipcfg_error_set(&oc.op_err, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP, "/flushdns is not supported on this platform.");
    else if (b->flush_dns(b, &f, &oc.op_err) != 0 && oc.op_err.status == 0)
        oc.op_err.status = IPCFG_E_FAILED;
    oc.caches = f.caches;
    oc.n_caches = f.n < IPCFG_DNS_CACHES_MAX ? f.n : IPCFG_DNS_CACHES_MAX;
    return ipcfg_out_emit(w, &oc, b);
}

/* /displaydns: every platform answers why it cannot list its cache. */
static int run_displaydns(const ipcfg_cmd *c, ipcfg_backend *b, ipcfg_out *w)
{
    ipcfg_error err;
    ipcfg_error_clear(&err);
    if (b->display_dns)
        (void)b->display_dns(b, &err);
    if (!err.status)
        ipcfg_error_set(&err, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP, "/displaydns is not supported on this platform.");
    return ipcfg_out_fail(w, c, b, &err);
}

/* Runs an already-parsed command. */
static int ipcfg_run(const ipcfg_cmd *c, ipcfg_backend *b, ipcfg_out *w)
{
    int code = 0;
    switch (c->verb) {
    case IPCFG_V_SHOW:
    case IPCFG_V_ALL: code = run_list(c, b, w); break;
    case IPCFG_V_ADDRTABLE: code = run_addrtable(c, b, w); break;
    case IPCFG_V_RELEASE:
    case IPCFG_V_RENEW: code = run_release_renew(c, b, w); break;
    case IPCFG_V_ADD: code = run_add(c, b, w); break;
    case IPCFG_V_DELETE: code = run_delete(c, b, w); break;
    case IPCFG_V_FLUSHDNS: code = run_flushdns(c, b, w); break;
    case IPCFG_V_DISPLAYDNS: code = run_displaydns(c, b, w); break;
    case IPCFG_V_RELEASE6:
    case IPCFG_V_RENEW6: {
        if (b != NULL && dhcp_op(c, b) != NULL) { /* a backend with a DHCPv6 client */
            code = run_release_renew(c, b, w);
            break;
        }
        ipcfg_error err;
        ipcfg_error_clear(&err);
        ipcfg_error_set(&err, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP,
                        "IPv6 release/renew is not supported: no interface for IPv6 release/renew exists in "
                        "this tool (the IP Helper API has none).");
        code = ipcfg_out_fail(w, c, b, &err);
        break;
    }
    case IPCFG_V_HELP:
    case IPCFG_V_VERSION: break; /* handled in ipcfg_main */
    }
    return code;
}

/* /json anywhere on a command line that does not parse: the usage error is
 * then reported as a JSON document too. */
static int wants_json(int argc, char *const *argv)
{
    for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
        const char *a = argv[i];
        a += (a[0] == '-' && a[1] == '-') ? 2 : (a[0] == '/' || a[0] == '-') ? 1 : 0;
        if (a != argv[i] && (a[0] == 'j' || a[0] == 'J') && (a[1] == 's' || a[1] == 'S') &&
            (a[2] == 'o' || a[2] == 'O') && (a[3] == 'n' || a[3] == 'N') && a[4] == '\0')
            return 1;
    }
    return 0;
}

int ipcfg_main(int argc, char *const *argv, ipcfg_backend_open_fn open_backend, const ipcfg_sink *sink)
{
    ipcfg_cmd cmd;
    char msg[IPCFG_ERRTEXT_MAX];
    ipcfg_out w;
    int code;
    ipcfg_out_init(&w, sink);

    if (ipcfg_cli_parse(argc, argv, &cmd, msg, sizeof(msg)) != 0) {
        ipcfg_outcome oc;
        ipcfg_outcome_init(&oc, IPCFG_OC_USAGE, NULL);
        oc.json = wants_json(argc, argv);
        oc.usage_msg = msg;
        code = ipcfg_out_emit(&w, &oc, NULL);
    } else if (cmd.verb == IPCFG_V_HELP || cmd.verb == IPCFG_V_VERSION) {
        ipcfg_outcome oc;
        ipcfg_outcome_init(&oc, cmd.verb == IPCFG_V_HELP ? IPCFG_OC_HELP : IPCFG_OC_VERSION, &cmd);
        code = ipcfg_out_emit(&w, &oc, NULL);
    } else {
        ipcfg_backend b;
        ipcfg_error err;
        memset(&b, 0, sizeof(b));
        ipcfg_error_clear(&err);
        int v6 = cmd.verb == IPCFG_V_RELEASE6 || cmd.verb == IPCFG_V_RENEW6;
        int opened = open_backend(&b, &err) == 0;
        if (!opened && !v6) {
            if (!err.status)
                err.status = IPCFG_E_FAILED;
            code = ipcfg_out_fail(&w, &cmd, NULL, &err);
        } else if (!opened) {
            /* /release6, /renew6 need no backend: their answer is 6 even
             * where the backend cannot be opened */
            code = ipcfg_run(&cmd, NULL, &w);
        } else {
            code = ipcfg_run(&cmd, &b, &w);
            if (b.destroy)
                b.destroy(&b);
        }
    }
    ipcfg_out_free(&w);
    /* Output that could not be written is never a success (docs/contract.md):
     * exit 3, whatever the command came to; a change already made stays
     * made (docs/exit-codes.md). */
    return w.lost || w.err_lost ? IPCFG_E_FAILED : code;
}
