/* A kept lease's timeline (dhcp_keep.c), with injected clocks: the time
 * asleep read from the boot and monotonic clocks, the lease's times
 * counted on the boot clock (time asleep included, whatever the wall
 * clock says), what is due (a lease that ran out while the host slept is
 * obtained afresh, an unexpired one verified, T1 and T2 passed while
 * asleep due at once), and every transition of ipcfg_dhcp_keep_step: the
 * start, T1 and T2, RFC 2131 §4.4.5 retries, the back-off without a
 * lease, the expiry, the link, a resume, a reload, an exchange's outcome.
 * SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "dhcp_keep.h"

#define W0 1764370000LL /* wall seconds at the first sample */
#define B0 5000000LL    /* boot ms at the first sample */
#define M0 4000000LL    /* mono ms at the first sample (1000 s asleep since boot) */

static ipcfg_dhcp_clocks clk(int64_t awake_ms, int64_t asleep_ms, int64_t wall_off_s)
{
    ipcfg_dhcp_clocks c = {B0 + awake_ms + asleep_ms, M0 + awake_ms, W0 + wall_off_s};
    return c;
}

/* A bound lease obtained `age` s before the first sample: T1 half, T2 7/8. */
static void mk_lease(ipcfg_dhcp_lease *l, int64_t age, uint32_t lease_time)
{
    memset(l, 0, sizeof *l);
    l->state = IPCFG_DHCP_LEASE_BOUND;
    l->lease_time = lease_time;
    l->t1 = lease_time / 2;
    l->t2 = lease_time / 8 * 7;
    l->obtained = W0 - age;
}

/* A DHCPv4 record's times, as the timeline takes them. */
static void times_of_v4(void **st)
{
    ipcfg_dhcp_lease l;
    ipcfg_dhcp_keep_times t;

    (void)st;
    mk_lease(&l, 10, 600);
    ipcfg_dhcp_keep_times_of(&l, &t);
    assert_int_equal(t.state, IPCFG_DHCP_KEEP_REC_BOUND);
    assert_int_equal(t.obtained, W0 - 10);
    assert_int_equal(t.lifetime, 600);
    assert_int_equal(t.t1, 300);
    assert_int_equal(t.t2, 525);
    l.state = IPCFG_DHCP_LEASE_RELEASED;
    ipcfg_dhcp_keep_times_of(&l, &t);
    assert_int_equal(t.state, IPCFG_DHCP_KEEP_REC_RELEASED);
    /* an infinite lease never ends, even obtained at the far end of time */
    mk_lease(&l, 0, IPCFG_DHCP_INFINITE);
    l.obtained = INT64_MAX - 5;
    ipcfg_dhcp_keep_times_of(&l, &t);
    ipcfg_dhcp_keep k;
    ipcfg_dhcp_clocks c = clk(0, 0, 0);
    ipcfg_dhcp_keep_init(&k);
    ipcfg_dhcp_keep_ev ev = {IPCFG_DHCP_KEEP_EV_START, &t, 1, 1};
    ipcfg_dhcp_keep_act a = ipcfg_dhcp_keep_step(&k, &ev, &c);
    assert_int_equal(a.dns, IPCFG_DHCP_KEEP_DNS_RESTORE);
    assert_int_equal(k.state, IPCFG_DHCP_KEEP_S_BOUND);
}

static ipcfg_dhcp_keep_do next(const ipcfg_dhcp_keep *k, const ipcfg_dhcp_clocks *c, int verify, int64_t *at)
{
    ipcfg_dhcp_keep_in in = {c->boot_ms, 1, verify, 0};
    return ipcfg_dhcp_keep_next(k, &in, at);
}

static void asleep_from_the_clocks(void **st)
{
    ipcfg_dhcp_keep k;
    ipcfg_dhcp_clocks c;

    (void)st;
    ipcfg_dhcp_keep_init(&k);
    c = clk(0, 0, 0);
    assert_int_equal(ipcfg_dhcp_keep_sample(&k, &c), 0); /* the first sample: a baseline, whatever boot - mono is */
    c = clk(60000, 0, 60);
    assert_int_equal(ipcfg_dhcp_keep_sample(&k, &c), 0); /* awake: both clocks ran */
    c = clk(61000, 30000, 91);
    assert_int_equal(ipcfg_dhcp_keep_sample(&k, &c), 30000); /* 30 s asleep */
    c = clk(62000, 30000, 92);
    assert_int_equal(ipcfg_dhcp_keep_sample(&k, &c), 0); /* reported once */
    /* a sample read slowly (mono read late) makes the gap smaller: never a suspend */
    c = clk(63000, 30000 - 400, 93);
    assert_int_equal(ipcfg_dhcp_keep_sample(&k, &c), 0);
    c = clk(64000, 30000, 94);
    assert_int_equal(ipcfg_dhcp_keep_sample(&k, &c), 0);
    /* under the bar: not reported, but counted once the bar is passed */
    c = clk(65000, 30000 + IPCFG_DHCP_ASLEEP_MIN_MS - 1, 95);
    assert_int_equal(ipcfg_dhcp_keep_sample(&k, &c), 0);
    c = clk(66000, 30000 + IPCFG_DHCP_ASLEEP_MIN_MS, 96);
    assert_int_equal(ipcfg_dhcp_keep_sample(&k, &c), IPCFG_DHCP_ASLEEP_MIN_MS);
    /* a long sleep (a weekend) */
    c = clk(67000, 30000 + IPCFG_DHCP_ASLEEP_MIN_MS + 172800000LL, 97 + 172800);
    assert_int_equal(ipcfg_dhcp_keep_sample(&k, &c), 172800000LL);
}

/* The lease's times on the boot clock: time asleep counts even where the
 * wall clock did not move on (came back from the resume late or wrong);
 * reading the same record again keeps its anchor; a new record is
 * anchored anew. */
static void deadlines_count_time_asleep(void **st)
{
    ipcfg_dhcp_keep k;
    ipcfg_dhcp_lease l;
    ipcfg_dhcp_clocks c;

    (void)st;
    ipcfg_dhcp_keep_init(&k);
    mk_lease(&l, 10, 600);
    c = clk(0, 0, 0);
    ipcfg_dhcp_keep_anchor4(&k, &l, &c);
    assert_true(k.anchored);
    assert_int_equal(ipcfg_dhcp_keep_at(&k, 0), B0 - 10000);
    assert_int_equal(ipcfg_dhcp_keep_at(&k, l.t1), B0 - 10000 + 300000);
    assert_int_equal(ipcfg_dhcp_keep_at(&k, l.lease_time), B0 - 10000 + 600000);
    /* 20 minutes asleep, the wall clock one second on */
    c = clk(1000, 1200000, 1);
    ipcfg_dhcp_keep_anchor4(&k, &l, &c); /* the same record: the anchor stays */
    assert_int_equal(ipcfg_dhcp_keep_at(&k, l.lease_time), B0 - 10000 + 600000);
    assert_true(ipcfg_dhcp_keep_expired(&k, c.boot_ms));
    /* a new lease (obtained now): anchored anew */
    mk_lease(&l, -1, 600);
    ipcfg_dhcp_keep_anchor4(&k, &l, &c);
    assert_int_equal(ipcfg_dhcp_keep_at(&k, 0), c.boot_ms);
    assert_false(ipcfg_dhcp_keep_expired(&k, c.boot_ms));
    /* a lease from the future (the clock set back): taken as obtained now */
    mk_lease(&l, -3600, 600);
    ipcfg_dhcp_keep_anchor4(&k, &l, &c);
    assert_int_equal(ipcfg_dhcp_keep_at(&k, 0), c.boot_ms);
    /* infinite: never due */
    mk_lease(&l, 0, IPCFG_DHCP_INFINITE);
    l.t1 = l.t2 = IPCFG_DHCP_INFINITE;
    ipcfg_dhcp_keep_anchor4(&k, &l, &c);
    assert_int_equal(ipcfg_dhcp_keep_at(&k, l.lease_time), INT64_MAX);
    assert_false(ipcfg_dhcp_keep_expired(&k, INT64_MAX - 1));
    /* released, or none: nothing anchored */
    l.state = IPCFG_DHCP_LEASE_RELEASED;
    ipcfg_dhcp_keep_anchor4(&k, &l, &c);
    assert_false(k.anchored);
    ipcfg_dhcp_keep_anchor4(&k, NULL, &c);
    assert_false(k.anchored);
    assert_false(ipcfg_dhcp_keep_expired(&k, c.boot_ms));
}

/* What is due after a resume, by how long the host slept. */
static void due_after_resume(void **st)
{
    ipcfg_dhcp_keep k;
    ipcfg_dhcp_lease l;
    ipcfg_dhcp_clocks c;
    int64_t at;

    (void)st;
    ipcfg_dhcp_keep_init(&k);
    mk_lease(&l, 0, 600); /* T1 300 s, T2 525 s */
    c = clk(0, 0, 0);
    (void)ipcfg_dhcp_keep_sample(&k, &c);
    ipcfg_dhcp_keep_anchor4(&k, &l, &c);
    assert_int_equal(next(&k, &c, 0, &at), IPCFG_DHCP_KEEP_WAIT);
    assert_int_equal(at, B0 + 300000); /* T1 */

    /* asleep past the expiry, the wall clock not moved on: obtained
     * afresh, verify or not (never assumed valid) */
    c = clk(1000, 700000, 1);
    assert_int_equal(ipcfg_dhcp_keep_sample(&k, &c), 700000);
    ipcfg_dhcp_keep_anchor4(&k, &l, &c);
    assert_int_equal(next(&k, &c, 1, &at), IPCFG_DHCP_KEEP_OBTAIN);
    assert_int_equal(next(&k, &c, 0, &at), IPCFG_DHCP_KEEP_OBTAIN);

    /* asleep briefly: the unexpired lease verified */
    ipcfg_dhcp_keep_init(&k);
    c = clk(0, 0, 0);
    (void)ipcfg_dhcp_keep_sample(&k, &c);
    ipcfg_dhcp_keep_anchor4(&k, &l, &c);
    c = clk(1000, 60000, 61);
    assert_int_equal(ipcfg_dhcp_keep_sample(&k, &c), 60000);
    assert_int_equal(next(&k, &c, 1, &at), IPCFG_DHCP_KEEP_VERIFY);
    /* without a verify asked, nothing is due before T1 */
    assert_int_equal(next(&k, &c, 0, &at), IPCFG_DHCP_KEEP_WAIT);
    assert_int_equal(at, B0 + 300000);

    /* asleep past T1: a renewal due at once; past T2: a rebinding; with
     * a verify asked, the verify first (an unanswered one renews) */
    c = clk(1000, 310000, 311);
    assert_int_equal(next(&k, &c, 0, &at), IPCFG_DHCP_KEEP_RENEW);
    assert_int_equal(next(&k, &c, 1, &at), IPCFG_DHCP_KEEP_VERIFY);
    c = clk(1000, 530000, 531);
    assert_int_equal(next(&k, &c, 0, &at), IPCFG_DHCP_KEEP_REBIND);
    assert_int_equal(next(&k, &c, 1, &at), IPCFG_DHCP_KEEP_VERIFY);
    c = clk(1000, 600000, 601);
    assert_int_equal(next(&k, &c, 1, &at), IPCFG_DHCP_KEEP_OBTAIN);
}

/* The link down, no lease, retries: the keeper's other waits. */
static void waits(void **st)
{
    ipcfg_dhcp_keep k;
    ipcfg_dhcp_lease l;
    ipcfg_dhcp_clocks c = clk(0, 0, 0);
    int64_t at;

    (void)st;
    ipcfg_dhcp_keep_init(&k);
    /* no lease: obtained at once, or at the back-off's time */
    ipcfg_dhcp_keep_in in = {c.boot_ms, 1, 0, 0};
    assert_int_equal(ipcfg_dhcp_keep_next(&k, &in, &at), IPCFG_DHCP_KEEP_OBTAIN);
    in.retry_ms = c.boot_ms + 10000;
    assert_int_equal(ipcfg_dhcp_keep_next(&k, &in, &at), IPCFG_DHCP_KEEP_WAIT);
    assert_int_equal(at, c.boot_ms + 10000);
    /* the link down: nothing is sent; the next thing is the expiry */
    mk_lease(&l, 0, 600);
    ipcfg_dhcp_keep_anchor4(&k, &l, &c);
    in.link_up = 0;
    in.verify = 1;
    assert_int_equal(ipcfg_dhcp_keep_next(&k, &in, &at), IPCFG_DHCP_KEEP_WAIT);
    assert_int_equal(at, B0 + 600000);
    in.boot_ms = B0 + 600000;
    assert_int_equal(ipcfg_dhcp_keep_next(&k, &in, &at), IPCFG_DHCP_KEEP_WAIT);
    assert_int_equal(at, INT64_MAX);
    /* a failed renewal: RFC 2131 §4.4.5's retry, half the time to T2 (at
     * least 60 s), then half the time to the expiry; waits never pass
     * the expiry */
    int64_t r = ipcfg_dhcp_keep_retry(&k, B0 + 300000);
    assert_int_equal(r, B0 + 300000 + 112500);
    r = ipcfg_dhcp_keep_retry(&k, B0 + 500000);
    assert_int_equal(r, B0 + 525000); /* 60 s floor, capped at T2 */
    r = ipcfg_dhcp_keep_retry(&k, B0 + 540000);
    assert_int_equal(r, B0 + 600000); /* 60 s floor, capped at the expiry */
    ipcfg_dhcp_keep_in in2 = {B0 + 300000, 1, 0, B0 + 700000};
    assert_int_equal(ipcfg_dhcp_keep_next(&k, &in2, &at), IPCFG_DHCP_KEEP_WAIT);
    assert_int_equal(at, B0 + 600000);
}

/* ---- the transition (ipcfg_dhcp_keep_step) ---- */

/* awake ms after the first sample, the wall clock in step */
static ipcfg_dhcp_clocks at_ms(int64_t awake_ms)
{
    return clk(awake_ms, 0, awake_ms / 1000);
}

static ipcfg_dhcp_keep_act feed(ipcfg_dhcp_keep *k, ipcfg_dhcp_keep_ev_kind kind, const ipcfg_dhcp_lease *l,
                                int link_up, const ipcfg_dhcp_clocks *c)
{
    ipcfg_dhcp_keep_times t;
    if (l != NULL)
        ipcfg_dhcp_keep_times_of(l, &t);
    ipcfg_dhcp_keep_ev ev = {kind, l != NULL ? &t : NULL, link_up, 0};
    return ipcfg_dhcp_keep_step(k, &ev, c);
}

static ipcfg_dhcp_keep_act look(ipcfg_dhcp_keep *k, int64_t awake_ms)
{
    ipcfg_dhcp_clocks c = at_ms(awake_ms);
    return feed(k, IPCFG_DHCP_KEEP_EV_LOOK, NULL, 0, &c);
}

/* Started with l (NULL: none) on a link with carrier. */
static ipcfg_dhcp_keep_act start_with(ipcfg_dhcp_keep *k, const ipcfg_dhcp_lease *l, int addr_present)
{
    ipcfg_dhcp_clocks c = at_ms(0);
    ipcfg_dhcp_keep_times t;
    if (l != NULL)
        ipcfg_dhcp_keep_times_of(l, &t);
    ipcfg_dhcp_keep_ev ev = {IPCFG_DHCP_KEEP_EV_START, l != NULL ? &t : NULL, 1, addr_present};

    ipcfg_dhcp_keep_init(k);
    return ipcfg_dhcp_keep_step(k, &ev, &c);
}

/* Started with a 600 s lease obtained at the first sample (T1 300 s,
 * T2 525 s), its address there. */
static void start_600(ipcfg_dhcp_keep *k, ipcfg_dhcp_lease *l)
{
    mk_lease(l, 0, 600);
    (void)start_with(k, l, 1);
}

/* What a transition test works on (cmocka's state, fresh for each). */
typedef struct fx {
    ipcfg_dhcp_keep k;
    ipcfg_dhcp_lease l;
    ipcfg_dhcp_clocks c;
    ipcfg_dhcp_keep_act a;
} fx;

static int fx_new(void **st)
{
    static fx f;

    memset(&f, 0, sizeof f);
    *st = &f;
    return 0;
}

static void step_start(void **st)
{
    fx *t = *st;

    /* released: nothing to keep */
    mk_lease(&t->l, 10, 600);
    t->l.state = IPCFG_DHCP_LEASE_RELEASED;
    t->a = start_with(&t->k, &t->l, 1);
    assert_int_equal(t->a.what, IPCFG_DHCP_KEEP_STOP);
    assert_int_equal(t->k.state, IPCFG_DHCP_KEEP_S_STOPPED);
    assert_int_equal(look(&t->k, 1000).what, IPCFG_DHCP_KEEP_STOP);
    /* unexpired, its address there: its DNS back, nothing due before T1 */
    mk_lease(&t->l, 10, 600);
    t->a = start_with(&t->k, &t->l, 1);
    assert_int_equal(t->a.what, IPCFG_DHCP_KEEP_WAIT);
    assert_int_equal(t->a.dns, IPCFG_DHCP_KEEP_DNS_RESTORE);
    assert_false(t->a.link_set_up);
    assert_int_equal(t->k.state, IPCFG_DHCP_KEEP_S_BOUND);
    t->a = look(&t->k, 0);
    assert_int_equal(t->a.what, IPCFG_DHCP_KEEP_WAIT);
    assert_int_equal(t->a.dns, IPCFG_DHCP_KEEP_DNS_KEEP);
    assert_int_equal(t->a.next_ms, B0 + 290000);
    /* unexpired, its address missing (a boot): verified at once, on a link set up */
    t->a = start_with(&t->k, &t->l, 0);
    assert_int_equal(t->a.dns, IPCFG_DHCP_KEEP_DNS_KEEP);
    assert_true(t->a.link_set_up);
    assert_int_equal(look(&t->k, 0).what, IPCFG_DHCP_KEEP_VERIFY);
    assert_true(t->k.busy);
    assert_false(t->k.verify);
    /* none: obtained at once */
    t->a = start_with(&t->k, NULL, 0);
    assert_int_equal(t->k.state, IPCFG_DHCP_KEEP_S_NO_LEASE);
    assert_int_equal(look(&t->k, 0).what, IPCFG_DHCP_KEEP_OBTAIN);
    /* expired while no keeper ran: its DNS withdrawn, a new one obtained */
    mk_lease(&t->l, 700, 600);
    t->a = start_with(&t->k, &t->l, 1);
    assert_int_equal(t->a.dns, IPCFG_DHCP_KEEP_DNS_KEEP);
    assert_false(t->a.link_set_up);
    t->a = look(&t->k, 0);
    assert_int_equal(t->k.state, IPCFG_DHCP_KEEP_S_EXPIRED);
    assert_int_equal(t->a.dns, IPCFG_DHCP_KEEP_DNS_WITHDRAW);
    assert_int_equal(t->a.what, IPCFG_DHCP_KEEP_OBTAIN);
}

/* T1, a failed renewal's retry (RFC 2131 §4.4.5), T2, a success. */
static void step_t1_t2(void **st)
{
    fx *t = *st;

    start_600(&t->k, &t->l);
    assert_int_equal(look(&t->k, 299000).what, IPCFG_DHCP_KEEP_WAIT);
    t->a = look(&t->k, 300000);
    assert_int_equal(t->a.what, IPCFG_DHCP_KEEP_RENEW);
    assert_int_equal(t->k.state, IPCFG_DHCP_KEEP_S_RENEWING);
    /* busy: nothing more until the outcome */
    t->a = look(&t->k, 301000);
    assert_int_equal(t->a.what, IPCFG_DHCP_KEEP_WAIT);
    assert_int_equal(t->a.next_ms, INT64_MAX);
    t->c = at_ms(310000);
    t->a = feed(&t->k, IPCFG_DHCP_KEEP_EV_FAILED, &t->l, 0, &t->c);
    assert_false(t->k.busy);
    /* half the time to T2 */
    assert_int_equal(t->k.retry_ms, B0 + 310000 + 107500);
    t->a = look(&t->k, 310000);
    assert_int_equal(t->a.what, IPCFG_DHCP_KEEP_WAIT);
    assert_int_equal(t->a.next_ms, B0 + 417500);
    assert_int_equal(look(&t->k, 417500).what, IPCFG_DHCP_KEEP_RENEW);
    t->c = at_ms(418000);
    (void)feed(&t->k, IPCFG_DHCP_KEEP_EV_FAILED, &t->l, 0, &t->c);
    assert_int_equal(look(&t->k, 418000).next_ms, B0 + 478000); /* the 60 s floor (half of 107 s is less) */
    t->a = look(&t->k, 525000);
    assert_int_equal(t->a.what, IPCFG_DHCP_KEEP_REBIND);
    assert_int_equal(t->k.state, IPCFG_DHCP_KEEP_S_REBINDING);
    /* rebound: the new lease counts from now, failures forgotten */
    t->c = at_ms(526000);
    mk_lease(&t->l, -526, 600);
    (void)feed(&t->k, IPCFG_DHCP_KEEP_EV_BOUND, &t->l, 0, &t->c);
    assert_int_equal(t->k.retry_ms, 0);
    t->a = look(&t->k, 526000);
    assert_int_equal(t->k.state, IPCFG_DHCP_KEEP_S_BOUND);
    assert_int_equal(t->a.what, IPCFG_DHCP_KEEP_WAIT);
    assert_int_equal(t->a.next_ms, B0 + 526000 + 300000);
}

/* A 120 s lease with T1 = T2 = 0 whose server never answers: RFC 2131
 * §4.4.5's 60 s floor paces the keeper to at most 3 REQUESTs a minute
 * (what the keeper_times integration test asserts end to end). */
static void step_retry_pacing(void **st)
{
    fx *t = *st;
    int64_t now = 0;
    int n = 0;

    mk_lease(&t->l, 0, 120);
    t->l.t1 = t->l.t2 = 0;
    (void)start_with(&t->k, &t->l, 1);
    while (now < 60000) {
        t->a = look(&t->k, now);
        if (t->a.what == IPCFG_DHCP_KEEP_WAIT) {
            assert_true(t->a.next_ms > B0 + now);
            now = t->a.next_ms - B0;
            continue;
        }
        assert_int_equal(t->a.what, IPCFG_DHCP_KEEP_REBIND);
        n++;
        now += 2000; /* the exchange's own time */
        t->c = at_ms(now);
        (void)feed(&t->k, IPCFG_DHCP_KEEP_EV_FAILED, &t->l, 0, &t->c);
    }
    assert_true(n >= 1 && n <= 3);
    /* and never past the expiry */
    assert_int_equal(ipcfg_dhcp_keep_retry(&t->k, B0 + 100000), B0 + 120000);
}

/* Without a lease: the back-off doubles from MIN to MAX; a success or a
 * reload starts it again. */
static void step_backoff(void **st)
{
    fx *t = *st;
    int64_t now = 0;
    unsigned want = IPCFG_DHCP_KEEP_BACKOFF_MIN_S;

    (void)start_with(&t->k, NULL, 0);
    for (int i = 0; i < 8; i++) {
        assert_int_equal(look(&t->k, now).what, IPCFG_DHCP_KEEP_OBTAIN);
        t->c = at_ms(now);
        (void)feed(&t->k, IPCFG_DHCP_KEEP_EV_FAILED, NULL, 0, &t->c);
        t->a = look(&t->k, now);
        assert_int_equal(t->a.what, IPCFG_DHCP_KEEP_WAIT);
        assert_int_equal(t->a.next_ms, B0 + now + (int64_t)want * 1000);
        now += (int64_t)want * 1000;
        want = want * 2 > IPCFG_DHCP_KEEP_BACKOFF_MAX_S ? IPCFG_DHCP_KEEP_BACKOFF_MAX_S : want * 2;
    }
    assert_int_equal(want, IPCFG_DHCP_KEEP_BACKOFF_MAX_S);
    /* a reload: the failure forgotten, tried at once, the back-off from the start */
    (void)feed(&t->k, IPCFG_DHCP_KEEP_EV_RELOAD, NULL, 0, NULL);
    assert_int_equal(look(&t->k, now + 1).what, IPCFG_DHCP_KEEP_OBTAIN);
    t->c = at_ms(now + 1);
    (void)feed(&t->k, IPCFG_DHCP_KEEP_EV_FAILED, NULL, 0, &t->c);
    assert_int_equal(look(&t->k, now + 1).next_ms, B0 + now + 1 + IPCFG_DHCP_KEEP_BACKOFF_MIN_S * 1000);
}

/* The expiry on a link that is down: its DNS withdrawn once; a new lease
 * bound later withdraws its own again when it runs out. */
static void step_expiry(void **st)
{
    fx *t = *st;

    start_600(&t->k, &t->l);
    (void)feed(&t->k, IPCFG_DHCP_KEEP_EV_LINK, NULL, 0, NULL);
    t->a = look(&t->k, 1000);
    assert_int_equal(t->a.what, IPCFG_DHCP_KEEP_WAIT);
    assert_int_equal(t->a.next_ms, B0 + 600000); /* only the expiry, the link down */
    t->a = look(&t->k, 600000);
    assert_int_equal(t->k.state, IPCFG_DHCP_KEEP_S_EXPIRED);
    assert_int_equal(t->a.dns, IPCFG_DHCP_KEEP_DNS_WITHDRAW);
    assert_int_equal(t->a.what, IPCFG_DHCP_KEEP_WAIT);
    assert_int_equal(t->a.next_ms, INT64_MAX);
    t->a = look(&t->k, 601000);
    assert_int_equal(t->a.dns, IPCFG_DHCP_KEEP_DNS_KEEP); /* once */
    /* the link back: a new lease obtained (an expired one is never verified) */
    (void)feed(&t->k, IPCFG_DHCP_KEEP_EV_LINK, NULL, 1, NULL);
    assert_int_equal(look(&t->k, 602000).what, IPCFG_DHCP_KEEP_OBTAIN);
    t->c = at_ms(603000);
    mk_lease(&t->l, -603, 600);
    (void)feed(&t->k, IPCFG_DHCP_KEEP_EV_BOUND, &t->l, 0, &t->c);
    assert_false(t->k.dns_gone);
    (void)feed(&t->k, IPCFG_DHCP_KEEP_EV_LINK, NULL, 0, NULL);
    t->a = look(&t->k, 603000 + 600000);
    assert_int_equal(t->a.dns, IPCFG_DHCP_KEEP_DNS_WITHDRAW);
}

/* The link down and back, a verify asked during an exchange, an
 * interrupted exchange. */
static void step_link_and_verify(void **st)
{
    fx *t = *st;

    start_600(&t->k, &t->l);
    /* carrier that stays up asks for nothing */
    (void)feed(&t->k, IPCFG_DHCP_KEEP_EV_LINK, NULL, 1, NULL);
    assert_int_equal(look(&t->k, 1000).what, IPCFG_DHCP_KEEP_WAIT);
    /* down: nothing sent even at T1; back: verified at once */
    (void)feed(&t->k, IPCFG_DHCP_KEEP_EV_LINK, NULL, 0, NULL);
    assert_int_equal(look(&t->k, 300000).what, IPCFG_DHCP_KEEP_WAIT);
    (void)feed(&t->k, IPCFG_DHCP_KEEP_EV_LINK, NULL, 1, NULL);
    assert_true(t->k.verify);
    assert_int_equal(look(&t->k, 301000).what, IPCFG_DHCP_KEEP_VERIFY);
    /* the address went during the exchange: that verify waits for the outcome, then comes */
    (void)feed(&t->k, IPCFG_DHCP_KEEP_EV_VERIFY, NULL, 0, NULL);
    assert_int_equal(look(&t->k, 302000).what, IPCFG_DHCP_KEEP_WAIT);
    t->c = at_ms(303000);
    (void)feed(&t->k, IPCFG_DHCP_KEEP_EV_BOUND, &t->l, 0, &t->c);
    assert_int_equal(look(&t->k, 303000).what, IPCFG_DHCP_KEEP_VERIFY);
    /* interrupted: no outcome, nothing forgotten; looked at anew */
    (void)feed(&t->k, IPCFG_DHCP_KEEP_EV_VERIFY, NULL, 0, NULL);
    (void)feed(&t->k, IPCFG_DHCP_KEEP_EV_STOPPED, NULL, 0, NULL);
    assert_false(t->k.busy);
    assert_int_equal(look(&t->k, 304000).what, IPCFG_DHCP_KEEP_VERIFY);
}

/* A resume, told by the clocks: the record is read again first, then an
 * unexpired lease is verified, one that ran out obtained afresh. */
static void step_resume(void **st)
{
    fx *t = *st;

    start_600(&t->k, &t->l);
    t->c = clk(1000, 60000, 1); /* a minute asleep, the wall clock late */
    t->a = feed(&t->k, IPCFG_DHCP_KEEP_EV_LOOK, NULL, 0, &t->c);
    assert_int_equal(t->a.asleep_ms, 60000);
    assert_int_equal(t->a.what, IPCFG_DHCP_KEEP_WAIT);
    (void)feed(&t->k, IPCFG_DHCP_KEEP_EV_RECORD, &t->l, 0, &t->c); /* the same record: its anchor stays */
    t->a = feed(&t->k, IPCFG_DHCP_KEEP_EV_LOOK, NULL, 0, &t->c);
    assert_int_equal(t->a.asleep_ms, 0);
    assert_int_equal(t->a.what, IPCFG_DHCP_KEEP_VERIFY);
    t->c = clk(2000, 60000, 2);
    (void)feed(&t->k, IPCFG_DHCP_KEEP_EV_BOUND, &t->l, 0, &t->c);
    /* asleep past the expiry, the wall clock not moved on: its DNS goes, a new one obtained */
    t->c = clk(3000, 60000 + 700000, 3);
    t->a = feed(&t->k, IPCFG_DHCP_KEEP_EV_LOOK, NULL, 0, &t->c);
    assert_int_equal(t->a.asleep_ms, 700000);
    (void)feed(&t->k, IPCFG_DHCP_KEEP_EV_RECORD, &t->l, 0, &t->c);
    t->a = feed(&t->k, IPCFG_DHCP_KEEP_EV_LOOK, NULL, 0, &t->c);
    assert_int_equal(t->a.dns, IPCFG_DHCP_KEEP_DNS_WITHDRAW);
    assert_int_equal(t->a.what, IPCFG_DHCP_KEEP_OBTAIN);
}

/* A reload (the command's /renew recorded a lease): it counts from now,
 * an earlier failure's retry forgotten. */
static void step_reload(void **st)
{
    fx *t = *st;

    start_600(&t->k, &t->l);
    assert_int_equal(look(&t->k, 300000).what, IPCFG_DHCP_KEEP_RENEW);
    t->c = at_ms(301000);
    (void)feed(&t->k, IPCFG_DHCP_KEEP_EV_FAILED, &t->l, 0, &t->c);
    assert_true(t->k.retry_ms > 0);
    (void)feed(&t->k, IPCFG_DHCP_KEEP_EV_RELOAD, NULL, 0, NULL);
    assert_int_equal(t->k.retry_ms, 0);
    assert_false(t->k.anchored);
    mk_lease(&t->l, -310, 600); /* what /renew recorded */
    t->c = at_ms(310000);
    (void)feed(&t->k, IPCFG_DHCP_KEEP_EV_RECORD, &t->l, 0, &t->c);
    assert_true(t->k.anchored);
    t->a = look(&t->k, 310000);
    assert_int_equal(t->a.what, IPCFG_DHCP_KEEP_WAIT);
    assert_int_equal(t->a.next_ms, B0 + 310000 + 300000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(asleep_from_the_clocks),
        cmocka_unit_test(deadlines_count_time_asleep),
        cmocka_unit_test(due_after_resume),
        cmocka_unit_test(waits),
        cmocka_unit_test_setup(step_start, fx_new),
        cmocka_unit_test_setup(step_t1_t2, fx_new),
        cmocka_unit_test_setup(step_retry_pacing, fx_new),
        cmocka_unit_test_setup(step_backoff, fx_new),
        cmocka_unit_test_setup(step_expiry, fx_new),
        cmocka_unit_test_setup(step_link_and_verify, fx_new),
        cmocka_unit_test_setup(step_resume, fx_new),
        cmocka_unit_test_setup(step_reload, fx_new),
        cmocka_unit_test(times_of_v4),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
