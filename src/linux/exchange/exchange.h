/* ipcfg — /release and /renew on Linux: one ipcfg_dhcp_client per
 * selected interface, all driven by one poll() loop under one deadline in
 * an unprivileged engine process, and the privileged part that acts for it.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_EXCHANGE_EXCHANGE_H
#define IPCFG_LINUX_EXCHANGE_EXCHANGE_H

#include <stddef.h>

#include "dhcp/dhcp_client.h"
#include "ipcfg/backend.h"
#include "exchange/engine_spawn.h"
#include "exchange/job_hooks.h"

/* The whole command's deadline when /timeout is not given (seconds).
 * Windows' IpRenewAddress waits about a minute on its own; an interactive
 * command that answers within 30 s is what ipconfig users expect, and the
 * engine's back-off fits five to six transmissions into it. */
#define IPCFG_LX_DHCP_TIMEOUT_DEFAULT_S 30u

/* How an exchange runs.  The command's own /release and /renew use the
 * defaults (zeroed, interrupt_fd -1) and their hooks; the lease keeper
 * (keeper/keeper.c) runs its exchanges paced. */
typedef struct ipcfg_lx_exchange_opts {
    unsigned timeout_s; /* the whole exchange; 0: IPCFG_LX_DHCP_TIMEOUT_DEFAULT_S */
    int verify;         /* renew: INIT-REBOOT even with the address present (ipcfg_dhcp_config.verify) */
    int lapsed;         /* renew: the recorded lease ran out by the keeper's clocks (ipcfg_dhcp_config.lapsed) */
    int paced;          /* renew: RFC 2131 §4.4.5's retransmissions for a kept lease (ipcfg_dhcp_config.paced) */
    const ipcfg_lx_job_hooks *hooks; /* NULL: none */
    int interrupt_fd;   /* -1, or a descriptor whose input may stop the exchange: */
    int (*on_interrupt)(void *ctx); /* called when it is readable: nonzero stops the exchange at its next
                                       safe point (NULL: any input stops it) */
    void *ctx;
    /* NULL, or an engine started already (the command's, started at its
     * privilege check so that the start overlaps the listing): the
     * exchange uses it and closes its sockets; reaping it is left to its
     * owner (ipcfg_lx_engine_leave), after the output.  NULL or not started:
     * the exchange starts and reaps its own. */
    ipcfg_lx_engine *engine;
    /* /hostname (ipcfg_op_opts): hostname_set 1 and hostname the choice
     * ("" none); 0: each interface's recorded choice (exchange/names.c) */
    int hostname_set;
    const char *hostname;
} ipcfg_lx_exchange_opts;

/* Releases or renews the n jobs (their ad: name, ifindex, hardware
 * address) concurrently under one deadline, the engine confined in a
 * process of its own (exchange/engine_spawn.c); fills every job's err.  The privilege is
 * the caller's to check first (the core asks check_change; the keeper at
 * its start).  Whenever a job's lease is withdrawn, and when the job ends,
 * the lease-change hook (shared/lease_changed.h) is told; the caller's
 * hooks run before and after each job.  Returns 1 when the
 * exchange was interrupted (interrupt_fd readable; the unfinished jobs then
 * have status IPCFG_E_FAILED and reason IPCFG_R_NONE), else 0. */
int ipcfg_lx_dhcp_exchange(ipcfg_dhcp_op op, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_lx_exchange_opts *o);

/* The conflict probe's wait: IPCFG_DHCP_PROBE_MS, 0 to 10000 ms (0: no
 * probe), else IPCFG_DHCP_PROBE_WAIT_MS (dhcp/dhcp_arp.h). */
unsigned ipcfg_lx_probe_wait_ms(void);

#endif
