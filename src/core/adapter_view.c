/* ipcfg — what a listing shows of an adapter where two sources feed one
 * field: the DHCPv6 lease beside the platform's own lists (format.h,
 * "Adapter views").  Both formatters read these, so that the text and
 * /json always agree.  SPDX-License-Identifier: MIT */
#include "format.h"

const ipcfg_lease6_addr *ipcfg_view_lease6_addr(const ipcfg_lease6 *ls, const ipcfg_ip *ip)
{
    for (size_t i = 0; ls && i < ls->n_addrs; i++)
        if (ipcfg_ip_equal(&ls->addrs[i].ip, ip))
            return &ls->addrs[i];
    return NULL;
}

static int ip_in(const ipcfg_ip *ip, const ipcfg_ip *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (ipcfg_ip_equal(ip, &v[i]))
            return 1;
    return 0;
}

const ipcfg_ip *ipcfg_view_dns_next(const ipcfg_adapter *a, size_t *pos)
{
    const ipcfg_lease6 *ls = ipcfg_view_lease6(a);
    size_t nl = ls ? ls->n_dns : 0;
    while (*pos < nl + a->n_dns) {
        size_t i = (*pos)++;
        if (i < nl) {
            if (!ip_in(&ls->dns[i], ls->dns, i))
                return &ls->dns[i];
        } else if (!ip_in(&a->dns_servers[i - nl], ls ? ls->dns : NULL, nl)) {
            return &a->dns_servers[i - nl];
        }
    }
    return NULL;
}

/* DNS names compare without regard to ASCII case (RFC 4343). */
static int name_eq(const char *x, const char *y)
{
    for (;; x++, y++) {
        unsigned char c = (unsigned char)*x, d = (unsigned char)*y;
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if (d >= 'A' && d <= 'Z')
            d = (unsigned char)(d - 'A' + 'a');
        if (c != d)
            return 0;
        if (c == '\0')
            return 1;
    }
}

static int name_in(const char *s, const char *const *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (name_eq(s, v[i]))
            return 1;
    return 0;
}

const char *ipcfg_view_search_next(const ipcfg_adapter *a, size_t *pos)
{
    const ipcfg_lease6 *ls = ipcfg_view_lease6(a);
    size_t np = a->n_conn_search, nl = ls ? ls->n_domains : 0;
    while (*pos < np + nl) {
        size_t i = (*pos)++;
        if (i < np)
            return a->conn_search[i];
        const char *d = ls->domains[i - np];
        if (!name_in(d, a->conn_search, np) && !name_in(d, ls->domains, i - np))
            return d;
    }
    return NULL;
}
