/* ipcfg — the DHCPv6 client state machine: retransmission (RFC 8415 §15),
 * the one transition function, the timer, and how an operation ends.
 * See dhcp6_client.h and docs/dhcp.md ("DHCPv6").
 *
 * Outcome rules when the deadline passes (finish_deadline):
 *   - a Release exchange ends as released, a Decline exchange as declined,
 *     a Confirm as kept (§18.2.3: with no answer the client "SHOULD
 *     continue to use any leases");
 *   - a lease that was valid at the start and is still applied is kept,
 *     nothing is unapplied;
 *   - status 3 when some answer came but every one was refused, the last
 *     reason in the text ("a DHCPv6 server answered, but its answer was
 *     refused: ...");
 *   - status 5 when nothing came at all.
 *
 * SPDX-License-Identifier: MIT
 */
#include "dhcp6_client.h"
#include "dhcp6_client_int.h"

#include <stdio.h>
#include <string.h>

/* ---- retransmission (§15) ---------------------------------------------------- */

uint32_t ipcfg_dhcp6_rt_ms(uint32_t prev_rt_ms, uint32_t irt_ms, uint32_t mrt_ms, uint32_t r, int above_irt)
{
    /* "Each of the computations of a new RT includes a randomization factor
     * (RAND), which is a random number chosen with a uniform distribution
     * between -0.1 and +0.1": RAND = k / 10000 */
    int64_t k = (int64_t)(r % 2001u) - 1000, rt;

    if (prev_rt_ms == 0) {
        /* "RT for the first message transmission is based on IRT:
         *     RT = IRT + RAND*IRT"
         * §18.2.1: "the first RT MUST be selected to be strictly greater
         * than IRT by choosing RAND to be strictly greater than 0" */
        if (above_irt) {
            k = (int64_t)(r % 1000u) + 1;
            int64_t add = (int64_t)irt_ms * k / 10000;
            rt = (int64_t)irt_ms + (add > 0 ? add : 1);
        } else {
            rt = (int64_t)irt_ms + (int64_t)irt_ms * k / 10000;
        }
    } else {
        /* "RT for each subsequent message transmission is based on the
         * previous value of RT:  RT = 2*RTprev + RAND*RTprev" */
        rt = 2 * (int64_t)prev_rt_ms + (int64_t)prev_rt_ms * k / 10000;
    }
    /* "If MRT has a value of 0, there is no upper limit on the value of
     * RT.  Otherwise:  if (RT > MRT)  RT = MRT + RAND*MRT" */
    if (mrt_ms != 0 && rt > (int64_t)mrt_ms)
        rt = (int64_t)mrt_ms + (int64_t)mrt_ms * k / 10000;
    if (rt < 1)
        rt = 1;
    return rt > (int64_t)UINT32_MAX ? UINT32_MAX : (uint32_t)rt;
}

/* ---- small helpers ------------------------------------------------------------ */

uint32_t ipcfg_dhcp6_client_rnd(const ipcfg_dhcp6_client *c)
{
    return c->io.random ? c->io.random(c->io.ctx) : 0;
}

int64_t ipcfg_dhcp6_client_mono(const ipcfg_dhcp6_client *c, int64_t when)
{
    /* wall times are converted once, through the anchor taken at start, so
     * that the operation follows the monotonic clock if the wall clock
     * jumps */
    if (when == INT64_MAX)
        return INT64_MAX;
    int64_t d = when - c->anchor_wall;
    if (d > (int64_t)1 << 40)
        return INT64_MAX;
    if (d < -((int64_t)1 << 40))
        return INT64_MIN / 2;
    return c->anchor_mono + d * 1000;
}

void ipcfg_dhcp6_client_set_note(ipcfg_dhcp6_client *c, const char *text)
{
    if (c->note[0] == '\0' && text && text[0])
        snprintf(c->note, sizeof(c->note), "%s", text);
}

/* ---- finishing ---------------------------------------------------------------- */

void ipcfg_dhcp6_client_finish(ipcfg_dhcp6_client *c, const ipcfg_error *e, ipcfg_dhcp6_outcome o)
{
    c->result = *e;
    c->outcome = o;
    c->state = IPCFG_DHCP6_S_DONE;
    c->next_ms = INT64_MAX;
}

void ipcfg_dhcp6_client_finish_ok(ipcfg_dhcp6_client *c, ipcfg_dhcp6_outcome o)
{
    ipcfg_error e;

    memset(&e, 0, sizeof(e));
    ipcfg_dhcp6_client_finish(c, &e, o);
}

void ipcfg_dhcp6_client_finish_io(ipcfg_dhcp6_client *c, ipcfg_error *e, const char *what)
{
    if (e->status == IPCFG_OK)
        ipcfg_error_set(e, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "%s failed", what);
    ipcfg_dhcp6_client_finish(c, e, IPCFG_DHCP6_OUT_NONE);
}

/* The record as released: interface, IAID and client DUID kept. */
static int save_released(ipcfg_dhcp6_client *c, ipcfg_error *e)
{
    ipcfg_dhcp6_lease r;

    memset(&r, 0, sizeof(r));
    r.state = IPCFG_DHCP6_LEASE_RELEASED;
    ipcfg_copy_str(r.ifname, sizeof(r.ifname), c->rec.ifname[0] ? c->rec.ifname : c->cfg.ifname);
    r.iaid = c->rec.state ? c->rec.iaid : c->cfg.iaid;
    if (c->rec.state && c->rec.client_duid_len) {
        memcpy(r.client_duid, c->rec.client_duid, c->rec.client_duid_len);
        r.client_duid_len = c->rec.client_duid_len;
    } else {
        memcpy(r.client_duid, c->cfg.duid, c->cfg.duid_len);
        r.client_duid_len = c->cfg.duid_len;
    }
    if (c->io.save && c->io.save(c->io.ctx, &r, e) != 0)
        return -1;
    c->rec = r;
    c->dropped = 0;
    return 0;
}

void ipcfg_dhcp6_client_finish_fail(ipcfg_dhcp6_client *c, ipcfg_status st, ipcfg_reason r, const char *text)
{
    ipcfg_error e;

    memset(&e, 0, sizeof(e));
    /* a bound record given up and nothing new bound: the file must stop
     * claiming the lease */
    if (c->dropped && !c->have_lease && save_released(c, &e) != 0) {
        ipcfg_dhcp6_client_finish_io(c, &e, "saving the lease record");
        return;
    }
    memset(&e, 0, sizeof(e));
    ipcfg_error_set(&e, st, r, "%s", text);
    ipcfg_dhcp6_client_finish(c, &e, c->have_lease ? IPCFG_DHCP6_OUT_KEPT : IPCFG_DHCP6_OUT_NONE);
}

void ipcfg_dhcp6_client_finish_released(ipcfg_dhcp6_client *c)
{
    ipcfg_error e;

    memset(&e, 0, sizeof(e));
    if (save_released(c, &e) != 0) {
        ipcfg_dhcp6_client_finish_io(c, &e, "saving the lease record");
        return;
    }
    ipcfg_dhcp6_client_finish_ok(c, IPCFG_DHCP6_OUT_RELEASED);
}

void ipcfg_dhcp6_client_finish_declined(ipcfg_dhcp6_client *c)
{
    if (c->have_lease) { /* some addresses were not in use: they stay bound */
        ipcfg_dhcp6_client_finish_ok(c, IPCFG_DHCP6_OUT_BOUND);
        return;
    }
    ipcfg_dhcp6_client_finish_fail(c, IPCFG_E_CONFLICT, IPCFG_R_EXISTS,
                                   "the address offered by the DHCPv6 server is already in use (declined)");
    if (c->result.status == IPCFG_E_CONFLICT)
        c->outcome = IPCFG_DHCP6_OUT_DECLINED;
}

/* Every answer refused, the last for why: status 3. */
static void finish_refused(ipcfg_dhcp6_client *c, const char *why)
{
    char text[IPCFG_DHCP6_REASON_MAX + 64];

    snprintf(text, sizeof(text), "a DHCPv6 server answered, but its answer was refused: %s", why);
    ipcfg_dhcp6_client_finish_fail(c, IPCFG_E_FAILED, IPCFG_R_SYSTEM, text);
}

void ipcfg_dhcp6_client_undo(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_lease *l)
{
    ipcfg_error e;

    memset(&e, 0, sizeof(e));
    if (c->have_lease && c->io.apply)
        (void)c->io.apply(c->io.ctx, &c->rec, l, &e);
    else if (!c->have_lease && c->io.unapply)
        (void)c->io.unapply(c->io.ctx, l, &e);
}

static void finish_deadline(ipcfg_dhcp6_client *c)
{
    switch (c->state) {
    case IPCFG_DHCP6_S_RELEASE:
        ipcfg_dhcp6_client_set_note(c, "no DHCPv6 server acknowledged the Release");
        ipcfg_dhcp6_client_finish_released(c);
        return;
    case IPCFG_DHCP6_S_DECLINE:
        ipcfg_dhcp6_client_finish_declined(c);
        return;
    case IPCFG_DHCP6_S_CONFIRM:
        ipcfg_dhcp6_client_set_note(c, "no DHCPv6 server answered the Confirm: the lease is kept");
        ipcfg_dhcp6_client_finish_confirmed(c);
        return;
    case IPCFG_DHCP6_S_DAD:
        /* the new addresses are not known to be unique: taken off again,
         * the interface as it was */
        ipcfg_dhcp6_client_undo(c, &c->cand);
        ipcfg_dhcp6_client_finish_fail(c, IPCFG_E_TIMEOUT, IPCFG_R_SYSTEM,
                                       "duplicate address detection did not finish before the timeout");
        return;
    default:
        break;
    }
    if (c->refusal[0]) {
        finish_refused(c, c->refusal);
    } else {
        ipcfg_dhcp6_client_finish_fail(c, IPCFG_E_TIMEOUT, IPCFG_R_DHCP_TIMEOUT, "unable to contact your DHCP server");
    }
}

void ipcfg_dhcp6_client_finish_confirmed(ipcfg_dhcp6_client *c)
{
    ipcfg_error e;

    /* Installed again whether or not they were said to be there: a
     * Confirm follows the link coming back, and a link set down loses
     * its IPv6 addresses (Linux: keep_addr_on_down 0); where they still
     * are, only their remaining lifetimes are set again. */
    memset(&e, 0, sizeof(e));
    if (c->io.apply && c->io.apply(c->io.ctx, &c->rec, NULL, &e) != 0) {
        ipcfg_dhcp6_client_finish_io(c, &e, "installing the address");
        return;
    }
    c->have_lease = 1;
    ipcfg_dhcp6_client_finish_ok(c, IPCFG_DHCP6_OUT_KEPT);
}

int ipcfg_dhcp6_client_drop(ipcfg_dhcp6_client *c)
{
    ipcfg_error e;

    memset(&e, 0, sizeof(e));
    if (c->have_lease && c->io.unapply && c->io.unapply(c->io.ctx, &c->rec, &e) != 0) {
        ipcfg_dhcp6_client_finish_io(c, &e, "removing the address");
        return -1;
    }
    if (c->have_lease || c->rec_bound)
        c->dropped = 1;
    c->have_lease = 0;
    c->rec_bound = 0;
    return 0;
}

void ipcfg_dhcp6_client_restart(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_now *now, const char *why)
{
    snprintf(c->refusal, sizeof(c->refusal), "%s", why);
    if (++c->restarts >= IPCFG_DHCP6_MAX_RESTARTS) {
        finish_refused(c, c->refusal);
        return;
    }
    ipcfg_dhcp6_client_transition(c, now, IPCFG_DHCP6_S_SOLICIT);
}

/* ---- transmissions and the timer ------------------------------------------------ */

static void schedule(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_now *now)
{
    int64_t next = now->mono_ms + (int64_t)c->rt_ms;

    if (c->mrd_end < next)
        next = c->mrd_end;
    /* a lease's end is watched while it is renewed, rebound or confirmed */
    if (c->rec_bound && (c->state == IPCFG_DHCP6_S_RENEW || c->state == IPCFG_DHCP6_S_REBIND ||
                         c->state == IPCFG_DHCP6_S_CONFIRM)) {
        int64_t end = ipcfg_dhcp6_client_mono(c, ipcfg_dhcp6_lease_expires(&c->rec));
        if (end < next)
            next = end;
    }
    c->next_ms = next < c->deadline_ms ? next : c->deadline_ms;
}

static void transmit(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_now *now)
{
    if (c->tx == 0) {
        c->first_tx_ms = now->mono_ms;
        if (c->mrd_rel_ms)
            c->mrd_end = now->mono_ms + c->mrd_rel_ms;
    }
    /* §21.24, §21.25: a server's SOL_MAX_RT or INF_MAX_RT applies from the
     * next computation of RT */
    if (c->state == IPCFG_DHCP6_S_SOLICIT)
        c->mrt_ms = c->sol_max_rt_ms;
    else if (c->state == IPCFG_DHCP6_S_INFORM)
        c->mrt_ms = c->inf_max_rt_ms;
    size_t len = ipcfg_dhcp6_client_build(c, now);
    /* a failed send is not fatal: the retransmission tries again, and the
     * deadline bounds the whole operation */
    if (len > 0 && c->io.send != NULL)
        (void)c->io.send(c->io.ctx, c->msgbuf, len);
    c->tx++;
    c->rt_ms = ipcfg_dhcp6_rt_ms(c->rt_ms, c->irt_ms, c->mrt_ms, ipcfg_dhcp6_client_rnd(c),
                                 c->state == IPCFG_DHCP6_S_SOLICIT && c->tx == 1);
    schedule(c, now);
}

static void params(ipcfg_dhcp6_client *c, uint32_t irt, uint32_t mrt, unsigned mrc)
{
    c->irt_ms = irt;
    c->mrt_ms = mrt;
    c->mrc = mrc;
}

/* The server a directed message (Request, Renew, Release) names. */
static void to_server(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_lease *l)
{
    memcpy(c->server, l->server_duid, l->server_duid_len);
    c->server_len = l->server_duid_len;
}

/* The one transition function: the entry actions of each state. */
void ipcfg_dhcp6_client_transition(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_now *now, ipcfg_dhcp6_state to)
{
    c->state = to;
    c->tx = 0;
    c->rt_ms = 0;
    c->mrd_rel_ms = 0;
    c->mrd_end = INT64_MAX;
    c->first_tx_ms = now->mono_ms;
    /* §16.1: "A client SHOULD generate a random number that cannot easily
     * be guessed or predicted to use as the transaction ID for each new
     * message it sends" (a new exchange: retransmissions keep it) */
    c->xid = ipcfg_dhcp6_client_rnd(c) & 0xffffffu;
    switch (to) {
    case IPCFG_DHCP6_S_SOLICIT:
        /* §18.2.1: IRT SOL_TIMEOUT, MRT SOL_MAX_RT, MRC 0, MRD 0.  The
         * first Solicit is not delayed by SOL_MAX_DELAY ("SHOULD", for
         * hosts that start together after a power failure): ipcfg is a
         * command, bounded by its deadline. */
        params(c, IPCFG_DHCP6_SOL_TIMEOUT, c->sol_max_rt_ms, 0);
        c->have_cand = 0;
        c->cand_pref = 0;
        c->noaddrs = 0;
        transmit(c, now);
        return;
    case IPCFG_DHCP6_S_REQUEST:
        /* §18.2.2: IRT REQ_TIMEOUT, MRT REQ_MAX_RT, MRC REQ_MAX_RC, MRD 0 */
        params(c, IPCFG_DHCP6_REQ_TIMEOUT, IPCFG_DHCP6_REQ_MAX_RT, IPCFG_DHCP6_REQ_MAX_RC);
        to_server(c, &c->cand);
        transmit(c, now);
        return;
    case IPCFG_DHCP6_S_RENEW:
        /* §18.2.4: IRT REN_TIMEOUT, MRT REN_MAX_RT, MRC 0, "MRD Remaining
         * time until earliest T2" */
        params(c, IPCFG_DHCP6_REN_TIMEOUT, IPCFG_DHCP6_REN_MAX_RT, 0);
        c->mrd_end = ipcfg_dhcp6_client_mono(c, ipcfg_dhcp6_lease_at(&c->rec, c->rec.t2));
        to_server(c, &c->rec);
        transmit(c, now);
        return;
    case IPCFG_DHCP6_S_REBIND:
        /* §18.2.5: IRT REB_TIMEOUT, MRT REB_MAX_RT, MRC 0, "MRD Remaining
         * time until valid lifetimes of all leases in all IAs have
         * expired" */
        params(c, IPCFG_DHCP6_REB_TIMEOUT, IPCFG_DHCP6_REB_MAX_RT, 0);
        c->mrd_end = ipcfg_dhcp6_client_mono(c, ipcfg_dhcp6_lease_expires(&c->rec));
        transmit(c, now);
        return;
    case IPCFG_DHCP6_S_CONFIRM:
        /* §18.2.3: "The first Confirm message from the client on the
         * interface MUST be delayed by a random amount of time between 0
         * and CNF_MAX_DELAY"; IRT CNF_TIMEOUT, MRT CNF_MAX_RT, MRC 0, MRD
         * CNF_MAX_RD */
        params(c, IPCFG_DHCP6_CNF_TIMEOUT, IPCFG_DHCP6_CNF_MAX_RT, 0);
        c->mrd_rel_ms = IPCFG_DHCP6_CNF_MAX_RD;
        c->next_ms = now->mono_ms + ipcfg_dhcp6_client_rnd(c) % (IPCFG_DHCP6_CNF_MAX_DELAY + 1);
        break;
    case IPCFG_DHCP6_S_INFORM:
        /* §18.2.6: "The first Information-request message from the client
         * on the interface MUST be delayed by a random amount of time
         * between 0 and INF_MAX_DELAY"; IRT INF_TIMEOUT, MRT INF_MAX_RT */
        params(c, IPCFG_DHCP6_INF_TIMEOUT, c->inf_max_rt_ms, 0);
        c->next_ms = now->mono_ms + ipcfg_dhcp6_client_rnd(c) % (IPCFG_DHCP6_INF_MAX_DELAY + 1);
        break;
    case IPCFG_DHCP6_S_RELEASE:
        /* §18.2.7: IRT REL_TIMEOUT, MRT 0, MRC REL_MAX_RC, MRD 0 */
        params(c, IPCFG_DHCP6_REL_TIMEOUT, 0, IPCFG_DHCP6_REL_MAX_RC);
        to_server(c, &c->rec);
        transmit(c, now);
        return;
    case IPCFG_DHCP6_S_DECLINE:
        /* §18.2.8: IRT DEC_TIMEOUT, MRT 0, MRC DEC_MAX_RC, MRD 0, to the
         * server of the addresses declined */
        params(c, IPCFG_DHCP6_DEC_TIMEOUT, 0, IPCFG_DHCP6_DEC_MAX_RC);
        to_server(c, &c->cand);
        transmit(c, now);
        return;
    case IPCFG_DHCP6_S_DAD:
        c->next_ms = INT64_MAX; /* the verdict arrives through dad_done; only the deadline runs */
        break;
    case IPCFG_DHCP6_S_IDLE:
    case IPCFG_DHCP6_S_DONE:
        c->next_ms = INT64_MAX;
        return;
    }
    if (c->next_ms > c->deadline_ms)
        c->next_ms = c->deadline_ms;
}

/* The exchange failed by MRC or MRD (§15): what each message does next. */
static void exchange_failed(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_now *now)
{
    switch (c->state) {
    case IPCFG_DHCP6_S_REQUEST:
        /* §18.2.2: "If the message exchange fails, the client takes an
         * action based on the client's local policy": discovery again */
        ipcfg_dhcp6_client_transition(c, now, IPCFG_DHCP6_S_SOLICIT);
        return;
    case IPCFG_DHCP6_S_RENEW:
        /* §18.2.4: "The message exchange is terminated when the earliest
         * time T2 is reached, at which point the client begins the Rebind
         * message exchange" */
        ipcfg_dhcp6_client_transition(c, now, IPCFG_DHCP6_S_REBIND);
        return;
    case IPCFG_DHCP6_S_REBIND:
        /* §18.2.5: "The message exchange is terminated when the valid
         * lifetimes of all leases across all IAs have expired, at which
         * time the client uses the Solicit message to locate a new DHCP
         * server" */
        if (ipcfg_dhcp6_client_drop(c) == 0)
            ipcfg_dhcp6_client_transition(c, now, IPCFG_DHCP6_S_SOLICIT);
        return;
    case IPCFG_DHCP6_S_CONFIRM:
        /* §18.2.3: "If the client receives no responses before the message
         * transmission process terminates ... the client SHOULD continue
         * to use any leases" */
        ipcfg_dhcp6_client_set_note(c, "no DHCPv6 server answered the Confirm: the lease is kept");
        ipcfg_dhcp6_client_finish_confirmed(c);
        return;
    case IPCFG_DHCP6_S_RELEASE:
        ipcfg_dhcp6_client_set_note(c, "no DHCPv6 server acknowledged the Release");
        ipcfg_dhcp6_client_finish_released(c);
        return;
    case IPCFG_DHCP6_S_DECLINE:
        ipcfg_dhcp6_client_finish_declined(c);
        return;
    default:
        return; /* Solicit and Information-request have no MRC or MRD */
    }
}

void ipcfg_dhcp6_client_timer(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_now *now)
{
    if (c->state == IPCFG_DHCP6_S_DONE || c->state == IPCFG_DHCP6_S_IDLE)
        return;
    if (now->mono_ms >= c->deadline_ms) {
        finish_deadline(c);
        return;
    }
    if (now->mono_ms < c->next_ms || c->state == IPCFG_DHCP6_S_DAD)
        return;
    /* the lease ran out while it was being renewed, rebound or confirmed:
     * §18.2.5, Solicit for a new one */
    if (c->rec_bound && (c->state == IPCFG_DHCP6_S_RENEW || c->state == IPCFG_DHCP6_S_REBIND ||
                         c->state == IPCFG_DHCP6_S_CONFIRM) &&
        now->mono_ms >= ipcfg_dhcp6_client_mono(c, ipcfg_dhcp6_lease_expires(&c->rec))) {
        if (ipcfg_dhcp6_client_drop(c) == 0)
            ipcfg_dhcp6_client_transition(c, now, IPCFG_DHCP6_S_SOLICIT);
        return;
    }
    /* §15: "Unless MRC is zero, the message exchange fails once the client
     * has transmitted the message MRC times.  ... Unless MRD is zero, the
     * message exchange fails once MRD seconds have elapsed since the client
     * first transmitted the message." */
    if (c->tx > 0 && (now->mono_ms >= c->mrd_end || (c->mrc != 0 && c->tx >= c->mrc))) {
        exchange_failed(c, now);
        return;
    }
    if (c->state == IPCFG_DHCP6_S_SOLICIT && c->tx > 0) {
        /* §18.2.1: "If the first RT elapses and the client has received a
         * valid Advertise message, the client SHOULD continue with a
         * client-initiated message exchange by sending a Request message" */
        if (c->have_cand) {
            ipcfg_dhcp6_client_transition(c, now, IPCFG_DHCP6_S_REQUEST);
            return;
        }
        /* every server that answered has no address for us: configuration
         * only (§18.2.6) */
        if (c->noaddrs) {
            c->from_noaddrs = 1;
            ipcfg_dhcp6_client_transition(c, now, IPCFG_DHCP6_S_INFORM);
            return;
        }
    }
    transmit(c, now);
}

/* ---- queries ------------------------------------------------------------------------ */

int64_t ipcfg_dhcp6_client_next_wakeup(const ipcfg_dhcp6_client *c)
{
    if (c->state == IPCFG_DHCP6_S_DONE || c->state == IPCFG_DHCP6_S_IDLE)
        return INT64_MAX;
    return c->next_ms < c->deadline_ms ? c->next_ms : c->deadline_ms;
}

int ipcfg_dhcp6_client_done(const ipcfg_dhcp6_client *c, ipcfg_error *result)
{
    if (c->state != IPCFG_DHCP6_S_DONE)
        return 0;
    if (result)
        *result = c->result;
    return 1;
}

ipcfg_dhcp6_outcome ipcfg_dhcp6_client_outcome(const ipcfg_dhcp6_client *c)
{
    return c->state == IPCFG_DHCP6_S_DONE ? c->outcome : IPCFG_DHCP6_OUT_NONE;
}

const char *ipcfg_dhcp6_client_note(const ipcfg_dhcp6_client *c)
{
    return c->note;
}

const ipcfg_dhcp6_lease *ipcfg_dhcp6_client_lease(const ipcfg_dhcp6_client *c)
{
    return &c->rec;
}
