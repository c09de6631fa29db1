/* ipcfg — unit tests of the other DHCP clients' lease parsers
 * (peer_networkd.c, peer_dhclient.c, peer_dhcpcd.c) and of the decision
 * who runs an interface (peer_view.c), with valid, truncated and corrupt
 * input; and of the files read under IPCFG_PEER_ROOT (a temporary tree).
 * SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "peers/peer_lease.h"

static const uint8_t A5[4] = {10, 0, 0, 5};

/* Heap copies of exactly the bytes given (no NUL to lean on). */
static int nd(const char *s, int64_t mtime, ipcfg_lx_peer_lease *l)
{
    size_t n = strlen(s);
    char *m = malloc(n ? n : 1);
    assert_non_null(m);
    memcpy(m, s, n);
    int r = ipcfg_lx_peer_parse_networkd(m, n, mtime, l);
    free(m);
    return r;
}

typedef struct got {
    ipcfg_lx_peer_lease v[8];
    int n;
} got;

static void on_lease(void *ctx, const ipcfg_lx_peer_lease *l)
{
    got *g = ctx;
    assert_true(g->n < 8);
    g->v[g->n++] = *l;
}

static int dc(const char *s, const char *def, got *g)
{
    size_t n = strlen(s);
    char *m = malloc(n ? n : 1);
    assert_non_null(m);
    memcpy(m, s, n);
    memset(g, 0, sizeof *g);
    int r = ipcfg_lx_peer_parse_dhclient(m, n, def, on_lease, g);
    free(m);
    return r;
}

/* ---- helpers ---- */

static void test_ip4_and_domain(void **s)
{
    (void)s;
    uint8_t a[4];
    char d[IPCFG_NAME_MAX];
    assert_int_equal(ipcfg_lx_peer_ip4("10.0.0.5", 8, a), 0);
    assert_memory_equal(a, A5, 4);
    assert_int_equal(ipcfg_lx_peer_ip4("255.255.255.255", 15, a), 0);
    assert_int_equal(ipcfg_lx_peer_ip4("10.0.0.5", 7, a), -1); /* "10.0.0." */
    assert_int_equal(ipcfg_lx_peer_ip4("10.0.0.", 7, a), -1);
    assert_int_equal(ipcfg_lx_peer_ip4("10.0.0.256", 10, a), -1);
    assert_int_equal(ipcfg_lx_peer_ip4("010.0.0.1", 9, a), -1);
    assert_int_equal(ipcfg_lx_peer_ip4("1.2.3", 5, a), -1);
    assert_int_equal(ipcfg_lx_peer_ip4("1.2.3.4.5", 9, a), -1);
    assert_int_equal(ipcfg_lx_peer_ip4("", 0, a), -1);
    assert_int_equal(ipcfg_lx_peer_ip4("1.2.3.4 ", 8, a), -1);
    assert_int_equal(ipcfg_lx_peer_domain("corp.example", 12, d), 0);
    assert_string_equal(d, "corp.example");
    assert_int_equal(ipcfg_lx_peer_domain("a b", 3, d), -1);
    assert_int_equal(ipcfg_lx_peer_domain("a\nb", 3, d), -1);
    assert_int_equal(ipcfg_lx_peer_domain("", 0, d), -1);
}

/* ---- networkd / NetworkManager internal ---- */

static void test_networkd_full(void **s)
{
    (void)s;
    ipcfg_lx_peer_lease l;
    assert_int_equal(nd("# This is private data. Do not parse.\n"
                        "ADDRESS=10.0.0.5\nNETMASK=255.255.255.0\nROUTER=10.0.0.1\n"
                        "SERVER_ADDRESS=10.0.0.1\nT1=300\nT2=525\nLIFETIME=600\n"
                        "DNS=10.0.0.53 10.0.0.54\nDOMAINNAME=lab.example\nCLIENTID=ff00\n",
                        1000, &l),
                     0);
    assert_string_equal(l.client, IPCFG_PEER_NETWORKD);
    assert_true(l.has_addr);
    assert_memory_equal(l.addr, A5, 4);
    assert_true(l.has_server);
    assert_int_equal(l.server[3], 1);
    assert_true(l.has_obtained && l.has_expires);
    assert_int_equal(l.obtained, 1000);
    assert_int_equal(l.expires, 1600);
    assert_int_equal(l.n_dns, 2);
    assert_int_equal(l.dns[1][3], 54);
    assert_string_equal(l.domain, "lab.example");
}

static void test_networkd_timespans(void **s)
{
    (void)s;
    ipcfg_lx_peer_lease l;
    assert_int_equal(nd("ADDRESS=10.0.0.5\nLIFETIME=1h 30min\n", 0, &l), 0);
    assert_int_equal(l.expires, 5400);
    assert_int_equal(nd("ADDRESS=10.0.0.5\nLIFETIME=1d 2h 3min 4s\n", 0, &l), 0);
    assert_int_equal(l.expires, 93784);
    assert_int_equal(nd("ADDRESS=10.0.0.5\nLIFETIME=2min\r\n", 0, &l), 0); /* CRLF */
    assert_int_equal(l.expires, 120);
    assert_int_equal(nd("ADDRESS=10.0.0.5\nLIFETIME=infinity\n", 7, &l), 0);
    assert_true(l.infinite);
    assert_false(l.has_expires);
    assert_true(l.has_obtained);
    /* NetworkManager's nettools client: the address only, no times */
    assert_int_equal(nd("# This is private data. Do not parse.\nADDRESS=10.0.0.5\n", 7, &l), 0);
    assert_false(l.has_obtained || l.has_expires || l.has_server);
    assert_int_equal(l.n_dns, 0);
}

static void test_networkd_corrupt(void **s)
{
    (void)s;
    ipcfg_lx_peer_lease l;
    static const char *bad[] = {
        "",                                         /* empty */
        "NETMASK=255.0.0.0\n",                      /* no address */
        "ADDRESS=10.0.0\n",                         /* truncated address */
        "ADDRESS=10.0.0.5\nSERVER_ADDRESS=1.2.3\n", /* bad server */
        "ADDRESS=10.0.0.5\nLIFETIME=12x\n",         /* bad lifetime */
        "ADDRESS=10.0.0.5\nLIFETIME=1.5s\n",
        "ADDRESS=10.0.0.5\nLIFETIME=\n",
        "ADDRESS=10.0.0.5\nLIFETIME=99999999999999999999\n",
        "ADDRESS=10.0.0.5\nDNS=10.0.0.1 bogus\n",
        "ADDRESS=10.0.0.5\nDOMAINNAME=bad name\n",
        "ADDRESS=10.0.0.5\ngarbage without equals\n",
        "ADDRESS=10.0.0.5\nLIFETIME=600\nADDRESS=",  /* truncated in the middle of a line */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(nd(bad[i], 0, &l), -1);
        assert_false(l.has_addr);
    }
    /* a NUL inside */
    char buf[] = "ADDRESS=10.0.0.5\nDNS=1.1.1.1\0\n";
    assert_int_equal(ipcfg_lx_peer_parse_networkd(buf, sizeof buf - 1, 0, &l), -1);
    assert_int_equal(ipcfg_lx_peer_parse_networkd(NULL, 0, 0, &l), -1);
    /* quoted values are accepted */
    assert_int_equal(nd("ADDRESS=\"10.0.0.5\"\n", 0, &l), 0);
    /* more DNS servers than kept: the first ones */
    assert_int_equal(nd("ADDRESS=10.0.0.5\nDNS=1.1.1.1 1.1.1.2 1.1.1.3 1.1.1.4 1.1.1.5 1.1.1.6 1.1.1.7 1.1.1.8 1.1.1.9\n", 0,
                        &l),
                     0);
    assert_int_equal(l.n_dns, IPCFG_PEER_DNS_MAX);
}

/* ---- dhclient ---- */

static const char *DHCLIENT_TWO = "default-duid \"\\000\\001\\000\\001\";\n"
                                  "lease {\n"
                                  "  interface \"eth0\";\n"
                                  "  fixed-address 10.0.0.4;\n"
                                  "  option dhcp-lease-time 600;\n"
                                  "  expire 6 2026/11/28 23:00:00;\n"
                                  "}\n"
                                  "lease {\n"
                                  "  interface \"eth0\";\n"
                                  "  fixed-address 10.0.0.5;\n"
                                  "  option subnet-mask 255.255.255.0;\n"
                                  "  option routers 10.0.0.1;\n"
                                  "  option dhcp-lease-time 600;\n"
                                  "  option dhcp-message-type 5;\n"
                                  "  option domain-name-servers 10.0.0.53,10.0.0.54;\n"
                                  "  option dhcp-server-identifier 10.0.0.1;\n"
                                  "  option domain-name \"peers.example\";\n"
                                  "  option host-name \"h; with {braces}\";  # a comment\n"
                                  "  renew 6 2026/11/28 23:26:39;\n"
                                  "  rebind 6 2026/11/28 23:31:33;\n"
                                  "  expire 6 2026/11/28 23:32:48;\n"
                                  "}\n"
                                  "lease6 {\n  interface \"eth0\";\n  ia-na 1a:2b { iaaddr 2001:db8::5 { } }\n}\n";

static void test_dhclient_blocks(void **s)
{
    (void)s;
    got g;
    assert_int_equal(dc(DHCLIENT_TWO, NULL, &g), 2);
    assert_int_equal(g.n, 2);
    const ipcfg_lx_peer_lease *l = &g.v[1];
    assert_string_equal(l->client, IPCFG_PEER_DHCLIENT);
    assert_string_equal(l->ifname, "eth0");
    assert_memory_equal(l->addr, A5, 4);
    assert_true(l->has_server);
    assert_true(l->has_expires && l->has_obtained);
    assert_int_equal(l->expires, 1795908768); /* 2026-11-28T23:32:48Z */
    assert_int_equal(l->obtained, 1795908768 - 600);
    assert_int_equal(l->n_dns, 2);
    assert_int_equal(l->dns[0][3], 53);
    assert_string_equal(l->domain, "peers.example");
}

static void test_dhclient_variants(void **s)
{
    (void)s;
    got g;
    /* no interface statement: the file's interface; epoch times; never */
    assert_int_equal(dc("lease { fixed-address 10.0.0.5; option dhcp-lease-time 100; expire epoch 2000; }", "wlan0", &g),
                     1);
    assert_string_equal(g.v[0].ifname, "wlan0");
    assert_int_equal(g.v[0].expires, 2000);
    assert_int_equal(g.v[0].obtained, 1900);
    assert_int_equal(dc("lease { fixed-address 10.0.0.5; expire never; }", "e", &g), 1);
    assert_true(g.v[0].infinite);
    assert_false(g.v[0].has_expires || g.v[0].has_obtained);
    /* no lease time: the expiry only, no time of obtaining */
    assert_int_equal(dc("lease { fixed-address 10.0.0.5; expire 0 2026/01/04 00:00:00; }", "e", &g), 1);
    assert_true(g.v[0].has_expires);
    assert_false(g.v[0].has_obtained);
    /* no interface at all: skipped */
    assert_int_equal(dc("lease { fixed-address 10.0.0.5; }", NULL, &g), 0);
    /* a domain-name list: the first name */
    assert_int_equal(dc("lease { interface \"e\"; fixed-address 10.0.0.5; option domain-name \"a.example b.example\"; }",
                        NULL, &g),
                     1);
    assert_string_equal(g.v[0].domain, "a.example");
}

static void test_dhclient_corrupt(void **s)
{
    (void)s;
    got g;
    static const char *bad[] = {
        "lease {\n  interface \"eth0\";\n  fixed-address 10.0.0.5;\n  expire 6 2026/11/28 23:3", /* truncated */
        "lease { interface \"eth0\"; fixed-address 10.0.0.5",
        "lease { interface \"eth0; fixed-address 10.0.0.5; }",                   /* unterminated string */
        "lease { interface \"eth0\"; fixed-address 10.0.0.500; }",               /* bad address */
        "lease { interface \"eth0\"; fixed-address 10.0.0.5 10.0.0.6; }",        /* two values */
        "lease { interface \"eth0\"; fixed-address 10.0.0.5; expire 6 2026/13/01 00:00:00; }",
        "lease { interface \"eth0\"; fixed-address 10.0.0.5; expire 6 2026/11/28; }",
        "lease { interface \"eth0\"; fixed-address 10.0.0.5; option dhcp-server-identifier x; }",
        "lease { interface \"eth0\"; fixed-address 10.0.0.5; option domain-name-servers 1.1.1.1,; }",
        "lease { interface \"eth0\"; fixed-address 10.0.0.5; option domain-name-servers 1.1.1.1 1.1.1.2; }",
        "lease { interface \"eth0\"; fixed-address 10.0.0.5; option dhcp-lease-time 99999999999; }",
        "lease { interface \"eth0\"; fixed-address 10.0.0.5; { nested } }",
        "lease { interface \"../etc\"; fixed-address 10.0.0.5; }",
        "lease { interface \"\"; fixed-address 10.0.0.5; }",
        "lease { interface \"eth0\"; fixed-address 10.0.0.5 }", /* no ';' before '}' */
        "lease { interface \"eth0\"; }",                        /* no address */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(dc(bad[i], "x", &g), 0);
        assert_int_equal(g.n, 0);
    }
    /* a corrupt block does not hide the valid one before it */
    assert_int_equal(dc("lease { interface \"e\"; fixed-address 10.0.0.5; }\nlease { interface \"e\"; fixed-addr", NULL, &g),
                     1);
    /* a NUL byte: not a lease database */
    char nul[] = "lease { interface \"e\"; fixed-address 10.0.0.5; }\0";
    memset(&g, 0, sizeof g);
    assert_int_equal(ipcfg_lx_peer_parse_dhclient(nul, sizeof nul - 1, NULL, on_lease, &g), -1);
    assert_int_equal(g.n, 0);
    /* an overlong token */
    char *big = malloc(5000);
    assert_non_null(big);
    memset(big, 'a', 4999);
    big[4999] = '\0';
    memcpy(big, "lease { interface \"", 19);
    assert_int_equal(dc(big, NULL, &g), 0);
    free(big);
}

static void test_pid(void **s)
{
    (void)s;
    long pid;
    assert_int_equal(ipcfg_lx_peer_parse_pid("1234\n", 5, &pid), 0);
    assert_int_equal(pid, 1234);
    assert_int_equal(ipcfg_lx_peer_parse_pid("1234", 4, &pid), 0);
    assert_int_equal(ipcfg_lx_peer_parse_pid("1", 1, &pid), -1);  /* init: never a client */
    assert_int_equal(ipcfg_lx_peer_parse_pid("0\n", 2, &pid), -1);
    assert_int_equal(ipcfg_lx_peer_parse_pid("", 0, &pid), -1);
    assert_int_equal(ipcfg_lx_peer_parse_pid("-5\n", 3, &pid), -1);
    assert_int_equal(ipcfg_lx_peer_parse_pid("12 34\n", 6, &pid), -1);
    assert_int_equal(ipcfg_lx_peer_parse_pid("12345678901\n", 12, &pid), -1);
    assert_int_equal(ipcfg_lx_peer_parse_pid("12\n\n", 4, &pid), -1);
}

/* ---- dhcpcd ---- */

static size_t build_ack(uint8_t *m, const uint8_t *opts, size_t olen)
{
    memset(m, 0, 300);
    m[0] = 2; /* BOOTREPLY */
    m[1] = 1;
    m[2] = 6;
    memcpy(m + 16, A5, 4);
    m[236] = 99;
    m[237] = 130;
    m[238] = 83;
    m[239] = 99;
    memcpy(m + 240, opts, olen);
    return 240 + olen;
}

static void test_dhcpcd(void **s)
{
    (void)s;
    uint8_t m[600];
    ipcfg_lx_peer_lease l;
    static const uint8_t ok[] = {53, 1, 5,  54, 4, 10, 0, 0, 1, 51, 4, 0, 0, 2, 88, 6, 8, 10, 0, 0, 53, 10, 0, 0,
                                 54, 15, 9, 'l', 'a', 'b', '.', 't', 'e', 's', 't', 0, 0, 255};
    size_t n = build_ack(m, ok, sizeof ok);
    assert_int_equal(ipcfg_lx_peer_parse_dhcpcd(m, n, 1000, &l), 0);
    assert_string_equal(l.client, IPCFG_PEER_DHCPCD);
    assert_memory_equal(l.addr, A5, 4);
    assert_true(l.has_server);
    assert_int_equal(l.obtained, 1000);
    assert_int_equal(l.expires, 1600);
    assert_int_equal(l.n_dns, 2);
    assert_string_equal(l.domain, "lab.test");
    /* every truncation of it is rejected or still consistent: never reads past */
    for (size_t cut = 0; cut < n; cut++) {
        uint8_t *c = malloc(cut ? cut : 1);
        assert_non_null(c);
        memcpy(c, m, cut);
        int r = ipcfg_lx_peer_parse_dhcpcd(c, cut, 1000, &l);
        if (cut < 240)
            assert_int_equal(r, -1);
        free(c);
    }
    /* an option running past the end */
    static const uint8_t over[] = {53, 1, 5, 6, 40, 10, 0};
    n = build_ack(m, over, sizeof over);
    assert_int_equal(ipcfg_lx_peer_parse_dhcpcd(m, n, 0, &l), -1);
    /* option 53 with length 0 as the very last bytes (found by fuzz_peer_dhcpcd:
     * its value was read one past the end) */
    static const uint8_t t53[] = {53, 0};
    n = build_ack(m, t53, sizeof t53);
    {
        uint8_t *c = malloc(n);
        assert_non_null(c);
        memcpy(c, m, n);
        assert_int_equal(ipcfg_lx_peer_parse_dhcpcd(c, n, 0, &l), -1);
        free(c);
    }
    /* a wrong length for a fixed-size option */
    static const uint8_t badlen[] = {53, 1, 5, 54, 3, 10, 0, 0, 255};
    n = build_ack(m, badlen, sizeof badlen);
    assert_int_equal(ipcfg_lx_peer_parse_dhcpcd(m, n, 0, &l), -1);
    /* DNS not a multiple of 4 */
    static const uint8_t dns3[] = {53, 1, 5, 6, 3, 1, 2, 3, 255};
    n = build_ack(m, dns3, sizeof dns3);
    assert_int_equal(ipcfg_lx_peer_parse_dhcpcd(m, n, 0, &l), -1);
    /* a NAK is no lease */
    static const uint8_t nak[] = {53, 1, 6, 255};
    n = build_ack(m, nak, sizeof nak);
    assert_int_equal(ipcfg_lx_peer_parse_dhcpcd(m, n, 0, &l), -1);
    /* no cookie, or a request */
    n = build_ack(m, ok, sizeof ok);
    m[236] = 0;
    assert_int_equal(ipcfg_lx_peer_parse_dhcpcd(m, n, 0, &l), -1);
    n = build_ack(m, ok, sizeof ok);
    m[0] = 1;
    assert_int_equal(ipcfg_lx_peer_parse_dhcpcd(m, n, 0, &l), -1);
    /* no address */
    n = build_ack(m, ok, sizeof ok);
    memset(m + 16, 0, 4);
    assert_int_equal(ipcfg_lx_peer_parse_dhcpcd(m, n, 0, &l), -1);
    /* overloaded file field carries the server id; infinite lease */
    static const uint8_t ovl[] = {53, 1, 5, 52, 1, 1, 51, 4, 0xff, 0xff, 0xff, 0xff, 255};
    n = build_ack(m, ovl, sizeof ovl);
    memcpy(m + 108, (const uint8_t[]){54, 4, 10, 0, 0, 9, 255}, 7);
    assert_int_equal(ipcfg_lx_peer_parse_dhcpcd(m, n, 5, &l), 0);
    assert_true(l.has_server);
    assert_int_equal(l.server[3], 9);
    assert_true(l.infinite);
    assert_false(l.has_expires);
    /* a domain with a control character: no DNS name, so ipcfg's message
     * parser leaves it out; the lease is shown without it */
    static const uint8_t dom[] = {53, 1, 5, 15, 3, 'a', '\n', 'b', 255};
    n = build_ack(m, dom, sizeof dom);
    assert_int_equal(ipcfg_lx_peer_parse_dhcpcd(m, n, 0, &l), 0);
    assert_true(l.has_addr);
    assert_string_equal(l.domain, "");
    /* a domain the message parser takes but that is not a plain name */
    static const uint8_t dom2[] = {53, 1, 5, 15, 3, 'a', '/', 'b', 255};
    n = build_ack(m, dom2, sizeof dom2);
    if (ipcfg_lx_peer_parse_dhcpcd(m, n, 0, &l) == 0)
        assert_string_equal(l.domain, "");
}

/* ---- the decision ---- */

static ipcfg_adapter ad;
static ipcfg_adapter_list strs; /* ad's strings */
static ipcfg_lx_peer_addr pav[4];
static ipcfg_lx_peer_addrs pa;

static void reset_adapter(void)
{
    ipcfg_adapter_free(&ad);
    ipcfg_adapters_free(&strs);
    ipcfg_adapter_init(&ad);
    ipcfg_adapter_set_name(&strs, &ad, "eth0", 4);
    ad.ifindex = 2;
    ad.dhcp_enabled = IPCFG_NO;
    memset(pav, 0, sizeof pav);
    pa.v = pav;
    pa.n = 0;
    pa.cap = 4;
}

static void add_addr(const uint8_t a[4], int finite, int own)
{
    pav[pa.n].ifindex = 2;
    memcpy(pav[pa.n].addr, a, 4);
    pav[pa.n].finite = finite;
    pav[pa.n].ipcfg_own = own;
    pa.n++;
}

static ipcfg_lx_peer_lease mk(const char *client, const uint8_t a[4], int64_t obtained, int64_t expires)
{
    ipcfg_lx_peer_lease l;
    memset(&l, 0, sizeof l);
    l.client = client;
    ipcfg_copy_str(l.ifname, sizeof l.ifname, "eth0");
    l.has_addr = 1;
    memcpy(l.addr, a, 4);
    l.has_obtained = l.has_expires = 1;
    l.obtained = obtained;
    l.expires = expires;
    l.has_server = 1;
    l.server[0] = 10;
    l.server[3] = 1;
    l.n_dns = 1;
    l.dns[0][0] = 9;
    ipcfg_copy_str(l.domain, sizeof l.domain, "x.example");
    return l;
}

static void test_decide(void **s)
{
    (void)s;
    ipcfg_lx_peer_lease v[3];
    static const uint8_t other[4] = {10, 0, 0, 6};

    /* a current lease whose address the interface has */
    reset_adapter();
    add_addr(A5, 1, 0);
    v[0] = mk(IPCFG_PEER_DHCPCD, A5, 100, 1000);
    ipcfg_lx_peer_decide(&strs, &ad, &pa, v, 1, 500);
    assert_int_equal(ad.dhcp_enabled, IPCFG_YES);
    assert_string_equal(ad.lease_client, "dhcpcd");
    assert_true(ad.has_lease);
    assert_int_equal(ad.lease_obtained, 100);
    assert_int_equal(ad.lease_expires, 1000);
    assert_true(ad.has_dhcp_server);
    assert_int_equal(ad.n_dns, 1);
    assert_string_equal(ad.dns_suffix, "x.example");

    /* expired: not current; the finite address makes it "unknown" */
    reset_adapter();
    add_addr(A5, 1, 0);
    ipcfg_lx_peer_decide(&strs, &ad, &pa, v, 1, 1000);
    assert_string_equal(ad.lease_client, "unknown");
    assert_int_equal(ad.dhcp_enabled, IPCFG_YES);
    assert_false(ad.has_lease || ad.has_dhcp_server);
    assert_int_equal(ad.n_dns, 0);

    /* for an address the interface no longer has (a permanent other one) */
    reset_adapter();
    add_addr(other, 0, 0);
    ipcfg_lx_peer_decide(&strs, &ad, &pa, v, 1, 500);
    assert_string_equal(ad.lease_client, "");
    assert_int_equal(ad.dhcp_enabled, IPCFG_NO);

    /* of another interface */
    reset_adapter();
    add_addr(A5, 1, 0);
    ipcfg_copy_str(v[0].ifname, sizeof v[0].ifname, "eth1");
    ipcfg_lx_peer_decide(&strs, &ad, &pa, v, 1, 500);
    assert_string_equal(ad.lease_client, "unknown");
    /* networkd: by ifindex */
    reset_adapter();
    add_addr(A5, 1, 0);
    v[0] = mk(IPCFG_PEER_NETWORKD, A5, 100, 1000);
    v[0].ifname[0] = '\0';
    v[0].ifindex = 2;
    ipcfg_lx_peer_decide(&strs, &ad, &pa, v, 1, 500);
    assert_string_equal(ad.lease_client, "systemd-networkd");
    /* dhcpcd's wireless name <ifname>-<ssid> */
    reset_adapter();
    add_addr(A5, 1, 0);
    v[0] = mk(IPCFG_PEER_DHCPCD, A5, 100, 1000);
    ipcfg_copy_str(v[0].ifname, sizeof v[0].ifname, "eth0-MyWiFi");
    ipcfg_lx_peer_decide(&strs, &ad, &pa, v, 1, 500);
    assert_string_equal(ad.lease_client, "dhcpcd");

    /* ipcfg's own address (IFA_PROTO): ipcfg's, even with a peer lease for
     * it and no ipcfg lease file */
    reset_adapter();
    add_addr(A5, 1, 1);
    v[0] = mk(IPCFG_PEER_DHCLIENT, A5, 100, 1000);
    ipcfg_lx_peer_decide(&strs, &ad, &pa, v, 1, 500);
    assert_string_equal(ad.lease_client, ""); /* not another client's */
    assert_int_equal(ad.dhcp_enabled, IPCFG_NO); /* ipcfg's lease file decides */
    assert_false(ad.has_lease);
    reset_adapter();
    add_addr(A5, 1, 1);
    ad.dhcp_enabled = IPCFG_YES;
    ipcfg_lx_peer_decide(&strs, &ad, &pa, v, 1, 500);
    assert_string_equal(ad.lease_client, "ipcfg");

    /* ipcfg's lease file explains a finite address */
    reset_adapter();
    add_addr(A5, 1, 0);
    ad.dhcp_enabled = IPCFG_YES;
    ipcfg_lx_peer_decide(&strs, &ad, &pa, v, 0, 500);
    assert_string_equal(ad.lease_client, "ipcfg");

    /* a permanent address and no lease: static, untouched */
    reset_adapter();
    add_addr(A5, 0, 0);
    ipcfg_lx_peer_decide(&strs, &ad, &pa, v, 0, 500);
    assert_string_equal(ad.lease_client, "");
    assert_int_equal(ad.dhcp_enabled, IPCFG_NO);

    /* two current leases: the later obtained wins; without times, nothing invented */
    reset_adapter();
    add_addr(A5, 1, 0);
    v[0] = mk(IPCFG_PEER_DHCLIENT, A5, 100, 1000);
    v[1] = mk(IPCFG_PEER_NM, A5, 200, 1000);
    ipcfg_lx_peer_decide(&strs, &ad, &pa, v, 2, 500);
    assert_string_equal(ad.lease_client, "NetworkManager");
    reset_adapter();
    add_addr(A5, 1, 0);
    v[0] = mk(IPCFG_PEER_NM, A5, 0, 0);
    v[0].has_obtained = v[0].has_expires = v[0].has_server = 0;
    v[0].n_dns = 0;
    v[0].domain[0] = '\0';
    ipcfg_lx_peer_decide(&strs, &ad, &pa, v, 1, 500);
    assert_string_equal(ad.lease_client, "NetworkManager");
    assert_false(ad.has_lease || ad.has_dhcp_server);
    assert_int_equal(ad.n_dns, 0);
    assert_string_equal(ad.dns_suffix, "");

    /* a running client (pid file) without a lease yet: it runs the
     * interface, even over ipcfg's lease file; no details */
    reset_adapter();
    ad.dhcp_enabled = IPCFG_YES;
    ad.has_lease = 1;
    memset(&v[0], 0, sizeof v[0]);
    v[0].client = IPCFG_PEER_DHCPCD;
    v[0].running = 1;
    ipcfg_copy_str(v[0].ifname, sizeof v[0].ifname, "eth0");
    ipcfg_lx_peer_decide(&strs, &ad, &pa, v, 1, 500);
    assert_string_equal(ad.lease_client, "dhcpcd");
    assert_false(ad.has_lease);
    /* ... but not when its current lease of another client is there: the lease wins */
    reset_adapter();
    add_addr(A5, 1, 0);
    v[1] = mk(IPCFG_PEER_DHCLIENT, A5, 100, 1000);
    ipcfg_lx_peer_decide(&strs, &ad, &pa, v, 2, 500);
    assert_string_equal(ad.lease_client, "dhclient");
    /* a running client of another interface */
    reset_adapter();
    ipcfg_copy_str(v[0].ifname, sizeof v[0].ifname, "eth01");
    ipcfg_lx_peer_decide(&strs, &ad, &pa, v, 1, 500);
    assert_string_equal(ad.lease_client, "");
    ipcfg_adapter_free(&ad);
}

/* ---- the files under IPCFG_PEER_ROOT ---- */

static char root[256];

static void put(const char *rel, const void *data, size_t len, time_t mtime)
{
    char path[512];
    snprintf(path, sizeof path, "%s%s", root, rel);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
    struct timeval tv[2] = {{mtime, 0}, {mtime, 0}};
    assert_int_equal(utimes(path, tv), 0);
}

static void mkdirs(const char *rel)
{
    char path[512], *p;
    (void)mkdir(root, 0755);
    snprintf(path, sizeof path, "%s%s", root, rel);
    for (p = path + strlen(root) + 1; (p = strchr(p, '/')) != NULL; p++) {
        *p = '\0';
        (void)mkdir(path, 0755);
        *p = '/';
    }
    (void)mkdir(path, 0755);
}

static void test_view_files(void **s)
{
    (void)s;
    ipcfg_adapter_list l = {0};
    ipcfg_lx_peer_addrs addrs = {0};
    time_t now = time(NULL);
    const char *names[] = {"n2", "nm3", "nd4", "dh5", "fifo6", "big7"};
    char big[IPCFG_PEER_FILE_MAX + 16];

    snprintf(root, sizeof root, "/tmp/ipcfg-peers-unit-%d", (int)getpid());
    mkdirs(IPCFG_PEER_DIR_NETWORKD);
    mkdirs(IPCFG_PEER_DIR_NM);
    mkdirs(IPCFG_PEER_DIR_DHCLIENT);
    mkdirs(IPCFG_PEER_DIR_DHCPCD);
    for (uint32_t i = 0; i < 6; i++) {
        ipcfg_adapter *a = ipcfg_adapters_push(&l);
        assert_non_null(a);
        ipcfg_adapter_set_name(&l, a, names[i], strlen(names[i]));
        a->ifindex = i + 2;
        a->dhcp_enabled = IPCFG_NO;
        ipcfg_nl_addr na;
        memset(&na, 0, sizeof na);
        na.family = 2;
        na.addr_len = 4;
        na.ifindex = i + 2;
        na.has_local = 1;
        na.local[0] = 10;
        na.local[3] = (uint8_t)(i + 2);
        na.has_cacheinfo = 1;
        na.valid_lft = 600;
        assert_int_equal(ipcfg_lx_peer_note_addr(&addrs, &na), 0);
    }
    char t[512];
    snprintf(t, sizeof t, "ADDRESS=10.0.0.2\nLIFETIME=600\nSERVER_ADDRESS=10.0.0.1\n");
    put(IPCFG_PEER_DIR_NETWORKD "/2", t, strlen(t), now - 10);
    snprintf(t, sizeof t, "ADDRESS=10.0.0.3\n");
    put(IPCFG_PEER_DIR_NM "/internal-0f3c8e4a-3b4f-4e4b-9d55-7c2e1b9a6d10-nm3.lease", t, strlen(t), now);
    snprintf(t, sizeof t, "lease { fixed-address 10.0.0.9; expire epoch %lld; }\n"
                          "lease { fixed-address 10.0.0.4; option dhcp-lease-time 60; expire epoch %lld; }\n",
             (long long)now + 50, (long long)now + 50);
    put(IPCFG_PEER_DIR_NM "/dhclient-0f3c8e4a-3b4f-4e4b-9d55-7c2e1b9a6d10-nd4.lease", t, strlen(t), now);
    snprintf(t, sizeof t, "lease { interface \"dh5\"; fixed-address 10.0.0.5; expire never; }\n");
    put(IPCFG_PEER_DIR_DHCLIENT "/dhclient.leases", t, strlen(t), now);
    char path[512];
    snprintf(path, sizeof path, "%s%s/fifo6.lease", root, IPCFG_PEER_DIR_DHCPCD);
    assert_int_equal(mkfifo(path, 0600), 0); /* must not block the listing */
    memset(big, 'A', sizeof big);
    memcpy(big, "ADDRESS=10.0.0.7\n#", 18);
    put(IPCFG_PEER_DIR_NETWORKD "/7", big, sizeof big, now); /* too large: not read */

    assert_int_equal(ipcfg_lx_peer_view_fill(&l, &addrs, root, (int64_t)now), 0);
    assert_string_equal(l.items[0].lease_client, "systemd-networkd");
    assert_true(l.items[0].has_lease);
    assert_int_equal(l.items[0].lease_obtained, (int64_t)now - 10);
    assert_int_equal(l.items[0].lease_expires, (int64_t)now + 590);
    assert_string_equal(l.items[1].lease_client, "NetworkManager");
    assert_false(l.items[1].has_lease);
    assert_string_equal(l.items[2].lease_client, "NetworkManager");
    assert_true(l.items[2].has_lease);
    assert_int_equal(l.items[2].lease_obtained, (int64_t)now - 10);
    assert_string_equal(l.items[3].lease_client, "dhclient");
    assert_string_equal(l.items[4].lease_client, "unknown");
    assert_string_equal(l.items[5].lease_client, "unknown");
    ipcfg_lx_peer_addrs_free(&addrs);
    ipcfg_adapters_free(&l);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    assert_int_equal(system(cmd), 0);
}

/* The backend's client_command: each client's own command for what
 * /renew or /release asked, with the interface named (twice for dhclient's
 * release-then-obtain); none for "unknown" or an unlisted client. */
static void test_client_command(void **state)
{
    static const struct {
        const char *client, *renew, *release;
    } cases[] = {
        {"systemd-networkd", "networkctl renew eth1", "networkctl down eth1"},
        {"NetworkManager", "nmcli device connect eth1", "nmcli device disconnect eth1"},
        {"dhclient", "dhclient -r eth1 && dhclient eth1", "dhclient -r eth1"},
        {"dhcpcd", "dhcpcd -n eth1", "dhcpcd -k eth1"},
        {"unknown", "", ""},
        {"ipcfg", "", ""},
    };
    ipcfg_adapter a;
    char buf[128];
    (void)state;
    ipcfg_adapter_init(&a);
    a.name = "eth1";
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        strcpy(a.lease_client, cases[i].client);
        ipcfg_lx_client_command(&a, 0, buf, sizeof(buf));
        assert_string_equal(buf, cases[i].renew);
        ipcfg_lx_client_command(&a, 1, buf, sizeof(buf));
        assert_string_equal(buf, cases[i].release);
    }
    /* a short buffer is cut, never overrun */
    strcpy(a.lease_client, "dhclient");
    ipcfg_lx_client_command(&a, 0, buf, 8);
    assert_string_equal(buf, "dhclien");
    /* a name outside [A-Za-z0-9._:@%+=-] is quoted for a POSIX shell: the
     * line pasted never runs what the name holds */
    static const struct {
        const char *name, *renew;
    } quoted[] = {
        {"x$(id)", "networkctl renew 'x$(id)'"},
        {"a'b", "networkctl renew 'a'\\''b'"},
        {"e `x`;", "networkctl renew 'e `x`;'"},
        {"eth0.1@br-0:x%y+z=w", "networkctl renew eth0.1@br-0:x%y+z=w"},
    };
    strcpy(a.lease_client, "systemd-networkd");
    for (size_t i = 0; i < sizeof(quoted) / sizeof(quoted[0]); i++) {
        a.name = quoted[i].name;
        ipcfg_lx_client_command(&a, 0, buf, sizeof(buf));
        assert_string_equal(buf, quoted[i].renew);
    }
    strcpy(a.lease_client, "dhclient");
    a.name = "x$(id)";
    ipcfg_lx_client_command(&a, 0, buf, sizeof(buf));
    assert_string_equal(buf, "dhclient -r 'x$(id)' && dhclient 'x$(id)'");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ip4_and_domain),  cmocka_unit_test(test_networkd_full),
        cmocka_unit_test(test_networkd_timespans), cmocka_unit_test(test_networkd_corrupt),
        cmocka_unit_test(test_dhclient_blocks), cmocka_unit_test(test_dhclient_variants),
        cmocka_unit_test(test_dhclient_corrupt), cmocka_unit_test(test_dhcpcd),
        cmocka_unit_test(test_decide),          cmocka_unit_test(test_view_files),
        cmocka_unit_test(test_pid),             cmocka_unit_test(test_client_command),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
