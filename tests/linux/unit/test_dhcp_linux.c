/* ipcfg — unit tests of the Linux DHCP side's pieces that need no
 * privilege and send nothing: the ARP probe format and conflict rule
 * (dhcp_io.c), the lease store (dhcp_store.c: atomic save, load, corrupt
 * and foreign files, the state directory) and the per-interface lock, and
 * the listing's view of the lease files (dhcp_view.c).
 * SPDX-License-Identifier: MIT */
#define _GNU_SOURCE 1
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "exchange/lease_store.h"
#include "command/lease_view.h"

static const uint8_t me[6] = {2, 0, 0, 0, 0, 1};
static const uint8_t addr[4] = {10, 1, 2, 3};

static char dir[256];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/ipcfg-unit-dhcp.XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    char cmd[300];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static ipcfg_dhcp_lease bound(const char *ifname)
{
    ipcfg_dhcp_lease l;
    memset(&l, 0, sizeof l);
    l.state = IPCFG_DHCP_LEASE_BOUND;
    snprintf(l.ifname, sizeof l.ifname, "%s", ifname);
    memcpy(l.hwaddr, me, 6);
    l.hwaddr_len = 6;
    l.client_id[0] = 1;
    memcpy(l.client_id + 1, me, 6);
    l.client_id_len = 7;
    memcpy(l.address, addr, 4);
    l.prefix_len = 24;
    l.server_id[0] = 10, l.server_id[1] = 1, l.server_id[2] = 2, l.server_id[3] = 1;
    memcpy(l.routers[0], l.server_id, 4);
    l.n_routers = 1;
    memcpy(l.dns[0], l.server_id, 4);
    l.n_dns = 1;
    snprintf(l.domain, sizeof l.domain, "example.test");
    l.lease_time = 600;
    l.t1 = 300;
    l.t2 = 525;
    l.obtained = 1700000000;
    return l;
}

static void write_file(const char *name, const char *text)
{
    char p[512];
    FILE *f;
    snprintf(p, sizeof p, "%s/%s", dir, name);
    f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_store_round_trip(void **state)
{
    ipcfg_dhcp_lease l = bound("eth0"), back;
    ipcfg_error err;
    char why[512], sub[300];
    struct stat st;
    (void)state;
    ipcfg_error_clear(&err);
    snprintf(sub, sizeof sub, "%s/state", dir);
    assert_int_equal(ipcfg_lx_statedir_ensure(sub, &err), 0);
    assert_int_equal(stat(sub, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0755);
    assert_int_equal(ipcfg_lx_statedir_ensure(sub, &err), 0); /* exists: fine */

    assert_int_equal(ipcfg_lx_lease_load(sub, "eth0", &back, why, sizeof why), 0); /* none yet */
    assert_int_equal(ipcfg_lx_lease_save(sub, &l, &err), 0);
    assert_int_equal(ipcfg_lx_lease_load(sub, "eth0", &back, why, sizeof why), 1);
    assert_memory_equal(back.address, addr, 4);
    assert_int_equal(back.lease_time, 600);
    assert_string_equal(back.domain, "example.test");

    l.state = IPCFG_DHCP_LEASE_RELEASED; /* replaced in place */
    memset(l.address, 0, 4);
    l.n_routers = l.n_dns = 0;
    l.domain[0] = '\0';
    l.lease_time = l.t1 = l.t2 = 0;
    l.obtained = 0;
    l.prefix_len = 0;
    memset(l.server_id, 0, 4);
    assert_int_equal(ipcfg_lx_lease_save(sub, &l, &err), 0);
    assert_int_equal(ipcfg_lx_lease_load(sub, "eth0", &back, why, sizeof why), 1);
    assert_int_equal(back.state, IPCFG_DHCP_LEASE_RELEASED);
}

static void test_store_corrupt(void **state)
{
    ipcfg_dhcp_lease l = bound("eth1"), back;
    ipcfg_error err;
    char why[512], text[4096], p[512];
    size_t n;
    (void)state;
    ipcfg_error_clear(&err);
    assert_int_equal(ipcfg_lx_lease_save(dir, &l, &err), 0);
    snprintf(p, sizeof p, "%s/eth1.lease", dir);
    FILE *f = fopen(p, "r");
    assert_non_null(f);
    n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    /* every truncation is rejected whole, with a one-line reason */
    for (size_t cut = 0; cut + 1 < n; cut += 7) {
        char t[4096];
        memcpy(t, text, cut);
        t[cut] = '\0';
        write_file("eth1.lease", t);
        assert_int_equal(ipcfg_lx_lease_load(dir, "eth1", &back, why, sizeof why), -1);
        assert_non_null(strstr(why, "eth1.lease"));
        assert_null(strchr(why, '\n'));
    }
    write_file("eth1.lease", "\xff\xfe garbage\n");
    assert_int_equal(ipcfg_lx_lease_load(dir, "eth1", &back, why, sizeof why), -1);
    /* a whole record of another interface is not this one's */
    write_file("eth1.lease", text);
    assert_int_equal(ipcfg_lx_lease_load(dir, "eth1", &back, why, sizeof why), 1);
    l = bound("eth9");
    assert_int_equal(ipcfg_lx_lease_save(dir, &l, &err), 0);
    char src[512];
    snprintf(src, sizeof src, "%s/eth9.lease", dir);
    assert_int_equal(rename(src, p), 0);
    assert_int_equal(ipcfg_lx_lease_load(dir, "eth1", &back, why, sizeof why), -1);
    assert_non_null(strstr(why, "another interface"));
    /* names that cannot be file names are never looked up */
    assert_int_equal(ipcfg_lx_lease_load(dir, "..", &back, why, sizeof why), 0);
}


/* The temporary file is created anew (O_EXCL): a file or hard link already
 * at its name is never written through. */
static void test_store_tmp_excl(void **state)
{
    ipcfg_dhcp_lease l = bound("eth2"), back;
    ipcfg_error err;
    char why[512], victim[512], tmp[512], text[64];
    FILE *f;
    size_t n;
    (void)state;
    ipcfg_error_clear(&err);
    write_file("victim", "keep\n");
    snprintf(victim, sizeof victim, "%s/victim", dir);
    snprintf(tmp, sizeof tmp, "%s/.eth2.lease.%ld.tmp", dir, (long)getpid());
    assert_int_equal(link(victim, tmp), 0);
    assert_int_equal(ipcfg_lx_lease_save(dir, &l, &err), 0);
    f = fopen(victim, "r");
    assert_non_null(f);
    n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    assert_string_equal(text, "keep\n");
    assert_int_equal(ipcfg_lx_lease_load(dir, "eth2", &back, why, sizeof why), 1);
    assert_int_equal(access(tmp, F_OK), -1);
}
static void test_lock(void **state)
{
    ipcfg_lx_iflock a, b, c;
    char name[64];
    (void)state;
    char run[300];
    snprintf(run, sizeof run, "%s/run", dir);
    assert_int_equal(setenv("IPCFG_RUN_DIR", run, 1), 0);
    snprintf(name, sizeof name, "unit%ld", (long)getpid()); /* abstract names are per namespace */
    ipcfg_lx_iflock_init(&a);
    ipcfg_lx_iflock_init(&b);
    ipcfg_lx_iflock_init(&c);
    assert_int_equal(ipcfg_lx_iflock_try(&a, name), IPCFG_LX_LOCK_HELD);
    assert_int_equal(ipcfg_lx_iflock_try(&b, name), IPCFG_LX_LOCK_WAIT);
    assert_true(b.waitfd >= 0);
    /* another interface is independent */
    char other_if[80];
    snprintf(other_if, sizeof other_if, "%s-x", name);
    assert_int_equal(ipcfg_lx_iflock_try(&c, other_if), IPCFG_LX_LOCK_HELD);
    ipcfg_lx_iflock_release(&a);
    assert_int_equal(ipcfg_lx_iflock_try(&b, name), IPCFG_LX_LOCK_HELD);
    ipcfg_lx_iflock_release(&b);
    ipcfg_lx_iflock_release(&c);
}

/* The lock files: root's (or this user's) directory, created 0700, files
 * 0600 named by the network namespace; a directory or file that others may
 * write is refused with a sentence, never used. */
static void test_lock_files(void **state)
{
    ipcfg_lx_iflock a;
    char run[300], file[400], name[64];
    struct stat st;
    (void)state;
    snprintf(run, sizeof run, "%s/run", dir);
    assert_int_equal(setenv("IPCFG_RUN_DIR", run, 1), 0);
    snprintf(name, sizeof name, "files%ld", (long)getpid());
    assert_int_equal(stat("/proc/self/ns/net", &st), 0);
    snprintf(file, sizeof file, "%s/net%llu.if.%s", run, (unsigned long long)st.st_ino, name);
    ipcfg_lx_iflock_init(&a);
    assert_int_equal(ipcfg_lx_iflock_try(&a, name), IPCFG_LX_LOCK_HELD);
    assert_int_equal(stat(run, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    assert_int_equal(stat(file, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    ipcfg_lx_iflock_release(&a);

    assert_int_equal(chmod(file, 0644), 0); /* readable by others: flock-able by them */
    assert_int_equal(ipcfg_lx_iflock_try(&a, name), IPCFG_LX_LOCK_ERROR);
    assert_non_null(strstr(a.why, file));
    assert_non_null(strstr(a.why, "will not use it"));
    ipcfg_lx_iflock_release(&a);
    assert_int_equal(chmod(file, 0600), 0);

    assert_int_equal(chmod(run, 0777), 0); /* writable by others */
    assert_int_equal(ipcfg_lx_iflock_try(&a, name), IPCFG_LX_LOCK_ERROR);
    assert_non_null(strstr(a.why, "The lock directory"));
    assert_non_null(strstr(a.why, "will not use it"));
    ipcfg_lx_iflock_release(&a);
    assert_int_equal(chmod(run, 0700), 0);

    assert_int_equal(ipcfg_lx_iflock_try(&a, "a/b"), IPCFG_LX_LOCK_ERROR);
    ipcfg_lx_iflock_release(&a);
    assert_int_equal(unsetenv("IPCFG_RUN_DIR"), 0);
}

static void test_view(void **state)
{
    ipcfg_adapter_list l = {0};
    ipcfg_adapter *a, *b, *c, *d;
    ipcfg_dhcp_lease lease = bound("v0");
    int64_t now = (int64_t)time(NULL);
    ipcfg_error err;
    char sub[300];
    (void)state;
    lease.obtained = now - 100; /* current */
    ipcfg_error_clear(&err);
    snprintf(sub, sizeof sub, "%s/view", dir);
    assert_int_equal(ipcfg_lx_statedir_ensure(sub, &err), 0);
    a = ipcfg_adapters_push(&l);
    ipcfg_adapter_set_name(&l, a, "v0", 2);
    b = ipcfg_adapters_push(&l);
    ipcfg_adapter_set_name(&l, b, "v1", 2);
    c = ipcfg_adapters_push(&l);
    ipcfg_adapter_set_name(&l, c, "v2", 2);
    d = ipcfg_adapters_push(&l);
    ipcfg_adapter_set_name(&l, d, "v3", 2);
    a = &l.items[0], b = &l.items[1], c = &l.items[2], d = &l.items[3];
    a->dhcp_enabled = b->dhcp_enabled = c->dhcp_enabled = d->dhcp_enabled = IPCFG_NO;
    assert_int_equal(ipcfg_lx_lease_save(sub, &lease, &err), 0);
    lease = bound("v3"); /* obtained in 2023: expired */
    assert_int_equal(ipcfg_lx_lease_save(sub, &lease, &err), 0);
    lease = bound("v1");
    lease.state = IPCFG_DHCP_LEASE_RELEASED;
    assert_int_equal(ipcfg_lx_lease_save(sub, &lease, &err), 0);
    char p[512];
    snprintf(p, sizeof p, "%s/v2.lease", sub);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs("ipcfg-lease 1\ninterface v2\n", f); /* truncated */
    fclose(f);

    assert_int_equal(ipcfg_lx_dhcp_view_fill(&l, sub), 0);
    assert_int_equal(a->dhcp_enabled, IPCFG_YES);
    assert_true(a->has_lease);
    assert_int_equal(a->lease_obtained, now - 100);
    assert_int_equal(a->lease_expires, now + 500);
    assert_false(a->lease_expired);
    assert_true(a->has_dhcp_server);
    assert_int_equal(a->n_dns, 1);
    assert_string_equal(a->dns_suffix, "example.test");
    /* expired: its times, nothing of it as current */
    assert_int_equal(d->dhcp_enabled, IPCFG_YES);
    assert_true(d->has_lease);
    assert_true(d->lease_expired);
    assert_int_equal(d->lease_expires, 1700000600);
    assert_false(d->has_dhcp_server);
    assert_int_equal(d->n_dns, 0);
    assert_string_equal(d->dns_suffix, "");
    assert_int_equal(b->dhcp_enabled, IPCFG_YES); /* released: still DHCP-enabled */
    assert_false(b->has_lease);
    assert_int_equal(c->dhcp_enabled, IPCFG_NO); /* corrupt: no lease */
    ipcfg_adapters_free(&l);

    /* Regular files by fstat after the open, as /renew reads them: a
     * symbolic link to a regular lease file is followed (here and by
     * ipcfg_lx_lease_load), a FIFO or a directory is not a lease. */
    memset(&l, 0, sizeof(l));
    a = ipcfg_adapters_push(&l);
    ipcfg_adapter_set_name(&l, a, "s0", 2);
    b = ipcfg_adapters_push(&l);
    ipcfg_adapter_set_name(&l, b, "s1", 2);
    c = ipcfg_adapters_push(&l);
    ipcfg_adapter_set_name(&l, c, "s2", 2);
    a = &l.items[0], b = &l.items[1], c = &l.items[2];
    a->dhcp_enabled = b->dhcp_enabled = c->dhcp_enabled = IPCFG_NO;
    lease = bound("s0");
    assert_int_equal(ipcfg_lx_lease_save(dir, &lease, &err), 0); /* the target, outside sub */
    char target[512], link_path[512];
    snprintf(target, sizeof target, "%s/s0.lease", dir);
    snprintf(link_path, sizeof link_path, "%s/s0.lease", sub);
    assert_int_equal(symlink(target, link_path), 0);
    snprintf(p, sizeof p, "%s/s1.lease", sub);
    assert_int_equal(mkfifo(p, 0600), 0);
    snprintf(p, sizeof p, "%s/s2.lease", sub);
    assert_int_equal(mkdir(p, 0700), 0);
    alarm(10); /* a FIFO must never be waited on */
    assert_int_equal(ipcfg_lx_dhcp_view_fill(&l, sub), 0);
    alarm(0);
    assert_int_equal(a->dhcp_enabled, IPCFG_YES);
    assert_true(a->has_lease);
    assert_int_equal(b->dhcp_enabled, IPCFG_NO);
    assert_int_equal(c->dhcp_enabled, IPCFG_NO);
    ipcfg_dhcp_lease back;
    char why[512];
    assert_int_equal(ipcfg_lx_lease_load(sub, "s0", &back, why, sizeof why), 1);
    assert_int_equal(ipcfg_lx_lease_load(sub, "s1", &back, why, sizeof why), -1);
    assert_non_null(strstr(why, "not a regular file"));
    assert_int_equal(ipcfg_lx_lease_load(sub, "s2", &back, why, sizeof why), -1);
    ipcfg_adapters_free(&l);
    /* no directory: nothing, no error */
    l.n = 0;
    snprintf(sub, sizeof sub, "%s/missing", dir);
    assert_int_equal(ipcfg_lx_dhcp_view_fill(&l, sub), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_store_round_trip),
        cmocka_unit_test(test_store_corrupt),
        cmocka_unit_test(test_store_tmp_excl),
        cmocka_unit_test(test_lock),
        cmocka_unit_test(test_lock_files),
        cmocka_unit_test(test_view),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
