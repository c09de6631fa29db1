/* sim_fmtmsg CODE — prints the system's one-line message for a Win32 error
 * code as FormatMessageW gives it (UTF-8, trailing CR/LF and spaces
 * trimmed) and exits 0; exits 1, saying so on stderr, when the system has
 * no text for the code (a run that prints nothing does not count).
 * The simulated-host tests use it to know the text ipcfg must print under
 * the Wine in use, without copying the backend's own code.
 * SPDX-License-Identifier: MIT */
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

int main(int argc, char **argv)
{
    WCHAR text[1024];
    char out[4096];
    DWORD n, w;
    unsigned long code;
    char *end;
    if (argc != 2) {
        fprintf(stderr, "usage: sim_fmtmsg CODE\n");
        return 2;
    }
    code = strtoul(argv[1], &end, 0);
    if (*end) {
        fprintf(stderr, "bad code %s\n", argv[1]);
        return 2;
    }
    n = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, (DWORD)code,
                       MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT), text, sizeof(text) / sizeof(text[0]), NULL);
    if (n == 0) {
        fprintf(stderr, "sim_fmtmsg: no text for %lu\n", code);
        return 1;
    }
    while (n > 0 && (text[n - 1] == L'\r' || text[n - 1] == L'\n' || text[n - 1] == L' '))
        text[--n] = 0;
    n = (DWORD)WideCharToMultiByte(CP_UTF8, 0, text, -1, out, (int)sizeof(out) - 1, NULL, NULL);
    if (n == 0) {
        fprintf(stderr, "sim_fmtmsg: the text for %lu does not convert\n", code);
        return 1;
    }
    out[n - 1] = '\n';
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), out, n, &w, NULL);
    return 0;
}
