/* ipcfg — which adapters a command acts on (core_int.h: the listing's
 * adapters, a name or wildcard), and whether this process may change the
 * network configuration at all, asked before anything is selected.
 * SPDX-License-Identifier: MIT */
#include "core_int.h"

#include "wildcard.h"

int ipcfg_core_listed(const ipcfg_adapter *a) { return a->type != IPCFG_IF_LOOPBACK; }

void ipcfg_selector_init(ipcfg_selector *s, const ipcfg_backend *b, const char *pattern, const ipcfg_adapter_list *l,
                         int listed_only)
{
    s->pattern = pattern;
    s->exact = 0;
    s->case_sensitive = b->names_case_sensitive;
    for (size_t i = 0; pattern && i < l->n && !s->exact; i++)
        if ((!listed_only || ipcfg_core_listed(&l->items[i])) &&
            ipcfg_name_equal(pattern, l->items[i].name, s->case_sensitive))
            s->exact = 1;
}

int ipcfg_selects(const ipcfg_selector *s, const char *name)
{
    if (!s->pattern)
        return 1;
    if (s->exact)
        return ipcfg_name_equal(s->pattern, name, s->case_sensitive);
    return ipcfg_wildcard_match(s->pattern, name);
}

int ipcfg_core_denied(const ipcfg_cmd *c, ipcfg_backend *b, ipcfg_out *w, int dhcp, int *code)
{
    ipcfg_error err;
    ipcfg_error_clear(&err);
    if (!b->check_change || b->check_change(b, dhcp, &err) == 0)
        return 0;
    if (!err.status)
        err.status = IPCFG_E_FAILED;
    *code = ipcfg_core_fail(w, c, b, &err);
    return 1;
}
