/* ipcfg — the verbs of the DHCP client, on the adapters they select:
 * /release, /renew and /registerdns (all of them handed to the backend in
 * one call, under one deadline), /showclassid and /setclassid (each
 * adapter in listing order).  SPDX-License-Identifier: MIT */
#include "core_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peer_advice.h"
#include "wildcard.h"

/* The answer 6 for a verb or option that the platform leaves undone: its
 * own reason where it has one (backend.h, not_supported), else the core's
 * line. */
static void unsupported(ipcfg_backend *b, ipcfg_client_op op, const char *what, ipcfg_error *err)
{
    ipcfg_error_clear(err);
    if (b->not_supported)
        b->not_supported(b, op, err);
    if (!err->status)
        ipcfg_error_set(err, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP, "%s is not supported on this platform yet.", what);
}

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

/* A DHCPv6 lease of ipcfg's own that is bound now, as the listing shows
 * it (another DHCP client's adapters are left out before this is asked). */
static int holds_lease6(const ipcfg_adapter *a)
{
    return a->lease6 != NULL && a->lease6->state == IPCFG_LEASE6_BOUND;
}

/* One more job of an adapter (/registerdns: its DHCPv4 job, then its
 * DHCPv6 one) into its result: the first failure is the adapter's (a
 * failure's line stands alone); successes keep every note, a space
 * between them. */
static void merge_err(ipcfg_error *into, const ipcfg_error *e)
{
    if (into->status != 0 || (e->status == 0 && e->text[0] == '\0'))
        return;
    if (e->status != 0 || into->text[0] == '\0') {
        *into = *e;
        return;
    }
    size_t n = strlen(into->text);
    if (n + 2 < sizeof(into->text)) { /* what does not fit is cut at a character's end */
        into->text[n++] = ' ';
        ipcfg_copy_str(into->text + n, sizeof(into->text) - n, e->text);
    }
}

/* The backend's answers into the results of the adapters acted on (each
 * acted result has its jobs in a row), then the resulting state, listed
 * once after every operation (into *after). */
static void take_results(ipcfg_backend *b, ipcfg_result *res, size_t nres, const ipcfg_dhcp_job *jobs, size_t njobs,
                         int named, ipcfg_adapter_list *after)
{
    for (size_t k = 0, j = 0; k < nres && j < njobs; k++) {
        if (!res[k].acted)
            continue;
        res[k].err = jobs[j++].err;
        for (; j < njobs && jobs[j].ad == res[k].ad; j++)
            merge_err(&res[k].err, &jobs[j].err);
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

/* The jobs of an adapter acted on: one of the verb's family; /registerdns
 * one for each lease the adapter holds, its DHCPv4 one first (DHCP
 * enabled), then its DHCPv6 one (bound).  *njobs is counted up. */
static void add_jobs(const ipcfg_cmd *c, const ipcfg_adapter *a, ipcfg_dhcp_job *jobs, size_t *njobs)
{
    int v6 = c->verb == IPCFG_V_RELEASE6 || c->verb == IPCFG_V_RENEW6;
    int both = c->verb == IPCFG_V_REGISTERDNS;
    int four = both ? a->dhcp_enabled == IPCFG_YES : !v6;
    int six = both ? holds_lease6(a) : v6;

    for (int f = 0; f < 2; f++) {
        if (!(f ? six : four))
            continue;
        jobs[*njobs].ad = a;
        jobs[*njobs].family = f ? IPCFG_AF_INET6 : IPCFG_AF_INET4;
        ipcfg_error_clear(&jobs[*njobs].err);
        (*njobs)++;
    }
}

/* The adapters a release, renew or registerdns selects, each with its
 * result: those acted on also get their jobs.  *nres and *njobs are
 * counted up. */
static void select_dhcp(const ipcfg_cmd *c, ipcfg_backend *b, const ipcfg_adapter_list *l, ipcfg_result *res,
                        size_t *nres, ipcfg_dhcp_job *jobs, size_t *njobs)
{
    int v6 = c->verb == IPCFG_V_RELEASE6 || c->verb == IPCFG_V_RENEW6;
    int release = c->verb == IPCFG_V_RELEASE || c->verb == IPCFG_V_RELEASE6;
    int named = c->adapter != NULL;
    int both = c->verb == IPCFG_V_REGISTERDNS;
    ipcfg_selector sel;
    ipcfg_selector_init(&sel, b, c->adapter, l, 1);

    for (size_t i = 0; i < l->n; i++) {
        const ipcfg_adapter *a = &l->items[i];
        if (!ipcfg_core_listed(a) || !ipcfg_selects(&sel, a->name))
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
            /* another DHCP client runs it: never fight it (docs/linux.md,
             * "/release and /renew never fight it").
             * Named, a failure; implicit, a note that does not fail the
             * run, as for a disconnected adapter */
            char cmd[IPCFG_ADAPTER_NAME_MAX * 2 + 64] = "";
            if (b->client_command)
                b->client_command(a, release, cmd, sizeof(cmd));
            ipcfg_peer_refusal(&r->err, a, cmd);
            r->counts = named;
        } else if (!(v6     ? named || a->lease6 != NULL
                     : both ? a->dhcp_enabled == IPCFG_YES || holds_lease6(a)
                            : a->dhcp_enabled == IPCFG_YES) &&
                   !obtain) {
            /* DHCPv6: without a name, the adapters that hold a DHCPv6
             * lease (the listing's lease6); a named one goes to the
             * backend, whose record says whether there is one.
             * /registerdns: every lease there is, either family's */
            if (!named)
                continue; /* static adapters are skipped silently */
            ipcfg_error_set(&r->err, IPCFG_E_STATE, IPCFG_R_NOT_DHCP, NULL);
            r->counts = 1;
        } else if (!a->media_connected && (release || !a->media_pending)) {
            ipcfg_error_set(&r->err, IPCFG_E_STATE, IPCFG_R_MEDIA_DISCONNECTED, NULL);
            r->counts = named; /* implicit selection: noted, not fatal */
        } else if (release && !v6 && !has_ipv4(a)) {
            continue; /* already released: nothing to do (DHCPv6: the backend's record says) */
        } else if (release && v6 && !named && a->lease6->state == IPCFG_LEASE6_EXPIRED) {
            continue; /* its time is over: the kernel removed its address, nothing to release */
        } else {
            r->acted = 1;
            r->counts = 1;
            add_jobs(c, a, jobs, njobs);
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

ipcfg_core_dhcp_fn ipcfg_core_dhcp_op(const ipcfg_cmd *c, const ipcfg_backend *b)
{
    switch (c->verb) {
    case IPCFG_V_RELEASE: return b->release;
    case IPCFG_V_RENEW: return b->renew;
    case IPCFG_V_REGISTERDNS: return b->register_dns;
    case IPCFG_V_RELEASE6: return b->release6;
    case IPCFG_V_RENEW6: return b->renew6;
    default: return NULL;
    }
}

int ipcfg_core_run_dhcp(const ipcfg_cmd *c, ipcfg_backend *b, ipcfg_out *w)
{
    int release = c->verb == IPCFG_V_RELEASE || c->verb == IPCFG_V_RELEASE6;
    int registerdns = c->verb == IPCFG_V_REGISTERDNS;
    ipcfg_core_dhcp_fn op = ipcfg_core_dhcp_op(c, b);
    ipcfg_error err;
    ipcfg_error_clear(&err);

    /* What the platform does not do is answered before anything is asked
     * or changed: the operation, then a /hostname it cannot send. */
    if (!op && registerdns)
        unsupported(b, IPCFG_CLIENT_REGISTER_DNS, "/registerdns", &err);
    else if (!op)
        ipcfg_error_set(&err, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP, "DHCP %s is not supported on this platform yet.",
                        ipcfg_verb_name(c->verb));
    else if (!release && c->has_hostname && !b->sends_hostname)
        unsupported(b, IPCFG_CLIENT_HOSTNAME, "/hostname", &err);
    if (err.status)
        return ipcfg_core_fail(w, c, b, &err);
    int code;
    if (ipcfg_core_denied(c, b, w, 1, &code))
        return code;

    ipcfg_adapter_list l = {0};
    if (b->list(b, NULL, &l, &err) != 0) {
        ipcfg_adapters_free(&l);
        return ipcfg_core_fail(w, c, b, &err);
    }

    ipcfg_result *res = l.n ? calloc(l.n, sizeof(*res)) : NULL;
    /* /registerdns: up to two jobs an adapter, one for each family */
    ipcfg_dhcp_job *jobs = l.n ? calloc(registerdns ? 2 * l.n : l.n, sizeof(*jobs)) : NULL;
    size_t nres = 0, njobs = 0;
    if (l.n && (!res || !jobs)) {
        free(res);
        free(jobs);
        ipcfg_adapters_free(&l);
        ipcfg_error_set(&err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "out of memory");
        return ipcfg_core_fail(w, c, b, &err);
    }
    ipcfg_op_opts opts;
    memset(&opts, 0, sizeof(opts));
    opts.timeout_s = c->has_timeout ? c->timeout_s : 0;
    if (!release && c->has_hostname) {
        opts.hostname_set = 1;
        opts.hostname = c->hostname;
    }
    select_dhcp(c, b, &l, res, &nres, jobs, &njobs);

    /* Every selected adapter at once, under one deadline: /timeout bounds
     * the whole command (docs/verbs/renew.md, "Options"). */
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
    code = ipcfg_core_emit(w, &oc, b);
    ipcfg_adapters_free(&after);
    ipcfg_adapters_free(&l);
    free(res);
    free(jobs);
    return code;
}

/* One adapter of /showclassid (into buf, IPCFG_CLASSID_MAX + 1 bytes) or
 * /setclassid: its result. */
static void classid_one(const ipcfg_cmd *c, ipcfg_backend *b, const ipcfg_adapter *a, ipcfg_result *r, char *buf)
{
    memset(r, 0, sizeof(*r));
    ipcfg_error_clear(&r->err);
    r->ad = r->state = a;
    r->acted = r->counts = 1;
    if (c->verb == IPCFG_V_SETCLASSID) {
        if (b->set_classid(b, a, c->classid, &r->err) != 0 && !r->err.status)
            r->err.status = IPCFG_E_FAILED;
        return;
    }
    buf[0] = '\0';
    if (b->show_classid(b, a, buf, IPCFG_CLASSID_MAX + 1, &r->err) != 0) {
        if (!r->err.status)
            r->err.status = IPCFG_E_FAILED;
        return;
    }
    buf[IPCFG_CLASSID_MAX] = '\0';
    /* never shown unchecked, whatever the store held */
    if (ipcfg_classid_check(buf, strlen(buf), NULL) != IPCFG_CLASSID_OK) {
        ipcfg_error_set(&r->err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "the class ID kept for it is not valid text.");
        return;
    }
    r->classid = buf;
}

/* /showclassid, /setclassid: every adapter the argument selects, a
 * wildcard included (docs/verbs/showclassid.md), in listing order. */
int ipcfg_core_run_classid(const ipcfg_cmd *c, ipcfg_backend *b, ipcfg_out *w)
{
    int set = c->verb == IPCFG_V_SETCLASSID;
    ipcfg_error err;
    ipcfg_error_clear(&err);
    if (set ? b->set_classid == NULL : b->show_classid == NULL) {
        unsupported(b, set ? IPCFG_CLIENT_SET_CLASSID : IPCFG_CLIENT_SHOW_CLASSID, set ? "/setclassid" : "/showclassid",
                    &err);
        return ipcfg_core_fail(w, c, b, &err);
    }
    int code;
    if (set && ipcfg_core_denied(c, b, w, 0, &code))
        return code;
    ipcfg_adapter_list l = {0};
    if (b->list(b, NULL, &l, &err) != 0) {
        ipcfg_adapters_free(&l);
        return ipcfg_core_fail(w, c, b, &err);
    }
    ipcfg_result *res = l.n ? calloc(l.n, sizeof(*res)) : NULL;
    char *classes = l.n && !set ? calloc(l.n, IPCFG_CLASSID_MAX + 1) : NULL;
    if (l.n && (!res || (!set && !classes))) {
        free(res);
        free(classes);
        ipcfg_adapters_free(&l);
        ipcfg_error_set(&err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "out of memory");
        return ipcfg_core_fail(w, c, b, &err);
    }
    ipcfg_selector sel;
    ipcfg_selector_init(&sel, b, c->adapter, &l, 1);
    size_t n = 0;
    for (size_t i = 0; i < l.n; i++)
        if (ipcfg_core_listed(&l.items[i]) && ipcfg_selects(&sel, l.items[i].name)) {
            classid_one(c, b, &l.items[i], &res[n], classes ? classes + n * (IPCFG_CLASSID_MAX + 1) : NULL);
            n++;
        }

    ipcfg_outcome oc;
    ipcfg_outcome_init(&oc, IPCFG_OC_CLASSID, c);
    oc.results = res;
    oc.n_results = n;
    oc.op_classid = c->classid;
    if (n == 0)
        ipcfg_error_set(&oc.op_err, IPCFG_E_STATE, IPCFG_R_NOT_FOUND, "no adapter matches \"%s\".", c->adapter);
    code = ipcfg_core_emit(w, &oc, b);
    free(classes);
    free(res);
    ipcfg_adapters_free(&l);
    return code;
}
