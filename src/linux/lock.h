/* ipcfg — locks per network namespace: abstract AF_UNIX socket names.
 *
 * A lock is an AF_UNIX stream socket bound to the abstract name
 * "\0<name>" and listening while held.  Abstract names belong to the
 * network namespace and vanish with the process, so a crashed run never
 * leaves a stale lock, and two namespaces never share one.  A run that
 * finds the name taken connects to it: the connection is hung up the
 * moment the holder closes it, which wakes the waiter's poll() (no
 * sleeping, no polling).  Used for the DHCP engine's per-interface lock
 * (dhcp_store.h: "ipcfg/if/<ifname>") and the address lock of /add and
 * /delete ("ipcfg/addr", address.c).
 *
 * SPDX-License-Identifier: MIT */
#ifndef IPCFG_LINUX_LOCK_H
#define IPCFG_LINUX_LOCK_H

typedef struct ipcfg_lx_lock {
    int fd;     /* held: the bound socket; else -1 */
    int waitfd; /* waiting: connected to the holder (POLLIN/POLLHUP = released); else -1 */
} ipcfg_lx_lock;

typedef enum ipcfg_lx_lock_res {
    IPCFG_LX_LOCK_HELD = 0,   /* acquired */
    IPCFG_LX_LOCK_WAIT = 1,   /* poll waitfd for POLLIN, then try again */
    IPCFG_LX_LOCK_RETRY = 2,  /* try again after a short while (holder's queue full) */
    IPCFG_LX_LOCK_ERROR = -1  /* errno set */
} ipcfg_lx_lock_res;

void ipcfg_lx_lock_init(ipcfg_lx_lock *lk);
/* One attempt at "\0<prefix><name>" (the name cut to what sun_path holds). */
ipcfg_lx_lock_res ipcfg_lx_lock_try(ipcfg_lx_lock *lk, const char *prefix, const char *name);
/* Attempts until held or timeout_ms have passed, waiting in poll() on the
 * holder: 0 held, -1 with errno (ETIMEDOUT: still taken at the end). */
int ipcfg_lx_lock_acquire(ipcfg_lx_lock *lk, const char *prefix, const char *name, int timeout_ms);
void ipcfg_lx_lock_release(ipcfg_lx_lock *lk);

#endif
