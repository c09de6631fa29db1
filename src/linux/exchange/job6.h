/* ipcfg — what is particular to a DHCPv6 job on the privileged side
 * (exchange/job6.c): its START (the record, the host's DUID, the
 * interface's IAID) and its lease-change hook.  Called by exchange/job.c;
 * calls nothing of it.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_EXCHANGE_JOB6_H
#define IPCFG_LINUX_EXCHANGE_JOB6_H

#include <stddef.h>
#include <stdint.h>

#include "exchange/exchange_state.h"

/* The job's lock is held: reads its NAME.lease6 record and identity and
 * writes its START into msg (cap bytes).  Its length, or 0 with *e (the
 * job then fails with it). */
size_t ipcfg_lx_job6_start(exchange_job *j, uint8_t *msg, size_t cap, ipcfg_error *e);

/* After the exchange: the lease-change hook with the DHCPv6 lease the job
 * left installed (none: withdrawn).  note: "" or one line. */
void ipcfg_lx_job6_changed(exchange_job *j, char *note, size_t len);

#endif
