/* ipcfg — the lease-change hook: what follows when an interface's lease is
 * applied, withdrawn (released, refused by a NAK) or expires, whoever saw
 * it happen (the exchange, the keeper, /release of a gone name).  The one
 * place that hands a lease's DNS servers to the resolver or takes them
 * back (shared/resolver.h), a DHCPv4 and a DHCPv6 lease's together.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_SHARED_LEASE_CHANGED_H
#define IPCFG_LINUX_SHARED_LEASE_CHANGED_H

#include <stddef.h>

#include "dhcp/dhcp_lease.h"
#include "dhcp6/dhcp6_lease.h"

/* ifname's lease is now lease (NULL or a released record: none).  note:
 * "" or one line worth showing (the command's result, the keeper's log):
 * that no resolver manager runs, or that it failed. */
void ipcfg_lx_lease_changed(const char *ifname, const ipcfg_dhcp_lease *lease, char *note, size_t len);
/* The same for its DHCPv6 lease (NULL or a released record: none). */
void ipcfg_lx_lease6_changed(const char *ifname, const ipcfg_dhcp6_lease *lease, char *note, size_t len);

#endif
