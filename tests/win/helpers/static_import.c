/* An exe that imports iphlpapi.dll statically: check_imports.sh must
 * reject it (the test that proves the import check can fail).
 * SPDX-License-Identifier: MIT */
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <winsock2.h>
#include <iphlpapi.h>

#include <stdio.h>

int main(void)
{
    ULONG len = 0;
    printf("%lu\n", (unsigned long)GetAdaptersInfo(NULL, &len));
    return 0;
}
