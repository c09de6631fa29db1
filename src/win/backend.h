/* ipcfg — the Windows backend's own shared parts (private to src/win): its
 * state and the operations backend.c puts in the vtable.
 * SPDX-License-Identifier: MIT */
#ifndef IPCFG_WIN_BACKEND_H
#define IPCFG_WIN_BACKEND_H

#include "iphlp_dyn.h"

#include "ipcfg/backend.h"

typedef struct ipcfg_win_ctx {
    ipcfg_iphlp api;
    int worker_abandoned; /* a timed-out release/renew still runs inside iphlpapi */
} ipcfg_win_ctx;

const ipcfg_iphlp *ipcfg_win_api(ipcfg_backend *b);

/* The operations (list.c, addrtable.c, dhcp.c, address.c). */
int ipcfg_win_list(ipcfg_backend *b, ipcfg_host *host, ipcfg_adapter_list *out, ipcfg_error *err);
int ipcfg_win_addrtable(ipcfg_backend *b, ipcfg_addrtable *out, ipcfg_error *err);
void ipcfg_win_release(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o);
void ipcfg_win_renew(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o);
int ipcfg_win_add(ipcfg_backend *b, const ipcfg_adapter *ad, const ipcfg_ip *addr, unsigned prefix_len,
                  uint32_t *context, int *has_context, ipcfg_error *err);
int ipcfg_win_delete(ipcfg_backend *b, const ipcfg_delete_target *tg, ipcfg_error *err);
/* /flushdns, /displaydns: exit code 6 with the reason (dnscache.c) */
int ipcfg_win_flush_dns(ipcfg_backend *b, ipcfg_dns_flush *out, ipcfg_error *err);
int ipcfg_win_display_dns(ipcfg_backend *b, ipcfg_error *err);
/* /registerdns, /showclassid, /setclassid, /hostname: why not (dhcpclient.c) */
void ipcfg_win_not_supported(ipcfg_backend *b, ipcfg_client_op op, ipcfg_error *err);

#endif
