/* ipcfg — a lease's DNS servers handed to the resolver (see shared/resolver.h).
 *
 * systemd-resolved is running when its Varlink socket
 * /run/systemd/resolve/io.systemd.Resolve accepts a connection; the link's
 * servers and domain are then set with `resolvectl dns IF ...` and
 * `resolvectl domain IF ...` and taken back with `resolvectl revert IF`
 * (resolvectl speaks resolved's D-Bus API).  Otherwise a resolvconf
 * (openresolv, or Debian's resolvconf) gets the interface's entry
 * "IF.ipcfg" in resolv.conf form on `resolvconf -a IF.ipcfg`, and
 * `resolvconf -d IF.ipcfg` takes it back; systemd's own `resolvconf`
 * (a link to resolvectl) is not one without resolved running.  Either
 * only where it serves this network namespace: resolved in PID 1's;
 * resolvconf there too, or where /etc/resolv.conf is another file than
 * PID 1's (ip netns exec NS mounts /etc/netns/NS/resolv.conf over it).
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "shared/resolver.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#include <linux/openat2.h>

#include "dhcp/dns_name.h"
#include "shared/lock.h"
#include "peers/peer_lease.h"
#include "shared/spawn.h"

#define RESOLVED_SOCKET "/run/systemd/resolve/io.systemd.Resolve"
#define RESOLVCONF_SUFFIX ".ipcfg"
#define RECORD_PREFIX "dns." /* the lock directory's record of what was handed over */

static int resolved_running(void)
{
    struct sockaddr_un sa;
    int n, fd, ok;
    const char *root = secure_getenv("IPCFG_PEER_ROOT");

    /* systemd-resolved names links in PID 1's network namespace: from
     * another one (ip netns exec) "c0" is some other interface, or none */
    if ((root == NULL || root[0] == '\0') && !ipcfg_lx_same_netns_as_init())
        return 0;
    memset(&sa, 0, sizeof(sa));
    sa.sun_family = AF_UNIX;
    n = snprintf(sa.sun_path, sizeof(sa.sun_path), "%s%s", ipcfg_lx_peer_root(), RESOLVED_SOCKET);
    if (n < 0 || (size_t)n >= sizeof(sa.sun_path))
        return 0;
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
        return 0;
    ok = connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 || errno == EAGAIN || errno == EINPROGRESS;
    (void)close(fd);
    return ok;
}

/* PID 1's /etc/resolv.conf, looked up in its root (its mount namespace),
 * a symbolic link resolved there too (RESOLVE_IN_ROOT); stat into *st.
 * 0 found, 1 PID 1 has none, -1 it cannot be told. */
static int init_resolv_conf(struct stat *st)
{
    struct open_how how;
    int root = open("/proc/1/root", O_PATH | O_DIRECTORY | O_CLOEXEC), fd, e;

    if (root < 0)
        return -1;
    memset(&how, 0, sizeof(how));
    how.flags = O_PATH | O_CLOEXEC;
    how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
    fd = (int)syscall(SYS_openat2, root, "etc/resolv.conf", &how, sizeof(how));
    if (fd < 0 && errno == ENOSYS) /* before Linux 5.6: an absolute link resolves in our root */
        fd = openat(root, "etc/resolv.conf", O_PATH | O_CLOEXEC);
    e = errno;
    (void)close(root);
    if (fd < 0)
        return e == ENOENT ? 1 : -1;
    e = fstat(fd, st);
    (void)close(fd);
    return e == 0 ? 0 : -1;
}

/* 1 when *here is /etc/netns/NAME/resolv.conf for some NAME: what `ip
 * netns exec NAME` bind-mounts over /etc/resolv.conf. */
static int netns_resolv_conf(const struct stat *here)
{
    DIR *d = opendir("/etc/netns");
    struct dirent *de;
    int found = 0;

    if (d == NULL)
        return 0;
    while (!found && (de = readdir(d)) != NULL) {
        char rel[sizeof(de->d_name) + 16];
        struct stat st;
        if (de->d_name[0] == '.')
            continue;
        snprintf(rel, sizeof(rel), "%s/resolv.conf", de->d_name);
        found = fstatat(dirfd(d), rel, &st, 0) == 0 && st.st_dev == here->st_dev && st.st_ino == here->st_ino;
    }
    (void)closedir(d);
    return found;
}

/* Does the resolv.conf that resolvconf writes here serve this network
 * namespace?  In PID 1's, yes; elsewhere only when /etc/resolv.conf here
 * is another file than PID 1's: a namespace's own from /etc/netns (ip
 * netns exec), or any other file where PID 1's can be looked at (a
 * container's own /etc).  Where that cannot be told (a sandbox that hides
 * PID 1), no.  Otherwise the servers would go to the resolver of PID 1's
 * namespace, which cannot reach them. */
static int resolv_conf_ours(void)
{
    struct stat here, init;

    if (ipcfg_lx_same_netns_as_init())
        return 1;
    if (stat("/etc/resolv.conf", &here) != 0)
        return 0;
    if (netns_resolv_conf(&here))
        return 1;
    int r = init_resolv_conf(&init);
    if (r != 0)
        return r > 0;
    return here.st_dev != init.st_dev || here.st_ino != init.st_ino;
}

ipcfg_lx_resolver ipcfg_lx_resolver_find(char *path, size_t len)
{
    if (resolved_running() && ipcfg_lx_find_program("resolvectl", path, len) == 0)
        return IPCFG_LX_RES_RESOLVED;
    if (ipcfg_lx_find_program("resolvconf", path, len) == 0) {
        char *real = realpath(path, NULL);
        const char *base = real != NULL ? strrchr(real, '/') : NULL;
        int is_resolvectl = base != NULL && strcmp(base + 1, "resolvectl") == 0;
        free(real);
        if (!is_resolvectl && resolv_conf_ours())
            return IPCFG_LX_RES_RESOLVCONF;
        if (!is_resolvectl) {
            path[0] = '\0';
            return IPCFG_LX_RES_ELSEWHERE;
        }
    }
    path[0] = '\0';
    return IPCFG_LX_RES_NONE;
}

/* ---- what the leases say, what was handed over ---- */

/* What an interface's leases hand over, in the order /all lists them
 * (docs/verbs/all.md): the DHCPv6 lease's DNS servers (option 23, RFC
 * 3646), then the DHCPv4 lease's (option 6); the DHCPv4 domain (option
 * 15), then the search list: option 119's names, then option 24's,
 * without repeats.  Only names that are DNS
 * names (dns_name.h) get here (set_of). */
#define SET_SERVERS (IPCFG_DHCP_MAX_DNS + IPCFG_DHCP6_MAX_DNS)
#define SET_SEARCH (IPCFG_DHCP_MAX_SEARCH + IPCFG_DHCP6_MAX_DOMAINS)
typedef struct dns_set {
    char servers[SET_SERVERS][INET6_ADDRSTRLEN];
    size_t n_servers;
    char domain[IPCFG_DHCP_DOMAIN_MAX];
    char search[SET_SEARCH][IPCFG_DHCP_NAME_CAP];
    size_t n_search;
} dns_set;

static void servers(const dns_set *l, char *buf, size_t len, const char *sep)
{
    size_t at = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < l->n_servers && at < len; i++) {
        int n = snprintf(buf + at, len - at, "%s%s", i ? sep : "", l->servers[i]);
        if (n < 0)
            break;
        at += (size_t)n;
    }
}

static int has_dns(const dns_set *l)
{
    return l->n_servers > 0 || l->domain[0] != '\0' || l->n_search > 0;
}

/* The search domains as they are handed over: option 15's domain first
 * (the connection's own suffix), then the list.  Their count; out gets
 * SET_SEARCH + 1. */
static size_t search_names(const dns_set *l, const char **out)
{
    size_t n = 0;

    if (l->domain[0] != '\0')
        out[n++] = l->domain;
    for (size_t i = 0; i < l->n_search; i++)
        if (strcmp(l->search[i], l->domain) != 0)
            out[n++] = l->search[i];
    return n;
}

static const char *manager_name(ipcfg_lx_resolver m)
{
    return m == IPCFG_LX_RES_RESOLVED ? "resolved" : m == IPCFG_LX_RES_RESOLVCONF ? "resolvconf" : "none";
}

/* The record of what was handed: "<manager> <servers> <domain>
 * <ifindex> <search list>\n", each "-" when empty.  The interface's index:
 * resolved keeps a link's servers by index, also after a rename, so they
 * are taken back by it. */
static void record_text(ipcfg_lx_resolver m, const dns_set *l, const char *ifname, char *buf, size_t len)
{
    char list[SET_SERVERS * INET6_ADDRSTRLEN], search[SET_SEARCH * IPCFG_DHCP_NAME_CAP] = "-";
    size_t at = 0;

    servers(l, list, sizeof(list), ",");
    for (size_t i = 0; i < l->n_search && at < sizeof(search); i++)
        at += (size_t)snprintf(search + at, sizeof(search) - at, "%s%s", i ? "," : "", l->search[i]);
    snprintf(buf, len, "%s %s %s %u %s\n", manager_name(m), list[0] ? list : "-", l->domain[0] ? l->domain : "-",
             if_nametoindex(ifname), search);
}

/* ---- the two managers ---- */

static int run(const char *path, char *const argv[], const char *in, char *note, size_t len)
{
    char err[256];
    int st = ipcfg_lx_run_program(path, argv, in, err, sizeof(err));

    if (st > 0 && note != NULL)
        snprintf(note, len, "%s %s %s failed (exit status %d%s%s); the lease's DNS servers were not handed over.",
                 argv[0], argv[1], argv[2], st, err[0] ? ": " : "", err);
    else if (st < 0 && note != NULL)
        snprintf(note, len, "%s %s %s failed (%s); the lease's DNS servers were not handed over.", argv[0], argv[1],
                 argv[2], err);
    return st;
}

static void resolved_set(const char *path, const char *ifname, const dns_set *l, char *note, size_t len)
{
    char *argv[4 + SET_SERVERS];
    int k = 0;

    /* what the link had from an earlier lease goes first */
    char *rev[] = {"resolvectl", "revert", (char *)ifname, NULL};
    if (run(path, rev, NULL, note, len) != 0)
        return;
    argv[k++] = "resolvectl";
    argv[k++] = "dns";
    argv[k++] = (char *)ifname;
    for (size_t i = 0; i < l->n_servers; i++)
        argv[k++] = (char *)l->servers[i];
    argv[k] = NULL;
    if (l->n_servers > 0 && run(path, argv, NULL, note, len) != 0)
        return;
    const char *names[SET_SEARCH + 1];
    size_t nn = search_names(l, names);
    char *dom[4 + SET_SEARCH + 1] = {"resolvectl", "domain", (char *)ifname};
    for (size_t i = 0; i < nn; i++)
        dom[3 + i] = (char *)names[i];
    dom[3 + nn] = NULL;
    if (nn > 0)
        (void)run(path, dom, NULL, note, len);
}

static void resolvconf_set(const char *path, const char *ifname, const dns_set *l, char *note, size_t len)
{
    char name[IPCFG_DHCP_IFNAME_MAX + sizeof(RESOLVCONF_SUFFIX)];
    char text[(SET_SEARCH + 1) * IPCFG_DHCP_NAME_CAP + 32 + SET_SERVERS * (INET6_ADDRSTRLEN + 12)];
    const char *names[SET_SEARCH + 1];
    size_t at = 0, nn = search_names(l, names);

    snprintf(name, sizeof(name), "%s%s", ifname, RESOLVCONF_SUFFIX);
    text[0] = '\0';
    for (size_t i = 0; i < nn; i++)
        at += (size_t)snprintf(text + at, sizeof(text) - at, "%s%s%s", i ? " " : "search ", names[i],
                               i + 1 == nn ? "\n" : "");
    for (size_t i = 0; i < l->n_servers && at < sizeof(text); i++)
        at += (size_t)snprintf(text + at, sizeof(text) - at, "nameserver %s\n", l->servers[i]);
    char *argv[] = {"resolvconf", "-a", name, NULL};
    (void)run(path, argv, text, note, len);
}

/* What was handed over (old: the record) taken back.  resolved's by the
 * recorded index while a link has it (the interface renamed since),
 * else by name; resolvconf's by the name it was handed under. */
static void withdraw(ipcfg_lx_resolver m, const char *path, const char *ifname, const char *old)
{
    char name[IPCFG_DHCP_IFNAME_MAX + sizeof(RESOLVCONF_SUFFIX)], link[IF_NAMESIZE];
    unsigned idx = 0;

    if (m == IPCFG_LX_RES_RESOLVED) {
        if (sscanf(old, "%*s %*s %*s %u", &idx) == 1 && idx != 0 && if_indextoname(idx, link) != NULL)
            snprintf(link, sizeof(link), "%u", idx);
        else
            ipcfg_copy_str(link, sizeof(link), ifname);
        char *argv[] = {"resolvectl", "revert", link, NULL};
        (void)run(path, argv, NULL, NULL, 0);
    } else if (m == IPCFG_LX_RES_RESOLVCONF) {
        snprintf(name, sizeof(name), "%s%s", ifname, RESOLVCONF_SUFFIX);
        char *argv[] = {"resolvconf", "-d", name, NULL};
        (void)run(path, argv, NULL, NULL, 0);
    }
}

static ipcfg_lx_resolver manager_of(const char *rec)
{
    if (strncmp(rec, "resolved ", 9) == 0)
        return IPCFG_LX_RES_RESOLVED;
    if (strncmp(rec, "resolvconf ", 11) == 0)
        return IPCFG_LX_RES_RESOLVCONF;
    return IPCFG_LX_RES_NONE;
}

static int in_search(const dns_set *l, const char *d)
{
    for (size_t i = 0; i < l->n_search; i++)
        if (strcmp(l->search[i], d) == 0)
            return 1;
    return 0;
}

/* One name of a search list into the set when it is a DNS name; 0 when
 * it was held back. */
static int add_search(dns_set *set, const char *d, size_t cap)
{
    size_t dl = strnlen(d, cap);

    if (dl >= cap || dl >= sizeof(set->search[0]) || !ipcfg_dns_name_valid(d, dl))
        return 0;
    if (!in_search(set, d) && set->n_search < SET_SEARCH)
        memcpy(set->search[set->n_search++], d, dl + 1);
    return 1;
}

static int live6(const ipcfg_dhcp6_lease *l6)
{
    return l6 != NULL && (l6->state == IPCFG_DHCP6_LEASE_BOUND || l6->state == IPCFG_DHCP6_LEASE_STATELESS);
}

/* What may reach a resolver program, checked right before it does (the
 * engine checked the leases, and the lease parsers again; this is the
 * last place before openresolv evaluates its input or resolvectl parses
 * its arguments): the names only when they are DNS names (dns_name.h),
 * the addresses as their text forms.  *dropped gets one line when a name
 * was held back. */
static void set_of(const ipcfg_dhcp_lease *l4, const ipcfg_dhcp6_lease *l6, dns_set *set, char *dropped, size_t len)
{
    int bad = 0;

    memset(set, 0, sizeof(*set));
    dropped[0] = '\0';
    /* the servers as /all lists them: the DHCPv6 lease's first */
    for (unsigned i = 0; live6(l6) && i < l6->n_dns && i < IPCFG_DHCP6_MAX_DNS; i++)
        (void)inet_ntop(AF_INET6, l6->dns[i], set->servers[set->n_servers++], INET6_ADDRSTRLEN);
    for (unsigned i = 0; l4 != NULL && l4->state == IPCFG_DHCP_LEASE_BOUND && i < l4->n_dns && i < IPCFG_DHCP_MAX_DNS;
         i++)
        snprintf(set->servers[set->n_servers++], INET6_ADDRSTRLEN, "%u.%u.%u.%u", l4->dns[i][0], l4->dns[i][1],
                 l4->dns[i][2], l4->dns[i][3]);
    if (l4 != NULL && l4->state == IPCFG_DHCP_LEASE_BOUND) {
        size_t dl = strnlen(l4->domain, sizeof(l4->domain));
        if (dl > 0 && dl < sizeof(l4->domain) && ipcfg_dns_name_valid(l4->domain, dl))
            memcpy(set->domain, l4->domain, dl + 1);
        else if (dl > 0)
            snprintf(dropped, len, "The lease's domain name is not a valid DNS name; it was not handed to the "
                                   "resolver.");
        /* option 119's names: each a DNS name, or not handed over */
        for (unsigned i = 0; i < l4->n_search && i < IPCFG_DHCP_MAX_SEARCH; i++)
            bad |= !add_search(set, l4->search[i], sizeof(l4->search[i]));
    }
    if (live6(l6)) {
        for (unsigned i = 0; i < l6->n_domains && i < IPCFG_DHCP6_MAX_DOMAINS; i++)
            bad |= !add_search(set, l6->domains[i], sizeof(l6->domains[i]));
    }
    if (bad && dropped[0] == '\0')
        snprintf(dropped, len, "A name of the lease's domain search list is not a valid DNS name; it was not "
                               "handed to the resolver.");
}

void ipcfg_lx_dns_update(const char *ifname, const ipcfg_dhcp_lease *lease, const ipcfg_dhcp6_lease *lease6,
                         char *note, size_t len)
{
    char path[4200], list[SET_SERVERS * INET6_ADDRSTRLEN], why[400], old[3072], now[3072], dropped[200];
    dns_set set;

    note[0] = '\0';
    set_of(lease, lease6, &set, dropped, sizeof(dropped));
    /* an argument of resolvconf and resolvectl: a name that reads as an
     * option is never handed over (so nothing is to be taken back) */
    if (ifname[0] == '-') {
        if (has_dns(&set))
            snprintf(note, len, "The lease's DNS servers were not handed to the resolver: the interface name "
                                "starts with '-', which resolvconf and resolvectl would read as an option.");
        return;
    }
    const dns_set *after = has_dns(&set) ? &set : NULL;
    int fd = ipcfg_lx_lock_file(RECORD_PREFIX, ifname, why, sizeof(why));
    ssize_t n = fd >= 0 ? pread(fd, old, sizeof(old) - 1, 0) : -1;

    old[n > 0 ? n : 0] = '\0';
    if (after == NULL && old[0] == '\0')
        goto out; /* nothing to hand over, nothing to take back */
    ipcfg_lx_resolver m = ipcfg_lx_resolver_find(path, sizeof(path));
    if (after != NULL) {
        record_text(m, after, ifname, now, sizeof(now));
        servers(after, list, sizeof(list), ", ");
        if (m == IPCFG_LX_RES_NONE)
            snprintf(note, len,
                     "No resolver manager (systemd-resolved, resolvconf) runs here: the lease's DNS servers (%s) "
                     "are not in use, and /etc/resolv.conf was left as it is.",
                     list[0] ? list : "none");
        else if (m == IPCFG_LX_RES_ELSEWHERE)
            snprintf(note, len,
                     "resolvconf here writes the resolv.conf of PID 1's network namespace, not this one's: the "
                     "lease's DNS servers (%s) were not handed over (give this namespace a resolv.conf of its "
                     "own: /etc/netns/NAME/resolv.conf for ip netns exec).",
                     list[0] ? list : "none");
        if (strcmp(now, old) == 0)
            goto out; /* handed over already */
    }
    /* the old entry goes: the lease has none now, or another manager
     * takes the new one, or resolvconf's entry is replaced anyway */
    ipcfg_lx_resolver was = manager_of(old);
    if (was != IPCFG_LX_RES_NONE && (was != m || after == NULL)) {
        char wpath[4200];
        if (ipcfg_lx_resolver_find(wpath, sizeof(wpath)) == was)
            withdraw(was, wpath, ifname, old);
    }
    if (after != NULL && m == IPCFG_LX_RES_RESOLVED)
        resolved_set(path, ifname, after, note, len);
    else if (after != NULL && m == IPCFG_LX_RES_RESOLVCONF)
        resolvconf_set(path, ifname, after, note, len);
    int handed = after != NULL && (m == IPCFG_LX_RES_RESOLVED || m == IPCFG_LX_RES_RESOLVCONF) && note[0] == '\0';
    if (fd >= 0 && ftruncate(fd, 0) == 0 && handed)
        (void)!pwrite(fd, now, strlen(now), 0);
out:
    if (fd >= 0)
        (void)close(fd);
    if (dropped[0] != '\0' && strlen(note) + strlen(dropped) + 2 <= len)
        snprintf(note + strlen(note), len - strlen(note), "%s%s", note[0] ? " " : "", dropped);
}

int ipcfg_lx_dns_handed(const char *ifname)
{
    char c;
    int fd = ipcfg_lx_lock_file_peek(RECORD_PREFIX, ifname);
    int any = fd >= 0 && pread(fd, &c, 1, 0) == 1;

    if (fd >= 0)
        (void)close(fd);
    return any;
}
