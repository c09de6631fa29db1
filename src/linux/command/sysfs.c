/* ipcfg — sysfs probes.  See command/sysfs.h.  SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE 1
#include "command/sysfs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "command/host.h"
#include "netlink/linkmap.h"

static int sysfs_path(char *buf, size_t len, const char *ifname, const char *leaf)
{
    if (!ipcfg_lx_ifname_path_safe(ifname))
        return -1;
    int n = snprintf(buf, len, "/sys/class/net/%s/%s", ifname, leaf);
    return (n < 0 || (size_t)n >= len) ? -1 : 0;
}

int ipcfg_lx_sysfs_same_link(const char *ifname, uint32_t ifindex)
{
    char p[512], text[32];
    char *end;
    unsigned long v;

    if (sysfs_path(p, sizeof(p), ifname, "ifindex") != 0 || ipcfg_lx_read_file(p, text, sizeof(text)) <= 0)
        return 0;
    v = strtoul(text, &end, 10);
    return end != text && (*end == '\n' || *end == '\0') && v == ifindex;
}

int ipcfg_lx_sysfs_is_wireless(const char *ifname)
{
    char p[512];
    struct stat st;

    if (sysfs_path(p, sizeof(p), ifname, "wireless") == 0 && stat(p, &st) == 0)
        return 1;
    if (sysfs_path(p, sizeof(p), ifname, "phy80211") == 0 && stat(p, &st) == 0)
        return 1;
    return 0;
}

int ipcfg_lx_sysfs_driver(const char *ifname, char *buf, size_t len)
{
    char p[512], target[512];
    const char *base;
    ssize_t n;

    if (len == 0 || sysfs_path(p, sizeof(p), ifname, "device/driver") != 0)
        return -1;
    n = readlink(p, target, sizeof(target) - 1);
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
