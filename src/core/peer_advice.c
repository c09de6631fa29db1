/* ipcfg — what to say about an adapter another DHCP client runs (see
 * peer_advice.h; the commands come from the backend).
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

/* "<subject> is run by dhcpcd; use "dhcpcd -n eth0" instead."  Cut to len
 * (interface names are short; the cut is only a bound). */
static void describe(char *buf, size_t len, const char *subject, const ipcfg_adapter *a, const char *cmd)
{
    int n;
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

void ipcfg_peer_refusal(ipcfg_error *e, const ipcfg_adapter *a, const char *cmd)
{
    char line[IPCFG_ERRTEXT_MAX], subject[IPCFG_ADAPTER_NAME_MAX + 16];
    if (snprintf(subject, sizeof subject, "Adapter %s", a->name) < 0)
        subject[0] = '\0';
    describe(line, sizeof line, subject, a, cmd);
    ipcfg_error_set(e, IPCFG_E_STATE, IPCFG_R_OTHER_CLIENT, "%s", line);
}
