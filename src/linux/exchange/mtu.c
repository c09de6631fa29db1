/* ipcfg — a lease's interface MTU on the link.  See dhcp_mtu.h.
 *
 * The kept MTU lives in <state dir>/<ifname>.mtu as "<ifindex> <mtu>\n":
 * written before the first change, removed when put back.  A file left by
 * another link of the same name (another index) is not believed.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "exchange/mtu.h"

#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "netlink/linkmap.h"

unsigned ipcfg_lx_mtu_wanted(const ipcfg_dhcp_lease *l, int has_ipv6)
{
    unsigned floor = has_ipv6 ? IPCFG_LX_MTU_FLOOR_IPV6 : IPCFG_LX_MTU_FLOOR;

    return l != NULL && l->state == IPCFG_DHCP_LEASE_BOUND && l->mtu >= floor ? l->mtu : 0u;
}

/* The link has IPv6 (not switched off with disable_ipv6, the family
 * present). */
static int link_has_ipv6(const char *ifname)
{
    char path[128], c = '1';
    int fd;

    snprintf(path, sizeof(path), "/proc/sys/net/ipv6/conf/%s/disable_ipv6", ifname);
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    if (read(fd, &c, 1) != 1)
        c = '1';
    (void)close(fd);
    return c == '0';
}

/* SIOCGIFMTU / SIOCSIFMTU: get (*mtu 0) or set; 0 or errno. */
static int link_mtu(const char *ifname, unsigned *mtu, int set)
{
    struct ifreq ifr;
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), e = 0;

    if (fd < 0)
        return errno;
    memset(&ifr, 0, sizeof(ifr));
    snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
    ifr.ifr_mtu = (int)*mtu;
    if (ioctl(fd, set ? SIOCSIFMTU : SIOCGIFMTU, &ifr) != 0)
        e = errno;
    else if (!set)
        *mtu = (unsigned)ifr.ifr_mtu;
    (void)close(fd);
    return e;
}

static int kept_path(char *buf, size_t len, const char *dir, const char *ifname)
{
    int n;

    if (!ipcfg_lx_ifname_path_safe(ifname))
        return -1;
    n = snprintf(buf, len, "%s/%s%s", dir, ifname, IPCFG_LX_MTU_SUFFIX);
    return n < 0 || (size_t)n >= len ? -1 : 0;
}

/* The kept MTU of this link: 1 and *mtu, or 0 none. */
static int kept_read(const char *path, uint32_t ifindex, unsigned *mtu)
{
    char buf[32];
    unsigned idx = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

    if (fd >= 0)
        (void)close(fd);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    return sscanf(buf, "%u %u", &idx, mtu) == 2 && idx == ifindex && *mtu >= 68 && *mtu <= 65535;
}

void ipcfg_lx_mtu_restore(const char *dir, const char *ifname, uint32_t ifindex, char *note, size_t len)
{
    char path[4200];
    unsigned mtu = 0;
    int e;

    note[0] = '\0';
    if (kept_path(path, sizeof(path), dir, ifname) != 0)
        return;
    if (kept_read(path, ifindex, &mtu) && (e = link_mtu(ifname, &mtu, 1)) != 0 && e != ENODEV)
        snprintf(note, len, "The MTU of %s could not be set back to %u: %s.", ifname, mtu, strerror(e));
    (void)unlink(path);
}

void ipcfg_lx_mtu_apply(const char *dir, const char *ifname, uint32_t ifindex, const ipcfg_dhcp_lease *l, char *note,
                        size_t len)
{
    char path[4200], text[32];
    int v6 = link_has_ipv6(ifname), e, fd;
    unsigned want = ipcfg_lx_mtu_wanted(l, v6), now = 0, kept = 0;

    note[0] = '\0';
    if (want == 0) {
        ipcfg_lx_mtu_restore(dir, ifname, ifindex, note, len);
        if (l->mtu != 0 && note[0] == '\0')
            snprintf(note, len, "The lease's MTU %u is under %u%s; the link keeps its own.", (unsigned)l->mtu,
                     v6 ? IPCFG_LX_MTU_FLOOR_IPV6 : IPCFG_LX_MTU_FLOOR, v6 ? " (the link has IPv6)" : "");
        return;
    }
    if (kept_path(path, sizeof(path), dir, ifname) != 0 || (e = link_mtu(ifname, &now, 0)) != 0) {
        snprintf(note, len, "The lease's MTU %u was not applied to %s.", want, ifname);
        return;
    }
    if (now == want)
        return;
    if (!kept_read(path, ifindex, &kept)) {
        /* the link's own MTU, kept before the first change */
        int n = snprintf(text, sizeof(text), "%u %u\n", (unsigned)ifindex, now);
        (void)unlink(path);
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
        if (fd < 0 || write(fd, text, (size_t)n) != n) {
            e = errno;
            if (fd >= 0)
                (void)close(fd);
            (void)unlink(path);
            snprintf(note, len, "The lease's MTU %u was not applied to %s: its MTU cannot be kept in %s (%s).", want,
                     ifname, path, strerror(e));
            return;
        }
        (void)close(fd);
    }
    if ((e = link_mtu(ifname, &want, 1)) != 0)
        snprintf(note, len, "The lease's MTU %u could not be set on %s: %s.", want, ifname, strerror(e));
}
