/* ipcfg — the DHCPv4 client engine: the client state machine (the lease
 * record it keeps: dhcp_lease.h; the messages: dhcp_msg.h).
 *
 * Platform-neutral and free of system calls (sd-dhcp-client and OpenBSD
 * dhcpleased keep parsing and state apart from I/O the same way): every
 * input arrives as bytes, a probe verdict or the current time; every effect
 * leaves through the few functions of ipcfg_dhcp_io, which the Linux backend
 * implements with sockets, rtnetlink and files, and which unit tests and
 * fuzzers replace.
 *
 * One ipcfg_dhcp_client runs one operation (renew or release) on one
 * interface, once, and then is done: ipcfg is a one-shot command, not a
 * daemon.  Several clients (one per selected interface) are driven by one
 * event loop under one deadline.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_DHCP_CLIENT_H
#define IPCFG_DHCP_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "dhcp_lease.h"
#include "ipcfg/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Times: the state machine never reads a clock.  mono_ms is a monotonic
 * clock in milliseconds (timers, the deadline); wall_s is Unix seconds UTC
 * (what a lease records). */
typedef struct ipcfg_dhcp_now {
    int64_t mono_ms;
    int64_t wall_s;
} ipcfg_dhcp_now;

/* ---- the client state machine -------------------------------------------- */

typedef enum ipcfg_dhcp_op { IPCFG_DHCP_OP_RENEW = 1, IPCFG_DHCP_OP_RELEASE = 2 } ipcfg_dhcp_op;

typedef enum ipcfg_dhcp_state {
    IPCFG_DHCP_S_IDLE = 0,
    IPCFG_DHCP_S_INIT,        /* DISCOVER sent, waiting for OFFERs (SELECTING) */
    IPCFG_DHCP_S_REQUESTING,  /* REQUEST for an OFFER sent */
    IPCFG_DHCP_S_PROBING,     /* RFC 5227 probe of an offered address */
    IPCFG_DHCP_S_INIT_REBOOT, /* REQUEST for a recorded lease whose address is gone (REBOOTING) */
    IPCFG_DHCP_S_RENEWING,    /* unicast REQUEST to the issuing server, ciaddr set */
    IPCFG_DHCP_S_REBINDING,   /* broadcast REQUEST, ciaddr set */
    IPCFG_DHCP_S_DONE
} ipcfg_dhcp_state;

/* Where and how to send.  The I/O side picks the socket: a broadcast from
 * 0.0.0.0 (no address yet) goes through the packet socket; a message with
 * src set (the client's bound address) goes through the UDP socket on port
 * 68 bound to the interface, to dst (unicast) or 255.255.255.255. */
typedef struct ipcfg_dhcp_dest {
    int broadcast;       /* 1: to 255.255.255.255 */
    uint8_t dst[4];      /* unicast destination (broadcast == 0) */
    int has_src;         /* 1: send from src through the UDP socket */
    uint8_t src[4];
} ipcfg_dhcp_dest;

/* The engine's effects.  Each returns 0 on success; apply/unapply/save
 * return an ipcfg_status and fill err on failure.  The engine calls them in
 * the order that never loses a valid lease: a new address is applied
 * before the record is saved, a released lease is removed after RELEASE is
 * sent. */
typedef struct ipcfg_dhcp_io {
    void *ctx;
    /* A whole BOOTP/DHCP message (no IP/UDP header). */
    int (*send)(void *ctx, const uint8_t *msg, size_t len, const ipcfg_dhcp_dest *to);
    /* Start an RFC 5227 probe of addr; the verdict arrives later through
     * ipcfg_dhcp_client_probe_done().  NULL or probe_ms 0: no probing. */
    int (*probe)(void *ctx, const uint8_t addr[4]);
    /* Install lease (address with lifetimes, routes).  old: the lease it
     * replaces (same address: lifetimes updated only, no moment without an
     * address), or NULL. */
    int (*apply)(void *ctx, const ipcfg_dhcp_lease *lease, const ipcfg_dhcp_lease *old, ipcfg_error *err);
    /* Remove the address and routes of lease (release, NAK, expiry). */
    int (*unapply)(void *ctx, const ipcfg_dhcp_lease *lease, ipcfg_error *err);
    /* Record lease (bound or released) atomically. */
    int (*save)(void *ctx, const ipcfg_dhcp_lease *lease, ipcfg_error *err);
    /* Optional: apply, then (when that succeeded) save, in one step for an
     * io whose steps each cost a round trip (the confined engine's).  On
     * failure *saving says which step failed (0 apply, 1 save).  NULL:
     * apply and save are called one after the other. */
    int (*commit)(void *ctx, const ipcfg_dhcp_lease *lease, const ipcfg_dhcp_lease *old, ipcfg_error *err,
                  int *saving);
    /* 32 random bits (xid, back-off jitter). */
    uint32_t (*random)(void *ctx);
} ipcfg_dhcp_io;

typedef struct ipcfg_dhcp_config {
    char ifname[IPCFG_DHCP_IFNAME_MAX];
    uint8_t htype;                     /* ARP hardware type (1 = Ethernet) */
    uint8_t hwaddr[IPCFG_DHCP_HWADDR_MAX];
    uint8_t hwaddr_len;
    char hostname[64];                 /* option 12; "" = not sent */
    char fqdn[IPCFG_DHCP_NAME_CAP];    /* option 81 (RFC 4702), a name that passes ipcfg_dns_name_valid:
                                          with a dot fully qualified, without one a partial name
                                          (§2.3.1); "" = not sent */
    ipcfg_dhcp_name_choice name_choice; /* where hostname and fqdn came from (recorded with the lease) */
    char classid[IPCFG_DHCP_CLASS_CAP]; /* option 77 (RFC 3004), one user class; "" = not sent */
    unsigned probe_ms;                 /* RFC 5227 probe wait; 0 = no probe */
    int verify;                        /* renew: check a bound, unexpired lease with INIT-REBOOT even
                                          though its address is on the interface (the link came back,
                                          the host resumed: it may be on another network now) */
    int lapsed;                        /* renew: the caller's clocks, which count time asleep, say the
                                          recorded lease ran out, whatever the wall clock says: it is
                                          obtained afresh (INIT), never assumed valid */
    int paced;                         /* the lease keeper's renewal: RENEWING and REBINDING retransmit
                                          after half the time left, at least 60 s (ipcfg_dhcp_retry_ms),
                                          not with the command's back-off */
} ipcfg_dhcp_config;

/* Opaque to callers in spirit; laid out here so that it can live on the
 * stack or in an array without allocation. */
typedef struct ipcfg_dhcp_client {
    ipcfg_dhcp_config cfg;
    ipcfg_dhcp_io io;
    ipcfg_dhcp_op op;
    ipcfg_dhcp_state state;
    int64_t deadline_ms;               /* mono */
    int64_t next_ms;                   /* next timer, mono; INT64_MAX = none */
    int64_t started_ms;                /* mono start of the current exchange (the secs field) */
    int64_t anchor_mono, anchor_wall;  /* now at start: converts the lease's wall times to mono */
    unsigned attempt;                  /* transmissions in this state so far */
    uint32_t xid;
    uint16_t secs;                     /* secs of the DISCOVER, repeated by its REQUEST */
    int have_lease;                    /* rec holds a lease whose address is on the interface now */
    int rec_bound;                     /* rec is a bound, unexpired lease (INIT-REBOOT/RENEWING/REBINDING) */
    int dropped;                       /* a bound rec was given up (NAK, expiry): recorded as released
                                          at the end unless a new lease is bound */
    ipcfg_dhcp_lease rec;              /* the recorded (current) lease */
    ipcfg_dhcp_lease offer;            /* the lease being obtained */
    uint8_t server[4];                 /* the server we talk to: selected OFFER's or rec's */
    int64_t req_wall;                  /* wall time of the first REQUEST in this state: lease times count from it */
    unsigned naks;                     /* NAKs received */
    unsigned declines;                 /* conflicts found */
    int heard_since_nak;               /* any reply of this exchange after the last NAK */
    int last_fail;                     /* 0, 1 NAK, 2 conflict: the latest refusal */
    const char *refused;               /* why the last reply of this exchange was refused (static text):
                                          a server answered; NULL when none was, or one was taken since */
    int refused_malformed;             /* that reply did not parse (refused is the parser's reason) */
    unsigned left_out;                 /* IPCFG_DHCP_LEFT_*: what the bound lease's ACK carried and
                                          the lease left out */
    ipcfg_error result;                /* filled when state == DONE */
    uint8_t msgbuf[1500];              /* options 12, 81 and 77 can each take over 250 bytes */
} ipcfg_dhcp_client;

void ipcfg_dhcp_client_init(ipcfg_dhcp_client *c, const ipcfg_dhcp_config *cfg, const ipcfg_dhcp_io *io);

/* Starts op at now; the whole operation ends by deadline_ms (mono).
 * recorded: the lease file's record (NULL = none); addr_present: its address
 * is on the interface now.  A renew chooses its first state from the
 * record's own times (RFC 2131 §4.4.5): bound and before T2 RENEWING, from
 * T2 to expiry REBINDING, expired or released or none INIT, unexpired but
 * the address gone INIT-REBOOT (also with the address present when
 * cfg.verify is set; when no server answers the address is kept and the
 * renew goes on as RENEWING or REBINDING).  A release of a bound record
 * sends RELEASE and finishes at once. */
void ipcfg_dhcp_client_start(ipcfg_dhcp_client *c, ipcfg_dhcp_op op, const ipcfg_dhcp_lease *recorded,
                             int addr_present, const ipcfg_dhcp_now *now, int64_t deadline_ms);

/* A received BOOTP/DHCP message (IP/UDP already checked and stripped).
 * Anything that does not belong to this client's exchange, or that fails a
 * check, is ignored (returns -1 with the reason in why, for the log); 0
 * when it was taken. */
int ipcfg_dhcp_client_receive(ipcfg_dhcp_client *c, const ipcfg_dhcp_now *now, const uint8_t *msg, size_t len,
                              const char **why);

/* Call when now->mono_ms >= ipcfg_dhcp_client_next_wakeup(c): retransmits,
 * moves on, or finishes (the deadline). */
void ipcfg_dhcp_client_timer(ipcfg_dhcp_client *c, const ipcfg_dhcp_now *now);

/* The verdict of the probe started through io.probe: conflict 1 = the
 * address is in use (DECLINE, then INIT again within the deadline). */
void ipcfg_dhcp_client_probe_done(ipcfg_dhcp_client *c, const ipcfg_dhcp_now *now, int conflict);

/* Monotonic ms of the next timer (never later than the deadline);
 * INT64_MAX when done. */
int64_t ipcfg_dhcp_client_next_wakeup(const ipcfg_dhcp_client *c);

/* 1 when the operation has finished; *result (may be NULL) receives its
 * outcome: status 0, or 2 (nothing to release), 3 (NAK and nothing bound;
 * only replies ipcfg refused, the text says why the last one was; or an
 * I/O failure), 5 (no server answered in time), 7 (every offer was in use). */
int ipcfg_dhcp_client_done(const ipcfg_dhcp_client *c, ipcfg_error *result);

/* What the lease bound by a finished renew left out of its ACK
 * (IPCFG_DHCP_LEFT_*; 0: nothing). */
unsigned ipcfg_dhcp_client_left_out(const ipcfg_dhcp_client *c);

/* One line (no newline) saying what left_out (IPCFG_DHCP_LEFT_*) names was
 * left out of the lease and why, into buf; its length, 0 ("") for none. */
size_t ipcfg_dhcp_left_out_text(unsigned left_out, char *buf, size_t len);

/* ---- timing (dhcp_time.c) ---------------------------------------------------- */

/* The retransmission delay before attempt k (0-based) in ms, RFC 2131 §4.1
 * exponential back-off sized for an interactive command, with jitter r
 * (any 32-bit value) of +-1 s scaled down for the first tries. Exposed for tests. */
unsigned ipcfg_dhcp_backoff_ms(unsigned attempt, uint32_t r);

#define IPCFG_DHCP_RETRY_MIN_MS 60000 /* RFC 2131 §4.4.5: "down to a minimum of 60 seconds" */

/* When to try again after a REQUEST that renewed or rebound nothing, for a
 * client that keeps its lease (RFC 2131 §4.4.5): half the time left until
 * end_ms (T2 in RENEWING, the expiry in REBINDING), at least
 * IPCFG_DHCP_RETRY_MIN_MS, but never past end_ms; now_ms when end_ms has
 * come.  Any one clock, in ms. */
int64_t ipcfg_dhcp_retry_ms(int64_t now_ms, int64_t end_ms);

#ifdef __cplusplus
}
#endif
#endif
