/* ipcfg — the privilege separation of a DHCP exchange, from the
 * privileged side: the engine process that reads and parses what the
 * network sends is forked here and reaped here; it confines itself
 * (engine/confine.h: no root, no capabilities, no new privileges, an
 * empty root directory, a seccomp filter; docs/linux.md, "Process
 * layout").  dhcpcd's privsep and OpenBSD's dhcpleased keep the
 * network-facing parser apart the same way.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_EXCHANGE_ENGINE_SPAWN_H
#define IPCFG_LINUX_EXCHANGE_ENGINE_SPAWN_H

#include <sys/types.h>

#define IPCFG_LX_ENGINE_REAP_MS 1000 /* the grace of an engine whose sockets were closed */
#define IPCFG_LX_ENGINE_SEND_S 2      /* how long a send to the engine may block */

typedef struct ipcfg_lx_engine {
    pid_t pid;
    int ctl; /* START messages to the engine */
    int rpc; /* the engine's requests, answered here */
} ipcfg_lx_engine;

/* Forks the engine: the child runs ipcfg_lx_engine_main (engine/engine.h),
 * which keeps only its two sockets, confines itself with the empty
 * directory empty_dir as its root, and never returns.  0 ok, else a
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

#endif
