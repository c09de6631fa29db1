/* The DHCPv6 codec: what is built parses back; every option ipcfg reads,
 * at the top level and inside IA_NA and IA Address; every malformed
 * message rejected whole with its reason; what is dropped without
 * rejecting (option 23 of a bad length, names that are not domain names,
 * more than is kept).
 * SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "dhcp6_msg.h"
#include "dhcp6_testutil.h"

static uint8_t B[70000];

static size_t build(const tsrv6 *s)
{
    size_t n = tsrv6_build(s, B, sizeof(B));
    assert_true(n > 0);
    return n;
}

static void reply_round_trip(void **st)
{
    ipcfg_dhcp6_msg m;
    tsrv6 s;
    const char *why = "x";
    (void)st;
    tsrv6_default(&s, IPCFG_DHCP6_REPLY, 0xabcdef);
    s.has_pref = 1;
    s.pref = 9;
    s.has_status = 1;
    s.status = IPCFG_DHCP6_ST_SUCCESS;
    s.status_text = "all fine";
    s.n_addrs = 2;
    s.addrs[1] = s.addrs[0];
    memcpy(s.addrs[1].addr, T6_ADDR2, 16);
    s.addrs[1].has_status = 1;
    s.addrs[1].status = IPCFG_DHCP6_ST_NOTONLINK;
    s.has_ia_status = 1;
    s.ia_status = IPCFG_DHCP6_ST_SUCCESS;
    s.n_dns = 3;
    s.domains[0] = "example.com";
    s.domains[1] = "corp.example.com";
    s.n_domains = 2;
    s.has_sol_max_rt = s.has_inf_max_rt = s.has_refresh = 1;
    s.sol_max_rt = 120;
    s.inf_max_rt = 240;
    s.refresh = 3600;
    size_t n = build(&s);
    assert_int_equal(ipcfg_dhcp6_msg_parse(B, n, &m, &why), 0);
    assert_null(why);
    assert_int_equal(m.type, IPCFG_DHCP6_REPLY);
    assert_int_equal(m.xid, 0xabcdef);
    assert_int_equal(m.server_id_len, sizeof(T6_SID1));
    assert_memory_equal(m.server_id, T6_SID1, sizeof(T6_SID1));
    assert_memory_equal(m.client_id, T6_DUID, sizeof(T6_DUID));
    assert_int_equal(m.preference, 9);
    assert_true(m.status.present);
    assert_string_equal(m.status.text, "all fine");
    assert_int_equal(m.n_ia, 1);
    assert_int_equal(m.ia[0].iaid, T6_IAID);
    assert_int_equal(m.ia[0].t1, 1800);
    assert_int_equal(m.ia[0].t2, 2880);
    assert_true(m.ia[0].status.present);
    assert_int_equal(m.ia[0].n_addrs, 2);
    assert_int_equal(m.ia[0].addrs[0].preferred, 3600);
    assert_int_equal(m.ia[0].addrs[0].valid, 7200);
    assert_false(m.ia[0].addrs[0].status.present);
    assert_int_equal(m.ia[0].addrs[1].status.code, IPCFG_DHCP6_ST_NOTONLINK);
    assert_int_equal(m.n_dns, 3);
    assert_int_equal(m.n_dns_seen, 3);
    assert_int_equal(m.n_domains, 2);
    assert_string_equal(m.domains[1], "corp.example.com");
    assert_int_equal(m.sol_max_rt, 120);
    assert_int_equal(m.inf_max_rt, 240);
    assert_int_equal(m.info_refresh, 3600);
    assert_string_equal(m.note, "");
    unsigned want = IPCFG_DHCP6_HAS_SERVERID | IPCFG_DHCP6_HAS_CLIENTID | IPCFG_DHCP6_HAS_PREFERENCE |
                    IPCFG_DHCP6_HAS_STATUS | IPCFG_DHCP6_HAS_IA_NA | IPCFG_DHCP6_HAS_DNS | IPCFG_DHCP6_HAS_DOMAINS |
                    IPCFG_DHCP6_HAS_SOL_MAX_RT | IPCFG_DHCP6_HAS_INF_MAX_RT | IPCFG_DHCP6_HAS_INFO_REFRESH;
    assert_int_equal(m.has, want);
}

static void header_only_and_unknown_options(void **st)
{
    static const uint8_t hdr[] = {IPCFG_DHCP6_ADVERTISE, 1, 2, 3};
    static const uint8_t unknown[] = {IPCFG_DHCP6_REPLY, 0, 0, 1, 0x12, 0x34, 0, 3, 'a', 'b', 'c', 0, 99, 0, 0};
    ipcfg_dhcp6_msg m;
    (void)st;
    assert_int_equal(ipcfg_dhcp6_msg_parse(hdr, sizeof(hdr), &m, NULL), 0);
    assert_int_equal(m.xid, 0x010203);
    assert_int_equal(m.has, 0);
    /* §16: unknown options skipped, not the message */
    assert_int_equal(ipcfg_dhcp6_msg_parse(unknown, sizeof(unknown), &m, NULL), 0);
}

/* A raw message of type REPLY with xid 1 and the given options. */
static size_t raw(const uint8_t *opts, size_t n)
{
    B[0] = IPCFG_DHCP6_REPLY;
    B[1] = B[2] = 0;
    B[3] = 1;
    memcpy(B + 4, opts, n);
    return 4 + n;
}

static void rejects(const uint8_t *buf, size_t n, const char *want)
{
    static ipcfg_dhcp6_msg zero;
    ipcfg_dhcp6_msg m;
    const char *why = NULL;
    memset(&m, 0xa5, sizeof(m));
    assert_int_equal(ipcfg_dhcp6_msg_parse(buf, n, &m, &why), -1);
    assert_non_null(why);
    if (strstr(why, want) == NULL)
        fail_msg("reason \"%s\", wanted \"%s\"", why, want);
    assert_memory_equal(&m, &zero, sizeof(m)); /* nothing half-read escapes */
    assert_null(strchr(why, '\n'));
}

static void malformed_rejected(void **st)
{
    (void)st;
    static const uint8_t t3[] = {7, 0, 0};
    rejects(t3, 3, "shorter than its 4-octet header");
    rejects(t3, 0, "shorter than its 4-octet header");
    static const uint8_t relay[] = {IPCFG_DHCP6_RELAY_REPL, 0, 0, 0};
    rejects(relay, 4, "relay agent message");
    static const uint8_t unk0[] = {0, 0, 0, 0}, unk20[] = {20, 0, 0, 0};
    rejects(unk0, 4, "unknown message type");
    rejects(unk20, 4, "unknown message type");
    rejects(B, IPCFG_DHCP6_MSG_MAX + 1, "too long");

    static const uint8_t trunc[] = {0, 1, 0};
    rejects(B, raw(trunc, sizeof(trunc)), "truncated option header");
    static const uint8_t past[] = {0, 1, 0, 20, 1, 2, 3};
    rejects(B, raw(past, sizeof(past)), "past the end");
    static const uint8_t duid_short[] = {0, 1, 0, 2, 0, 1};
    rejects(B, raw(duid_short, sizeof(duid_short)), "client identifier (option 1) of a bad length");
    uint8_t duid_long[4 + 131] = {0, 2, 0, 131};
    rejects(B, raw(duid_long, sizeof(duid_long)), "server identifier (option 2) of a bad length");
    static const uint8_t two_cid[] = {0, 1, 0, 3, 0, 4, 1, 0, 1, 0, 3, 0, 4, 1};
    rejects(B, raw(two_cid, sizeof(two_cid)), "client identifier (option 1) repeated");
    static const uint8_t pref2[] = {0, 7, 0, 2, 1, 1};
    rejects(B, raw(pref2, sizeof(pref2)), "preference (option 7) of a wrong length");
    static const uint8_t el1[] = {0, 8, 0, 1, 1};
    rejects(B, raw(el1, sizeof(el1)), "elapsed time (option 8) of a wrong length");
    static const uint8_t rc1[] = {0, 14, 0, 1, 1};
    rejects(B, raw(rc1, sizeof(rc1)), "rapid commit (option 14) of a wrong length");
    static const uint8_t irt3[] = {0, 32, 0, 3, 1, 2, 3};
    rejects(B, raw(irt3, sizeof(irt3)), "information refresh time (option 32) of a wrong length");
    static const uint8_t sol5[] = {0, 82, 0, 5, 1, 2, 3, 4, 5};
    rejects(B, raw(sol5, sizeof(sol5)), "SOL_MAX_RT (option 82) of a wrong length");
    static const uint8_t inf2[] = {0, 83, 0, 2, 1, 2};
    rejects(B, raw(inf2, sizeof(inf2)), "INF_MAX_RT (option 83) of a wrong length");
    static const uint8_t oro3[] = {0, 6, 0, 3, 0, 23, 0};
    rejects(B, raw(oro3, sizeof(oro3)), "odd length");
    static const uint8_t st1[] = {0, 13, 0, 1, 0};
    rejects(B, raw(st1, sizeof(st1)), "status code (option 13) shorter than 2 octets");
    static const uint8_t two_st[] = {0, 13, 0, 2, 0, 0, 0, 13, 0, 2, 0, 1};
    rejects(B, raw(two_st, sizeof(two_st)), "status code (option 13) repeated");
    static const uint8_t two_dns[] = {0, 23, 0, 0, 0, 23, 0, 0};
    rejects(B, raw(two_dns, sizeof(two_dns)), "DNS servers (option 23) repeated");
    static const uint8_t bad_then_dns[] = {0, 23, 0, 1, 9, 0, 23, 0, 0};
    rejects(B, raw(bad_then_dns, sizeof(bad_then_dns)), "DNS servers (option 23) repeated");
}

static void malformed_containers(void **st)
{
    (void)st;
    static const uint8_t ia11[] = {0, 3, 0, 11, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0};
    rejects(B, raw(ia11, sizeof(ia11)), "IA_NA (option 3) shorter than 12 octets");
    static const uint8_t two_ia[] = {0, 3, 0, 12, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0,
                                     0, 3, 0, 12, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0};
    rejects(B, raw(two_ia, sizeof(two_ia)), "two IA_NA options with one IAID");
    /* inside the IA_NA: an IA Address of 23 octets, one past its end, a
     * truncated header, two statuses */
    uint8_t ia[4 + 12 + 4 + 24 + 4 + 24] = {0, 3, 0, 12 + 4 + 23};
    ia[16] = 0, ia[17] = 5, ia[18] = 0, ia[19] = 23;
    rejects(B, raw(ia, 4 + 12 + 4 + 23), "IA address (option 5) shorter than 24 octets");
    ia[3] = 12 + 4 + 24;
    ia[19] = 25;
    rejects(B, raw(ia, 4 + 12 + 4 + 24 + 1), "past the end");
    uint8_t tr[4 + 12 + 3] = {0, 3, 0, 15};
    tr[16] = 0, tr[17] = 13;
    rejects(B, raw(tr, sizeof(tr)), "truncated option header");
    uint8_t twice[4 + 12 + 6 + 6] = {0, 3, 0, 24};
    twice[16] = 0, twice[17] = 13, twice[18] = 0, twice[19] = 2;
    twice[22] = 0, twice[23] = 13, twice[24] = 0, twice[25] = 2;
    rejects(B, raw(twice, sizeof(twice)), "status code (option 13) repeated");
    /* the same address twice in one IA_NA */
    tsrv6 s;
    tsrv6_default(&s, IPCFG_DHCP6_REPLY, 1);
    s.n_addrs = 2;
    s.addrs[1] = s.addrs[0];
    rejects(B, build(&s), "one address twice in an IA_NA");
    /* an IA Address's own status, cut short */
    uint8_t ast[4 + 12 + 4 + 24 + 4 + 1] = {0, 3, 0, 12 + 4 + 24 + 5};
    ast[17] = 5, ast[19] = 24 + 5;
    ast[4 + 12 + 4 + 24 + 1] = 13;
    ast[4 + 12 + 4 + 24 + 3] = 1;
    rejects(B, raw(ast, sizeof(ast)), "status code (option 13) shorter than 2 octets");
}

static void dns_option(void **st)
{
    ipcfg_dhcp6_msg m;
    tsrv6 s;
    (void)st;
    /* 255 servers: the first 8 kept, all counted */
    tsrv6_default(&s, IPCFG_DHCP6_REPLY, 1);
    s.n_dns = 255;
    assert_int_equal(ipcfg_dhcp6_msg_parse(B, build(&s), &m, NULL), 0);
    assert_int_equal(m.n_dns, IPCFG_DHCP6_MAX_DNS);
    assert_int_equal(m.n_dns_seen, 255);
    assert_int_equal(m.dns[7][15], 0x53 + 7);
    /* RFC 3646 §3: not a multiple of 16: the option dropped, not the message */
    for (int extra = 1; extra < 16; extra += 7) {
        tsrv6_default(&s, IPCFG_DHCP6_REPLY, 1);
        s.dns_extra = extra;
        assert_int_equal(ipcfg_dhcp6_msg_parse(B, build(&s), &m, NULL), 0);
        assert_int_equal(m.n_dns, 0);
        assert_true(m.has & IPCFG_DHCP6_HAS_BAD_DNS);
        assert_false(m.has & IPCFG_DHCP6_HAS_DNS);
        assert_non_null(strstr(m.note, "multiple of 16"));
        assert_int_equal(m.n_ia, 1); /* the rest is there */
    }
    /* a server named twice is kept once */
    tsrv6_default(&s, IPCFG_DHCP6_REPLY, 1);
    s.n_dns = 0;
    s.dns_extra = 48;
    assert_int_equal(ipcfg_dhcp6_msg_parse(B, build(&s), &m, NULL), 0);
    assert_int_equal(m.n_dns_seen, 3);
    assert_int_equal(m.n_dns, 1); /* three times 0x55... */
    /* an empty list is a list */
    static const uint8_t empty[] = {0, 23, 0, 0};
    assert_int_equal(ipcfg_dhcp6_msg_parse(B, raw(empty, sizeof(empty)), &m, NULL), 0);
    assert_true(m.has & IPCFG_DHCP6_HAS_DNS);
}

static void domain_option(void **st)
{
    ipcfg_dhcp6_msg m;
    tsrv6 s;
    (void)st;
    tsrv6_default(&s, IPCFG_DHCP6_REPLY, 1);
    const char *names[] = {"good.example", "x$(reboot)", "b c.com", "-x.com", "good.example", "two.example"};
    for (unsigned i = 0; i < 6; i++)
        s.domains[i] = names[i];
    s.n_domains = 6;
    assert_int_equal(ipcfg_dhcp6_msg_parse(B, build(&s), &m, NULL), 0);
    /* invalid names dropped with one note, repeats once, the rest kept */
    assert_int_equal(m.n_domains, 2);
    assert_string_equal(m.domains[0], "good.example");
    assert_string_equal(m.domains[1], "two.example");
    assert_non_null(strstr(m.note, "not a valid domain name"));
    /* more than 8 names: the first 8 */
    const char *many[8] = {"a1.x", "a2.x", "a3.x", "a4.x", "a5.x", "a6.x", "a7.x", "a8.x"};
    uint8_t v[256];
    size_t n = tsrv6_names(many, 8, v, sizeof(v));
    n += tsrv6_names(many, 1, v + n, sizeof(v) - n);
    v[n - 4] = '9'; /* a9.x */
    uint8_t opt[300] = {0, 24, 0, (uint8_t)n};
    memcpy(opt + 4, v, n);
    assert_int_equal(ipcfg_dhcp6_msg_parse(B, raw(opt, 4 + n), &m, NULL), 0);
    assert_int_equal(m.n_domains, 8);
    assert_non_null(strstr(m.note, "past the eighth"));
    /* §10: no compression; a label past the option's end; the root alone */
    static const uint8_t ptr[] = {0, 24, 0, 4, 1, 'a', 0xc0, 0};
    rejects(B, raw(ptr, sizeof(ptr)), "domain search list (option 24) badly encoded");
    static const uint8_t cut[] = {0, 24, 0, 3, 5, 'a', 'b'};
    rejects(B, raw(cut, sizeof(cut)), "domain search list (option 24) badly encoded");
    static const uint8_t noend[] = {0, 24, 0, 2, 1, 'a'};
    rejects(B, raw(noend, sizeof(noend)), "domain search list (option 24) badly encoded");
    static const uint8_t root[] = {0, 24, 0, 1, 0};
    assert_int_equal(ipcfg_dhcp6_msg_parse(B, raw(root, sizeof(root)), &m, NULL), 0);
    assert_int_equal(m.n_domains, 0);
    assert_non_null(strstr(m.note, "not a valid domain name"));
}

static void ia_limits(void **st)
{
    ipcfg_dhcp6_msg m;
    (void)st;
    /* 6 IA_NAs of 10 addresses each: 4 and 8 kept, all checked */
    size_t at = ipcfg_dhcp6_build_begin(B, sizeof(B), IPCFG_DHCP6_REPLY, 1);
    for (uint32_t i = 0; i < 6; i++) {
        size_t mark;
        uint8_t head[12] = {0}, a[24] = {0};
        ipcfg_dhcp6_put32(head, 100 + i);
        at = ipcfg_dhcp6_build_open(B, sizeof(B), at, IPCFG_DHCP6_OPT_IA_NA, &mark);
        memcpy(B + at, head, 12);
        at += 12;
        for (uint8_t k = 0; k < 10; k++) {
            memcpy(a, T6_ADDR, 16);
            a[15] = k;
            at = ipcfg_dhcp6_build_opt(B, sizeof(B), at, IPCFG_DHCP6_OPT_IAADDR, a, 24);
        }
        at = ipcfg_dhcp6_build_close(B, at, mark);
    }
    assert_true(at > 0);
    assert_int_equal(ipcfg_dhcp6_msg_parse(B, at, &m, NULL), 0);
    assert_int_equal(m.n_ia, IPCFG_DHCP6_MAX_IA);
    assert_int_equal(m.ia[3].iaid, 103);
    assert_int_equal(m.ia[0].n_addrs, IPCFG_DHCP6_MAX_ADDRS);
    assert_int_equal(m.ia[0].n_addrs_seen, 10);
    /* the fifth, not kept, is still checked whole */
    assert_int_equal(ipcfg_dhcp6_msg_parse(B, at - 1, &m, NULL), -1);
}

static void status_text_for_a_log(void **st)
{
    ipcfg_dhcp6_msg m;
    tsrv6 s;
    char buf[16];
    (void)st;
    tsrv6_default(&s, IPCFG_DHCP6_REPLY, 1);
    s.has_status = 1;
    s.status = 2;
    s.status_text = "bad\nline\x7f\xc3\xa9";
    assert_int_equal(ipcfg_dhcp6_msg_parse(B, build(&s), &m, NULL), 0);
    assert_string_equal(m.status.text, "bad?line???");
    assert_string_equal(ipcfg_dhcp6_status_name(2, buf, sizeof(buf)), "NoAddrsAvail");
    assert_string_equal(ipcfg_dhcp6_status_name(6, buf, sizeof(buf)), "NoPrefixAvail");
    assert_string_equal(ipcfg_dhcp6_status_name(77, buf, sizeof(buf)), "status 77");
}

static void building_limits(void **st)
{
    uint8_t b[16];
    size_t mark;
    (void)st;
    assert_int_equal(ipcfg_dhcp6_build_begin(b, 3, 1, 0), 0);
    assert_int_equal(ipcfg_dhcp6_build_begin(b, sizeof(b), 1, 0x1234567), 4);
    assert_int_equal(b[1], 0x23); /* 24 bits only */
    assert_int_equal(ipcfg_dhcp6_build_opt(b, sizeof(b), 4, 1, "12345678", 9), 0);
    assert_int_equal(ipcfg_dhcp6_build_opt(b, sizeof(b), 4, 1, "12345678", 8), 16);
    assert_int_equal(ipcfg_dhcp6_build_opt(b, sizeof(b), 0, 1, "", 0), 0);
    assert_int_equal(ipcfg_dhcp6_build_open(b, sizeof(b), 4, 3, &mark), 8);
    assert_int_equal(ipcfg_dhcp6_build_close(b, 12, mark), 12);
    assert_int_equal(b[7], 4);
    assert_int_equal(ipcfg_dhcp6_build_close(b, 0, mark), 0);
}

static void address_checks(void **st)
{
    static const uint8_t ll[16] = {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    static const uint8_t ula[16] = {0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    static const uint8_t one[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    static const uint8_t mc[16] = {0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2};
    static const uint8_t mapped[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4};
    (void)st;
    assert_true(ipcfg_dhcp6_addr_usable(T6_ADDR));
    assert_true(ipcfg_dhcp6_addr_usable(ula));
    assert_false(ipcfg_dhcp6_addr_usable(ll));
    assert_false(ipcfg_dhcp6_addr_usable(one));
    assert_false(ipcfg_dhcp6_addr_usable(mc));
    assert_false(ipcfg_dhcp6_addr_usable(mapped));
    assert_true(ipcfg_dhcp6_dns_usable(ll));
    assert_true(ipcfg_dhcp6_dns_usable(T6_DNS));
    assert_false(ipcfg_dhcp6_dns_usable(one));
    assert_false(ipcfg_dhcp6_dns_usable(mc));
    assert_false(ipcfg_dhcp6_dns_usable(mapped));
    assert_memory_equal(ipcfg_dhcp6_all_servers, mc, 16);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reply_round_trip),
        cmocka_unit_test(header_only_and_unknown_options),
        cmocka_unit_test(malformed_rejected),
        cmocka_unit_test(malformed_containers),
        cmocka_unit_test(dns_option),
        cmocka_unit_test(domain_option),
        cmocka_unit_test(ia_limits),
        cmocka_unit_test(status_text_for_a_log),
        cmocka_unit_test(building_limits),
        cmocka_unit_test(address_checks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
