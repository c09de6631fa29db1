/* ipcfg — the listing's view of ipcfg's DHCP leases (see command/lease_view.h).
 *
 * SPDX-License-Identifier: MIT
 */
#define _DEFAULT_SOURCE 1
#include "command/lease_view.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dhcp/dhcp_client.h"
#include "dhcp6/dhcp6_lease.h"
#include "exchange/lease_store.h"
#include "clock.h"

static ipcfg_adapter *by_name(ipcfg_adapter_list *l, const char *name, size_t len)
{
    for (size_t i = 0; i < l->n; i++)
        if (strncmp(l->items[i].name, name, len) == 0 && l->items[i].name[len] == '\0')
            return &l->items[i];
    return NULL;
}

/* Option 119's names in /all's "Connection-specific DNS Suffix Search
 * List" (in the server's order, as Windows shows them); 42, 114, 26 and
 * the name sent for /json (docs/json.md). */
static int fill_options(ipcfg_adapter_list *l, ipcfg_adapter *a, const ipcfg_dhcp_lease *ls)
{
    for (unsigned i = 0; i < ls->n_search && i < IPCFG_DHCP_MAX_SEARCH; i++)
        if (ipcfg_adapter_add_conn_search(l, a, ls->search[i], strlen(ls->search[i])) != 0)
            return -1;
    for (unsigned i = 0; i < ls->n_ntp && i < IPCFG_DHCP_MAX_NTP; i++) {
        ipcfg_ip ip;
        ipcfg_ip4_from_u32be(&ip, ls->ntp[i]);
        if (ipcfg_adapter_add_ntp(a, &ip) != 0)
            return -1;
    }
    a->dhcp_mtu = ls->mtu;
    if (ipcfg_adapter_set_captive_portal(l, a, ls->captive_portal, strlen(ls->captive_portal)) != 0 ||
        ipcfg_adapter_set_fqdn_sent(l, a, ls->fqdn, strlen(ls->fqdn)) != 0)
        return -1;
    return 0;
}

static int fill(ipcfg_adapter_list *l, ipcfg_adapter *a, const ipcfg_dhcp_lease *ls, int64_t now)
{
    ipcfg_ip ip;

    a->dhcp_enabled = IPCFG_YES;
    if (ls->state != IPCFG_DHCP_LEASE_BOUND)
        return 0; /* released: DHCP-enabled, nothing else to show */
    a->has_lease = 1;
    a->lease_obtained = ls->obtained;
    /* An infinite lease has no end; show the farthest time a 32-bit lease
     * field can name rather than an unprintable one. */
    a->lease_expires = ls->lease_time == IPCFG_DHCP_INFINITE ? ls->obtained + (int64_t)0xffffffffLL
                                                               : ipcfg_dhcp_lease_expires(ls);
    if (ls->lease_time != IPCFG_DHCP_INFINITE && now >= a->lease_expires) {
        /* over, and nothing renewed it (the link down, no server): its
         * server, DNS servers and domain are no longer the interface's */
        a->lease_expired = 1;
        return 0;
    }
    if (ls->server_id[0] | ls->server_id[1] | ls->server_id[2] | ls->server_id[3]) {
        a->has_dhcp_server = 1;
        ipcfg_ip4_from_u32be(&a->dhcp_server, ls->server_id);
    }
    for (unsigned i = 0; i < ls->n_dns && i < IPCFG_DHCP_MAX_DNS; i++) {
        ipcfg_ip4_from_u32be(&ip, ls->dns[i]);
        if (ipcfg_adapter_add_dns(a, &ip) != 0)
            return -1;
    }
    if (ls->domain[0] != '\0' && ipcfg_adapter_set_dns_suffix(l, a, ls->domain, strlen(ls->domain)) != 0)
        return -1;
    return fill_options(l, a, ls);
}

static void ip6_of(ipcfg_ip *ip, const uint8_t a[16], uint32_t zone)
{
    memset(ip, 0, sizeof(*ip));
    ip->family = IPCFG_AF_INET6;
    memcpy(ip->bytes, a, 16);
    ip->scope_id = ipcfg_ip6_is_linklocal(ip) ? zone : 0;
}

static int64_t at6(const ipcfg_dhcp6_lease *ls, uint32_t off)
{
    int64_t t = ipcfg_dhcp6_lease_at(ls, off);
    return t == INT64_MAX ? IPCFG_TIME_NEVER : t;
}

/* A DHCPv6 record: the adapter's IAID and client DUID (what /all shows
 * as Windows does), and a bound or configuration-only lease as its
 * lease6 (docs/json.md); a released record shows the identity only. */
static int fill6(ipcfg_adapter_list *l, ipcfg_adapter *a, const ipcfg_dhcp6_lease *ls, int64_t now)
{
    a->has_dhcpv6_iaid = 1;
    a->dhcpv6_iaid = ls->iaid;
    if (ipcfg_adapter_set_dhcpv6_duid(l, a, ls->client_duid, ls->client_duid_len) != 0)
        return -1;
    if (ls->state != IPCFG_DHCP6_LEASE_BOUND && ls->state != IPCFG_DHCP6_LEASE_STATELESS)
        return 0;
    ipcfg_lease6 *l6 = ipcfg_adapter_add_lease6(l, a);
    if (l6 == NULL)
        return -1;
    int bound = ls->state == IPCFG_DHCP6_LEASE_BOUND;
    int64_t exp = ipcfg_dhcp6_lease_expires(ls);
    l6->obtained = ls->obtained;
    l6->expires = exp == INT64_MAX ? IPCFG_TIME_NEVER : exp;
    l6->state = exp != INT64_MAX && now >= exp ? IPCFG_LEASE6_EXPIRED
                : bound                         ? IPCFG_LEASE6_BOUND
                                                : IPCFG_LEASE6_STATELESS;
    l6->t1 = bound ? at6(ls, ls->t1) : IPCFG_TIME_NEVER;
    l6->t2 = bound ? at6(ls, ls->t2) : IPCFG_TIME_NEVER;
    if (ls->server_duid_len > 0 && ipcfg_lease6_set_server_duid(l, l6, ls->server_duid, ls->server_duid_len) != 0)
        return -1;
    if (ls->has_server_addr)
        ip6_of(&l6->server_address, ls->server_addr, a->ifindex);
    ipcfg_copy_str(l6->client, sizeof(l6->client), "ipcfg");
    l6->kept = IPCFG_NO; /* a bound one: whether a keeper keeps it is asked after the scan (list.c) */
    for (unsigned i = 0; bound && i < ls->n_addrs && i < IPCFG_DHCP6_MAX_ADDRS; i++) {
        ipcfg_ip ip;
        ip6_of(&ip, ls->addrs[i].addr, a->ifindex);
        if (ipcfg_lease6_add_addr(l6, &ip, at6(ls, ls->addrs[i].preferred), at6(ls, ls->addrs[i].valid)) != 0)
            return -1;
    }
    for (unsigned i = 0; i < ls->n_dns && i < IPCFG_DHCP6_MAX_DNS; i++) {
        ipcfg_ip ip;
        ip6_of(&ip, ls->dns[i], a->ifindex);
        if (ipcfg_lease6_add_dns(l6, &ip) != 0)
            return -1;
    }
    for (unsigned i = 0; i < ls->n_domains && i < IPCFG_DHCP6_MAX_DOMAINS; i++)
        if (ipcfg_lease6_add_domain(l, l6, ls->domains[i], strlen(ls->domains[i])) != 0)
            return -1;
    return 0;
}

/* <name>.lease6 of an adapter here, read from the open directory d. */
static int scan6(ipcfg_adapter_list *l, DIR *d, const char *name, size_t n, int64_t now)
{
    size_t sl = strlen(IPCFG_LX_LEASE6_SUFFIX);
    char why[256];
    int rc = 0;

    if (n <= sl || strcmp(name + n - sl, IPCFG_LX_LEASE6_SUFFIX) != 0)
        return 0;
    ipcfg_adapter *a = by_name(l, name, n - sl);
    if (a == NULL)
        return 0;
    ipcfg_dhcp6_lease *ls = malloc(sizeof(*ls));
    if (ls == NULL)
        return -1;
    /* as for NAME.lease: a regular file, by fstat after the open */
    int fd = openat(dirfd(d), name, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd >= 0 && ipcfg_lx_lease6_read_fd(fd, ls, why, sizeof why) == 1 && strcmp(ls->ifname, a->name) == 0)
        rc = fill6(l, a, ls, now);
    if (fd >= 0)
        (void)close(fd);
    free(ls);
    return rc;
}

int ipcfg_lx_lease_view_fill(ipcfg_adapter_list *l, const char *state_dir)
{
    size_t sl = strlen(IPCFG_LX_LEASE_SUFFIX);
    struct dirent *de;
    ipcfg_dhcp_lease *ls;
    DIR *d;
    int rc = 0;

    if (l->n == 0)
        return 0;
    d = opendir(state_dir);
    if (d == NULL)
        return 0; /* no state directory: no leases */
    int64_t now = ipcfg_lx_wall_s();
    ls = malloc(sizeof *ls);
    if (ls == NULL) {
        (void)closedir(d);
        return -1;
    }
    while ((de = readdir(d)) != NULL) {
        size_t n = strlen(de->d_name);
        ipcfg_adapter *a;
        char why[256];
        int fd;

        if (de->d_name[0] == '.')
            continue;
        if (n <= sl || strcmp(de->d_name + n - sl, IPCFG_LX_LEASE_SUFFIX) != 0) {
            if (scan6(l, d, de->d_name, n, now) != 0) {
                rc = -1;
                break;
            }
            continue;
        }
        a = by_name(l, de->d_name, n - sl);
        if (a == NULL)
            continue; /* a lease of an interface that is not here */
        /* Not the directory entry's type: regular files only, by fstat
         * after the open (ipcfg_lx_lease_read_fd), a symbolic link
         * followed, as ipcfg_lx_lease_load does. */
        fd = openat(dirfd(d), de->d_name, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
        if (fd < 0)
            continue;
        if (ipcfg_lx_lease_read_fd(fd, ls, why, sizeof why) == 1 && strcmp(ls->ifname, a->name) == 0 &&
            fill(l, a, ls, now) != 0)
            rc = -1;
        (void)close(fd);
        if (rc != 0)
            break;
    }
    (void)closedir(d);
    free(ls);
    return rc;
}
