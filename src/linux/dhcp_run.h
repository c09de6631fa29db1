/* ipcfg — /release and /renew on Linux: one ipcfg_dhcp_client per
 * selected interface, all driven by one poll() loop under one deadline.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_DHCP_RUN_H
#define IPCFG_LINUX_DHCP_RUN_H

#include <stddef.h>

#include "ipcfg/backend.h"

/* The whole command's deadline when /timeout is not given (seconds).
 * Windows' IpRenewAddress waits about a minute on its own; an interactive
 * command that answers within 30 s is what ipconfig users expect, and the
 * engine's back-off fits five to six transmissions into it. */
#define IPCFG_LX_DHCP_TIMEOUT_DEFAULT_S 30u

/* RFC 5227 probe of a newly offered address: IPCFG_LX_PROBE_COUNT ARP
 * probes IPCFG_LX_PROBE_INTERVAL_MS apart; no answer within
 * IPCFG_LX_PROBE_WAIT_MS of the first one means the address is free. */
#define IPCFG_LX_PROBE_COUNT 2u
#define IPCFG_LX_PROBE_INTERVAL_MS 100u
#define IPCFG_LX_PROBE_WAIT_MS 200u

/* The backend operations (ipcfg_backend.release / .renew). */
void ipcfg_lx_dhcp_release(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o);
void ipcfg_lx_dhcp_renew(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o);

#endif
