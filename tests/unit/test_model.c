/* Model helpers: address text forms and masks.  SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipcfg/model.h"

static void v6_roundtrip(const char *in, const char *want)
{
    ipcfg_ip ip;
    char buf[IPCFG_IPSTR_MAX];
    assert_int_equal(ipcfg_ip6_parse(in, &ip), 0);
    assert_string_equal(ipcfg_ip_str(&ip, buf, sizeof(buf)), want);
}

static void ipv6_text(void **s)
{
    (void)s;
    v6_roundtrip("fe80::1", "fe80::1");
    v6_roundtrip("::1", "::1");
    v6_roundtrip("::", "::");
    v6_roundtrip("2001:DB8:0:0:1:0:0:5", "2001:db8::1:0:0:5"); /* RFC 5952 4.2.3: first of equal runs */
    v6_roundtrip("2001:db8:0:0:0:0:2:1", "2001:db8::2:1");
    v6_roundtrip("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"); /* 4.2.2: one zero group stays */
    v6_roundtrip("2001:0db8::0001", "2001:db8::1");                /* 4.1: no leading zeros */
    v6_roundtrip("1::", "1::");
    v6_roundtrip("::ffff:192.0.2.1", "::ffff:192.0.2.1");
    ipcfg_ip ip;
    static const char *const bad[] = {"",       ":",        ":::",     "1:::2",   "1::2::3", "12345::",
                                      "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "g::1", "1:",  "::1:"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_int_equal(ipcfg_ip6_parse(bad[i], &ip), -1);
}

static void ipv4_text(void **s)
{
    (void)s;
    ipcfg_ip ip;
    char buf[IPCFG_IPSTR_MAX];
    assert_int_equal(ipcfg_ip4_parse("192.168.1.10", &ip), 0);
    assert_string_equal(ipcfg_ip_str(&ip, buf, sizeof(buf)), "192.168.1.10");
    assert_int_equal(ipcfg_ip4_parse("0.0.0.0", &ip), 0);
    assert_true(ipcfg_ip_is_zero(&ip));
    static const char *const bad[] = {"1.2.3", "1.2.3.4.", "256.1.1.1", "01.2.3.4", "1.2.3.-4", "1.2.3.4x", "1 .2.3.4"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_int_equal(ipcfg_ip4_parse(bad[i], &ip), -1);
}

static void masks(void **s)
{
    (void)s;
    ipcfg_ip m;
    char buf[IPCFG_IPSTR_MAX];
    for (unsigned p = 0; p <= 32; p++) {
        ipcfg_prefix_to_mask(p, &m);
        assert_int_equal(ipcfg_mask_to_prefix(&m), (int)p);
    }
    ipcfg_prefix_to_mask(20, &m);
    assert_string_equal(ipcfg_ip_str(&m, buf, sizeof(buf)), "255.255.240.0");
    ipcfg_ip4(&m, 255, 0, 255, 0);
    assert_int_equal(ipcfg_mask_to_prefix(&m), -1);
    ipcfg_ip4(&m, 0, 255, 255, 255);
    assert_int_equal(ipcfg_mask_to_prefix(&m), -1);
}

static void arrays_and_sort(void **s)
{
    (void)s;
    ipcfg_adapter_list l = {0};
    for (int i = 0; i < 100; i++) {
        ipcfg_adapter *a = ipcfg_adapters_push(&l);
        assert_non_null(a);
        for (int k = 0; k < 10; k++)
            assert_non_null(ipcfg_adapter_add_addr(a));
    }
    assert_int_equal(l.n, 100);
    ipcfg_adapter copy;
    assert_int_equal(ipcfg_adapter_copy(&copy, &l.items[3]), 0);
    assert_int_equal(copy.n_addrs, 10);
    assert_ptr_not_equal(copy.addrs, l.items[3].addrs);
    ipcfg_adapter_free(&copy);
    ipcfg_adapters_free(&l);

    ipcfg_addrtable t = {0};
    ipcfg_addrrow *r = ipcfg_addrtable_push(&t);
    ipcfg_ip4(&r->addr, 10, 0, 0, 2);
    r = ipcfg_addrtable_push(&t);
    ipcfg_ip4(&r->addr, 9, 255, 0, 1);
    r = ipcfg_addrtable_push(&t);
    ipcfg_ip4(&r->addr, 10, 0, 0, 1);
    r->ifindex = 5;
    r = ipcfg_addrtable_push(&t);
    ipcfg_ip4(&r->addr, 10, 0, 0, 1);
    r->ifindex = 2;
    ipcfg_addrtable_sort(&t);
    assert_int_equal(t.rows[0].addr.bytes[0], 9);
    assert_int_equal(t.rows[1].ifindex, 2);
    assert_int_equal(t.rows[2].ifindex, 5);
    assert_int_equal(t.rows[3].addr.bytes[3], 2);
    ipcfg_addrtable_free(&t);
}

/* An error set again keeps nothing of its earlier use: no stale system
 * code; ipcfg_error_sys adds the new one. */
static void error_set_is_fresh(void **s)
{
    (void)s;
    ipcfg_error e;
    ipcfg_error_clear(&e);
    ipcfg_error_set(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "first");
    ipcfg_error_sys(&e, 121);
    assert_int_equal(e.sys_code, 121);
    assert_int_equal(e.has_sys_code, 1);
    ipcfg_error_set(&e, IPCFG_E_STATE, IPCFG_R_NOT_FOUND, NULL);
    assert_int_equal(e.has_sys_code, 0);
    assert_int_equal(e.sys_code, 0);
    assert_int_equal(e.status, IPCFG_E_STATE);
    assert_int_equal(e.reason, IPCFG_R_NOT_FOUND);
    assert_string_equal(e.text, "");
    ipcfg_error_set(&e, IPCFG_E_TIMEOUT, IPCFG_R_DHCP_TIMEOUT, "The semaphore timeout period has expired.");
    ipcfg_error_sys(&e, 121);
    assert_int_equal(e.sys_code, 121);
    assert_string_equal(e.text, "The semaphore timeout period has expired.");
}

/* A long error text is never cut inside a character and ends visibly. */
static int valid_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 ? 2 : (*p & 0xf0) == 0xe0 ? 3 : (*p & 0xf8) == 0xf0 ? 4 : 0;
        if (!n)
            return 0;
        for (int i = 1; i < n; i++)
            if ((p[i] & 0xc0) != 0x80)
                return 0;
        p += n;
    }
    return 1;
}

static void long_text_cut_at_a_character(void **s)
{
    (void)s;
    char name[1200];
    for (int shift = 0; shift < 4; shift++) {
        /* "x" * shift, then 3-byte and 4-byte characters, so that every
         * alignment of the cut is met */
        size_t p = 0;
        for (int i = 0; i < shift; i++)
            name[p++] = 'x';
        while (p + 8 < sizeof(name)) {
            memcpy(name + p, "\xe2\x9c\x93\xf0\x9f\x98\x80", 7);
            p += 7;
        }
        name[p] = '\0';
        ipcfg_error e;
        ipcfg_error_set(&e, IPCFG_E_STATE, IPCFG_R_NOT_FOUND, "no adapter matches \"%s\".", name);
        size_t n = strlen(e.text);
        assert_true(n < IPCFG_ERRTEXT_MAX);
        assert_true(n >= IPCFG_ERRTEXT_MAX - 8);
        assert_true(valid_utf8(e.text));
        assert_string_equal(e.text + n - 3, "...");
    }
    /* a text that fits is left alone */
    ipcfg_error e;
    ipcfg_error_set(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "%s", "short \xc3\xa9");
    assert_string_equal(e.text, "short \xc3\xa9");
    /* ipcfg_copy_str: cut before a character that does not fit */
    char small[5];
    ipcfg_copy_str(small, sizeof(small), "ab\xe2\x9c\x93");
    assert_string_equal(small, "ab");
    ipcfg_copy_str(small, sizeof(small), "abc\xc3\xa9");
    assert_string_equal(small, "abc");
    ipcfg_copy_str(small, sizeof(small), "a\xe2\x9c\x93");
    assert_string_equal(small, "a\xe2\x9c\x93");
}

/* ---- the records' strings: the arena and the setters ---- */

static long g_chunks, g_fail_chunk; /* fail the g_fail_chunk-th chunk (1-based); 0 = never */

static void *counting_malloc(size_t n)
{
    if (++g_chunks == g_fail_chunk)
        return NULL;
    return malloc(n);
}

static size_t n_chunks(const ipcfg_strarena *ar)
{
    size_t n = 0;
    for (const ipcfg_strchunk *c = ar->chunks; c; c = *(ipcfg_strchunk *const *)(const void *)c)
        n++;
    return n;
}

/* Names of every length, across many chunks (and one larger than any
 * chunk): each whole, NUL-terminated, where the record says. */
static void strings_across_chunks(void **s)
{
    (void)s;
    ipcfg_adapter_list l = {0};
    char big[70000], nm[800];
    memset(big, 'z', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    g_chunks = 0;
    g_fail_chunk = 0;
    ipcfg_strarena_malloc = counting_malloc;
    for (int i = 0; i < 3000; i++) {
        ipcfg_adapter *a = ipcfg_adapters_push(&l);
        assert_non_null(a);
        assert_string_equal(a->name, "");
        assert_string_equal(a->description, "");
        assert_null(a->conn_search);
        size_t n = (size_t)(i * 37) % 768; /* up to a Windows friendly name's 768 bytes */
        memset(nm, 'a' + i % 26, n);
        nm[n] = '\0';
        assert_int_equal(ipcfg_adapter_set_name(&l, a, nm, n), 0);
        snprintf(nm, sizeof(nm), "{%d}", i);
        assert_int_equal(ipcfg_adapter_set_id(&l, a, nm, strlen(nm)), 0);
        if (i == 1500)
            assert_int_equal(ipcfg_adapter_set_description(&l, a, big, strlen(big)), 0);
    }
    assert_true(n_chunks(&l.strs) > 3);
    assert_int_equal((long)n_chunks(&l.strs), g_chunks);
    for (int i = 0; i < 3000; i++) {
        const ipcfg_adapter *a = &l.items[i];
        size_t n = (size_t)(i * 37) % 768;
        assert_int_equal(strlen(a->name), n);
        for (size_t k = 0; k < n; k++)
            assert_int_equal(a->name[k], 'a' + i % 26);
        snprintf(nm, sizeof(nm), "{%d}", i);
        assert_string_equal(a->id, nm);
        assert_string_equal(a->description, i == 1500 ? big : "");
    }
    /* an empty string takes no space; text need not be NUL-terminated */
    size_t before = n_chunks(&l.strs);
    assert_int_equal(ipcfg_adapter_set_dns_suffix(&l, &l.items[0], "", 0), 0);
    assert_string_equal(l.items[0].dns_suffix, "");
    assert_int_equal(ipcfg_adapter_set_dns_suffix(&l, &l.items[0], "corp.example.comXYZ", 16), 0);
    assert_string_equal(l.items[0].dns_suffix, "corp.example.com");
    assert_int_equal(n_chunks(&l.strs), before);
    ipcfg_strarena_malloc = malloc;
    ipcfg_adapters_free(&l);
    assert_null(l.strs.chunks);
    assert_null(l.items);
}

/* The search list: up to IPCFG_SEARCH_MAX entries; a copy's strings are
 * its own (its list freed first), and it can still grow. */
static void search_list_and_copy(void **s)
{
    (void)s;
    ipcfg_adapter_list l = {0};
    ipcfg_adapter *a = ipcfg_adapters_push(&l);
    char nm[32];
    assert_non_null(a);
    assert_int_equal(ipcfg_adapter_set_name(&l, a, "Ethernet 2", 10), 0);
    assert_int_equal(ipcfg_adapter_set_id(&l, a, "{GUID}", 6), 0);
    assert_int_equal(ipcfg_adapter_set_description(&l, a, "NIC", 3), 0);
    for (int i = 0; i < IPCFG_SEARCH_MAX; i++) {
        snprintf(nm, sizeof(nm), "d%d.example", i);
        assert_int_equal(ipcfg_adapter_add_conn_search(&l, a, nm, strlen(nm)), 0);
    }
    assert_int_equal(ipcfg_adapter_add_conn_search(&l, a, "full.example", 12), -1);
    assert_int_equal(a->n_conn_search, IPCFG_SEARCH_MAX);
    assert_non_null(ipcfg_adapter_add_addr(a));

    ipcfg_adapter copy;
    assert_int_equal(ipcfg_adapter_copy(&copy, a), 0);
    ipcfg_adapters_free(&l); /* the original's strings gone */
    assert_string_equal(copy.name, "Ethernet 2");
    assert_string_equal(copy.id, "{GUID}");
    assert_string_equal(copy.description, "NIC");
    assert_string_equal(copy.dns_suffix, "");
    assert_int_equal(copy.n_conn_search, IPCFG_SEARCH_MAX);
    for (int i = 0; i < IPCFG_SEARCH_MAX; i++) {
        snprintf(nm, sizeof(nm), "d%d.example", i);
        assert_string_equal(copy.conn_search[i], nm);
    }
    assert_int_equal(copy.n_addrs, 1);
    ipcfg_adapter_free(&copy);
    assert_string_equal(copy.name, "");
    assert_int_equal(copy.n_conn_search, 0);

    /* a copy of a record with two entries grows in another list's arena */
    ipcfg_adapter_list m = {0};
    ipcfg_adapter src;
    ipcfg_adapter_init(&src);
    assert_int_equal(ipcfg_adapter_add_conn_search(&m, &src, "a.example", 9), 0);
    assert_int_equal(ipcfg_adapter_add_conn_search(&m, &src, "b.example", 9), 0);
    assert_int_equal(ipcfg_adapter_copy(&copy, &src), 0);
    assert_int_equal(ipcfg_adapter_add_conn_search(&m, &copy, "c.example", 9), 0);
    assert_int_equal(src.n_conn_search, 2);
    assert_string_equal(copy.conn_search[0], "a.example");
    assert_string_equal(copy.conn_search[2], "c.example");
    ipcfg_adapter_free(&copy);
    ipcfg_adapters_free(&m);

    /* an empty record copies without a block */
    ipcfg_adapter_init(&src);
    assert_int_equal(ipcfg_adapter_copy(&copy, &src), 0);
    assert_null(copy.own);
    assert_string_equal(copy.name, "");
    ipcfg_adapter_free(&copy);
}

/* Out of memory: -1, the field as it was, nothing leaked; the next chunk
 * that can be had is used. */
static void strings_out_of_memory(void **s)
{
    (void)s;
    ipcfg_adapter_list l = {0};
    ipcfg_adapter *a = ipcfg_adapters_push(&l);
    assert_non_null(a);
    ipcfg_strarena_malloc = counting_malloc;
    g_chunks = 0;
    g_fail_chunk = 1;
    assert_int_equal(ipcfg_adapter_set_name(&l, a, "eth0", 4), -1);
    assert_string_equal(a->name, "");
    assert_int_equal(ipcfg_adapter_add_conn_search(&l, a, "x.example", 9), 0);
    assert_int_equal(a->n_conn_search, 1);
    assert_int_equal(ipcfg_adapter_set_name(&l, a, "eth0", 4), 0);
    /* a large string needs a chunk of its own: it fails, the rest stays */
    char big[5000];
    memset(big, 'q', sizeof(big));
    g_chunks = 0;
    g_fail_chunk = 1;
    assert_int_equal(ipcfg_adapter_set_description(&l, a, big, sizeof(big)), -1);
    assert_string_equal(a->description, "");
    assert_string_equal(a->name, "eth0");
    ipcfg_adapter fresh;
    ipcfg_adapter_init(&fresh);
    ipcfg_adapter_list m = {0};
    g_chunks = 0;
    g_fail_chunk = 1;
    assert_int_equal(ipcfg_adapter_add_conn_search(&m, &fresh, "y.example", 9), -1);
    assert_int_equal(fresh.n_conn_search, 0);
    assert_null(fresh.conn_search);

    ipcfg_addrtable t = {0};
    ipcfg_addrrow *r = ipcfg_addrtable_push(&t);
    assert_non_null(r);
    assert_string_equal(r->ifname, "");
    g_chunks = 0;
    g_fail_chunk = 1;
    assert_int_equal(ipcfg_addrtable_set_ifname(&t, r, "br0", 3), -1);
    assert_string_equal(r->ifname, "");
    assert_int_equal(ipcfg_addrtable_set_ifname(&t, r, "br0", 3), 0);
    assert_string_equal(r->ifname, "br0");
    ipcfg_strarena_malloc = malloc;
    ipcfg_addrtable_free(&t);
    assert_null(t.strs.chunks);
    ipcfg_adapters_free(&m);
    ipcfg_adapters_free(&l);
}

/* The DHCPv6 client DUID and lease: in the list's arena (the lease block
 * aligned for its 64-bit fields after strings of odd lengths), one block
 * per record, a copy's its own; the limits; out of memory leaves the
 * record as it was. */
static void dhcpv6_lease_and_copy(void **s)
{
    (void)s;
    static const uint8_t duid[] = {0x00, 0x01, 0x00, 0x01, 0x2a, 0x15, 0xc3, 0x11,
                                   0x1c, 0xd3, 0x05, 0xf1, 0x58, 0xe1};
    uint8_t long_duid[IPCFG_DUID_MAX + 1] = {0};
    ipcfg_adapter_list l = {0};
    ipcfg_adapter *a = ipcfg_adapters_push(&l);
    assert_non_null(a);
    assert_null(a->lease6);
    assert_int_equal(a->dhcpv6_duid_len, 0);
    assert_int_equal(ipcfg_adapter_set_name(&l, a, "eth0", 3), 0); /* "eth": an odd length */
    assert_int_equal(ipcfg_adapter_set_dhcpv6_duid(&l, a, duid, sizeof(duid)), 0);
    assert_int_equal(ipcfg_adapter_set_dhcpv6_duid(&l, a, long_duid, sizeof(long_duid)), -1);
    assert_int_equal(a->dhcpv6_duid_len, sizeof(duid));
    assert_int_equal(ipcfg_adapter_set_dhcpv6_duid(&l, a, long_duid, IPCFG_DUID_MAX), 0); /* the longest */
    assert_int_equal(a->dhcpv6_duid_len, IPCFG_DUID_MAX);
    assert_int_equal(ipcfg_adapter_set_dhcpv6_duid(&l, a, duid, sizeof(duid)), 0);
    assert_memory_equal(a->dhcpv6_duid, duid, sizeof(duid));
    /* the DHCPv4 lease's portal and the name sent: strings of the record */
    assert_string_equal(a->captive_portal, "");
    assert_int_equal(ipcfg_adapter_set_captive_portal(&l, a, "https://p.example/xyz", 17), 0);
    assert_int_equal(ipcfg_adapter_set_fqdn_sent(&l, a, "ws-042.example", 14), 0);

    ipcfg_lease6 *ls = ipcfg_adapter_add_lease6(&l, a);
    assert_non_null(ls);
    assert_ptr_equal(a->lease6, ls);
    assert_ptr_equal(ipcfg_adapter_add_lease6(&l, a), ls); /* one a record */
    assert_int_equal((uintptr_t)ls % _Alignof(ipcfg_lease6), 0);
    assert_int_equal((uintptr_t)ls % 8, 0);
    assert_int_equal(ls->state, IPCFG_LEASE6_BOUND);
    assert_true(ls->expires == IPCFG_TIME_NEVER && ls->t1 == IPCFG_TIME_NEVER && ls->t2 == IPCFG_TIME_NEVER);
    assert_int_equal(ls->server_address.family, IPCFG_AF_NONE);
    assert_int_equal(ls->kept, IPCFG_UNKNOWN);
    assert_int_equal(ipcfg_lease6_set_server_duid(&l, ls, duid + 4, 10), 0);
    ipcfg_ip ip;
    assert_int_equal(ipcfg_ip6_parse("2001:db8::10", &ip), 0);
    for (int i = 0; i < IPCFG_LEASE6_MAX_ADDRS; i++)
        assert_int_equal(ipcfg_lease6_add_addr(ls, &ip, 100 + i, IPCFG_TIME_NEVER), 0);
    assert_int_equal(ipcfg_lease6_add_addr(ls, &ip, 1, 2), -1);
    for (int i = 0; i < IPCFG_LEASE6_MAX_DNS; i++)
        assert_int_equal(ipcfg_lease6_add_dns(ls, &ip), 0);
    assert_int_equal(ipcfg_lease6_add_dns(ls, &ip), -1);
    char nm[32];
    for (int i = 0; i < IPCFG_LEASE6_MAX_DOMAINS; i++) {
        snprintf(nm, sizeof(nm), "d%d.example", i);
        assert_int_equal(ipcfg_lease6_add_domain(&l, ls, nm, strlen(nm)), 0);
    }
    assert_int_equal(ipcfg_lease6_add_domain(&l, ls, "x.example", 9), -1);
    assert_int_equal(ls->n_addrs, IPCFG_LEASE6_MAX_ADDRS);
    assert_true(ls->addrs[7].preferred_until == 107 && ls->addrs[7].valid_until == IPCFG_TIME_NEVER);

    /* a second record's lease after a string of odd length: aligned too */
    ipcfg_adapter *b = ipcfg_adapters_push(&l);
    assert_int_equal(ipcfg_adapter_set_description(&l, b, "abcde", 5), 0);
    ipcfg_lease6 *lb = ipcfg_adapter_add_lease6(&l, b);
    assert_non_null(lb);
    assert_int_equal((uintptr_t)lb % 8, 0);
    assert_ptr_not_equal(lb, ls);

    ipcfg_adapter copy;
    assert_int_equal(ipcfg_adapter_copy(&copy, &l.items[0]), 0);
    ipcfg_adapters_free(&l); /* the original's arena gone */
    assert_string_equal(copy.name, "eth");
    assert_string_equal(copy.captive_portal, "https://p.example");
    assert_string_equal(copy.fqdn_sent, "ws-042.example");
    assert_int_equal(copy.dhcpv6_duid_len, sizeof(duid));
    assert_memory_equal(copy.dhcpv6_duid, duid, sizeof(duid));
    assert_non_null(copy.lease6);
    assert_int_equal((uintptr_t)copy.lease6 % 8, 0);
    assert_int_equal(copy.lease6->server_duid_len, 10);
    assert_memory_equal(copy.lease6->server_duid, duid + 4, 10);
    assert_int_equal(copy.lease6->n_domains, IPCFG_LEASE6_MAX_DOMAINS);
    for (int i = 0; i < IPCFG_LEASE6_MAX_DOMAINS; i++) {
        snprintf(nm, sizeof(nm), "d%d.example", i);
        assert_string_equal(copy.lease6->domains[i], nm);
    }
    assert_int_equal(copy.lease6->n_dns, IPCFG_LEASE6_MAX_DNS);
    assert_true(ipcfg_ip_equal(&copy.lease6->addrs[0].ip, &ip));
    ipcfg_adapter_free(&copy);
    assert_string_equal(copy.fqdn_sent, "");
    assert_null(copy.lease6);
    assert_null(copy.dhcpv6_duid);
    assert_int_equal(copy.dhcpv6_duid_len, 0);

    /* out of memory: NULL / -1, the record as it was */
    ipcfg_adapter_list m = {0};
    ipcfg_adapter *c = ipcfg_adapters_push(&m);
    ipcfg_strarena_malloc = counting_malloc;
    g_chunks = 0;
    g_fail_chunk = 1;
    assert_null(ipcfg_adapter_add_lease6(&m, c));
    assert_null(c->lease6);
    g_chunks = 0;
    assert_int_equal(ipcfg_adapter_set_dhcpv6_duid(&m, c, duid, sizeof(duid)), -1);
    assert_int_equal(c->dhcpv6_duid_len, 0);
    g_fail_chunk = 0;
    ls = ipcfg_adapter_add_lease6(&m, c);
    assert_non_null(ls);
    /* the chunk's room used up, the next chunk fails: a domain is not added */
    ls->n_domains = 0;
    char big[70000];
    memset(big, 'q', sizeof(big));
    g_chunks = 0;
    g_fail_chunk = 1;
    assert_int_equal(ipcfg_lease6_add_domain(&m, ls, big, sizeof(big)), -1);
    /* a server DUID longer than RFC 8415 §11.1 allows: refused, the lease as it was */
    assert_int_equal(ipcfg_lease6_set_server_duid(&m, ls, long_duid, sizeof(long_duid)), -1);
    assert_int_equal(ls->n_domains, 0);
    assert_int_equal(ls->server_duid_len, 0);
    ipcfg_strarena_malloc = malloc;
    ipcfg_adapters_free(&m);
}

/* A copy's own block holds the DHCPv6 lease, the search list's table and
 * the strings and DUIDs together: each where it belongs (the lease at the
 * block's start, the table after it, neither overlapping the other),
 * every one intact once the original's list is gone, and a search list
 * that grows on the copy leaves its lease alone; a copy of the copy has
 * its own. */
static void dhcpv6_lease_copy_with_search_list(void **s)
{
    (void)s;
    static const uint8_t duid[] = {0x00, 0x04, 0x7b, 0x3e, 0x91, 0x0c, 0x55, 0xa2, 0x4f,
                                   0x6b, 0x9d, 0x2e, 0x01, 0xc4, 0x88, 0xf3, 0x5a, 0x17};
    ipcfg_adapter_list l = {0};
    ipcfg_adapter *a = ipcfg_adapters_push(&l);
    assert_non_null(a);
    assert_int_equal(ipcfg_adapter_set_name(&l, a, "eth0", 4), 0);
    assert_int_equal(ipcfg_adapter_add_conn_search(&l, a, "corp.example", 12), 0);
    assert_int_equal(ipcfg_adapter_add_conn_search(&l, a, "example", 7), 0);
    assert_int_equal(ipcfg_adapter_set_dhcpv6_duid(&l, a, duid, sizeof(duid)), 0);
    ipcfg_lease6 *ls = ipcfg_adapter_add_lease6(&l, a);
    assert_non_null(ls);
    ls->state = IPCFG_LEASE6_STATELESS; /* configuration only: no server DUID, no address */
    ls->obtained = 1764370012;
    ls->expires = 1764370012 + 86400;
    ls->kept = IPCFG_YES;
    snprintf(ls->client, sizeof(ls->client), "ipcfg");
    snprintf(ls->keeper, sizeof(ls->keeper), "systemd");
    ipcfg_ip d0, d1;
    assert_int_equal(ipcfg_ip6_parse("2001:db8:1::53", &d0), 0);
    assert_int_equal(ipcfg_ip6_parse("2001:db8:1::54", &d1), 0);
    assert_int_equal(ipcfg_lease6_add_dns(ls, &d0), 0);
    assert_int_equal(ipcfg_lease6_add_dns(ls, &d1), 0);
    assert_int_equal(ipcfg_lease6_add_domain(&l, ls, "lab.example", 11), 0);
    assert_int_equal(ipcfg_lease6_add_domain(&l, ls, "corp.example", 12), 0);

    ipcfg_adapter copy;
    assert_int_equal(ipcfg_adapter_copy(&copy, a), 0);
    ipcfg_adapters_free(&l); /* the original's arena gone */
    const ipcfg_lease6 *cl = copy.lease6;
    assert_non_null(cl);
    assert_ptr_equal((const void *)cl, copy.own); /* the lease first in the block */
    assert_int_equal((uintptr_t)cl % 8, 0);
    assert_true((const char *)copy.conn_search >= (const char *)(cl + 1));
    assert_int_equal((uintptr_t)copy.conn_search % _Alignof(const char *), 0);
    assert_string_equal(copy.name, "eth0");
    assert_int_equal(copy.n_conn_search, 2);
    assert_string_equal(copy.conn_search[0], "corp.example");
    assert_string_equal(copy.conn_search[1], "example");
    assert_int_equal(copy.dhcpv6_duid_len, sizeof(duid));
    assert_memory_equal(copy.dhcpv6_duid, duid, sizeof(duid));
    assert_int_equal(cl->state, IPCFG_LEASE6_STATELESS);
    assert_true(cl->obtained == 1764370012 && cl->expires == 1764370012 + 86400);
    assert_true(cl->t1 == IPCFG_TIME_NEVER && cl->t2 == IPCFG_TIME_NEVER);
    assert_null(cl->server_duid);
    assert_int_equal(cl->server_duid_len, 0);
    assert_int_equal(cl->n_addrs, 0);
    assert_int_equal(cl->n_dns, 2);
    assert_true(ipcfg_ip_equal(&cl->dns[0], &d0) && ipcfg_ip_equal(&cl->dns[1], &d1));
    assert_int_equal(cl->n_domains, 2);
    assert_string_equal(cl->domains[0], "lab.example");
    assert_string_equal(cl->domains[1], "corp.example");
    assert_int_equal(cl->kept, IPCFG_YES);
    assert_string_equal(cl->client, "ipcfg");
    assert_string_equal(cl->keeper, "systemd");

    /* the copy's search list grows (room for IPCFG_SEARCH_MAX) in another
     * list's arena: its lease is not written over */
    ipcfg_adapter_list m = {0};
    char nm[32];
    for (int i = 2; i < IPCFG_SEARCH_MAX; i++) {
        snprintf(nm, sizeof(nm), "s%d.example", i);
        assert_int_equal(ipcfg_adapter_add_conn_search(&m, &copy, nm, strlen(nm)), 0);
    }
    assert_int_equal(ipcfg_adapter_add_conn_search(&m, &copy, "full.example", 12), -1);
    assert_string_equal(copy.conn_search[IPCFG_SEARCH_MAX - 1], "s15.example");
    assert_int_equal(cl->n_dns, 2);
    assert_int_equal(cl->n_domains, 2);
    assert_string_equal(cl->domains[0], "lab.example");
    assert_int_equal(cl->state, IPCFG_LEASE6_STATELESS);

    /* a copy of the copy: its own lease, equal to it */
    ipcfg_adapter again;
    assert_int_equal(ipcfg_adapter_copy(&again, &copy), 0);
    assert_ptr_not_equal(again.lease6, copy.lease6);
    assert_int_equal(again.n_conn_search, IPCFG_SEARCH_MAX);
    assert_string_equal(again.lease6->domains[1], "corp.example");
    ipcfg_adapter_free(&copy);
    ipcfg_adapters_free(&m);
    assert_string_equal(again.conn_search[IPCFG_SEARCH_MAX - 1], "s15.example");
    assert_string_equal(again.lease6->keeper, "systemd");
    ipcfg_adapter_free(&again);
}

/* A record holding a DHCPv6 lease and nothing else: its copy's block is
 * the lease alone. */
static void dhcpv6_lease_alone_copy(void **s)
{
    (void)s;
    ipcfg_ip d0;
    assert_int_equal(ipcfg_ip6_parse("2001:db8:1::1d4", &d0), 0);
    ipcfg_adapter copy;
    ipcfg_adapter_list n = {0};
    ipcfg_adapter *b = ipcfg_adapters_push(&n);
    ipcfg_lease6 *lb = ipcfg_adapter_add_lease6(&n, b);
    assert_non_null(lb);
    assert_int_equal(ipcfg_lease6_add_addr(lb, &d0, 100, 200), 0);
    assert_int_equal(ipcfg_adapter_copy(&copy, b), 0);
    ipcfg_adapters_free(&n);
    assert_ptr_equal((const void *)copy.lease6, copy.own);
    assert_null(copy.conn_search);
    assert_null(copy.dhcpv6_duid);
    assert_string_equal(copy.name, "");
    assert_int_equal(copy.lease6->n_addrs, 1);
    assert_true(ipcfg_ip_equal(&copy.lease6->addrs[0].ip, &d0));
    assert_true(copy.lease6->addrs[0].preferred_until == 100 && copy.lease6->addrs[0].valid_until == 200);
    assert_int_equal(copy.lease6->n_domains, 0);
    ipcfg_adapter_free(&copy);
    assert_null(copy.lease6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ipv6_text), cmocka_unit_test(ipv4_text), cmocka_unit_test(masks),
        cmocka_unit_test(arrays_and_sort), cmocka_unit_test(error_set_is_fresh),
        cmocka_unit_test(long_text_cut_at_a_character), cmocka_unit_test(strings_across_chunks),
        cmocka_unit_test(search_list_and_copy), cmocka_unit_test(strings_out_of_memory),
        cmocka_unit_test(dhcpv6_lease_and_copy), cmocka_unit_test(dhcpv6_lease_copy_with_search_list),
        cmocka_unit_test(dhcpv6_lease_alone_copy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
