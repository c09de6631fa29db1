/* ipcfg — the Linux backend end to end against the running kernel, read
 * only: list() and addrtable() must agree with what sysfs says about the
 * same interfaces, and the refusals that need no privilege (delete by NTE
 * context, delete of an absent address) must give their documented codes.
 * Nothing is changed; no namespace is needed.
 * SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE 1
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <dirent.h>

#include "ipcfg/backend.h"
#include "command/host.h"
#include "command/sysfs.h"

static ipcfg_backend be;

static int setup(void **state)
{
    ipcfg_error err;
    (void)state;
    ipcfg_error_clear(&err);
    return ipcfg_platform_backend(&be, &err);
}

static int teardown(void **state)
{
    (void)state;
    be.destroy(&be);
    return 0;
}

static void test_identity(void **state)
{
    (void)state;
    assert_string_equal(be.title, "Linux IP Configuration");
    assert_string_equal(be.platform, "linux");
    assert_non_null(be.release); /* ipcfg's DHCPv4 client (src/linux/dhcp_run.c) */
    assert_non_null(be.renew);
    assert_true(be.renew_obtains); /* /renew eth0 starts DHCP on eth0 */
}

static const ipcfg_adapter *by_name(const ipcfg_adapter_list *l, const char *name)
{
    size_t i;
    for (i = 0; i < l->n; i++)
        if (strcmp(l->items[i].name, name) == 0)
            return &l->items[i];
    return NULL;
}

static void test_list_matches_sysfs(void **state)
{
    ipcfg_adapter_list l;
    ipcfg_host h;
    ipcfg_error err;
    DIR *d;
    struct dirent *de;
    size_t seen = 0, i;
    (void)state;

    memset(&l, 0, sizeof(l));
    ipcfg_error_clear(&err);
    assert_int_equal(be.list(&be, &h, &l, &err), 0);
    assert_true(l.n > 0);
    for (i = 1; i < l.n; i++)
        assert_true(l.items[i - 1].ifindex < l.items[i].ifindex); /* ifindex order, no duplicates */

    d = opendir("/sys/class/net");
    assert_non_null(d);
    while ((de = readdir(d)) != NULL) {
        char p[512], buf[128];
        const ipcfg_adapter *a;
        if (de->d_name[0] == '.')
            continue;
        snprintf(p, sizeof(p), "/sys/class/net/%s/ifindex", de->d_name);
        if (ipcfg_lx_read_file(p, buf, sizeof(buf)) <= 0)
            continue; /* bonding_masters and the like */
        a = by_name(&l, de->d_name);
        assert_non_null(a);
        assert_int_equal(a->ifindex, strtoul(buf, NULL, 10));
        assert_string_equal(a->id, de->d_name);
        seen++;
        /* The physical address as sysfs prints it (when one is shown). */
        snprintf(p, sizeof(p), "/sys/class/net/%s/address", de->d_name);
        if (a->hwaddr_len == 6 && ipcfg_lx_read_file(p, buf, sizeof(buf)) > 0) {
            char mine[32];
            snprintf(mine, sizeof(mine), "%02x:%02x:%02x:%02x:%02x:%02x\n", a->hwaddr[0], a->hwaddr[1],
                     a->hwaddr[2], a->hwaddr[3], a->hwaddr[4], a->hwaddr[5]);
            assert_string_equal(mine, buf);
        }
    }
    closedir(d);
    assert_int_equal(seen, l.n);
    {
        const ipcfg_adapter *lo = by_name(&l, "lo");
        if (lo != NULL)
            assert_int_equal(lo->type, IPCFG_IF_LOOPBACK);
    }
    ipcfg_adapters_free(&l);
}

static void test_addrtable_consistent(void **state)
{
    ipcfg_addrtable t;
    ipcfg_adapter_list l;
    ipcfg_error err;
    size_t i, j;
    (void)state;

    memset(&t, 0, sizeof(t));
    memset(&l, 0, sizeof(l));
    ipcfg_error_clear(&err);
    assert_int_equal(be.addrtable(&be, &t, &err), 0);
    assert_int_equal(be.list(&be, NULL, &l, &err), 0);
    /* Every row is an IPv4 address of the adapter it names, with its mask. */
    for (i = 0; i < t.n; i++) {
        const ipcfg_adapter *a = by_name(&l, t.rows[i].ifname);
        int found = 0;
        assert_non_null(a);
        assert_int_equal(a->ifindex, t.rows[i].ifindex);
        assert_int_equal(t.rows[i].addr.family, IPCFG_AF_INET4);
        for (j = 0; j < a->n_addrs; j++)
            if (ipcfg_ip_equal(&a->addrs[j].ip, &t.rows[i].addr) && a->addrs[j].prefix_len == t.rows[i].prefix_len)
                found = 1;
        assert_true(found);
        assert_true((t.rows[i].flags & (IPCFG_AT_PRIMARY | IPCFG_AT_SECONDARY)) != 0);
        assert_int_equal(!!(t.rows[i].flags & IPCFG_AT_DISCONNECTED), !a->media_connected);
    }
    ipcfg_addrtable_free(&t);
    ipcfg_adapters_free(&l);
}

/* sysfs facts are used only for the link they describe: the name must
 * resolve to the same ifindex (lo is always index 1). */
static void test_sysfs_same_link(void **state)
{
    (void)state;
    assert_int_equal(ipcfg_lx_sysfs_same_link("lo", 1), 1);
    assert_int_equal(ipcfg_lx_sysfs_same_link("lo", 2), 0);
    assert_int_equal(ipcfg_lx_sysfs_same_link("ipcfg-no-such-if", 1), 0);
    assert_int_equal(ipcfg_lx_sysfs_same_link("../lo", 1), 0);
}

static void test_delete_refusals(void **state)
{
    ipcfg_delete_target t;
    ipcfg_error err;
    ipcfg_addrtable tab;
    size_t i;
    unsigned last;
    char want[64];
    (void)state;

    memset(&t, 0, sizeof(t));
    t.by_context = 1;
    t.context = 7;
    ipcfg_error_clear(&err);
    assert_int_equal(be.delete_address(&be, &t, &err), IPCFG_E_NOTSUP);
    assert_int_equal(err.reason, IPCFG_R_NOTSUP);
    assert_string_equal(err.text, "NTE contexts exist only on Windows; name the address instead.");

    /* An address this host does not hold: the first of 198.51.100.254,
     * .253, ... (TEST-NET-2) that the address table does not list. */
    memset(&tab, 0, sizeof(tab));
    assert_int_equal(be.addrtable(&be, &tab, &err), 0);
    memset(&t, 0, sizeof(t));
    for (last = 254; last > 0; last--) {
        int held = 0;
        ipcfg_ip4(&t.addr, 198, 51, 100, (uint8_t)last);
        for (i = 0; i < tab.n; i++)
            held |= ipcfg_ip_equal(&tab.rows[i].addr, &t.addr);
        if (!held)
            break;
    }
    assert_true(last > 0);
    snprintf(want, sizeof(want), "The address 198.51.100.%u was not found.", last);
    ipcfg_addrtable_free(&tab);
    ipcfg_error_clear(&err);
    assert_int_equal(be.delete_address(&be, &t, &err), IPCFG_E_STATE);
    assert_int_equal(err.reason, IPCFG_R_NOT_FOUND);
    assert_string_equal(err.text, want);

    /* Not an IPv4 address. */
    memset(&t, 0, sizeof(t));
    t.addr.family = IPCFG_AF_INET6;
    ipcfg_error_clear(&err);
    assert_int_equal(be.delete_address(&be, &t, &err), IPCFG_E_USAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identity),
        cmocka_unit_test(test_list_matches_sysfs),
        cmocka_unit_test(test_addrtable_consistent),
        cmocka_unit_test(test_delete_refusals),
        cmocka_unit_test(test_sysfs_same_link),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
