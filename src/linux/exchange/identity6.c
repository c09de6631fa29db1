/* ipcfg — a DHCPv6 client's identity on Linux (see exchange/identity6.h).
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "exchange/identity6.h"

#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/ethtool.h>
#include <linux/sockios.h>

#include "clock.h"
#include "dhcp6/dhcp6_duid.h"
#include "exchange/lease_store.h"

/* 1 read, 0 no file, -1 unusable (err filled). */
static int duid_read(const char *dir, uint8_t *duid, uint8_t *len, ipcfg_error *err)
{
    char path[4096], buf[1024], why[200];

    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, IPCFG_LX_DUID_FILE) >= sizeof path)
        return 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW);
    if (fd < 0 && errno == ENOENT)
        return 0;
    ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf) : -1;
    int e = errno;
    if (fd >= 0)
        (void)close(fd);
    if (n < 0 || (size_t)n >= sizeof buf) {
        ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "The DHCPv6 DUID file %s cannot be read (%s).", path,
                        n < 0 ? strerror(e) : "too long");
        return -1;
    }
    if (ipcfg_dhcp6_duid_parse(buf, (size_t)n, duid, len, why, sizeof why) != 0) {
        ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM,
                        "The DHCPv6 DUID file %s is corrupt (%s); remove it to make a new DUID.", path, why);
        return -1;
    }
    return 1;
}

int ipcfg_lx_duid_get(const char *dir, const uint8_t *hw, size_t hwlen, uint8_t *duid, uint8_t *len,
                      ipcfg_error *err)
{
    char text[600];
    uint8_t made[130];

    for (int attempt = 0; attempt < 2; attempt++) {
        int rc = duid_read(dir, duid, len, err);
        if (rc != 0)
            return rc > 0 ? 0 : IPCFG_E_FAILED;
        if (attempt > 0)
            break;
        int64_t now = ipcfg_lx_wall_s();
        size_t n = ipcfg_dhcp6_duid_llt(1, hw, hwlen, now, made, sizeof made);
        size_t tl = n > 0 ? ipcfg_dhcp6_duid_format(made, n, text, sizeof text) : 0;
        if (tl == 0) {
            ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "No DHCPv6 DUID can be made from this interface.");
            return IPCFG_E_FAILED;
        }
        int st = ipcfg_lx_statedir_ensure(dir, err);
        if (st == 0)
            st = ipcfg_lx_state_write(dir, IPCFG_LX_DUID_FILE, text, tl, 1, err);
        if (st > 0)
            return st;
        /* written, or another run's came first: read back what is there */
    }
    ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "The DHCPv6 DUID file could not be made.");
    return IPCFG_E_FAILED;
}

/* ethtool's permanent address (ETHTOOL_GPERMADDR); 0 when there is none
 * (a veth, a bridge: all zeros or not supported). */
static size_t perm_addr(const char *ifname, uint8_t *out, size_t cap)
{
    /* struct ethtool_perm_addr and its data, laid out by hand: a struct
     * that ends in a flexible array cannot be a member (ISO C) */
    union {
        struct ethtool_perm_addr h;
        uint8_t raw[sizeof(struct ethtool_perm_addr) + 32];
    } req;
    struct ifreq ifr;
    size_t n = 0;
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

    if (fd < 0)
        return 0;
    memset(&req, 0, sizeof req);
    req.h.cmd = ETHTOOL_GPERMADDR;
    req.h.size = 32;
    memset(&ifr, 0, sizeof ifr);
    ipcfg_copy_str(ifr.ifr_name, sizeof ifr.ifr_name, ifname);
    ifr.ifr_data = (void *)&req;
    if (ioctl(fd, SIOCETHTOOL, &ifr) == 0 && req.h.size > 0 && req.h.size <= cap && req.h.size <= 32) {
        const uint8_t *data = req.raw + sizeof(struct ethtool_perm_addr);
        int any = 0;
        for (size_t i = 0; i < req.h.size; i++)
            any |= data[i];
        if (any) {
            n = req.h.size;
            memcpy(out, data, n);
        }
    }
    (void)close(fd);
    return n;
}

uint32_t ipcfg_lx_iaid(const char *ifname, const uint8_t *hw, size_t hwlen)
{
    uint8_t perm[32];
    size_t n = perm_addr(ifname, perm, sizeof perm);

    if (n > 0)
        return ipcfg_dhcp6_iaid_from_hwaddr(perm, n);
    if (hwlen > 0)
        return ipcfg_dhcp6_iaid_from_hwaddr(hw, hwlen);
    return ipcfg_dhcp6_iaid_from_name(ifname);
}
