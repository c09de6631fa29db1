/* ipcfg — the engine's DHCPv6 jobs (engine/engine6.c): the DHCPv6 client
 * of src/dhcp6 on the UDP/IPv6 socket the privileged part opens, its
 * effects asked of the privileged part as "ipcfg-lease6" text.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_ENGINE_ENGINE6_H
#define IPCFG_LINUX_ENGINE_ENGINE6_H

#include <stddef.h>
#include <stdint.h>

#include "engine/engine_call.h"

/* Starts the DHCPv6 job j (its common fields set from s) with the
 * recorded lease's text rec (rec_len bytes, 0 none). */
void ipcfg_lx_engine6_start(engine_job *j, const ipcfg_lx_wire_start *s, const char *rec, size_t rec_len);
/* Its timer, its end (done, or past the deadline's grace). */
void ipcfg_lx_engine6_step(engine_job *j);
/* When it next needs to run (mono ms). */
int64_t ipcfg_lx_engine6_next(const engine_job *j);
/* Its socket is readable: every datagram waiting is read and parsed. */
void ipcfg_lx_engine6_readable(engine_job *j);

#endif
