/* ipcfg — RFC 5227 address conflict detection: the ARP packets of the
 * probe (Ethernet/IPv4, RFC 826), the rule that tells a conflict, and the
 * probe's schedule (when to send, when the address is free).  Pure
 * functions over byte buffers and times; no I/O, no clock.  The state
 * machine (dhcp_client.h) asks for the probe of a newly offered address
 * (io.probe) and takes its verdict (ipcfg_dhcp_client_probe_done); the
 * Linux engine steps an ipcfg_dhcp_probe and only sends and receives the
 * packets it names.
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

/* ---- the schedule ---------------------------------------------------------- */

/* One probe of one address: IPCFG_DHCP_PROBE_COUNT probes
 * IPCFG_DHCP_PROBE_INTERVAL_MS apart from its start, the address free
 * when no conflict was heard by the end of the wait. */
typedef struct ipcfg_dhcp_probe {
    int active;
    uint8_t addr[4];  /* the address probed */
    unsigned sent;    /* probes sent so far */
    int64_t next_ms;  /* the next probe (any one clock, in ms) */
    int64_t end_ms;   /* the wait's end: no conflict by then, the address is free */
} ipcfg_dhcp_probe;

typedef enum ipcfg_dhcp_probe_step_t {
    IPCFG_DHCP_PROBE_IDLE = 0, /* nothing is due (or the probe is not active) */
    IPCFG_DHCP_PROBE_SEND = 1, /* send a probe for p->addr now */
    IPCFG_DHCP_PROBE_FREE = 2  /* the wait ended without a conflict: the verdict (the probe ends) */
} ipcfg_dhcp_probe_step_t;

/* Starts the probe of addr at now_ms, lasting wait_ms: its first probe is
 * due at once (ipcfg_dhcp_probe_step answers SEND). */
void ipcfg_dhcp_probe_start(ipcfg_dhcp_probe *p, const uint8_t addr[4], int64_t now_ms, unsigned wait_ms);
/* What is due at now_ms: the end of the wait first (FREE), then a probe
 * (SEND, counted as sent), else IDLE. */
ipcfg_dhcp_probe_step_t ipcfg_dhcp_probe_step(ipcfg_dhcp_probe *p, int64_t now_ms);
/* When ipcfg_dhcp_probe_step has something to do next; INT64_MAX when the
 * probe is not active. */
int64_t ipcfg_dhcp_probe_next(const ipcfg_dhcp_probe *p);
/* A received ARP packet (len bytes, no link header) on the interface of
 * hwaddr: 1 when it shows the probed address in use
 * (ipcfg_dhcp_arp_conflict; the probe ends: the verdict), else 0. */
int ipcfg_dhcp_probe_heard(ipcfg_dhcp_probe *p, const uint8_t *pkt, size_t len, const uint8_t hwaddr[6]);
/* Ends the probe without a verdict. */
void ipcfg_dhcp_probe_stop(ipcfg_dhcp_probe *p);

#ifdef __cplusplus
}
#endif
#endif
