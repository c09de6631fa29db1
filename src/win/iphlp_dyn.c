/* ipcfg — iphlpapi.dll loaded from the system directory only.
 * SPDX-License-Identifier: MIT */
#include "iphlp_dyn.h"

#include <string.h>
#include <wchar.h>

#include "error.h"
#include "utf.h"

#ifndef LOAD_LIBRARY_SEARCH_SYSTEM32
#define LOAD_LIBRARY_SEARCH_SYSTEM32 0x00000800
#endif

/* GetProcAddress returns FARPROC; going through void (*)(void) keeps
 * -Wcast-function-type quiet for the cast to the real prototype. */
typedef void (*ipcfg_generic_fn)(void);

static ipcfg_generic_fn sym(HMODULE h, const char *name)
{
    return (ipcfg_generic_fn)GetProcAddress(h, name);
}

static HMODULE load_system_iphlpapi(DWORD *lasterr)
{
    HMODULE h = LoadLibraryExW(L"iphlpapi.dll", NULL, LOAD_LIBRARY_SEARCH_SYSTEM32);
    if (h)
        return h;
    *lasterr = GetLastError();
    /* Windows 7 / Vista without KB2533623 reject the flag with
     * ERROR_INVALID_PARAMETER: fall back to the absolute path in the system
     * directory, which is just as safe against planting. */
    if (*lasterr != ERROR_INVALID_PARAMETER)
        return NULL;
    wchar_t path[MAX_PATH + 16];
    UINT n = GetSystemDirectoryW(path, MAX_PATH);
    if (n == 0 || n >= MAX_PATH) {
        *lasterr = GetLastError();
        return NULL;
    }
    wcscpy(path + n, L"\\iphlpapi.dll");
    h = LoadLibraryExW(path, NULL, LOAD_WITH_ALTERED_SEARCH_PATH);
    if (!h)
        *lasterr = GetLastError();
    return h;
}

int ipcfg_iphlp_load(ipcfg_iphlp *t, ipcfg_error *err)
{
    memset(t, 0, sizeof(*t));
    DWORD le = 0;
    t->dll = load_system_iphlpapi(&le);
    if (!t->dll) {
        char text[IPCFG_ERRTEXT_MAX];
        ipcfg_win_errtext(le, text, sizeof(text));
        ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "cannot load iphlpapi.dll from the system directory: %s",
                        text);
        ipcfg_error_sys(err, (long)le);
        return IPCFG_E_FAILED;
    }
    t->GetAdaptersAddresses = (ipcfg_pfn_GetAdaptersAddresses)sym(t->dll, "GetAdaptersAddresses");
    t->GetAdaptersInfo = (ipcfg_pfn_GetAdaptersInfo)sym(t->dll, "GetAdaptersInfo");
    t->GetNetworkParams = (ipcfg_pfn_GetNetworkParams)sym(t->dll, "GetNetworkParams");
    t->GetIpAddrTable = (ipcfg_pfn_GetIpAddrTable)sym(t->dll, "GetIpAddrTable");
    t->GetInterfaceInfo = (ipcfg_pfn_GetInterfaceInfo)sym(t->dll, "GetInterfaceInfo");
    t->IpReleaseAddress = (ipcfg_pfn_IpReleaseAddress)sym(t->dll, "IpReleaseAddress");
    t->IpRenewAddress = (ipcfg_pfn_IpRenewAddress)sym(t->dll, "IpRenewAddress");
    t->AddIPAddress = (ipcfg_pfn_AddIPAddress)sym(t->dll, "AddIPAddress");
    t->DeleteIPAddress = (ipcfg_pfn_DeleteIPAddress)sym(t->dll, "DeleteIPAddress");
    t->GetPerAdapterInfo = (ipcfg_pfn_GetPerAdapterInfo)sym(t->dll, "GetPerAdapterInfo");
    return 0;
}

void ipcfg_iphlp_unload(ipcfg_iphlp *t)
{
    if (t->dll)
        FreeLibrary(t->dll);
    memset(t, 0, sizeof(*t));
}

int ipcfg_iphlp_need(int present, const char *name, ipcfg_error *err)
{
    if (present)
        return 0;
    ipcfg_error_set(err, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP, "The system's iphlpapi.dll has no %s function.", name);
    ipcfg_error_sys(err, ERROR_PROC_NOT_FOUND);
    return IPCFG_E_NOTSUP;
}
