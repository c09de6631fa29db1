/* ipcfg — the secondaries guard: deleting a primary IPv4 address makes the
 * kernel delete the secondary addresses of its subnet too, unless
 * promote_secondaries is on.  SPDX-License-Identifier: MIT */
#ifndef IPCFG_LINUX_SHARED_SECONDARIES_H
#define IPCFG_LINUX_SHARED_SECONDARIES_H

#include <stddef.h>
#include <stdint.h>

#include "ipcfg/model.h"

/* One IPv4 address as an address dump reported it. */
typedef struct ipcfg_lx_hit {
    uint32_t ifindex;
    unsigned prefix;
    uint32_t flags; /* IFA_F_* */
    uint8_t addr[4];
} ipcfg_lx_hit;

/* hits: where the address to delete is assigned; secs: every secondary
 * IPv4 address (IFA_F_SECONDARY).  0 when the delete may go ahead, else
 * the status with *err filled (as: the address's text). */
int ipcfg_lx_guard_secondaries(const ipcfg_lx_hit *hits, size_t n, const ipcfg_lx_hit *secs, size_t n_secs,
                               const char *as, ipcfg_error *err);

/* net.ipv4.conf.<ifname>.promote_secondaries: 1 on, 0 off, -1 unknown. */
int ipcfg_lx_promote_secondaries(const char *ifname);

/* Turns promote_secondaries on for the interface with this index (as
 * systemd-networkd does for the links it runs), so that removing a
 * primary address promotes the other addresses of its subnet instead of
 * deleting them with it.  Used before ipcfg removes a lease's address.
 * 0 on, -1 could not (a read-only /proc/sys; the kernel's default stays). */
int ipcfg_lx_promote_secondaries_on(uint32_t ifindex);

#endif
