/* ipcfg — rtnetlink request builder (Linux backend).
 *
 * Pure: fills a fixed buffer with one netlink request; no socket code.
 * nlmsg_seq and nlmsg_pid are left 0 (ipcfg_nlsock_transact sets them).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_NETLINK_NLREQ_H
#define IPCFG_LINUX_NETLINK_NLREQ_H

#include <stddef.h>
#include <stdint.h>

#define IPCFG_NLREQ_MAX 256

typedef struct ipcfg_nlreq {
    _Alignas(4) uint8_t buf[IPCFG_NLREQ_MAX];
    size_t len;
    int overflow;  /* set when something did not fit */
} ipcfg_nlreq;

/* Header (nlmsghdr) plus the family-specific header of hdrlen bytes. */
void ipcfg_nlreq_init(ipcfg_nlreq *r, uint16_t type, uint16_t flags, const void *hdr, size_t hdrlen);
/* Appends one attribute; 0 ok, -1 when it does not fit. */
int ipcfg_nlreq_attr(ipcfg_nlreq *r, uint16_t type, const void *data, size_t len);

/* Dump requests (NLM_F_REQUEST|NLM_F_DUMP). */
void ipcfg_nlreq_getlink(ipcfg_nlreq *r);                   /* all links, stats skipped */
void ipcfg_nlreq_getaddr(ipcfg_nlreq *r, uint8_t family);   /* AF_UNSPEC = all families */
void ipcfg_nlreq_getroute(ipcfg_nlreq *r, uint8_t family);  /* main-table unicast routes */

/* IPv4 broadcast address for addr/prefix (RFC 919/922 directed broadcast);
 * 0 and *bcast set for prefix <= 30, -1 (no broadcast) for /31, /32. */
int ipcfg_nlreq_ip4_broadcast(const uint8_t addr[4], unsigned prefix, uint8_t bcast[4]);

/* RTM_NEWADDR (create, exclusive) or RTM_DELADDR for an IPv4 address, with
 * NLM_F_ACK.  New: IFA_LOCAL, IFA_ADDRESS and, for prefix <= 30,
 * IFA_BROADCAST; 127/8 gets host scope as iproute2 gives it.  Delete:
 * IFA_LOCAL.  0 ok, -1 bad arguments. */
/* RTM_GETNEXTHOP dump of every nexthop object (AF_UNSPEC). */
void ipcfg_nlreq_getnexthop(ipcfg_nlreq *r);

/* The privilege probe (shared/caps.c): RTM_DELADDR, AF_INET, interface index 0,
 * no attributes, with an acknowledgement.  The kernel answers EPERM
 * without CAP_NET_ADMIN over the socket's network namespace, else ENODEV;
 * it never changes anything. */
void ipcfg_nlreq_change_probe(ipcfg_nlreq *r);

int ipcfg_nlreq_addr4(ipcfg_nlreq *r, int del, uint32_t ifindex, const uint8_t addr[4], unsigned prefix);

#endif
