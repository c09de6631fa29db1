/* ipcfg — mapping of decoded rtnetlink objects onto the neutral model
 * (Linux backend).  Pure: no I/O; whatever needs the file system (sysfs
 * probes, the lease index) is looked up by the caller and passed in.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_NETLINK_LINKMAP_H
#define IPCFG_LINUX_NETLINK_LINKMAP_H

#include <stdint.h>

#include "ipcfg/model.h"
#include "netlink/nlparse.h"

/* Whether the type heading of this link needs a sysfs probe (wireless?):
 * an Ethernet-type link without an IFLA_INFO_KIND that is not the
 * loopback. */
int ipcfg_lx_needs_probe(const ipcfg_nl_link *l);
/* Whether its description needs one (the driver's name): any link without
 * an IFLA_INFO_KIND that is not the loopback (physical NICs). */
int ipcfg_lx_needs_driver(const ipcfg_nl_link *l);

/* Type heading: loopback; ARPHRD_ETHER -> Ethernet or (wireless != 0)
 * Wireless; IEEE 802.11 ARPHRD types -> Wireless; PPP; the tunnel types and
 * ARPHRD_NONE (tun, WireGuard) -> Tunnel; anything else Unknown. */
ipcfg_if_type ipcfg_lx_if_type(const ipcfg_nl_link *l, int wireless);

/* 1 when the link is up and its carrier present (IFLA_OPERSTATE UP, or
 * UNKNOWN with IFF_UP and IFF_LOWER_UP/IFF_RUNNING), else 0. */
int ipcfg_lx_media_connected(const ipcfg_nl_link *l);

/* IFA_F_* -> address state; lifetime seconds -> model value (-1 forever). */
ipcfg_addr_state ipcfg_lx_addr_state(uint32_t ifa_flags);
int64_t ipcfg_lx_lifetime(uint32_t seconds);

/* Fills *a (which must be fresh: ipcfg_adapters_push, ipcfg_adapter_init)
 * from a link, its strings in strs' arena.  driver: the description to use
 * when the link has no IFLA_INFO_KIND ("" or NULL = unknown).  DHCP is
 * "No" until a lease file says otherwise (command/lease_view.c).  0 ok, -1 out of
 * memory. */
int ipcfg_lx_adapter_from_link(ipcfg_adapter_list *strs, ipcfg_adapter *a, const ipcfg_nl_link *l, int wireless,
                               const char *driver);

/* Appends an IPv4/IPv6 address to the adapter (other families: ignored).
 * 0 ok, -1 out of memory. */
int ipcfg_lx_adapter_add_addr(ipcfg_adapter *a, const ipcfg_nl_addr *na);

/* The IP an address message stands for: IFA_LOCAL, else IFA_ADDRESS.
 * 0 ok, -1 none (or not IPv4/IPv6). */
int ipcfg_lx_addr_ip(const ipcfg_nl_addr *na, ipcfg_ip *ip);

/* One IPv4 address-table row; `a` is the address's adapter or NULL when
 * the link is unknown.  row->ifname is a's name itself (borrowed: the
 * caller copies it into its table's arena when a goes first) or "".
 * 0 ok, -1 not an IPv4 address. */
int ipcfg_lx_addrrow(ipcfg_addrrow *row, const ipcfg_nl_addr *na, const ipcfg_adapter *a);

/* A default route of the main table (unicast, destination length 0). */
int ipcfg_lx_is_default_route(const ipcfg_nl_route *r);

/* Gateway IP in model form; IPv6 link-local gets scope_id = ifindex. */
void ipcfg_lx_gateway_ip(ipcfg_ip *ip, uint8_t gw_family, const uint8_t gw[16], uint32_t ifindex);

/* Adds a gateway unless the adapter already lists it.  0 ok, -1 OOM. */
int ipcfg_lx_adapter_add_gateway_once(ipcfg_adapter *a, const ipcfg_ip *gw);

/* A name that is safe to put into a /sys/class/net/<name> path. */
int ipcfg_lx_ifname_path_safe(const char *name);

#endif
