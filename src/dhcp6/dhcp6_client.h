/* ipcfg — the DHCPv6 client state machine (RFC 8415 §15, §18.2).
 *
 * Platform-neutral and free of system calls, as the DHCPv4 client beside
 * it (src/dhcp/dhcp_client.h): every input arrives as bytes, a duplicate
 * address detection verdict or the current time; randomness (transaction
 * ids, the RAND of §15) comes from io.random; every effect leaves through
 * the few functions of ipcfg_dhcp6_io, which a backend implements with
 * sockets, netlink and files and which unit tests and fuzzers replace.
 *
 * One ipcfg_dhcp6_client runs one operation on one interface under one
 * deadline, then is done.  One transition function enters each state
 * (a new transaction id, the retransmission parameters of §7.6, the first
 * transmission); the timer retransmits by §15 and moves on when an
 * exchange fails (MRC, MRD); replies are checked (§16) before anything of
 * them is used.  docs/dhcp.md ("DHCPv6") tells the rules in full.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_DHCP6_CLIENT_H
#define IPCFG_DHCP6_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "dhcp6_lease.h"
#include "dhcp6_msg.h"
#include "ipcfg/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Times: the state machine never reads a clock.  mono_ms is a monotonic
 * clock in milliseconds (timers, the deadline); wall_s is Unix seconds UTC
 * (what a lease records). */
typedef struct ipcfg_dhcp6_now {
    int64_t mono_ms;
    int64_t wall_s;
} ipcfg_dhcp6_now;

typedef enum ipcfg_dhcp6_op {
    /* renew, or obtain: with a bound lease Renew (§18.2.4), Rebind from
     * T2 (§18.2.5); without one (or expired, released, stateless) Solicit
     * and Request (§18.2.1, §18.2.2); configuration only when every
     * server has no address (§18.2.6) */
    IPCFG_DHCP6_OP_RENEW = 1,
    /* Release of a bound lease (§18.2.7); a stateless record is withdrawn
     * locally */
    IPCFG_DHCP6_OP_RELEASE = 2,
    /* the link came back: Confirm (§18.2.3, §18.2.12); a record that is
     * not bound is renewed instead */
    IPCFG_DHCP6_OP_CONFIRM = 3,
    /* refresh configuration only (Information-request, §18.2.6, at the
     * refresh time of §21.23); a bound record is renewed instead */
    IPCFG_DHCP6_OP_INFORM = 4
} ipcfg_dhcp6_op;

typedef enum ipcfg_dhcp6_state {
    IPCFG_DHCP6_S_IDLE = 0,
    IPCFG_DHCP6_S_SOLICIT,  /* Solicit sent, collecting Advertise */
    IPCFG_DHCP6_S_REQUEST,  /* Request to the chosen server */
    IPCFG_DHCP6_S_RENEW,    /* Renew to the lease's server, until T2 */
    IPCFG_DHCP6_S_REBIND,   /* Rebind to any server, until the lease expires */
    IPCFG_DHCP6_S_CONFIRM,  /* Confirm to any server */
    IPCFG_DHCP6_S_INFORM,   /* Information-request */
    IPCFG_DHCP6_S_DAD,      /* new addresses applied, waiting for duplicate address detection */
    IPCFG_DHCP6_S_DECLINE,  /* Decline of addresses found in use */
    IPCFG_DHCP6_S_RELEASE,  /* Release */
    IPCFG_DHCP6_S_DONE
} ipcfg_dhcp6_state;

/* What a finished operation did (ipcfg_dhcp6_client_outcome). */
typedef enum ipcfg_dhcp6_outcome {
    IPCFG_DHCP6_OUT_NONE = 0,   /* nothing applied: see the result's status */
    IPCFG_DHCP6_OUT_BOUND,      /* a lease applied and recorded, new or extended */
    IPCFG_DHCP6_OUT_STATELESS,  /* configuration only (no address) applied and recorded */
    IPCFG_DHCP6_OUT_KEPT,       /* the recorded lease stays as it was (confirmed, or no answer while valid) */
    IPCFG_DHCP6_OUT_RELEASED,   /* released and recorded as released */
    IPCFG_DHCP6_OUT_DECLINED    /* every new address was in use and was declined */
} ipcfg_dhcp6_outcome;

/* The effects.  Each returns 0 on success; apply/unapply/save/commit
 * return an ipcfg_status and fill err on failure.  They are called in the
 * order that never loses a valid lease: new addresses are applied before
 * the record is saved; released addresses are removed before the Release
 * is sent (§18.2.7: "the address MUST have been removed from the
 * interface"). */
typedef struct ipcfg_dhcp6_io {
    void *ctx;
    /* A whole DHCPv6 message, to All_DHCP_Relay_Agents_and_Servers
     * ff02::1:2 port 547 (§14; §7.2), from the interface's link-local
     * address, port 546. */
    int (*send)(void *ctx, const uint8_t *msg, size_t len);
    /* Install lease.  Bound: each address as a /128 without a prefix route
     * (§18.2.10.1: addresses "MUST NOT be used to form an implicit prefix
     * with a length other than 128"), with what remains of its preferred
     * and valid lifetimes (they count from lease->obtained) so that the
     * kernel removes it on expiry; and the DNS servers and domains.
     * Stateless: the DNS servers and domains.  old: the lease applied now
     * (its addresses that lease lacks are removed, the others updated in
     * place), or NULL. */
    int (*apply)(void *ctx, const ipcfg_dhcp6_lease *lease, const ipcfg_dhcp6_lease *old, ipcfg_error *err);
    /* Remove lease's addresses and withdraw its DNS servers and domains. */
    int (*unapply)(void *ctx, const ipcfg_dhcp6_lease *lease, ipcfg_error *err);
    /* Record lease (bound, stateless or released) atomically. */
    int (*save)(void *ctx, const ipcfg_dhcp6_lease *lease, ipcfg_error *err);
    /* Optional: apply, then (when that succeeded) save, in one step; on
     * failure *saving says which step failed (0 apply, 1 save).  NULL:
     * apply and save one after the other. */
    int (*commit)(void *ctx, const ipcfg_dhcp6_lease *lease, const ipcfg_dhcp6_lease *old, ipcfg_error *err,
                  int *saving);
    /* Optional: watch the duplicate address detection (RFC 4862 §5.4) of
     * the n addresses at addrs (16 octets each), just applied; the verdict
     * arrives through ipcfg_dhcp6_client_dad_done.  NULL (or cfg.dad 0):
     * not waited for. */
    int (*dad)(void *ctx, const uint8_t *addrs, unsigned n);
    /* 32 random bits (transaction ids, RAND, the start delays). */
    uint32_t (*random)(void *ctx);
} ipcfg_dhcp6_io;

typedef struct ipcfg_dhcp6_config {
    char ifname[IPCFG_DHCP6_IFNAME_MAX];
    uint32_t iaid;                        /* this interface's IAID (dhcp6_duid.h) */
    uint8_t duid[IPCFG_DHCP6_DUID_MAX];   /* the host's DUID */
    uint8_t duid_len;
    int dad;                              /* wait for the DAD verdict of new addresses (io.dad) */
} ipcfg_dhcp6_config;

#define IPCFG_DHCP6_REASON_MAX 192

/* Laid out here so that it can live on the stack or in an array without
 * allocation; its fields are the state machine's. */
typedef struct ipcfg_dhcp6_client {
    ipcfg_dhcp6_config cfg;
    ipcfg_dhcp6_io io;
    ipcfg_dhcp6_op op;
    ipcfg_dhcp6_state state;
    int64_t deadline_ms;               /* mono */
    int64_t next_ms;                   /* next timer, mono; INT64_MAX = none */
    int64_t anchor_mono, anchor_wall;  /* now at start: converts the lease's wall times to mono */
    /* the exchange (§15) */
    uint32_t xid;
    unsigned tx;                       /* transmissions of this message so far */
    int64_t first_tx_ms;               /* mono of the first (the Elapsed Time option counts from it) */
    uint32_t rt_ms;                    /* RT; 0 before the first transmission */
    uint32_t irt_ms, mrt_ms;           /* IRT, MRT of this message (§7.6) */
    unsigned mrc;                      /* MRC; 0 none */
    uint32_t mrd_rel_ms;               /* MRD from the first transmission (Confirm); 0 none */
    int64_t mrd_end;                   /* when the exchange fails (MRD), mono; INT64_MAX none */
    uint32_t sol_max_rt_ms, inf_max_rt_ms; /* §21.24, §21.25: the server may change them */
    uint32_t sol_max_rt_seen, inf_max_rt_seen; /* the value seen in answers, 0 none */
    int sol_max_rt_mixed, inf_max_rt_mixed;   /* answers disagreed: the default stays (§18.2.9) */
    /* the lease */
    ipcfg_dhcp6_lease rec;             /* the recorded (current) lease */
    int have_lease;                    /* rec's configuration is on the interface now */
    int rec_bound;                     /* rec is a bound, unexpired lease */
    int dropped;                       /* a bound rec was given up: recorded as released at the end
                                          unless a new lease binds */
    ipcfg_dhcp6_lease cand;            /* the best Advertise so far; the lease being obtained */
    int have_cand;
    uint8_t cand_pref;                 /* its preference (§21.8) */
    uint8_t server[IPCFG_DHCP6_DUID_MAX]; /* the server a directed message goes to (its DUID) */
    uint8_t server_len;
    int noaddrs;                       /* a server answered NoAddrsAvail */
    int from_noaddrs;                  /* Information-request because no server had an address */
    unsigned restarts;                 /* server discovery started again (NoBinding, NotOnLink) */
    uint8_t declined[IPCFG_DHCP6_MAX_ADDRS][16];
    uint8_t n_declined;
    /* the outcome */
    char refusal[IPCFG_DHCP6_REASON_MAX]; /* why the last answer was refused; "" none came */
    char note[IPCFG_DHCP6_REASON_MAX];    /* one line on what was dropped or done; "" none */
    ipcfg_dhcp6_outcome outcome;
    ipcfg_error result;                /* filled when state == DONE */
    uint8_t msgbuf[1024];
} ipcfg_dhcp6_client;

void ipcfg_dhcp6_client_init(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_config *cfg, const ipcfg_dhcp6_io *io);

/* Starts op at now; the whole operation ends by deadline_ms (mono).
 * recorded: the lease file's record (NULL = none); applied: its
 * configuration is on the interface now (bound: its addresses; stateless:
 * its DNS). */
void ipcfg_dhcp6_client_start(ipcfg_dhcp6_client *c, ipcfg_dhcp6_op op, const ipcfg_dhcp6_lease *recorded,
                              int applied, const ipcfg_dhcp6_now *now, int64_t deadline_ms);

/* Decline (§18.2.8) the n_failed addresses at failed (16 octets each) of
 * the bound, applied record that duplicate address detection found in use
 * later (the kernel said so): they are removed, the rest kept and
 * recorded, and a Decline is sent. */
void ipcfg_dhcp6_client_start_decline(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_lease *recorded,
                                      const uint8_t *failed, unsigned n_failed, const ipcfg_dhcp6_now *now,
                                      int64_t deadline_ms);

/* A received DHCPv6 message (UDP payload) and the address it came from
 * (NULL: unknown).  Anything that is not a valid answer to this exchange
 * is ignored (returns -1, the reason in *why for the log; the exchange
 * goes on, and the reason is kept for the outcome); 0 when taken. */
int ipcfg_dhcp6_client_receive(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_now *now, const uint8_t *msg, size_t len,
                               const uint8_t src[16], const char **why);

/* Call when now->mono_ms >= ipcfg_dhcp6_client_next_wakeup(c). */
void ipcfg_dhcp6_client_timer(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_now *now);

/* The verdict of the detection started through io.dad: the n_failed
 * addresses at failed (16 octets each) were found in use (0: none).
 * Those are removed and declined (§18.2.8), the others kept. */
void ipcfg_dhcp6_client_dad_done(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_now *now, const uint8_t *failed,
                                 unsigned n_failed);

/* Monotonic ms of the next timer (never later than the deadline);
 * INT64_MAX when done. */
int64_t ipcfg_dhcp6_client_next_wakeup(const ipcfg_dhcp6_client *c);

/* 1 when the operation has finished; *result (may be NULL) receives its
 * status: 0; 2 nothing to release; 3 a server answered but every answer
 * was refused (the text says why: "a DHCPv6 server answered, but its
 * answer was refused: ..."),
 * or an I/O failure; 5 nothing came in time ("unable to contact your
 * DHCP server"); 7 every new address was in use (declined). */
int ipcfg_dhcp6_client_done(const ipcfg_dhcp6_client *c, ipcfg_error *result);
ipcfg_dhcp6_outcome ipcfg_dhcp6_client_outcome(const ipcfg_dhcp6_client *c);
/* One line on what was dropped or done besides ("" none): a name of
 * option 24 dropped, configuration only because no server had an address,
 * an address declined, a Confirm no server answered. */
const char *ipcfg_dhcp6_client_note(const ipcfg_dhcp6_client *c);
/* The record as the operation left it. */
const ipcfg_dhcp6_lease *ipcfg_dhcp6_client_lease(const ipcfg_dhcp6_client *c);

/* §15: the next RT in ms after prev_rt_ms (0: the first transmission),
 * with RAND drawn from r (any 32 bits) uniformly in [-0.1, +0.1] in steps
 * of 0.0001, or in (0, +0.1] and strictly above IRT when above_irt (the
 * first RT of a Solicit, §18.2.1).  mrt_ms 0: no upper bound. */
uint32_t ipcfg_dhcp6_rt_ms(uint32_t prev_rt_ms, uint32_t irt_ms, uint32_t mrt_ms, uint32_t r, int above_irt);

#ifdef __cplusplus
}
#endif
#endif
