/* ipcfg — file-system facts for the Linux backend.  See sysinfo.h.
 * SPDX-License-Identifier: MIT */
#define _GNU_SOURCE 1 /* secure_getenv */
#include "sysinfo.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/capability.h>

#include "linkmap.h"
#include "resolvconf.h"

#define RESOLV_CONF_MAX (256u * 1024u)
#define LEASE_SUFFIX ".lease"

long ipcfg_lx_read_file(const char *path, char *buf, size_t cap)
{
    size_t len = 0;
    int fd;

    if (cap == 0)
        return -1;
    buf[0] = '\0';
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return -1;
    while (len + 1 < cap) {
        ssize_t n = read(fd, buf + len, cap - 1 - len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            (void)close(fd);
            buf[0] = '\0';
            return -1;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    (void)close(fd);
    buf[len] = '\0';
    return (long)len;
}

static int read_flag(const char *path)
{
    char text[16];

    if (ipcfg_lx_read_file(path, text, sizeof text) <= 0)
        return -1;
    switch (ipcfg_lx_parse_forwarding(text)) {
    case IPCFG_YES: return 1;
    case IPCFG_NO: return 0;
    default: return -1;
    }
}

/* The kernel promotes when IN_DEV_ORCONF(in_dev, PROMOTE_SECONDARIES):
 * conf/all OR conf/<ifname>. */
int ipcfg_lx_promote_secondaries(const char *ifname)
{
    char path[128];
    int all, dev;

    if (ifname[0] == '\0' || strchr(ifname, '/') != NULL || strcmp(ifname, ".") == 0 || strcmp(ifname, "..") == 0)
        return -1;
    all = read_flag("/proc/sys/net/ipv4/conf/all/promote_secondaries");
    if (all == 1)
        return 1;
    snprintf(path, sizeof path, "/proc/sys/net/ipv4/conf/%s/promote_secondaries", ifname);
    dev = read_flag(path);
    if (dev == 1)
        return 1;
    return (all < 0 || dev < 0) ? -1 : 0;
}

ipcfg_tri ipcfg_lx_parse_forwarding(const char *text)
{
    const char *p = text;
    int nonzero = 0, digits = 0;

    while (*p == ' ' || *p == '\t')
        p++;
    for (; *p >= '0' && *p <= '9'; p++) {
        digits++;
        if (*p != '0')
            nonzero = 1;
    }
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    if (digits == 0 || *p != '\0')
        return IPCFG_UNKNOWN;
    return nonzero ? IPCFG_YES : IPCFG_NO;
}

void ipcfg_lx_host_fill(ipcfg_host *h)
{
    const char *path = secure_getenv("IPCFG_RESOLV_CONF");
    char fwd[32];
    char *buf;
    long n;
    size_t i;

    memset(h, 0, sizeof *h);
    if (gethostname(h->host_name, sizeof h->host_name - 1) != 0)
        h->host_name[0] = '\0';
    h->host_name[sizeof h->host_name - 1] = '\0';

    if (path == NULL || path[0] == '\0')
        path = IPCFG_LX_RESOLV_CONF_DEFAULT;
    buf = malloc(RESOLV_CONF_MAX);
    if (buf != NULL) {
        n = ipcfg_lx_read_file(path, buf, RESOLV_CONF_MAX);
        if (n > 0) {
            ipcfg_resolv rc;
            ipcfg_resolv_parse(buf, (size_t)n, &rc);
            ipcfg_copy_str(h->primary_dns_suffix, sizeof h->primary_dns_suffix, rc.domain);
            for (i = 0; i < rc.n_search && i < IPCFG_SEARCH_MAX; i++)
                ipcfg_copy_str(h->search_list[i], sizeof h->search_list[i], rc.search[i]);
            h->n_search = i;
        }
        free(buf);
    }

    h->node_type[0] = '\0';
    h->wins_proxy = IPCFG_UNKNOWN;
    h->ip_routing = ipcfg_lx_read_file(IPCFG_LX_IP_FORWARD, fwd, sizeof fwd) > 0
                        ? ipcfg_lx_parse_forwarding(fwd)
                        : IPCFG_UNKNOWN;
}

static int sysfs_path(char *buf, size_t len, const char *ifname, const char *leaf)
{
    int n;

    if (!ipcfg_lx_ifname_path_safe(ifname))
        return -1;
    n = snprintf(buf, len, "/sys/class/net/%s/%s", ifname, leaf);
    return (n < 0 || (size_t)n >= len) ? -1 : 0;
}

int ipcfg_lx_sysfs_same_link(const char *ifname, uint32_t ifindex)
{
    char p[512], text[32];
    char *end;
    unsigned long v;

    if (sysfs_path(p, sizeof p, ifname, "ifindex") != 0 || ipcfg_lx_read_file(p, text, sizeof text) <= 0)
        return 0;
    v = strtoul(text, &end, 10);
    return end != text && (*end == '\n' || *end == '\0') && v == ifindex;
}

int ipcfg_lx_sysfs_is_wireless(const char *ifname)
{
    char p[512];
    struct stat st;

    if (sysfs_path(p, sizeof p, ifname, "wireless") == 0 && stat(p, &st) == 0)
        return 1;
    if (sysfs_path(p, sizeof p, ifname, "phy80211") == 0 && stat(p, &st) == 0)
        return 1;
    return 0;
}

int ipcfg_lx_sysfs_driver(const char *ifname, char *buf, size_t len)
{
    char p[512], target[512];
    const char *base;
    ssize_t n;

    if (len == 0 || sysfs_path(p, sizeof p, ifname, "device/driver") != 0)
        return -1;
    n = readlink(p, target, sizeof target - 1);
    if (n <= 0)
        return -1;
    target[n] = '\0';
    base = strrchr(target, '/');
    base = base ? base + 1 : target;
    if (base[0] == '\0' || strlen(base) >= len)
        return -1;
    ipcfg_copy_str(buf, len, base);
    return 0;
}

int ipcfg_lx_has_net_admin(void)
{
    struct __user_cap_header_struct hdr;
    struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];

    memset(&hdr, 0, sizeof hdr);
    memset(data, 0, sizeof data);
    hdr.version = _LINUX_CAPABILITY_VERSION_3;
    hdr.pid = 0;
    if (syscall(SYS_capget, &hdr, data) != 0)
        return -1;
    return (data[CAP_NET_ADMIN / 32].effective >> (CAP_NET_ADMIN % 32)) & 1u ? 1 : 0;
}

const char *ipcfg_lx_state_dir(void)
{
    const char *d = secure_getenv("IPCFG_STATE_DIR");

    return (d != NULL && d[0] != '\0') ? d : IPCFG_LX_STATE_DIR_DEFAULT;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int ipcfg_lx_leases_load(ipcfg_lx_leases *ls, const char *state_dir)
{
    DIR *d;
    struct dirent *de;
    size_t sl = strlen(LEASE_SUFFIX);

    memset(ls, 0, sizeof *ls);
    d = opendir(state_dir);
    if (d == NULL)
        return 0; /* no state directory: no leases */
    while ((de = readdir(d)) != NULL) {
        size_t n = strlen(de->d_name);
        char *name;

        if (n <= sl || strcmp(de->d_name + n - sl, LEASE_SUFFIX) != 0)
            continue;
        if (de->d_type != DT_REG && de->d_type != DT_UNKNOWN)
            continue;
        if (ls->n == ls->cap) {
            size_t nc = ls->cap ? ls->cap * 2 : 8;
            char **q = realloc(ls->names, nc * sizeof *q);
            if (q == NULL)
                goto oom;
            ls->names = q;
            ls->cap = nc;
        }
        name = malloc(n - sl + 1);
        if (name == NULL)
            goto oom;
        memcpy(name, de->d_name, n - sl);
        name[n - sl] = '\0';
        ls->names[ls->n++] = name;
    }
    (void)closedir(d);
    if (ls->n > 1)
        qsort(ls->names, ls->n, sizeof *ls->names, cmp_name);
    return 0;
oom:
    (void)closedir(d);
    ipcfg_lx_leases_free(ls);
    return -1;
}

int ipcfg_lx_lease_held(const ipcfg_lx_leases *ls, const char *ifname)
{
    return ls->n > 0 && bsearch(&ifname, ls->names, ls->n, sizeof *ls->names, cmp_name) != NULL;
}

void ipcfg_lx_leases_free(ipcfg_lx_leases *ls)
{
    size_t i;

    for (i = 0; i < ls->n; i++)
        free(ls->names[i]);
    free(ls->names);
    memset(ls, 0, sizeof *ls);
}
