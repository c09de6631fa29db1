/* ipcfg — the DHCPv4 client state machine.  See dhcp_client.h and
 * docs/dhcp.md.
 *
 * One operation (renew or release) on one interface, bounded by a
 * deadline.  Every state change goes through ipcfg_dhcp_client_transition(), which performs
 * the new state's entry actions (a fresh xid where one is due, the first
 * transmission, the timer).  What is sent, and the identity and sanity
 * checks every reply passes before anything of it is used, are in
 * dhcp_client_msg.c.
 *
 * Outcome rules at the deadline (finish_deadline()):
 *   - a lease that was valid when the command started and is still valid
 *     is kept, nothing is unapplied: status 5 (timeout);
 *   - otherwise, when the latest refusal was an address conflict (a
 *     DECLINE was sent): status 7;
 *   - otherwise, when a NAK was received and after it a server answered
 *     again (another NAK, or any OFFER/ACK of the new exchange, valid or
 *     not) yet no lease could be bound: status 3 (the server is there but
 *     gives us no lease);
 *   - otherwise (no answer at all, or a NAK followed by silence): status 5.
 * IPCFG_DHCP_MAX_NAKS NAKs or IPCFG_DHCP_MAX_DECLINES conflicts end the
 * operation at once (status 3 / 7) instead of looping against the server
 * until the deadline.
 *
 * SPDX-License-Identifier: MIT
 */
#include "dhcp_client.h"
#include "dhcp_client_int.h"
#include "dhcp_msg.h"

#include <stdio.h>
#include <string.h>

#define IPCFG_DHCP_MAX_NAKS 4
#define IPCFG_DHCP_MAX_DECLINES 4
/* Transmissions before giving up a state (RFC 2131 §4.4.1 / §3.2: after
 * the retransmission algorithm ends without an answer, back to INIT). */
#define IPCFG_DHCP_REQUESTING_TRIES 4
#define IPCFG_DHCP_REBOOT_TRIES 3

/* ---- small helpers ---------------------------------------------------------------- */

static int ip_eq(const uint8_t a[4], const uint8_t b[4])
{
    return memcmp(a, b, 4) == 0;
}

uint32_t ipcfg_dhcp_client_rnd(const ipcfg_dhcp_client *c)
{
    return c->io.random ? c->io.random(c->io.ctx) : 0;
}

int64_t ipcfg_dhcp_client_wall_at(const ipcfg_dhcp_lease *l, uint32_t off)
{
    if (l->lease_time == IPCFG_DHCP_INFINITE)
        return INT64_MAX;
    return ipcfg_dhcp_time_at(l->obtained, off);
}

void ipcfg_dhcp_client_finish(ipcfg_dhcp_client *c, const ipcfg_error *e)
{
    c->result = *e;
    c->state = IPCFG_DHCP_S_DONE;
    c->next_ms = INT64_MAX;
}

void ipcfg_dhcp_client_finish_ok(ipcfg_dhcp_client *c)
{
    ipcfg_error e;
    memset(&e, 0, sizeof e);
    ipcfg_dhcp_client_finish(c, &e);
}

void ipcfg_dhcp_client_finish_io(ipcfg_dhcp_client *c, ipcfg_error *e, const char *what)
{
    if (e->status == IPCFG_OK)
        ipcfg_error_set(e, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "%s failed", what);
    ipcfg_dhcp_client_finish(c, e);
}

/* A bound record given up (NAK, expiry) and nothing new bound: the file
 * must stop claiming the lease.  RFC 2131 §4.4.5: "If the lease expires
 * before the client receives a DHCPACK, the client moves to INIT state,
 * MUST immediately stop any other network processing". */
int ipcfg_dhcp_client_save_released(ipcfg_dhcp_client *c, ipcfg_error *e)
{
    ipcfg_dhcp_lease r;

    memset(&r, 0, sizeof r);
    r.state = IPCFG_DHCP_LEASE_RELEASED;
    memcpy(r.ifname, c->rec.ifname, sizeof r.ifname);
    r.ifname[sizeof r.ifname - 1] = '\0';
    if (r.ifname[0] == '\0')
        ipcfg_copy_str(r.ifname, sizeof r.ifname, c->cfg.ifname);
    if (c->rec.hwaddr_len && c->rec.hwaddr_len <= sizeof r.hwaddr) {
        memcpy(r.hwaddr, c->rec.hwaddr, c->rec.hwaddr_len);
        r.hwaddr_len = c->rec.hwaddr_len;
    } else if (c->cfg.hwaddr_len <= sizeof r.hwaddr) {
        memcpy(r.hwaddr, c->cfg.hwaddr, c->cfg.hwaddr_len);
        r.hwaddr_len = c->cfg.hwaddr_len;
    }
    if (c->rec.client_id_len && c->rec.client_id_len <= sizeof r.client_id) {
        memcpy(r.client_id, c->rec.client_id, c->rec.client_id_len);
        r.client_id_len = c->rec.client_id_len;
    } else {
        r.client_id_len = (uint8_t)ipcfg_dhcp_client_id(c, r.client_id);
    }
    if (c->io.save && c->io.save(c->io.ctx, &r, e) != 0)
        return -1;
    c->rec = r;
    c->dropped = 0;
    return 0;
}

static void finish_fail(ipcfg_dhcp_client *c, ipcfg_status st, ipcfg_reason r, const char *text)
{
    ipcfg_error e;

    memset(&e, 0, sizeof e);
    if (c->dropped && !c->have_lease && ipcfg_dhcp_client_save_released(c, &e) != 0) {
        ipcfg_dhcp_client_finish_io(c, &e, "saving the lease record");
        return;
    }
    memset(&e, 0, sizeof e);
    ipcfg_error_set(&e, st, r, "%s", text);
    ipcfg_dhcp_client_finish(c, &e);
}

static void finish_deadline(ipcfg_dhcp_client *c)
{
    char text[IPCFG_ERRTEXT_MAX];

    if (!c->have_lease && c->last_fail == FAIL_CONFLICT) {
        finish_fail(c, IPCFG_E_CONFLICT, IPCFG_R_EXISTS, "the address offered by the DHCP server is already in use");
    } else if (!c->have_lease && c->naks > 0 && (c->naks >= 2 || c->heard_since_nak)) {
        finish_fail(c, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "the DHCP server refused the lease (DHCPNAK)");
    } else if (c->refused != NULL) {
        /* a server answered, only with replies that could not be taken:
         * not "unable to contact" (a lease still valid is kept all the same) */
        snprintf(text, sizeof text, "a DHCP server answered, but its last answer was refused: %s%s.",
                 c->refused_malformed ? "malformed message, " : "", c->refused);
        finish_fail(c, IPCFG_E_FAILED, IPCFG_R_SYSTEM, text);
    } else {
        finish_fail(c, IPCFG_E_TIMEOUT, IPCFG_R_DHCP_TIMEOUT, "unable to contact your DHCP server");
    }
}

/* ---- sending ---------------------------------------------------------------------- */

/* One message of the exchange (built by dhcp_client_msg.c); a failed send
 * is not fatal: the retransmission timer tries again, and the deadline
 * bounds the whole operation. */
void ipcfg_dhcp_client_send(ipcfg_dhcp_client *c, const ipcfg_dhcp_now *now, uint8_t type)
{
    ipcfg_dhcp_dest to;
    size_t len = ipcfg_dhcp_client_build(c, now, type, &to);

    if (len > 0 && c->io.send != NULL)
        (void)c->io.send(c->io.ctx, c->msgbuf, len, &to);
}

/* ---- timers and transitions ------------------------------------------------------------ */

/* The mono time at which wall time `when` arrives.  Wall times (the
 * lease's T2 and expiry) are converted once, through the anchor taken at
 * start, so that the command follows the monotonic clock even if the
 * wall clock jumps. */
static int64_t mono_of_wall(const ipcfg_dhcp_client *c, int64_t when)
{
    int64_t d;

    if (when == INT64_MAX)
        return INT64_MAX;
    d = when - c->anchor_wall;
    if (d > (int64_t)1 << 40)
        return INT64_MAX;
    if (d < -((int64_t)1 << 40))
        return INT64_MIN / 2;
    return c->anchor_mono + d * 1000;
}

static void schedule(ipcfg_dhcp_client *c, const ipcfg_dhcp_now *now)
{
    int64_t next = now->mono_ms + (int64_t)ipcfg_dhcp_backoff_ms(c->attempt ? c->attempt - 1 : 0, ipcfg_dhcp_client_rnd(c));
    int64_t t2 = mono_of_wall(c, ipcfg_dhcp_client_wall_at(&c->rec, c->rec.t2));
    int64_t end = mono_of_wall(c, ipcfg_dhcp_lease_expires(&c->rec));

    /* The keeper's renewals (cfg.paced) retransmit as §4.4.5 asks of a
     * client that keeps its lease: half the time left, at least 60 s. */
    if (c->cfg.paced && c->state == IPCFG_DHCP_S_RENEWING)
        next = ipcfg_dhcp_retry_ms(now->mono_ms, t2);
    else if (c->cfg.paced && c->state == IPCFG_DHCP_S_REBINDING)
        next = ipcfg_dhcp_retry_ms(now->mono_ms, end);
    /* RFC 2131 §4.4.5: RENEWING ends at T2, REBINDING at the expiry. */
    if (c->state == IPCFG_DHCP_S_RENEWING && t2 < next)
        next = t2;
    if ((c->state == IPCFG_DHCP_S_REBINDING || c->state == IPCFG_DHCP_S_RENEWING ||
         c->state == IPCFG_DHCP_S_INIT_REBOOT) && end < next)
        next = end;
    c->next_ms = next < c->deadline_ms ? next : c->deadline_ms;
}

static void transmit(ipcfg_dhcp_client *c, const ipcfg_dhcp_now *now)
{
    uint8_t type = c->state == IPCFG_DHCP_S_INIT ? IPCFG_DHCPDISCOVER : IPCFG_DHCPREQUEST;

    if (c->attempt == 0 && type == IPCFG_DHCPREQUEST)
        c->req_wall = now->wall_s;
    ipcfg_dhcp_client_send(c, now, type);
    c->attempt++;
    schedule(c, now);
}

/* The one state transition function: entry actions of each state. */
void ipcfg_dhcp_client_transition(ipcfg_dhcp_client *c, const ipcfg_dhcp_now *now, ipcfg_dhcp_state to)
{
    c->state = to;
    c->attempt = 0;
    switch (to) {
    case IPCFG_DHCP_S_INIT:
        /* §4.4.1: "The client generates and records a random transaction
         * identifier"; no start-up delay (ipcfg is a command, not a
         * booting host: the 1-10 s wait of §4.4.1 is left out). */
        c->xid = ipcfg_dhcp_client_rnd(c);
        c->started_ms = now->mono_ms;
        transmit(c, now);
        break;
    case IPCFG_DHCP_S_REQUESTING:
        /* Table 5, 'xid' of a REQUEST: "'xid' from server DHCPOFFER
         * message" (kept). */
        transmit(c, now);
        break;
    case IPCFG_DHCP_S_INIT_REBOOT:
    case IPCFG_DHCP_S_RENEWING:
    case IPCFG_DHCP_S_REBINDING:
        c->xid = ipcfg_dhcp_client_rnd(c);
        c->started_ms = now->mono_ms;
        transmit(c, now);
        break;
    case IPCFG_DHCP_S_PROBING:
        /* the verdict arrives through probe_done; only the deadline runs */
        c->next_ms = c->deadline_ms;
        break;
    case IPCFG_DHCP_S_IDLE:
    case IPCFG_DHCP_S_DONE:
        c->next_ms = INT64_MAX;
        break;
    }
}

/* The recorded lease is no longer valid: remove it from the interface. */
int ipcfg_dhcp_client_drop_lease(ipcfg_dhcp_client *c)
{
    ipcfg_error e;

    memset(&e, 0, sizeof e);
    if (c->have_lease && c->io.unapply && c->io.unapply(c->io.ctx, &c->rec, &e) != 0) {
        ipcfg_dhcp_client_finish_io(c, &e, "removing the address");
        return -1;
    }
    if (c->have_lease || c->rec_bound)
        c->dropped = 1;
    c->have_lease = 0;
    c->rec_bound = 0;
    return 0;
}

/* ---- binding ------------------------------------------------------------------------ */

/* Puts the interface back to what it had before the offer was applied
 * (partly or whole): the recorded lease, or nothing.  What is already gone
 * or still there is no error to the I/O side; a failure here cannot be
 * reported better than the one that caused it. */
static void undo_offer(ipcfg_dhcp_client *c, const ipcfg_dhcp_lease *old)
{
    ipcfg_error undo;

    memset(&undo, 0, sizeof undo);
    if (old != NULL && c->io.apply)
        (void)c->io.apply(c->io.ctx, old, &c->offer, &undo);
    else if (old == NULL && c->io.unapply)
        (void)c->io.unapply(c->io.ctx, &c->offer, &undo);
}

static void bind_lease(ipcfg_dhcp_client *c)
{
    ipcfg_error e;
    const ipcfg_dhcp_lease *old = c->have_lease ? &c->rec : NULL;

    memset(&e, 0, sizeof e);
    if (c->io.commit) {
        int saving = 0;
        if (c->io.commit(c->io.ctx, &c->offer, old, &e, &saving) != 0) {
            undo_offer(c, old); /* as below: nothing half-applied, nothing kept unrecorded */
            ipcfg_dhcp_client_finish_io(c, &e, saving ? "saving the lease record" : "installing the address");
            return;
        }
    } else if (c->io.apply && c->io.apply(c->io.ctx, &c->offer, old, &e) != 0) {
        /* Nothing is left half-applied: an address without its routes (a
         * route the kernel refused) is taken off again. */
        undo_offer(c, old);
        ipcfg_dhcp_client_finish_io(c, &e, "installing the address");
        return;
    }
    memset(&e, 0, sizeof e);
    if (!c->io.commit && c->io.save && c->io.save(c->io.ctx, &c->offer, &e) != 0) {
        /* A lease the record does not hold is not kept either (a full or
         * read-only state directory). */
        undo_offer(c, old);
        ipcfg_dhcp_client_finish_io(c, &e, "saving the lease record");
        return;
    }
    c->rec = c->offer;
    c->have_lease = 1;
    c->rec_bound = 1;
    c->dropped = 0;
    ipcfg_dhcp_client_finish_ok(c);
}

/* ---- replies ---------------------------------------------------------------------------- */

static void on_nak(ipcfg_dhcp_client *c, const ipcfg_dhcp_now *now)
{
    /* RFC 2131 §4.4.5 (and §3.1 step 5, §3.2 step 3): "If the client
     * receives a DHCPNAK message, the client restarts the configuration
     * process" — the address is removed first (it may not be used). */
    c->naks++;
    c->heard_since_nak = 0;
    c->last_fail = FAIL_NAK;
    if (ipcfg_dhcp_client_drop_lease(c) != 0)
        return;
    if (c->naks >= IPCFG_DHCP_MAX_NAKS) {
        finish_fail(c, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "the DHCP server refused the lease (DHCPNAK)");
        return;
    }
    ipcfg_dhcp_client_transition(c, now, IPCFG_DHCP_S_INIT);
}

static void on_ack(ipcfg_dhcp_client *c, const ipcfg_dhcp_now *now, const ipcfg_dhcp_lease *l)
{
    /* A renewal (RENEWING, REBINDING, INIT-REBOOT) that keeps the recorded
     * address is not probed; a new address is (RFC 2131 §4.4.1: "The
     * client SHOULD perform a final check on the parameters (e.g., ARP for
     * allocated network address)"). */
    int same = c->rec_bound && ip_eq(l->address, c->rec.address);

    c->offer = *l;
    if (!same && c->cfg.probe_ms > 0 && c->io.probe) {
        ipcfg_dhcp_client_transition(c, now, IPCFG_DHCP_S_PROBING);
        if (c->io.probe(c->io.ctx, l->address) == 0)
            return;
        /* the probe could not start: bind without it */
    }
    bind_lease(c);
}

/* A reply of this exchange that failed a check: a server answered, and
 * the deadline's outcome says why its last answer was refused. */
static int refuse(ipcfg_dhcp_client *c, const char *why, int malformed, const char **out)
{
    c->refused = why;
    c->refused_malformed = malformed;
    if (out)
        *out = why;
    return -1;
}

/* An ACK or NAK in REQUESTING, INIT-REBOOT, RENEWING or REBINDING. */
static int receive_ack(ipcfg_dhcp_client *c, const ipcfg_dhcp_now *now, const ipcfg_dhcp_msg *m, const char **why)
{
    ipcfg_dhcp_lease l;
    const char *w;
    const uint8_t *want_server = NULL;

    if (m->type != IPCFG_DHCPACK && m->type != IPCFG_DHCPNAK)
        return refuse(c, "it is neither a DHCPACK nor a DHCPNAK", 0, why);
    /* Table 3: ACK and NAK "MUST" carry the server identifier. */
    if (!(m->has & IPCFG_HAS_SERVER_ID))
        return refuse(c, "it carries no server identifier (option 54)", 0, why);
    /* After selecting, only the server we talk to counts (§4.3.2: a
     * server not selected by the REQUEST takes it as a decline; §4.4.5:
     * RENEWING talks to the server that issued the lease).  REBINDING and
     * INIT-REBOOT broadcast to every server, and any of them may answer.
     * Another server's answer is not ours to count. */
    if (c->state == IPCFG_DHCP_S_REQUESTING)
        want_server = c->server;
    else if (c->state == IPCFG_DHCP_S_RENEWING)
        want_server = c->rec.server_id;
    if (want_server && !ip_eq(m->server_id, want_server)) {
        if (why)
            *why = "from another server";
        return -1;
    }
    c->heard_since_nak = 1;
    if (m->type == IPCFG_DHCPNAK) {
        c->refused = NULL;
        on_nak(c, now);
        return 0;
    }
    if ((w = ipcfg_dhcp_client_check_lease(c, m, 1, &l)) != NULL)
        return refuse(c, w, 0, why);
    if (c->state == IPCFG_DHCP_S_REQUESTING && !ip_eq(l.address, c->offer.address))
        return refuse(c, "its DHCPACK is for another address than its DHCPOFFER", 0, why);
    c->refused = NULL;
    c->left_out = m->left_out;
    on_ack(c, now, &l);
    return 0;
}

int ipcfg_dhcp_client_receive(ipcfg_dhcp_client *c, const ipcfg_dhcp_now *now, const uint8_t *msg, size_t len,
                              const char **why)
{
    ipcfg_dhcp_msg m;
    ipcfg_dhcp_lease l;
    const char *w = NULL;

    if (why)
        *why = NULL;
    switch (c->state) {
    case IPCFG_DHCP_S_INIT:
    case IPCFG_DHCP_S_REQUESTING:
    case IPCFG_DHCP_S_INIT_REBOOT:
    case IPCFG_DHCP_S_RENEWING:
    case IPCFG_DHCP_S_REBINDING:
        break;
    default:
        w = "not waiting for a reply";
        goto ignore;
    }
    if (now->mono_ms >= c->deadline_ms) {
        finish_deadline(c);
        w = "past the deadline";
        goto ignore;
    }
    /* Every reply that fails a check is dropped and the exchange goes on
     * waiting for a valid one; one that is this exchange's own (our xid
     * and hardware address, even when it does not parse) is remembered as
     * a server's refused answer. */
    if (ipcfg_dhcp_msg_parse(msg, len, &m, &w) != 0) {
        if (ipcfg_dhcp_client_raw_ours(c, msg, len))
            return refuse(c, w, 1, why);
        goto ignore;
    }
    if ((w = ipcfg_dhcp_client_check_identity(c, &m)) != NULL)
        goto ignore;
    if (c->state != IPCFG_DHCP_S_INIT)
        return receive_ack(c, now, &m, why);
    if (m.type != IPCFG_DHCPOFFER)
        return refuse(c, "it is not a DHCPOFFER", 0, why);
    c->heard_since_nak = 1;
    /* §4.4.1: "The client collects DHCPOFFER messages [...] and selects
     * one".  ipcfg takes the first valid one: a command should not wait
     * for offers it may never get. */
    if ((w = ipcfg_dhcp_client_check_lease(c, &m, 0, &l)) != NULL)
        return refuse(c, w, 0, why);
    c->refused = NULL;
    c->offer = l;
    memcpy(c->server, m.server_id, 4);
    ipcfg_dhcp_client_transition(c, now, IPCFG_DHCP_S_REQUESTING);
    return 0;
ignore:
    if (why)
        *why = w;
    return -1;
}

void ipcfg_dhcp_client_timer(ipcfg_dhcp_client *c, const ipcfg_dhcp_now *now)
{
    if (c->state == IPCFG_DHCP_S_DONE || c->state == IPCFG_DHCP_S_IDLE)
        return;
    if (now->mono_ms >= c->deadline_ms) {
        finish_deadline(c);
        return;
    }
    if (now->mono_ms < c->next_ms)
        return;
    switch (c->state) {
    case IPCFG_DHCP_S_RENEWING:
    case IPCFG_DHCP_S_REBINDING:
    case IPCFG_DHCP_S_INIT_REBOOT:
        /* §4.4.5: "If the lease expires before the client receives a
         * DHCPACK, the client moves to INIT state" */
        if (now->mono_ms >= mono_of_wall(c, ipcfg_dhcp_lease_expires(&c->rec))) {
            if (ipcfg_dhcp_client_drop_lease(c) == 0)
                ipcfg_dhcp_client_transition(c, now, IPCFG_DHCP_S_INIT);
            return;
        }
        /* §4.4.5: "If no DHCPACK arrives before time T2, the client moves
         * to REBINDING state" */
        if (c->state == IPCFG_DHCP_S_RENEWING && now->mono_ms >= mono_of_wall(c, ipcfg_dhcp_client_wall_at(&c->rec, c->rec.t2))) {
            ipcfg_dhcp_client_transition(c, now, IPCFG_DHCP_S_REBINDING);
            return;
        }
        /* §3.2 step 3: without an answer to INIT-REBOOT the address cannot
         * be confirmed; start over (a server that has no record of the
         * client "MUST remain silent", §4.3.2). */
        if (c->state == IPCFG_DHCP_S_INIT_REBOOT && c->attempt >= IPCFG_DHCP_REBOOT_TRIES) {
            /* A verify of an address that is still on the interface: "the
             * client MAY choose to use the previously allocated network
             * address and configuration parameters for the remainder of
             * the unexpired lease" (§3.2 step 3); it goes on as a renew. */
            if (c->have_lease) {
                ipcfg_dhcp_client_transition(c, now, now->wall_s < ipcfg_dhcp_client_wall_at(&c->rec, c->rec.t2) ? IPCFG_DHCP_S_RENEWING
                                                                              : IPCFG_DHCP_S_REBINDING);
                return;
            }
            c->rec_bound = 0;
            ipcfg_dhcp_client_transition(c, now, IPCFG_DHCP_S_INIT);
            return;
        }
        transmit(c, now);
        return;
    case IPCFG_DHCP_S_REQUESTING:
        /* §3.1 step 5 / §4.4.1: "If the client receives neither a DHCPACK
         * or a DHCPNAK message after employing the retransmission
         * algorithm, the client reverts to INIT state" */
        if (c->attempt >= IPCFG_DHCP_REQUESTING_TRIES) {
            ipcfg_dhcp_client_transition(c, now, IPCFG_DHCP_S_INIT);
            return;
        }
        transmit(c, now);
        return;
    case IPCFG_DHCP_S_INIT:
        transmit(c, now);
        return;
    case IPCFG_DHCP_S_PROBING:
    case IPCFG_DHCP_S_IDLE:
    case IPCFG_DHCP_S_DONE:
        return;
    }
}

void ipcfg_dhcp_client_probe_done(ipcfg_dhcp_client *c, const ipcfg_dhcp_now *now, int conflict)
{
    if (c->state != IPCFG_DHCP_S_PROBING)
        return;
    if (now->mono_ms >= c->deadline_ms) {
        finish_deadline(c);
        return;
    }
    if (!conflict) {
        bind_lease(c);
        return;
    }
    /* RFC 2131 §3.1 step 5: "If the client detects that the address is
     * already in use (e.g., through the use of ARP), the client MUST send
     * a DHCPDECLINE message to the server and restarts the configuration
     * process."  The ten-second wait that follows in the RFC (and RFC 5227
     * §2.1.1's rate limit) would not fit the command's deadline; after
     * IPCFG_DHCP_MAX_DECLINES conflicts the operation ends instead. */
    c->declines++;
    c->last_fail = FAIL_CONFLICT;
    ipcfg_dhcp_client_send(c, now, IPCFG_DHCPDECLINE);
    if (c->declines >= IPCFG_DHCP_MAX_DECLINES) {
        finish_fail(c, IPCFG_E_CONFLICT, IPCFG_R_EXISTS, "every address offered by the DHCP server is already in use");
        return;
    }
    ipcfg_dhcp_client_transition(c, now, IPCFG_DHCP_S_INIT);
}
