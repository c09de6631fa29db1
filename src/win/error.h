/* ipcfg — the Windows error table: what a Win32 code from an operation
 * means for ipcfg (status, reason, text, system code), in one place (libuv's
 * src/win/error.c is the model; src/linux/error.c is its Linux peer).
 * SPDX-License-Identifier: MIT */
#ifndef IPCFG_WIN_ERROR_H
#define IPCFG_WIN_ERROR_H

#include <stddef.h>

#include "ipcfg/model.h"

/* The system's one-line text for a Win32 error code (FormatMessageW,
 * FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS), CR/LF inside
 * turned into spaces, trailing white space trimmed, in UTF-8; when the
 * system has no text: "error N (0xXXXXXXXX)". */
void ipcfg_win_errtext(unsigned long code, char *out, size_t outlen);

/* What a Win32 code from an operation means for ipcfg. */
typedef enum ipcfg_win_op {
    IPCFG_WOP_QUERY = 0, /* GetAdapters*, GetNetworkParams, GetIpAddrTable, GetInterfaceInfo */
    IPCFG_WOP_RELEASE,
    IPCFG_WOP_RENEW,
    IPCFG_WOP_ADD,
    IPCFG_WOP_DELETE
} ipcfg_win_op;

/* Fills *err for a failed call (code != NO_ERROR) of operation op: status
 * (exit code), reason, sys_code and text.  Returns err->status. */
int ipcfg_win_fail(ipcfg_error *err, ipcfg_win_op op, unsigned long code);

/* The line for RPC_S_SERVER_UNAVAILABLE (1722) from IpReleaseAddress /
 * IpRenewAddress: the DHCP Client service is not running (exit code 3). */
#define IPCFG_WIN_DHCP_SERVICE_TEXT                                                                                 \
    "The DHCP Client service is not running (RPC server unavailable); start it with: net start dhcp"

/* Out of memory (ERROR_NOT_ENOUGH_MEMORY); returns the status. */
int ipcfg_win_oom(ipcfg_error *err);

#endif
