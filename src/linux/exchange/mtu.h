/* ipcfg — a lease's interface MTU (DHCPv4 option 26, RFC 2132 §5.1) on
 * the link: set when the lease is applied, the link's own MTU put back
 * when the lease ends (docs/linux.md, "Interface MTU").
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_DHCP_MTU_H
#define IPCFG_LINUX_DHCP_MTU_H

#include <stddef.h>
#include <stdint.h>

#include "dhcp/dhcp_client.h"

#define IPCFG_LX_MTU_SUFFIX ".mtu"
#define IPCFG_LX_MTU_FLOOR 576u       /* ipcfg's floor (RFC 2132 allows 68; RFC 791's datagram every host takes) */
#define IPCFG_LX_MTU_FLOOR_IPV6 1280u /* RFC 8200 §5: below it the kernel switches IPv6 off on the link */

/* The MTU ipcfg would set for lease l on ifname: l->mtu when it is at
 * least the floor (IPCFG_LX_MTU_FLOOR_IPV6 when the link has IPv6, given
 * by has_ipv6), else 0 (none).  Pure. */
unsigned ipcfg_lx_mtu_wanted(const ipcfg_dhcp_lease *l, int has_ipv6);

/* Applies l's MTU to ifname (ifindex): the link's MTU before the first
 * change is kept in <dir>/<ifname>.mtu, so that ipcfg_lx_mtu_restore puts
 * it back; a lease without a usable MTU restores it now.  A failure or a
 * value under the floor is one line in note (len bytes; "" none): the
 * lease stands without it. */
void ipcfg_lx_mtu_apply(const char *dir, const char *ifname, uint32_t ifindex, const ipcfg_dhcp_lease *l, char *note,
                        size_t len);

/* Puts back the MTU kept for ifname, if any, and forgets it. */
void ipcfg_lx_mtu_restore(const char *dir, const char *ifname, uint32_t ifindex, char *note, size_t len);

#endif
