/* ipcfg — the Linux DHCP lease store and the per-interface lock.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "exchange/lease_store.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
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

static int lease_path(char *buf, size_t len, const char *dir, const char *ifname, const char *suffix)
{
    int n;

    if (!ipcfg_lx_ifname_path_safe(ifname))
        return -1;
    n = snprintf(buf, len, "%s/%s%s", dir, ifname, suffix);
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

/* The whole file open at fd (a regular file, at most
 * IPCFG_LX_LEASE_FILE_MAX bytes) into a malloc'd, NUL-terminated buffer:
 * its length, or -1 with why. */
static long read_text(int fd, char **out, char *why, size_t why_len)
{
    char *buf = malloc(IPCFG_LX_LEASE_FILE_MAX + 1);
    size_t used = 0;
    struct stat st;

    *out = NULL;
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
            free(buf);
            return -1;
        }
        if (r == 0)
            break;
        used += (size_t)r;
        if (used > IPCFG_LX_LEASE_FILE_MAX) {
            snprintf(why, why_len, "is larger than %u bytes", (unsigned)IPCFG_LX_LEASE_FILE_MAX);
            free(buf);
            return -1;
        }
    }
    buf[used] = '\0';
    *out = buf;
    return (long)used;
}

int ipcfg_lx_lease_read_fd(int fd, ipcfg_dhcp_lease *out, char *why, size_t why_len)
{
    char *buf;
    char reason[200];
    long used = read_text(fd, &buf, why, why_len);
    int rc = -1;

    if (used < 0)
        return -1;
    reason[0] = '\0';
    memset(out, 0, sizeof *out);
    /* another family's record, or a later version of this one: said as
     * such (anything else is for the parser to judge) */
    unsigned version;
    ipcfg_family kind = ipcfg_lx_lease_kind(buf, (size_t)used, &version);
    if (kind == IPCFG_AF_INET6) {
        snprintf(why, why_len, "holds a DHCPv6 lease, not a DHCPv4 one");
        goto out;
    }
    if (kind == IPCFG_AF_INET4 && version > IPCFG_DHCP_LEASE_VERSION) {
        snprintf(why, why_len, "was written by a later ipcfg (format version %u)", version);
        goto out;
    }
    if (ipcfg_dhcp_lease_parse(buf, (size_t)used, out, reason, sizeof reason) != 0) {
        snprintf(why, why_len, "is corrupt or truncated (%s)", reason[0] ? reason : "rejected");
        memset(out, 0, sizeof *out);
        goto out;
    }
    rc = 1;
out:
    free(buf);
    return rc;
}

int ipcfg_lx_lease6_read_fd(int fd, ipcfg_dhcp6_lease *out, char *why, size_t why_len)
{
    char *buf;
    char reason[200];
    long used = read_text(fd, &buf, why, why_len);
    unsigned version;
    int rc = -1;

    if (used < 0)
        return -1;
    reason[0] = '\0';
    memset(out, 0, sizeof *out);
    ipcfg_family kind = ipcfg_lx_lease_kind(buf, (size_t)used, &version);
    if (kind == IPCFG_AF_INET4)
        snprintf(why, why_len, "holds a DHCPv4 lease, not a DHCPv6 one");
    else if (kind == IPCFG_AF_INET6 && version > IPCFG_DHCP6_LEASE_VERSION)
        snprintf(why, why_len, "was written by a later ipcfg (format version %u)", version);
    else if (ipcfg_dhcp6_lease_parse(buf, (size_t)used, out, reason, sizeof reason) != 0)
        snprintf(why, why_len, "is corrupt or truncated (%s)", reason[0] ? reason : "rejected");
    else
        rc = 1;
    if (rc != 1)
        memset(out, 0, sizeof *out);
    free(buf);
    return rc;
}

/* Opens <dir>/<ifname><suffix>: the descriptor, -2 when there is no file,
 * -1 when it cannot be opened (why says so); path gets its name. */
static int open_lease(const char *dir, const char *ifname, const char *suffix, char *path, size_t plen, char *why,
                      size_t why_len)
{
    if (lease_path(path, plen, dir, ifname, suffix) != 0)
        return -2;
    /* A symbolic link is followed (docs/linux.md: the state directory is
     * root's); O_NONBLOCK: opening a FIFO never waits. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0 && errno == ENOENT)
        return -2;
    if (fd < 0)
        snprintf(why, why_len, "The lease file %s cannot be opened (%s); it is ignored.", path, strerror(errno));
    return fd;
}

typedef int (*lease_reader)(int fd, void *out, char *why, size_t why_len);

static int read4(int fd, void *out, char *why, size_t why_len)
{
    return ipcfg_lx_lease_read_fd(fd, out, why, why_len);
}

static int read6(int fd, void *out, char *why, size_t why_len)
{
    return ipcfg_lx_lease6_read_fd(fd, out, why, why_len);
}

/* <dir>/<ifname><suffix> read by rd into out (size bytes), whose interface
 * name lies at name_off: it must be ifname. */
static int load_file(const char *dir, const char *ifname, const char *suffix, lease_reader rd, void *out, size_t size,
                     size_t name_off, char *why, size_t why_len)
{
    char path[4096], inner[300];

    why[0] = '\0';
    int fd = open_lease(dir, ifname, suffix, path, sizeof path, why, why_len);
    if (fd < 0)
        return fd == -2 ? 0 : -1;
    int rc = rd(fd, out, inner, sizeof inner);
    (void)close(fd);
    if (rc < 0) {
        snprintf(why, why_len, "The lease file %s %s; it is ignored.", path, inner);
        return -1;
    }
    const char *name = (const char *)out + name_off;
    if (strcmp(name, ifname) != 0) {
        snprintf(why, why_len, "The lease file %s names another interface (%s); it is ignored.", path, name);
        memset(out, 0, size);
        return -1;
    }
    return 1;
}

int ipcfg_lx_lease_load(const char *dir, const char *ifname, ipcfg_dhcp_lease *out, char *why, size_t why_len)
{
    return load_file(dir, ifname, IPCFG_LX_LEASE_SUFFIX, read4, out, sizeof(*out), offsetof(ipcfg_dhcp_lease, ifname),
                     why, why_len);
}

int ipcfg_lx_lease6_load(const char *dir, const char *ifname, ipcfg_dhcp6_lease *out, char *why, size_t why_len)
{
    return load_file(dir, ifname, IPCFG_LX_LEASE6_SUFFIX, read6, out, sizeof(*out),
                     offsetof(ipcfg_dhcp6_lease, ifname), why, why_len);
}

int ipcfg_lx_state_write(const char *dir, const char *name, const char *text, size_t len, int exclusive,
                         ipcfg_error *err)
{
    char path[4096], tmp[4200];
    size_t off = 0;
    int fd, n;

    n = snprintf(path, sizeof path, "%s/%s", dir, name);
    /* A dot file, which the listing's scan ignores; named by the process
     * because one state directory may serve several network namespaces,
     * whose interface locks do not see each other. */
    int m = snprintf(tmp, sizeof tmp, "%s/.%s.%ld.tmp", dir, name, (long)getpid());
    if (n < 0 || (size_t)n >= sizeof path || m < 0 || (size_t)m >= sizeof tmp) {
        ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "The state directory path is too long.");
        return IPCFG_E_FAILED;
    }
    /* Created anew: a stale temporary of a dead run with our pid, or a file
     * or hard link placed at the name, is removed, never written through. */
    if (unlink(tmp) != 0 && errno != ENOENT)
        return fail(err, errno, "Cannot remove the stale temporary file", tmp);
    fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0)
        return fail(err, errno, "Cannot write the file", tmp);
    while (off < len) {
        ssize_t w = write(fd, text + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            int e = w < 0 ? errno : EIO;
            (void)close(fd);
            (void)unlink(tmp);
            return fail(err, e, "Cannot write the file", tmp);
        }
        off += (size_t)w;
    }
    if (close(fd) != 0) {
        int e = errno;
        (void)unlink(tmp);
        return fail(err, e, "Cannot write the file", tmp);
    }
    /* exclusive: link(2) never replaces, so the first writer's file stays */
    if (exclusive ? link(tmp, path) != 0 : rename(tmp, path) != 0) {
        int e = errno;
        (void)unlink(tmp);
        if (exclusive && e == EEXIST)
            return -1;
        return fail(err, e, "Cannot replace the file", path);
    }
    if (exclusive)
        (void)unlink(tmp);
    return 0;
}

static int save_text(const char *dir, const char *ifname, const char *suffix, const char *text, size_t len,
                     ipcfg_error *err)
{
    char name[300];

    if (len == 0) {
        ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "The lease of %s could not be written out.", ifname);
        return IPCFG_E_FAILED;
    }
    if (!ipcfg_lx_ifname_path_safe(ifname) ||
        (size_t)snprintf(name, sizeof name, "%s%s", ifname, suffix) >= sizeof name) {
        ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "The interface name %s cannot name a lease file.",
                        ifname);
        return IPCFG_E_FAILED;
    }
    return ipcfg_lx_state_write(dir, name, text, len, 0, err);
}

int ipcfg_lx_lease_save(const char *dir, const ipcfg_dhcp_lease *l, ipcfg_error *err)
{
    char text[8192];

    return save_text(dir, l->ifname, IPCFG_LX_LEASE_SUFFIX, text, ipcfg_dhcp_lease_format(l, text, sizeof text),
                     err);
}

int ipcfg_lx_lease6_save(const char *dir, const ipcfg_dhcp6_lease *l, ipcfg_error *err)
{
    char text[8192];

    return save_text(dir, l->ifname, IPCFG_LX_LEASE6_SUFFIX, text, ipcfg_dhcp6_lease_format(l, text, sizeof text),
                     err);
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
