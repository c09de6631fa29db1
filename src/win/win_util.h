/* ipcfg — Windows helpers shared by the backend and main: UTF-16/UTF-8
 * conversion and Win32 error texts.  SPDX-License-Identifier: MIT */
#ifndef IPCFG_WIN_UTIL_H
#define IPCFG_WIN_UTIL_H

#include <stddef.h>
#include <wchar.h>

#include "ipcfg/model.h"

/* UTF-16 -> UTF-8 into a fixed buffer.  Text that does not fit is cut at a
 * code-point boundary.  A NULL input gives "".  Returns 0, or -1 when the
 * conversion failed (out is then ""). */
int ipcfg_win_to_utf8(const wchar_t *w, char *out, size_t outlen);

/* UTF-16 -> UTF-8, malloc'd; NULL on failure. */
char *ipcfg_win_to_utf8_dup(const wchar_t *w);

/* UTF-8 (len bytes) -> UTF-16, malloc'd and NUL-terminated; *wlen receives
 * the number of UTF-16 units (without the NUL).  NULL on failure. */
wchar_t *ipcfg_win_to_utf16_dup(const char *s, size_t len, size_t *wlen);

/* ANSI code page text (GetNetworkParams' strings) -> UTF-8. */
int ipcfg_win_acp_to_utf8(const char *s, char *out, size_t outlen);

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

#endif
