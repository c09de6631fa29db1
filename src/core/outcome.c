/* ipcfg — the result model's one rule: the exit code of an outcome.
 * Pure: no output, no backend.  SPDX-License-Identifier: MIT */
#include "outcome.h"

#include <string.h>

void ipcfg_outcome_init(ipcfg_outcome *o, ipcfg_outcome_kind kind, const ipcfg_cmd *cmd)
{
    memset(o, 0, sizeof(*o));
    o->kind = kind;
    if (cmd) {
        o->verb = cmd->verb;
        o->json = cmd->json;
    }
    o->usage_msg = "";
    ipcfg_error_clear(&o->error);
    ipcfg_error_clear(&o->op_err);
}

static void decide(ipcfg_verdict *v, int code, const ipcfg_error *e, const char *name)
{
    v->code = code;
    v->has_error = code != 0 && e != NULL;
    if (v->has_error)
        v->error = *e;
    v->name = name;
}

void ipcfg_outcome_verdict(const ipcfg_outcome *o, ipcfg_verdict *v)
{
    memset(v, 0, sizeof(*v));
    ipcfg_error_clear(&v->error);
    switch (o->kind) {
    case IPCFG_OC_USAGE: {
        ipcfg_error e = o->error;
        e.status = IPCFG_E_USAGE;
        decide(v, IPCFG_E_USAGE, &e, NULL);
        return;
    }
    case IPCFG_OC_HELP:
    case IPCFG_OC_VERSION:
    case IPCFG_OC_LIST:
    case IPCFG_OC_ADDRTABLE:
        return;
    case IPCFG_OC_FAILED:
        decide(v, o->error.status ? (int)o->error.status : IPCFG_E_FAILED, &o->error, NULL);
        return;
    case IPCFG_OC_ADD:
        decide(v, (int)o->op_err.status, &o->op_err, o->op_adapter);
        return;
    case IPCFG_OC_DELETE:
    case IPCFG_OC_FLUSHDNS:
        decide(v, (int)o->op_err.status, &o->op_err, NULL);
        return;
    case IPCFG_OC_CLASSID:
        if (o->op_err.status) {
            decide(v, (int)o->op_err.status, &o->op_err, NULL);
            return;
        }
        break;
    case IPCFG_OC_DHCP:
        break;
    }
    int any_acted = 0;
    for (size_t k = 0; k < o->n_results; k++) {
        const ipcfg_result *r = &o->results[k];
        any_acted |= r->acted;
        if (r->err.status && r->counts && !v->code)
            decide(v, (int)r->err.status, &r->err, r->ad ? r->ad->name : NULL);
    }
    if (!any_acted && !v->code && o->kind == IPCFG_OC_DHCP) {
        ipcfg_error none;
        ipcfg_error_clear(&none);
        ipcfg_error_set(&none, IPCFG_E_STATE, IPCFG_R_NO_ADAPTER_PERMISSIBLE, NULL);
        decide(v, IPCFG_E_STATE, &none, NULL);
        v->none_permissible = 1;
    }
}

int ipcfg_outcome_exit_code(const ipcfg_outcome *o)
{
    ipcfg_verdict v;
    ipcfg_outcome_verdict(o, &v);
    return v.code;
}
