/* ipcfg — the command that does what /release or /renew asked, with the
 * DHCP client that runs an interface (the backend's client_command):
 *   systemd-networkd  renew: networkctl renew IF      release: networkctl down IF
 *   NetworkManager    renew: nmcli device connect IF  release: nmcli device disconnect IF
 *   ISC dhclient      renew: dhclient -r IF && dhclient IF
 *                     release: dhclient -r IF
 *   dhcpcd            renew: dhcpcd -n IF             release: dhcpcd -k IF
 * (networkctl has no release verb: taking the link down makes networkd
 * release the lease, SendRelease= being on by default.)
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "peer_lease.h"

void ipcfg_lx_client_command(const ipcfg_adapter *a, int release, char *buf, size_t len)
{
    static const struct {
        const char *client, *renew, *release;
    } cmds[] = {
        {"systemd-networkd", "networkctl renew %s", "networkctl down %s"},
        {"NetworkManager", "nmcli device connect %s", "nmcli device disconnect %s"},
        {"dhclient", "dhclient -r %s && dhclient %s", "dhclient -r %s"},
        {"dhcpcd", "dhcpcd -n %s", "dhcpcd -k %s"},
    };
    if (len == 0)
        return;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        if (strcmp(a->lease_client, cmds[i].client) != 0)
            continue;
        const char *f = release ? cmds[i].release : cmds[i].renew;
        const char *p = strstr(f, "%s");
        const char *q = p ? strstr(p + 2, "%s") : NULL;
        /* at most two %s, both the adapter name; no format from data */
        if (q)
            snprintf(buf, len, "%.*s%s%.*s%s%s", (int)(p - f), f, a->name, (int)(q - p - 2), p + 2, a->name, q + 2);
        else if (p)
            snprintf(buf, len, "%.*s%s%s", (int)(p - f), f, a->name, p + 2);
        return;
    }
}

