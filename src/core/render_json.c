/* ipcfg — whole JSON documents of every outcome (ipcfg_json_render): the
 * head, the listing or the per-adapter results, /add and /delete, the
 * verdict.  The records (adapter, host, address table, error) are
 * format_json.c's.  docs/json.md is the schema.
 * SPDX-License-Identifier: MIT */
#include "format.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void doc_head(ipcfg_strbuf *o, const ipcfg_outcome *oc, const char *command)
{
    ipcfg_sb_puts(o, "{\n  \"ipcfg_version\": ");
    ipcfg_json_str(o, oc->version ? oc->version : "");
    ipcfg_sb_puts(o, ",\n  \"platform\": ");
    if (oc->platform)
        ipcfg_json_str(o, oc->platform);
    else
        ipcfg_sb_puts(o, "null");
    ipcfg_sb_puts(o, ",\n  \"command\": ");
    ipcfg_json_str(o, command);
}

static void doc_tail(ipcfg_strbuf *o, const ipcfg_verdict *v, const char *verb)
{
    ipcfg_sb_printf(o, ",\n  \"exit_code\": %d,\n  \"error\": ", v->code);
    if (v->has_error)
        ipcfg_json_error(o, verb, v->name, &v->error, 1);
    else
        ipcfg_sb_puts(o, "null");
    ipcfg_sb_puts(o, "\n}\n");
}

static void doc_list(ipcfg_strbuf *o, const ipcfg_outcome *oc)
{
    int all = oc->verb == IPCFG_V_ALL;
    if (all) {
        ipcfg_sb_puts(o, ",\n  \"host\": ");
        ipcfg_json_host(o, oc->host, 1);
    }
    ipcfg_sb_puts(o, ",\n  \"adapters\": [");
    for (size_t i = 0; i < oc->n_adapters; i++) {
        ipcfg_sb_puts(o, i ? ",\n    " : "\n    ");
        ipcfg_json_adapter(o, oc->adapters[i], all, 2);
    }
    ipcfg_sb_puts(o, oc->n_adapters ? "\n  ]" : "]");
}

/* A string, or null for NULL and "" */
static void str_or_null(ipcfg_strbuf *o, const char *s)
{
    if (s && s[0])
        ipcfg_json_str(o, s);
    else
        ipcfg_sb_puts(o, "null");
}

/* The per-adapter results: each its adapter, result, exit code and error,
 * then what the verb adds (release, renew, registerdns: the state after
 * it; showclassid: the class). */
static void doc_results(ipcfg_strbuf *o, const ipcfg_outcome *oc, const char *verb)
{
    ipcfg_sb_puts(o, ",\n  \"results\": [");
    for (size_t k = 0; k < oc->n_results; k++) {
        const ipcfg_result *r = &oc->results[k];
        int st = (int)r->err.status;
        ipcfg_sb_puts(o, k ? ",\n    {\n" : "\n    {\n");
        ipcfg_sb_puts(o, "      \"adapter\": ");
        ipcfg_json_str(o, r->ad->name);
        ipcfg_sb_printf(o, ",\n      \"result\": \"%s\",\n      \"exit_code\": %d,\n      \"error\": ",
                        st ? "error" : "ok", st);
        if (st)
            ipcfg_json_error(o, verb, r->ad->name, &r->err, 3);
        else
            ipcfg_sb_puts(o, "null");
        if (oc->kind == IPCFG_OC_DHCP) {
            ipcfg_sb_puts(o, ",\n      \"state\": ");
            if (r->gone)
                ipcfg_sb_puts(o, "null"); /* no adapter has the name any more */
            else
                ipcfg_json_adapter(o, r->state ? r->state : r->ad, 0, 3);
        } else if (oc->verb == IPCFG_V_SHOWCLASSID) {
            ipcfg_sb_puts(o, ",\n      \"classid\": ");
            str_or_null(o, r->classid);
        }
        ipcfg_sb_puts(o, "\n    }");
    }
    ipcfg_sb_puts(o, oc->n_results ? "\n  ]" : "]");
}

static void doc_add(ipcfg_strbuf *o, const ipcfg_outcome *oc, int code)
{
    char a[IPCFG_IPSTR_MAX], m[IPCFG_IPSTR_MAX];
    ipcfg_ip mask;
    ipcfg_prefix_to_mask(oc->op_prefix, &mask);
    ipcfg_sb_puts(o, ",\n  \"adapter\": ");
    ipcfg_json_str(o, oc->op_adapter ? oc->op_adapter : "");
    ipcfg_sb_puts(o, ",\n  \"address\": ");
    ipcfg_json_str(o, ipcfg_ip_str(&oc->op_addr, a, sizeof(a)));
    ipcfg_sb_puts(o, ",\n  \"subnet_mask\": ");
    ipcfg_json_str(o, ipcfg_ip_str(&mask, m, sizeof(m)));
    ipcfg_sb_printf(o, ",\n  \"prefix_length\": %u,\n  \"context\": ", oc->op_prefix);
    if (!code && oc->op_has_context)
        ipcfg_sb_printf(o, "%lu", (unsigned long)oc->op_context);
    else
        ipcfg_sb_puts(o, "null");
    ipcfg_sb_printf(o, ",\n  \"result\": \"%s\"", code ? "error" : "ok");
}

static void doc_delete(ipcfg_strbuf *o, const ipcfg_outcome *oc, int code)
{
    char a[IPCFG_IPSTR_MAX];
    ipcfg_sb_puts(o, ",\n  \"address\": ");
    if (oc->op_by_context)
        ipcfg_sb_puts(o, "null");
    else
        ipcfg_json_str(o, ipcfg_ip_str(&oc->op_addr, a, sizeof(a)));
    ipcfg_sb_puts(o, ",\n  \"context\": ");
    if (oc->op_by_context)
        ipcfg_sb_printf(o, "%lu", (unsigned long)oc->op_context);
    else
        ipcfg_sb_puts(o, "null");
    ipcfg_sb_printf(o, ",\n  \"result\": \"%s\"", code ? "error" : "ok");
}

/* "flushed": the caches flushed, in order (empty when none was) */
static void doc_flushdns(ipcfg_strbuf *o, const ipcfg_outcome *oc)
{
    ipcfg_sb_puts(o, ",\n  \"flushed\": [");
    for (size_t i = 0; i < oc->n_caches; i++) {
        ipcfg_sb_puts(o, i ? ", " : "");
        ipcfg_json_str(o, oc->caches[i]);
    }
    ipcfg_sb_puts(o, "]");
}

void ipcfg_json_render(const ipcfg_outcome *oc, const ipcfg_verdict *v, ipcfg_doc *d)
{
    ipcfg_strbuf *o = &d->out;
    const char *verb = ipcfg_verb_name(oc->verb);
    switch (oc->kind) {
    case IPCFG_OC_HELP:
        return; /* the help text is text in both modes */
    case IPCFG_OC_USAGE: {
        /* the message once, without the parser's own "Error: " */
        ipcfg_verdict u = *v;
        const char *msg = oc->usage_msg && oc->usage_msg[0] ? oc->usage_msg : NULL;
        if (msg && strncmp(msg, "Error: ", 7) == 0)
            msg += 7;
        ipcfg_error_set(&u.error, IPCFG_E_USAGE, IPCFG_R_NONE, "%s",
                        msg ? msg : "unrecognized or incomplete command line.");
        doc_head(o, oc, "usage");
        doc_tail(o, &u, NULL);
        break;
    }
    case IPCFG_OC_VERSION:
    case IPCFG_OC_FAILED:
        doc_head(o, oc, verb);
        doc_tail(o, v, verb);
        break;
    case IPCFG_OC_LIST:
        doc_head(o, oc, verb);
        doc_list(o, oc);
        doc_tail(o, v, verb);
        break;
    case IPCFG_OC_ADDRTABLE:
        doc_head(o, oc, verb);
        ipcfg_sb_puts(o, ",\n  \"addresses\": ");
        ipcfg_json_addrtable(o, oc->table, 1);
        doc_tail(o, v, verb);
        break;
    case IPCFG_OC_DHCP:
        doc_head(o, oc, verb);
        doc_results(o, oc, verb);
        doc_tail(o, v, verb);
        break;
    case IPCFG_OC_ADD:
        doc_head(o, oc, verb);
        doc_add(o, oc, v->code);
        doc_tail(o, v, verb);
        break;
    case IPCFG_OC_DELETE:
        doc_head(o, oc, verb);
        doc_delete(o, oc, v->code);
        doc_tail(o, v, verb);
        break;
    case IPCFG_OC_FLUSHDNS:
        doc_head(o, oc, verb);
        doc_flushdns(o, oc);
        doc_tail(o, v, verb);
        break;
    case IPCFG_OC_CLASSID:
        doc_head(o, oc, verb);
        if (oc->verb == IPCFG_V_SETCLASSID) {
            ipcfg_sb_puts(o, ",\n  \"classid\": "); /* the class set; null: cleared */
            str_or_null(o, oc->op_classid);
        }
        doc_results(o, oc, verb);
        doc_tail(o, v, verb);
        break;
    }
    if (oc->json_ascii)
        ipcfg_json_to_ascii(o);
    ipcfg_doc_flush(d);
}
