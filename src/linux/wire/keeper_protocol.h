/* ipcfg — the lease keeper's control protocol: everything that passes
 * between the keeper process (keeper/keeper.c, `ipcfg --keeper IF`), the
 * command that starts, tells and stops it (command/keeper_control.c) and
 * systemd (ipcfg@.service), in one place, as wire/engine_wire.h is the
 * engine's (docs/development.md, "The Linux processes").
 *
 *   who keeps IF   the keeper holds a POSIX record lock (F_SETLK) on the
 *                  lock file "net<inode>.keep.IF" in root's lock directory
 *                  (shared/lock.h) for as long as it runs, and writes its
 *                  pid there ("PID\n"); F_GETLK names the holder, and a
 *                  holder whose pid is not in the file (a /release holding
 *                  the lock while it stops the keeper) is no keeper
 *   status         the keeper listens on the abstract stream socket
 *                  "ipcfg/keep.IF" of its network namespace; a connection
 *                  is the whole answer: its peer's credentials (root, the
 *                  pid) say who keeps the lease, for users who cannot
 *                  read the lock directory
 *   start          detached: `ipcfg --keeper IF` with IPCFG_KEEPER_READY_FD=3
 *                  in its environment and a pipe on descriptor 3, on which
 *                  it writes one byte once it holds the lock; under
 *                  systemd: the unit ipcfg@IF.service, sd_notify READY=1
 *                  (keeper/keeper_log.h)
 *   reload         SIGHUP: the lease file was rewritten (a /renew): read it
 *                  again
 *   stop           SIGTERM (or SIGINT): stop at the next safe point; the
 *                  lease and its address stay (a /release follows)
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_WIRE_KEEPER_PROTOCOL_H
#define IPCFG_LINUX_WIRE_KEEPER_PROTOCOL_H

#include <signal.h>
#include <stddef.h>
#include <sys/types.h>

#define IPCFG_LX_KEEP_PREFIX "keep."  /* the lock file's and the socket's name: keep.IF */
#define IPCFG_LX_UNIT_PREFIX "ipcfg@" /* the unit: ipcfg@<escaped ifname>.service */

#define IPCFG_LX_KEEPER_SIG_RELOAD SIGHUP
#define IPCFG_LX_KEEPER_SIG_STOP SIGTERM

#define IPCFG_LX_KEEPER_READY_ENV "IPCFG_KEEPER_READY_FD"
#define IPCFG_LX_KEEPER_READY_FD 3
#define IPCFG_LX_KEEPER_READY_FD_STR "3"

/* Opens the keeper lock file of ifname (created 0600; the lock
 * directory's checks of shared/lock.c).  An fd, or -1 with errno (why filled). */
int ipcfg_lx_keeper_lockfile(const char *ifname, char *why, size_t len);

/* The pid of the keeper of ifname (F_GETLK on its lock file, checked
 * against the pid written there), 0 when none runs, -1 when it cannot be
 * told (no lock directory yet counts as none). */
pid_t ipcfg_lx_keeper_pid(const char *ifname);

/* The pid of the keeper holding the lock file fd, by the same rules. */
pid_t ipcfg_lx_keeper_holder(int fd);

/* The abstract socket name of ifname's keeper into buf (no leading NUL);
 * its length, or -1 when it does not fit. */
int ipcfg_lx_keeper_sockname(const char *ifname, char *buf, size_t len);

#endif
