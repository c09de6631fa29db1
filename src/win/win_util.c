/* ipcfg — Windows helpers: UTF-16/UTF-8 conversion and error texts.
 * SPDX-License-Identifier: MIT */
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "win_util.h"

#ifndef ERROR_DHCP_ADDRESS_CONFLICT
#define ERROR_DHCP_ADDRESS_CONFLICT 4100L
#endif
#ifndef ERROR_OBJECT_ALREADY_EXISTS
#define ERROR_OBJECT_ALREADY_EXISTS 5010L
#endif

/* Cuts a UTF-8 string so that it fits in outlen bytes (NUL included)
 * without splitting a multi-byte sequence. */
static void utf8_copy_cut(char *out, size_t outlen, const char *s, size_t n)
{
    if (outlen == 0)
        return;
    if (n >= outlen) {
        n = outlen - 1;
        /* back up over continuation bytes to the start of the cut sequence */
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(out, s, n);
    out[n] = '\0';
}

char *ipcfg_win_to_utf8_dup(const wchar_t *w)
{
    if (!w)
        w = L"";
    int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
    if (n <= 0)
        return NULL;
    char *s = malloc((size_t)n);
    if (!s)
        return NULL;
    if (WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL) != n) {
        free(s);
        return NULL;
    }
    return s;
}

int ipcfg_win_to_utf8(const wchar_t *w, char *out, size_t outlen)
{
    if (outlen == 0)
        return -1;
    out[0] = '\0';
    char *s = ipcfg_win_to_utf8_dup(w);
    if (!s)
        return -1;
    utf8_copy_cut(out, outlen, s, strlen(s));
    free(s);
    return 0;
}

wchar_t *ipcfg_win_to_utf16_dup(const char *s, size_t len, size_t *wlen)
{
    if (wlen)
        *wlen = 0;
    if (len > (size_t)INT_MAX)
        return NULL;
    if (len == 0) {
        wchar_t *e = malloc(sizeof(wchar_t));
        if (e)
            e[0] = L'\0';
        return e;
    }
    int n = MultiByteToWideChar(CP_UTF8, 0, s, (int)len, NULL, 0);
    if (n <= 0)
        return NULL;
    wchar_t *w = malloc(((size_t)n + 1) * sizeof(wchar_t));
    if (!w)
        return NULL;
    if (MultiByteToWideChar(CP_UTF8, 0, s, (int)len, w, n) != n) {
        free(w);
        return NULL;
    }
    w[n] = L'\0';
    if (wlen)
        *wlen = (size_t)n;
    return w;
}

int ipcfg_win_acp_to_utf8(const char *s, char *out, size_t outlen)
{
    if (outlen == 0)
        return -1;
    out[0] = '\0';
    if (!s || !*s)
        return 0;
    int n = MultiByteToWideChar(CP_ACP, 0, s, -1, NULL, 0);
    if (n <= 0)
        return -1;
    wchar_t *w = malloc((size_t)n * sizeof(wchar_t));
    if (!w)
        return -1;
    int rc = -1;
    if (MultiByteToWideChar(CP_ACP, 0, s, -1, w, n) == n)
        rc = ipcfg_win_to_utf8(w, out, outlen);
    free(w);
    return rc;
}

void ipcfg_win_errtext(unsigned long code, char *out, size_t outlen)
{
    wchar_t buf[1024];
    if (outlen == 0)
        return;
    out[0] = '\0';
    DWORD n = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, (DWORD)code, 0, buf,
                             (DWORD)(sizeof(buf) / sizeof(buf[0])), NULL);
    if (n > 0 && n < sizeof(buf) / sizeof(buf[0])) {
        buf[n] = L'\0';
        /* one line: inner CR/LF become spaces; trailing white space goes */
        for (DWORD i = 0; i < n; i++)
            if (buf[i] == L'\r' || buf[i] == L'\n' || buf[i] == L'\t')
                buf[i] = L' ';
        while (n > 0 && buf[n - 1] == L' ')
            buf[--n] = L'\0';
        /* collapse the double spaces a former CR LF left behind */
        DWORD j = 0;
        for (DWORD i = 0; i < n; i++) {
            if (buf[i] == L' ' && j > 0 && buf[j - 1] == L' ')
                continue;
            buf[j++] = buf[i];
        }
        buf[j] = L'\0';
        if (j > 0 && ipcfg_win_to_utf8(buf, out, outlen) == 0 && out[0])
            return;
    }
    snprintf(out, outlen, "error %lu (0x%08lX)", code, code);
}

int ipcfg_win_fail(ipcfg_error *err, ipcfg_win_op op, unsigned long code)
{
    char text[IPCFG_ERRTEXT_MAX];
    ipcfg_status st = IPCFG_E_FAILED;
    ipcfg_reason r = IPCFG_R_SYSTEM;

    ipcfg_win_errtext(code, text, sizeof(text));
    switch (code) {
    case ERROR_ACCESS_DENIED:
        st = IPCFG_E_ACCESS;
        r = IPCFG_R_ELEVATION;
        break;
    case ERROR_INVALID_HANDLE:
        /* AddIPAddress answers a non-elevated caller with this code */
        if (op == IPCFG_WOP_ADD) {
            st = IPCFG_E_ACCESS;
            r = IPCFG_R_ELEVATION;
        }
        break;
    case ERROR_NOT_SUPPORTED:
        st = IPCFG_E_NOTSUP;
        r = IPCFG_R_NOTSUP;
        break;
    case ERROR_SEM_TIMEOUT:
        /* ipconfig's DoRenew prints "unable to contact your DHCP server"
         * for exactly this code */
        if (op == IPCFG_WOP_RENEW) {
            st = IPCFG_E_TIMEOUT;
            r = IPCFG_R_DHCP_TIMEOUT;
        }
        break;
    case ERROR_DHCP_ADDRESS_CONFLICT:
        if (op == IPCFG_WOP_RENEW || op == IPCFG_WOP_RELEASE)
            st = IPCFG_E_CONFLICT; /* reason stays SYSTEM: the system text is shown */
        break;
    case ERROR_DUP_DOMAINNAME:
    case ERROR_OBJECT_ALREADY_EXISTS:
        if (op == IPCFG_WOP_ADD) {
            st = IPCFG_E_CONFLICT;
            r = IPCFG_R_EXISTS;
        }
        break;
    case ERROR_DEV_NOT_EXIST:
        /* AddIPAddress: "the adapter specified by IfIndex does not exist" */
        if (op == IPCFG_WOP_ADD) {
            st = IPCFG_E_STATE;
            r = IPCFG_R_NOT_FOUND;
        }
        break;
    case ERROR_NO_DATA:
        if (op != IPCFG_WOP_ADD && op != IPCFG_WOP_DELETE) {
            st = IPCFG_E_STATE;
            r = IPCFG_R_NO_ADAPTER_PERMISSIBLE;
        }
        break;
    default: /* ERROR_INVALID_PARAMETER, ERROR_PROC_NOT_FOUND and the rest */
        break;
    }
    if (r == IPCFG_R_ELEVATION)
        ipcfg_error_set(err, st, r, "%s", "The requested operation requires elevation.");
    else if (r == IPCFG_R_EXISTS) /* the system text of 1221/5010 speaks of domain names */
        ipcfg_error_set(err, st, r, "%s", "The address is already assigned to an adapter.");
    else
        ipcfg_error_set(err, st, r, "%s", text);
    if (err) {
        err->sys_code = (long)code;
        err->has_sys_code = 1;
    }
    return (int)st;
}
