/* What a hostile or broken DHCPv6 server sends, and what the client makes
 * of it: each answer that is not valid for this exchange is ignored (the
 * exchange goes on; when nothing valid came by the deadline: status 3 and
 * the reason), and each answer that is valid but carries something bad
 * binds without it.
 * SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "dhcp6_fake.h"

/* Solicit, a preference-255 Advertise: waiting for the Reply to Request. */
static void to_request(uint32_t seed)
{
    tsrv6 s;
    setup6(0, seed);
    start6(IPCFG_DHCP6_OP_RENEW, NULL, 0, 20000);
    answer_default(&s, IPCFG_DHCP6_ADVERTISE);
    s.has_pref = 1;
    s.pref = 255;
    assert_int_equal(rx6(&s, NULL), 0);
    assert_int_equal(C.state, IPCFG_DHCP6_S_REQUEST);
}

/* The Reply s is ignored with a reason containing `want`; nothing else
 * comes: status 3 at the deadline, the reason in its text, nothing applied
 * or recorded. */
static void ignored_then_3(const tsrv6 *s, const char *want)
{
    const char *why = NULL;
    assert_int_equal(rx6(s, &why), -1);
    assert_non_null(why);
    assert_non_null(strstr(why, want));
    assert_int_equal(C.state, IPCFG_DHCP6_S_REQUEST);
    ipcfg_error e = run_out();
    assert_int_equal(e.status, IPCFG_E_FAILED);
    assert_non_null(strstr(e.text, "a DHCPv6 server answered, but"));
    assert_non_null(strstr(e.text, want));
    assert_int_equal(F.n_apply, 0);
    assert_int_equal(F.n_save, 0);
}

static void reply_for_another_transaction(void **st)
{
    tsrv6 s;
    (void)st;
    to_request(101);
    answer_default(&s, IPCFG_DHCP6_REPLY);
    s.xid = (s.xid + 1) & 0xffffff;
    ignored_then_3(&s, "another transaction id");
}

static void reply_for_another_client(void **st)
{
    static const uint8_t other[14] = {0, 1, 0, 1, 1, 2, 3, 4, 0x02, 0, 0, 0, 0, 9};
    tsrv6 s;
    (void)st;
    to_request(102);
    answer_default(&s, IPCFG_DHCP6_REPLY);
    s.client = other;
    ignored_then_3(&s, "another client's DUID");
    to_request(103);
    answer_default(&s, IPCFG_DHCP6_REPLY);
    s.no_client = 1;
    ignored_then_3(&s, "no client identifier");
}

static void reply_for_another_iaid(void **st)
{
    tsrv6 s;
    (void)st;
    to_request(104);
    answer_default(&s, IPCFG_DHCP6_REPLY);
    s.iaid = T6_IAID + 1;
    ignored_then_3(&s, "no IA_NA for this interface's IAID");
}

static void reply_without_server_id(void **st)
{
    tsrv6 s;
    (void)st;
    to_request(105);
    answer_default(&s, IPCFG_DHCP6_REPLY);
    s.no_server = 1;
    ignored_then_3(&s, "no server identifier");
}

static void truncated_and_overlong_options(void **st)
{
    static const uint8_t truncated[] = {0, 23, 0};             /* an option header cut short */
    static const uint8_t overlong[] = {0, 24, 0, 10, 1, 'a', 0}; /* 10 octets announced, 3 there */
    /* an IA Address running past the end of its IA_NA, though not past
     * the message's (an unknown option of 20 octets follows) */
    static const uint8_t inner[44] = {0, 3, 0, 16, 0x11, 0x22, 0x33, 0x44, 0, 0, 0, 0, 0, 0, 0, 0,
                                      0, 5, 0, 24, 0, 99, 0, 20};
    tsrv6 s;
    (void)st;
    to_request(106);
    answer_default(&s, IPCFG_DHCP6_REPLY);
    s.raw = truncated;
    s.raw_len = sizeof(truncated);
    ignored_then_3(&s, "truncated option header");
    to_request(107);
    answer_default(&s, IPCFG_DHCP6_REPLY);
    s.raw = overlong;
    s.raw_len = sizeof(overlong);
    ignored_then_3(&s, "option length past the end");
    to_request(108);
    answer_default(&s, IPCFG_DHCP6_REPLY);
    s.no_ia = 1;
    s.raw = inner;
    s.raw_len = sizeof(inner);
    ignored_then_3(&s, "option length past the end");
}

static void dns_option_not_multiple_of_16(void **st)
{
    tsrv6 s;
    (void)st;
    to_request(109);
    answer_default(&s, IPCFG_DHCP6_REPLY);
    s.dns_extra = 1; /* 17 octets */
    ignored_then_3(&s, "multiple of 16");
}

static void preferred_over_valid_ignored(void **st)
{
    tsrv6 s;
    (void)st;
    to_request(110);
    answer_default(&s, IPCFG_DHCP6_REPLY);
    s.addrs[0].preferred = 7201;
    s.addrs[0].valid = 7200;
    ignored_then_3(&s, "preferred lifetime over its valid lifetime");
}

static void unusable_addresses_ignored(void **st)
{
    static const uint8_t bad[][16] = {
        {0},                                                        /* :: */
        {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},           /* ::1 */
        {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9},     /* link-local */
        {0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},     /* multicast */
        {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 1},   /* IPv4-mapped */
    };
    tsrv6 s;
    (void)st;
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        to_request(111 + i);
        answer_default(&s, IPCFG_DHCP6_REPLY);
        memcpy(s.addrs[0].addr, bad[i], 16);
        ignored_then_3(&s, "not a usable unicast address");
    }
    /* an address with its own failure status */
    to_request(120);
    answer_default(&s, IPCFG_DHCP6_REPLY);
    s.addrs[0].has_status = 1;
    s.addrs[0].status = IPCFG_DHCP6_ST_NOTONLINK;
    ignored_then_3(&s, "failure status");
}

static void second_server_reply_to_request_ignored(void **st)
{
    tsrv6 s;
    const char *why = NULL;
    (void)st;
    to_request(121);
    answer_default(&s, IPCFG_DHCP6_REPLY);
    s.server = T6_SID2;
    assert_int_equal(rx6(&s, &why), -1);
    assert_non_null(strstr(why, "another server"));
    answer_default(&s, IPCFG_DHCP6_REPLY);
    assert_int_equal(rx6(&s, NULL), 0);
    assert_int_equal(result6().status, IPCFG_OK);
    assert_memory_equal(F.saved.server_duid, T6_SID1, sizeof(T6_SID1));
}

static void reply_while_soliciting_ignored(void **st)
{
    tsrv6 s;
    const char *why = NULL;
    (void)st;
    setup6(0, 122);
    start6(IPCFG_DHCP6_OP_RENEW, NULL, 0, 20000);
    answer_default(&s, IPCFG_DHCP6_REPLY); /* no Rapid Commit was offered */
    assert_int_equal(rx6(&s, &why), -1);
    assert_string_equal(why, "not an Advertise");
    assert_int_equal(C.state, IPCFG_DHCP6_S_SOLICIT);
}

/* A valid lifetime of 0 withdraws that address (§18.2.10.1); the other is
 * renewed. */
static void valid_zero_withdraws(void **st)
{
    ipcfg_dhcp6_lease rec;
    tsrv6 s;
    (void)st;
    setup6(0, 123);
    mk_lease6(&rec, 100, 3600, 7200);
    rec.addrs[1] = rec.addrs[0];
    memcpy(rec.addrs[1].addr, T6_ADDR2, 16);
    rec.n_addrs = 2;
    start6(IPCFG_DHCP6_OP_RENEW, &rec, 1, 20000);
    assert_int_equal(last_sent()->ia[0].n_addrs, 2);
    answer_default(&s, IPCFG_DHCP6_REPLY);
    s.n_addrs = 2;
    s.addrs[0].preferred = 0;
    s.addrs[0].valid = 0;
    s.addrs[1] = s.addrs[0];
    memcpy(s.addrs[1].addr, T6_ADDR2, 16);
    s.addrs[1].preferred = 3600;
    s.addrs[1].valid = 7200;
    assert_int_equal(rx6(&s, NULL), 0);
    assert_int_equal(result6().status, IPCFG_OK);
    assert_int_equal(F.saved.n_addrs, 1);
    assert_memory_equal(F.saved.addrs[0].addr, T6_ADDR2, 16);
    /* applied over the old lease, which still had the withdrawn one: the
     * backend removes what the new lease lacks */
    assert_int_equal(F.applied_old.n_addrs, 2);
    assert_int_equal(F.applied.n_addrs, 1);
    /* every address withdrawn: the lease is over, Solicit */
    setup6(0, 124);
    start6(IPCFG_DHCP6_OP_RENEW, &rec, 1, 20000);
    answer_default(&s, IPCFG_DHCP6_REPLY);
    s.n_addrs = 2;
    s.addrs[0].valid = s.addrs[0].preferred = 0;
    s.addrs[1] = s.addrs[0];
    memcpy(s.addrs[1].addr, T6_ADDR2, 16);
    assert_int_equal(rx6(&s, NULL), 0);
    assert_int_equal(C.state, IPCFG_DHCP6_S_SOLICIT);
    assert_int_equal(F.n_unapply, 1);
}

static void t1_t2_fall_back_to_defaults(void **st)
{
    static const uint32_t t[][2] = {{3000, 1000}, {0, 0}, {0, 100}, {2000, 0}};
    static const uint32_t want[][2] = {{1800, 2880}, {1800, 2880}, {1800, 2880}, {2000, 2880}};
    tsrv6 s;
    (void)st;
    for (unsigned i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        to_request(130 + i);
        answer_default(&s, IPCFG_DHCP6_REPLY);
        s.t1 = t[i][0];
        s.t2 = t[i][1];
        s.n_addrs = 2; /* the shortest preferred lifetime counts (§21.4) */
        s.addrs[1] = s.addrs[0];
        memcpy(s.addrs[1].addr, T6_ADDR2, 16);
        s.addrs[1].preferred = 5000;
        assert_int_equal(rx6(&s, NULL), 0);
        assert_int_equal(result6().status, IPCFG_OK);
        assert_int_equal(F.saved.t1, want[i][0]);
        assert_int_equal(F.saved.t2, want[i][1]);
    }
    /* infinite preferred lifetimes: infinite T1 and T2 */
    to_request(140);
    answer_default(&s, IPCFG_DHCP6_REPLY);
    s.t1 = s.t2 = 0;
    s.addrs[0].preferred = s.addrs[0].valid = IPCFG_DHCP6_INFINITE;
    assert_int_equal(rx6(&s, NULL), 0);
    assert_int_equal(F.saved.t1, IPCFG_DHCP6_INFINITE);
    assert_int_equal(F.saved.t2, IPCFG_DHCP6_INFINITE);
}

static void many_dns_servers_first_8(void **st)
{
    tsrv6 s;
    (void)st;
    to_request(141);
    answer_default(&s, IPCFG_DHCP6_REPLY);
    s.n_dns = 255;
    assert_int_equal(rx6(&s, NULL), 0);
    assert_int_equal(result6().status, IPCFG_OK);
    assert_int_equal(F.saved.n_dns, 8);
    for (unsigned i = 0; i < 8; i++)
        assert_int_equal(F.saved.dns[i][15], 0x53 + i);
}

static void bad_domains_dropped_address_binds(void **st)
{
    tsrv6 s;
    (void)st;
    to_request(142);
    answer_default(&s, IPCFG_DHCP6_REPLY);
    const char *names[] = {"x$(touch${IFS}/tmp/PWNED)", "ok.example.com", "`id`.com", "a;b.com",
                           "quote'.com", "new\nline.com", "-lead.com", "per%cent.com"};
    for (unsigned i = 0; i < 8; i++)
        s.domains[i] = names[i];
    s.n_domains = 8;
    assert_int_equal(rx6(&s, NULL), 0);
    assert_int_equal(result6().status, IPCFG_OK);
    assert_int_equal(F.saved.n_addrs, 1);
    assert_int_equal(F.saved.n_domains, 1);
    assert_string_equal(F.saved.domains[0], "ok.example.com");
    assert_non_null(strstr(ipcfg_dhcp6_client_note(&C), "not a valid domain name"));
}

/* 1,000 Advertise within the first RT, most of them invalid or worse: the
 * Request goes out at the end of the first RT all the same, to the best
 * valid one. */
static void advertise_storm(void **st)
{
    static const uint8_t best[10] = {0, 3, 0, 1, 0x02, 0, 0, 0, 0xbe, 0x57};
    static const uint8_t junk[] = {0, 7, 0, 9};
    tsrv6 s;
    (void)st;
    setup6(0, 150);
    start6(IPCFG_DHCP6_OP_RENEW, NULL, 0, 20000);
    uint32_t xid = last_sent()->xid;
    int64_t first_rt = ipcfg_dhcp6_client_next_wakeup(&C);
    unsigned taken = 0;
    for (unsigned i = 0; i < 1000; i++) {
        set_time((int64_t)i * (first_rt - 1) / 1000);
        tsrv6_default(&s, IPCFG_DHCP6_ADVERTISE, xid);
        s.has_pref = 1;
        s.pref = (uint8_t)(i % 200);
        switch (i % 7) {
        case 0: s.xid = xid ^ 1; break;
        case 1: s.no_server = 1; break;
        case 2: s.raw = junk; s.raw_len = sizeof(junk); break;
        case 3: s.addrs[0].preferred = 9000; break;
        case 4: s.iaid ^= 1; break;
        default: break;
        }
        if (i == 637) {
            tsrv6_default(&s, IPCFG_DHCP6_ADVERTISE, xid);
            s.server = best;
            s.has_pref = 1;
            s.pref = 254;
        }
        taken += rx6(&s, NULL) == 0;
        assert_int_equal(C.state, IPCFG_DHCP6_S_SOLICIT);
    }
    assert_true(taken > 200);
    fire();
    assert_true(NOW.mono_ms <= 1100);
    assert_int_equal(F.n_sent, 2);
    assert_int_equal(last_sent()->type, IPCFG_DHCP6_REQUEST);
    assert_memory_equal(last_sent()->server_id, best, sizeof(best));
}

static void notonlink_restarts_are_bounded(void **st)
{
    tsrv6 s;
    (void)st;
    setup6(0, 160);
    start6(IPCFG_DHCP6_OP_RENEW, NULL, 0, 60000);
    for (int k = 0; !ipcfg_dhcp6_client_done(&C, NULL); k++) {
        assert_true(k < 10);
        answer_default(&s, IPCFG_DHCP6_ADVERTISE);
        s.has_pref = 1;
        s.pref = 255;
        assert_int_equal(rx6(&s, NULL), 0);
        answer_default(&s, IPCFG_DHCP6_REPLY);
        s.has_status = 1;
        s.status = IPCFG_DHCP6_ST_NOTONLINK;
        s.no_ia = 1;
        assert_int_equal(rx6(&s, NULL), 0);
    }
    ipcfg_error e = result6();
    assert_int_equal(e.status, IPCFG_E_FAILED);
    assert_non_null(strstr(e.text, "NotOnLink"));
    assert_true(NOW.mono_ms < 1000);
}

static void unspecfail_then_valid(void **st)
{
    tsrv6 s;
    const char *why = NULL;
    (void)st;
    to_request(161);
    answer_default(&s, IPCFG_DHCP6_REPLY);
    s.has_status = 1;
    s.status = IPCFG_DHCP6_ST_UNSPECFAIL;
    s.status_text = "try\x01later";
    assert_int_equal(rx6(&s, &why), -1);
    assert_string_equal(why, "status UnspecFail (\"try?later\")");
    fire(); /* the retransmission goes on */
    assert_int_equal(last_sent()->type, IPCFG_DHCP6_REQUEST);
    answer_default(&s, IPCFG_DHCP6_REPLY);
    assert_int_equal(rx6(&s, NULL), 0);
    assert_int_equal(result6().status, IPCFG_OK);
}

static void renew_refused_keeps_lease(void **st)
{
    ipcfg_dhcp6_lease rec;
    tsrv6 s;
    (void)st;
    setup6(0, 162);
    mk_lease6(&rec, 100, 3600, 7200);
    start6(IPCFG_DHCP6_OP_RENEW, &rec, 1, 20000);
    answer_default(&s, IPCFG_DHCP6_REPLY);
    s.has_ia_status = 1;
    s.ia_status = IPCFG_DHCP6_ST_NOADDRSAVAIL;
    s.n_addrs = 0;
    assert_int_equal(rx6(&s, NULL), -1);
    ipcfg_error e = run_out();
    assert_int_equal(e.status, IPCFG_E_FAILED);
    assert_non_null(strstr(e.text, "NoAddrsAvail"));
    assert_int_equal(ipcfg_dhcp6_client_outcome(&C), IPCFG_DHCP6_OUT_KEPT);
    assert_int_equal(F.n_unapply, 0);
    assert_int_equal(F.n_save, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reply_for_another_transaction),
        cmocka_unit_test(reply_for_another_client),
        cmocka_unit_test(reply_for_another_iaid),
        cmocka_unit_test(reply_without_server_id),
        cmocka_unit_test(truncated_and_overlong_options),
        cmocka_unit_test(dns_option_not_multiple_of_16),
        cmocka_unit_test(preferred_over_valid_ignored),
        cmocka_unit_test(unusable_addresses_ignored),
        cmocka_unit_test(second_server_reply_to_request_ignored),
        cmocka_unit_test(reply_while_soliciting_ignored),
        cmocka_unit_test(valid_zero_withdraws),
        cmocka_unit_test(t1_t2_fall_back_to_defaults),
        cmocka_unit_test(many_dns_servers_first_8),
        cmocka_unit_test(bad_domains_dropped_address_binds),
        cmocka_unit_test(advertise_storm),
        cmocka_unit_test(notonlink_restarts_are_bounded),
        cmocka_unit_test(unspecfail_then_valid),
        cmocka_unit_test(renew_refused_keeps_lease),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
