/* ipcfg — the lease-change hook (see shared/lease_changed.h).
 *
 * An interface may hold a DHCPv4 and a DHCPv6 lease at once; the resolver
 * gets their DNS servers and names together (shared/resolver.h), so a
 * change of one is handed over with the other as its record in the state
 * directory says it is now (bound or configuration only, unexpired).
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "shared/lease_changed.h"

#include <net/if.h>
#include <stdlib.h>
#include <time.h>

#include "clock.h"
#include "exchange/lease_store.h"
#include "shared/resolver.h"
#include "shared/statedir.h"

void ipcfg_lx_lease_changed(const char *ifname, const ipcfg_dhcp_lease *lease, char *note, size_t len)
{
    char why[512];
    /* an interface that is gone (deleted, renamed, moved away) keeps
     * nothing of either lease with the resolver */
    ipcfg_dhcp6_lease *l6 = if_nametoindex(ifname) != 0 ? malloc(sizeof(*l6)) : NULL;

    if (l6 != NULL && (ipcfg_lx_lease6_load(ipcfg_lx_state_dir(), ifname, l6, why, sizeof(why)) != 1 ||
                       ipcfg_dhcp6_lease_expires(l6) <= ipcfg_lx_wall_s())) {
        free(l6);
        l6 = NULL;
    }
    ipcfg_lx_dns_update(ifname, lease, l6, note, len);
    free(l6);
}

void ipcfg_lx_lease6_changed(const char *ifname, const ipcfg_dhcp6_lease *lease, char *note, size_t len)
{
    char why[512];
    ipcfg_dhcp_lease *l4 = if_nametoindex(ifname) != 0 ? malloc(sizeof(*l4)) : NULL;

    if (l4 != NULL && (ipcfg_lx_lease_load(ipcfg_lx_state_dir(), ifname, l4, why, sizeof(why)) != 1 ||
                       l4->state != IPCFG_DHCP_LEASE_BOUND ||
                       (l4->lease_time != IPCFG_DHCP_INFINITE && ipcfg_dhcp_lease_expires(l4) <= ipcfg_lx_wall_s()))) {
        free(l4);
        l4 = NULL;
    }
    ipcfg_lx_dns_update(ifname, l4, lease, note, len);
    free(l4);
}
