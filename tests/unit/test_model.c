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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ipv6_text), cmocka_unit_test(ipv4_text), cmocka_unit_test(masks),
        cmocka_unit_test(arrays_and_sort), cmocka_unit_test(error_set_is_fresh),
        cmocka_unit_test(long_text_cut_at_a_character), cmocka_unit_test(strings_across_chunks),
        cmocka_unit_test(search_list_and_copy), cmocka_unit_test(strings_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
