/* ipcfg — the engine process of a DHCP exchange: the unprivileged side
 * that runs one ipcfg_dhcp_client per job, reads and parses every packet
 * the network sends, and asks the privileged side for everything else
 * (wire/engine_wire.h).  Forked by the privileged side
 * (exchange/engine_spawn.h); confines itself first (engine/confine.h);
 * then one poll() loop over its sockets and timers.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_ENGINE_ENGINE_H
#define IPCFG_LINUX_ENGINE_ENGINE_H

#include <sys/types.h>

/* The engine's life, in the child of the fork: keeps only its sockets ctl
 * and rpc, confines itself (ipcfg_lx_confine with parent and empty_dir)
 * before it waits for its first job (forked at the command's privilege
 * check, it does so while the command lists the adapters), then runs the
 * jobs that arrive on ctl until ctl reaches its end (the privileged side
 * is done) or rpc fails; then exits the process.  A confinement that
 * fails is reported on rpc (an ABORT) before the process exits. */
void ipcfg_lx_engine_main(int ctl, int rpc, pid_t parent, const char *empty_dir);

#endif
