/* ipcfg — what the Linux backend reads from files: the host block
 * (hostname, resolv.conf, ip_forward), the sysfs probes for Ethernet-type
 * links, and the DHCP lease index of ipcfg's state directory.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_SYSINFO_H
#define IPCFG_LINUX_SYSINFO_H

#include <stddef.h>

#include "ipcfg/model.h"

#define IPCFG_LX_STATE_DIR_DEFAULT "/var/lib/ipcfg"
#define IPCFG_LX_RESOLV_CONF_DEFAULT "/etc/resolv.conf"
#define IPCFG_LX_IP_FORWARD "/proc/sys/net/ipv4/ip_forward"

/* Reads at most cap - 1 bytes of a file into buf (NUL-terminated);
 * returns the length or -1. */
long ipcfg_lx_read_file(const char *path, char *buf, size_t cap);

/* "0" -> NO, a positive number -> YES, anything else UNKNOWN (pure). */
ipcfg_tri ipcfg_lx_parse_forwarding(const char *text);

/* Host name, DNS suffix and search list (resolv.conf, path from
 * IPCFG_RESOLV_CONF or /etc/resolv.conf), IP routing (ip_forward). */
void ipcfg_lx_host_fill(ipcfg_host *h);

/* /sys/class/net/<ifname>/wireless or .../phy80211 exists. */
/* 1 when /sys/class/net/<ifname> is the link with this index.  /sys follows
 * the mount namespace, not the network namespace: under `nsenter --net`
 * without a fresh /sys, the name may belong to another namespace's link,
 * whose facts must not be shown. */
int ipcfg_lx_sysfs_same_link(const char *ifname, uint32_t ifindex);
int ipcfg_lx_sysfs_is_wireless(const char *ifname);
/* Basename of /sys/class/net/<ifname>/device/driver; 0 ok, -1 none. */
int ipcfg_lx_sysfs_driver(const char *ifname, char *buf, size_t len);

/* Whether this process holds CAP_NET_ADMIN (effective): 1 yes, 0 no,
 * -1 unknown.  Only used to order answers as the kernel would (privilege
 * before conflict); the kernel's own verdict is what counts. */
int ipcfg_lx_has_net_admin(void);

/* The interfaces ipcfg holds a DHCP lease for: one <ifname>.lease file per
 * interface in the state directory (IPCFG_STATE_DIR, default
 * /var/lib/ipcfg).  Loaded with one directory scan per listing, so that the
 * listing needs no per-interface system call. */
typedef struct ipcfg_lx_leases {
    char **names; /* sorted interface names */
    size_t n, cap;
} ipcfg_lx_leases;

const char *ipcfg_lx_state_dir(void);
/* 0 ok (a missing directory is an empty index), -1 out of memory. */
int ipcfg_lx_leases_load(ipcfg_lx_leases *ls, const char *state_dir);
int ipcfg_lx_lease_held(const ipcfg_lx_leases *ls, const char *ifname);
void ipcfg_lx_leases_free(ipcfg_lx_leases *ls);

/* net.ipv4.conf.<ifname>.promote_secondaries: 1 on, 0 off, -1 unknown. */
int ipcfg_lx_promote_secondaries(const char *ifname);

#endif
