/* ipcfg — the engine process's state and its requests to the privileged
 * part, shared by its DHCPv4 loop (engine/engine.c), its DHCPv6 jobs
 * (engine/engine6.c) and the requests themselves (engine/engine_call.c).
 * Private to the engine.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_ENGINE_ENGINE_CALL_H
#define IPCFG_LINUX_ENGINE_ENGINE_CALL_H

#include <stddef.h>
#include <stdint.h>

#include "dhcp/dhcp_arp.h"
#include "dhcp/dhcp_client.h"
#include "dhcp6/dhcp6_client.h"
#include "wire/engine_wire.h"

#define IPCFG_LX_ENGINE_GRACE_MS 500 /* past the deadline, a client that is not done is stopped */

typedef struct engine engine;

typedef struct engine_job {
    engine *e;
    uint32_t id; /* the privileged part's index */
    char ifname[IPCFG_DHCP_IFNAME_MAX];
    uint32_t ifindex;
    uint8_t hw[6];
    int64_t deadline;
    unsigned probe_ms;
    int done;
    /* Sockets, -1 until the first message needs one.  Closed once the
     * job's outcome is sent: closing a packet socket waits for an RCU
     * grace period (synchronize_net in packet_release), which then
     * overlaps what the privileged part does next.  A DHCPv6 job uses
     * udp only (its UDP/IPv6 socket on port 546). */
    int pkt, udp, arp;
    ipcfg_dhcp_probe probe; /* the RFC 5227 probe the client asked for: its schedule is dhcp_arp.h's */
    ipcfg_family family;    /* the START's: which state machine runs the job */
    ipcfg_dhcp_client v4;   /* IPCFG_AF_INET4 */
    ipcfg_dhcp6_client *v6; /* IPCFG_AF_INET6 (engine/engine6.c), else NULL */
    int dad_pending;        /* DHCPv6: a verdict of duplicate address detection awaits the client */
    uint8_t dad_failed[IPCFG_DHCP6_MAX_ADDRS][16];
    unsigned n_dad_failed;
    uint8_t dad_addrs[IPCFG_DHCP6_MAX_ADDRS][16]; /* the addresses whose detection is watched */
    unsigned n_dad;
    int64_t dad_next;       /* when the privileged part is asked again (mono ms); 0 none */
} engine_job;

struct engine {
    int ctl, rpc;
    engine_job **jobs;
    size_t n, cap;
    uint16_t ip_id;
    uint8_t buf[8192]; /* a datagram: a DHCPv6 answer may be several KiB (255 DNS servers) */
    uint8_t msg[IPCFG_LX_WIRE_MAX];
};

/* One request and its reply (*saving: the reply's saving field, as
 * wire/engine_wire.h defines it per request); the lease text (text_len bytes, 0 none) is
 * already in j->e->msg after the request's fixed part
 * (ipcfg_lx_engine_text).  The privileged part gone (or answering
 * nonsense) ends the engine: there is nobody left to act for. */
int ipcfg_lx_engine_call(engine_job *j, uint32_t type, uint32_t arg, size_t text_len, const ipcfg_error *outcome,
                         ipcfg_error *err, int *fd, int *saving);
/* Where a request's lease text goes (IPCFG_LX_WIRE_TEXT_MAX + 1 bytes). */
char *ipcfg_lx_engine_text(engine *e);
/* The socket of kind for the job into *fdp unless it has one; 0 or -1. */
int ipcfg_lx_engine_open_sock(engine_job *j, ipcfg_lx_sock_kind kind, int *fdp);
/* 32 random bits (the state machines' io.random). */
uint32_t ipcfg_lx_engine_random(void *ctx);
/* The job's outcome to the privileged part (left_out: IPCFG_DHCP_LEFT_*),
 * its sockets closed; the job is done. */
void ipcfg_lx_engine_finish(engine_job *j, uint32_t left_out, const ipcfg_error *res);

#endif
