/* The lease record's text form: round trips, the exact layout, and a
 * strict parser against truncated and corrupt files.
 * SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "dhcp_client.h"

static void sample(ipcfg_dhcp_lease *l)
{
    static const uint8_t mac[6] = {0x02, 0x00, 0x5e, 0x10, 0x20, 0x30};
    memset(l, 0, sizeof *l);
    l->state = IPCFG_DHCP_LEASE_BOUND;
    strcpy(l->ifname, "eth0");
    memcpy(l->hwaddr, mac, 6);
    l->hwaddr_len = 6;
    l->client_id[0] = 1;
    memcpy(l->client_id + 1, mac, 6);
    l->client_id_len = 7;
    memcpy(l->address, ((const uint8_t[]){192, 0, 2, 10}), 4);
    l->prefix_len = 24;
    memcpy(l->server_id, ((const uint8_t[]){192, 0, 2, 1}), 4);
    memcpy(l->routers[0], ((const uint8_t[]){192, 0, 2, 254}), 4);
    memcpy(l->routers[1], ((const uint8_t[]){192, 0, 2, 253}), 4);
    l->n_routers = 2;
    memcpy(l->routes[0].dest, ((const uint8_t[]){198, 51, 100, 0}), 4);
    l->routes[0].prefix_len = 24;
    memcpy(l->routes[0].gateway, ((const uint8_t[]){192, 0, 2, 254}), 4);
    l->routes[1].prefix_len = 0;
    l->n_routes = 2; /* second: 0.0.0.0/0 on-link */
    memcpy(l->dns[0], ((const uint8_t[]){192, 0, 2, 53}), 4);
    l->n_dns = 1;
    strcpy(l->domain, "example.com");
    l->lease_time = 3600;
    l->t1 = 1800;
    l->t2 = 3150;
    l->obtained = 1764370000;
}

static const char SAMPLE_TEXT[] = "ipcfg-lease 1\n"
                                  "interface eth0\n"
                                  "state bound\n"
                                  "hwaddr 02:00:5e:10:20:30\n"
                                  "client-id 0102005e102030\n"
                                  "address 192.0.2.10/24\n"
                                  "server 192.0.2.1\n"
                                  "router 192.0.2.254\n"
                                  "router 192.0.2.253\n"
                                  "route 198.51.100.0/24 192.0.2.254\n"
                                  "route 0.0.0.0/0 0.0.0.0\n"
                                  "dns 192.0.2.53\n"
                                  "domain example.com\n"
                                  "lease-time 3600\n"
                                  "t1 1800\n"
                                  "t2 3150\n"
                                  "obtained 1764370000\n"
                                  "expires 1764373600\n"
                                  "end\n";

static int parse(const char *s, ipcfg_dhcp_lease *l, char *why, size_t wl)
{
    return ipcfg_dhcp_lease_parse(s, strlen(s), l, why, wl);
}

static void format_exact_and_roundtrip(void **st)
{
    ipcfg_dhcp_lease l, back;
    char buf[4096], why[128];
    size_t n;

    (void)st;
    sample(&l);
    n = ipcfg_dhcp_lease_format(&l, buf, sizeof buf);
    assert_int_equal(n, strlen(SAMPLE_TEXT));
    assert_string_equal(buf, SAMPLE_TEXT);
    memset(&back, 0x5a, sizeof back);
    assert_int_equal(ipcfg_dhcp_lease_parse(buf, n, &back, why, sizeof why), 0);
    assert_string_equal(why, "");
    assert_memory_equal(&back, &l, sizeof l);
    assert_int_equal(ipcfg_dhcp_lease_expires(&back), 1764373600);
}

static void released_and_infinite(void **st)
{
    ipcfg_dhcp_lease l, back;
    char buf[4096], why[128];
    size_t n;

    (void)st;
    memset(&l, 0, sizeof l);
    l.state = IPCFG_DHCP_LEASE_RELEASED;
    strcpy(l.ifname, "wlan0");
    l.hwaddr[0] = 0xaa;
    l.hwaddr_len = 1;
    n = ipcfg_dhcp_lease_format(&l, buf, sizeof buf);
    assert_string_equal(buf, "ipcfg-lease 1\ninterface wlan0\nstate released\nhwaddr aa\nend\n");
    assert_int_equal(ipcfg_dhcp_lease_parse(buf, n, &back, why, sizeof why), 0);
    assert_memory_equal(&back, &l, sizeof l);

    sample(&l);
    l.lease_time = l.t1 = l.t2 = IPCFG_DHCP_INFINITE;
    l.n_routes = 0;
    memset(l.routes, 0, sizeof l.routes);
    n = ipcfg_dhcp_lease_format(&l, buf, sizeof buf);
    assert_non_null(strstr(buf, "lease-time infinite\nt1 infinite\nt2 infinite\nobtained 1764370000\nexpires never\nend\n"));
    assert_int_equal(ipcfg_dhcp_lease_parse(buf, n, &back, why, sizeof why), 0);
    assert_memory_equal(&back, &l, sizeof l);
    assert_true(ipcfg_dhcp_lease_expires(&back) == INT64_MAX);

    /* /31 and /32 addresses are hosts */
    sample(&l);
    memcpy(l.address, ((const uint8_t[]){192, 0, 2, 0}), 4);
    l.prefix_len = 31;
    n = ipcfg_dhcp_lease_format(&l, buf, sizeof buf);
    assert_int_equal(ipcfg_dhcp_lease_parse(buf, n, &back, why, sizeof why), 0);
    assert_memory_equal(&back, &l, sizeof l);
}

static void format_cap(void **st)
{
    ipcfg_dhcp_lease l;
    char buf[4096];
    size_t need, cap;

    (void)st;
    sample(&l);
    need = ipcfg_dhcp_lease_format(&l, buf, sizeof buf);
    for (cap = 0; cap <= need; cap++) {
        memset(buf, 'x', sizeof buf);
        assert_int_equal(ipcfg_dhcp_lease_format(&l, buf, cap), 0);
        if (cap)
            assert_int_equal(buf[0], '\0');
    }
    assert_int_equal(ipcfg_dhcp_lease_format(&l, buf, need + 1), need);
}

/* An interface name the file cannot hold (a control byte, DEL, a blank,
 * '/', empty): the predicate says so and format writes nothing, so no file
 * is ever written that its own parser rejects.  Every name it accepts
 * round-trips. */
static void ifname_the_file_can_hold(void **st)
{
    static const char *const bad[] = {"rv\x01q", "\x1b[31m", "a\x7f", "a b", "a/b", "tab\t", ""};
    static const char *const good[] = {"eth0", "rv-q.1", "x$(id)", "caf\xc3\xa9", "a:b@c"};
    ipcfg_dhcp_lease l, back;
    char buf[4096], why[128];

    (void)st;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        sample(&l);
        strcpy(l.ifname, bad[i]);
        assert_false(ipcfg_dhcp_lease_ifname_ok(bad[i]));
        memset(buf, 'x', sizeof buf);
        assert_int_equal(ipcfg_dhcp_lease_format(&l, buf, sizeof buf), 0);
        assert_int_equal(buf[0], '\0');
    }
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        sample(&l);
        strcpy(l.ifname, good[i]);
        assert_true(ipcfg_dhcp_lease_ifname_ok(good[i]));
        assert_true(ipcfg_dhcp_lease_format(&l, buf, sizeof buf) > 0);
        assert_int_equal(parse(buf, &back, why, sizeof why), 0);
        assert_string_equal(back.ifname, good[i]);
    }
}

/* A torn write leaves a prefix of the file: no prefix but the whole file
 * is ever accepted. */
static void every_prefix_rejected(void **st)
{
    ipcfg_dhcp_lease l;
    char why[128];
    size_t n = strlen(SAMPLE_TEXT), k;

    (void)st;
    for (k = 0; k < n; k++) {
        why[0] = '\0';
        assert_int_equal(ipcfg_dhcp_lease_parse(SAMPLE_TEXT, k, &l, why, sizeof why), -1);
        assert_true(why[0] != '\0');
        assert_null(strchr(why, '\n'));
        assert_int_equal(l.state, 0); /* zeroed on failure */
    }
    assert_int_equal(ipcfg_dhcp_lease_parse(SAMPLE_TEXT, n, &l, why, sizeof why), 0);
}

/* Replaces the first occurrence of `from` in the sample text by `to` and
 * expects a rejection whose reason contains want. */
static void corrupt(const char *from, const char *to, const char *want)
{
    char buf[4096], why[128];
    const char *p = strstr(SAMPLE_TEXT, from);
    ipcfg_dhcp_lease l;
    size_t pre;

    assert_non_null(p);
    pre = (size_t)(p - SAMPLE_TEXT);
    memcpy(buf, SAMPLE_TEXT, pre);
    snprintf(buf + pre, sizeof buf - pre, "%s%s", to, p + strlen(from));
    print_message("%s -> %s\n", from, to);
    assert_int_equal(parse(buf, &l, why, sizeof why), -1);
    if (strstr(why, want) == NULL)
        fail_msg("reason \"%s\" lacks \"%s\"", why, want);
}

static void corrupt_files(void **st)
{
    (void)st;
    corrupt("ipcfg-lease 1\n", "ipcfg-lease 3\n", "version");
    corrupt("ipcfg-lease 1\n", "ipcfg-lease 0\n", "version");
    corrupt("ipcfg-lease 1\n", "ipcfg-lease 01\n", "version");
    corrupt("ipcfg-lease 1\n", "ipcfg-lease\n", "not an ipcfg lease");
    corrupt("ipcfg-lease 1\n", "", "not an ipcfg lease");
    corrupt("ipcfg-lease 1\n", "ipcfg-lease 1\nipcfg-lease 1\n", "line 2");
    corrupt("state bound\n", "", "missing");
    corrupt("interface eth0\n", "", "missing");
    corrupt("hwaddr 02:00:5e:10:20:30\n", "", "missing");
    corrupt("server 192.0.2.1\n", "", "bound record without");
    corrupt("expires 1764373600\n", "", "bound record without");
    corrupt("t1 1800\n", "", "bound record without");
    corrupt("server 192.0.2.1\n", "server 192.0.2.1\nserver 192.0.2.1\n", "repeated");
    corrupt("domain example.com\n", "domain example.com\ndomain example.org\n", "repeated");
    corrupt("domain example.com\n", "color blue\n", "unknown key");
    corrupt("domain example.com\n", "domain\n", "not a \"key value\"");
    corrupt("domain example.com\n", "domain \n", "empty value");
    corrupt("domain example.com\n", " domain x\n", "not a \"key value\"");
    corrupt("domain example.com\n", "domain a b\n", "bad value");
    corrupt("domain example.com\n", "domain a\tb\n", "control byte");
    corrupt("domain example.com\n", "domain example.com\r\n", "control byte");
    /* the domain is a DNS name (dns_name.h), as the engine and the resolver take it */
    corrupt("domain example.com\n", "domain x$(touch${IFS}/tmp/PWNED)\n", "bad value");
    corrupt("domain example.com\n", "domain a`id`\n", "bad value");
    corrupt("domain example.com\n", "domain a;b\n", "bad value");
    corrupt("domain example.com\n", "domain a|b\n", "bad value");
    corrupt("domain example.com\n", "domain a'b\n", "bad value");
    corrupt("domain example.com\n", "domain a\"b\n", "bad value");
    corrupt("domain example.com\n", "domain a%b\n", "bad value");
    corrupt("domain example.com\n", "domain a..b\n", "bad value");
    corrupt("domain example.com\n", "domain -a.b\n", "bad value");
    corrupt("end\n", "end\nx\n", "data after end");
    corrupt("end\n", "end", "truncated");
    corrupt("end\n", "", "no end");
    corrupt("end\n", "END\n", "not a \"key value\"");
    corrupt("state bound\n", "state gone\n", "bad value");
    corrupt("state bound\n", "state released\n", "released record carries");
    corrupt("hwaddr 02:00:5e:10:20:30\n", "hwaddr 02:00:5e:10:20:3\n", "bad value");
    corrupt("hwaddr 02:00:5e:10:20:30\n", "hwaddr 02-00-5e-10-20-30\n", "bad value");
    corrupt("hwaddr 02:00:5e:10:20:30\n", "hwaddr 02:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00\n", "bad value");
    corrupt("client-id 0102005e102030\n", "client-id 0102005e10203\n", "bad value");
    corrupt("client-id 0102005e102030\n", "client-id 01\n", "bad value");
    corrupt("client-id 0102005e102030\n", "client-id 01zz\n", "bad value");
    corrupt("address 192.0.2.10/24\n", "address 0.0.0.0/24\n", "bad value");
    corrupt("address 192.0.2.10/24\n", "address 192.0.2.0/24\n", "bad value");
    corrupt("address 192.0.2.10/24\n", "address 192.0.2.255/24\n", "bad value");
    corrupt("address 192.0.2.10/24\n", "address 127.0.0.1/8\n", "bad value");
    corrupt("address 192.0.2.10/24\n", "address 224.0.0.1/24\n", "bad value");
    corrupt("address 192.0.2.10/24\n", "address 192.0.2.10/33\n", "bad value");
    corrupt("address 192.0.2.10/24\n", "address 192.0.2.10/0\n", "bad value");
    corrupt("address 192.0.2.10/24\n", "address 192.0.2.10/024\n", "bad value");
    corrupt("address 192.0.2.10/24\n", "address 192.0.2.010/24\n", "bad value");
    corrupt("address 192.0.2.10/24\n", "address 192.0.2.10\n", "bad value");
    corrupt("address 192.0.2.10/24\n", "address 192.0.2.256/24\n", "bad value");
    corrupt("server 192.0.2.1\n", "server 255.255.255.255\n", "bad value");
    corrupt("server 192.0.2.1\n", "server 192.0.2.1 \n", "bad value");
    corrupt("router 192.0.2.254\n", "router 240.0.0.1\n", "bad value");
    corrupt("route 198.51.100.0/24 192.0.2.254\n", "route 198.51.100.1/24 192.0.2.254\n", "bad value");
    corrupt("route 198.51.100.0/24 192.0.2.254\n", "route 198.51.100.0/24\n", "bad value");
    corrupt("route 198.51.100.0/24 192.0.2.254\n", "route 198.51.100.0/24 127.0.0.1\n", "bad value");
    corrupt("dns 192.0.2.53\n", "dns 0.0.0.0\n", "bad value");
    corrupt("dns 192.0.2.53\n",
            "dns 1.1.1.1\ndns 1.1.1.1\ndns 1.1.1.1\ndns 1.1.1.1\ndns 1.1.1.1\ndns 1.1.1.1\ndns 1.1.1.1\ndns "
            "1.1.1.1\ndns 1.1.1.1\n",
            "too many DNS");
    corrupt("lease-time 3600\n", "lease-time 5\n", "out of order");
    corrupt("lease-time 3600\n", "lease-time 0\n", "out of order");
    corrupt("lease-time 3600\n", "lease-time -1\n", "bad value");
    corrupt("lease-time 3600\n", "lease-time 4294967295\n", "bad value");
    corrupt("lease-time 3600\n", "lease-time 99999999999999999999999\n", "bad value");
    corrupt("lease-time 3600\n", "lease-time infinite\n", "infinite lease needs");
    corrupt("t1 1800\n", "t1 3200\n", "out of order");
    corrupt("t2 3150\n", "t2 3601\n", "out of order");
    /* RFC 2131 §4.4.5: 0 < T1 < T2 < the lease time (the engine falls back
     * to the defaults otherwise; a T1 of 0 had a keeper renew without pause) */
    corrupt("t1 1800\n", "t1 0\n", "out of order");
    corrupt("t1 1800\n", "t1 3150\n", "out of order");
    corrupt("t2 3150\n", "t2 3600\n", "out of order");
    corrupt("expires 1764373600\n", "expires 1764373601\n", "does not match");
    corrupt("expires 1764373600\n", "expires never\n", "does not match");
    corrupt("obtained 1764370000\n", "obtained 1764370001\n", "does not match");
    corrupt("obtained 1764370000\n", "obtained 253402300800\n", "bad value");
    corrupt("interface eth0\n", "interface a/b\n", "bad value");
    corrupt("interface eth0\n", "interface 0123456789012345678901234567890123456789012345678901234567890123\n",
            "bad value");
    {
        char big[700];
        memset(big, 'a', sizeof big);
        memcpy(big, "domain ", 7);
        big[600] = '\n';
        big[601] = '\0';
        corrupt("domain example.com\n", big, "too long");
    }
}

/* The formatter never writes what the parser rejects: a lease whose domain
 * is no DNS name is not written at all. */
static void format_refuses_bad_domain(void **st)
{
    ipcfg_dhcp_lease l, back;
    char buf[4096], why[128], name[300];
    size_t n;

    (void)st;
    sample(&l);
    strcpy(l.domain, "x$(id)");
    assert_int_equal(ipcfg_dhcp_lease_format(&l, buf, sizeof buf), 0);
    strcpy(l.domain, "a..b");
    assert_int_equal(ipcfg_dhcp_lease_format(&l, buf, sizeof buf), 0);
    /* 253 bytes, the longest name: written and read back */
    memset(name, 'a', 253);
    for (int i = 63; i < 253; i += 64)
        name[i] = '.';
    name[253] = '\0';
    memcpy(l.domain, name, 254);
    n = ipcfg_dhcp_lease_format(&l, buf, sizeof buf);
    assert_true(n > 0);
    assert_int_equal(ipcfg_dhcp_lease_parse(buf, n, &back, why, sizeof why), 0);
    assert_string_equal(back.domain, name);
    name[253] = 'a';
    name[254] = '\0';
    memcpy(l.domain, name, 255);
    assert_int_equal(ipcfg_dhcp_lease_format(&l, buf, sizeof buf), 0);
}

static void nul_and_empty(void **st)
{
    char buf[4096], why[128];
    ipcfg_dhcp_lease l;
    size_t n = strlen(SAMPLE_TEXT);

    (void)st;
    memcpy(buf, SAMPLE_TEXT, n);
    buf[40] = '\0';
    assert_int_equal(ipcfg_dhcp_lease_parse(buf, n, &l, why, sizeof why), -1);
    assert_non_null(strstr(why, "NUL"));
    assert_int_equal(ipcfg_dhcp_lease_parse("", 0, &l, why, sizeof why), -1);
    assert_non_null(strstr(why, "empty"));
    assert_int_equal(ipcfg_dhcp_lease_parse("\n", 1, &l, why, sizeof why), -1);
    /* why may be NULL, or short: still one line, cut */
    assert_int_equal(ipcfg_dhcp_lease_parse("\n", 1, &l, NULL, 0), -1);
    assert_int_equal(ipcfg_dhcp_lease_parse("x\n", 2, &l, why, 5), -1);
    assert_int_equal(strlen(why), 4);
}

static void expires_saturates(void **st)
{
    ipcfg_dhcp_lease l;
    (void)st;
    memset(&l, 0, sizeof l);
    l.obtained = INT64_MAX - 5;
    l.lease_time = 100;
    assert_true(ipcfg_dhcp_lease_expires(&l) == INT64_MAX);
    l.obtained = 10;
    assert_true(ipcfg_dhcp_lease_expires(&l) == 110);
    l.lease_time = IPCFG_DHCP_INFINITE;
    assert_true(ipcfg_dhcp_lease_expires(&l) == INT64_MAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(format_exact_and_roundtrip),
        cmocka_unit_test(released_and_infinite),
        cmocka_unit_test(format_cap),
        cmocka_unit_test(ifname_the_file_can_hold),
        cmocka_unit_test(every_prefix_rejected),
        cmocka_unit_test(corrupt_files),
        cmocka_unit_test(format_refuses_bad_domain),
        cmocka_unit_test(nul_and_empty),
        cmocka_unit_test(expires_saturates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
