/* ipcfg — the command's /release and /renew, the backend operations
 * ipcfg_backend.release and .renew, and their DHCPv6 forms .release6 and
 * .renew6 (see command/backend.h).
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "command/backend.h"

#include <string.h>
#include <time.h>

#include "clock.h"
#include "command/keeper_control.h"
#include "exchange/exchange.h"
#include "exchange/lease_store.h"
#include "shared/statedir.h"

/* /release and /release6 stop the interface's keeper first and keep any
 * other from starting until the lease is released (the lock it holds);
 * /renew and /renew6 leave a lease kept, never silently not: a keeper
 * that could not start is said before anything is sent or changed. */
static int keeper_before(void *ctx, ipcfg_dhcp_op op, const char *ifname, int64_t deadline_ms, int *hold,
                         ipcfg_error *err)
{
    (void)ctx;
    if (op == IPCFG_DHCP_OP_RELEASE)
        return ipcfg_lx_keeper_stop(ifname, deadline_ms, hold, err);
    return ipcfg_lx_keeper_usable(ifname, err);
}

/* The other family's lease on ifname is bound and unexpired: the keeper
 * that a release stopped keeps it again. */
static int other_bound(ipcfg_family fam, const char *ifname)
{
    const char *dir = ipcfg_lx_state_dir();
    int64_t now = ipcfg_lx_wall_s();
    char why[512];

    if (fam == IPCFG_AF_INET6) {
        static ipcfg_dhcp_lease l; /* the command runs its hooks one at a time */
        return ipcfg_lx_lease_load(dir, ifname, &l, why, sizeof(why)) == 1 && l.state == IPCFG_DHCP_LEASE_BOUND &&
               now < ipcfg_dhcp_lease_expires(&l);
    }
    static ipcfg_dhcp6_lease l6;
    return ipcfg_lx_lease6_load(dir, ifname, &l6, why, sizeof(why)) == 1 && ipcfg_dhcp6_lease_bound(&l6) &&
           now < ipcfg_dhcp6_lease_expires(&l6);
}

/* A /renew or /renew6 that left a bound lease: the keeper is told, or
 * started.  A release (which stopped it) leaves the other family's lease
 * kept: /release6 leaves the DHCPv4 lease alone, and the reverse. */
static void keeper_after(void *ctx, ipcfg_dhcp_op op, ipcfg_family fam, const char *ifname, int bound, char *note,
                         size_t len)
{
    (void)ctx;
    if ((op == IPCFG_DHCP_OP_RENEW && bound) || (op == IPCFG_DHCP_OP_RELEASE && other_bound(fam, ifname)))
        ipcfg_lx_keeper_ensure(ifname, note, len);
}

static const ipcfg_lx_job_hooks keeper_hooks = {NULL, keeper_before, keeper_after};

static void run_cmd(ipcfg_backend *b, ipcfg_dhcp_op op, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o,
                    int v6)
{
    ipcfg_lx_ctx *c = b->ctx;
    ipcfg_lx_exchange_opts x;

    /* The core asked check_change (the kernel's answer: CAP_NET_ADMIN and
     * CAP_NET_RAW over this network namespace) before it selected the
     * adapters: without the privilege nothing got here. */
    memset(&x, 0, sizeof(x));
    x.timeout_s = o != NULL ? o->timeout_s : 0;
    x.interrupt_fd = -1;
    x.engine = &c->engine;
    x.hostname_set = !v6 && o != NULL && o->hostname_set && op == IPCFG_DHCP_OP_RENEW;
    x.hostname = x.hostname_set ? o->hostname : NULL;
    /* the keeper keeps both leases (docs/linux.md, "Keeping a lease") */
    x.hooks = &keeper_hooks;
    (void)ipcfg_lx_dhcp_exchange(op, jobs, n, &x);
}

void ipcfg_lx_dhcp_release(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o)
{
    run_cmd(b, IPCFG_DHCP_OP_RELEASE, jobs, n, o, 0);
}

/* /renew, and /registerdns, whose jobs are of both families (an
 * interface's DHCPv4 and DHCPv6 leases side by side: exchange/job.c); the
 * name it sends is the DHCPv4 jobs' (exchange/names.c). */
void ipcfg_lx_dhcp_renew(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o)
{
    run_cmd(b, IPCFG_DHCP_OP_RENEW, jobs, n, o, 0);
}

/* /release6 and /renew6: the same exchange, its jobs of family
 * IPCFG_AF_INET6 run by the engine's DHCPv6 client. */
void ipcfg_lx_dhcp_release6(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o)
{
    run_cmd(b, IPCFG_DHCP_OP_RELEASE, jobs, n, o, 1);
}

void ipcfg_lx_dhcp_renew6(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o)
{
    if (o != NULL && o->hostname_set) {
        /* the DHCPv6 client sends no name (Client FQDN, RFC 4704, is not
         * built): said before anything is sent, never silently dropped */
        for (size_t i = 0; i < n; i++)
            ipcfg_error_set(&jobs[i].err, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP,
                            "/hostname is not sent over DHCPv6 by this version; nothing was sent.");
        return;
    }
    run_cmd(b, IPCFG_DHCP_OP_RENEW, jobs, n, o, 1);
}
