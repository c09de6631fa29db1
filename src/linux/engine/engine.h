/* ipcfg — the engine process of a DHCP exchange: the unprivileged side
 * that runs one ipcfg_dhcp_client per job, reads and parses every packet
 * the network sends, and asks the privileged part for everything else
 * (wire/engine_wire.h).  Started by ipcfg_lx_engine_spawn (exchange/engine_spawn.c) after its
 * confinement; one poll() loop over its sockets and timers.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_ENGINE_ENGINE_H
#define IPCFG_LINUX_ENGINE_ENGINE_H

#include <sys/types.h>

/* Runs the jobs that arrive on ctl until ctl reaches its end (the
 * privileged part is done) or rpc fails; then exits the process.  The
 * process is confined (ipcfg_lx_confine, with parent and empty_dir)
 * first, before it waits for its first job: forked at the command's
 * privilege check, it does so while the command lists the adapters. */
void ipcfg_lx_engine_main(int ctl, int rpc, pid_t parent, const char *empty_dir);

/* The confinement failed: tells the privileged part why (an ABORT) and
 * exits the process. */
void ipcfg_lx_engine_fail(int rpc, const char *why);

#endif
