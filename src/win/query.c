/* ipcfg — size-query-then-fill.  See query.h.  SPDX-License-Identifier: MIT */
#include "query.h"

#include <stdlib.h>

#include "error.h"

DWORD ipcfg_win_fill_gaa(const ipcfg_iphlp *t, ULONG arg, void *buf, ULONG *len)
{
    (void)arg;
    /* GAA_FLAG_INCLUDE_WINS_INFO: every WINS server (Vista and later;
     * earlier systems ignore the flag) */
    ULONG flags =
        GAA_FLAG_INCLUDE_GATEWAYS | GAA_FLAG_INCLUDE_WINS_INFO | GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST;
    return t->GetAdaptersAddresses(AF_UNSPEC, flags, NULL, (PIP_ADAPTER_ADDRESSES)buf, len);
}

DWORD ipcfg_win_fill_gai(const ipcfg_iphlp *t, ULONG arg, void *buf, ULONG *len)
{
    (void)arg;
    return t->GetAdaptersInfo((PIP_ADAPTER_INFO)buf, len);
}

DWORD ipcfg_win_fill_gnp(const ipcfg_iphlp *t, ULONG arg, void *buf, ULONG *len)
{
    (void)arg;
    return t->GetNetworkParams((PFIXED_INFO)buf, len);
}

DWORD ipcfg_win_fill_giat(const ipcfg_iphlp *t, ULONG arg, void *buf, ULONG *len)
{
    (void)arg;
    return t->GetIpAddrTable((PMIB_IPADDRTABLE)buf, len, TRUE);
}

DWORD ipcfg_win_fill_gii(const ipcfg_iphlp *t, ULONG arg, void *buf, ULONG *len)
{
    (void)arg;
    return t->GetInterfaceInfo((PIP_INTERFACE_INFO)buf, len);
}

DWORD ipcfg_win_fill_gpai(const ipcfg_iphlp *t, ULONG ifindex, void *buf, ULONG *len)
{
    return t->GetPerAdapterInfo(ifindex, (PIP_PER_ADAPTER_INFO)buf, len);
}

/* The first call passes no buffer and asks for the size; each later call
 * passes a buffer of the size the previous call asked for.  Returns
 * NO_ERROR with *out (malloc'd, *outlen bytes), or the call's error code
 * (ERROR_NO_DATA included) with *out NULL.  arg is handed to fn. */
DWORD ipcfg_win_query_arg(const ipcfg_iphlp *t, ipcfg_win_fill_fn fn, ULONG arg, void **out, ULONG *outlen)
{
    void *buf = NULL;
    ULONG cap = 0;

    *out = NULL;
    *outlen = 0;
    for (int i = 0; i < IPCFG_WIN_TRIES; i++) {
        ULONG len = cap;
        DWORD r = fn(t, arg, buf, &len);
        if (r == NO_ERROR) {
            if (!buf)
                return ERROR_NO_DATA; /* nothing to report */
            *out = buf;
            *outlen = cap;
            return NO_ERROR;
        }
        if (r != ERROR_BUFFER_OVERFLOW && r != ERROR_INSUFFICIENT_BUFFER) {
            free(buf);
            return r;
        }
        /* the size grew (or the API named none): take what it asked for,
         * or at least twice the last buffer */
        if (len <= cap)
            len = cap ? cap * 2 : 4096;
        free(buf);
        buf = NULL;
        if (len > IPCFG_WIN_MAX_BUF)
            return ERROR_NOT_ENOUGH_MEMORY;
        buf = calloc(1, len);
        if (!buf)
            return ERROR_NOT_ENOUGH_MEMORY;
        cap = len;
    }
    free(buf);
    return ERROR_BUFFER_OVERFLOW;
}

DWORD ipcfg_win_query(const ipcfg_iphlp *t, ipcfg_win_fill_fn fn, void **out, ULONG *outlen)
{
    return ipcfg_win_query_arg(t, fn, 0, out, outlen);
}

/* A failed query: the system's text, except when the size kept growing
 * through every try (the code is then ERROR_BUFFER_OVERFLOW or
 * ERROR_INSUFFICIENT_BUFFER, whose system texts would mislead). */
int ipcfg_win_query_fail(ipcfg_error *err, const char *fn_name, DWORD r)
{
    if (r == ERROR_BUFFER_OVERFLOW || r == ERROR_INSUFFICIENT_BUFFER) {
        ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM,
                        "%s kept asking for a larger buffer (%d tries); the configuration is changing, try again.",
                        fn_name, IPCFG_WIN_TRIES);
        ipcfg_error_sys(err, (long)r);
        return IPCFG_E_FAILED;
    }
    return ipcfg_win_fail(err, IPCFG_WOP_QUERY, r);
}
