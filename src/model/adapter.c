/* ipcfg — model: the adapter list and its records (set-up, string
 * setters, deep copy, the address, gateway and DNS server arrays).
 * SPDX-License-Identifier: MIT */
#include "alloc.h"

#include <stdlib.h>
#include <string.h>

void ipcfg_adapter_init(ipcfg_adapter *a)
{
    memset(a, 0, sizeof(*a));
    a->name = a->id = a->description = a->dns_suffix = a->captive_portal = a->fqdn_sent = "";
}

ipcfg_adapter *ipcfg_adapters_push(ipcfg_adapter_list *l)
{
    if (ipcfg_model_grow((void **)&l->items, &l->cap, l->n, sizeof(*l->items)) != 0)
        return NULL;
    ipcfg_adapter *a = &l->items[l->n++];
    ipcfg_adapter_init(a);
    return a;
}

int ipcfg_adapter_set_name(ipcfg_adapter_list *l, ipcfg_adapter *a, const char *s, size_t len)
{
    return ipcfg_model_set_str(&l->strs, &a->name, s, len);
}

int ipcfg_adapter_set_id(ipcfg_adapter_list *l, ipcfg_adapter *a, const char *s, size_t len)
{
    return ipcfg_model_set_str(&l->strs, &a->id, s, len);
}

int ipcfg_adapter_set_description(ipcfg_adapter_list *l, ipcfg_adapter *a, const char *s, size_t len)
{
    return ipcfg_model_set_str(&l->strs, &a->description, s, len);
}

int ipcfg_adapter_set_dns_suffix(ipcfg_adapter_list *l, ipcfg_adapter *a, const char *s, size_t len)
{
    return ipcfg_model_set_str(&l->strs, &a->dns_suffix, s, len);
}

int ipcfg_adapter_set_captive_portal(ipcfg_adapter_list *l, ipcfg_adapter *a, const char *s, size_t len)
{
    return ipcfg_model_set_str(&l->strs, &a->captive_portal, s, len);
}

int ipcfg_adapter_set_fqdn_sent(ipcfg_adapter_list *l, ipcfg_adapter *a, const char *s, size_t len)
{
    return ipcfg_model_set_str(&l->strs, &a->fqdn_sent, s, len);
}

int ipcfg_adapter_add_conn_search(ipcfg_adapter_list *l, ipcfg_adapter *a, const char *s, size_t len)
{
    if (a->n_conn_search >= IPCFG_SEARCH_MAX)
        return -1;
    /* the table: the record's own one (a copy's, in its block, with room
     * for IPCFG_SEARCH_MAX) is reused; else one made in l's arena */
    const char **v = (const char **)a->conn_search;
    if (a->n_conn_search == 0 || v == NULL) {
        const char **nv = ipcfg_strarena_alloc(&l->strs, IPCFG_SEARCH_MAX * sizeof(*nv));
        if (nv == NULL)
            return -1;
        for (size_t i = 0; i < a->n_conn_search; i++)
            nv[i] = a->conn_search[i];
        v = nv;
    }
    const char *d = ipcfg_strarena_dup(&l->strs, s, len);
    if (d == NULL)
        return -1;
    v[a->n_conn_search++] = d;
    a->conn_search = v;
    return 0;
}

int ipcfg_adapter_set_dhcpv6_duid(ipcfg_adapter_list *l, ipcfg_adapter *a, const uint8_t *duid, size_t len)
{
    return ipcfg_model_set_bytes(&l->strs, &a->dhcpv6_duid, &a->dhcpv6_duid_len, duid, len);
}

void ipcfg_adapter_free(ipcfg_adapter *a)
{
    free(a->addrs);
    free(a->gateways);
    free(a->dns_servers);
    free(a->wins_servers);
    free(a->ntp_servers);
    a->addrs = NULL;
    a->gateways = a->dns_servers = a->wins_servers = a->ntp_servers = NULL;
    a->n_addrs = a->cap_addrs = a->n_gateways = a->cap_gateways = a->n_dns = a->cap_dns = 0;
    a->n_wins = a->cap_wins = a->n_ntp = a->cap_ntp = 0;
    if (a->own) {
        free(a->own);
        a->own = NULL;
        a->name = a->id = a->description = a->dns_suffix = a->captive_portal = a->fqdn_sent = "";
        a->conn_search = NULL;
        a->n_conn_search = 0;
        a->dhcpv6_duid = NULL;
        a->dhcpv6_duid_len = 0;
        a->lease6 = NULL;
    }
}

void ipcfg_adapters_free(ipcfg_adapter_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        ipcfg_adapter_free(&l->items[i]);
    free(l->items);
    ipcfg_strarena_free(&l->strs);
    memset(l, 0, sizeof(*l));
}

static void *dup_array(const void *src, size_t n, size_t sz)
{
    if (n == 0)
        return NULL;
    void *p = malloc(n * sz);
    if (p)
        memcpy(p, src, n * sz);
    return p;
}

static size_t str_size(const char *s)
{
    return s && s[0] ? strlen(s) + 1 : 0;
}

/* s copied to *at (advanced), or "" for an empty one */
static const char *put_str(char **at, const char *s)
{
    size_t n = str_size(s);
    if (n == 0)
        return "";
    char *d = *at;
    memcpy(d, s, n);
    *at += n;
    return d;
}

/* b[0..n) copied to *at (advanced), or NULL for none */
static const uint8_t *put_bytes(char **at, const uint8_t *b, size_t n)
{
    if (n == 0)
        return NULL;
    uint8_t *d = (uint8_t *)*at;
    memcpy(d, b, n);
    *at += n;
    return d;
}

/* The size of a record's own block (ipcfg_adapter_copy): the DHCPv6
 * lease first (the block is malloc'd, so aligned for it), the search
 * list's table (room for IPCFG_SEARCH_MAX), then the strings and DUIDs. */
static size_t own_size(const ipcfg_adapter *src, size_t *lease, size_t *tab)
{
    *lease = src->lease6 ? sizeof(ipcfg_lease6) : 0;
    *tab = src->n_conn_search ? IPCFG_SEARCH_MAX * sizeof(char *) : 0;
    size_t total = *lease + *tab + str_size(src->name) + str_size(src->id) + str_size(src->description) +
                   str_size(src->dns_suffix) + str_size(src->captive_portal) + str_size(src->fqdn_sent) +
                   src->dhcpv6_duid_len;
    for (size_t i = 0; i < src->n_conn_search; i++)
        total += str_size(src->conn_search[i]);
    if (src->lease6) {
        total += src->lease6->server_duid_len;
        for (size_t i = 0; i < src->lease6->n_domains; i++)
            total += str_size(src->lease6->domains[i]);
    }
    return total;
}

/* The strings, DUIDs and DHCPv6 lease of src into dst's block (NULL when
 * src has none of them). */
static void own_fill(ipcfg_adapter *dst, const ipcfg_adapter *src, char *block, size_t lease, size_t tab)
{
    char *at = block ? block + lease + tab : NULL;
    dst->own = block;
    dst->name = put_str(&at, src->name);
    dst->id = put_str(&at, src->id);
    dst->description = put_str(&at, src->description);
    dst->dns_suffix = put_str(&at, src->dns_suffix);
    dst->captive_portal = put_str(&at, src->captive_portal);
    dst->fqdn_sent = put_str(&at, src->fqdn_sent);
    dst->dhcpv6_duid = put_bytes(&at, src->dhcpv6_duid, src->dhcpv6_duid_len);
    dst->conn_search = NULL;
    if (src->n_conn_search) {
        const char **v = (const char **)(void *)(block + lease);
        for (size_t i = 0; i < src->n_conn_search; i++)
            v[i] = put_str(&at, src->conn_search[i]);
        dst->conn_search = v;
    }
    dst->lease6 = NULL;
    if (src->lease6) {
        ipcfg_lease6 *ls = (ipcfg_lease6 *)(void *)block;
        *ls = *src->lease6;
        ls->server_duid = put_bytes(&at, src->lease6->server_duid, src->lease6->server_duid_len);
        for (size_t i = 0; i < ls->n_domains; i++)
            ls->domains[i] = put_str(&at, src->lease6->domains[i]);
        dst->lease6 = ls;
    }
}

int ipcfg_adapter_copy(ipcfg_adapter *dst, const ipcfg_adapter *src)
{
    *dst = *src;
    dst->own = NULL;
    dst->addrs = dup_array(src->addrs, src->n_addrs, sizeof(*src->addrs));
    dst->gateways = dup_array(src->gateways, src->n_gateways, sizeof(*src->gateways));
    dst->dns_servers = dup_array(src->dns_servers, src->n_dns, sizeof(*src->dns_servers));
    dst->wins_servers = dup_array(src->wins_servers, src->n_wins, sizeof(*src->wins_servers));
    dst->ntp_servers = dup_array(src->ntp_servers, src->n_ntp, sizeof(*src->ntp_servers));
    dst->cap_addrs = src->n_addrs;
    dst->cap_gateways = src->n_gateways;
    dst->cap_dns = src->n_dns;
    dst->cap_wins = src->n_wins;
    dst->cap_ntp = src->n_ntp;
    size_t lease, tab;
    size_t total = own_size(src, &lease, &tab);
    char *block = total ? malloc(total) : NULL;
    if ((src->n_addrs && !dst->addrs) || (src->n_gateways && !dst->gateways) || (src->n_dns && !dst->dns_servers) ||
        (src->n_wins && !dst->wins_servers) || (src->n_ntp && !dst->ntp_servers) || (total && !block)) {
        free(block);
        ipcfg_adapter_free(dst);
        ipcfg_adapter_init(dst);
        return -1;
    }
    own_fill(dst, src, block, lease, tab);
    return 0;
}

ipcfg_addr *ipcfg_adapter_add_addr(ipcfg_adapter *a)
{
    if (ipcfg_model_grow((void **)&a->addrs, &a->cap_addrs, a->n_addrs, sizeof(*a->addrs)) != 0)
        return NULL;
    ipcfg_addr *r = &a->addrs[a->n_addrs++];
    memset(r, 0, sizeof(*r));
    r->valid_lifetime = -1;
    return r;
}

/* One more address in a list of ipcfg_ip (gateways, DNS, WINS servers). */
static int add_ip(ipcfg_ip **v, size_t *n, size_t *cap, const ipcfg_ip *ip)
{
    if (ipcfg_model_grow((void **)v, cap, *n, sizeof(**v)) != 0)
        return -1;
    (*v)[(*n)++] = *ip;
    return 0;
}

int ipcfg_adapter_add_gateway(ipcfg_adapter *a, const ipcfg_ip *ip)
{
    return add_ip(&a->gateways, &a->n_gateways, &a->cap_gateways, ip);
}

int ipcfg_adapter_add_dns(ipcfg_adapter *a, const ipcfg_ip *ip)
{
    return add_ip(&a->dns_servers, &a->n_dns, &a->cap_dns, ip);
}

int ipcfg_adapter_add_wins(ipcfg_adapter *a, const ipcfg_ip *ip)
{
    return add_ip(&a->wins_servers, &a->n_wins, &a->cap_wins, ip);
}

int ipcfg_adapter_add_ntp(ipcfg_adapter *a, const ipcfg_ip *ip)
{
    if (a->n_ntp >= IPCFG_NTP_MAX)
        return 0;
    return add_ip(&a->ntp_servers, &a->n_ntp, &a->cap_ntp, ip);
}
