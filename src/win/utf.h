/* ipcfg — UTF-16 <-> UTF-8 (and ANSI code page) text conversion.
 * SPDX-License-Identifier: MIT */
#ifndef IPCFG_WIN_UTF_H
#define IPCFG_WIN_UTF_H

#include <stddef.h>
#include <wchar.h>

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

#endif
