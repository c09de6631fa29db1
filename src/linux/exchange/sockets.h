/* ipcfg — DHCP client sockets on Linux: the packet socket used before an
 * address exists, the UDP socket on port 68 used with one, and the ARP
 * socket of the RFC 5227 address probe (its packet format: pure functions,
 * exposed for tests).  The IPv4/UDP framing of the packet socket is the
 * engine's (src/dhcp/dhcp_frame.h).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_EXCHANGE_SOCKETS_H
#define IPCFG_LINUX_EXCHANGE_SOCKETS_H

#include <stddef.h>
#include <stdint.h>

#include "dhcp/dhcp_frame.h"

#define IPCFG_LX_FRAME_MAX 1600

/* ---- pure framing ---- */

/* An ARP packet (no link header) of Ethernet/IPv4. */
typedef struct ipcfg_lx_arp {
    uint16_t op;       /* 1 request, 2 reply */
    uint8_t sha[6], spa[4], tha[6], tpa[4];
} ipcfg_lx_arp;

int ipcfg_lx_arp_parse(const uint8_t *pkt, size_t len, ipcfg_lx_arp *out);
/* An RFC 5227 probe for addr from hwaddr: 28 bytes. */
size_t ipcfg_lx_arp_probe(uint8_t *out, size_t cap, const uint8_t hwaddr[6], const uint8_t addr[4]);
/* 1 when a received ARP packet shows that addr is in use by another
 * machine: a sender claiming addr from another hardware address, or
 * another machine's probe for addr (RFC 5227 section 2.1.1). */
int ipcfg_lx_arp_conflict(const ipcfg_lx_arp *a, const uint8_t hwaddr[6], const uint8_t addr[4]);

/* ---- sockets (return an fd or -errno) ---- */

/* AF_PACKET/SOCK_DGRAM for IPv4, with a classic BPF filter for UDP to port
 * 68 attached before it is bound to ifindex, and PACKET_AUXDATA on. */
int ipcfg_lx_dhcp_packet_socket(int ifindex);
/* Sends a frame (from ipcfg_dhcp_frame_build) to the link broadcast address. */
int ipcfg_lx_dhcp_packet_send(int fd, int ifindex, const uint8_t *frame, size_t len);
/* Receives one IPv4 packet: its length (0 = ignore it: outgoing or
 * truncated), -errno, with *csum_partial from PACKET_AUXDATA. */
long ipcfg_lx_dhcp_packet_recv(int fd, uint8_t *buf, size_t cap, int *csum_partial);

/* UDP on port 68, bound to the interface (SO_BINDTODEVICE), broadcast
 * allowed. */
int ipcfg_lx_dhcp_udp_socket(const char *ifname);
/* Sends payload from src (IP_PKTINFO) to dst:67. */
int ipcfg_lx_dhcp_udp_send(int fd, int ifindex, const uint8_t src[4], const uint8_t dst[4], const uint8_t *payload,
                           size_t len);

/* AF_PACKET/SOCK_DGRAM for ARP on ifindex (filtered to ARP replies and
 * requests of Ethernet/IPv4). */
int ipcfg_lx_arp_socket(int ifindex);
int ipcfg_lx_arp_send(int fd, int ifindex, const uint8_t *pkt, size_t len);
/* 0 = ignore (outgoing), length, or -errno. */
long ipcfg_lx_arp_recv(int fd, uint8_t *buf, size_t cap);

#endif
