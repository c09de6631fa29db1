/* The control of the planting test: loads "iphlpapi.dll" the naive way
 * (default search order, application directory first) and prints the path
 * of the module it got.  SPDX-License-Identifier: MIT */
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <stdio.h>

int main(void)
{
    HMODULE h = LoadLibraryW(L"iphlpapi.dll");
    if (!h) {
        printf("LoadLibraryW failed: %lu\n", (unsigned long)GetLastError());
        return 1;
    }
    char path[MAX_PATH];
    DWORD n = GetModuleFileNameA(h, path, sizeof(path));
    printf("loaded %s\n", n ? path : "?");
    return 0;
}
