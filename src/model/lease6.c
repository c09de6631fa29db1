/* ipcfg — model: the DHCPv6 lease of an adapter record (model.h,
 * ipcfg_lease6): made in the list's arena only for a record that has one,
 * so that the records of a large listing stay small.
 * SPDX-License-Identifier: MIT */
#include "alloc.h"

#include <string.h>

ipcfg_lease6 *ipcfg_adapter_add_lease6(ipcfg_adapter_list *l, ipcfg_adapter *a)
{
    if (a->lease6)
        return a->lease6;
    ipcfg_lease6 *ls = ipcfg_model_alloc(&l->strs, sizeof(*ls), _Alignof(ipcfg_lease6));
    if (ls == NULL)
        return NULL;
    memset(ls, 0, sizeof(*ls));
    ls->state = IPCFG_LEASE6_BOUND;
    ls->expires = ls->t1 = ls->t2 = IPCFG_TIME_NEVER;
    ls->kept = IPCFG_UNKNOWN;
    a->lease6 = ls;
    return ls;
}

int ipcfg_lease6_set_server_duid(ipcfg_adapter_list *l, ipcfg_lease6 *ls, const uint8_t *duid, size_t len)
{
    return ipcfg_model_set_bytes(&l->strs, &ls->server_duid, &ls->server_duid_len, duid, len);
}

int ipcfg_lease6_add_addr(ipcfg_lease6 *ls, const ipcfg_ip *ip, int64_t preferred_until, int64_t valid_until)
{
    if (ls->n_addrs >= IPCFG_LEASE6_MAX_ADDRS)
        return -1;
    ipcfg_lease6_addr *ad = &ls->addrs[ls->n_addrs++];
    ad->ip = *ip;
    ad->preferred_until = preferred_until;
    ad->valid_until = valid_until;
    return 0;
}

int ipcfg_lease6_add_dns(ipcfg_lease6 *ls, const ipcfg_ip *ip)
{
    if (ls->n_dns >= IPCFG_LEASE6_MAX_DNS)
        return -1;
    ls->dns[ls->n_dns++] = *ip;
    return 0;
}

int ipcfg_lease6_add_domain(ipcfg_adapter_list *l, ipcfg_lease6 *ls, const char *s, size_t len)
{
    if (ls->n_domains >= IPCFG_LEASE6_MAX_DOMAINS)
        return -1;
    const char *d = ipcfg_strarena_dup(&l->strs, s, len);
    if (d == NULL)
        return -1;
    ls->domains[ls->n_domains++] = d;
    return 0;
}
