/* ipcfg — the DHCPv6 client's internal pieces, shared by the state
 * machine (dhcp6_client.c: transitions, timers, outcomes), its start
 * (dhcp6_client_start.c), what it does with answers (dhcp6_client_rx.c)
 * and what it sends and accepts (dhcp6_client_msg.c).  Not for use
 * outside src/dhcp6.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_DHCP6_CLIENT_INT_H
#define IPCFG_DHCP6_CLIENT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "dhcp6_client.h"
#include "dhcp6_msg.h"

/* RFC 8415 §7.6, table 1, in milliseconds. */
#define IPCFG_DHCP6_SOL_TIMEOUT 1000u
#define IPCFG_DHCP6_SOL_MAX_RT 3600000u
#define IPCFG_DHCP6_REQ_TIMEOUT 1000u
#define IPCFG_DHCP6_REQ_MAX_RT 30000u
#define IPCFG_DHCP6_REQ_MAX_RC 10u
#define IPCFG_DHCP6_CNF_MAX_DELAY 1000u
#define IPCFG_DHCP6_CNF_TIMEOUT 1000u
#define IPCFG_DHCP6_CNF_MAX_RT 4000u
#define IPCFG_DHCP6_CNF_MAX_RD 10000u
#define IPCFG_DHCP6_REN_TIMEOUT 10000u
#define IPCFG_DHCP6_REN_MAX_RT 600000u
#define IPCFG_DHCP6_REB_TIMEOUT 10000u
#define IPCFG_DHCP6_REB_MAX_RT 600000u
#define IPCFG_DHCP6_INF_MAX_DELAY 1000u
#define IPCFG_DHCP6_INF_TIMEOUT 1000u
#define IPCFG_DHCP6_INF_MAX_RT 3600000u
#define IPCFG_DHCP6_REL_TIMEOUT 1000u
#define IPCFG_DHCP6_REL_MAX_RC 4u
#define IPCFG_DHCP6_DEC_TIMEOUT 1000u
#define IPCFG_DHCP6_DEC_MAX_RC 4u
#define IPCFG_DHCP6_IRT_DEFAULT 86400u /* seconds */
/* The longest information refresh time taken (§21.23: "A client MAY have
 * a maximum value for the refresh time"): a day, as IRT_DEFAULT. */
#define IPCFG_DHCP6_IRT_MAXIMUM 86400u
/* Server discovery started again after NoBinding or NotOnLink this many
 * times ends the operation (status 3) instead of looping until the
 * deadline. */
#define IPCFG_DHCP6_MAX_RESTARTS 4u

/* ---- the state machine (dhcp6_client.c) ---------------------------------- */

uint32_t ipcfg_dhcp6_client_rnd(const ipcfg_dhcp6_client *c);
/* The mono time at which wall time `when` arrives (INT64_MAX stays). */
int64_t ipcfg_dhcp6_client_mono(const ipcfg_dhcp6_client *c, int64_t when);
/* Into state `to`: its entry actions (new transaction id, parameters,
 * first transmission or its delay). */
void ipcfg_dhcp6_client_transition(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_now *now, ipcfg_dhcp6_state to);
void ipcfg_dhcp6_client_finish(ipcfg_dhcp6_client *c, const ipcfg_error *e, ipcfg_dhcp6_outcome o);
void ipcfg_dhcp6_client_finish_ok(ipcfg_dhcp6_client *c, ipcfg_dhcp6_outcome o);
void ipcfg_dhcp6_client_finish_io(ipcfg_dhcp6_client *c, ipcfg_error *e, const char *what);
/* The recorded lease kept after a Confirm (answered Success, or no
 * answer): its addresses installed again with their remaining lifetimes,
 * then done with IPCFG_DHCP6_OUT_KEPT. */
void ipcfg_dhcp6_client_finish_confirmed(ipcfg_dhcp6_client *c);
/* status with text; a dropped record is recorded as released first */
void ipcfg_dhcp6_client_finish_fail(ipcfg_dhcp6_client *c, ipcfg_status st, ipcfg_reason r, const char *text);
/* the end of a Release exchange: the record saved as released */
void ipcfg_dhcp6_client_finish_released(ipcfg_dhcp6_client *c);
/* the end of a Decline exchange */
void ipcfg_dhcp6_client_finish_declined(ipcfg_dhcp6_client *c);
/* the interface put back to what it had before l was applied (partly or
 * whole): the record, or nothing; a failure here cannot be reported better
 * than the one that caused it */
void ipcfg_dhcp6_client_undo(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_lease *l);
/* the recorded lease, no longer valid, taken off the interface; -1 when
 * that failed (the operation is finished) */
int ipcfg_dhcp6_client_drop(ipcfg_dhcp6_client *c);
/* server discovery again, after `why`; the operation ends after
 * IPCFG_DHCP6_MAX_RESTARTS */
void ipcfg_dhcp6_client_restart(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_now *now, const char *why);
void ipcfg_dhcp6_client_set_note(ipcfg_dhcp6_client *c, const char *text);

/* ---- answers (dhcp6_client_rx.c) ------------------------------------------ */

/* A lease obtained: applied (then DAD, when asked for) and recorded. */
void ipcfg_dhcp6_client_bind(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_now *now, const ipcfg_dhcp6_lease *l);
/* n addresses at in_use (16 octets each) of c->cand (applied) are in
 * use: removed, the rest recorded, Decline sent. */
void ipcfg_dhcp6_client_decline(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_now *now, const uint8_t *in_use,
                                unsigned n);

/* ---- messages (dhcp6_client_msg.c) ---------------------------------------- */

/* Builds the message of the current state into c->msgbuf: its length, 0
 * when the state sends none. */
size_t ipcfg_dhcp6_client_build(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_now *now);
/* The identity checks of an answer (§16.3, §16.10): NULL when it belongs
 * to this exchange, else why not. */
const char *ipcfg_dhcp6_client_check_identity(const ipcfg_dhcp6_client *c, const ipcfg_dhcp6_msg *m);
/* This interface's IA_NA in m, or NULL. */
const ipcfg_dhcp6_ia *ipcfg_dhcp6_client_find_ia(const ipcfg_dhcp6_client *c, const ipcfg_dhcp6_msg *m);
/* The lease an Advertise or Reply gives for ia (merged with the record
 * for Renew and Rebind, §18.2.10.1), received at now from src: NULL when
 * it holds an address, else why not; *withdrawn set when the server
 * withdrew every recorded address (valid lifetime 0). */
const char *ipcfg_dhcp6_client_lease_of(const ipcfg_dhcp6_client *c, const ipcfg_dhcp6_msg *m, const ipcfg_dhcp6_ia *ia,
                                        const uint8_t *src, const ipcfg_dhcp6_now *now, ipcfg_dhcp6_lease *out,
                                        int *withdrawn);
/* The configuration-only record of an Information-request's Reply. */
void ipcfg_dhcp6_client_stateless_of(const ipcfg_dhcp6_client *c, const ipcfg_dhcp6_msg *m, const uint8_t *src,
                                     const ipcfg_dhcp6_now *now, ipcfg_dhcp6_lease *out);
/* "status NAME: server text" of a failure status, into buf. */
const char *ipcfg_dhcp6_client_status_text(const ipcfg_dhcp6_status *s, char *buf, size_t cap);

#endif
