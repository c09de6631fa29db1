/* ipcfg — running the other programs ipcfg hands work to (resolvectl,
 * resolvconf, systemctl): found in a fixed list of system directories
 * (under IPCFG_PEER_ROOT), run with a clean environment, waited for with a
 * bound.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_SHARED_SPAWN_H
#define IPCFG_LINUX_SHARED_SPAWN_H

#include <stddef.h>
#include <sys/types.h>

#define IPCFG_LX_SPAWN_TIMEOUT_MS 10000

/* The program name in /usr/sbin, /usr/bin, /sbin or /bin (each under
 * IPCFG_PEER_ROOT), executable, into path.  0 found, -1 not. */
int ipcfg_lx_find_program(const char *name, char *path, size_t len);

/* Runs path with argv (argv[0] first, NULL-terminated), the text `in` (may
 * be NULL) on its standard input, its standard output discarded, within
 * IPCFG_LX_SPAWN_TIMEOUT_MS (then killed).  Its exit status (0..255), or
 * -1 when it could not run or was killed; the first line it wrote to its
 * standard error (or why it did not run) in err. */
int ipcfg_lx_run_program(const char *path, char *const argv[], const char *in, char *err, size_t errlen);

/* Waits up to ms milliseconds for the process pid to end (a pidfd, so a
 * process that is not this one's child too).  1 ended (or no longer
 * there), 0 still running, -1 it cannot be watched (no pidfd_open). */
int ipcfg_lx_pid_wait(pid_t pid, int ms);

#endif
