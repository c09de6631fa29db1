/* ipcfg — UTF-16 <-> UTF-8 conversion.  See utf.h.
 * SPDX-License-Identifier: MIT */
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "utf.h"

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
    /* One conversion straight into out when the text fits (names,
     * descriptions and suffixes nearly always do); only a text that does
     * not goes through a copy that is cut at a character boundary. */
    if (outlen <= (size_t)INT_MAX &&
        WideCharToMultiByte(CP_UTF8, 0, w ? w : L"", -1, out, (int)outlen, NULL, NULL) > 0)
        return 0;
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
