/* ipcfg — the Windows backend on the IP Helper API: its lifetime.
 *
 * Which iphlpapi calls each operation makes:
 *   list       GetAdaptersAddresses (AF_UNSPEC, with gateways) + GetAdaptersInfo,
 *              joined by the adapter GUID; GetNetworkParams for the host block;
 *              GetPerAdapterInfo per adapter (Autoconfiguration Enabled; optional:
 *              when it is missing or fails the field stays unknown).
 *   addrtable  GetIpAddrTable (sorted) + GetAdaptersAddresses for the names.
 *   release    GetInterfaceInfo once, then IpReleaseAddress (IpRenewAddress)
 *   renew      with the IP_ADAPTER_INDEX_MAP whose Name is
 *              \DEVICE\TCPIP_{GUID}, on one worker thread per adapter, all
 *              under one deadline.
 *   add        AddIPAddress on the adapter's IfIndex.
 *   delete     GetAdaptersInfo (the address's NTE context from the
 *              IpAddressList chains, or the context checked there), then
 *              DeleteIPAddress.
 *   flushdns,  none: the DNS client's calls are in dnsapi.dll (dnscache.c,
 *   displaydns exit code 6 with the reason).
 *   registerdns, showclassid, setclassid, /hostname
 *              none: the DHCP Client service's calls are in dhcpcsvc.dll
 *              (dhcpclient.c, exit code 6 with the reason).
 *
 * Every variable-size call is made with the size-query-then-fill pattern in
 * a bounded retry loop, because the size can grow between the two calls.
 * The backend never prints.  Which file holds what (docs/development.md):
 *   list.c, addrtable.c, dhcp.c, address.c, dnscache.c, dhcpclient.c
 *              the operations
 *   query.c    the size-query-then-fill loop;  convert.c  structures -> model
 *   error.c    Win32 codes -> status, reason, text;  utf.c  UTF-16 <-> UTF-8
 *   iphlp_dyn.c  iphlpapi.dll from the system directory
 *
 * SPDX-License-Identifier: MIT
 */
#include "backend.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"

const ipcfg_iphlp *ipcfg_win_api(ipcfg_backend *b)
{
    return &((ipcfg_win_ctx *)b->ctx)->api;
}

static void win_destroy(ipcfg_backend *b)
{
    ipcfg_win_ctx *c = b->ctx;
    if (c) {
        if (!c->worker_abandoned)
            ipcfg_iphlp_unload(&c->api);
        free(c);
    }
    b->ctx = NULL;
}

int ipcfg_platform_backend(ipcfg_backend *out, ipcfg_error *err)
{
    memset(out, 0, sizeof(*out));
    ipcfg_win_ctx *c = calloc(1, sizeof(*c));
    if (!c)
        return ipcfg_win_oom(err);
    int rc = ipcfg_iphlp_load(&c->api, err);
    if (rc) {
        free(c);
        return rc;
    }
    out->title = "Windows IP Configuration";
    out->platform = "windows";
    out->names_case_sensitive = 0; /* friendly names are case-insensitive */
    out->ctx = c;
    out->list = ipcfg_win_list;
    out->addrtable = ipcfg_win_addrtable;
    out->add_address = ipcfg_win_add;
    out->delete_address = ipcfg_win_delete;
    out->release = ipcfg_win_release;
    out->renew = ipcfg_win_renew;
    out->flush_dns = ipcfg_win_flush_dns; /* dnscache.c: exit code 6, dnsapi.dll is not ours to use */
    out->display_dns = ipcfg_win_display_dns;
    /* the DHCP client's own verbs: exit code 6, dhcpcsvc.dll is not ours
     * to use (dhcpclient.c); register_dns, show_classid and set_classid
     * stay NULL, sends_hostname 0 */
    out->not_supported = ipcfg_win_not_supported;
    out->destroy = win_destroy;
    return 0;
}
