/* ipcfg — the Linux backend's own shared parts (private to src/linux): its
 * state, the link index and the dump helpers that command/list.c, command/addrtable.c and
 * command/address.c build on, and the operations command/backend.c puts in the vtable.
 * SPDX-License-Identifier: MIT */
#ifndef IPCFG_LINUX_COMMAND_BACKEND_H
#define IPCFG_LINUX_COMMAND_BACKEND_H

#include "ipcfg/backend.h"
#include "netlink/nlreq.h"
#include "peers/peer_lease.h"
#include "netlink/nlsock.h"
#include "exchange/engine_spawn.h"

#define IPCFG_LX_LIST_ATTEMPTS 3 /* dumps interrupted by a concurrent change are retried */

typedef struct ipcfg_lx_ctx {
    ipcfg_nlsock nl;
    ipcfg_lx_engine engine; /* the DHCP engine, started at the privilege check of /release, /renew */
} ipcfg_lx_ctx;

/* Default routes through nexthop objects, and the objects (command/list.c). */
typedef struct ipcfg_lx_nhs ipcfg_lx_nhs;

/* What a dump collects into. */
typedef struct ipcfg_lx_collect {
    ipcfg_adapter_list *list;
    int probe;                     /* sysfs probes for type and description */
    ipcfg_addrtable *table;        /* addrtable(): rows go here */
    ipcfg_lx_peer_addrs *peer;     /* listing: IFA_PROTO and lifetimes, for peers/peer_view.c */
    ipcfg_lx_nhs *nhs;             /* list(): NULL until a default route names a nexthop object */
} ipcfg_lx_collect;

/* One dump of req into c; *intr is set when the kernel flagged it as
 * interrupted.  0 or the status (err filled). */
int ipcfg_lx_dump(ipcfg_lx_ctx *x, ipcfg_nlreq *req, ipcfg_lx_collect *c, int *intr, ipcfg_error *err,
                  const char *what);
/* The link dump, in ifindex order, one adapter per link. */
int ipcfg_lx_dump_links(ipcfg_lx_ctx *x, ipcfg_lx_collect *c, int *intr, ipcfg_error *err);
/* The adapter with this ifindex in a list from ipcfg_lx_dump_links. */
ipcfg_adapter *ipcfg_lx_find_adapter(ipcfg_adapter_list *l, uint32_t ifindex);

/* The operations (command/list.c, command/addrtable.c, command/address.c). */
int ipcfg_lx_list(ipcfg_backend *b, ipcfg_host *host, ipcfg_adapter_list *out, ipcfg_error *err);
int ipcfg_lx_addrtable(ipcfg_backend *b, ipcfg_addrtable *out, ipcfg_error *err);
int ipcfg_lx_add_address(ipcfg_backend *b, const ipcfg_adapter *ad, const ipcfg_ip *addr, unsigned prefix_len,
                         uint32_t *context, int *has_context, ipcfg_error *err);
int ipcfg_lx_delete_address(ipcfg_backend *b, const ipcfg_delete_target *t, ipcfg_error *err);
/* /release and /renew (command/dhcp_ops.c): an exchange (exchange/exchange.h)
 * with the command's options and the engine started at its privilege
 * check. */
void ipcfg_lx_dhcp_release(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o);
void ipcfg_lx_dhcp_renew(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o);
void ipcfg_lx_dhcp_release6(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o);
void ipcfg_lx_dhcp_renew6(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o);

#endif
