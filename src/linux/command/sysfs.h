/* ipcfg — sysfs probes for Ethernet-type links: wireless or not, driver.
 * SPDX-License-Identifier: MIT */
#ifndef IPCFG_LINUX_COMMAND_SYSFS_H
#define IPCFG_LINUX_COMMAND_SYSFS_H

#include <stddef.h>
#include <stdint.h>

/* 1 when /sys/class/net/<ifname> is the link with this index.  /sys follows
 * the mount namespace, not the network namespace: under `nsenter --net`
 * without a fresh /sys, the name may belong to another namespace's link,
 * whose facts must not be shown. */
int ipcfg_lx_sysfs_same_link(const char *ifname, uint32_t ifindex);
/* /sys/class/net/<ifname>/wireless or .../phy80211 exists. */
int ipcfg_lx_sysfs_is_wireless(const char *ifname);
/* Basename of /sys/class/net/<ifname>/device/driver; 0 ok, -1 none. */
int ipcfg_lx_sysfs_driver(const char *ifname, char *buf, size_t len);

#endif
