/* ipcfg — the command's /release and /renew, the backend operations
 * ipcfg_backend.release and .renew (see command/backend.h).
 *
 * SPDX-License-Identifier: MIT
 */
#include "command/backend.h"

#include <string.h>

#include "exchange/exchange.h"

static void run_cmd(ipcfg_backend *b, ipcfg_dhcp_op op, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o)
{
    ipcfg_lx_ctx *c = b->ctx;
    ipcfg_lx_xopts x;

    /* The core asked check_change (the kernel's answer: CAP_NET_ADMIN and
     * CAP_NET_RAW over this network namespace) before it selected the
     * adapters: without the privilege nothing got here. */
    memset(&x, 0, sizeof(x));
    x.timeout_s = o != NULL ? o->timeout_s : 0;
    x.interrupt_fd = -1;
    x.engine = &c->eng;
    (void)ipcfg_lx_dhcp_exchange(op, jobs, n, &x);
}

void ipcfg_lx_dhcp_release(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o)
{
    run_cmd(b, IPCFG_DHCP_OP_RELEASE, jobs, n, o);
}

void ipcfg_lx_dhcp_renew(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o)
{
    run_cmd(b, IPCFG_DHCP_OP_RENEW, jobs, n, o);
}
