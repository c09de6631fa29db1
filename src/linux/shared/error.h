/* ipcfg — the Linux error table: what an errno or a netlink answer means
 * for ipcfg (status, reason, text, system code), in one place, as
 * ipcfg_win_fail (src/win/error.c) is for Win32 codes.
 * SPDX-License-Identifier: MIT */
#ifndef IPCFG_LINUX_SHARED_ERROR_H
#define IPCFG_LINUX_SHARED_ERROR_H

#include "ipcfg/model.h"
#include "netlink/nlsock.h"

/* errno e of an operation: "<what>: <strerror> (<extack>)." with status st
 * and reason r (what and extack may be NULL).  Returns st. */
int ipcfg_lx_fail_errno(ipcfg_error *err, ipcfg_status st, ipcfg_reason r, int e, const char *what,
                        const char *extack);

/* A dump (or request) that failed: locally (local < 0: -errno from
 * nlsock; -ECANCELED/-ENOMEM out of memory, -EBADMSG malformed answer) or
 * by the kernel's refusal (res->error).  what names it ("address list"). */
int ipcfg_lx_fail_dump(ipcfg_error *err, int local, const ipcfg_nl_result *res, const char *what);

/* The kernel's answer e to an address change of addr on ifname (del: a
 * delete).  Also the answer ipcfg gives itself before asking (EEXIST,
 * EPERM). */
int ipcfg_lx_fail_change(ipcfg_error *err, int e, const char *extack, const char *addr, const char *ifname, int del);

/* The kernel's answer e to a change that installs or removes a DHCP lease
 * (what: "Adding 10.0.0.5/24 to eth0"): EPERM/EACCES 4 with the elevation
 * line, ENODEV/ENETDOWN 2, anything else 3, as "<what>: <strerror>
 * (<extack>).".  Returns the status. */
int ipcfg_lx_fail_lease_change(ipcfg_error *err, int e, const char *extack, const char *what);

/* Out of memory. */
int ipcfg_lx_fail_oom(ipcfg_error *err);

/* A snapshot the kernel flagged as torn on every attempt (EAGAIN). */
int ipcfg_lx_fail_torn(ipcfg_error *err);

/* A dump lost to a receive-queue overrun (ENOBUFS): worth starting over. */
int ipcfg_lx_err_retriable(const ipcfg_error *err);

/* A route dump refused because the family's routing is absent (IPv6
 * disabled at boot: EAFNOSUPPORT; no main table: ENOENT, EOPNOTSUPP). */
int ipcfg_lx_err_no_routing(const ipcfg_error *err);

#endif
