/* A DHCPv6 lease kept by the one timeline (dhcp6_keep.c feeding
 * src/dhcp/dhcp_keep.c): its times taken from the record (T1 and T2 of
 * the IA_NA, the last address's valid lifetime), then Renew at T1, Rebind
 * at T2, its DNS withdrawn and a Solicit at the expiry, Confirm after the
 * link comes back, a released record the end (RFC 8415 §18.2).
 * SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "dhcp6_keep.h"
#include "dhcp6_testutil.h"

#define OBT 1764370000LL

static ipcfg_dhcp_clocks at(int64_t s)
{
    ipcfg_dhcp_clocks c = {9000000 + s * 1000, 8000000 + s * 1000, OBT + s};
    return c;
}

static ipcfg_dhcp_keep_act step(ipcfg_dhcp_keep *k, ipcfg_dhcp_keep_ev_kind kind, const ipcfg_dhcp6_lease *l,
                                int link_up, int64_t s)
{
    ipcfg_dhcp_keep_times t;
    ipcfg_dhcp_clocks c = at(s);

    if (l != NULL)
        ipcfg_dhcp6_keep_times(l, &t);
    ipcfg_dhcp_keep_ev ev = {kind, l != NULL ? &t : NULL, link_up, 1};
    return ipcfg_dhcp_keep_step(k, &ev, &c);
}

static void times_from_the_record(void **st)
{
    ipcfg_dhcp6_lease l;
    ipcfg_dhcp_keep_times t;

    (void)st;
    t6_lease(&l, OBT, 3600, 7200);
    l.t1 = 1800;
    l.t2 = 2880;
    l.addrs[1] = l.addrs[0];
    l.addrs[1].valid = 9000; /* the IA_NA ends with its last address */
    l.n_addrs = 2;
    ipcfg_dhcp6_keep_times(&l, &t);
    assert_int_equal(t.state, IPCFG_DHCP_KEEP_REC_BOUND);
    assert_int_equal(t.obtained, OBT);
    assert_int_equal(t.lifetime, 9000);
    assert_int_equal(t.t1, 1800);
    assert_int_equal(t.t2, 2880);
    l.addrs[0].valid = IPCFG_DHCP6_INFINITE;
    ipcfg_dhcp6_keep_times(&l, &t);
    assert_int_equal(t.lifetime, IPCFG_DHCP_INFINITE);
    /* released: the end; configuration only, or no address: nothing kept */
    l.state = IPCFG_DHCP6_LEASE_RELEASED;
    ipcfg_dhcp6_keep_times(&l, &t);
    assert_int_equal(t.state, IPCFG_DHCP_KEEP_REC_RELEASED);
    l.state = IPCFG_DHCP6_LEASE_STATELESS;
    ipcfg_dhcp6_keep_times(&l, &t);
    assert_int_equal(t.state, IPCFG_DHCP_KEEP_REC_OTHER);
    l.state = IPCFG_DHCP6_LEASE_BOUND;
    l.n_addrs = 0;
    ipcfg_dhcp6_keep_times(&l, &t);
    assert_int_equal(t.state, IPCFG_DHCP_KEEP_REC_OTHER);
}

/* Renew at T1, Rebind at T2, withdrawn and Solicit at the expiry. */
static void renew_rebind_solicit(void **st)
{
    ipcfg_dhcp6_lease l;
    ipcfg_dhcp_keep k;
    ipcfg_dhcp_keep_act a;

    (void)st;
    t6_lease(&l, OBT, 60, 120);
    l.t1 = 30;
    l.t2 = 90;
    ipcfg_dhcp_keep_init(&k);
    a = step(&k, IPCFG_DHCP_KEEP_EV_START, &l, 1, 0);
    assert_int_equal(a.dns, IPCFG_DHCP_KEEP_DNS_RESTORE);
    a = step(&k, IPCFG_DHCP_KEEP_EV_LOOK, NULL, 1, 1);
    assert_int_equal(a.what, IPCFG_DHCP_KEEP_WAIT);
    assert_int_equal(a.next_ms, at(30).boot_ms);
    a = step(&k, IPCFG_DHCP_KEEP_EV_LOOK, NULL, 1, 30);
    assert_int_equal(a.what, IPCFG_DHCP_KEEP_RENEW);
    /* the server silent: tried again, Rebind once T2 passed */
    a = step(&k, IPCFG_DHCP_KEEP_EV_FAILED, &l, 1, 40);
    a = step(&k, IPCFG_DHCP_KEEP_EV_LOOK, NULL, 1, 91);
    assert_int_equal(a.what, IPCFG_DHCP_KEEP_REBIND);
    a = step(&k, IPCFG_DHCP_KEEP_EV_FAILED, &l, 1, 100);
    a = step(&k, IPCFG_DHCP_KEEP_EV_LOOK, NULL, 1, 120);
    assert_int_equal(a.dns, IPCFG_DHCP_KEEP_DNS_WITHDRAW);
    assert_int_equal(a.what, IPCFG_DHCP_KEEP_OBTAIN);
    assert_int_equal(k.state, IPCFG_DHCP_KEEP_S_EXPIRED);
}

/* The link back: Confirm (VERIFY); a released record: the end. */
static void confirm_and_release(void **st)
{
    ipcfg_dhcp6_lease l;
    ipcfg_dhcp_keep k;
    ipcfg_dhcp_keep_act a;

    (void)st;
    t6_lease(&l, OBT, 600, 1200);
    ipcfg_dhcp_keep_init(&k);
    (void)step(&k, IPCFG_DHCP_KEEP_EV_START, &l, 1, 0);
    (void)step(&k, IPCFG_DHCP_KEEP_EV_LINK, NULL, 0, 10);
    (void)step(&k, IPCFG_DHCP_KEEP_EV_LINK, NULL, 1, 20);
    a = step(&k, IPCFG_DHCP_KEEP_EV_LOOK, NULL, 1, 20);
    assert_int_equal(a.what, IPCFG_DHCP_KEEP_VERIFY);
    (void)step(&k, IPCFG_DHCP_KEEP_EV_BOUND, &l, 1, 21);
    l.state = IPCFG_DHCP6_LEASE_RELEASED;
    ipcfg_dhcp_keep_init(&k);
    a = step(&k, IPCFG_DHCP_KEEP_EV_START, &l, 1, 30);
    assert_int_equal(a.what, IPCFG_DHCP_KEEP_STOP);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(times_from_the_record),
        cmocka_unit_test(renew_rebind_solicit),
        cmocka_unit_test(confirm_and_release),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
