/* ipcfg — what to say about an adapter another DHCP client runs.
 *
 * The commands are each client's own way to do what was asked:
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
#include "peer_advice.h"

#include <stdio.h>
#include <string.h>

int ipcfg_peer_other_client(const ipcfg_adapter *a)
{
    return a->lease_client[0] != '\0' && strcmp(a->lease_client, "ipcfg") != 0;
}

void ipcfg_peer_command(const ipcfg_adapter *a, int release, char *buf, size_t len)
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

/* "<subject> is run by dhcpcd; use "dhcpcd -n eth0" instead."  Cut to len
 * (interface names are short; the cut is only a bound). */
static void describe(char *buf, size_t len, const char *subject, const ipcfg_adapter *a, int release)
{
    char cmd[IPCFG_ADAPTER_NAME_MAX * 2 + 64];
    int n;
    ipcfg_peer_command(a, release, cmd, sizeof cmd);
    if (cmd[0] != '\0')
        n = snprintf(buf, len, "%s is run by %s; use \"%s\" instead.", subject, a->lease_client, cmd);
    else if (strcmp(a->lease_client, "unknown") == 0)
        n = snprintf(buf, len,
                     "%s is run by another DHCP client (its IPv4 address has a lifetime); use that client instead.",
                     subject);
    else
        n = snprintf(buf, len, "%s is run by %s; use that client instead.", subject, a->lease_client);
    if (n < 0 && len > 0)
        buf[0] = '\0';
}

void ipcfg_peer_refusal(ipcfg_error *e, const ipcfg_adapter *a, int release)
{
    char line[IPCFG_ERRTEXT_MAX], subject[IPCFG_ADAPTER_NAME_MAX + 16];
    if (snprintf(subject, sizeof subject, "Adapter %s", a->name) < 0)
        subject[0] = '\0';
    describe(line, sizeof line, subject, a, release);
    ipcfg_error_set(e, IPCFG_E_STATE, IPCFG_R_OTHER_CLIENT, "%s", line);
}

void ipcfg_peer_skip_note(char *buf, size_t len, const ipcfg_adapter *a, int release)
{
    char subject[IPCFG_ADAPTER_NAME_MAX + 16];
    if (snprintf(subject, sizeof subject, "Skipped %s: it", a->name) < 0)
        subject[0] = '\0';
    describe(buf, len, subject, a, release);
}
