/* ipcfg — RFC 5227 ARP probe packets and the conflict rule (see
 * dhcp_arp.h).
 *
 * SPDX-License-Identifier: MIT
 */
#include "dhcp_arp.h"

#include <string.h>

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static uint16_t get16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

/* RFC 826: hardware type 1 (Ethernet), protocol 0x0800 (IPv4), lengths 6
 * and 4, the operation, then sender and target hardware and protocol
 * addresses. */
int ipcfg_dhcp_arp_parse(const uint8_t *p, size_t len, ipcfg_dhcp_arp *a)
{
    if (len < IPCFG_DHCP_ARP_LEN || get16(p) != 1 || get16(p + 2) != 0x0800 || p[4] != 6 || p[5] != 4)
        return -1;
    a->op = get16(p + 6);
    memcpy(a->sha, p + 8, 6);
    memcpy(a->spa, p + 14, 4);
    memcpy(a->tha, p + 18, 6);
    memcpy(a->tpa, p + 24, 4);
    return 0;
}

/* RFC 5227 §2.1.1: "an ARP Request constructed with the 'sender hardware
 * address' field set to the hardware address of the interface, the
 * 'sender IP address' field set to all zeroes, the 'target hardware
 * address' field set to all zeroes and the 'target IP address' field set
 * to the address being probed". */
size_t ipcfg_dhcp_arp_probe(uint8_t *out, size_t cap, const uint8_t hwaddr[6], const uint8_t addr[4])
{
    if (cap < IPCFG_DHCP_ARP_LEN)
        return 0;
    put16(out, 1);
    put16(out + 2, 0x0800);
    out[4] = 6;
    out[5] = 4;
    put16(out + 6, 1);
    memcpy(out + 8, hwaddr, 6);
    memset(out + 14, 0, 4 + 6); /* sender IP 0.0.0.0, target MAC unknown */
    memcpy(out + 24, addr, 4);
    return IPCFG_DHCP_ARP_LEN;
}

int ipcfg_dhcp_arp_conflict(const ipcfg_dhcp_arp *a, const uint8_t hwaddr[6], const uint8_t addr[4])
{
    static const uint8_t zero[4];

    if (memcmp(a->sha, hwaddr, 6) == 0)
        return 0; /* our own */
    if (memcmp(a->spa, addr, 4) == 0)
        return 1; /* someone uses it (reply, announcement, request) */
    if (a->op == 1 && memcmp(a->spa, zero, 4) == 0 && memcmp(a->tpa, addr, 4) == 0)
        return 1; /* someone else probes for it at the same time */
    return 0;
}
