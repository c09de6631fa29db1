/* ipcfg — the core: selects adapters, runs operations against a backend,
 * collects per-adapter results and computes the exit code.  Knows no
 * platform.  SPDX-License-Identifier: MIT */
#include "ipcfg/core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipcfg/format.h"
#include "ipcfg/wildcard.h"
#include "peer_advice.h" /* peers */

#ifndef IPCFG_VERSION_STRING
#define IPCFG_VERSION_STRING "0.0.0"
#endif
const char ipcfg_version[] = IPCFG_VERSION_STRING;

static const char usage_text[] =
    "\n"
    "USAGE:\n"
    "    ipcfg [/all | /release [adapter] | /renew [adapter] | /addrtable |\n"
    "           /add adapter address mask | /delete address|context |\n"
    "           /release6 [adapter] | /renew6 [adapter] | /version | /?]\n"
    "          [/json] [/timeout:SECONDS]\n"
    "\n"
    "where\n"
    "    adapter         Adapter name (wildcard characters * and ? allowed, see examples)\n"
    "    address         IPv4 address in dotted form (192.168.1.10)\n"
    "    mask            Subnet mask (255.255.255.0) or prefix length (/24 or 24)\n"
    "    context         NTE context printed by /add (Windows)\n"
    "\n"
    "    Options:\n"
    "       /?           Display this help message\n"
    "       /all         Display full configuration information.\n"
    "       /release     Release the IPv4 address for the specified adapter.\n"
    "       /renew       Renew the IPv4 address for the specified adapter.\n"
    "       /addrtable   Display the IPv4 address table.\n"
    "       /add         Add an IPv4 address to an adapter.\n"
    "       /delete      Remove an IPv4 address (by address or NTE context).\n"
    "       /release6    Not supported: no interface for IPv6 release/renew exists.\n"
    "       /renew6      Not supported: no interface for IPv6 release/renew exists.\n"
    "       /version     Display the version.\n"
    "       /json        Print one JSON document on stdout instead of text.\n"
    "       /timeout:N   Wait at most N seconds (1-3600) for the DHCP server.\n"
    "\n"
    "Switches may start with /, - or --; they are case-insensitive.\n"
    "With no adapter name, /release and /renew act on every adapter with DHCP enabled.\n"
    "\n"
    "Exit codes: 0 success, 1 command-line error, 2 no adapter matched or none in a\n"
    "permissible state, 3 operation failed, 4 access denied, 5 DHCP server not\n"
    "contacted, 6 not supported, 7 address conflict.\n"
    "\n"
    "Examples:\n"
    "    > ipcfg                       ... Show information\n"
    "    > ipcfg /all                  ... Show detailed information\n"
    "    > ipcfg /renew                ... renew all adapters\n"
    "    > ipcfg /renew EL*            ... renew any connection that has its\n"
    "                                      name starting with EL\n"
    "    > ipcfg /release *Con*        ... release all matching connections,\n"
    "                                      eg. \"Wired Ethernet Connection 1\" or\n"
    "                                          \"Wired Ethernet Connection 2\"\n"
    "    > ipcfg /add \"Ethernet 2\" 10.0.0.5 255.255.255.0\n"
    "    > ipcfg /delete 10.0.0.5\n"
    "    > ipcfg /all /json\n";

/* ---- output ---- */

typedef struct out {
    const ipcfg_sink *sink;
    ipcfg_strbuf o, e;
    int oom; /* output was lost: the run cannot succeed */
} out;

static void flush(out *w)
{
    if (w->o.oom || w->e.oom) {
        /* Never hand out a cut-off document as a success. */
        static const char msg[] = "Error: out of memory; the output is incomplete.\n";
        w->oom = 1;
        w->sink->write(w->sink->ctx, 1, msg, sizeof(msg) - 1);
        ipcfg_sb_free(&w->o);
        ipcfg_sb_free(&w->e);
        return;
    }
    if (w->o.len)
        w->sink->write(w->sink->ctx, 0, w->o.s, w->o.len);
    if (w->e.len)
        w->sink->write(w->sink->ctx, 1, w->e.s, w->e.len);
    ipcfg_sb_reset(&w->o);
    ipcfg_sb_reset(&w->e);
}

static void fail_line(out *w, const char *verb, const char *name, const ipcfg_error *err)
{
    ipcfg_fmt_failure(&w->e, verb, name, err);
    ipcfg_sb_putc(&w->e, '\n');
}

static void json_head(out *w, const ipcfg_backend *b, const char *command)
{
    ipcfg_sb_puts(&w->o, "{\n  \"ipcfg_version\": ");
    ipcfg_json_str(&w->o, ipcfg_version);
    ipcfg_sb_puts(&w->o, ",\n  \"platform\": ");
    if (b)
        ipcfg_json_str(&w->o, b->platform);
    else
        ipcfg_sb_puts(&w->o, "null");
    ipcfg_sb_puts(&w->o, ",\n  \"command\": ");
    ipcfg_json_str(&w->o, command);
}

static void json_tail(out *w, int code, const char *verb, const char *name, const ipcfg_error *err)
{
    ipcfg_sb_printf(&w->o, ",\n  \"exit_code\": %d,\n  \"error\": ", code);
    if (err && code)
        ipcfg_json_error(&w->o, verb, name, err, 1);
    else
        ipcfg_sb_puts(&w->o, "null");
    ipcfg_sb_puts(&w->o, "\n}\n");
}

/* A whole-command failure: the line on stderr, and in JSON mode a document
 * carrying it on stdout. */
static int fail_whole(out *w, const ipcfg_cmd *c, const ipcfg_backend *b, const char *name, const ipcfg_error *err)
{
    const char *verb = ipcfg_verb_name(c->verb);
    int code = err->status ? (int)err->status : IPCFG_E_FAILED;
    fail_line(w, verb, name, err);
    if (c->json) {
        json_head(w, b, verb);
        json_tail(w, code, verb, name, err);
    }
    flush(w);
    return code;
}

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

/* ---- verbs ---- */

static int run_list(const ipcfg_cmd *c, ipcfg_backend *b, out *w)
{
    int all = c->verb == IPCFG_V_ALL;
    ipcfg_host host;
    ipcfg_adapter_list l = {0};
    ipcfg_error err;
    memset(&host, 0, sizeof(host));
    ipcfg_error_clear(&err);
    int st = b->list(b, all ? &host : NULL, &l, &err);
    if (st != 0) {
        ipcfg_adapters_free(&l);
        return fail_whole(w, c, b, NULL, &err);
    }
    if (c->json) {
        json_head(w, b, all ? "all" : "show");
        if (all) {
            ipcfg_sb_puts(&w->o, ",\n  \"host\": ");
            ipcfg_json_host(&w->o, &host, 1);
        }
        ipcfg_sb_puts(&w->o, ",\n  \"adapters\": [");
        int first = 1;
        for (size_t i = 0; i < l.n; i++) {
            if (!listed(&l.items[i]))
                continue;
            ipcfg_sb_puts(&w->o, first ? "\n    " : ",\n    ");
            first = 0;
            ipcfg_json_adapter(&w->o, &l.items[i], all, 2);
        }
        ipcfg_sb_puts(&w->o, first ? "]" : "\n  ]");
        json_tail(w, 0, NULL, NULL, NULL);
    } else {
        ipcfg_fmt_title(&w->o, b->title);
        if (all)
            ipcfg_fmt_host(&w->o, &host);
        for (size_t i = 0; i < l.n; i++)
            if (listed(&l.items[i]))
                ipcfg_fmt_adapter(&w->o, &l.items[i], all);
    }
    flush(w);
    ipcfg_adapters_free(&l);
    return 0;
}

static int run_addrtable(const ipcfg_cmd *c, ipcfg_backend *b, out *w)
{
    ipcfg_addrtable t = {0};
    ipcfg_error err;
    ipcfg_error_clear(&err);
    int st = b->addrtable(b, &t, &err);
    if (st != 0) {
        ipcfg_addrtable_free(&t);
        return fail_whole(w, c, b, NULL, &err);
    }
    ipcfg_addrtable_sort(&t);
    if (c->json) {
        json_head(w, b, "addrtable");
        ipcfg_sb_puts(&w->o, ",\n  \"addresses\": ");
        ipcfg_json_addrtable(&w->o, &t, 1);
        json_tail(w, 0, NULL, NULL, NULL);
    } else {
        ipcfg_fmt_title(&w->o, b->title);
        ipcfg_fmt_addrtable(&w->o, &t);
    }
    flush(w);
    ipcfg_addrtable_free(&t);
    return 0;
}

typedef struct result {
    const ipcfg_adapter *ad; /* in the first listing */
    int acted;               /* the backend was called */
    int counts;              /* the outcome counts toward the exit code */
    ipcfg_error err;         /* err.status 0 = success */
} result;

static int run_relnew(const ipcfg_cmd *c, ipcfg_backend *b, out *w)
{
    int release = c->verb == IPCFG_V_RELEASE;
    const char *verb = release ? "release" : "renew";
    void (*op)(ipcfg_backend *, ipcfg_dhcp_job *, size_t, const ipcfg_op_opts *) =
        release ? b->release : b->renew;
    ipcfg_error err;
    ipcfg_error_clear(&err);

    if (!op) {
        ipcfg_error_set(&err, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP, "DHCP %s is not supported on this platform yet.", verb);
        return fail_whole(w, c, b, NULL, &err);
    }

    ipcfg_adapter_list l = {0};
    if (b->list(b, NULL, &l, &err) != 0) {
        ipcfg_adapters_free(&l);
        return fail_whole(w, c, b, NULL, &err);
    }

    result *res = l.n ? calloc(l.n, sizeof(*res)) : NULL;
    ipcfg_dhcp_job *jobs = l.n ? calloc(l.n, sizeof(*jobs)) : NULL;
    size_t nres = 0, njobs = 0;
    if (l.n && (!res || !jobs)) {
        free(res);
        free(jobs);
        ipcfg_adapters_free(&l);
        ipcfg_error_set(&err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "out of memory");
        return fail_whole(w, c, b, NULL, &err);
    }
    ipcfg_op_opts opts = {c->has_timeout ? c->timeout_s : 0};
    int named = c->adapter != NULL;
    int any_acted = 0;

    for (size_t i = 0; i < l.n; i++) {
        const ipcfg_adapter *a = &l.items[i];
        if (!listed(a) || (named && !ipcfg_wildcard_match(c->adapter, a->name)))
            continue;
        result *r = &res[nres];
        memset(r, 0, sizeof(*r));
        r->ad = a;
        /* PRODUCT.md: on Linux, /renew of a named adapter without a lease
         * asks for a new one (that is how DHCP is started there). */
        int obtain = named && !release && b->platform != NULL && strcmp(b->platform, "linux") == 0;
        if (ipcfg_peer_other_client(a)) { /* peers: another DHCP client runs it; never fight it */
            if (!named) {
                char note[IPCFG_ERRTEXT_MAX];
                ipcfg_peer_skip_note(note, sizeof note, a, release);
                ipcfg_sb_printf(&w->e, "%s\n", note);
                continue;
            }
            ipcfg_peer_refusal(&r->err, a, release);
            r->counts = 1;
        } else if (a->dhcp_enabled != IPCFG_YES && !obtain) {
            if (!named)
                continue; /* static adapters are skipped silently */
            ipcfg_error_set(&r->err, IPCFG_E_STATE, IPCFG_R_NOT_DHCP, NULL);
            r->counts = 1;
        } else if (!a->media_connected) {
            ipcfg_error_set(&r->err, IPCFG_E_STATE, IPCFG_R_MEDIA_DISCONNECTED, NULL);
            r->counts = named; /* implicit selection: noted, not fatal */
        } else if (release && !has_ipv4(a)) {
            continue; /* already released: nothing to do */
        } else {
            r->acted = 1;
            r->counts = 1;
            any_acted = 1;
            jobs[njobs].ad = a;
            ipcfg_error_clear(&jobs[njobs].err);
            njobs++;
        }
        nres++;
    }

    /* Every selected adapter at once, under one deadline (PRODUCT.md). */
    if (njobs)
        op(b, jobs, njobs, &opts);
    for (size_t k = 0, j = 0; k < nres && j < njobs; k++)
        if (res[k].acted)
            res[k].err = jobs[j++].err;

    /* The resulting state, listed once after every operation. */
    ipcfg_adapter_list after = {0};
    int have_after = 0;
    if (any_acted) {
        ipcfg_error lerr;
        ipcfg_error_clear(&lerr);
        have_after = b->list(b, NULL, &after, &lerr) == 0;
    }

    int code = 0;
    int printed_fail = 0;
    const ipcfg_error *first_err = NULL;
    const char *first_name = NULL;
    if (c->json) {
        json_head(w, b, verb);
        ipcfg_sb_puts(&w->o, ",\n  \"results\": [");
    } else {
        ipcfg_fmt_title(&w->o, b->title);
    }
    for (size_t k = 0; k < nres; k++) {
        result *r = &res[k];
        const ipcfg_adapter *now = have_after ? find_by_id(&after, r->ad) : NULL;
        if (!now)
            now = r->ad;
        int st = (int)r->err.status;
        if (st) {
            fail_line(w, verb, r->ad->name, &r->err);
            printed_fail = 1;
            if (r->counts && !code) {
                code = st;
                first_err = &r->err;
                first_name = r->ad->name;
            }
        } else if (!c->json) {
            ipcfg_fmt_adapter(&w->o, now, 0);
        }
        if (c->json) {
            ipcfg_sb_puts(&w->o, k ? ",\n    {\n" : "\n    {\n");
            ipcfg_sb_puts(&w->o, "      \"adapter\": ");
            ipcfg_json_str(&w->o, r->ad->name);
            ipcfg_sb_printf(&w->o, ",\n      \"result\": \"%s\",\n      \"exit_code\": %d,\n      \"error\": ",
                            st ? "error" : "ok", st);
            if (st)
                ipcfg_json_error(&w->o, verb, r->ad->name, &r->err, 3);
            else
                ipcfg_sb_puts(&w->o, "null");
            ipcfg_sb_puts(&w->o, ",\n      \"state\": ");
            ipcfg_json_adapter(&w->o, now, 0, 3);
            ipcfg_sb_puts(&w->o, "\n    }");
        }
        flush(w);
    }
    ipcfg_error none;
    ipcfg_error_clear(&none);
    if (!any_acted && !code) {
        ipcfg_error_set(&none, IPCFG_E_STATE, IPCFG_R_NO_ADAPTER_PERMISSIBLE, NULL);
        if (!printed_fail)
            fail_line(w, verb, NULL, &none);
        code = IPCFG_E_STATE;
        first_err = &none;
        first_name = NULL;
    }
    if (c->json) {
        ipcfg_sb_puts(&w->o, nres ? "\n  ]" : "]");
        json_tail(w, code, verb, first_name, first_err);
    }
    flush(w);
    ipcfg_adapters_free(&after);
    ipcfg_adapters_free(&l);
    free(res);
    free(jobs);
    return code;
}

static int run_add(const ipcfg_cmd *c, ipcfg_backend *b, out *w)
{
    ipcfg_error err;
    ipcfg_error_clear(&err);
    ipcfg_adapter_list l = {0};
    if (b->list(b, NULL, &l, &err) != 0) {
        ipcfg_adapters_free(&l);
        return fail_whole(w, c, b, NULL, &err);
    }
    const ipcfg_adapter *target = NULL;
    size_t matches = 0;
    ipcfg_strbuf names;
    ipcfg_sb_init(&names);
    for (size_t i = 0; i < l.n; i++) {
        if (!ipcfg_wildcard_match(c->adapter, l.items[i].name))
            continue;
        if (matches++ < 8)
            ipcfg_sb_printf(&names, "%s\"%s\"", matches > 1 ? ", " : "", l.items[i].name);
        target = &l.items[i];
    }
    char a[IPCFG_IPSTR_MAX], m[IPCFG_IPSTR_MAX];
    ipcfg_ip mask;
    ipcfg_prefix_to_mask(c->add_prefix, &mask);
    ipcfg_ip_str(&c->add_addr, a, sizeof(a));
    ipcfg_ip_str(&mask, m, sizeof(m));

    uint32_t ctx = 0;
    int has_ctx = 0, code;
    if (matches == 0) {
        ipcfg_error_set(&err, IPCFG_E_STATE, IPCFG_R_NOT_FOUND, "no adapter matches \"%s\".", c->adapter);
    } else if (matches > 1) {
        ipcfg_error_set(&err, IPCFG_E_USAGE, IPCFG_R_NONE, "\"%s\" matches %zu adapters (%s%s); /add needs exactly one.",
                        c->adapter, matches, ipcfg_sb_str(&names), matches > 8 ? ", ..." : "");
    } else if (b->add_address(b, target, &c->add_addr, c->add_prefix, &ctx, &has_ctx, &err) != 0 &&
               err.status == 0) {
        err.status = IPCFG_E_FAILED;
    }
    ipcfg_sb_free(&names);
    code = (int)err.status;
    const char *name = target && matches == 1 ? target->name : c->adapter;
    if (code)
        fail_line(w, "add", name, &err);
    if (c->json) {
        json_head(w, b, "add");
        ipcfg_sb_puts(&w->o, ",\n  \"adapter\": ");
        ipcfg_json_str(&w->o, name);
        ipcfg_sb_puts(&w->o, ",\n  \"address\": ");
        ipcfg_json_str(&w->o, a);
        ipcfg_sb_puts(&w->o, ",\n  \"subnet_mask\": ");
        ipcfg_json_str(&w->o, m);
        ipcfg_sb_printf(&w->o, ",\n  \"prefix_length\": %u,\n  \"context\": ", c->add_prefix);
        if (!code && has_ctx)
            ipcfg_sb_printf(&w->o, "%lu", (unsigned long)ctx);
        else
            ipcfg_sb_puts(&w->o, "null");
        ipcfg_sb_printf(&w->o, ",\n  \"result\": \"%s\"", code ? "error" : "ok");
        json_tail(w, code, "add", name, &err);
    } else if (!code) {
        ipcfg_sb_printf(&w->o, "Added %s, subnet mask %s, to %s", a, m, name);
        if (has_ctx)
            ipcfg_sb_printf(&w->o, " (NTE context %lu)", (unsigned long)ctx);
        ipcfg_sb_puts(&w->o, ".\n");
    }
    flush(w);
    ipcfg_adapters_free(&l);
    return code;
}

static int run_delete(const ipcfg_cmd *c, ipcfg_backend *b, out *w)
{
    ipcfg_error err;
    ipcfg_error_clear(&err);
    ipcfg_delete_target t;
    memset(&t, 0, sizeof(t));
    t.by_context = c->del_by_context;
    t.context = c->del_context;
    t.addr = c->del_addr;
    char what[IPCFG_IPSTR_MAX + 32];
    if (t.by_context)
        snprintf(what, sizeof(what), "NTE context %lu", (unsigned long)t.context);
    else
        ipcfg_ip_str(&t.addr, what, sizeof(what));
    if (b->delete_address(b, &t, &err) != 0 && err.status == 0)
        err.status = IPCFG_E_FAILED;
    int code = (int)err.status;
    if (code)
        fail_line(w, "delete", NULL, &err);
    if (c->json) {
        char a[IPCFG_IPSTR_MAX];
        json_head(w, b, "delete");
        ipcfg_sb_puts(&w->o, ",\n  \"address\": ");
        if (t.by_context)
            ipcfg_sb_puts(&w->o, "null");
        else
            ipcfg_json_str(&w->o, ipcfg_ip_str(&t.addr, a, sizeof(a)));
        ipcfg_sb_puts(&w->o, ",\n  \"context\": ");
        if (t.by_context)
            ipcfg_sb_printf(&w->o, "%lu", (unsigned long)t.context);
        else
            ipcfg_sb_puts(&w->o, "null");
        ipcfg_sb_printf(&w->o, ",\n  \"result\": \"%s\"", code ? "error" : "ok");
        json_tail(w, code, "delete", NULL, &err);
    } else if (!code) {
        ipcfg_sb_printf(&w->o, "Deleted %s.\n", what);
    }
    flush(w);
    return code;
}

int ipcfg_run(const ipcfg_cmd *c, ipcfg_backend *b, const ipcfg_sink *sink)
{
    out w = {sink, {0}, {0}, 0};
    int code = 0;
    switch (c->verb) {
    case IPCFG_V_SHOW:
    case IPCFG_V_ALL: code = run_list(c, b, &w); break;
    case IPCFG_V_ADDRTABLE: code = run_addrtable(c, b, &w); break;
    case IPCFG_V_RELEASE:
    case IPCFG_V_RENEW: code = run_relnew(c, b, &w); break;
    case IPCFG_V_ADD: code = run_add(c, b, &w); break;
    case IPCFG_V_DELETE: code = run_delete(c, b, &w); break;
    case IPCFG_V_RELEASE6:
    case IPCFG_V_RENEW6: {
        ipcfg_error err;
        ipcfg_error_clear(&err);
        ipcfg_error_set(&err, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP,
                        "IPv6 release/renew is not supported: no interface for IPv6 release/renew exists in "
                        "this tool (the IP Helper API has none).");
        code = fail_whole(&w, c, b, NULL, &err);
        break;
    }
    case IPCFG_V_HELP:
    case IPCFG_V_VERSION: break; /* handled in ipcfg_main */
    }
    ipcfg_sb_free(&w.o);
    ipcfg_sb_free(&w.e);
    return w.oom && code == 0 ? IPCFG_E_FAILED : code;
}

static int wants_json(int argc, char *const *argv)
{
    for (int i = 1; i < argc; i++) {
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
    out w = {sink, {0}, {0}, 0};
    int code;

    if (ipcfg_cli_parse(argc, argv, &cmd, msg, sizeof(msg)) != 0) {
        if (msg[0]) {
            ipcfg_sb_printf(&w.e, "%s\n", msg);
        } else {
            ipcfg_sb_puts(&w.e, "Error: unrecognized or incomplete command line.\n");
            ipcfg_sb_puts(&w.e, usage_text);
        }
        if (wants_json(argc, argv)) {
            ipcfg_error err;
            ipcfg_error_clear(&err);
            ipcfg_error_set(&err, IPCFG_E_USAGE, IPCFG_R_NONE, "%s",
                            msg[0] ? msg + (strncmp(msg, "Error: ", 7) == 0 ? 7 : 0)
                                   : "unrecognized or incomplete command line.");
            json_head(&w, NULL, "usage");
            json_tail(&w, IPCFG_E_USAGE, NULL, NULL, &err);
        }
        flush(&w);
        code = IPCFG_E_USAGE;
    } else if (cmd.verb == IPCFG_V_HELP) {
        ipcfg_sb_puts(&w.o, usage_text);
        flush(&w);
        code = 0;
    } else if (cmd.verb == IPCFG_V_VERSION) {
        if (cmd.json) {
            json_head(&w, NULL, "version");
            json_tail(&w, 0, NULL, NULL, NULL);
        } else
            ipcfg_sb_printf(&w.o, "ipcfg %s\n", ipcfg_version);
        flush(&w);
        code = 0;
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
            code = fail_whole(&w, &cmd, NULL, NULL, &err);
        } else if (!opened) {
            /* /release6, /renew6 need no backend: their answer is 6 even
             * where the backend cannot be opened */
            code = ipcfg_run(&cmd, NULL, sink);
        } else {
            code = ipcfg_run(&cmd, &b, sink);
            if (b.destroy)
                b.destroy(&b);
        }
    }
    ipcfg_sb_free(&w.o);
    ipcfg_sb_free(&w.e);
    return code;
}
