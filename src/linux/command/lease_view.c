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
    for (unsigned i = 0; i < ls->n_ntp && i < IPCFG_DHCP_MAX_NTP && a->n_ntp < IPCFG_NTP_MAX; i++)
        ipcfg_ip4_from_u32be(&a->ntp_servers[a->n_ntp++], ls->ntp[i]);
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
    int64_t now = ipcfg_lx_clock_ms(CLOCK_REALTIME) / 1000;
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

        if (de->d_name[0] == '.' || n <= sl || strcmp(de->d_name + n - sl, IPCFG_LX_LEASE_SUFFIX) != 0)
            continue;
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
