/* ipcfg — who runs each interface, and that client's lease on the listing.
 *
 * One directory scan per peer directory per listing (networkd, NetworkManager,
 * dhclient, dhcpcd; each under IPCFG_PEER_ROOT), regular files only, each at
 * most IPCFG_PEER_FILE_MAX bytes, opened without blocking.  The decision per
 * adapter (ipcfg_lx_peer_decide) is pure.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1 /* secure_getenv */
#include "exchange/apply.h" /* IPCFG_LX_ADDR_PROTO: the engine's mark, before peer_lease.h's fallback */
#include "peers/peer_lease.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- the address notes of the listing's dump ---- */

int ipcfg_lx_peer_note_addr(ipcfg_lx_peer_addrs *pa, const ipcfg_nl_addr *na)
{
    const uint8_t *ip;

    if (na->family != 2 /* AF_INET */ || na->addr_len != 4)
        return 0;
    ip = na->has_local ? na->local : na->has_address ? na->address : NULL;
    if (ip == NULL)
        return 0;
    if (pa->n == pa->cap) {
        size_t nc = pa->cap ? pa->cap * 2 : 16;
        ipcfg_lx_peer_addr *q = realloc(pa->v, nc * sizeof *q);
        if (q == NULL)
            return -1;
        pa->v = q;
        pa->cap = nc;
    }
    ipcfg_lx_peer_addr *p = &pa->v[pa->n++];
    p->ifindex = na->ifindex;
    memcpy(p->addr, ip, 4);
    p->finite = na->has_cacheinfo && na->valid_lft != 0xffffffffu;
    p->ipcfg_own = na->has_proto && na->proto == IPCFG_LX_ADDR_PROTO;
    return 0;
}

void ipcfg_lx_peer_addrs_free(ipcfg_lx_peer_addrs *pa)
{
    free(pa->v);
    memset(pa, 0, sizeof *pa);
}

const char *ipcfg_lx_peer_root(void)
{
    const char *r = secure_getenv("IPCFG_PEER_ROOT");
    return r != NULL ? r : "";
}

/* ---- the decision ---- */

static int lease_matches(const ipcfg_lx_peer_lease *l, const ipcfg_adapter *a)
{
    if (l->ifindex != 0)
        return l->ifindex == a->ifindex;
    if (strcmp(l->ifname, a->name) == 0)
        return 1;
    /* dhcpcd names a wireless lease <ifname>-<ssid>.lease */
    if (strcmp(l->client, IPCFG_PEER_DHCPCD) == 0) {
        size_t n = strlen(a->name);
        return strncmp(l->ifname, a->name, n) == 0 && l->ifname[n] == '-';
    }
    return 0;
}

static int show_lease(ipcfg_adapter_list *strs, ipcfg_adapter *a, const ipcfg_lx_peer_lease *l)
{
    a->dhcp_enabled = IPCFG_YES;
    ipcfg_copy_str(a->lease_client, sizeof a->lease_client, l->client);
    a->has_dhcp_server = l->has_server;
    memset(&a->dhcp_server, 0, sizeof a->dhcp_server);
    if (l->has_server)
        ipcfg_ip4_from_u32be(&a->dhcp_server, l->server);
    a->has_lease = l->has_obtained && l->has_expires;
    a->lease_expired = 0; /* only a current lease of another client is shown */
    a->lease_obtained = a->has_lease ? l->obtained : 0;
    a->lease_expires = a->has_lease ? l->expires : 0;
    a->n_dns = 0; /* what an ipcfg lease file may have said no longer holds */
    for (size_t i = 0; i < l->n_dns; i++) {
        ipcfg_ip ip;
        ipcfg_ip4_from_u32be(&ip, l->dns[i]);
        (void)ipcfg_adapter_add_dns(a, &ip); /* out of memory: fewer servers shown */
    }
    a->dns_suffix = "";
    return ipcfg_adapter_set_dns_suffix(strs, a, l->domain, strlen(l->domain));
}

static int cmp_peer_addr(const void *x, const void *y)
{
    uint32_t p = ((const ipcfg_lx_peer_addr *)x)->ifindex, q = ((const ipcfg_lx_peer_addr *)y)->ifindex;
    return p < q ? -1 : p > q;
}

static int sorted_by_ifindex(const ipcfg_lx_peer_addrs *pa)
{
    for (size_t i = 1; i < pa->n; i++)
        if (pa->v[i - 1].ifindex > pa->v[i].ifindex)
            return 0;
    return 1;
}

/* The first address of ifindex in pa (sorted by ifindex), or pa->n. */
static size_t first_addr(const ipcfg_lx_peer_addrs *pa, uint32_t ifindex)
{
    size_t lo = 0, hi = pa->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (pa->v[mid].ifindex < ifindex)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int ipcfg_lx_peer_decide(ipcfg_adapter_list *strs, ipcfg_adapter *a, const ipcfg_lx_peer_addrs *pa,
                         const ipcfg_lx_peer_lease *leases, size_t n, int64_t now)
{
    const ipcfg_lx_peer_lease *best = NULL;
    int own = 0, foreign_dynamic = 0;
    size_t i, k, lo = first_addr(pa, a->ifindex), hi = lo;

    while (hi < pa->n && pa->v[hi].ifindex == a->ifindex)
        hi++; /* [lo, hi): this adapter's IPv4 addresses */
    for (i = lo; i < hi; i++) {
        if (pa->v[i].ipcfg_own)
            own = 1;
        else if (pa->v[i].finite)
            foreign_dynamic = 1;
    }
    /* 1. An address ipcfg's engine marked as its own: never another
     *    client's, even without a readable ipcfg lease file (DHCP Enabled
     *    then stays what ipcfg's own lease file says). */
    if (own) {
        if (a->dhcp_enabled == IPCFG_YES)
            ipcfg_copy_str(a->lease_client, sizeof a->lease_client, IPCFG_PEER_IPCFG);
        return 0;
    }
    /* 2. A current lease of another client: not expired, and its address
     *    is on the interface.  The latest obtained wins. */
    for (k = 0; k < n; k++) {
        const ipcfg_lx_peer_lease *l = &leases[k];
        int present = 0;
        if (l->running || !l->has_addr || !lease_matches(l, a))
            continue;
        if (l->has_expires && !l->infinite && l->expires <= now)
            continue; /* expired */
        for (i = lo; i < hi && !present; i++)
            present = memcmp(pa->v[i].addr, l->addr, 4) == 0;
        if (!present)
            continue; /* for an address the interface no longer has */
        if (best == NULL || (l->has_obtained && (!best->has_obtained || l->obtained >= best->obtained)))
            best = l;
    }
    if (best != NULL)
        return show_lease(strs, a, best);
    /* 2b. A client running for the interface (its pid file names a live
     *     process of that client) that holds no current lease yet. */
    for (k = 0; k < n; k++) {
        if (leases[k].running && lease_matches(&leases[k], a)) {
            ipcfg_lx_peer_lease none;
            memset(&none, 0, sizeof none);
            none.client = leases[k].client;
            return show_lease(strs, a, &none);
        }
    }
    /* 3. ipcfg's own lease file. */
    if (a->dhcp_enabled == IPCFG_YES) {
        ipcfg_copy_str(a->lease_client, sizeof a->lease_client, IPCFG_PEER_IPCFG);
        return 0;
    }
    /* 4. A dynamic IPv4 address nobody explains: some other client. */
    if (foreign_dynamic) {
        a->dhcp_enabled = IPCFG_YES;
        ipcfg_copy_str(a->lease_client, sizeof a->lease_client, IPCFG_PEER_UNKNOWN);
    }
    return 0;
}

/* ---- reading the files ---- */

typedef struct leaseset {
    ipcfg_lx_peer_lease *v;
    size_t n, cap;
    int oom;
    const char *client; /* for dhclient blocks: the client shown */
    size_t file_start;  /* the first entry of the file being read */
} leaseset;

static void push(leaseset *s, const ipcfg_lx_peer_lease *l)
{
    if (s->n == s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 8;
        ipcfg_lx_peer_lease *q = realloc(s->v, nc * sizeof *q);
        if (q == NULL) {
            s->oom = 1;
            return;
        }
        s->v = q;
        s->cap = nc;
    }
    s->v[s->n++] = *l;
}

/* dhclient: the last valid block for an interface wins. */
static void on_dhclient(void *ctx, const ipcfg_lx_peer_lease *l)
{
    leaseset *s = ctx;
    ipcfg_lx_peer_lease c = *l;
    c.client = s->client;
    for (size_t i = s->n; i-- > s->file_start;) {
        if (s->v[i].client == c.client && strcmp(s->v[i].ifname, c.ifname) == 0 && s->v[i].ifindex == 0) {
            s->v[i] = c;
            return;
        }
    }
    push(s, &c);
}

/* Reads a regular file of at most IPCFG_PEER_FILE_MAX bytes, without
 * blocking; *buf is malloc'd (NUL-terminated).  0 ok, -1 not read. */
static int read_peer_file(int dirfd, const char *name, char **buf, size_t *len, int64_t *mtime)
{
    struct stat st;
    size_t got = 0;
    int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    char *b;

    *buf = NULL;
    if (fd < 0)
        return -1;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 0 || st.st_size > IPCFG_PEER_FILE_MAX) {
        (void)close(fd);
        return -1;
    }
    b = malloc((size_t)st.st_size + 1);
    if (b == NULL) {
        (void)close(fd);
        return -1;
    }
    while (got < (size_t)st.st_size) {
        ssize_t r = read(fd, b + got, (size_t)st.st_size - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break; /* shrank meanwhile: what was read */
        got += (size_t)r;
    }
    (void)close(fd);
    b[got] = '\0';
    *buf = b;
    *len = got;
    *mtime = (int64_t)st.st_mtim.tv_sec;
    return 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n > m && strcmp(s + n - m, suffix) == 0;
}

static int is_uuid_dash(const char *s)
{
    for (int i = 0; i < 36; i++) {
        char c = s[i];
        int dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return 0;
    }
    return s[36] == '-';
}

/* The interface name in a NetworkManager lease file name after its
 * prefix: "<uuid>-<ifname>.lease" (or "<ifname>.lease"). */
static int nm_ifname(const char *rest, char *ifname, size_t cap)
{
    size_t n;
    if (strlen(rest) > 37 && is_uuid_dash(rest))
        rest += 37;
    n = strlen(rest) - strlen(".lease");
    if (n == 0 || n >= cap)
        return -1;
    memcpy(ifname, rest, n);
    ifname[n] = '\0';
    return 0;
}

int ipcfg_lx_peer_parse_pid(const char *text, size_t len, long *pid)
{
    long v = 0;
    size_t i = 0;
    while (i < len && text[i] >= '0' && text[i] <= '9' && i < 10)
        v = v * 10 + (text[i++] - '0');
    if (i == 0 || v <= 1 || v > 0x3fffffffL)
        return -1;
    if (i < len && text[i] == '\n')
        i++;
    if (i != len)
        return -1;
    *pid = v;
    return 0;
}

/* A live process of the client: kill(pid, 0) finds it and /proc/PID/comm
 * is the client's name (a reused pid is not taken). */
static int client_alive(long pid, const char *comm)
{
    char path[64], buf[32];
    size_t n = strlen(comm);
    int fd;
    ssize_t r;

    if (kill((pid_t)pid, 0) != 0 && errno != EPERM)
        return 0;
    snprintf(path, sizeof path, "/proc/%ld/comm", pid);
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return 0;
    r = read(fd, buf, sizeof buf - 1);
    (void)close(fd);
    if (r <= 0)
        return 0;
    buf[r] = '\0';
    return strncmp(buf, comm, n) == 0 && (buf[n] == '\n' || buf[n] == '\0');
}

/* A pid file: "<prefix><ifname><suffix>" names ifname's client. */
static void pid_file(leaseset *s, int dirfd_, const char *nm, const char *prefix, const char *suffix,
                     const char *client, const char *comm)
{
    size_t n = strlen(nm), pl = strlen(prefix), sl = strlen(suffix);
    ipcfg_lx_peer_lease l;
    char *buf;
    size_t len;
    int64_t mtime;
    long pid;

    if (n <= pl + sl || n - pl - sl >= sizeof l.ifname || strncmp(nm, prefix, pl) != 0 ||
        strcmp(nm + n - sl, suffix) != 0)
        return;
    if (read_peer_file(dirfd_, nm, &buf, &len, &mtime) != 0)
        return;
    if (len <= 32 && ipcfg_lx_peer_parse_pid(buf, len, &pid) == 0 && client_alive(pid, comm)) {
        memset(&l, 0, sizeof l);
        l.client = client;
        l.running = 1;
        memcpy(l.ifname, nm + pl, n - pl - sl);
        l.ifname[n - pl - sl] = '\0';
        push(s, &l);
    }
    free(buf);
}

/* NetworkManager's lease directory: its internal client's leases
 * (internal-<uuid>-<ifname>.lease, in networkd's format) and its
 * dhclient's (dhclient-<uuid>-<ifname>.lease). */
static void nm_file(leaseset *s, int dfd, const char *nm)
{
    char ifname[IPCFG_PEER_IFNAME_MAX];
    ipcfg_lx_peer_lease l;
    char *buf;
    size_t len;
    int64_t mtime;

    if (!ends_with(nm, ".lease"))
        return;
    if (strncmp(nm, "internal-", 9) == 0) {
        if (nm_ifname(nm + 9, ifname, sizeof ifname) != 0 ||
            read_peer_file(dfd, nm, &buf, &len, &mtime) != 0)
            return;
        if (ipcfg_lx_peer_parse_networkd(buf, len, mtime, &l) == 0) {
            l.client = IPCFG_PEER_NM;
            memcpy(l.ifname, ifname, sizeof ifname);
            push(s, &l);
        }
        free(buf);
    } else if (strncmp(nm, "dhclient-", 9) == 0) {
        if (nm_ifname(nm + 9, ifname, sizeof ifname) != 0 ||
            read_peer_file(dfd, nm, &buf, &len, &mtime) != 0)
            return;
        s->client = IPCFG_PEER_NM;
        (void)ipcfg_lx_peer_parse_dhclient(buf, len, ifname, on_dhclient, s);
        free(buf);
    }
}

typedef enum { DIR_NETWORKD, DIR_NM, DIR_DHCLIENT, DIR_DHCPCD, RUN_DHCPCD, RUN, RUN_NM } dir_kind;

static void scan_dir(leaseset *s, const char *root, const char *dir, dir_kind kind)
{
    char path[4096];
    DIR *d;
    struct dirent *de;

    if ((size_t)snprintf(path, sizeof path, "%s%s", root, dir) >= sizeof path)
        return;
    d = opendir(path);
    if (d == NULL)
        return;
    while ((de = readdir(d)) != NULL && !s->oom) {
        const char *nm = de->d_name;
        char ifname[IPCFG_PEER_IFNAME_MAX];
        ipcfg_lx_peer_lease l;
        char *buf;
        size_t len;
        int64_t mtime;

        s->file_start = s->n;
        if (nm[0] == '.' || (de->d_type != DT_REG && de->d_type != DT_UNKNOWN && de->d_type != DT_LNK))
            continue;
        switch (kind) {
        case RUN_DHCPCD: /* per-interface daemons: IFNAME-4.pid (-4), IFNAME.pid */
            if (ends_with(nm, "-4.pid"))
                pid_file(s, dirfd(d), nm, "", "-4.pid", IPCFG_PEER_DHCPCD, "dhcpcd");
            else if (!ends_with(nm, "-6.pid") && strcmp(nm, "pid") != 0)
                pid_file(s, dirfd(d), nm, "", ".pid", IPCFG_PEER_DHCPCD, "dhcpcd");
            break;
        case RUN:
            if (strncmp(nm, "dhclient", 8) == 0 && strncmp(nm, "dhclient6", 9) != 0) {
                pid_file(s, dirfd(d), nm, "dhclient.", ".pid", IPCFG_PEER_DHCLIENT, "dhclient");
                pid_file(s, dirfd(d), nm, "dhclient-", ".pid", IPCFG_PEER_DHCLIENT, "dhclient");
            }
            break;
        case RUN_NM:
            pid_file(s, dirfd(d), nm, "dhclient-", ".pid", IPCFG_PEER_NM, "dhclient");
            break;
        case DIR_NETWORKD: {
            char *end;
            unsigned long idx;
            if (nm[0] < '1' || nm[0] > '9')
                continue;
            errno = 0;
            idx = strtoul(nm, &end, 10);
            if (*end != '\0' || errno != 0 || idx > 0x7fffffffUL)
                continue;
            if (read_peer_file(dirfd(d), nm, &buf, &len, &mtime) != 0)
                continue;
            if (ipcfg_lx_peer_parse_networkd(buf, len, mtime, &l) == 0) {
                l.ifindex = (uint32_t)idx;
                push(s, &l);
            }
            free(buf);
            break;
        }
        case DIR_NM:
            nm_file(s, dirfd(d), nm);
            break;
        case DIR_DHCLIENT: {
            /* dhclient.leases, dhclient.<ifname>.leases, dhclient-<x>.leases;
             * not dhclient6*. */
            const char *ifn = NULL;
            size_t n = strlen(nm);
            if (strncmp(nm, "dhclient", 8) != 0 || strncmp(nm, "dhclient6", 9) == 0 || !ends_with(nm, ".leases"))
                continue;
            if (nm[8] == '.' && n > 8 + 1 + 7 && n - 8 - 1 - 7 < sizeof ifname) {
                memcpy(ifname, nm + 9, n - 9 - 7);
                ifname[n - 9 - 7] = '\0';
                ifn = ifname;
            }
            if (read_peer_file(dirfd(d), nm, &buf, &len, &mtime) != 0)
                continue;
            s->client = IPCFG_PEER_DHCLIENT;
            (void)ipcfg_lx_peer_parse_dhclient(buf, len, ifn, on_dhclient, s);
            free(buf);
            break;
        }
        case DIR_DHCPCD: {
            size_t n = strlen(nm);
            if (!ends_with(nm, ".lease") || n - 6 >= sizeof ifname)
                continue;
            if (read_peer_file(dirfd(d), nm, &buf, &len, &mtime) != 0)
                continue;
            if (ipcfg_lx_peer_parse_dhcpcd((const uint8_t *)buf, len, mtime, &l) == 0) {
                memcpy(l.ifname, nm, n - 6);
                l.ifname[n - 6] = '\0';
                push(s, &l);
            }
            free(buf);
            break;
        }
        }
    }
    (void)closedir(d);
}

/* Every peer directory under root, once; -1 out of memory (nothing kept). */
static int scan_all(leaseset *s, const char *root)
{
    memset(s, 0, sizeof *s);
    if (root == NULL)
        root = "";
    scan_dir(s, root, IPCFG_PEER_DIR_NETWORKD, DIR_NETWORKD);
    scan_dir(s, root, IPCFG_PEER_DIR_NM, DIR_NM);
    scan_dir(s, root, IPCFG_PEER_DIR_DHCLIENT, DIR_DHCLIENT);
    scan_dir(s, root, IPCFG_PEER_DIR_DHCPCD, DIR_DHCPCD);
    scan_dir(s, root, IPCFG_PEER_RUN_DHCPCD, RUN_DHCPCD);
    scan_dir(s, root, IPCFG_PEER_RUN, RUN);
    scan_dir(s, root, IPCFG_PEER_RUN_NM, RUN_NM);
    if (s->oom) {
        free(s->v);
        s->v = NULL;
        return -1;
    }
    return 0;
}

const char *ipcfg_lx_peer_other_client(const char *ifname, uint32_t ifindex, const ipcfg_lx_peer_addrs *pa,
                                       int64_t now)
{
    static const char *const names[] = {IPCFG_PEER_NETWORKD, IPCFG_PEER_NM, IPCFG_PEER_DHCLIENT, IPCFG_PEER_DHCPCD,
                                        IPCFG_PEER_UNKNOWN};
    ipcfg_lx_peer_addrs mine;
    ipcfg_adapter_list strs;
    ipcfg_adapter a;
    leaseset s;
    const char *who = NULL;

    memset(&mine, 0, sizeof mine);
    memset(&strs, 0, sizeof strs);
    for (size_t i = 0; i < pa->n; i++) {
        if (pa->v[i].ifindex != ifindex)
            continue;
        if (mine.n == mine.cap) {
            size_t nc = mine.cap ? mine.cap * 2 : 8;
            ipcfg_lx_peer_addr *q = realloc(mine.v, nc * sizeof *q);
            if (q == NULL)
                goto out;
            mine.v = q;
            mine.cap = nc;
        }
        mine.v[mine.n++] = pa->v[i];
    }
    if (scan_all(&s, ipcfg_lx_peer_root()) != 0)
        goto out;
    ipcfg_adapter_init(&a);
    a.name = ifname;
    a.ifindex = ifindex;
    a.dhcp_enabled = IPCFG_NO; /* rule 3 (ipcfg's own file) does not count here */
    if (ipcfg_lx_peer_decide(&strs, &a, &mine, s.v, s.n, now) == 0)
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
            if (strcmp(a.lease_client, names[i]) == 0)
                who = names[i];
    ipcfg_adapter_free(&a);
    ipcfg_adapters_free(&strs);
    free(s.v);
out:
    free(mine.v);
    return who;
}

int ipcfg_lx_peer_view_fill(ipcfg_adapter_list *l, ipcfg_lx_peer_addrs *pa, const char *root, int64_t now)
{
    leaseset s;
    size_t i;

    if (scan_all(&s, root) != 0)
        return -1;
    /* each adapter then finds its addresses by bisection: O(n log n); a
     * dump that came in ifindex order already costs one pass */
    if (pa->n > 1 && !sorted_by_ifindex(pa))
        qsort(pa->v, pa->n, sizeof *pa->v, cmp_peer_addr);
    int rc = 0;
    for (i = 0; i < l->n && rc == 0; i++)
        rc = ipcfg_lx_peer_decide(l, &l->items[i], pa, s.v, s.n, now);
    free(s.v);
    return rc;
}
