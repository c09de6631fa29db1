/* ipcfg — one job of an exchange (one interface), on the privileged side
 * (exchange/job.c): set up, locked, waiting for its carrier, started in
 * the engine, ended.  Called by the exchange's loop (exchange/exchange.c);
 * calls nothing of it.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_EXCHANGE_JOB_H
#define IPCFG_LINUX_EXCHANGE_JOB_H

#include <stddef.h>
#include <stdint.h>

#include "exchange/exchange_state.h"

/* Checks the job's interface and runs the caller's before hook; 0 when
 * it can run DHCP (then waiting for its lock), else it has ended. */
int ipcfg_lx_job_setup(exchange_run *r, exchange_job *j, ipcfg_dhcp_job *job, size_t id);
/* Tries the job's interface lock at now (mono ms); once held, the job
 * waits for its carrier or begins (when the engine is up). */
void ipcfg_lx_job_try_lock(exchange_job *j, int64_t now);
/* The lock is held: the record, its address, and the job to the engine. */
void ipcfg_lx_job_begin(exchange_job *j);
/* Room on the engine's socket: the waiting STARTs, in job order. */
void ipcfg_lx_job_starts_flush(exchange_run *r);

/* The job ends with the result already in j->job->err (its locks let go). */
void ipcfg_lx_job_end(exchange_job *j);
/* The job, unless ended, ends with e. */
void ipcfg_lx_job_fail(exchange_job *j, const ipcfg_error *e);
/* Every job not ended yet ends with e. */
void ipcfg_lx_job_fail_all(exchange_run *r, const ipcfg_error *e);
/* The job ends as media disconnected. */
void ipcfg_lx_job_fail_media(exchange_job *j);

/* Watches the links whose carrier a job awaits (exchange/carrier.h);
 * ipcfg_lx_job_on_carrier is its callback. */
void ipcfg_lx_job_carrier_watch(exchange_run *r);
void ipcfg_lx_job_on_carrier(void *ctx, uint32_t ifindex, int up, int admin_up, int gone);

/* The engine withdrew the job's lease: the lease-change hook, now. */
void ipcfg_lx_job_withdrawn(exchange_job *j);
/* After the exchange: the lease-change hook and the caller's after hook
 * (ipcfg_lx_job_after), then the job's result text and what its before
 * hook held let go (ipcfg_lx_job_finish). */
void ipcfg_lx_job_after(exchange_run *r, exchange_job *j);
void ipcfg_lx_job_finish(exchange_job *j);

#endif
