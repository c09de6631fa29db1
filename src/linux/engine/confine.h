/* ipcfg — the engine's confinement, done by the engine process itself
 * before anything the network sent can reach it (docs/linux.md, "Process
 * layout"): only its two sockets kept, an empty root directory, uid and
 * gid nobody, every capability dropped, killed with its parent, no new
 * privileges, not dumpable, and a seccomp filter that allows only the
 * system calls of the exchange.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_ENGINE_CONFINE_H
#define IPCFG_LINUX_ENGINE_CONFINE_H

#include <sys/types.h>

#define IPCFG_LX_ENGINE_UID 65534 /* nobody */
#define IPCFG_LX_ENGINE_GID 65534 /* nogroup */

/* Closes every descriptor but keep_a and keep_b (the engine's two
 * sockets), 0-2 on /dev/null.  0 ok, -1 (errno). */
int ipcfg_lx_confine_fds(int keep_a, int keep_b);

/* The confinement, in the calling process (its descriptors closed first
 * with ipcfg_lx_confine_fds): root directory empty_dir; uid and gid
 * nobody (where the process may change them); every capability dropped
 * (effective, permitted, inheritable, ambient, bounding set); killed when
 * its parent (pid parent) ends; no new privileges, not dumpable; the
 * seccomp filter.  0 ok, -1 with *why (a static string) when a step that
 * must succeed failed. */
int ipcfg_lx_confine(const char *empty_dir, pid_t parent, const char **why);

/* Installs the engine's seccomp filter alone (what ipcfg_lx_confine does
 * last).  0 ok, -1 (errno) when the kernel refused it; 1 when this
 * architecture has no filter. */
int ipcfg_lx_seccomp_engine(void);

#endif
