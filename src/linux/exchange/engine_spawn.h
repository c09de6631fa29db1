/* ipcfg — privilege separation of the DHCP exchange: the engine process
 * that reads and parses what the network sends runs without root and
 * without capabilities, with no new privileges, in an empty root
 * directory, under a seccomp filter that allows only the system calls of
 * the exchange (docs/linux.md, "Process layout").  dhcpcd's privsep and
 * OpenBSD's dhcpleased keep the network-facing parser apart the same way.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_EXCHANGE_ENGINE_SPAWN_H
#define IPCFG_LINUX_EXCHANGE_ENGINE_SPAWN_H

#include <sys/types.h>

#define IPCFG_LX_ENGINE_UID 65534 /* nobody */
#define IPCFG_LX_ENGINE_GID 65534 /* nogroup */
#define IPCFG_LX_ENGINE_REAP_MS 1000 /* the grace of an engine whose sockets were closed */
#define IPCFG_LX_ENGINE_SEND_S 2      /* how long a send to the engine may block */

typedef struct ipcfg_lx_engine {
    pid_t pid;
    int ctl; /* START messages to the engine */
    int rpc; /* the engine's requests, answered here */
} ipcfg_lx_engine;

/* Forks the engine (engine/engine.c).  The child keeps only its two sockets,
 * confines itself (ipcfg_lx_confine, with the empty directory empty_dir as
 * its root) and runs ipcfg_lx_engine_main; it never returns.  0 ok, else a
 * negative errno (nothing started). */
int ipcfg_lx_engine_spawn(ipcfg_lx_engine *e, const char *empty_dir);

/* The engine with its root directory, <run dir>/empty, created first:
 * ipcfg_lx_engine_spawn after ipcfg_lx_engine_dir.  0 ok, else a negative
 * errno (e->pid 0, nothing started). */
int ipcfg_lx_engine_start(ipcfg_lx_engine *e);

/* The command's last word to its engine, just before the command exits:
 * closes what is left of its sockets (it ends when its ctl socket does)
 * and does not wait for it.  An engine that used a packet socket ends
 * only after the socket's release has waited for an RCU grace period
 * (tens of milliseconds where grace periods are not expedited); nothing
 * waits for that: the engine has reported everything, is killed when the
 * command exits (PR_SET_PDEATHSIG) and is reaped by init (or the nearest
 * subreaper).  The keeper, which lives on, reaps its engines
 * (ipcfg_lx_engine_reap).  e->pid 0 afterwards; safe on an engine never
 * started. */
void ipcfg_lx_engine_leave(ipcfg_lx_engine *e);

/* Reaps the engine whose sockets were closed: kill_now, or when it has
 * not ended IPCFG_LX_ENGINE_REAP_MS after the call, with SIGKILL first (an
 * engine the network has taken over may ignore the end of its sockets).
 * Returns the wait status. */
int ipcfg_lx_engine_reap(pid_t pid, int kill_now);

/* Creates (or checks) the empty directory the engine is confined to:
 * root's, mode 0555, not writable by anyone.  0 ok, else -errno. */
int ipcfg_lx_engine_dir(const char *dir);

/* The confinement, in the calling process (the engine, before anything
 * the network sent is read; its descriptors were closed at its start but
 * for its two sockets, 0-2 on /dev/null): root directory empty_dir; uid and gid nobody
 * (where the process may change them); every capability dropped
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
