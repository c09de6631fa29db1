/* ipcfg — what the DHCPv6 client does with an answer: Advertise (RFC 8415
 * §18.2.9), Reply (§18.2.10), and with the verdict of duplicate address
 * detection (§18.2.10.1, §18.2.8).  Every answer passes the parser and the
 * identity checks of dhcp6_client_msg.c first; one that fails anything is
 * ignored, the exchange goes on, and its reason is kept for the outcome
 * ("a DHCPv6 server answered, but ...").
 *
 * SPDX-License-Identifier: MIT
 */
#include "dhcp6_client.h"
#include "dhcp6_client_int.h"
#include "dhcp6_msg.h"

#include <stdio.h>
#include <string.h>

/* An answer not taken: its reason kept (the last one wins). */
static int refuse(ipcfg_dhcp6_client *c, const char *why, const char **out)
{
    snprintf(c->refusal, sizeof(c->refusal), "%s", why);
    if (out)
        *out = c->refusal;
    return -1;
}

/* §18.2.9, §18.2.10: "The client MUST process any SOL_MAX_RT option ...
 * and INF_MAX_RT option ... even if the message contains a Status Code
 * option indicating a failure"; §21.24: "A DHCP client MUST ignore any
 * SOL_MAX_RT option values that are less than 60 or more than 86400";
 * §18.2.9: "A client SHOULD only update its SOL_MAX_RT and INF_MAX_RT
 * values if all received Advertise messages that contained the
 * corresponding option specified the same value". */
static void max_rt(uint32_t v, uint32_t *seen, int *mixed, uint32_t *ms, uint32_t dflt)
{
    if (v < 60 || v > 86400)
        return;
    if (*seen != 0 && *seen != v)
        *mixed = 1;
    *seen = v;
    *ms = *mixed ? dflt : v * 1000u;
}

static void take_max_rt(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_msg *m)
{
    if (m->has & IPCFG_DHCP6_HAS_SOL_MAX_RT)
        max_rt(m->sol_max_rt, &c->sol_max_rt_seen, &c->sol_max_rt_mixed, &c->sol_max_rt_ms, IPCFG_DHCP6_SOL_MAX_RT);
    if (m->has & IPCFG_DHCP6_HAS_INF_MAX_RT)
        max_rt(m->inf_max_rt, &c->inf_max_rt_seen, &c->inf_max_rt_mixed, &c->inf_max_rt_ms, IPCFG_DHCP6_INF_MAX_RT);
}

/* The status that counts for the IA: its own, else the message's (some
 * servers put NoAddrsAvail at the top level). */
static const ipcfg_dhcp6_status *ia_status(const ipcfg_dhcp6_msg *m, const ipcfg_dhcp6_ia *ia)
{
    if (ia != NULL && ia->status.present)
        return &ia->status;
    return &m->status;
}

static int failed(const ipcfg_dhcp6_status *s)
{
    return s->present && s->code != IPCFG_DHCP6_ST_SUCCESS;
}

static const char BAD_DNS[] = "its DNS servers (option 23) had a length that is not a multiple of 16";

/* An answer whose status is Success: NULL when it gives a lease for this
 * interface's IA_NA (in *l, see ipcfg_dhcp6_client_lease_of), else why
 * not. */
static const char *lease_in(const ipcfg_dhcp6_client *c, const ipcfg_dhcp6_now *now, const ipcfg_dhcp6_msg *m,
                            const ipcfg_dhcp6_ia *ia, const uint8_t *src, ipcfg_dhcp6_lease *l, int *withdrawn)
{
    *withdrawn = 0;
    if (m->has & IPCFG_DHCP6_HAS_BAD_DNS)
        return BAD_DNS;
    if (ia == NULL)
        return "it held no IA_NA for this interface's IAID";
    return ipcfg_dhcp6_client_lease_of(c, m, ia, src, now, l, withdrawn);
}

/* ---- binding ----------------------------------------------------------------- */

static void recorded(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_lease *l)
{
    c->rec = *l;
    c->have_lease = 1;
    c->rec_bound = l->state == IPCFG_DHCP6_LEASE_BOUND;
    c->dropped = 0;
}

/* Apply and record l in one step (io.commit) or two; nothing half-applied
 * is left on failure.  0 done. */
static int commit(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_lease *l)
{
    ipcfg_error e;
    const ipcfg_dhcp6_lease *old = c->have_lease ? &c->rec : NULL;

    memset(&e, 0, sizeof(e));
    if (c->io.commit) {
        int saving = 0;
        if (c->io.commit(c->io.ctx, l, old, &e, &saving) != 0) {
            ipcfg_dhcp6_client_undo(c, l);
            ipcfg_dhcp6_client_finish_io(c, &e, saving ? "saving the lease record" : "installing the address");
            return -1;
        }
    } else {
        if (c->io.apply && c->io.apply(c->io.ctx, l, old, &e) != 0) {
            ipcfg_dhcp6_client_undo(c, l);
            ipcfg_dhcp6_client_finish_io(c, &e, "installing the address");
            return -1;
        }
        memset(&e, 0, sizeof(e));
        if (c->io.save && c->io.save(c->io.ctx, l, &e) != 0) {
            ipcfg_dhcp6_client_undo(c, l);
            ipcfg_dhcp6_client_finish_io(c, &e, "saving the lease record");
            return -1;
        }
    }
    recorded(c, l);
    return 0;
}

void ipcfg_dhcp6_client_bind(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_now *now, const ipcfg_dhcp6_lease *l)
{
    uint8_t fresh[IPCFG_DHCP6_MAX_ADDRS][16];
    unsigned n = 0;

    /* §18.2.10.1: "The client MUST perform duplicate address detection
     * ... on each of the received addresses in any IAs on which it has not
     * performed duplicate address detection during processing of any of
     * the previous Reply messages" — the new ones */
    for (unsigned i = 0; i < l->n_addrs; i++) {
        int known = 0;
        for (unsigned k = 0; c->have_lease && k < c->rec.n_addrs; k++)
            known |= memcmp(c->rec.addrs[k].addr, l->addrs[i].addr, 16) == 0;
        if (!known)
            memcpy(fresh[n++], l->addrs[i].addr, 16);
    }
    if (n > 0 && c->cfg.dad && c->io.dad) {
        ipcfg_error e;
        memset(&e, 0, sizeof(e));
        if (c->io.apply && c->io.apply(c->io.ctx, l, c->have_lease ? &c->rec : NULL, &e) != 0) {
            ipcfg_dhcp6_client_undo(c, l);
            ipcfg_dhcp6_client_finish_io(c, &e, "installing the address");
            return;
        }
        c->cand = *l;
        ipcfg_dhcp6_client_transition(c, now, IPCFG_DHCP6_S_DAD);
        if (c->io.dad(c->io.ctx, &fresh[0][0], n) == 0)
            return;
        /* the detection cannot be watched: the kernel still runs it; bind */
        ipcfg_dhcp6_client_dad_done(c, now, NULL, 0);
        return;
    }
    if (commit(c, l) == 0)
        ipcfg_dhcp6_client_finish_ok(c, IPCFG_DHCP6_OUT_BOUND);
}

void ipcfg_dhcp6_client_dad_done(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_now *now, const uint8_t *failed_addrs,
                                 unsigned n_failed)
{
    uint8_t in_use[IPCFG_DHCP6_MAX_ADDRS][16];
    unsigned n = 0;
    ipcfg_error e;

    if (c->state != IPCFG_DHCP6_S_DAD)
        return;
    for (unsigned i = 0; i < n_failed && failed_addrs != NULL; i++)
        for (unsigned k = 0; k < c->cand.n_addrs && n < IPCFG_DHCP6_MAX_ADDRS; k++)
            if (memcmp(c->cand.addrs[k].addr, failed_addrs + 16 * i, 16) == 0)
                memcpy(in_use[n++], failed_addrs + 16 * i, 16);
    if (n > 0) {
        ipcfg_dhcp6_client_decline(c, now, &in_use[0][0], n);
        return;
    }
    memset(&e, 0, sizeof(e));
    if (c->io.save && c->io.save(c->io.ctx, &c->cand, &e) != 0) {
        ipcfg_dhcp6_client_undo(c, &c->cand);
        ipcfg_dhcp6_client_finish_io(c, &e, "saving the lease record");
        return;
    }
    recorded(c, &c->cand);
    ipcfg_dhcp6_client_finish_ok(c, IPCFG_DHCP6_OUT_BOUND);
}

/* §18.2.10.1: "If any of the addresses are found to be in use on the
 * link, the client sends a Decline message to the server for those
 * addresses"; §18.2.8: "The client SHOULD NOT send a Release message for
 * other bindings ... The client SHOULD retain the non-conflicting
 * bindings." */
void ipcfg_dhcp6_client_decline(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_now *now, const uint8_t *in_use,
                                unsigned n)
{
    ipcfg_dhcp6_lease kept = c->cand;
    ipcfg_error e;
    char line[IPCFG_DHCP6_REASON_MAX];

    c->n_declined = 0;
    memset(kept.addrs, 0, sizeof(kept.addrs));
    kept.n_addrs = 0;
    for (unsigned k = 0; k < c->cand.n_addrs; k++) {
        int bad = 0;
        for (unsigned i = 0; i < n; i++)
            bad |= memcmp(c->cand.addrs[k].addr, in_use + 16 * i, 16) == 0;
        if (bad)
            memcpy(c->declined[c->n_declined++], c->cand.addrs[k].addr, 16);
        else
            kept.addrs[kept.n_addrs++] = c->cand.addrs[k];
    }
    memset(&e, 0, sizeof(e));
    if (c->n_declined == 0) {
        ipcfg_error_set(&e, IPCFG_E_STATE, IPCFG_R_NO_ADAPTER_PERMISSIBLE, "no such DHCPv6 address to decline");
        ipcfg_dhcp6_client_finish(c, &e, IPCFG_DHCP6_OUT_NONE);
        return;
    }
    if (kept.n_addrs > 0) {
        /* the addresses in use off the interface, the rest recorded */
        if (c->io.apply && c->io.apply(c->io.ctx, &kept, &c->cand, &e) != 0) {
            ipcfg_dhcp6_client_finish_io(c, &e, "removing the address");
            return;
        }
        memset(&e, 0, sizeof(e));
        if (c->io.save && c->io.save(c->io.ctx, &kept, &e) != 0) {
            ipcfg_dhcp6_client_finish_io(c, &e, "saving the lease record");
            return;
        }
        recorded(c, &kept);
    } else {
        if (c->io.unapply && c->io.unapply(c->io.ctx, &c->cand, &e) != 0) {
            ipcfg_dhcp6_client_finish_io(c, &e, "removing the address");
            return;
        }
        c->have_lease = 0;
        c->rec_bound = 0;
        c->dropped = 1; /* recorded as released when the Decline ends */
    }
    snprintf(line, sizeof(line), "%u address%s in use on the link declined (duplicate address detection)",
             c->n_declined, c->n_declined == 1 ? "" : "es");
    ipcfg_dhcp6_client_set_note(c, line);
    ipcfg_dhcp6_client_transition(c, now, IPCFG_DHCP6_S_DECLINE);
}

/* ---- answers ------------------------------------------------------------------- */

/* §18.2.9: Advertise messages are collected for the first RT, the best by
 * preference kept (the first of equals); preference 255 ends the wait, and
 * after the first RT the first valid one does.  Each costs one comparison:
 * a storm of Advertise is bounded by the first RT. */
static int on_advertise(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_now *now, const ipcfg_dhcp6_msg *m,
                        const uint8_t *src, const char **why)
{
    const ipcfg_dhcp6_ia *ia = ipcfg_dhcp6_client_find_ia(c, m);
    const ipcfg_dhcp6_status *st = ia_status(m, ia);
    char text[IPCFG_DHCP6_REASON_MAX];
    ipcfg_dhcp6_lease l;
    int withdrawn;

    if (failed(st)) {
        if (st->code == IPCFG_DHCP6_ST_NOADDRSAVAIL)
            c->noaddrs = 1;
        return refuse(c, ipcfg_dhcp6_client_status_text(st, text, sizeof(text)), why);
    }
    /* §18.2.9: "The client MUST ignore any Advertise message that contains
     * no addresses" */
    const char *bad = lease_in(c, now, m, ia, src, &l, &withdrawn);
    if (bad != NULL)
        return refuse(c, bad, why);
    uint8_t pref = (m->has & IPCFG_DHCP6_HAS_PREFERENCE) ? m->preference : 0;
    if (!c->have_cand || pref > c->cand_pref) {
        c->cand = l;
        c->cand_pref = pref;
        c->have_cand = 1;
    }
    /* "If the client receives a valid Advertise message that includes a
     * Preference option with a preference value of 255, the client
     * immediately begins a client-initiated message exchange"; after the
     * first RT, "The client terminates the retransmission process as soon
     * as it receives any valid Advertise message" */
    if (pref == 255 || c->tx >= 2)
        ipcfg_dhcp6_client_transition(c, now, IPCFG_DHCP6_S_REQUEST);
    return 0;
}

/* A Reply to Request, Renew or Rebind (§18.2.10.1). */
static int on_reply_ia(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_now *now, const ipcfg_dhcp6_msg *m,
                       const uint8_t *src, const char **why)
{
    const ipcfg_dhcp6_ia *ia = ipcfg_dhcp6_client_find_ia(c, m);
    const ipcfg_dhcp6_status *st = ia_status(m, ia);
    char text[IPCFG_DHCP6_REASON_MAX];
    ipcfg_dhcp6_lease l;
    int withdrawn;

    if (failed(st)) {
        const char *line = ipcfg_dhcp6_client_status_text(st, text, sizeof(text));
        switch (st->code) {
        case IPCFG_DHCP6_ST_NOADDRSAVAIL:
            if (c->state != IPCFG_DHCP6_S_REQUEST)
                break; /* a Renew or Rebind refused: the lease stays until it runs out */
            /* §18.2.10.1: "the client may ... use the Information-request
             * message to obtain other configuration information only" */
            snprintf(c->refusal, sizeof(c->refusal), "%s", line);
            c->from_noaddrs = 1;
            ipcfg_dhcp6_client_transition(c, now, IPCFG_DHCP6_S_INFORM);
            return 0;
        case IPCFG_DHCP6_ST_NOBINDING:
            if (c->state == IPCFG_DHCP6_S_REQUEST)
                break;
            /* the server has no binding for the lease: a new one is sought
             * with Solicit, the old addresses no longer used (§18: "The
             * client MUST NOT be using any of the addresses ... for which
             * it tries to obtain the bindings by sending the Solicit") */
            if (ipcfg_dhcp6_client_drop(c) == 0)
                ipcfg_dhcp6_client_restart(c, now, line);
            return 0;
        case IPCFG_DHCP6_ST_NOTONLINK:
            /* §18.2.10.1: "restart the DHCP server discovery process" */
            if (ipcfg_dhcp6_client_drop(c) == 0)
                ipcfg_dhcp6_client_restart(c, now, line);
            return 0;
        default:
            break; /* UnspecFail and the rest: the retransmission goes on (§18.2.10) */
        }
        return refuse(c, line, why);
    }
    const char *bad = lease_in(c, now, m, ia, src, &l, &withdrawn);
    if (bad != NULL && withdrawn) {
        /* every address withdrawn, none given: the lease is over */
        if (ipcfg_dhcp6_client_drop(c) == 0)
            ipcfg_dhcp6_client_transition(c, now, IPCFG_DHCP6_S_SOLICIT);
        return 0;
    }
    if (bad != NULL)
        return refuse(c, bad, why);
    ipcfg_dhcp6_client_set_note(c, m->note);
    ipcfg_dhcp6_client_bind(c, now, &l);
    return 0;
}

/* §18.2.10.3: "If the client receives any Reply messages that indicate a
 * status of Success (explicit or implicit), the client can use the
 * addresses in the IA"; NotOnLink: "the client performs DHCP server
 * discovery" (at the first such answer: a command does not wait out
 * CNF_MAX_RD for a Success that may never come). */
static int on_reply_confirm(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_now *now, const ipcfg_dhcp6_msg *m,
                            const char **why)
{
    char text[IPCFG_DHCP6_REASON_MAX];

    if (failed(&m->status)) {
        const char *line = ipcfg_dhcp6_client_status_text(&m->status, text, sizeof(text));
        if (m->status.code != IPCFG_DHCP6_ST_NOTONLINK)
            return refuse(c, line, why);
        if (ipcfg_dhcp6_client_drop(c) == 0)
            ipcfg_dhcp6_client_restart(c, now, line);
        return 0;
    }
    ipcfg_dhcp6_client_finish_confirmed(c);
    return 0;
}

/* §18.2.10.4: a Reply to Information-request, configuration only. */
static int on_reply_inform(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_now *now, const ipcfg_dhcp6_msg *m,
                           const uint8_t *src, const char **why)
{
    char text[IPCFG_DHCP6_REASON_MAX];
    ipcfg_dhcp6_lease l;

    if (failed(&m->status))
        return refuse(c, ipcfg_dhcp6_client_status_text(&m->status, text, sizeof(text)), why);
    if (m->has & IPCFG_DHCP6_HAS_BAD_DNS)
        return refuse(c, BAD_DNS, why);
    ipcfg_dhcp6_client_stateless_of(c, m, src, now, &l);
    if (c->from_noaddrs)
        ipcfg_dhcp6_client_set_note(c, "no DHCPv6 server has an address for this interface: "
                                       "configuration only (DNS servers, search list)");
    ipcfg_dhcp6_client_set_note(c, m->note);
    if (commit(c, &l) == 0)
        ipcfg_dhcp6_client_finish_ok(c, IPCFG_DHCP6_OUT_STATELESS);
    return 0;
}

int ipcfg_dhcp6_client_receive(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_now *now, const uint8_t *msg, size_t len,
                               const uint8_t src[16], const char **why)
{
    ipcfg_dhcp6_msg m;
    const char *w = NULL;

    if (why)
        *why = NULL;
    if (c->state == IPCFG_DHCP6_S_IDLE || c->state == IPCFG_DHCP6_S_DONE || c->state == IPCFG_DHCP6_S_DAD) {
        if (why)
            *why = "not waiting for an answer";
        return -1;
    }
    if (now->mono_ms >= c->deadline_ms) {
        ipcfg_dhcp6_client_timer(c, now); /* the deadline's outcome */
        if (why)
            *why = "past the deadline";
        return -1;
    }
    if (ipcfg_dhcp6_msg_parse(msg, len, &m, &w) != 0 || (w = ipcfg_dhcp6_client_check_identity(c, &m)) != NULL)
        return refuse(c, w, why);
    take_max_rt(c, &m);
    switch (c->state) {
    case IPCFG_DHCP6_S_SOLICIT:
        return on_advertise(c, now, &m, src, why);
    case IPCFG_DHCP6_S_REQUEST:
    case IPCFG_DHCP6_S_RENEW:
    case IPCFG_DHCP6_S_REBIND:
        return on_reply_ia(c, now, &m, src, why);
    case IPCFG_DHCP6_S_CONFIRM:
        return on_reply_confirm(c, now, &m, why);
    case IPCFG_DHCP6_S_INFORM:
        return on_reply_inform(c, now, &m, src, why);
    case IPCFG_DHCP6_S_RELEASE:
        /* §18.2.10.2: "the client considers the Release event completed,
         * regardless of the Status Code option" */
        ipcfg_dhcp6_client_finish_released(c);
        return 0;
    default: /* IPCFG_DHCP6_S_DECLINE, likewise */
        ipcfg_dhcp6_client_finish_declined(c);
        return 0;
    }
}
