/* ipcfg — a kept lease's timeline across suspend: how long the host was
 * asleep, the lease's times on a clock that counts that time, and what
 * the keeper does next (RFC 2131 §3.2, §4.4.5).  Pure and clock-injected:
 * the lease keeper (src/linux/keeper.c) samples the clocks and feeds them
 * in; tests feed any.  See dhcp_client.h and docs/linux.md, "Keeping a
 * lease".
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
#include "dhcp_client.h"

#include <string.h>

void ipcfg_dhcp_keep_init(ipcfg_dhcp_keep *k)
{
    memset(k, 0, sizeof *k);
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

void ipcfg_dhcp_keep_anchor(ipcfg_dhcp_keep *k, const ipcfg_dhcp_lease *l, const ipcfg_dhcp_clocks *c)
{
    if (l == NULL || l->state != IPCFG_DHCP_LEASE_BOUND) {
        k->anchored = 0;
        return;
    }
    /* the same lease (read again from its file): its anchor stays, with
     * the time asleep since counted on the boot clock */
    if (k->anchored && k->obtained == l->obtained && k->lease_time == l->lease_time && k->t1 == l->t1 &&
        k->t2 == l->t2)
        return;
    k->anchored = 1;
    k->obtained = l->obtained;
    k->lease_time = l->lease_time;
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
