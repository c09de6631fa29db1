/* ipcfg — the Windows error table.  See error.h.
 * SPDX-License-Identifier: MIT */
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <stdio.h>
#include <string.h>

#include "error.h"
#include "utf.h"

#ifndef ERROR_DHCP_ADDRESS_CONFLICT
#define ERROR_DHCP_ADDRESS_CONFLICT 4100L
#endif
#ifndef ERROR_ELEVATION_REQUIRED
#define ERROR_ELEVATION_REQUIRED 740L
#endif
#ifndef RPC_S_SERVER_UNAVAILABLE
#define RPC_S_SERVER_UNAVAILABLE 1722L
#endif
#ifndef ERROR_OBJECT_ALREADY_EXISTS
#define ERROR_OBJECT_ALREADY_EXISTS 5010L
#endif

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
    case ERROR_ELEVATION_REQUIRED: /* what ipconfig reports on Vista and later for a non-elevated release/renew */
        st = IPCFG_E_ACCESS;
        r = IPCFG_R_ELEVATION;
        break;
    case RPC_S_SERVER_UNAVAILABLE:
        /* the DHCP Client service (dhcpcsvc's RPC server) is stopped */
        if (op == IPCFG_WOP_RELEASE || op == IPCFG_WOP_RENEW) {
            ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "%s", IPCFG_WIN_DHCP_SERVICE_TEXT);
            ipcfg_error_sys(err, (long)code);
            return IPCFG_E_FAILED;
        }
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
        /* ASSUMPTION (docs/windows.md): the code IpRenewAddress returns
         * when no DHCP server answers; no public source names it */
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
    ipcfg_error_sys(err, (long)code);
    return (int)st;
}

int ipcfg_win_oom(ipcfg_error *err)
{
    return ipcfg_win_fail(err, IPCFG_WOP_QUERY, ERROR_NOT_ENOUGH_MEMORY);
}
