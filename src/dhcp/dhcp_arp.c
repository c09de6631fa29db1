/* ipcfg — RFC 5227 ARP probe packets, the conflict rule and the probe's
 * schedule (see dhcp_arp.h).
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

/* ---- the schedule ---- */

void ipcfg_dhcp_probe_start(ipcfg_dhcp_probe *p, const uint8_t addr[4], int64_t now_ms, unsigned wait_ms)
{
    memset(p, 0, sizeof(*p));
    p->active = 1;
    memcpy(p->addr, addr, 4);
    p->next_ms = now_ms;
    p->end_ms = now_ms + wait_ms;
}

ipcfg_dhcp_probe_step_t ipcfg_dhcp_probe_step(ipcfg_dhcp_probe *p, int64_t now_ms)
{
    if (!p->active)
        return IPCFG_DHCP_PROBE_IDLE;
    /* the first probe is sent whatever the wait; after it, the wait's end
     * comes before any further probe */
    if (p->sent > 0 && now_ms >= p->end_ms) {
        p->active = 0;
        return IPCFG_DHCP_PROBE_FREE;
    }
    if (p->sent < IPCFG_DHCP_PROBE_COUNT && now_ms >= p->next_ms) {
        p->sent++;
        p->next_ms = now_ms + IPCFG_DHCP_PROBE_INTERVAL_MS;
        return IPCFG_DHCP_PROBE_SEND;
    }
    return IPCFG_DHCP_PROBE_IDLE;
}

int64_t ipcfg_dhcp_probe_next(const ipcfg_dhcp_probe *p)
{
    if (!p->active)
        return INT64_MAX;
    if (p->sent < IPCFG_DHCP_PROBE_COUNT && p->next_ms < p->end_ms)
        return p->next_ms;
    return p->end_ms;
}

int ipcfg_dhcp_probe_heard(ipcfg_dhcp_probe *p, const uint8_t *pkt, size_t len, const uint8_t hwaddr[6])
{
    ipcfg_dhcp_arp a;

    if (!p->active || ipcfg_dhcp_arp_parse(pkt, len, &a) != 0 || !ipcfg_dhcp_arp_conflict(&a, hwaddr, p->addr))
        return 0;
    p->active = 0;
    return 1;
}

void ipcfg_dhcp_probe_stop(ipcfg_dhcp_probe *p)
{
    p->active = 0;
}
