/* ipcfg — a DHCPv6 lease's times for the kept lease's timeline
 * (src/dhcp/dhcp_keep.h), which keeps either family's lease with one
 * state machine.  Pure, no system calls.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_DHCP6_KEEP_H
#define IPCFG_DHCP6_KEEP_H

#include "dhcp_keep.h"
#include "dhcp6_lease.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The times of a DHCPv6 record: its IA_NA's T1 and T2 (RFC 8415 §21.4)
 * and, as the lifetime, the longest valid lifetime of its addresses (the
 * IA_NA expires when the last of them does, §21.4).  A bound record with
 * addresses is kept; a released one stops the timeline; a
 * configuration-only one (Information-request, §18.2.6) is not kept. */
void ipcfg_dhcp6_keep_times(const ipcfg_dhcp6_lease *l, ipcfg_dhcp_keep_times *t);

#ifdef __cplusplus
}
#endif
#endif
