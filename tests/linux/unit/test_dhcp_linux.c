/* ipcfg — unit tests of the Linux DHCP side's pieces that need no
 * privilege and send nothing: the lease store (exchange/lease_store.c:
 * atomic save, load, corrupt and foreign files, the state directory, the
 * files of earlier versions, the family a file declares) and the
 * per-interface lock, and the listing's view of the lease files
 * (command/lease_view.c).  (The ARP probe's tests are the protocol
 * library's: tests/dhcp/test_dhcp_arp.c.)
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
#include "exchange/mtu.h"
#include "exchange/names.h"
#include "exchange/sockets.h"
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

    assert_int_equal(ipcfg_lx_lease_view_fill(&l, sub), 0);
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
    assert_int_equal(ipcfg_lx_lease_view_fill(&l, sub), 0);
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
    assert_int_equal(ipcfg_lx_lease_view_fill(&l, sub), 0);
}

/* Lease files written by the build before the lease store was versioned
 * (254f482's formatter: fixtures/lease-v1/, interfaces bound0 and
 * released0), read by this one: a lease file written today stays
 * readable when DHCPv6 leases are added beside it. */
static void test_store_reads_v1_files(void **state)
{
    static const uint8_t hw[6] = {0x02, 0x00, 0x5e, 0x10, 0x00, 0x01};
    static const uint8_t a[4] = {192, 0, 2, 10}, srv[4] = {192, 0, 2, 1}, dns2[4] = {192, 0, 2, 54};
    static const uint8_t dest[4] = {198, 51, 100, 0}, gw[4] = {192, 0, 2, 254};
    ipcfg_dhcp_lease l;
    char why[512];
    (void)state;

    assert_int_equal(ipcfg_lx_lease_load(IPCFG_FIXTURES "/lease-v1", "bound0", &l, why, sizeof why), 1);
    assert_int_equal(l.state, IPCFG_DHCP_LEASE_BOUND);
    assert_string_equal(l.ifname, "bound0");
    assert_int_equal(l.hwaddr_len, 6);
    assert_memory_equal(l.hwaddr, hw, 6);
    assert_int_equal(l.client_id_len, 7);
    assert_memory_equal(l.address, a, 4);
    assert_int_equal(l.prefix_len, 24);
    assert_memory_equal(l.server_id, srv, 4);
    assert_int_equal(l.n_routers, 1);
    assert_memory_equal(l.routers[0], srv, 4);
    assert_int_equal(l.n_routes, 1);
    assert_memory_equal(l.routes[0].dest, dest, 4);
    assert_int_equal(l.routes[0].prefix_len, 24);
    assert_memory_equal(l.routes[0].gateway, gw, 4);
    assert_int_equal(l.n_dns, 2);
    assert_memory_equal(l.dns[1], dns2, 4);
    assert_string_equal(l.domain, "example.com");
    assert_int_equal(l.lease_time, 3600);
    assert_int_equal(l.t1, 1800);
    assert_int_equal(l.t2, 3150);
    assert_int_equal(l.obtained, 1764370000);

    assert_int_equal(ipcfg_lx_lease_load(IPCFG_FIXTURES "/lease-v1", "released0", &l, why, sizeof why), 1);
    assert_int_equal(l.state, IPCFG_DHCP_LEASE_RELEASED);
    assert_string_equal(l.ifname, "released0");
    assert_memory_equal(l.hwaddr, hw, 6);
    assert_int_equal(l.address[0], 0);
}

/* What a file declares in its first line: the family of its record and
 * the format's version; a DHCPv6 record, or a later version of the
 * DHCPv4 one, is never read as a DHCPv4 lease. */
static void test_store_kind(void **state)
{
    static const char v4[] = "ipcfg-lease 1\ninterface eth0\n", v6[] = "ipcfg-lease6 1\ninterface eth0\n";
    static const char later[] = "ipcfg-lease 3\ninterface v9\nend\n" /* IPCFG_DHCP_LEASE_VERSION + 1 */;
    char path[400], why[512];
    unsigned v;
    ipcfg_dhcp_lease l;
    FILE *f;
    (void)state;

    assert_int_equal(ipcfg_lx_lease_kind(v4, strlen(v4), &v), IPCFG_AF_INET4);
    assert_int_equal(v, 1);
    assert_int_equal(ipcfg_lx_lease_kind(v6, strlen(v6), &v), IPCFG_AF_INET6);
    assert_int_equal(v, 1);
    assert_int_equal(ipcfg_lx_lease_kind("ipcfg-lease x\n", 14, &v), IPCFG_AF_NONE);
    assert_int_equal(ipcfg_lx_lease_kind("ipcfg-lease 0\n", 14, &v), IPCFG_AF_NONE);
    assert_int_equal(ipcfg_lx_lease_kind("ipcfg-lease7 1\n", 15, &v), IPCFG_AF_NONE);
    assert_int_equal(ipcfg_lx_lease_kind("", 0, &v), IPCFG_AF_NONE);

    snprintf(path, sizeof path, "%s/v6.lease", dir);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs("ipcfg-lease6 1\ninterface v6\nend\n", f);
    fclose(f);
    assert_int_equal(ipcfg_lx_lease_load(dir, "v6", &l, why, sizeof why), -1);
    assert_non_null(strstr(why, "DHCPv6"));
    snprintf(path, sizeof path, "%s/v9.lease", dir);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(later, f);
    fclose(f);
    assert_int_equal(ipcfg_lx_lease_load(dir, "v9", &l, why, sizeof why), -1);
    assert_non_null(strstr(why, "later ipcfg (format version 3)"));
}

/* The class ID file (set, shown, cleared, a corrupt one refused) and the
 * name and class a START carries. */
static void test_classid_and_names(void **state)
{
    ipcfg_adapter ad;
    ipcfg_error err;
    char out[IPCFG_CLASSID_MAX + 1], path[600], buf[64];
    exchange_run r;
    exchange_job j;
    ipcfg_lx_wire_start s;
    FILE *f;
    (void)state;
    setenv("IPCFG_STATE_DIR", dir, 1);
    memset(&ad, 0, sizeof ad);
    ad.name = "eth0";
    assert_int_equal(ipcfg_lx_show_classid(NULL, &ad, out, sizeof out, &err), 0);
    assert_string_equal(out, "");
    assert_int_equal(ipcfg_lx_set_classid(NULL, &ad, "Lab floor 3", &err), 0);
    snprintf(path, sizeof path, "%s/eth0.classid", dir);
    f = fopen(path, "r");
    assert_non_null(f);
    assert_non_null(fgets(buf, sizeof buf, f));
    fclose(f);
    assert_string_equal(buf, "Lab floor 3\n");
    assert_int_equal(ipcfg_lx_show_classid(NULL, &ad, out, sizeof out, &err), 0);
    assert_string_equal(out, "Lab floor 3");

    /* the START of a renew: the host's name (12: its first label; 81: whole), the class */
    memset(&r, 0, sizeof r);
    memset(&j, 0, sizeof j);
    r.dir = dir;
    snprintf(r.hostname, sizeof r.hostname, "ws-042.corp.example");
    snprintf(j.ifname, sizeof j.ifname, "eth0");
    ipcfg_lx_start_names(&r, &j, &s);
    assert_string_equal(s.hostname, "ws-042");
    assert_string_equal(s.fqdn, "ws-042.corp.example");
    assert_int_equal(s.name_choice, IPCFG_DHCP_NAME_HOST);
    assert_string_equal(s.classid, "Lab floor 3");
    /* the choice recorded with the lease, then a new /hostname */
    j.rec = bound("eth0");
    j.has_rec = 1;
    j.rec.name_choice = IPCFG_DHCP_NAME_GIVEN;
    snprintf(j.rec.fqdn, sizeof j.rec.fqdn, "web01");
    ipcfg_lx_start_names(&r, &j, &s);
    assert_string_equal(s.hostname, "web01");
    assert_string_equal(s.fqdn, "web01");
    assert_int_equal(s.name_choice, IPCFG_DHCP_NAME_GIVEN);
    j.rec.name_choice = IPCFG_DHCP_NAME_NONE;
    ipcfg_lx_start_names(&r, &j, &s);
    assert_string_equal(s.hostname, "");
    assert_string_equal(s.fqdn, "");
    r.hostname_set = 1;
    r.hostname_given = "db1.corp.example";
    ipcfg_lx_start_names(&r, &j, &s);
    assert_string_equal(s.fqdn, "db1.corp.example");
    assert_int_equal(s.name_choice, IPCFG_DHCP_NAME_GIVEN);
    r.hostname_given = "";
    ipcfg_lx_start_names(&r, &j, &s);
    assert_int_equal(s.name_choice, IPCFG_DHCP_NAME_NONE);
    assert_string_equal(s.hostname, "");
    /* a host name that is no DNS name is not sent */
    r.hostname_set = 0;
    j.has_rec = 0;
    snprintf(r.hostname, sizeof r.hostname, "bad_name");
    ipcfg_lx_start_names(&r, &j, &s);
    assert_string_equal(s.fqdn, "");

    /* cleared: no file; a corrupt file is a failure, never sent */
    assert_int_equal(ipcfg_lx_set_classid(NULL, &ad, "", &err), 0);
    assert_int_equal(access(path, F_OK), -1);
    write_file("eth0.classid", "a\tb\n");
    assert_int_equal(ipcfg_lx_show_classid(NULL, &ad, out, sizeof out, &err), IPCFG_E_FAILED);
    assert_non_null(strstr(err.text, "not a valid class ID"));
    ipcfg_lx_start_names(&r, &j, &s);
    assert_string_equal(s.classid, "");
    write_file("eth0.classid", "no newline");
    assert_int_equal(ipcfg_lx_show_classid(NULL, &ad, out, sizeof out, &err), IPCFG_E_FAILED);
    unlink(path);
    unsetenv("IPCFG_STATE_DIR");
}

static void test_mtu_floor(void **state)
{
    ipcfg_dhcp_lease l = bound("eth0");
    (void)state;
    l.mtu = 9000;
    assert_int_equal(ipcfg_lx_mtu_wanted(&l, 1), 9000);
    l.mtu = 1280;
    assert_int_equal(ipcfg_lx_mtu_wanted(&l, 1), 1280);
    l.mtu = 1279;
    assert_int_equal(ipcfg_lx_mtu_wanted(&l, 1), 0);
    assert_int_equal(ipcfg_lx_mtu_wanted(&l, 0), 1279);
    l.mtu = 576;
    assert_int_equal(ipcfg_lx_mtu_wanted(&l, 0), 576);
    l.mtu = 575;
    assert_int_equal(ipcfg_lx_mtu_wanted(&l, 0), 0);
    l.mtu = 0;
    assert_int_equal(ipcfg_lx_mtu_wanted(&l, 0), 0);
    l.mtu = 1500;
    l.state = IPCFG_DHCP_LEASE_RELEASED;
    assert_int_equal(ipcfg_lx_mtu_wanted(&l, 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_store_round_trip),
        cmocka_unit_test(test_store_corrupt),
        cmocka_unit_test(test_store_reads_v1_files),
        cmocka_unit_test(test_store_kind),
        cmocka_unit_test(test_store_tmp_excl),
        cmocka_unit_test(test_lock),
        cmocka_unit_test(test_lock_files),
        cmocka_unit_test(test_view),
        cmocka_unit_test(test_classid_and_names),
        cmocka_unit_test(test_mtu_floor),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
