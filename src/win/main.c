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
 * (65001, after chcp 65001) gets the UTF-8 bytes unchanged.  No BOM.
 * Every line of text ends with CR LF, redirected or not, as ipconfig
 * writes it (the core writes them: ipcfg_sink.crlf); the /json document
 * keeps LF (docs/json.md).
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

/* Each writer below answers NO_ERROR or the Win32 code of the failed write. */
static DWORD write_all(HANDLE h, const char *p, size_t len)
{
    while (len > 0) {
        DWORD chunk = len > 65536 ? 65536 : (DWORD)len, done = 0;
        if (!WriteFile(h, p, chunk, &done, NULL))
            return GetLastError();
        if (done == 0)
            return ERROR_WRITE_FAULT;
        p += done;
        len -= done;
    }
    return NO_ERROR;
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
static DWORD write_in_cp(HANDLE h, UINT cp, const char *text, size_t len)
{
    size_t wl = 0;
    wchar_t *w = ipcfg_win_to_utf16_dup(text, len, &wl);
    if (!w || wl > INT_MAX / 4) {
        free(w);
        return write_all(h, text, len); /* cannot convert: the bytes as they are */
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
    DWORD rc;
    if (mb && n > 0)
        rc = write_all(h, mb, (size_t)n);
    else
        rc = write_all(h, text, len);
    free(mb);
    free(w);
    return rc;
}

static DWORD write_console(HANDLE h, const char *text, size_t len, int *done_console)
{
    size_t wl = 0;
    wchar_t *w = ipcfg_win_to_utf16_dup(text, len, &wl);
    *done_console = w != NULL;
    if (!w)
        return NO_ERROR; /* written the redirected way instead */
    const wchar_t *p = w;
    DWORD rc = NO_ERROR;
    while (wl > 0) {
        /* bounded chunks: old consoles refuse very long writes */
        DWORD chunk = wl > 8192 ? 8192 : (DWORD)wl, done = 0;
        /* never split a surrogate pair between two writes */
        if (chunk < wl && p[chunk - 1] >= 0xD800 && p[chunk - 1] <= 0xDBFF)
            chunk--;
        if (!WriteConsoleW(h, p, chunk, &done, NULL)) {
            rc = GetLastError();
            break;
        }
        if (done == 0) {
            rc = ERROR_WRITE_FAULT;
            break;
        }
        p += done;
        wl -= done;
    }
    free(w);
    return rc;
}

/* A failed write: the reader of a pipe that went away (ERROR_NO_DATA,
 * ERROR_BROKEN_PIPE; ERROR_PIPE_NOT_CONNECTED, which Wine answers) ends the
 * output quietly; anything else is reported (docs/exit-codes.md: both exit
 * 3). */
static int write_failed(DWORD code, ipcfg_error *err)
{
    if (code == ERROR_NO_DATA || code == ERROR_BROKEN_PIPE || code == ERROR_PIPE_NOT_CONNECTED)
        return IPCFG_SINK_GONE;
    char text[IPCFG_ERRTEXT_MAX];
    ipcfg_win_errtext(code, text, sizeof(text));
    ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "%s", text);
    ipcfg_error_sys(err, (long)code);
    return IPCFG_SINK_FAILED;
}

static int sink_write(void *ctx, int is_err, const char *text, size_t len, ipcfg_error *err)
{
    (void)ctx;
    if (len == 0)
        return IPCFG_SINK_OK;
    HANDLE h = GetStdHandle(is_err ? STD_ERROR_HANDLE : STD_OUTPUT_HANDLE);
    DWORD mode, rc = NO_ERROR;
    if (h == NULL || h == INVALID_HANDLE_VALUE)
        return write_failed(ERROR_INVALID_HANDLE, err); /* no standard handle: the output is lost */
    int console = 0;
    if (GetConsoleMode(h, &mode))
        rc = write_console(h, text, len, &console);
    if (!console) {
        UINT cp = redirected_cp();
        rc = cp == CP_UTF8 ? write_all(h, text, len) : write_in_cp(h, cp, text, len);
    }
    return rc == NO_ERROR ? IPCFG_SINK_OK : write_failed(rc, err);
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
    static const char oom[] = "Error: out of memory.\r\n";
    /* JSON in ASCII, text with CR LF: see docs/json.md, docs/windows.md */
    ipcfg_sink sink = {sink_write, NULL, 1, 1};
    char **args = calloc((size_t)argc + 1, sizeof(char *));
    ipcfg_error lost; /* what a failed write of the line below reports */
    int rc;

    harden_dll_search();
    if (!args) {
        sink_write(NULL, 1, oom, sizeof(oom) - 1, &lost);
        return IPCFG_E_FAILED;
    }
    for (int i = 0; i < argc; i++) {
        args[i] = ipcfg_win_to_utf8_dup(argv[i]);
        if (!args[i]) {
            sink_write(NULL, 1, oom, sizeof(oom) - 1, &lost);
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
