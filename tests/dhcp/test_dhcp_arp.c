/* ipcfg — the RFC 5227 probe's ARP packets: their format, the rule that
 * tells a conflict, and the probe's schedule on an injected clock
 * (dhcp_arp.c).
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

/* Two probes 100 ms apart from the start, the address free at the end
 * of the wait; a conflict heard ends it; nothing is due once it ended. */
static void test_probe_schedule(void **state)
{
    ipcfg_dhcp_probe p;
    uint8_t pkt[28];
    (void)state;

    ipcfg_dhcp_probe_start(&p, addr, 1000, 200);
    assert_int_equal(ipcfg_dhcp_probe_next(&p), 1000);
    assert_int_equal(ipcfg_dhcp_probe_step(&p, 1000), IPCFG_DHCP_PROBE_SEND);
    assert_int_equal(ipcfg_dhcp_probe_step(&p, 1000), IPCFG_DHCP_PROBE_IDLE);
    assert_int_equal(ipcfg_dhcp_probe_next(&p), 1100);
    assert_int_equal(ipcfg_dhcp_probe_step(&p, 1099), IPCFG_DHCP_PROBE_IDLE);
    assert_int_equal(ipcfg_dhcp_probe_step(&p, 1100), IPCFG_DHCP_PROBE_SEND);
    assert_int_equal(p.sent, IPCFG_DHCP_PROBE_COUNT);
    assert_int_equal(ipcfg_dhcp_probe_next(&p), 1200); /* no third probe: the end */
    assert_int_equal(ipcfg_dhcp_probe_step(&p, 1150), IPCFG_DHCP_PROBE_IDLE);
    assert_int_equal(ipcfg_dhcp_probe_step(&p, 1200), IPCFG_DHCP_PROBE_FREE);
    assert_int_equal(ipcfg_dhcp_probe_step(&p, 5000), IPCFG_DHCP_PROBE_IDLE);
    assert_true(ipcfg_dhcp_probe_next(&p) == INT64_MAX);

    /* a wait shorter than the interval: one probe, then the verdict */
    ipcfg_dhcp_probe_start(&p, addr, 0, 50);
    assert_int_equal(ipcfg_dhcp_probe_step(&p, 0), IPCFG_DHCP_PROBE_SEND);
    assert_int_equal(ipcfg_dhcp_probe_next(&p), 50);
    assert_int_equal(ipcfg_dhcp_probe_step(&p, 60), IPCFG_DHCP_PROBE_FREE);

    /* our own probe is no conflict; another machine's answer is, once */
    ipcfg_dhcp_probe_start(&p, addr, 0, 200);
    assert_int_equal(ipcfg_dhcp_probe_step(&p, 0), IPCFG_DHCP_PROBE_SEND);
    assert_int_equal(ipcfg_dhcp_arp_probe(pkt, sizeof pkt, me, addr), 28);
    assert_false(ipcfg_dhcp_probe_heard(&p, pkt, sizeof pkt, me));
    assert_false(ipcfg_dhcp_probe_heard(&p, pkt, 27, other)); /* truncated */
    pkt[7] = 2;                                               /* a reply from the address */
    memcpy(pkt + 14, addr, 4);
    memcpy(pkt + 8, other, 6);
    assert_true(ipcfg_dhcp_probe_heard(&p, pkt, sizeof pkt, me));
    assert_false(ipcfg_dhcp_probe_heard(&p, pkt, sizeof pkt, me)); /* ended */
    assert_int_equal(ipcfg_dhcp_probe_step(&p, 1000), IPCFG_DHCP_PROBE_IDLE);

    /* stopped: nothing more */
    ipcfg_dhcp_probe_start(&p, addr, 0, 200);
    ipcfg_dhcp_probe_stop(&p);
    assert_int_equal(ipcfg_dhcp_probe_step(&p, 0), IPCFG_DHCP_PROBE_IDLE);
    assert_false(ipcfg_dhcp_probe_heard(&p, pkt, sizeof pkt, me));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arp_probe_format),
        cmocka_unit_test(test_arp_conflict),
        cmocka_unit_test(test_probe_schedule),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
