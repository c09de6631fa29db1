/* A planted iphlpapi.dll for the DLL-planting test.  Placed beside an exe,
 * it announces itself on stderr when loaded and answers every call with an
 * error, so a program that loads it shows it plainly.
 * SPDX-License-Identifier: MIT */
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#define PLANTED_MARKER "PLANTED-IPHLPAPI-LOADED\n"

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved);
BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    (void)inst;
    (void)reserved;
    if (reason == DLL_PROCESS_ATTACH) {
        DWORD n;
        WriteFile(GetStdHandle(STD_ERROR_HANDLE), PLANTED_MARKER, sizeof(PLANTED_MARKER) - 1, &n, NULL);
    }
    return TRUE;
}

#define PLANTED_FN(name, params)                                                                                   \
    __declspec(dllexport) DWORD WINAPI name params; \
    __declspec(dllexport) DWORD WINAPI name params { return ERROR_INVALID_FUNCTION; }

PLANTED_FN(GetAdaptersAddresses, (ULONG a, ULONG b, PVOID c, PVOID d, PULONG e))
PLANTED_FN(GetAdaptersInfo, (PVOID a, PULONG b))
PLANTED_FN(GetNetworkParams, (PVOID a, PULONG b))
PLANTED_FN(GetIpAddrTable, (PVOID a, PULONG b, BOOL c))
PLANTED_FN(GetInterfaceInfo, (PVOID a, PULONG b))
PLANTED_FN(IpReleaseAddress, (PVOID a))
PLANTED_FN(IpRenewAddress, (PVOID a))
PLANTED_FN(AddIPAddress, (ULONG a, ULONG b, DWORD c, PULONG d, PULONG e))
PLANTED_FN(DeleteIPAddress, (ULONG a))
