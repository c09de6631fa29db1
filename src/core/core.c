/* ipcfg — the core: selects adapters, runs operations against a backend and
 * turns each command into an outcome (outcome.h), which the formatters
 * render.  Knows no platform and no output syntax.  Its files: core.c (the
 * run, the listings, /add, /delete and the DNS verbs), dhcp_verbs.c (the
 * DHCP verbs), select.c (selection and the privilege check), output.c
 * (rendering and the output).
 * SPDX-License-Identifier: MIT */
#include "ipcfg/core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_int.h"

/* ---- selection ---- */

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
        if (ipcfg_core_listed(&l->items[i]))
            v[(*n)++] = &l->items[i];
    return v;
}

/* ---- verbs ---- */

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
        return ipcfg_core_fail(w, c, b, &err);
    }
    size_t n;
    int oom;
    const ipcfg_adapter **v = shown(&l, &n, &oom);
    int code;
    if (oom) {
        ipcfg_error_set(&err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "out of memory");
        code = ipcfg_core_fail(w, c, b, &err);
    } else {
        ipcfg_outcome oc;
        ipcfg_outcome_init(&oc, IPCFG_OC_LIST, c);
        oc.host = all ? &host : NULL;
        oc.adapters = v;
        oc.n_adapters = n;
        code = ipcfg_core_emit(w, &oc, b);
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
        return ipcfg_core_fail(w, c, b, &err);
    }
    ipcfg_addrtable_sort(&t);
    ipcfg_outcome oc;
    ipcfg_outcome_init(&oc, IPCFG_OC_ADDRTABLE, c);
    oc.table = &t;
    int code = ipcfg_core_emit(w, &oc, b);
    ipcfg_addrtable_free(&t);
    return code;
}

static int run_add(const ipcfg_cmd *c, ipcfg_backend *b, ipcfg_out *w)
{
    int code;
    if (ipcfg_core_denied(c, b, w, 0, &code))
        return code;
    ipcfg_error err;
    ipcfg_error_clear(&err);
    ipcfg_adapter_list l = {0};
    if (b->list(b, NULL, &l, &err) != 0) {
        ipcfg_adapters_free(&l);
        return ipcfg_core_fail(w, c, b, &err);
    }
    const ipcfg_adapter *target = NULL;
    size_t matches = 0;
    ipcfg_strbuf names;
    ipcfg_sb_init(&names);
    ipcfg_selector sel;
    ipcfg_selector_init(&sel, b, c->adapter, &l, 0);
    for (size_t i = 0; i < l.n; i++) {
        if (!ipcfg_selects(&sel, l.items[i].name))
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
    code = ipcfg_core_emit(w, &oc, b);
    ipcfg_adapters_free(&l);
    return code;
}

static int run_delete(const ipcfg_cmd *c, ipcfg_backend *b, ipcfg_out *w)
{
    int code;
    if (ipcfg_core_denied(c, b, w, 0, &code))
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
    return ipcfg_core_emit(w, &oc, b);
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
    return ipcfg_core_emit(w, &oc, b);
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
    return ipcfg_core_fail(w, c, b, &err);
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
    case IPCFG_V_RENEW:
    case IPCFG_V_REGISTERDNS: code = ipcfg_core_run_dhcp(c, b, w); break;
    case IPCFG_V_SHOWCLASSID:
    case IPCFG_V_SETCLASSID: code = ipcfg_core_run_classid(c, b, w); break;
    case IPCFG_V_ADD: code = run_add(c, b, w); break;
    case IPCFG_V_DELETE: code = run_delete(c, b, w); break;
    case IPCFG_V_FLUSHDNS: code = run_flushdns(c, b, w); break;
    case IPCFG_V_DISPLAYDNS: code = run_displaydns(c, b, w); break;
    case IPCFG_V_RELEASE6:
    case IPCFG_V_RENEW6: {
        if (b != NULL && ipcfg_core_dhcp_op(c, b) != NULL) { /* a backend with a DHCPv6 client */
            code = ipcfg_core_run_dhcp(c, b, w);
            break;
        }
        ipcfg_error err;
        ipcfg_error_clear(&err);
        ipcfg_error_set(&err, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP,
                        "IPv6 release/renew is not supported: no interface for IPv6 release/renew exists in "
                        "this tool (the IP Helper API has none).");
        code = ipcfg_core_fail(w, c, b, &err);
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
        code = ipcfg_core_emit(&w, &oc, NULL);
    } else if (cmd.verb == IPCFG_V_HELP || cmd.verb == IPCFG_V_VERSION) {
        ipcfg_outcome oc;
        ipcfg_outcome_init(&oc, cmd.verb == IPCFG_V_HELP ? IPCFG_OC_HELP : IPCFG_OC_VERSION, &cmd);
        code = ipcfg_core_emit(&w, &oc, NULL);
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
            code = ipcfg_core_fail(&w, &cmd, NULL, &err);
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
    /* Output that could not be written is never a success
     * (docs/exit-codes.md, "3 also: output that could not be written"):
     * exit 3, whatever the command came to; a change already made stays
     * made. */
    return w.lost || w.err_lost ? IPCFG_E_FAILED : code;
}
