/* ipcfg — a kept lease's timeline: the one state machine that decides a
 * long-lived lease's life (RFC 2131 §3.2, §4.4.5): T1 renew, T2 rebind,
 * expiry, retry and back-off, verify after a link change, a resume or at
 * the start.  Pure and clock-injected (dhcp_keep.c): the lease keeper
 * (src/linux/keeper/) reads its clocks, netlink, signals and the lease
 * file, feeds them in as events to ipcfg_dhcp_keep_step, and carries out
 * the action that comes back; unit tests feed any.  docs/linux.md,
 * "Keeping a lease".
 *
 * Family-neutral: it knows a lease's times (ipcfg_dhcp_keep_times:
 * obtained, T1, T2, lifetime) and an exchange's outcome, never a packet,
 * so that the same type drives the DHCPv4 lease (ipcfg_dhcp_keep_times_of)
 * and the DHCPv6 one (T1/T2 of its IA, the last valid lifetime,
 * src/dhcp6/dhcp6_keep.h; RENEW is Renew, REBIND Rebind, OBTAIN Solicit,
 * VERIFY Confirm, RFC 8415 §18.2).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_DHCP_KEEP_H
#define IPCFG_DHCP_KEEP_H

#include <stdint.h>

#include "dhcp_lease.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What the timeline knows of a lease record, whatever its family. */
typedef enum ipcfg_dhcp_keep_rec {
    IPCFG_DHCP_KEEP_REC_OTHER = 0, /* neither bound nor released (nothing of it is kept) */
    IPCFG_DHCP_KEEP_REC_BOUND,     /* a bound lease */
    IPCFG_DHCP_KEEP_REC_RELEASED   /* released: the last word was a release */
} ipcfg_dhcp_keep_rec;

typedef struct ipcfg_dhcp_keep_times {
    ipcfg_dhcp_keep_rec state;
    int64_t obtained;   /* Unix seconds */
    uint32_t lifetime;  /* seconds after obtained (IPCFG_DHCP_INFINITE: never ends) */
    uint32_t t1, t2;    /* seconds after obtained (IPCFG_DHCP_INFINITE: never) */
} ipcfg_dhcp_keep_times;

/* The times of a DHCPv4 record (RFC 2131: lease time, T1, T2). */
void ipcfg_dhcp_keep_times_of(const ipcfg_dhcp_lease *l, ipcfg_dhcp_keep_times *t);

/* One look at the clocks: boot_ms (CLOCK_BOOTTIME: counts time
 * suspended), read first, then mono_ms (CLOCK_MONOTONIC: stops while
 * suspended), and wall_s (Unix seconds, what a lease records). */
typedef struct ipcfg_dhcp_clocks {
    int64_t boot_ms;
    int64_t mono_ms;
    int64_t wall_s;
} ipcfg_dhcp_clocks;

/* A growth of boot - mono below this is not reported as a suspend. */
#define IPCFG_DHCP_ASLEEP_MIN_MS 1000

/* Without a lease to keep, a failed attempt is tried again after a
 * back-off that doubles from MIN to MAX seconds (a lease's own retries
 * follow RFC 2131 §4.4.5 instead: ipcfg_dhcp_retry_ms). */
#define IPCFG_DHCP_KEEP_BACKOFF_MIN_S 10
#define IPCFG_DHCP_KEEP_BACKOFF_MAX_S 300

/* Where the lease is in its life.  Two conditions stand beside the state:
 * the link down (nothing is sent; only the expiry is waited for) and a
 * verify pending (the link came back, the host resumed, the lease's own
 * address went: the unexpired lease is verified before anything else). */
typedef enum ipcfg_dhcp_keep_state {
    IPCFG_DHCP_KEEP_S_START = 0, /* the lease record not yet seen */
    IPCFG_DHCP_KEEP_S_NO_LEASE,  /* none to keep: obtained, failures backed off */
    IPCFG_DHCP_KEEP_S_BOUND,     /* before T1 */
    IPCFG_DHCP_KEEP_S_RENEWING,  /* T1 passed: renewed with the server that gave it */
    IPCFG_DHCP_KEEP_S_REBINDING, /* T2 passed: rebound with any server */
    IPCFG_DHCP_KEEP_S_EXPIRED,   /* it ran out: its DNS servers withdrawn once, obtained afresh */
    IPCFG_DHCP_KEEP_S_STOPPED    /* the record says released: nothing to keep */
} ipcfg_dhcp_keep_state;

/* The timeline of one kept lease. */
typedef struct ipcfg_dhcp_keep {
    ipcfg_dhcp_keep_state state;
    int link_up;         /* the link has carrier (as the last event said) */
    int verify;          /* a verify pending */
    int busy;            /* an exchange was asked for and has not reported back */
    int dns_gone;        /* an expired lease's DNS servers were withdrawn */
    int64_t retry_ms;    /* boot-clock time of the next attempt after a failure; 0: none */
    unsigned backoff_s;  /* the next back-off without a lease */
    int sampled;
    int64_t gap_ms;      /* boot - mono: the time asleep since boot, as far as reported */
    int anchored;        /* a bound lease is anchored */
    int64_t obtained;    /* its record's times (a new record is anchored anew) */
    uint32_t lease_time, t1, t2;
    int64_t base_ms;     /* the boot clock's time at which it was obtained */
} ipcfg_dhcp_keep;

typedef enum ipcfg_dhcp_keep_ev_kind {
    IPCFG_DHCP_KEEP_EV_START = 0, /* lease: the record at the start (NULL: none); link_up, addr_present */
    IPCFG_DHCP_KEEP_EV_LOOK,      /* a look at the clocks: a timer fired, the clock was set, a pass of the loop */
    IPCFG_DHCP_KEEP_EV_RECORD,    /* lease: the record, read again (NULL: none) */
    IPCFG_DHCP_KEEP_EV_LINK,      /* link_up: the carrier, as it changed (back: a verify) */
    IPCFG_DHCP_KEEP_EV_VERIFY,    /* the lease's own address went, the hardware address changed, events lost */
    IPCFG_DHCP_KEEP_EV_RELOAD,    /* the command's /renew recorded a lease: it counts from now, failures forgotten */
    IPCFG_DHCP_KEEP_EV_BOUND,     /* lease: the exchange bound (or renewed) it */
    IPCFG_DHCP_KEEP_EV_FAILED,    /* lease: the exchange renewed nothing; the record now (NULL: none) */
    IPCFG_DHCP_KEEP_EV_STOPPED    /* the exchange was interrupted (an event that cannot wait) */
} ipcfg_dhcp_keep_ev_kind;

typedef struct ipcfg_dhcp_keep_ev {
    ipcfg_dhcp_keep_ev_kind kind;
    const ipcfg_dhcp_keep_times *lease; /* the record's times (NULL: no record) */
    int link_up;
    int addr_present; /* START: the record's address is on the interface */
} ipcfg_dhcp_keep_ev;

typedef enum ipcfg_dhcp_keep_do {
    IPCFG_DHCP_KEEP_WAIT = 0, /* nothing is due before next_ms (INT64_MAX: before an event) */
    IPCFG_DHCP_KEEP_OBTAIN,   /* no lease, or it ran out: INIT (DISCOVER); cfg.lapsed */
    IPCFG_DHCP_KEEP_VERIFY,   /* an unexpired lease verified: INIT-REBOOT; cfg.verify */
    IPCFG_DHCP_KEEP_RENEW,    /* T1 passed: RENEWING */
    IPCFG_DHCP_KEEP_REBIND,   /* T2 passed: REBINDING */
    IPCFG_DHCP_KEEP_STOP      /* the lease was released: the keeper has nothing to keep */
} ipcfg_dhcp_keep_do;

typedef enum ipcfg_dhcp_keep_dns {
    IPCFG_DHCP_KEEP_DNS_KEEP = 0, /* the resolver as it is */
    IPCFG_DHCP_KEEP_DNS_RESTORE,  /* the kept lease's DNS servers back to the resolver */
    IPCFG_DHCP_KEEP_DNS_WITHDRAW  /* the expired lease's DNS servers taken back */
} ipcfg_dhcp_keep_dns;

/* What the keeper carries out, in this order: dns, link_set_up, what. */
typedef struct ipcfg_dhcp_keep_act {
    ipcfg_dhcp_keep_do what;
    ipcfg_dhcp_keep_dns dns;
    int link_set_up;    /* the verify at the start wants the link set up (where nobody did) */
    int64_t next_ms;    /* WAIT: boot-clock time of the next look (INT64_MAX: none; <= now: at once) */
    int64_t asleep_ms;  /* a look: the host resumed after this long (the record is read again,
                           then looked at once more) */
} ipcfg_dhcp_keep_act;

void ipcfg_dhcp_keep_init(ipcfg_dhcp_keep *k);

/* THE transition: applies ev at the clocks c and says what is due.  Only
 * a look (EV_LOOK) starts an exchange (the timeline is then busy until
 * EV_BOUND, EV_FAILED or EV_STOPPED) or withdraws an expired lease's DNS;
 * every other event changes the state and asks for a look at once
 * (next_ms 0).  c may be NULL for the events that carry no time (LINK,
 * VERIFY, RELOAD, STOPPED). */
ipcfg_dhcp_keep_act ipcfg_dhcp_keep_step(ipcfg_dhcp_keep *k, const ipcfg_dhcp_keep_ev *ev,
                                         const ipcfg_dhcp_clocks *c);

/* ---- the pieces of a look (used by ipcfg_dhcp_keep_step; exposed for tests) ---- */

/* Takes a sample; the milliseconds the host slept since the sample before
 * (0: none, or less than IPCFG_DHCP_ASLEEP_MIN_MS; the first sample
 * reports none). */
int64_t ipcfg_dhcp_keep_sample(ipcfg_dhcp_keep *k, const ipcfg_dhcp_clocks *c);
/* Anchors l (NULL, or not bound: none) on the boot clock from its age on
 * the wall clock now, unless it is the lease anchored already (the same
 * times): then time asleep since keeps counting. */
void ipcfg_dhcp_keep_anchor(ipcfg_dhcp_keep *k, const ipcfg_dhcp_keep_times *l, const ipcfg_dhcp_clocks *c);
/* The same for a DHCPv4 record (NULL: none). */
void ipcfg_dhcp_keep_anchor4(ipcfg_dhcp_keep *k, const ipcfg_dhcp_lease *l, const ipcfg_dhcp_clocks *c);
/* Forgets the anchor: the next ipcfg_dhcp_keep_anchor anchors its lease
 * anew (a lease just bound, whose record may look like the one before
 * where the wall clock stood still). */
void ipcfg_dhcp_keep_unanchor(ipcfg_dhcp_keep *k);
/* The boot-clock time of obtained + off seconds; INT64_MAX for an
 * infinite lease or time, or none anchored. */
int64_t ipcfg_dhcp_keep_at(const ipcfg_dhcp_keep *k, uint32_t off);
/* 1 when the anchored lease has run out at boot_ms. */
int ipcfg_dhcp_keep_expired(const ipcfg_dhcp_keep *k, int64_t boot_ms);

typedef struct ipcfg_dhcp_keep_in {
    int64_t boot_ms;  /* now, on the boot clock */
    int link_up;      /* the link has carrier */
    int verify;       /* the link came back, the host resumed, the lease's address went */
    int64_t retry_ms; /* boot-clock time of the next attempt after a failure; 0: none */
} ipcfg_dhcp_keep_in;

/* What is due now for the anchored lease (none anchored: no lease). */
ipcfg_dhcp_keep_do ipcfg_dhcp_keep_next(const ipcfg_dhcp_keep *k, const ipcfg_dhcp_keep_in *in, int64_t *next_ms);
/* After a renewal that renewed nothing, with the lease unexpired: the
 * boot-clock time to try again (ipcfg_dhcp_retry_ms to T2, or from T2 to
 * the expiry). */
int64_t ipcfg_dhcp_keep_retry(const ipcfg_dhcp_keep *k, int64_t boot_ms);

#ifdef __cplusplus
}
#endif
#endif
