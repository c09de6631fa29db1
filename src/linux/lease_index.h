/* ipcfg — the DHCP lease index: the interfaces ipcfg holds a DHCP lease
 * for, one <ifname>.lease file per interface in the state directory
 * (IPCFG_STATE_DIR, default /var/lib/ipcfg).  Loaded with one directory
 * scan per listing, so that the listing needs no per-interface system
 * call.  The DHCP engine owns the lease files and may replace these
 * functions' internals; their names stay.
 * SPDX-License-Identifier: MIT */
#ifndef IPCFG_LINUX_LEASE_INDEX_H
#define IPCFG_LINUX_LEASE_INDEX_H

#include <stddef.h>

#define IPCFG_LX_STATE_DIR_DEFAULT "/var/lib/ipcfg"

typedef struct ipcfg_lx_leases {
    char **names; /* sorted interface names */
    size_t n, cap;
} ipcfg_lx_leases;

const char *ipcfg_lx_state_dir(void);
/* 0 ok (a missing directory is an empty index), -1 out of memory. */
int ipcfg_lx_leases_load(ipcfg_lx_leases *ls, const char *state_dir);
int ipcfg_lx_lease_held(const ipcfg_lx_leases *ls, const char *ifname);
void ipcfg_lx_leases_free(ipcfg_lx_leases *ls);

#endif
