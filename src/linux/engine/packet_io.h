/* ipcfg — the engine's packet I/O on the sockets the privileged side
 * opened for it (exchange/sockets.h): frames to the link broadcast
 * address, UDP from the leased address, ARP probes; and what arrives.  The
 * IPv4/UDP framing and the ARP packets themselves are the protocol
 * library's (src/dhcp/dhcp_frame.h, dhcp_arp.h).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_ENGINE_PACKET_IO_H
#define IPCFG_LINUX_ENGINE_PACKET_IO_H

#include <stddef.h>
#include <stdint.h>

/* Sends a frame (from ipcfg_dhcp_frame_build) to the link broadcast
 * address.  0 or -errno. */
int ipcfg_lx_dhcp_packet_send(int fd, int ifindex, const uint8_t *frame, size_t len);
/* Receives one IPv4 packet: its length (0 = ignore it: outgoing or
 * truncated), -errno, with *csum_partial from PACKET_AUXDATA. */
long ipcfg_lx_dhcp_packet_recv(int fd, uint8_t *buf, size_t cap, int *csum_partial);

/* Sends payload from src (IP_PKTINFO) to dst:67.  0 or -errno. */
int ipcfg_lx_dhcp_udp_send(int fd, int ifindex, const uint8_t src[4], const uint8_t dst[4], const uint8_t *payload,
                           size_t len);

/* An ARP packet to the link broadcast address.  0 or -errno. */
int ipcfg_lx_arp_send(int fd, int ifindex, const uint8_t *pkt, size_t len);
/* 0 = ignore (outgoing), length, or -errno. */
long ipcfg_lx_arp_recv(int fd, uint8_t *buf, size_t cap);

#endif
