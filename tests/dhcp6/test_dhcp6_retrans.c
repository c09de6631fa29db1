/* RFC 8415 §15 as a property: for every message the client retransmits,
 * over many random streams and deadlines, with no answer, every gap
 * between two transmissions is the RT the section computes (IRT + RAND *
 * IRT first, strictly above IRT for Solicit; then 2 RTprev + RAND RTprev;
 * MRT + RAND MRT once past MRT), the transaction id and the Elapsed Time
 * follow, MRC and MRD end the exchange when they say, and nothing is sent
 * at or after the deadline.
 * SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "dhcp6_fake.h"

/* ipcfg_dhcp6_rt_ms itself, over every RAND. */
static void rt_formula(void **st)
{
    (void)st;
    for (uint32_t r = 0; r < 4002; r++) {
        assert_in_range(ipcfg_dhcp6_rt_ms(0, 1000, 0, r, 0), 900, 1100);
        assert_in_range(ipcfg_dhcp6_rt_ms(0, 1000, 0, r, 1), 1001, 1100); /* §18.2.1: strictly above */
        assert_in_range(ipcfg_dhcp6_rt_ms(0, 10, 0, r, 1), 11, 11);
        assert_in_range(ipcfg_dhcp6_rt_ms(4000, 1000, 0, r, 0), 7600, 8400);
        assert_in_range(ipcfg_dhcp6_rt_ms(20000, 1000, 30000, r, 0), 27000, 33000); /* capped */
        assert_in_range(ipcfg_dhcp6_rt_ms(10000, 1000, 30000, r, 0), 19000, 21000); /* not yet */
    }
    /* the ends of RAND are reached */
    assert_int_equal(ipcfg_dhcp6_rt_ms(0, 1000, 0, 0, 0), 900);
    assert_int_equal(ipcfg_dhcp6_rt_ms(0, 1000, 0, 2000, 0), 1100);
    assert_int_equal(ipcfg_dhcp6_rt_ms(0, 1000, 0, 999, 1), 1100);
    assert_int_equal(ipcfg_dhcp6_rt_ms(0, 1000, 0, 0, 1), 1001);
    assert_int_equal(ipcfg_dhcp6_rt_ms(20000, 1000, 30000, 1000, 0), 30000);
    /* no overflow at the largest values */
    assert_int_equal(ipcfg_dhcp6_rt_ms(UINT32_MAX, 1000, 0, 2000, 0), UINT32_MAX);
    assert_in_range(ipcfg_dhcp6_rt_ms(86400000, 1000, 86400000, 7, 0), 77760000, 95040000);
}

/* The transmissions F.s[from..to) are one exchange: one transaction id,
 * the Elapsed Time counting from the first, every gap an RT of §15. */
static void check_exchange(unsigned from, unsigned to, uint32_t irt, uint32_t mrt, int above)
{
    int64_t prev = 0;

    for (unsigned i = from; i < to; i++) {
        const sent6 *s = &F.s[i];
        assert_int_equal(s->m.xid, F.s[from].m.xid);
        int64_t el = (s->at_ms - F.s[from].at_ms) / 10;
        assert_int_equal(s->m.elapsed, el > 0xffff ? 0xffff : el);
        if (i == from)
            continue;
        int64_t gap = s->at_ms - F.s[i - 1].at_ms, lo, hi;
        if (prev == 0) {
            lo = above ? irt + 1 : irt - irt / 10;
            hi = irt + irt / 10;
        } else {
            lo = 2 * prev - prev / 10 - 1;
            hi = 2 * prev + prev / 10 + 1;
        }
        int plain = gap >= lo && gap <= hi && (mrt == 0 || gap <= mrt);
        int capped = mrt != 0 && hi >= mrt && gap >= mrt - mrt / 10 - 1 && gap <= mrt + mrt / 10 + 1;
        if (!plain && !capped)
            fail_msg("transmission %u: gap %lld, RTprev %lld (IRT %u, MRT %u)", i, (long long)gap, (long long)prev,
                     irt, mrt);
        prev = gap;
    }
}

static unsigned count_type(unsigned from, uint8_t type)
{
    unsigned n = 0;
    while (from + n < F.n_sent && F.s[from + n].m.type == type)
        n++;
    return n;
}

/* Solicit: no MRC, no MRD; the operation ends exactly at the deadline. */
static void solicit_schedule(void **st)
{
    (void)st;
    for (uint32_t seed = 1; seed < 30; seed++) {
        for (int64_t timeout = 1; timeout <= 400000; timeout = timeout * 3 / 2 + 7) {
            setup6(0, seed * 2654435761u);
            if (seed % 5 == 0) {
                F.rnd_fixed = 1;
                F.rnd_value = seed % 2 ? 0 : UINT32_MAX;
            }
            set_time((int64_t)seed * 1000);
            start6(IPCFG_DHCP6_OP_RENEW, NULL, 0, timeout);
            while (!ipcfg_dhcp6_client_done(&C, NULL)) {
                int64_t w = ipcfg_dhcp6_client_next_wakeup(&C);
                assert_true(w <= C.deadline_ms && w >= NOW.mono_ms);
                fire();
            }
            assert_int_equal(NOW.mono_ms, (int64_t)seed * 1000 + timeout);
            assert_int_equal(result6().status, IPCFG_E_TIMEOUT);
            for (unsigned i = 0; i < F.n_sent; i++)
                assert_true(F.s[i].at_ms < C.deadline_ms);
            assert_int_equal(count_type(0, IPCFG_DHCP6_SOLICIT), F.n_sent);
            check_exchange(0, F.n_sent, 1000, 3600000, 1);
        }
    }
}

/* A server's SOL_MAX_RT (§21.24) is the MRT from the next RT on. */
static void solicit_capped_by_sol_max_rt(void **st)
{
    tsrv6 s;
    (void)st;
    for (uint32_t seed = 1; seed < 20; seed++) {
        setup6(0, seed * 977u);
        start6(IPCFG_DHCP6_OP_RENEW, NULL, 0, 600000);
        answer_default(&s, IPCFG_DHCP6_ADVERTISE);
        s.iaid ^= 1; /* refused, but its SOL_MAX_RT counts */
        s.has_sol_max_rt = 1;
        s.sol_max_rt = 60;
        assert_int_equal(rx6(&s, NULL), -1);
        run_out();
        assert_true(F.n_sent > 10);
        check_exchange(0, F.n_sent, 1000, 60000, 1);
        assert_in_range(F.s[F.n_sent - 1].at_ms - F.s[F.n_sent - 2].at_ms, 54000, 66000);
    }
}

/* Request: REQ_MAX_RC transmissions, MRT 30 s, then discovery again. */
static void request_schedule(void **st)
{
    tsrv6 s;
    (void)st;
    for (uint32_t seed = 1; seed < 40; seed++) {
        setup6(0, seed * 40503u);
        start6(IPCFG_DHCP6_OP_RENEW, NULL, 0, 400000);
        answer_default(&s, IPCFG_DHCP6_ADVERTISE);
        s.has_pref = 1;
        s.pref = 255;
        assert_int_equal(rx6(&s, NULL), 0);
        while (C.state == IPCFG_DHCP6_S_REQUEST)
            fire();
        assert_int_equal(C.state, IPCFG_DHCP6_S_SOLICIT);
        assert_int_equal(count_type(1, IPCFG_DHCP6_REQUEST), 10);
        check_exchange(1, 11, 1000, 30000, 0);
        /* the exchange fails one RT after the tenth (§15), not at it */
        assert_true(F.s[11].at_ms - F.s[10].at_ms >= 27000);
        assert_int_equal(F.s[11].m.type, IPCFG_DHCP6_SOLICIT);
    }
}

/* Renew until T2 exactly, then Rebind until the valid lifetime ends. */
static void renew_rebind_schedule(void **st)
{
    ipcfg_dhcp6_lease rec;
    (void)st;
    for (uint32_t seed = 1; seed < 40; seed++) {
        setup6(0, seed * 7919u);
        mk_lease6(&rec, 0, 3000, 6000); /* T1 1500 s, T2 2400 s */
        start6(IPCFG_DHCP6_OP_RENEW, &rec, 1, 10000000);
        while (C.state == IPCFG_DHCP6_S_RENEW)
            fire();
        unsigned renews = F.n_sent - 1; /* the last fire sent the first Rebind */
        assert_int_equal(count_type(0, IPCFG_DHCP6_RENEW), renews);
        check_exchange(0, renews, 10000, 600000, 0);
        assert_int_equal(F.s[renews].at_ms, 2400000); /* §18.2.4: Rebind at T2 */
        while (C.state == IPCFG_DHCP6_S_REBIND)
            fire();
        assert_int_equal(NOW.mono_ms, 6000000); /* §18.2.5: MRD to the end of the valid lifetime */
        assert_int_equal(count_type(renews, IPCFG_DHCP6_REBIND), F.n_sent - renews - 1);
        check_exchange(renews, F.n_sent - 1, 10000, 600000, 0);
        assert_int_equal(C.state, IPCFG_DHCP6_S_SOLICIT);
    }
}

/* Confirm: after its delay, IRT 1 s, MRT 4 s, MRD 10 s. */
static void confirm_schedule(void **st)
{
    ipcfg_dhcp6_lease rec;
    (void)st;
    for (uint32_t seed = 1; seed < 60; seed++) {
        setup6(0, seed * 31337u);
        mk_lease6(&rec, 10, 3600, 7200);
        start6(IPCFG_DHCP6_OP_CONFIRM, &rec, 1, 60000);
        run_out();
        assert_true(F.s[0].at_ms <= 1000);
        assert_int_equal(NOW.mono_ms, F.s[0].at_ms + 10000);
        check_exchange(0, F.n_sent, 1000, 4000, 0);
        assert_true(F.n_sent >= 4 && F.n_sent <= 5);
    }
}

/* Information-request: after its delay, IRT 1 s, MRT INF_MAX_RT. */
static void inform_schedule(void **st)
{
    (void)st;
    for (uint32_t seed = 1; seed < 30; seed++) {
        setup6(0, seed * 65537u);
        start6(IPCFG_DHCP6_OP_INFORM, NULL, 0, 300000);
        run_out();
        assert_int_equal(NOW.mono_ms, 300000);
        assert_int_equal(count_type(0, IPCFG_DHCP6_INFORMATION_REQUEST), F.n_sent);
        check_exchange(0, F.n_sent, 1000, 3600000, 0);
    }
}

/* Release and Decline: MRC 4, no MRT. */
static void release_decline_schedule(void **st)
{
    ipcfg_dhcp6_lease rec;
    (void)st;
    for (uint32_t seed = 1; seed < 40; seed++) {
        setup6(0, seed * 2246822519u);
        mk_lease6(&rec, 10, 3600, 7200);
        start6(IPCFG_DHCP6_OP_RELEASE, &rec, 1, 60000);
        run_out();
        assert_int_equal(F.n_sent, 4);
        check_exchange(0, 4, 1000, 0, 0);
        setup6(0, seed * 3266489917u);
        ipcfg_dhcp6_client_start_decline(&C, &rec, T6_ADDR, 1, &NOW, 60000);
        run_out();
        assert_int_equal(F.n_sent, 4);
        check_exchange(0, 4, 1000, 0, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rt_formula),
        cmocka_unit_test(solicit_schedule),
        cmocka_unit_test(solicit_capped_by_sol_max_rt),
        cmocka_unit_test(request_schedule),
        cmocka_unit_test(renew_rebind_schedule),
        cmocka_unit_test(confirm_schedule),
        cmocka_unit_test(inform_schedule),
        cmocka_unit_test(release_decline_schedule),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
