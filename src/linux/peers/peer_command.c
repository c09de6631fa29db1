/* ipcfg — the command that does what /release or /renew asked, with the
 * DHCP client that runs an interface (the backend's client_command):
 *   systemd-networkd  renew: networkctl renew IF      release: networkctl down IF
 *   NetworkManager    renew: nmcli device connect IF  release: nmcli device disconnect IF
 *   ISC dhclient      renew: dhclient -r IF && dhclient IF
 *                     release: dhclient -r IF
 *   dhcpcd            renew: dhcpcd -n IF             release: dhcpcd -k IF
 * (networkctl has no release verb: taking the link down makes networkd
 * release the lease, SendRelease= being on by default.)
 * The line is meant to be pasted into a shell: a name with a byte outside
 * [A-Za-z0-9._:@%+=-] is single-quoted for a POSIX shell (a quote inside
 * becomes '\''), so the name is never run as a command.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "peers/peer_lease.h"

/* The name as one word of a POSIX shell: as it is when every byte is
 * plain, else single-quoted. */
static void shell_word(const char *name, char *out, size_t len)
{
    static const char plain[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:@%+=-";
    size_t o = 0;

    if (name[0] != '\0' && strspn(name, plain) == strlen(name)) {
        snprintf(out, len, "%s", name);
        return;
    }
    out[o++] = '\'';
    for (const char *p = name; *p != '\0' && o + 6 < len; p++) {
        if (*p == '\'') {
            memcpy(out + o, "'\\''", 4);
            o += 4;
        } else {
            out[o++] = *p;
        }
    }
    out[o++] = '\'';
    out[o] = '\0';
}

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
    /* each byte of the name is at most 4 bytes quoted, plus the quotes */
    char word[sizeof(a->name) * 4 + 3];

    if (len == 0)
        return;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        if (strcmp(a->lease_client, cmds[i].client) != 0)
            continue;
        const char *f = release ? cmds[i].release : cmds[i].renew;
        const char *p = strstr(f, "%s");
        const char *q = p ? strstr(p + 2, "%s") : NULL;
        shell_word(a->name, word, sizeof(word));
        /* at most two %s, both the adapter name; no format from data */
        if (q)
            snprintf(buf, len, "%.*s%s%.*s%s%s", (int)(p - f), f, word, (int)(q - p - 2), p + 2, word, q + 2);
        else if (p)
            snprintf(buf, len, "%.*s%s%s", (int)(p - f), f, word, p + 2);
        return;
    }
}
