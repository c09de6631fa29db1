/* ipcfg — the Linux DHCP lease store and the per-interface lock.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "exchange/lease_store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dhcp6/dhcp6_lease.h"
#include "netlink/linkmap.h"

#define LOCK_PREFIX "if."

static int errno_status(int e)
{
    return (e == EACCES || e == EPERM) ? IPCFG_E_ACCESS : IPCFG_E_FAILED;
}

static int fail(ipcfg_error *err, int e, const char *what, const char *path)
{
    int st = errno_status(e);
    /* R_SYSTEM even for 4: the file's own words, not "requires elevation". */
    ipcfg_error_set(err, (ipcfg_status)st, IPCFG_R_SYSTEM, "%s %s: %s.", what, path, strerror(e));
    err->sys_code = e;
    err->has_sys_code = 1;
    return st;
}

int ipcfg_lx_statedir_ensure(const char *dir, ipcfg_error *err)
{
    struct stat st;

    if (stat(dir, &st) == 0) {
        if (!S_ISDIR(st.st_mode))
            return fail(err, ENOTDIR, "Cannot use the state directory", dir);
        /* a read-only state directory is said before anything is sent */
        if (access(dir, W_OK) != 0)
            return fail(err, errno, "Cannot write to the state directory", dir);
        return 0;
    }
    if (errno != ENOENT)
        return fail(err, errno, "Cannot use the state directory", dir);
    if (mkdir(dir, 0755) != 0 && errno != EEXIST)
        return fail(err, errno, "Cannot create the state directory", dir);
    return 0;
}

static int lease_path(char *buf, size_t len, const char *dir, const char *ifname)
{
    int n;

    if (!ipcfg_lx_ifname_path_safe(ifname))
        return -1;
    n = snprintf(buf, len, "%s/%s%s", dir, ifname, IPCFG_LX_LEASE_SUFFIX);
    return (n < 0 || (size_t)n >= len) ? -1 : 0;
}

ipcfg_family ipcfg_lx_lease_kind(const char *buf, size_t len, unsigned *version)
{
    static const struct {
        const char *magic;
        ipcfg_family family;
    } kinds[] = {{IPCFG_DHCP_LEASE_MAGIC " ", IPCFG_AF_INET4}, {IPCFG_DHCP6_LEASE_MAGIC " ", IPCFG_AF_INET6}};
    const char *nl = memchr(buf, '\n', len);
    size_t n = nl != NULL ? (size_t)(nl - buf) : len;

    *version = 0;
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        size_t m = strlen(kinds[k].magic);
        unsigned v = 0;
        size_t i = m;
        if (n <= m || memcmp(buf, kinds[k].magic, m) != 0)
            continue;
        for (; i < n && buf[i] >= '0' && buf[i] <= '9' && v < 1000000; i++)
            v = v * 10 + (unsigned)(buf[i] - '0');
        if (i != n || v == 0)
            return IPCFG_AF_NONE;
        *version = v;
        return kinds[k].family;
    }
    return IPCFG_AF_NONE;
}

int ipcfg_lx_lease_read_fd(int fd, ipcfg_dhcp_lease *out, char *why, size_t why_len)
{
    char *buf = malloc(IPCFG_LX_LEASE_FILE_MAX + 1);
    size_t used = 0;
    char reason[200];
    struct stat st;
    int rc = -1;

    /* Regular files only, decided on the open file (the listing and /renew
     * apply the same rule). */
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(why, why_len, "is not a regular file");
        free(buf);
        return -1;
    }
    if (buf == NULL) {
        snprintf(why, why_len, "out of memory");
        return -1;
    }
    for (;;) {
        ssize_t r = read(fd, buf + used, IPCFG_LX_LEASE_FILE_MAX + 1 - used);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            snprintf(why, why_len, "cannot be read (%s)", strerror(errno));
            goto out;
        }
        if (r == 0)
            break;
        used += (size_t)r;
        if (used > IPCFG_LX_LEASE_FILE_MAX) {
            snprintf(why, why_len, "is larger than %u bytes", (unsigned)IPCFG_LX_LEASE_FILE_MAX);
            goto out;
        }
    }
    buf[used] = '\0';
    reason[0] = '\0';
    memset(out, 0, sizeof *out);
    /* another family's record, or a later version of this one: said as
     * such (anything else is for the parser to judge) */
    unsigned version;
    ipcfg_family kind = ipcfg_lx_lease_kind(buf, used, &version);
    if (kind == IPCFG_AF_INET6) {
        snprintf(why, why_len, "holds a DHCPv6 lease, not a DHCPv4 one");
        goto out;
    }
    if (kind == IPCFG_AF_INET4 && version > IPCFG_DHCP_LEASE_VERSION) {
        snprintf(why, why_len, "was written by a later ipcfg (format version %u)", version);
        goto out;
    }
    if (ipcfg_dhcp_lease_parse(buf, used, out, reason, sizeof reason) != 0) {
        snprintf(why, why_len, "is corrupt or truncated (%s)", reason[0] ? reason : "rejected");
        memset(out, 0, sizeof *out);
        goto out;
    }
    rc = 1;
out:
    free(buf);
    return rc;
}

int ipcfg_lx_lease_load(const char *dir, const char *ifname, ipcfg_dhcp_lease *out, char *why, size_t why_len)
{
    char path[4096], inner[300];
    int fd, rc;

    why[0] = '\0';
    if (lease_path(path, sizeof path, dir, ifname) != 0)
        return 0;
    /* A symbolic link is followed (docs/linux.md: the state directory is
     * root's); O_NONBLOCK: opening a FIFO never waits. */
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        if (errno == ENOENT)
            return 0;
        snprintf(why, why_len, "The lease file %s cannot be opened (%s); it is ignored.", path, strerror(errno));
        return -1;
    }
    rc = ipcfg_lx_lease_read_fd(fd, out, inner, sizeof inner);
    (void)close(fd);
    if (rc < 0) {
        snprintf(why, why_len, "The lease file %s %s; it is ignored.", path, inner);
        return -1;
    }
    if (strcmp(out->ifname, ifname) != 0) {
        snprintf(why, why_len, "The lease file %s names another interface (%s); it is ignored.", path,
                 out->ifname);
        memset(out, 0, sizeof *out);
        return -1;
    }
    return 1;
}

int ipcfg_lx_lease_save(const char *dir, const ipcfg_dhcp_lease *l, ipcfg_error *err)
{
    char path[4096], tmp[4200], text[8192];
    size_t len, off = 0;
    int fd, n;

    if (lease_path(path, sizeof path, dir, l->ifname) != 0) {
        ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "The interface name %s cannot name a lease file.",
                        l->ifname);
        return IPCFG_E_FAILED;
    }
    len = ipcfg_dhcp_lease_format(l, text, sizeof text);
    if (len == 0) {
        ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "The lease of %s could not be written out.", l->ifname);
        return IPCFG_E_FAILED;
    }
    /* A dot file, which the listing's scan ignores; named by the process
     * because one state directory may serve several network namespaces,
     * whose interface locks do not see each other. */
    n = snprintf(tmp, sizeof tmp, "%s/.%s%s.%ld.tmp", dir, l->ifname, IPCFG_LX_LEASE_SUFFIX, (long)getpid());
    if (n < 0 || (size_t)n >= sizeof tmp) {
        ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "The state directory path is too long.");
        return IPCFG_E_FAILED;
    }
    /* Created anew: a stale temporary of a dead run with our pid, or a file
     * or hard link placed at the name, is removed, never written through. */
    if (unlink(tmp) != 0 && errno != ENOENT)
        return fail(err, errno, "Cannot remove the stale temporary lease file", tmp);
    fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0)
        return fail(err, errno, "Cannot write the lease file", tmp);
    while (off < len) {
        ssize_t w = write(fd, text + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            int e = w < 0 ? errno : EIO;
            (void)close(fd);
            (void)unlink(tmp);
            return fail(err, e, "Cannot write the lease file", tmp);
        }
        off += (size_t)w;
    }
    if (close(fd) != 0) {
        int e = errno;
        (void)unlink(tmp);
        return fail(err, e, "Cannot write the lease file", tmp);
    }
    if (rename(tmp, path) != 0) {
        int e = errno;
        (void)unlink(tmp);
        return fail(err, e, "Cannot replace the lease file", path);
    }
    return 0;
}

/* ---- the per-interface lock (shared/lock.c) ---- */

void ipcfg_lx_iflock_init(ipcfg_lx_iflock *lk)
{
    ipcfg_lx_lock_init(lk);
}

ipcfg_lx_lock_res ipcfg_lx_iflock_try(ipcfg_lx_iflock *lk, const char *ifname)
{
    return ipcfg_lx_lock_try(lk, LOCK_PREFIX, ifname);
}

int ipcfg_lx_iflock_acquire(ipcfg_lx_iflock *lk, const char *ifname, int timeout_ms)
{
    return ipcfg_lx_lock_acquire(lk, LOCK_PREFIX, ifname, timeout_ms);
}

void ipcfg_lx_iflock_release(ipcfg_lx_iflock *lk)
{
    ipcfg_lx_lock_release(lk);
}
