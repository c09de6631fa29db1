/* ipcfg — what a listing shows of ipcfg's DHCP leases: one scan of the
 * state directory, each <ifname>.lease parsed, its facts put on the
 * adapter of that name (DHCP Enabled, lease times, DHCP Server, DNS
 * Servers, Connection-specific DNS Suffix).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_COMMAND_LEASE_VIEW_H
#define IPCFG_LINUX_COMMAND_LEASE_VIEW_H

#include "ipcfg/model.h"

/* Fills the adapters of l from the lease files of state_dir.  A missing
 * directory, an unreadable or corrupt file: no lease for that interface.
 * 0 ok, -1 out of memory. */
int ipcfg_lx_lease_view_fill(ipcfg_adapter_list *l, const char *state_dir);

#endif
