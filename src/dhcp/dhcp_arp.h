/* ipcfg — RFC 5227 address conflict detection: the ARP packets of the
 * probe (Ethernet/IPv4, RFC 826) and the rule that tells a conflict, and
 * the probe's schedule.  Pure functions over byte buffers; no I/O.  The
 * state machine (dhcp_client.h) runs the probe of a newly offered address;
 * the Linux engine only sends and receives the packets.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_DHCP_ARP_H
#define IPCFG_DHCP_ARP_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The probe of a newly offered address: IPCFG_DHCP_PROBE_COUNT ARP probes
 * IPCFG_DHCP_PROBE_INTERVAL_MS apart; no conflict within the wait
 * (IPCFG_DHCP_PROBE_WAIT_MS by default) of the first one means the address
 * is free.  RFC 5227 §2.1.1 asks for 1 to 2 seconds; an interactive
 * command affords 200 ms, and a LAN answers ARP in well under one
 * (docs/linux.md, "Sockets"). */
#define IPCFG_DHCP_PROBE_COUNT 2u
#define IPCFG_DHCP_PROBE_INTERVAL_MS 100u
#define IPCFG_DHCP_PROBE_WAIT_MS 200u

#define IPCFG_DHCP_ARP_LEN 28 /* an Ethernet/IPv4 ARP packet without its link header */

/* An ARP packet (no link header) of Ethernet/IPv4. */
typedef struct ipcfg_dhcp_arp {
    uint16_t op;       /* 1 request, 2 reply */
    uint8_t sha[6], spa[4], tha[6], tpa[4];
} ipcfg_dhcp_arp;

/* 0 ok, -1 not an Ethernet/IPv4 ARP packet (or shorter than one). */
int ipcfg_dhcp_arp_parse(const uint8_t *pkt, size_t len, ipcfg_dhcp_arp *out);
/* An RFC 5227 probe for addr from hwaddr: IPCFG_DHCP_ARP_LEN bytes, 0 when
 * cap is too small. */
size_t ipcfg_dhcp_arp_probe(uint8_t *out, size_t cap, const uint8_t hwaddr[6], const uint8_t addr[4]);
/* 1 when a received ARP packet shows that addr is in use by another
 * machine: a sender claiming addr from another hardware address, or
 * another machine's probe for addr (RFC 5227 §2.1.1). */
int ipcfg_dhcp_arp_conflict(const ipcfg_dhcp_arp *a, const uint8_t hwaddr[6], const uint8_t addr[4]);

#ifdef __cplusplus
}
#endif
#endif
