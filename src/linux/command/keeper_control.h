/* ipcfg — the lease keeper as the command sees it: is one running for an
 * interface, tell it, start it, stop it (docs/linux.md, "Keeping a lease").
 *
 * Exactly one keeper per interface and network namespace: it holds a
 * POSIX record lock (F_SETLK) on the lock file "net<inode>.keep.<ifname>"
 * in root's lock directory (shared/lock.c) for as long as it runs; F_GETLK names
 * its process.  Started through systemd (the unit ipcfg@IFNAME.service)
 * where systemd is PID 1 of this network namespace, else as a detached
 * process of its own (ipcfg --keeper IFNAME).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_COMMAND_KEEPER_CONTROL_H
#define IPCFG_LINUX_COMMAND_KEEPER_CONTROL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "ipcfg/model.h"
#include "wire/keeper_protocol.h"

/* How keepers are started: IPCFG_KEEPER (secure_getenv) "systemd",
 * "detached" or "off"; otherwise systemd when PID 1 is systemd in this
 * network namespace and no IPCFG_STATE_DIR / IPCFG_RUN_DIR / IPCFG_PEER_ROOT
 * is set (a unit would not see them), else detached. */
typedef enum ipcfg_lx_keep_mode { IPCFG_LX_KEEP_OFF = 0, IPCFG_LX_KEEP_DETACHED, IPCFG_LX_KEEP_SYSTEMD } ipcfg_lx_keep_mode;
ipcfg_lx_keep_mode ipcfg_lx_keep_mode_get(void);

/* Before the command's /renew sends or changes anything: can a keeper
 * keep the lease of ifname (its lock file usable: shared/lock.c's checks)?  0
 * yes, or IPCFG_KEEPER=off; else IPCFG_E_FAILED with err naming the file
 * and why. */
int ipcfg_lx_keeper_usable(const char *ifname, ipcfg_error *err);

/* After the command's /renew left ifname with a bound lease: the keeper is
 * told to read the lease file again (SIGHUP), or started when none runs
 * (and the mode is not off).  note: "" or one line worth printing (the
 * unit could not be started and a detached keeper took over, ...). */
void ipcfg_lx_keeper_ensure(const char *ifname, char *note, size_t len);

/* Before the command's /release: the keeper of ifname is stopped (SIGTERM,
 * waited for until deadline_ms, CLOCK_MONOTONIC) and its lock held in *fd
 * so that no keeper starts until ipcfg_lx_keeper_unhold.  0 ok, else a
 * status with err filled (*fd -1): IPCFG_E_TIMEOUT when the keeper (or
 * another command) still held the lock at the deadline, IPCFG_E_FAILED
 * when the lock file is unusable. */
int ipcfg_lx_keeper_stop(const char *ifname, int64_t deadline_ms, int *fd, ipcfg_error *err);
void ipcfg_lx_keeper_unhold(int *fd);

/* The systemd unit name for ifname (systemd-escape rules) into buf. */
/* Who keeps the lease of ifname, asked of its keeper's status socket (the
 * abstract name ipcfg/keep.IF of this network namespace, so that a user
 * without privilege can ask too): 1 a keeper runs, with *by "systemd" when
 * it is the unit ipcfg@IF.service and "ipcfg" when it runs detached; 0
 * none answers (or the one that does is not root's: not believed). */
int ipcfg_lx_keeper_probe(const char *ifname, const char **by);

void ipcfg_lx_unit_name(const char *ifname, char *buf, size_t len);

#endif
