/* ipcfg — the size-query-then-fill pattern of the variable-size IP Helper
 * calls, in a bounded retry loop (the size can grow between two calls).
 * SPDX-License-Identifier: MIT */
#ifndef IPCFG_WIN_QUERY_H
#define IPCFG_WIN_QUERY_H

#include "iphlp_dyn.h"

/* How many times a variable-size call is tried (the first one only asks for
 * the size) before ipcfg gives up. */
#define IPCFG_WIN_TRIES 4
/* No iphlpapi table is anywhere near this; a larger answer is refused. */
#define IPCFG_WIN_MAX_BUF (16u * 1024u * 1024u)

/* arg: the call's own argument (GetPerAdapterInfo's IfIndex); the others
 * ignore it. */
typedef DWORD (*ipcfg_win_fill_fn)(const ipcfg_iphlp *t, ULONG arg, void *buf, ULONG *len);

DWORD ipcfg_win_fill_gaa(const ipcfg_iphlp *t, ULONG arg, void *buf, ULONG *len);  /* GetAdaptersAddresses */
DWORD ipcfg_win_fill_gai(const ipcfg_iphlp *t, ULONG arg, void *buf, ULONG *len);  /* GetAdaptersInfo */
DWORD ipcfg_win_fill_gnp(const ipcfg_iphlp *t, ULONG arg, void *buf, ULONG *len);  /* GetNetworkParams */
DWORD ipcfg_win_fill_giat(const ipcfg_iphlp *t, ULONG arg, void *buf, ULONG *len); /* GetIpAddrTable */
DWORD ipcfg_win_fill_gii(const ipcfg_iphlp *t, ULONG arg, void *buf, ULONG *len);  /* GetInterfaceInfo */
DWORD ipcfg_win_fill_gpai(const ipcfg_iphlp *t, ULONG ifindex, void *buf, ULONG *len); /* GetPerAdapterInfo */

/* NO_ERROR with *out (malloc'd, *outlen bytes), or the call's error code
 * (ERROR_NO_DATA included) with *out NULL.  arg is handed to fn. */
DWORD ipcfg_win_query_arg(const ipcfg_iphlp *t, ipcfg_win_fill_fn fn, ULONG arg, void **out, ULONG *outlen);
DWORD ipcfg_win_query(const ipcfg_iphlp *t, ipcfg_win_fill_fn fn, void **out, ULONG *outlen);
/* *err for a failed query of fn_name; returns the status. */
int ipcfg_win_query_fail(ipcfg_error *err, const char *fn_name, DWORD r);

#endif
