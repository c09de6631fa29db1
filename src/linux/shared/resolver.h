/* ipcfg — the DNS servers and domain of a lease, handed to the resolver:
 * systemd-resolved for the link where it runs (resolvectl), else resolvconf
 * (openresolv or Debian's resolvconf) where installed, and taken back when
 * the lease ends.  Where neither exists /etc/resolv.conf is left alone;
 * ipcfg never writes it (exactly one owner: the resolver manager).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_SHARED_RESOLVER_H
#define IPCFG_LINUX_SHARED_RESOLVER_H

#include <stddef.h>

#include "dhcp/dhcp_client.h"
#include "dhcp6/dhcp6_lease.h"

/* ELSEWHERE: a resolvconf is installed, but the resolv.conf it writes is
 * PID 1's while ipcfg runs in another network namespace: it is not used. */
typedef enum ipcfg_lx_resolver {
    IPCFG_LX_RES_NONE = 0,
    IPCFG_LX_RES_RESOLVED,
    IPCFG_LX_RES_RESOLVCONF,
    IPCFG_LX_RES_ELSEWHERE
} ipcfg_lx_resolver;

/* Which manager takes DNS servers here; for resolvconf, its path in
 * path (len bytes).  Every path is prefixed with IPCFG_PEER_ROOT.
 * Only a manager that serves this network namespace counts: resolved
 * where ipcfg runs in PID 1's network namespace, resolvconf there too or
 * where /etc/resolv.conf is another file than PID 1's. */
ipcfg_lx_resolver ipcfg_lx_resolver_find(char *path, size_t len);

/* ifname's leases are now after and after6 (each NULL or a released
 * record: none); their DNS servers and names are handed over together,
 * in the order /all lists them (the DHCPv6 lease's servers first, the
 * DHCPv4 lease's names first).  What
 * was last handed over for ifname is recorded in the lock directory
 * ("net<inode>.dns.<ifname>", cleared at boot with /run): when after's
 * DNS servers and domain are what was handed, nothing is done; otherwise
 * after's are handed over (through the manager found now, the old entry
 * taken back first) or, without any, the old entry taken back.  note: ""
 * or one line for the command's result: that no resolver manager runs (so
 * the servers are not in use), or that it failed. */
void ipcfg_lx_dns_update(const char *ifname, const ipcfg_dhcp_lease *after, const ipcfg_dhcp6_lease *after6,
                         char *note, size_t len);

/* 1 when DNS servers of a lease are handed over for ifname now (its
 * record says so), whether or not an interface has that name. */
int ipcfg_lx_dns_handed(const char *ifname);

#endif
