/* ipcfg — waiting for links to get their carrier.  A link set up a moment
 * ago has none yet: a veth pair gets it from the kernel's link watch
 * shortly after, a NIC after its autonegotiation (1 to 3 s).  /renew of
 * such a link waits for it (docs/linux.md, "One run"); this is the
 * watch: one rtnetlink socket subscribed to link changes, read without
 * blocking, and the links' state at the start (read after subscribing, so
 * that no change falls in between).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_EXCHANGE_CARRIER_H
#define IPCFG_LINUX_EXCHANGE_CARRIER_H

#include <stdint.h>

#include "netlink/nlsock.h"

/* The longest wait for a carrier (ms); never past the run's deadline. */
#define IPCFG_LX_CARRIER_WAIT_MS 5000

/* What became of a link: up: it has its carrier (media connected);
 * admin_up: it is administratively up (IFF_UP; without it no carrier
 * comes); gone: it was deleted. */
typedef void (*ipcfg_lx_carrier_fn)(void *ctx, uint32_t ifindex, int up, int admin_up, int gone);

typedef struct ipcfg_lx_carrier {
    int fd; /* -1: closed */
    uint8_t buf[8192];
} ipcfg_lx_carrier;

/* Subscribes to link changes, then reports every link's state now through
 * on (one dump through nl).  0, or -errno (nothing is open then). */
int ipcfg_lx_carrier_open(ipcfg_lx_carrier *c, ipcfg_nlsock *nl, ipcfg_lx_carrier_fn on, void *ctx);

/* Reports the changes that arrived (non-blocking).  Lost notifications
 * (ENOBUFS) are made up for with another dump through nl. */
void ipcfg_lx_carrier_read(ipcfg_lx_carrier *c, ipcfg_nlsock *nl, ipcfg_lx_carrier_fn on, void *ctx);

void ipcfg_lx_carrier_close(ipcfg_lx_carrier *c);

#endif
