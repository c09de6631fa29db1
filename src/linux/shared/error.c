/* ipcfg — the Linux error table.  See shared/error.h.  SPDX-License-Identifier: MIT */
#include "shared/error.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int ipcfg_lx_fail_errno(ipcfg_error *err, ipcfg_status st, ipcfg_reason r, int e, const char *what,
                        const char *extack)
{
    if (extack != NULL && extack[0] != '\0')
        ipcfg_error_set(err, st, r, "%s%s%s (%s).", what ? what : "", what ? ": " : "", strerror(e), extack);
    else
        ipcfg_error_set(err, st, r, "%s%s%s.", what ? what : "", what ? ": " : "", strerror(e));
    ipcfg_error_sys(err, e);
    return (int)st;
}

int ipcfg_lx_fail_lease_change(ipcfg_error *err, int e, const char *extack, const char *what)
{
    if (e == EPERM || e == EACCES) {
        ipcfg_error_set(err, IPCFG_E_ACCESS, IPCFG_R_ELEVATION,
                        "The requested operation requires elevation (root, or CAP_NET_ADMIN and CAP_NET_RAW).");
        ipcfg_error_sys(err, e);
        return IPCFG_E_ACCESS;
    }
    return ipcfg_lx_fail_errno(err, e == ENODEV || e == ENETDOWN ? IPCFG_E_STATE : IPCFG_E_FAILED, IPCFG_R_SYSTEM,
                               e, what, extack);
}

/* A local failure of a dump (socket, malformed answer, out of memory) or
 * the kernel's refusal of it. */
int ipcfg_lx_fail_dump(ipcfg_error *err, int local, const ipcfg_nl_result *res, const char *what)
{
    if (local == -ECANCELED || local == -ENOMEM) {
        ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "Out of memory while reading the %s.", what);
        ipcfg_error_sys(err, ENOMEM);
    } else if (local == -EBADMSG) {
        ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "The kernel's answer for the %s was malformed.",
                        what);
        ipcfg_error_sys(err, EBADMSG);
    } else if (local < 0) {
        char w[96];
        snprintf(w, sizeof(w), "Reading the %s failed", what);
        ipcfg_lx_fail_errno(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, -local, w, NULL);
    } else {
        char w[96];
        int e = res->error ? res->error : EPROTO;
        snprintf(w, sizeof(w), "Reading the %s failed", what);
        if (e == EPERM || e == EACCES)
            ipcfg_lx_fail_errno(err, IPCFG_E_ACCESS, IPCFG_R_ELEVATION, e, w, res->extack);
        else
            ipcfg_lx_fail_errno(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, e, w, res->extack);
    }
    return (int)err->status;
}

/* The kernel's answer to an address change. */
int ipcfg_lx_fail_change(ipcfg_error *err, int e, const char *extack, const char *addr, const char *ifname, int del)
{
    switch (e) {
    case EPERM:
    case EACCES:
        ipcfg_error_set(err, IPCFG_E_ACCESS, IPCFG_R_ELEVATION,
                        "The requested operation requires elevation (root or CAP_NET_ADMIN).");
        break;
    case EEXIST:
        ipcfg_error_set(err, IPCFG_E_CONFLICT, IPCFG_R_EXISTS, "The address %s already exists on %s.", addr,
                        ifname);
        break;
    case ENODEV:
        ipcfg_error_set(err, IPCFG_E_STATE, IPCFG_R_NOT_FOUND, "The interface %s was not found.", ifname);
        break;
    case EADDRNOTAVAIL:
        if (del) {
            ipcfg_error_set(err, IPCFG_E_STATE, IPCFG_R_NOT_FOUND, "The address %s was not found.", addr);
            break;
        }
        /* fall through */
    default:
        ipcfg_lx_fail_errno(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, e, NULL, extack);
        break;
    }
    ipcfg_error_sys(err, e);
    return (int)err->status;
}

int ipcfg_lx_fail_oom(ipcfg_error *err)
{
    ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "Out of memory.");
    return (int)err->status;
}

int ipcfg_lx_fail_torn(ipcfg_error *err)
{
    ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM,
                    "The address table kept changing while it was read; nothing was changed.");
    ipcfg_error_sys(err, EAGAIN);
    return (int)err->status;
}

int ipcfg_lx_err_retriable(const ipcfg_error *err)
{
    return err->has_sys_code && err->sys_code == ENOBUFS;
}

int ipcfg_lx_err_no_routing(const ipcfg_error *err)
{
    return err->has_sys_code && err->status == IPCFG_E_FAILED &&
           (err->sys_code == EAFNOSUPPORT || err->sys_code == ENOENT || err->sys_code == EOPNOTSUPP);
}
