/* ipcfg — applying a DHCP lease to the kernel through rtnetlink: the
 * address with the lease's lifetimes, the routes it offers; and removing
 * them again (release, NAK, expiry).
 *
 * Everything ipcfg installs is marked as its own: addresses carry
 * IFA_PROTO = IPCFG_LX_ADDR_PROTO, routes the route protocol
 * IPCFG_LX_RTPROT, so that they stay recognisable when a lease file is
 * lost, and so that a removal never takes a route that something else
 * installed (the kernel matches rtm_protocol on RTM_DELROUTE).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_EXCHANGE_APPLY_H
#define IPCFG_LINUX_EXCHANGE_APPLY_H

#include <stdint.h>

#include "dhcp/dhcp_client.h"
#include "dhcp6/dhcp6_lease.h"
#include "ipcfg/model.h"
#include "netlink/nlsock.h"

#define IPCFG_LX_ADDR_PROTO 0x69 /* IFA_PROTO of ipcfg's addresses ('i'; the kernel's own are 1..3) */
#define IPCFG_LX_RTPROT 0x69     /* rtm_protocol of ipcfg's routes (105; unassigned in rt_protos) */
#define IPCFG_LX_METRIC_BASE 1024u /* a lease's routes get metric 1024 + ifindex */

/* Installs lease on ifindex.  old: the lease it replaces (NULL = none): the
 * same address is updated in place (NLM_F_REPLACE: lifetimes only, never a
 * moment without the address); another address is added first, then the
 * old one and its routes are removed.  now_wall: Unix seconds, for the
 * remaining lifetimes.  0 ok, else a status with err filled. */
int ipcfg_lx_dhcp_apply(ipcfg_nlsock *nl, uint32_t ifindex, const ipcfg_dhcp_lease *lease,
                        const ipcfg_dhcp_lease *old, int64_t now_wall, ipcfg_error *err);

/* Removes the lease's routes and address (what is already gone is no
 * error).  0 ok, else a status with err filled. */
int ipcfg_lx_dhcp_unapply(ipcfg_nlsock *nl, uint32_t ifindex, const ipcfg_dhcp_lease *lease, ipcfg_error *err);

/* ---- DHCPv6 (RFC 8415 §18.2.10.1) ---- */

/* 1 when a may be installed as a DHCPv6 lease's address: global unicast
 * (not unspecified, loopback, IPv4-mapped, link-local or multicast). */
int ipcfg_lx_dhcp6_addr_ok(const uint8_t a[16]);

/* Installs each address of a bound lease as a /128 without a prefix route
 * (IFA_F_NOPREFIXROUTE: §18.2.10.1, never an implicit prefix), with what
 * remains of its preferred and valid lifetimes at now_wall, so that the
 * kernel deprecates and removes it on time; marked IFA_PROTO as ipcfg's.
 * old: the lease installed now (its addresses that lease lacks are
 * removed), or NULL.  A stateless lease installs no address.  0 ok, else a
 * status with err filled. */
int ipcfg_lx_dhcp6_apply(ipcfg_nlsock *nl, uint32_t ifindex, const ipcfg_dhcp6_lease *lease,
                         const ipcfg_dhcp6_lease *old, int64_t now_wall, ipcfg_error *err);
/* Removes the lease's addresses (what is already gone is no error). */
int ipcfg_lx_dhcp6_unapply(ipcfg_nlsock *nl, uint32_t ifindex, const ipcfg_dhcp6_lease *lease, ipcfg_error *err);

#endif
