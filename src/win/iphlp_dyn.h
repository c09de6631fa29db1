/* ipcfg — iphlpapi.dll loaded from the system directory only.
 *
 * ipcfg.exe does not import iphlpapi.dll: an administrator runs it
 * elevated, and a DLL of that name placed beside the exe (or anywhere on the
 * default search path) must never be loaded.  The DLL is loaded with
 * LoadLibraryExW(L"iphlpapi.dll", NULL, LOAD_LIBRARY_SEARCH_SYSTEM32) and the
 * functions are taken from it into this table.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_IPHLP_DYN_H
#define IPCFG_IPHLP_DYN_H

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <windows.h>

#include "ipcfg/model.h"

typedef ULONG(WINAPI *ipcfg_pfn_GetAdaptersAddresses)(ULONG, ULONG, PVOID, PIP_ADAPTER_ADDRESSES, PULONG);
typedef DWORD(WINAPI *ipcfg_pfn_GetAdaptersInfo)(PIP_ADAPTER_INFO, PULONG);
typedef DWORD(WINAPI *ipcfg_pfn_GetNetworkParams)(PFIXED_INFO, PULONG);
typedef DWORD(WINAPI *ipcfg_pfn_GetIpAddrTable)(PMIB_IPADDRTABLE, PULONG, BOOL);
typedef DWORD(WINAPI *ipcfg_pfn_GetInterfaceInfo)(PIP_INTERFACE_INFO, PULONG);
typedef DWORD(WINAPI *ipcfg_pfn_IpReleaseAddress)(PIP_ADAPTER_INDEX_MAP);
typedef DWORD(WINAPI *ipcfg_pfn_IpRenewAddress)(PIP_ADAPTER_INDEX_MAP);
typedef DWORD(WINAPI *ipcfg_pfn_AddIPAddress)(IPAddr, IPMask, DWORD, PULONG, PULONG);
typedef DWORD(WINAPI *ipcfg_pfn_DeleteIPAddress)(ULONG);
typedef DWORD(WINAPI *ipcfg_pfn_GetPerAdapterInfo)(ULONG, PIP_PER_ADAPTER_INFO, PULONG);

typedef struct ipcfg_iphlp {
    HMODULE dll;
    ipcfg_pfn_GetAdaptersAddresses GetAdaptersAddresses;
    ipcfg_pfn_GetAdaptersInfo GetAdaptersInfo;
    ipcfg_pfn_GetNetworkParams GetNetworkParams;
    ipcfg_pfn_GetIpAddrTable GetIpAddrTable;
    ipcfg_pfn_GetInterfaceInfo GetInterfaceInfo;
    ipcfg_pfn_IpReleaseAddress IpReleaseAddress;
    ipcfg_pfn_IpRenewAddress IpRenewAddress;
    ipcfg_pfn_AddIPAddress AddIPAddress;
    ipcfg_pfn_DeleteIPAddress DeleteIPAddress;
    /* Optional: the listing reads "Autoconfiguration Enabled" from it and
     * leaves the field unknown when it is missing (never exit code 6). */
    ipcfg_pfn_GetPerAdapterInfo GetPerAdapterInfo;
} ipcfg_iphlp;

/* Loads the system's iphlpapi.dll and resolves every function of the table.
 * A function the DLL lacks stays NULL (the operation that needs it answers
 * exit code 6; an optional one only leaves its field unknown).  Returns 0, or an exit code with *err filled. */
int ipcfg_iphlp_load(ipcfg_iphlp *t, ipcfg_error *err);
void ipcfg_iphlp_unload(ipcfg_iphlp *t);

/* Fails with exit code 6 naming the function when it is not present. */
int ipcfg_iphlp_need(int present, const char *name, ipcfg_error *err);

#endif
