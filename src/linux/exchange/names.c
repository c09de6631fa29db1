/* ipcfg — the name and user class the Linux DHCPv4 client sends.  See
 * dhcp_names.h and docs/verbs/setclassid.md.
 *
 * The class file <state dir>/<ifname>.classid holds the class's bytes and
 * a newline, nothing else (a class has no control character, so no
 * newline of its own).  It is replaced atomically (a dot file renamed over
 * it) and read back with the command line's own check
 * (ipcfg_classid_check): what fails it is never sent or shown.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "exchange/names.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dhcp/dns_name.h"
#include "exchange/lease_store.h"
#include "netlink/linkmap.h"
#include "shared/error.h"
#include "shared/statedir.h"

/* ---- the name ---- */

/* name's first label into out (option 12). */
static void first_label(const char *name, char *out, size_t cap)
{
    size_t n = strcspn(name, ".");

    if (n >= cap)
        n = 0; /* a label is at most 63 bytes: never */
    memcpy(out, name, n);
    out[n] = '\0';
}

void ipcfg_lx_start_names(const exchange_run *r, const exchange_job *j, ipcfg_lx_wire_start *s)
{
    ipcfg_dhcp_name_choice ch = IPCFG_DHCP_NAME_HOST;
    const char *name = r->hostname;
    char why[8];

    if (r->hostname_set) {
        name = r->hostname_given != NULL ? r->hostname_given : "";
        ch = name[0] != '\0' ? IPCFG_DHCP_NAME_GIVEN : IPCFG_DHCP_NAME_NONE;
    } else if (j->has_rec && j->rec.state == IPCFG_DHCP_LEASE_BOUND && j->rec.name_choice != IPCFG_DHCP_NAME_HOST) {
        /* the lease's renewals, rebinds and next leases send what it was
         * obtained sending, until /release ends it */
        ch = j->rec.name_choice;
        name = ch == IPCFG_DHCP_NAME_GIVEN ? j->rec.fqdn : "";
    }
    s->name_choice = (uint8_t)ch;
    s->hostname[0] = s->fqdn[0] = '\0';
    if (ipcfg_dns_name_valid(name, strlen(name))) {
        first_label(name, s->hostname, sizeof(s->hostname));
        ipcfg_copy_str(s->fqdn, sizeof(s->fqdn), name);
        if (s->fqdn[0] != '\0' && s->fqdn[strlen(s->fqdn) - 1] == '.')
            s->fqdn[strlen(s->fqdn) - 1] = '\0';
    }
    if (ipcfg_lx_classid_load(r->dir, j->ifname, s->classid, sizeof(s->classid), why, sizeof(why)) != 1)
        s->classid[0] = '\0';
}

/* ---- the class ---- */

static int class_path(char *buf, size_t len, const char *dir, const char *ifname, const char *pre, const char *post)
{
    int n;

    if (!ipcfg_lx_ifname_path_safe(ifname))
        return -1;
    n = snprintf(buf, len, "%s/%s%s%s%s", dir, pre, ifname, IPCFG_LX_CLASSID_SUFFIX, post);
    return n < 0 || (size_t)n >= len ? -1 : 0;
}

int ipcfg_lx_classid_load(const char *dir, const char *ifname, char *out, size_t cap, char *why, size_t why_len)
{
    char path[4200], buf[IPCFG_CLASSID_MAX + 3];
    ssize_t n;
    int fd;

    out[0] = '\0';
    why[0] = '\0';
    if (cap <= IPCFG_CLASSID_MAX || class_path(path, sizeof(path), dir, ifname, "", "") != 0)
        return 0;
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) {
        if (errno == ENOENT)
            return 0;
        snprintf(why, why_len, "The class ID file %.300s cannot be read (%s).", path, strerror(errno));
        return -1;
    }
    n = read(fd, buf, sizeof(buf));
    (void)close(fd);
    if (n <= 0 || (size_t)n > IPCFG_CLASSID_MAX + 1 || buf[n - 1] != '\n' ||
        ipcfg_classid_check(buf, (size_t)n - 1, NULL) != IPCFG_CLASSID_OK || n == 1) {
        snprintf(why, why_len, "The class ID file %.300s is not a valid class ID (at most 255 bytes of UTF-8 text and a "
                               "newline); it is not used.", path);
        return -1;
    }
    memcpy(out, buf, (size_t)n - 1);
    out[n - 1] = '\0';
    return 1;
}

int ipcfg_lx_show_classid(ipcfg_backend *b, const ipcfg_adapter *ad, char *out, size_t cap, ipcfg_error *err)
{
    char why[IPCFG_ERRTEXT_MAX];

    (void)b;
    if (ipcfg_lx_classid_load(ipcfg_lx_state_dir(), ad->name, out, cap, why, sizeof(why)) < 0) {
        ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "%s", why);
        return IPCFG_E_FAILED;
    }
    return 0;
}

static int set_fail(ipcfg_error *err, int e, const char *what, const char *path)
{
    ipcfg_status st = e == EACCES || e == EPERM || e == EROFS ? IPCFG_E_ACCESS : IPCFG_E_FAILED;
    ipcfg_error_set(err, st, IPCFG_R_SYSTEM, "%s %s: %s.", what, path, strerror(e));
    return st;
}

int ipcfg_lx_set_classid(ipcfg_backend *b, const ipcfg_adapter *ad, const char *classid, ipcfg_error *err)
{
    const char *dir = ipcfg_lx_state_dir();
    char path[4200], tmp[4300], pid[32];
    size_t len = strlen(classid);
    int fd, st;

    (void)b;
    snprintf(pid, sizeof(pid), ".%ld.tmp", (long)getpid());
    if (class_path(path, sizeof(path), dir, ad->name, "", "") != 0 ||
        class_path(tmp, sizeof(tmp), dir, ad->name, ".", pid) != 0) {
        ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "The interface name %s cannot name a class ID file.",
                        ad->name);
        return IPCFG_E_FAILED;
    }
    if (len > IPCFG_CLASSID_MAX || ipcfg_classid_check(classid, len, NULL) != IPCFG_CLASSID_OK) {
        ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "The class ID is not valid; nothing was changed.");
        return IPCFG_E_FAILED;
    }
    if ((st = ipcfg_lx_statedir_ensure(dir, err)) != 0)
        return st;
    if (len == 0) /* cleared: no file */
        return unlink(path) == 0 || errno == ENOENT ? 0 : set_fail(err, errno, "Cannot remove the class ID file", path);
    if (unlink(tmp) != 0 && errno != ENOENT)
        return set_fail(err, errno, "Cannot remove the stale temporary file", tmp);
    fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0)
        return set_fail(err, errno, "Cannot write the class ID file", tmp);
    char text[IPCFG_CLASSID_MAX + 2];
    memcpy(text, classid, len);
    text[len] = '\n';
    ssize_t w = write(fd, text, len + 1);
    int e = w < 0 ? errno : EIO;
    if (close(fd) != 0 && w == (ssize_t)(len + 1)) {
        w = -1;
        e = errno;
    }
    if (w != (ssize_t)(len + 1) || rename(tmp, path) != 0) {
        if (w == (ssize_t)(len + 1))
            e = errno;
        (void)unlink(tmp);
        return set_fail(err, e, "Cannot write the class ID file", path);
    }
    return 0;
}
