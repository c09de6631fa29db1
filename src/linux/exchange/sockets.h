/* ipcfg — the sockets of a DHCP exchange: the packet socket used before an
 * address exists, the UDP socket on port 68 used with one, and the ARP
 * socket of the RFC 5227 address probe.  The privileged side opens them
 * when the engine asks (exchange/requests.c) and hands them over; the
 * engine only sends and receives on them (engine/packet_io.h).  Kept
 * apart so that nothing else creates a socket for the engine.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_EXCHANGE_SOCKETS_H
#define IPCFG_LINUX_EXCHANGE_SOCKETS_H

/* Each returns an fd or -errno. */

/* AF_PACKET/SOCK_DGRAM for IPv4, with a classic BPF filter for UDP to port
 * 68 attached before it is bound to ifindex, and PACKET_AUXDATA on. */
int ipcfg_lx_dhcp_packet_socket(int ifindex);

/* UDP on port 68, bound to the interface (SO_BINDTODEVICE), broadcast
 * allowed. */
int ipcfg_lx_dhcp_udp_socket(const char *ifname);

/* AF_PACKET/SOCK_DGRAM for ARP on ifindex (filtered to Ethernet/IPv4
 * ARP). */
int ipcfg_lx_arp_socket(int ifindex);

/* UDP/IPv6 port 546 bound to the interface, multicast out of it (a
 * DHCPv6 job's).  The descriptor or -errno. */
int ipcfg_lx_dhcp6_udp_socket(const char *ifname, int ifindex);

#endif
