/* The DHCPv6 lease file: its exact layout, round trips of every state,
 * every prefix of a valid file rejected (a torn write), and each corrupt
 * file rejected whole with a one-line reason.
 * SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "dhcp6_lease.h"
#include "dhcp6_testutil.h"

static void mk(ipcfg_dhcp6_lease *l)
{
    t6_lease(l, 1764370000, 3600, 7200);
    l->iaid = 351866565;
    strcpy(l->domains[0], "example.com");
    l->n_domains = 1;
}

static const char LAYOUT[] = "ipcfg-lease6 1\n"
                             "interface eth0\n"
                             "state bound\n"
                             "iaid 351866565\n"
                             "client-duid 0001000130c30b5002005e102030\n"
                             "server-duid 00030001020000000001\n"
                             "server-address fe80::1\n"
                             "address 2001:db8::10 3600 7200\n"
                             "t1 1800\n"
                             "t2 2880\n"
                             "dns 2001:db8::53\n"
                             "domain example.com\n"
                             "obtained 1764370000\n"
                             "expires 1764377200\n"
                             "end\n";

static void round_trip(const ipcfg_dhcp6_lease *l)
{
    char buf[8192];
    ipcfg_dhcp6_lease back;
    char why[160];
    size_t n = ipcfg_dhcp6_lease_format(l, buf, sizeof(buf));
    assert_true(n > 0);
    assert_int_equal(strlen(buf), n);
    if (ipcfg_dhcp6_lease_parse(buf, n, &back, why, sizeof(why)) != 0)
        fail_msg("%s\n%s", why, buf);
    assert_memory_equal(&back, l, sizeof(back));
    /* a torn write: no prefix of the file is ever accepted */
    for (size_t k = 0; k < n; k++)
        assert_int_equal(ipcfg_dhcp6_lease_parse(buf, k, &back, NULL, 0), -1);
}

static void exact_layout(void **st)
{
    ipcfg_dhcp6_lease l;
    char buf[4096];
    (void)st;
    mk(&l);
    assert_int_equal(ipcfg_dhcp6_lease_format(&l, buf, sizeof(buf)), strlen(LAYOUT));
    assert_string_equal(buf, LAYOUT);
    /* too small a buffer: 0 and "" */
    assert_int_equal(ipcfg_dhcp6_lease_format(&l, buf, 40), 0);
    assert_string_equal(buf, "");
}

static void round_trips(void **st)
{
    ipcfg_dhcp6_lease l;
    (void)st;
    mk(&l);
    round_trip(&l);
    /* the most of everything */
    for (unsigned i = 0; i < IPCFG_DHCP6_MAX_ADDRS; i++) {
        l.addrs[i] = l.addrs[0];
        l.addrs[i].addr[14] = (uint8_t)i;
        l.addrs[i].preferred = i;
        l.addrs[i].valid = 100 + i;
    }
    l.n_addrs = IPCFG_DHCP6_MAX_ADDRS;
    l.addrs[3].preferred = l.addrs[3].valid = IPCFG_DHCP6_INFINITE;
    l.t1 = l.t2 = IPCFG_DHCP6_INFINITE;
    for (unsigned i = 0; i < IPCFG_DHCP6_MAX_DNS; i++) {
        memcpy(l.dns[i], T6_DNS, 16);
        l.dns[i][15] = (uint8_t)i;
    }
    l.n_dns = IPCFG_DHCP6_MAX_DNS;
    for (unsigned i = 0; i < IPCFG_DHCP6_MAX_DOMAINS; i++) {
        /* the longest name, 253 octets: labels of 63, 63, 63 and 61 */
        memset(l.domains[i], 'a', 253);
        l.domains[i][63] = l.domains[i][127] = l.domains[i][191] = '.';
        l.domains[i][253] = '\0';
        l.domains[i][0] = (char)('a' + i);
    }
    l.n_domains = IPCFG_DHCP6_MAX_DOMAINS;
    l.client_duid_len = l.server_duid_len = IPCFG_DHCP6_DUID_MAX;
    round_trip(&l);
    /* stateless: no IA, a refresh time, the server perhaps unknown */
    mk(&l);
    l.state = IPCFG_DHCP6_LEASE_STATELESS;
    memset(l.addrs, 0, sizeof(l.addrs));
    l.n_addrs = 0;
    l.t1 = l.t2 = 0;
    l.refresh = 86400;
    round_trip(&l);
    memset(l.server_duid, 0, sizeof(l.server_duid));
    l.server_duid_len = 0;
    memset(l.server_addr, 0, sizeof(l.server_addr));
    l.has_server_addr = 0;
    l.refresh = IPCFG_DHCP6_INFINITE;
    round_trip(&l);
    /* released: only what identifies the interface */
    ipcfg_dhcp6_lease r;
    memset(&r, 0, sizeof(r));
    r.state = IPCFG_DHCP6_LEASE_RELEASED;
    strcpy(r.ifname, "wlan0");
    r.iaid = 7;
    memcpy(r.client_duid, T6_DUID, sizeof(T6_DUID));
    r.client_duid_len = sizeof(T6_DUID);
    round_trip(&r);
}

static void format_refuses_what_parse_would(void **st)
{
    ipcfg_dhcp6_lease l;
    char buf[4096];
    (void)st;
    mk(&l);
    l.addrs[0].preferred = 7201; /* §21.6 */
    assert_int_equal(ipcfg_dhcp6_lease_format(&l, buf, sizeof(buf)), 0);
    mk(&l);
    strcpy(l.ifname, "a b");
    assert_int_equal(ipcfg_dhcp6_lease_format(&l, buf, sizeof(buf)), 0);
    mk(&l);
    strcpy(l.domains[0], "x$(id)");
    assert_int_equal(ipcfg_dhcp6_lease_format(&l, buf, sizeof(buf)), 0);
    mk(&l);
    l.t1 = 3000;
    assert_int_equal(ipcfg_dhcp6_lease_format(&l, buf, sizeof(buf)), 0);
    mk(&l);
    l.n_addrs = 0;
    assert_int_equal(ipcfg_dhcp6_lease_format(&l, buf, sizeof(buf)), 0);
    mk(&l);
    l.state = 9;
    assert_int_equal(ipcfg_dhcp6_lease_format(&l, buf, sizeof(buf)), 0);
}

/* LAYOUT with line `from` replaced by `to` ("" removes it). */
static void rejected(const char *from, const char *to, const char *want)
{
    static ipcfg_dhcp6_lease zero;
    char text[4096], why[160];
    ipcfg_dhcp6_lease l;
    const char *at = strstr(LAYOUT, from);
    assert_non_null(at);
    size_t pre = (size_t)(at - LAYOUT);
    snprintf(text, sizeof(text), "%.*s%s%s", (int)pre, LAYOUT, to, at + strlen(from));
    memset(&l, 0x5a, sizeof(l));
    why[0] = '\0';
    assert_int_equal(ipcfg_dhcp6_lease_parse(text, strlen(text), &l, why, sizeof(why)), -1);
    if (strstr(why, want) == NULL)
        fail_msg("\"%s\" -> \"%s\": reason \"%s\", wanted \"%s\"", from, to, why, want);
    assert_null(strchr(why, '\n'));
    assert_memory_equal(&l, &zero, sizeof(l));
}

static void corrupt_files(void **st)
{
    (void)st;
    rejected("ipcfg-lease6 1\n", "ipcfg-lease6 2\n", "line 1: unsupported file version");
    rejected("ipcfg-lease6 1\n", "ipcfg-lease 1\n", "line 1: not an ipcfg file");
    rejected("ipcfg-lease6 1\n", "ipcfg-lease6 01\n", "unsupported file version");
    rejected("interface eth0\n", "interface eth0\r\n", "line 2: control byte");
    rejected("interface eth0\n", "interface e/th0\n", "line 2: bad value");
    rejected("interface eth0\n", "", "interface, state, iaid or client-duid missing");
    rejected("state bound\n", "state bund\n", "line 3: bad value");
    rejected("iaid 351866565\n", "iaid 4294967296\n", "line 4: bad value");
    rejected("iaid 351866565\n", "iaid -1\n", "line 4: bad value");
    rejected("client-duid 0001000130c30b5002005e102030\n", "client-duid 0001000130C30B5002005E102030\n",
             "line 5: bad value");
    rejected("client-duid 0001000130c30b5002005e102030\n", "client-duid 000\n", "line 5: bad value");
    rejected("server-duid 00030001020000000001\n", "", "a key this state needs is missing");
    rejected("server-address fe80::1\n", "server-address FE80::1\n", "line 7: bad value");
    rejected("server-address fe80::1\n", "server-address ff02::1\n", "line 7: bad value");
    rejected("address 2001:db8::10 3600 7200\n", "address 2001:db8:0::10 3600 7200\n", "line 8: bad value");
    rejected("address 2001:db8::10 3600 7200\n", "address 2001:db8::10 7201 7200\n", "line 8: bad value");
    rejected("address 2001:db8::10 3600 7200\n", "address 2001:db8::10 0 0\n", "line 8: bad value");
    rejected("address 2001:db8::10 3600 7200\n", "address fe80::10 3600 7200\n", "line 8: bad value");
    rejected("address 2001:db8::10 3600 7200\n", "address 2001:db8::10 3600\n", "line 8: bad value");
    rejected("address 2001:db8::10 3600 7200\n", "address 2001:db8::10 3600 7200 1\n", "line 8: bad value");
    rejected("address 2001:db8::10 3600 7200\n", "address 2001:db8::10 3600 7200\naddress 2001:db8::10 1 2\n",
             "line 9: address repeated");
    rejected("address 2001:db8::10 3600 7200\n", "", "a key this state needs is missing");
    rejected("t1 1800\n", "t1 3000\n", "t1 after t2");
    rejected("t1 1800\n", "t1 1800\nt1 1800\n", "line 10: key repeated");
    rejected("t2 2880\n", "t2 infinit\n", "line 10: bad value");
    rejected("dns 2001:db8::53\n", "dns ::1\n", "line 11: bad value");
    rejected("dns 2001:db8::53\n", "dns 2001:db8::53\ndns 2001:db8::53\n", "line 12: DNS server repeated");
    rejected("domain example.com\n", "domain x$(id).com\n", "line 12: bad value");
    rejected("domain example.com\n", "domain example.com\ndomain example.com\n", "line 13: domain repeated");
    rejected("obtained 1764370000\n", "obtained 1764370001\n", "expires does not match");
    rejected("obtained 1764370000\n", "obtained 253402300800\n", "line 13: bad value");
    rejected("expires 1764377200\n", "expires never\n", "expires does not match");
    rejected("expires 1764377200\n", "", "a key this state needs is missing");
    rejected("t2 2880\n", "t2 2880\nrefresh 600\n", "a key this state does not have");
    rejected("t2 2880\n", "t2 2880\nlease 1\n", "line 11: unknown key");
    rejected("t2 2880\n", "t2 2880\nnokey\n", "line 11: not a \"key value\" line");
    rejected("t2 2880\n", "t2 2880\nt3 \n", "line 11: not a \"key value\" line");
    rejected("end\n", "end\nx\n", "data after end");
    rejected("end\n", "", "truncated (no end line)");
    rejected("end\n", "end", "truncated (no final newline)");
    rejected("state bound\n", "state released\n", "a key this state does not have");
    rejected("state bound\n", "state stateless\n", "a key this state does not have");
    char longline[700];
    memset(longline, 'a', sizeof(longline));
    memcpy(longline, "domain ", 7);
    longline[sizeof(longline) - 2] = '\n';
    longline[sizeof(longline) - 1] = '\0';
    rejected("domain example.com\n", longline, "line 12: line too long");
}

static void envelope_rejects(void **st)
{
    ipcfg_dhcp6_lease l;
    char why[160];
    (void)st;
    assert_int_equal(ipcfg_dhcp6_lease_parse("", 0, &l, why, sizeof(why)), -1);
    assert_string_equal(why, "empty file");
    assert_int_equal(ipcfg_dhcp6_lease_parse("ipcfg-lease6 1\n\0end\n", 20, &l, why, sizeof(why)), -1);
    assert_string_equal(why, "NUL byte in the file");
    assert_int_equal(ipcfg_dhcp6_lease_parse("ipcfg-lease6 1\nend\n", 19, &l, why, sizeof(why)), -1);
    assert_string_equal(why, "interface, state, iaid or client-duid missing");
    /* a why too small is cut, not overrun */
    char small[8];
    assert_int_equal(ipcfg_dhcp6_lease_parse("x", 1, &l, small, sizeof(small)), -1);
    assert_int_equal(strlen(small), 7);
}

static void expiry(void **st)
{
    ipcfg_dhcp6_lease l;
    (void)st;
    mk(&l);
    l.addrs[1] = l.addrs[0];
    l.addrs[1].valid = 9000;
    l.n_addrs = 2;
    assert_int_equal(ipcfg_dhcp6_lease_expires(&l), 1764370000 + 9000); /* the last address's end */
    assert_int_equal(ipcfg_dhcp6_lease_at(&l, 10), 1764370010);
    assert_int_equal(ipcfg_dhcp6_lease_at(&l, IPCFG_DHCP6_INFINITE), INT64_MAX);
    l.addrs[0].valid = IPCFG_DHCP6_INFINITE;
    assert_int_equal(ipcfg_dhcp6_lease_expires(&l), INT64_MAX);
    l.state = IPCFG_DHCP6_LEASE_STATELESS;
    l.refresh = 600;
    assert_int_equal(ipcfg_dhcp6_lease_expires(&l), 1764370600);
    l.state = IPCFG_DHCP6_LEASE_RELEASED;
    assert_int_equal(ipcfg_dhcp6_lease_expires(&l), INT64_MIN);
    assert_true(ipcfg_dhcp6_lease_ifname_ok("enp0s31f6"));
    assert_false(ipcfg_dhcp6_lease_ifname_ok(""));
    assert_false(ipcfg_dhcp6_lease_ifname_ok("a\tb"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exact_layout),
        cmocka_unit_test(round_trips),
        cmocka_unit_test(format_refuses_what_parse_would),
        cmocka_unit_test(corrupt_files),
        cmocka_unit_test(envelope_rejects),
        cmocka_unit_test(expiry),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
