/* ipcfg — the RFC 5227 probe's ARP packets: their format and the rule
 * that tells a conflict (dhcp_arp.c).
 * SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "dhcp_arp.h"

static const uint8_t me[6] = {2, 0, 0, 0, 0, 1}, other[6] = {2, 0, 0, 0, 0, 2};
static const uint8_t addr[4] = {10, 1, 2, 3};

static ipcfg_dhcp_arp arp(uint16_t op, const uint8_t sha[6], const uint8_t spa[4], const uint8_t tpa[4])
{
    uint8_t pkt[28];
    ipcfg_dhcp_arp a;
    size_t n = ipcfg_dhcp_arp_probe(pkt, sizeof pkt, sha, tpa);
    assert_int_equal(n, 28);
    pkt[7] = (uint8_t)op;
    memcpy(pkt + 14, spa, 4);
    assert_int_equal(ipcfg_dhcp_arp_parse(pkt, n, &a), 0);
    return a;
}

static void test_arp_probe_format(void **state)
{
    uint8_t pkt[28], small[27];
    static const uint8_t want[28] = {0, 1, 8, 0, 6, 4, 0, 1, 2, 0, 0, 0, 0, 1, 0, 0,
                                     0, 0, 0, 0, 0, 0, 0, 0, 10, 1, 2, 3};
    ipcfg_dhcp_arp a;
    (void)state;
    assert_int_equal(ipcfg_dhcp_arp_probe(pkt, sizeof pkt, me, addr), 28);
    assert_memory_equal(pkt, want, 28);
    assert_int_equal(ipcfg_dhcp_arp_probe(small, sizeof small, me, addr), 0);
    assert_int_equal(ipcfg_dhcp_arp_parse(pkt, 27, &a), -1); /* truncated */
    pkt[5] = 16;                                             /* not IPv4 */
    assert_int_equal(ipcfg_dhcp_arp_parse(pkt, 28, &a), -1);
}

static void test_arp_conflict(void **state)
{
    static const uint8_t zero[4], elsewhere[4] = {10, 1, 2, 4};
    (void)state;
    /* another machine answers for, announces or asks from the address */
    ipcfg_dhcp_arp a = arp(2, other, addr, zero);
    assert_true(ipcfg_dhcp_arp_conflict(&a, me, addr));
    a = arp(1, other, addr, addr);
    assert_true(ipcfg_dhcp_arp_conflict(&a, me, addr));
    /* another machine probes for it at the same time */
    a = arp(1, other, zero, addr);
    assert_true(ipcfg_dhcp_arp_conflict(&a, me, addr));
    /* our own probe, traffic about other addresses */
    a = arp(1, me, zero, addr);
    assert_false(ipcfg_dhcp_arp_conflict(&a, me, addr));
    a = arp(2, other, elsewhere, zero);
    assert_false(ipcfg_dhcp_arp_conflict(&a, me, addr));
    a = arp(2, other, elsewhere, addr); /* a reply to us about another address */
    assert_false(ipcfg_dhcp_arp_conflict(&a, me, addr));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arp_probe_format),
        cmocka_unit_test(test_arp_conflict),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
