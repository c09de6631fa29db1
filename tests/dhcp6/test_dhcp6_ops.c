/* The DHCPv6 client's other operations and endings: Release (§18.2.7),
 * Confirm (§18.2.3), duplicate address detection and Decline (§18.2.8),
 * what the deadline leaves (kept, 3, 5), and I/O failures (nothing
 * half-applied).
 * SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "dhcp6_fake.h"

/* ---- Release --------------------------------------------------------------------- */

static void release_bound(void **st)
{
    ipcfg_dhcp6_lease rec;
    tsrv6 s;
    (void)st;
    setup6(0, 21);
    mk_lease6(&rec, 100, 3600, 7200);
    start6(IPCFG_DHCP6_OP_RELEASE, &rec, 1, 30000);
    /* §18.2.7: the address is removed before the Release is sent */
    assert_string_equal(F.log, "us");
    const ipcfg_dhcp6_msg *m = last_sent();
    assert_int_equal(m->type, IPCFG_DHCP6_RELEASE);
    assert_true(m->has & IPCFG_DHCP6_HAS_CLIENTID);
    assert_memory_equal(m->server_id, T6_SID1, sizeof(T6_SID1));
    assert_int_equal(m->ia[0].iaid, T6_IAID);
    assert_int_equal(m->ia[0].n_addrs, 1);
    assert_memory_equal(m->ia[0].addrs[0].addr, T6_ADDR, 16);
    assert_false(m->has & IPCFG_DHCP6_HAS_ORO);
    /* §18.2.10.2: any status completes it */
    answer_default(&s, IPCFG_DHCP6_REPLY);
    s.no_ia = 1;
    s.has_status = 1;
    s.status = IPCFG_DHCP6_ST_NOBINDING;
    assert_int_equal(rx6(&s, NULL), 0);
    assert_int_equal(result6().status, IPCFG_OK);
    assert_int_equal(ipcfg_dhcp6_client_outcome(&C), IPCFG_DHCP6_OUT_RELEASED);
    assert_string_equal(F.log, "usv");
    assert_int_equal(F.saved.state, IPCFG_DHCP6_LEASE_RELEASED);
    assert_string_equal(F.saved.ifname, "eth0");
    assert_int_equal(F.saved.iaid, T6_IAID);
    assert_memory_equal(F.saved.client_duid, T6_DUID, sizeof(T6_DUID));
}

static void release_retransmits_rel_max_rc(void **st)
{
    ipcfg_dhcp6_lease rec;
    (void)st;
    setup6(0, 22);
    mk_lease6(&rec, 100, 3600, 7200);
    start6(IPCFG_DHCP6_OP_RELEASE, &rec, 1, 60000);
    ipcfg_error e = run_out();
    assert_int_equal(e.status, IPCFG_OK);
    assert_int_equal(F.n_sent, 4); /* REL_MAX_RC */
    for (unsigned i = 1; i < F.n_sent; i++)
        assert_int_equal(F.s[i].m.xid, F.s[0].m.xid);
    /* the exchange ends one RT after the fourth: about 1 + 2 + 4 + 8 s,
     * each RT within 10 % of twice the one before */
    assert_in_range(NOW.mono_ms, 12000, 18500);
    assert_non_null(strstr(ipcfg_dhcp6_client_note(&C), "acknowledged"));
    assert_int_equal(F.saved.state, IPCFG_DHCP6_LEASE_RELEASED);
}

static void release_short_deadline_still_released(void **st)
{
    ipcfg_dhcp6_lease rec;
    (void)st;
    setup6(0, 23);
    mk_lease6(&rec, 100, 3600, 7200);
    start6(IPCFG_DHCP6_OP_RELEASE, &rec, 1, 1500);
    ipcfg_error e = run_out();
    assert_int_equal(e.status, IPCFG_OK);
    assert_int_equal(NOW.mono_ms, 1500);
    assert_int_equal(F.saved.state, IPCFG_DHCP6_LEASE_RELEASED);
}

static void release_expired_or_absent(void **st)
{
    ipcfg_dhcp6_lease rec;
    (void)st;
    /* expired: nothing sent (the server has freed it), recorded released */
    setup6(0, 24);
    set_time(1000000);
    mk_lease6(&rec, 8000, 3600, 7200);
    start6(IPCFG_DHCP6_OP_RELEASE, &rec, 0, 30000);
    assert_int_equal(result6().status, IPCFG_OK);
    assert_int_equal(F.n_sent, 0);
    assert_string_equal(F.log, "v");
    /* nothing recorded, or already released: status 2, nothing done */
    setup6(0, 25);
    start6(IPCFG_DHCP6_OP_RELEASE, NULL, 0, 30000);
    assert_int_equal(result6().status, IPCFG_E_STATE);
    assert_string_equal(F.log, "");
    rec.state = IPCFG_DHCP6_LEASE_RELEASED;
    setup6(0, 26);
    start6(IPCFG_DHCP6_OP_RELEASE, &rec, 0, 30000);
    assert_int_equal(result6().status, IPCFG_E_STATE);
    assert_string_equal(F.log, "");
}

static void release_stateless(void **st)
{
    ipcfg_dhcp6_lease rec;
    (void)st;
    setup6(0, 27);
    mk_lease6(&rec, 100, 3600, 7200);
    rec.state = IPCFG_DHCP6_LEASE_STATELESS;
    rec.n_addrs = 0;
    rec.refresh = 86400;
    start6(IPCFG_DHCP6_OP_RELEASE, &rec, 1, 30000);
    /* no binding to release: its DNS withdrawn, the record released */
    assert_int_equal(result6().status, IPCFG_OK);
    assert_string_equal(F.log, "uv");
    assert_int_equal(F.n_sent, 0);
}

/* ---- Confirm ------------------------------------------------------------------------ */

static void confirm_success_keeps(void **st)
{
    ipcfg_dhcp6_lease rec;
    tsrv6 s;
    (void)st;
    setup6(0, 31);
    mk_lease6(&rec, 100, 3600, 7200);
    start6(IPCFG_DHCP6_OP_CONFIRM, &rec, 1, 30000);
    assert_int_equal(C.state, IPCFG_DHCP6_S_CONFIRM);
    assert_int_equal(F.n_sent, 0); /* §18.2.3: delayed 0 to CNF_MAX_DELAY */
    assert_in_range(ipcfg_dhcp6_client_next_wakeup(&C), 0, 1000);
    fire();
    const ipcfg_dhcp6_msg *m = last_sent();
    assert_int_equal(m->type, IPCFG_DHCP6_CONFIRM);
    assert_false(m->has & IPCFG_DHCP6_HAS_SERVERID);
    assert_int_equal(m->ia[0].n_addrs, 1);
    assert_int_equal(m->ia[0].addrs[0].preferred, 0);
    answer_default(&s, IPCFG_DHCP6_REPLY);
    s.no_ia = 1;
    assert_int_equal(rx6(&s, NULL), 0);
    assert_int_equal(result6().status, IPCFG_OK);
    assert_int_equal(ipcfg_dhcp6_client_outcome(&C), IPCFG_DHCP6_OUT_KEPT);
    /* sent, then the addresses installed again although said present: a
     * link that went down lost them (the keeper confirms after it) */
    assert_string_equal(F.log, "sa");
}

static void confirm_notonlink_solicits(void **st)
{
    ipcfg_dhcp6_lease rec;
    tsrv6 s;
    (void)st;
    setup6(0, 32);
    mk_lease6(&rec, 100, 3600, 7200);
    start6(IPCFG_DHCP6_OP_CONFIRM, &rec, 1, 30000);
    fire();
    answer_default(&s, IPCFG_DHCP6_REPLY);
    s.no_ia = 1;
    s.has_status = 1;
    s.status = IPCFG_DHCP6_ST_NOTONLINK;
    assert_int_equal(rx6(&s, NULL), 0);
    assert_int_equal(F.n_unapply, 1);
    assert_int_equal(C.state, IPCFG_DHCP6_S_SOLICIT);
}

static void confirm_silence_keeps(void **st)
{
    ipcfg_dhcp6_lease rec;
    (void)st;
    setup6(0, 33);
    mk_lease6(&rec, 100, 3600, 7200);
    start6(IPCFG_DHCP6_OP_CONFIRM, &rec, 0, 60000); /* not on the interface (a reboot) */
    fire();
    int64_t first = NOW.mono_ms;
    ipcfg_error e = run_out();
    assert_int_equal(e.status, IPCFG_OK);
    assert_int_equal(ipcfg_dhcp6_client_outcome(&C), IPCFG_DHCP6_OUT_KEPT);
    assert_int_equal(NOW.mono_ms - first, 10000); /* CNF_MAX_RD */
    assert_int_equal(F.n_apply, 1);                /* installed again */
    assert_true(F.applied_old_null);
    assert_non_null(strstr(ipcfg_dhcp6_client_note(&C), "Confirm"));
}

/* ---- duplicate address detection, Decline ------------------------------------------- */

static void obtain_to_reply(uint32_t seed, unsigned n_addrs)
{
    tsrv6 s;
    setup6(1, seed);
    start6(IPCFG_DHCP6_OP_RENEW, NULL, 0, 30000);
    answer_default(&s, IPCFG_DHCP6_ADVERTISE);
    s.has_pref = 1;
    s.pref = 255;
    s.n_addrs = n_addrs;
    s.addrs[1] = s.addrs[0];
    memcpy(s.addrs[1].addr, T6_ADDR2, 16);
    assert_int_equal(rx6(&s, NULL), 0);
    answer_default(&s, IPCFG_DHCP6_REPLY);
    s.n_addrs = n_addrs;
    s.addrs[1] = s.addrs[0];
    memcpy(s.addrs[1].addr, T6_ADDR2, 16);
    assert_int_equal(rx6(&s, NULL), 0);
}

static void dad_passes(void **st)
{
    (void)st;
    obtain_to_reply(41, 1);
    assert_int_equal(C.state, IPCFG_DHCP6_S_DAD);
    assert_string_equal(F.log, "ssad"); /* applied, then watched; not yet recorded */
    assert_int_equal(F.n_dad_addrs, 1);
    assert_memory_equal(F.dad_addrs[0], T6_ADDR, 16);
    set_time(NOW.mono_ms + 1000);
    ipcfg_dhcp6_client_dad_done(&C, &NOW, NULL, 0);
    assert_int_equal(result6().status, IPCFG_OK);
    assert_string_equal(F.log, "ssadv");
    assert_int_equal(ipcfg_dhcp6_client_outcome(&C), IPCFG_DHCP6_OUT_BOUND);
}

static void dad_fails_declines(void **st)
{
    tsrv6 s;
    (void)st;
    obtain_to_reply(42, 1);
    ipcfg_dhcp6_client_dad_done(&C, &NOW, T6_ADDR, 1);
    assert_int_equal(C.state, IPCFG_DHCP6_S_DECLINE);
    assert_string_equal(F.log, "ssadus");
    const ipcfg_dhcp6_msg *m = last_sent();
    /* §18.2.8: Server Identifier, the declined address only */
    assert_int_equal(m->type, IPCFG_DHCP6_DECLINE);
    assert_memory_equal(m->server_id, T6_SID1, sizeof(T6_SID1));
    assert_int_equal(m->ia[0].n_addrs, 1);
    assert_memory_equal(m->ia[0].addrs[0].addr, T6_ADDR, 16);
    answer_default(&s, IPCFG_DHCP6_REPLY);
    s.no_ia = 1;
    assert_int_equal(rx6(&s, NULL), 0);
    ipcfg_error e = result6();
    assert_int_equal(e.status, IPCFG_E_CONFLICT);
    assert_int_equal(ipcfg_dhcp6_client_outcome(&C), IPCFG_DHCP6_OUT_DECLINED);
    assert_int_equal(F.saved.state, IPCFG_DHCP6_LEASE_RELEASED);
}

static void dad_fails_one_of_two(void **st)
{
    (void)st;
    obtain_to_reply(43, 2);
    assert_int_equal(F.n_dad_addrs, 2);
    ipcfg_dhcp6_client_dad_done(&C, &NOW, T6_ADDR2, 1);
    /* the other kept and recorded; the one in use declined */
    assert_int_equal(F.saved.n_addrs, 1);
    assert_memory_equal(F.saved.addrs[0].addr, T6_ADDR, 16);
    assert_int_equal(F.applied.n_addrs, 1);
    assert_int_equal(last_sent()->ia[0].n_addrs, 1);
    assert_memory_equal(last_sent()->ia[0].addrs[0].addr, T6_ADDR2, 16);
    ipcfg_error e = run_out(); /* no Reply: DEC_MAX_RC */
    assert_int_equal(e.status, IPCFG_OK);
    assert_int_equal(F.n_sent, 2 + 4);
    assert_int_equal(ipcfg_dhcp6_client_outcome(&C), IPCFG_DHCP6_OUT_BOUND);
    assert_non_null(strstr(ipcfg_dhcp6_client_note(&C), "declined"));
}

static void dad_deadline_undoes(void **st)
{
    (void)st;
    obtain_to_reply(44, 1);
    ipcfg_error e = run_out();
    assert_int_equal(e.status, IPCFG_E_TIMEOUT);
    assert_int_equal(F.n_unapply, 1); /* not known unique: taken off again */
    assert_int_equal(F.n_save, 0);
}

static void start_decline_later(void **st)
{
    ipcfg_dhcp6_lease rec;
    (void)st;
    setup6(0, 45);
    mk_lease6(&rec, 100, 3600, 7200);
    ipcfg_dhcp6_client_start_decline(&C, &rec, T6_ADDR, 1, &NOW, 30000);
    assert_int_equal(C.state, IPCFG_DHCP6_S_DECLINE);
    assert_string_equal(F.log, "us");
    ipcfg_error e = run_out();
    assert_int_equal(e.status, IPCFG_E_CONFLICT);
    /* an address that is not the lease's: nothing to decline */
    setup6(0, 46);
    ipcfg_dhcp6_client_start_decline(&C, &rec, T6_ADDR2, 1, &NOW, 30000);
    assert_int_equal(result6().status, IPCFG_E_STATE);
    assert_int_equal(F.n_sent, 0);
}

/* ---- endings --------------------------------------------------------------------------- */

static void nothing_comes_is_5(void **st)
{
    (void)st;
    setup6(0, 51);
    start6(IPCFG_DHCP6_OP_RENEW, NULL, 0, 10000);
    ipcfg_error e = run_out();
    assert_int_equal(e.status, IPCFG_E_TIMEOUT);
    assert_int_equal(e.reason, IPCFG_R_DHCP_TIMEOUT);
    assert_string_equal(e.text, "unable to contact your DHCP server");
    assert_int_equal(NOW.mono_ms, 10000);
    assert_string_equal(F.log, "ssss"); /* at 0 and about 1, 3, 7 s; nothing applied */
}

static void timeout_keeps_valid_lease(void **st)
{
    ipcfg_dhcp6_lease rec;
    (void)st;
    setup6(0, 52);
    mk_lease6(&rec, 100, 3600, 7200);
    start6(IPCFG_DHCP6_OP_RENEW, &rec, 1, 5000);
    ipcfg_error e = run_out();
    assert_int_equal(e.status, IPCFG_E_TIMEOUT);
    assert_int_equal(ipcfg_dhcp6_client_outcome(&C), IPCFG_DHCP6_OUT_KEPT);
    assert_int_equal(F.n_unapply, 0);
    assert_int_equal(F.n_save, 0);
}

static void io_failures_leave_nothing_half_done(void **st)
{
    tsrv6 s;
    (void)st;
    /* apply fails: its own status, nothing recorded */
    setup6(0, 53);
    start6(IPCFG_DHCP6_OP_RENEW, NULL, 0, 30000);
    answer_default(&s, IPCFG_DHCP6_ADVERTISE);
    s.has_pref = 1;
    s.pref = 255;
    assert_int_equal(rx6(&s, NULL), 0);
    F.apply_ret = IPCFG_E_ACCESS;
    answer_default(&s, IPCFG_DHCP6_REPLY);
    assert_int_equal(rx6(&s, NULL), 0);
    assert_int_equal(result6().status, IPCFG_E_ACCESS);
    assert_int_equal(F.n_save, 0);
    assert_int_equal(F.n_unapply, 1);
    /* save fails: the address taken off again */
    setup6(0, 54);
    start6(IPCFG_DHCP6_OP_RENEW, NULL, 0, 30000);
    answer_default(&s, IPCFG_DHCP6_ADVERTISE);
    s.has_pref = 1;
    s.pref = 255;
    assert_int_equal(rx6(&s, NULL), 0);
    F.save_ret = IPCFG_E_ACCESS;
    answer_default(&s, IPCFG_DHCP6_REPLY);
    assert_int_equal(rx6(&s, NULL), 0);
    assert_int_equal(result6().status, IPCFG_E_ACCESS);
    assert_string_equal(F.log, "ssavu");
    /* release: the address cannot be removed: nothing sent */
    ipcfg_dhcp6_lease rec;
    setup6(0, 55);
    mk_lease6(&rec, 100, 3600, 7200);
    F.unapply_ret = IPCFG_E_ACCESS;
    start6(IPCFG_DHCP6_OP_RELEASE, &rec, 1, 30000);
    assert_int_equal(result6().status, IPCFG_E_ACCESS);
    assert_int_equal(F.n_sent, 0);
}

static void no_duid_sends_nothing(void **st)
{
    ipcfg_dhcp6_lease rec;
    (void)st;
    setup6(0, 57);
    C.cfg.duid_len = 2;
    start6(IPCFG_DHCP6_OP_RENEW, NULL, 0, 30000);
    ipcfg_error e = result6();
    assert_int_equal(e.status, IPCFG_E_FAILED);
    assert_string_equal(e.text, "no valid DHCPv6 client DUID");
    assert_int_equal(F.n_sent, 0);
    mk_lease6(&rec, 100, 3600, 7200);
    ipcfg_dhcp6_client_start_decline(&C, &rec, T6_ADDR, 1, &NOW, 30000);
    assert_int_equal(result6().status, IPCFG_E_FAILED);
    assert_string_equal(F.log, "");
}

static void max_rt_options(void **st)
{
    tsrv6 s;
    (void)st;
    setup6(0, 56);
    start6(IPCFG_DHCP6_OP_RENEW, NULL, 0, 30000);
    uint32_t xid = last_sent()->xid;
    /* §21.24: out of 60..86400 ignored; a valid one taken even with a
     * failure status (§18.2.9) */
    tsrv6_default(&s, IPCFG_DHCP6_ADVERTISE, xid);
    s.has_sol_max_rt = 1;
    s.sol_max_rt = 59;
    assert_int_equal(rx6(&s, NULL), 0);
    assert_int_equal(C.sol_max_rt_ms, 3600000);
    tsrv6_default(&s, IPCFG_DHCP6_ADVERTISE, xid);
    s.has_status = 1;
    s.status = IPCFG_DHCP6_ST_NOADDRSAVAIL;
    s.has_sol_max_rt = 1;
    s.sol_max_rt = 120;
    s.has_inf_max_rt = 1;
    s.inf_max_rt = 300;
    assert_int_equal(rx6(&s, NULL), -1);
    assert_int_equal(C.sol_max_rt_ms, 120000);
    assert_int_equal(C.inf_max_rt_ms, 300000);
    /* answers disagree: the default (§18.2.9) */
    tsrv6_default(&s, IPCFG_DHCP6_ADVERTISE, xid);
    s.has_sol_max_rt = 1;
    s.sol_max_rt = 600;
    assert_int_equal(rx6(&s, NULL), 0);
    assert_int_equal(C.sol_max_rt_ms, 3600000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(release_bound),
        cmocka_unit_test(release_retransmits_rel_max_rc),
        cmocka_unit_test(release_short_deadline_still_released),
        cmocka_unit_test(release_expired_or_absent),
        cmocka_unit_test(release_stateless),
        cmocka_unit_test(confirm_success_keeps),
        cmocka_unit_test(confirm_notonlink_solicits),
        cmocka_unit_test(confirm_silence_keeps),
        cmocka_unit_test(dad_passes),
        cmocka_unit_test(dad_fails_declines),
        cmocka_unit_test(dad_fails_one_of_two),
        cmocka_unit_test(dad_deadline_undoes),
        cmocka_unit_test(start_decline_later),
        cmocka_unit_test(nothing_comes_is_5),
        cmocka_unit_test(timeout_keeps_valid_lease),
        cmocka_unit_test(io_failures_leave_nothing_half_done),
        cmocka_unit_test(no_duid_sends_nothing),
        cmocka_unit_test(max_rt_options),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
