/* ipcfg — the Windows entry point.
 *
 * Arguments arrive as UTF-16 (wmain) and are handed to the core as UTF-8.
 * Output: to a console, the UTF-8 text is converted to UTF-16 and written
 * with WriteConsoleW, so non-ASCII adapter names show correctly whatever the
 * console code page; redirected to a file or a pipe, the UTF-8 bytes are
 * written unchanged (no BOM, LF line ends) — redirected output and /json are
 * always UTF-8.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

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
    write_all(h, text, len);
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
    ipcfg_sink sink = {sink_write, NULL};
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
