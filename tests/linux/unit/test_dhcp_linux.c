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

#include "dhcp_io.h"
#include "dhcp_mtu.h"
#include "dhcp_names.h"
#include "dhcp_store.h"
#include "dhcp_view.h"

static const uint8_t me[6] = {2, 0, 0, 0, 0, 1}, other[6] = {2, 0, 0, 0, 0, 2};
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

static ipcfg_lx_arp arp(uint16_t op, const uint8_t sha[6], const uint8_t spa[4], const uint8_t tpa[4])
{
    uint8_t pkt[28];
    ipcfg_lx_arp a;
    size_t n = ipcfg_lx_arp_probe(pkt, sizeof pkt, sha, tpa);
    assert_int_equal(n, 28);
    pkt[7] = (uint8_t)op;
    memcpy(pkt + 14, spa, 4);
    assert_int_equal(ipcfg_lx_arp_parse(pkt, n, &a), 0);
    return a;
}

static void test_arp_probe_format(void **state)
{
    uint8_t pkt[28], small[27];
    static const uint8_t want[28] = {0, 1, 8, 0, 6, 4, 0, 1, 2, 0, 0, 0, 0, 1, 0, 0,
                                     0, 0, 0, 0, 0, 0, 0, 0, 10, 1, 2, 3};
    ipcfg_lx_arp a;
    (void)state;
    assert_int_equal(ipcfg_lx_arp_probe(pkt, sizeof pkt, me, addr), 28);
    assert_memory_equal(pkt, want, 28);
    assert_int_equal(ipcfg_lx_arp_probe(small, sizeof small, me, addr), 0);
    assert_int_equal(ipcfg_lx_arp_parse(pkt, 27, &a), -1); /* truncated */
    pkt[5] = 16;                                             /* not IPv4 */
    assert_int_equal(ipcfg_lx_arp_parse(pkt, 28, &a), -1);
}

static void test_arp_conflict(void **state)
{
    static const uint8_t zero[4], elsewhere[4] = {10, 1, 2, 4};
    (void)state;
    /* another machine answers for, announces or asks from the address */
    ipcfg_lx_arp a = arp(2, other, addr, zero);
    assert_true(ipcfg_lx_arp_conflict(&a, me, addr));
    a = arp(1, other, addr, addr);
    assert_true(ipcfg_lx_arp_conflict(&a, me, addr));
    /* another machine probes for it at the same time */
    a = arp(1, other, zero, addr);
    assert_true(ipcfg_lx_arp_conflict(&a, me, addr));
    /* our own probe, traffic about other addresses */
    a = arp(1, me, zero, addr);
    assert_false(ipcfg_lx_arp_conflict(&a, me, addr));
    a = arp(2, other, elsewhere, zero);
    assert_false(ipcfg_lx_arp_conflict(&a, me, addr));
    a = arp(2, other, elsewhere, addr); /* a reply to us about another address */
    assert_false(ipcfg_lx_arp_conflict(&a, me, addr));
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

/* The class ID file (set, shown, cleared, a corrupt one refused) and the
 * name and class a START carries. */
static void test_classid_and_names(void **state)
{
    ipcfg_adapter ad;
    ipcfg_error err;
    char out[IPCFG_CLASSID_MAX + 1], path[600], buf[64];
    prun r;
    pjob j;
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
        cmocka_unit_test(test_arp_probe_format),
        cmocka_unit_test(test_arp_conflict),
        cmocka_unit_test(test_store_round_trip),
        cmocka_unit_test(test_store_corrupt),
        cmocka_unit_test(test_store_tmp_excl),
        cmocka_unit_test(test_lock),
        cmocka_unit_test(test_lock_files),
        cmocka_unit_test(test_view),
        cmocka_unit_test(test_classid_and_names),
        cmocka_unit_test(test_mtu_floor),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
