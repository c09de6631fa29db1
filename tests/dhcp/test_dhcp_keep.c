/* A kept lease's timeline across suspend (dhcp_keep.c), with injected
 * clocks: the time asleep read from the boot and monotonic clocks, the
 * lease's times counted on the boot clock (time asleep included, whatever
 * the wall clock says), and what is due: a lease that ran out while the
 * host slept is obtained afresh, an unexpired one verified, T1 and T2
 * passed while asleep due at once.  SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "dhcp_client.h"

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
    ipcfg_dhcp_keep_anchor(&k, &l, &c);
    assert_true(k.anchored);
    assert_int_equal(ipcfg_dhcp_keep_at(&k, 0), B0 - 10000);
    assert_int_equal(ipcfg_dhcp_keep_at(&k, l.t1), B0 - 10000 + 300000);
    assert_int_equal(ipcfg_dhcp_keep_at(&k, l.lease_time), B0 - 10000 + 600000);
    /* 20 minutes asleep, the wall clock one second on */
    c = clk(1000, 1200000, 1);
    ipcfg_dhcp_keep_anchor(&k, &l, &c); /* the same record: the anchor stays */
    assert_int_equal(ipcfg_dhcp_keep_at(&k, l.lease_time), B0 - 10000 + 600000);
    assert_true(ipcfg_dhcp_keep_expired(&k, c.boot_ms));
    /* a new lease (obtained now): anchored anew */
    mk_lease(&l, -1, 600);
    ipcfg_dhcp_keep_anchor(&k, &l, &c);
    assert_int_equal(ipcfg_dhcp_keep_at(&k, 0), c.boot_ms);
    assert_false(ipcfg_dhcp_keep_expired(&k, c.boot_ms));
    /* a lease from the future (the clock set back): taken as obtained now */
    mk_lease(&l, -3600, 600);
    ipcfg_dhcp_keep_anchor(&k, &l, &c);
    assert_int_equal(ipcfg_dhcp_keep_at(&k, 0), c.boot_ms);
    /* infinite: never due */
    mk_lease(&l, 0, IPCFG_DHCP_INFINITE);
    l.t1 = l.t2 = IPCFG_DHCP_INFINITE;
    ipcfg_dhcp_keep_anchor(&k, &l, &c);
    assert_int_equal(ipcfg_dhcp_keep_at(&k, l.lease_time), INT64_MAX);
    assert_false(ipcfg_dhcp_keep_expired(&k, INT64_MAX - 1));
    /* released, or none: nothing anchored */
    l.state = IPCFG_DHCP_LEASE_RELEASED;
    ipcfg_dhcp_keep_anchor(&k, &l, &c);
    assert_false(k.anchored);
    ipcfg_dhcp_keep_anchor(&k, NULL, &c);
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
    ipcfg_dhcp_keep_anchor(&k, &l, &c);
    assert_int_equal(next(&k, &c, 0, &at), IPCFG_DHCP_KEEP_WAIT);
    assert_int_equal(at, B0 + 300000); /* T1 */

    /* asleep past the expiry, the wall clock not moved on: obtained
     * afresh, verify or not (never assumed valid) */
    c = clk(1000, 700000, 1);
    assert_int_equal(ipcfg_dhcp_keep_sample(&k, &c), 700000);
    ipcfg_dhcp_keep_anchor(&k, &l, &c);
    assert_int_equal(next(&k, &c, 1, &at), IPCFG_DHCP_KEEP_OBTAIN);
    assert_int_equal(next(&k, &c, 0, &at), IPCFG_DHCP_KEEP_OBTAIN);

    /* asleep briefly: the unexpired lease verified */
    ipcfg_dhcp_keep_init(&k);
    c = clk(0, 0, 0);
    (void)ipcfg_dhcp_keep_sample(&k, &c);
    ipcfg_dhcp_keep_anchor(&k, &l, &c);
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
    ipcfg_dhcp_keep_anchor(&k, &l, &c);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(asleep_from_the_clocks),
        cmocka_unit_test(deadlines_count_time_asleep),
        cmocka_unit_test(due_after_resume),
        cmocka_unit_test(waits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
