/* ipcfg — the lease-change hook (see shared/lease_changed.h).
 *
 * SPDX-License-Identifier: MIT
 */
#include "shared/lease_changed.h"

#include "shared/resolver.h"

void ipcfg_lx_lease_changed(const char *ifname, const ipcfg_dhcp_lease *lease, char *note, size_t len)
{
    /* the DNS servers and domain follow the lease */
    ipcfg_lx_dns_update(ifname, lease, note, len);
}
