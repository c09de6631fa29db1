/* ipcfg — a kept lease's timeline (dhcp_keep.h): its state, the one
 * transition ipcfg_dhcp_keep_step, and the pieces of a look: how long the
 * host was asleep, the lease's times on a clock that counts that time,
 * and what is due next (RFC 2131 §3.2, §4.4.5).  Pure and clock-injected:
 * the lease keeper (src/linux/keeper/) samples the clocks and feeds them
 * in; tests feed any.  docs/linux.md, "Keeping a lease".
 *
 * CLOCK_MONOTONIC stops while the host is suspended and CLOCK_BOOTTIME
 * does not: boot - mono grows by exactly the time asleep.  The lease's
 * times are counted on the boot clock from the moment the keeper first
 * saw the lease, so that time asleep counts even where the wall clock
 * comes back from a resume late or wrong (a host without a working RTC
 * until NTP answers): a lease that ran out while the host slept is never
 * taken for valid.
 *
 * SPDX-License-Identifier: MIT
 */
#include "dhcp_keep.h"

#include "dhcp_client.h"

#include <string.h>

void ipcfg_dhcp_keep_times_of(const ipcfg_dhcp_lease *l, ipcfg_dhcp_keep_times *t)
{
    memset(t, 0, sizeof *t);
    t->state = l->state == IPCFG_DHCP_LEASE_BOUND      ? IPCFG_DHCP_KEEP_REC_BOUND
               : l->state == IPCFG_DHCP_LEASE_RELEASED ? IPCFG_DHCP_KEEP_REC_RELEASED
                                                       : IPCFG_DHCP_KEEP_REC_OTHER;
    t->obtained = l->obtained;
    t->lifetime = l->lease_time;
    t->t1 = l->t1;
    t->t2 = l->t2;
}

void ipcfg_dhcp_keep_init(ipcfg_dhcp_keep *k)
{
    memset(k, 0, sizeof *k);
    k->backoff_s = IPCFG_DHCP_KEEP_BACKOFF_MIN_S;
}

int64_t ipcfg_dhcp_keep_sample(ipcfg_dhcp_keep *k, const ipcfg_dhcp_clocks *c)
{
    int64_t gap = c->boot_ms - c->mono_ms, asleep = 0;

    if (!k->sampled) {
        k->sampled = 1;
        k->gap_ms = gap;
        return 0;
    }
    /* read boot first, then mono: a delay between the two readings (a
     * preempted process) only makes gap smaller, so the largest gap seen
     * is the time asleep so far, and jitter never looks like a suspend */
    if (gap > k->gap_ms) {
        asleep = gap - k->gap_ms;
        if (asleep < IPCFG_DHCP_ASLEEP_MIN_MS)
            return 0; /* counted at the next sample that passes the bar */
        k->gap_ms = gap;
    }
    return asleep;
}

void ipcfg_dhcp_keep_anchor4(ipcfg_dhcp_keep *k, const ipcfg_dhcp_lease *l, const ipcfg_dhcp_clocks *c)
{
    ipcfg_dhcp_keep_times t;

    if (l != NULL)
        ipcfg_dhcp_keep_times_of(l, &t);
    ipcfg_dhcp_keep_anchor(k, l != NULL ? &t : NULL, c);
}

void ipcfg_dhcp_keep_anchor(ipcfg_dhcp_keep *k, const ipcfg_dhcp_keep_times *l, const ipcfg_dhcp_clocks *c)
{
    if (l == NULL || l->state != IPCFG_DHCP_KEEP_REC_BOUND) {
        k->anchored = 0;
        return;
    }
    /* the same lease (read again from its file): its anchor stays, with
     * the time asleep since counted on the boot clock */
    if (k->anchored && k->obtained == l->obtained && k->lease_time == l->lifetime && k->t1 == l->t1 &&
        k->t2 == l->t2)
        return;
    k->anchored = 1;
    k->obtained = l->obtained;
    k->lease_time = l->lifetime;
    k->t1 = l->t1;
    k->t2 = l->t2;
    /* its age by the wall clock now; a lease from the future (the clock
     * set back) is taken as obtained now */
    int64_t age_s = c->wall_s > l->obtained ? c->wall_s - l->obtained : 0;
    if (age_s > INT64_MAX / 2000)
        age_s = INT64_MAX / 2000;
    k->base_ms = c->boot_ms - age_s * 1000;
}

void ipcfg_dhcp_keep_unanchor(ipcfg_dhcp_keep *k)
{
    k->anchored = 0;
}

int64_t ipcfg_dhcp_keep_at(const ipcfg_dhcp_keep *k, uint32_t off)
{
    if (!k->anchored || off == IPCFG_DHCP_INFINITE || k->lease_time == IPCFG_DHCP_INFINITE)
        return INT64_MAX;
    return k->base_ms + (int64_t)off * 1000;
}

int ipcfg_dhcp_keep_expired(const ipcfg_dhcp_keep *k, int64_t boot_ms)
{
    return k->anchored && boot_ms >= ipcfg_dhcp_keep_at(k, k->lease_time);
}

ipcfg_dhcp_keep_do ipcfg_dhcp_keep_next(const ipcfg_dhcp_keep *k, const ipcfg_dhcp_keep_in *in, int64_t *next_ms)
{
    int64_t now = in->boot_ms, end = ipcfg_dhcp_keep_at(k, k->lease_time);
    int64_t t1 = ipcfg_dhcp_keep_at(k, k->t1), t2 = ipcfg_dhcp_keep_at(k, k->t2);
    int live = k->anchored && now < end;

    *next_ms = INT64_MAX;
    if (!in->link_up) {
        /* nothing can be sent: the next thing is the expiry */
        if (live)
            *next_ms = end;
        return IPCFG_DHCP_KEEP_WAIT;
    }
    if (!live) {
        /* none, or it ran out (asleep or not): obtained afresh (INIT),
         * never assumed valid; after a failure, at the back-off's time */
        if (now < in->retry_ms) {
            *next_ms = in->retry_ms;
            return IPCFG_DHCP_KEEP_WAIT;
        }
        return IPCFG_DHCP_KEEP_OBTAIN;
    }
    /* §3.2: a client that may have moved (the link came back, the host
     * resumed, its address went) verifies its unexpired lease at once */
    if (in->verify)
        return IPCFG_DHCP_KEEP_VERIFY;
    /* §4.4.5: T1 and T2, passed while awake or asleep, are due at once;
     * after a failed renewal the retry's own time */
    if (now < t1 || now < in->retry_ms) {
        int64_t at = t1 > in->retry_ms ? t1 : in->retry_ms;
        *next_ms = at < end ? at : end;
        return IPCFG_DHCP_KEEP_WAIT;
    }
    return now >= t2 ? IPCFG_DHCP_KEEP_REBIND : IPCFG_DHCP_KEEP_RENEW;
}

int64_t ipcfg_dhcp_keep_retry(const ipcfg_dhcp_keep *k, int64_t boot_ms)
{
    int64_t end = ipcfg_dhcp_keep_at(k, k->lease_time), t2 = ipcfg_dhcp_keep_at(k, k->t2);

    /* §4.4.5: half the time left to T2 (RENEWING) or to the expiry
     * (REBINDING), at least 60 s, never past either */
    return ipcfg_dhcp_retry_ms(boot_ms, boot_ms < t2 ? t2 : end);
}

/* ---- the transition ---- */

/* The state from the anchored lease's times at boot_ms. */
static ipcfg_dhcp_keep_state timed_state(const ipcfg_dhcp_keep *k, int64_t boot_ms)
{
    if (k->state == IPCFG_DHCP_KEEP_S_STOPPED)
        return k->state;
    if (!k->anchored)
        return IPCFG_DHCP_KEEP_S_NO_LEASE;
    if (ipcfg_dhcp_keep_expired(k, boot_ms))
        return IPCFG_DHCP_KEEP_S_EXPIRED;
    if (boot_ms >= ipcfg_dhcp_keep_at(k, k->t2))
        return IPCFG_DHCP_KEEP_S_REBINDING;
    return boot_ms >= ipcfg_dhcp_keep_at(k, k->t1) ? IPCFG_DHCP_KEEP_S_RENEWING : IPCFG_DHCP_KEEP_S_BOUND;
}

/* The start: the record as the keeper found it. */
static void on_start(ipcfg_dhcp_keep *k, const ipcfg_dhcp_keep_ev *ev, const ipcfg_dhcp_clocks *c,
                     ipcfg_dhcp_keep_act *act)
{
    const ipcfg_dhcp_keep_times *l = ev->lease;

    (void)ipcfg_dhcp_keep_sample(k, c); /* the baseline of the time asleep */
    k->link_up = ev->link_up;
    if (l != NULL && l->state == IPCFG_DHCP_KEEP_REC_RELEASED) {
        /* `ipcfg /release` was the last word (a keeper restarted by
         * systemd after it, or enabled for a released interface) */
        k->state = IPCFG_DHCP_KEEP_S_STOPPED;
        act->what = IPCFG_DHCP_KEEP_STOP;
        return;
    }
    if (l != NULL && l->state == IPCFG_DHCP_KEEP_REC_BOUND && c->wall_s < ipcfg_dhcp_time_at(l->obtained, l->lifetime) - 1) {
        if (ev->addr_present) {
            /* a keeper started again (a restarted unit, a /renew after
             * one ended): the DNS servers it took back as it ended go
             * back to the resolver */
            act->dns = IPCFG_DHCP_KEEP_DNS_RESTORE;
        } else {
            /* a boot, or the address taken off while no keeper ran: the
             * recorded lease is verified at once (INIT-REBOOT, §3.2), on
             * a link set up if nobody did */
            k->verify = 1;
            act->link_set_up = 1;
        }
    }
    ipcfg_dhcp_keep_anchor(k, l, c);
    k->state = timed_state(k, c->boot_ms);
}

/* An exchange's outcome. */
static void on_result(ipcfg_dhcp_keep *k, const ipcfg_dhcp_keep_ev *ev, const ipcfg_dhcp_clocks *c)
{
    k->busy = 0;
    if (ev->kind == IPCFG_DHCP_KEEP_EV_BOUND) {
        ipcfg_dhcp_keep_unanchor(k); /* the lease just bound counts from now */
        ipcfg_dhcp_keep_anchor(k, ev->lease, c);
        k->retry_ms = 0;
        k->backoff_s = IPCFG_DHCP_KEEP_BACKOFF_MIN_S;
        k->dns_gone = 0;
        return;
    }
    ipcfg_dhcp_keep_anchor(k, ev->lease, c);
    if (k->anchored && !ipcfg_dhcp_keep_expired(k, c->boot_ms)) {
        k->retry_ms = ipcfg_dhcp_keep_retry(k, c->boot_ms); /* §4.4.5 */
        return;
    }
    k->retry_ms = c->boot_ms + (int64_t)k->backoff_s * 1000;
    k->backoff_s = k->backoff_s * 2 > IPCFG_DHCP_KEEP_BACKOFF_MAX_S ? IPCFG_DHCP_KEEP_BACKOFF_MAX_S : k->backoff_s * 2;
}

/* A look: the time asleep, the expiry, and what is due. */
static void on_look(ipcfg_dhcp_keep *k, const ipcfg_dhcp_clocks *c, ipcfg_dhcp_keep_act *act)
{
    act->asleep_ms = ipcfg_dhcp_keep_sample(k, c);
    if (act->asleep_ms > 0) {
        /* a resume: the lease is verified (an unexpired one with
         * INIT-REBOOT, one that ran out meanwhile obtained afresh), once
         * the keeper has read its record again */
        k->verify = 1;
        return;
    }
    k->state = timed_state(k, c->boot_ms);
    if (k->state == IPCFG_DHCP_KEEP_S_STOPPED) {
        act->what = IPCFG_DHCP_KEEP_STOP;
        return;
    }
    if (k->state == IPCFG_DHCP_KEEP_S_EXPIRED && !k->dns_gone) {
        /* an expired lease's DNS servers go, link or not, once */
        act->dns = IPCFG_DHCP_KEEP_DNS_WITHDRAW;
        k->dns_gone = 1;
    }
    if (k->busy) {
        act->next_ms = INT64_MAX; /* the exchange's outcome comes first */
        return;
    }
    ipcfg_dhcp_keep_in in = {c->boot_ms, k->link_up, k->verify, k->retry_ms};
    act->what = ipcfg_dhcp_keep_next(k, &in, &act->next_ms);
    if (act->what != IPCFG_DHCP_KEEP_WAIT) {
        k->busy = 1;
        k->verify = 0; /* asked for now; one asked during the exchange stays */
    }
}

ipcfg_dhcp_keep_act ipcfg_dhcp_keep_step(ipcfg_dhcp_keep *k, const ipcfg_dhcp_keep_ev *ev,
                                         const ipcfg_dhcp_clocks *c)
{
    ipcfg_dhcp_keep_act act = {IPCFG_DHCP_KEEP_WAIT, IPCFG_DHCP_KEEP_DNS_KEEP, 0, 0, 0};

    switch (ev->kind) {
    case IPCFG_DHCP_KEEP_EV_START:
        on_start(k, ev, c, &act);
        break;
    case IPCFG_DHCP_KEEP_EV_LOOK:
        on_look(k, c, &act);
        break;
    case IPCFG_DHCP_KEEP_EV_RECORD:
        ipcfg_dhcp_keep_anchor(k, ev->lease, c);
        break;
    case IPCFG_DHCP_KEEP_EV_LINK:
        /* §3.2: a client that may have moved verifies its lease when the
         * link comes back */
        if (ev->link_up && !k->link_up)
            k->verify = 1;
        k->link_up = ev->link_up;
        break;
    case IPCFG_DHCP_KEEP_EV_VERIFY:
        k->verify = 1;
        break;
    case IPCFG_DHCP_KEEP_EV_RELOAD:
        /* the lease /renew recorded counts from now (anchored when the
         * record is read again), and an earlier failure is forgotten */
        ipcfg_dhcp_keep_unanchor(k);
        k->retry_ms = 0;
        k->backoff_s = IPCFG_DHCP_KEEP_BACKOFF_MIN_S;
        break;
    case IPCFG_DHCP_KEEP_EV_BOUND:
    case IPCFG_DHCP_KEEP_EV_FAILED:
        on_result(k, ev, c);
        break;
    case IPCFG_DHCP_KEEP_EV_STOPPED:
        k->busy = 0;
        break;
    }
    return act;
}
