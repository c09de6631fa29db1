/* ipcfg — the hooks an exchange's caller gives it (exchange/exchange.h),
 * apart so that the exchange's own files can name them without its
 * public header.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_EXCHANGE_JOB_HOOKS_H
#define IPCFG_LINUX_EXCHANGE_JOB_HOOKS_H

#include <stddef.h>
#include <stdint.h>

#include "dhcp/dhcp_client.h"
#include "ipcfg/model.h"

/* What the caller does around each job (the command: its keeper, see
 * command/dhcp_ops.c; the keeper itself: nothing).  Either may be NULL. */
typedef struct ipcfg_lx_job_hooks {
    void *ctx;
    /* Before the job takes its interface lock, before anything is sent
     * or changed: 0 to go on; else a status with err filled, and the job
     * ends with it.  *hold (-1 on entry): a descriptor the exchange closes
     * when the job lets its locks go, before the interface lock. */
    int (*before)(void *ctx, ipcfg_dhcp_op op, const char *ifname, int64_t deadline_ms, int *hold,
                  ipcfg_error *err);
    /* After the job of family fam, bound when it left a bound lease in
     * the kernel (the DHCPv4 lease, or the DHCPv6 lease's addresses):
     * note ("" on entry) may take one line for the job's result. */
    void (*after)(void *ctx, ipcfg_dhcp_op op, ipcfg_family fam, const char *ifname, int bound, char *note,
                  size_t len);
} ipcfg_lx_job_hooks;

#endif
