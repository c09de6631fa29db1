/* ipcfg — the DHCP client's own verbs on Windows: /registerdns,
 * /showclassid, /setclassid, and /hostname with /renew.
 *
 * The DHCP Client service does each of them through calls of dhcpcsvc.dll
 * (as ipconfig does): DhcpStaticRefreshParams refreshes every lease and
 * re-registers the names, DhcpEnumClasses lists an adapter's classes, and
 * a class ID is the registry value DhcpClassId that DhcpHandlePnPEvent
 * makes the service take up.  The name a lease sends is the computer's own;
 * IpRenewAddress takes no other.  All of that lies outside the IP Helper
 * API and Windows Sockets, the two libraries ipcfg's Windows build uses, so
 * each is recognised and answered with exit code 6 and this reason
 * (docs/windows.md), before anything is listed or asked; never
 * "unrecognized command line".
 *
 * SPDX-License-Identifier: MIT
 */
#include "backend.h"

void ipcfg_win_not_supported(ipcfg_backend *b, ipcfg_client_op op, ipcfg_error *err)
{
    (void)b;
    switch (op) {
    case IPCFG_CLIENT_REGISTER_DNS:
        ipcfg_error_set(err, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP,
                        "/registerdns is not supported: the DHCP Client service refreshes its leases and registers "
                        "the names through DhcpStaticRefreshParams in dhcpcsvc.dll, outside the IP Helper API and "
                        "Windows Sockets that ipcfg uses; use ipconfig /registerdns.");
        return;
    case IPCFG_CLIENT_SHOW_CLASSID:
        ipcfg_error_set(err, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP,
                        "/showclassid is not supported: the DHCP Client service lists an adapter's classes through "
                        "DhcpEnumClasses in dhcpcsvc.dll, outside the IP Helper API and Windows Sockets that ipcfg "
                        "uses; use ipconfig /showclassid.");
        return;
    case IPCFG_CLIENT_SET_CLASSID:
        ipcfg_error_set(err, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP,
                        "/setclassid is not supported: the DHCP Client service takes up a class ID through "
                        "DhcpHandlePnPEvent in dhcpcsvc.dll, outside the IP Helper API and Windows Sockets that ipcfg "
                        "uses; use ipconfig /setclassid.");
        return;
    case IPCFG_CLIENT_HOSTNAME:
        ipcfg_error_set(err, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP,
                        "/hostname is not supported: the DHCP Client service sends the computer's own name, and no "
                        "call of the IP Helper API or Windows Sockets that ipcfg uses sends another; nothing was "
                        "renewed.");
        return;
    }
}
