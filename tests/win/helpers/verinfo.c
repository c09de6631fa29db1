/* win_verinfo EXE — prints EXE's version resource as the system reads it
 * (version.dll: GetFileVersionInfoW, VerQueryValueW), one "Key=value" line
 * each: the fixed file and product versions, then the strings of the
 * translation the resource lists first.  wine_tests.sh (case
 * version_resource) compares them with the project's.
 * SPDX-License-Identifier: MIT */
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <stdio.h>
#include <stdlib.h>

static void put_utf8(const char *key, const wchar_t *w)
{
    char out[512];
    if (!WideCharToMultiByte(CP_UTF8, 0, w, -1, out, (int)sizeof(out), NULL, NULL))
        out[0] = '\0';
    printf("%s=%s\n", key, out);
}

int wmain(int argc, wchar_t **argv)
{
    static const char *const keys[] = {"CompanyName",      "FileDescription", "FileVersion", "InternalName",
                                       "LegalCopyright",   "OriginalFilename", "ProductName", "ProductVersion"};
    DWORD handle = 0, size;
    void *data;
    VS_FIXEDFILEINFO *fixed;
    WORD *tr;
    UINT len;
    if (argc != 2) {
        fprintf(stderr, "usage: win_verinfo EXE\n");
        return 2;
    }
    size = GetFileVersionInfoSizeW(argv[1], &handle);
    if (!size || !(data = malloc(size)) || !GetFileVersionInfoW(argv[1], 0, size, data)) {
        fprintf(stderr, "win_verinfo: no version resource (error %lu)\n", (unsigned long)GetLastError());
        return 1;
    }
    if (!VerQueryValueW(data, L"\\", (void **)&fixed, &len) || len < sizeof(*fixed)) {
        fprintf(stderr, "win_verinfo: no VS_FIXEDFILEINFO\n");
        return 1;
    }
    printf("FixedFileVersion=%u.%u.%u.%u\n", (unsigned)HIWORD(fixed->dwFileVersionMS),
           (unsigned)LOWORD(fixed->dwFileVersionMS), (unsigned)HIWORD(fixed->dwFileVersionLS),
           (unsigned)LOWORD(fixed->dwFileVersionLS));
    printf("FixedProductVersion=%u.%u.%u.%u\n", (unsigned)HIWORD(fixed->dwProductVersionMS),
           (unsigned)LOWORD(fixed->dwProductVersionMS), (unsigned)HIWORD(fixed->dwProductVersionLS),
           (unsigned)LOWORD(fixed->dwProductVersionLS));
    if (!VerQueryValueW(data, L"\\VarFileInfo\\Translation", (void **)&tr, &len) || len < 4) {
        fprintf(stderr, "win_verinfo: no translation\n");
        return 1;
    }
    printf("Translation=%04X%04X\n", (unsigned)tr[0], (unsigned)tr[1]);
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        wchar_t path[128], *v;
        _snwprintf(path, sizeof(path) / sizeof(path[0]), L"\\StringFileInfo\\%04x%04x\\%hs", tr[0], tr[1], keys[i]);
        path[sizeof(path) / sizeof(path[0]) - 1] = 0;
        if (VerQueryValueW(data, path, (void **)&v, &len) && len > 0)
            put_utf8(keys[i], v);
        else
            printf("%s=(none)\n", keys[i]);
    }
    free(data);
    return 0;
}
