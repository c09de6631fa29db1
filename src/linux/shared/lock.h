/* ipcfg — locks per network namespace: flock() on root's lock files.
 *
 * The authority is flock(LOCK_EX) on a lock file in the lock directory
 * (IPCFG_RUN_DIR, default /run/ipcfg, created 0700), named by the network
 * namespace's identity (the inode of /proc/self/ns/net) and the lock's
 * name: "net<inode>.if.<ifname>" for the DHCP engine's per-interface lock
 * (exchange/lease_store.h), "net<inode>.addr" for the address lock of /add and
 * /delete (command/address.c).  A directory or file not owned by root (or by the
 * running user) or writable by anyone else is refused: only a process that
 * can write root's directory can hold or block a lock, and flock is
 * released by the kernel when the holder dies, so a crashed run never
 * leaves a stale lock.  The files stay (empty; /run is cleared at boot).
 *
 * The wake-up signal: the holder also binds and listens on the abstract
 * AF_UNIX name "\0ipcfg/<name>" (per network namespace, gone with the
 * process).  A waiter connects to it and is woken in poll() the moment the
 * holder closes it.  The name carries no authority: anyone may bind it, so
 * a waiter waits on it only when the listener's credentials (SO_PEERCRED)
 * are root's or its own; otherwise (a squatter, no listener, the holder's
 * queue full) it tries again every IPCFG_LX_LOCK_POLL_MS.
 *
 * SPDX-License-Identifier: MIT */
#ifndef IPCFG_LINUX_SHARED_LOCK_H
#define IPCFG_LINUX_SHARED_LOCK_H

#include <stddef.h>

#define IPCFG_LX_RUN_DIR_DEFAULT "/run/ipcfg"
#define IPCFG_LX_LOCK_POLL_MS 20 /* the retry interval when there is no holder to wait on */

typedef struct ipcfg_lx_lock {
    int fd;     /* the open lock file (held or not); else -1 */
    int held;   /* flock(LOCK_EX) held on fd */
    int sigfd;  /* held: the listening wake-up socket, or -1 */
    int waitfd; /* waiting: connected to the holder (POLLIN/POLLHUP = released); else -1 */
    char why[400]; /* IPCFG_LX_LOCK_ERROR: one sentence, the cause (with errno set) */
} ipcfg_lx_lock;

typedef enum ipcfg_lx_lock_res {
    IPCFG_LX_LOCK_HELD = 0,   /* acquired */
    IPCFG_LX_LOCK_WAIT = 1,   /* poll waitfd for POLLIN, then try again */
    IPCFG_LX_LOCK_RETRY = 2,  /* try again after IPCFG_LX_LOCK_POLL_MS */
    IPCFG_LX_LOCK_ERROR = -1  /* errno set, why filled */
} ipcfg_lx_lock_res;

/* The lock directory: IPCFG_RUN_DIR (secure_getenv) or the default. */
const char *ipcfg_lx_run_dir(void);

/* 1 when this process is in PID 1's network namespace (where systemd and
 * systemd-resolved see the same interfaces as it does). */
int ipcfg_lx_same_netns_as_init(void);

void ipcfg_lx_lock_init(ipcfg_lx_lock *lk);
/* Opens (creating, 0600) the lock file "net<inode>.<prefix><name>" in the
 * lock directory, with the checks above, for another kind of lock (the
 * keeper's record lock, command/keeper_control.h).  An fd, or -1 with errno set and
 * why (len bytes) filled. */
int ipcfg_lx_lock_file(const char *prefix, const char *name, char *why, size_t len);
/* The same file opened read-only for a look at its lock (F_GETLK) and its
 * content, never created: the descriptor, or -1 with errno (ENOENT: no
 * such file; EACCES: a user who cannot see the lock directory). */
int ipcfg_lx_lock_file_peek(const char *prefix, const char *name);
/* One attempt at the lock "<prefix><name>" ('/' not allowed in name). */
ipcfg_lx_lock_res ipcfg_lx_lock_try(ipcfg_lx_lock *lk, const char *prefix, const char *name);
/* Attempts until held or timeout_ms have passed, waiting in poll() on the
 * holder: 0 held, -1 with errno (ETIMEDOUT: still taken at the end; else
 * lk->why says why). */
int ipcfg_lx_lock_acquire(ipcfg_lx_lock *lk, const char *prefix, const char *name, int timeout_ms);
void ipcfg_lx_lock_release(ipcfg_lx_lock *lk);

#endif
