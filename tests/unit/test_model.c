/* Model helpers: address text forms and masks.  SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ipv6_text), cmocka_unit_test(ipv4_text), cmocka_unit_test(masks),
        cmocka_unit_test(arrays_and_sort), cmocka_unit_test(error_set_is_fresh),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
