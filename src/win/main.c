/* ipcfg — the Windows entry point.
 *
 * Arguments arrive as UTF-16 (wmain) and are handed to the core as UTF-8.
 * Output: to a console, the UTF-8 text is converted to UTF-16 and written
 * with WriteConsoleW, so non-ASCII adapter names show correctly whatever the
 * console code page.  Redirected to a file or a pipe, text is written in the
 * console's output code page (GetConsoleOutputCP), or the OEM code page
 * (GetOEMCP) when the process has no console, as ipconfig writes it: that is
 * what cmd's for /f and findstr and PowerShell's [Console]::OutputEncoding
 * decode it with.  A character the code page cannot hold becomes '?'
 * (WC_NO_BEST_FIT_CHARS: no look-alike substitutes); a UTF-8 code page
 * (65001, after chcp 65001) gets the UTF-8 bytes unchanged.  No BOM, LF
 * line ends.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "ipcfg/backend.h"
#include "ipcfg/core.h"
#include "error.h"
#include "utf.h"

static void write_all(HANDLE h, const char *p, size_t len)
{
    while (len > 0) {
        DWORD chunk = len > 65536 ? 65536 : (DWORD)len, done = 0;
        if (!WriteFile(h, p, chunk, &done, NULL) || done == 0)
            return;
        p += done;
        len -= done;
    }
}

/* The code page redirected text is written in. */
static UINT redirected_cp(void)
{
    UINT cp = GetConsoleOutputCP(); /* 0 without a console */
    return cp ? cp : GetOEMCP();
}

/* UTF-8 -> code page cp through UTF-16; unmappable characters become '?'.
 * Some code pages (UTF-7, the ISO-2022 family, ...) refuse both flags: they
 * are converted without them. */
static void write_in_cp(HANDLE h, UINT cp, const char *text, size_t len)
{
    size_t wl = 0;
    wchar_t *w = ipcfg_win_to_utf16_dup(text, len, &wl);
    if (!w || wl > INT_MAX / 4) {
        free(w);
        write_all(h, text, len); /* cannot convert: the bytes as they are */
        return;
    }
    int n = 0;
    char *mb = NULL;
    if (wl > 0) {
        DWORD flags = WC_NO_BEST_FIT_CHARS;
        n = WideCharToMultiByte(cp, flags, w, (int)wl, NULL, 0, "?", NULL);
        if (n <= 0 && GetLastError() == ERROR_INVALID_FLAGS)
            n = WideCharToMultiByte(cp, flags = 0, w, (int)wl, NULL, 0, NULL, NULL);
        mb = n > 0 ? malloc((size_t)n) : NULL;
        if (mb)
            n = WideCharToMultiByte(cp, flags, w, (int)wl, mb, n, flags ? "?" : NULL, NULL);
    }
    if (mb && n > 0)
        write_all(h, mb, (size_t)n);
    else
        write_all(h, text, len);
    free(mb);
    free(w);
}

static void sink_write(void *ctx, int is_err, const char *text, size_t len)
{
    (void)ctx;
    HANDLE h = GetStdHandle(is_err ? STD_ERROR_HANDLE : STD_OUTPUT_HANDLE);
    DWORD mode;
    if (h == NULL || h == INVALID_HANDLE_VALUE || len == 0)
        return;
    if (GetConsoleMode(h, &mode)) {
        size_t wl = 0;
        wchar_t *w = ipcfg_win_to_utf16_dup(text, len, &wl);
        if (w) {
            const wchar_t *p = w;
            while (wl > 0) {
                /* bounded chunks: old consoles refuse very long writes */
                DWORD chunk = wl > 8192 ? 8192 : (DWORD)wl, done = 0;
                /* never split a surrogate pair between two writes */
                if (chunk < wl && p[chunk - 1] >= 0xD800 && p[chunk - 1] <= 0xDBFF)
                    chunk--;
                if (!WriteConsoleW(h, p, chunk, &done, NULL) || done == 0)
                    break;
                p += done;
                wl -= done;
            }
            free(w);
            return;
        }
    }
    UINT cp = redirected_cp();
    if (cp == CP_UTF8)
        write_all(h, text, len);
    else
        write_in_cp(h, cp, text, len);
}

/* Defence in depth against DLL planting: whatever is loaded later without
 * a full path comes from the system directory only, never from the
 * application or current directory.  (iphlpapi.dll itself is loaded with
 * LOAD_LIBRARY_SEARCH_SYSTEM32, see iphlp_dyn.c.)  SetDefaultDllDirectories
 * exists from Windows 8 (Windows 7 with KB2533623); without it the current
 * directory is at least taken off the search path. */
static void harden_dll_search(void)
{
    typedef BOOL(WINAPI * set_default_fn)(DWORD);
    HMODULE k32 = GetModuleHandleW(L"kernel32.dll");
    set_default_fn set_default =
        k32 ? (set_default_fn)(void (*)(void))GetProcAddress(k32, "SetDefaultDllDirectories") : NULL;
    if (!set_default || !set_default(0x00000800 /* LOAD_LIBRARY_SEARCH_SYSTEM32 */))
        SetDllDirectoryW(L"");
}

int wmain(int argc, wchar_t **argv)
{
    static const char oom[] = "Error: out of memory.\n";
    ipcfg_sink sink = {sink_write, NULL, 1}; /* JSON in ASCII: see docs/json.md */
    char **args = calloc((size_t)argc + 1, sizeof(char *));
    int rc;

    harden_dll_search();
    if (!args) {
        sink_write(NULL, 1, oom, sizeof(oom) - 1);
        return IPCFG_E_FAILED;
    }
    for (int i = 0; i < argc; i++) {
        args[i] = ipcfg_win_to_utf8_dup(argv[i]);
        if (!args[i]) {
            sink_write(NULL, 1, oom, sizeof(oom) - 1);
            for (int k = 0; k < i; k++)
                free(args[k]);
            free(args);
            return IPCFG_E_FAILED;
        }
    }
    rc = ipcfg_main(argc, args, ipcfg_platform_backend, &sink);
    for (int i = 0; i < argc; i++)
        free(args[i]);
    free(args);
    return rc;
}
