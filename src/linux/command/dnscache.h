/* ipcfg — the host's resolver caches: /flushdns and /displaydns on Linux
 * (docs/verbs/flushdns.md).  SPDX-License-Identifier: MIT */
#ifndef IPCFG_LINUX_COMMAND_DNSCACHE_H
#define IPCFG_LINUX_COMMAND_DNSCACHE_H

#include "ipcfg/backend.h"

/* /flushdns: root (or CAP_SYS_ADMIN, what systemd-resolved asks of a
 * caller) is checked first, then systemd-resolved's cache is flushed where
 * it runs for this network namespace (`resolvectl flush-caches`).  0, or
 * IPCFG_E_ACCESS, IPCFG_E_NOTSUP (no cache runs here), IPCFG_E_FAILED. */
int ipcfg_lx_flush_dns(ipcfg_backend *b, ipcfg_dns_flush *out, ipcfg_error *err);

/* /displaydns: IPCFG_E_NOTSUP with the reason. */
int ipcfg_lx_display_dns(ipcfg_backend *b, ipcfg_error *err);

#endif
