/* ipcfg — dhcpcd's lease files (/var/lib/dhcpcd/<ifname>.lease): the raw
 * BOOTP/DHCP message the server sent (RFC 2131 §2), as dhcpcd saved it.
 *
 * Read with ipcfg's own DHCP message parser (src/dhcp/dhcp_msg.c: every
 * length checked, RFC 3396 long options, option 52 overload); a message it
 * rejects, one that is not a server's DHCPACK, or one without an address is
 * no lease.
 *
 * SPDX-License-Identifier: MIT
 */
#include "peers/peer_lease.h"

#include <string.h>

#include "dhcp/dhcp_msg.h"

int ipcfg_lx_peer_parse_dhcpcd(const uint8_t *buf, size_t len, int64_t mtime, ipcfg_lx_peer_lease *out)
{
    static const uint8_t zero[4] = {0, 0, 0, 0};
    ipcfg_dhcp_msg m;

    memset(out, 0, sizeof *out);
    out->client = IPCFG_PEER_DHCPCD;
    if (buf == NULL || ipcfg_dhcp_msg_parse(buf, len, &m, NULL) != 0)
        return -1;
    if (m.h.op != IPCFG_BOOTREPLY || m.type != IPCFG_DHCPACK)
        return -1;
    memcpy(out->addr, m.h.yiaddr, 4);
    if (memcmp(out->addr, zero, 4) == 0)
        memcpy(out->addr, m.h.ciaddr, 4); /* the answer to an INFORM */
    if (memcmp(out->addr, zero, 4) == 0)
        return -1;
    out->has_addr = 1;
    if (m.has & IPCFG_HAS_SERVER_ID) {
        memcpy(out->server, m.server_id, 4);
        out->has_server = 1;
    }
    for (size_t i = 0; i < m.n_dns && out->n_dns < IPCFG_PEER_DNS_MAX; i++)
        memcpy(out->dns[out->n_dns++], m.dns[i], 4);
    if ((m.has & IPCFG_HAS_DOMAIN) && ipcfg_lx_peer_domain(m.domain, strlen(m.domain), out->domain) != 0)
        out->domain[0] = '\0'; /* not a plain name: not shown */
    if (m.has & IPCFG_HAS_LEASE_TIME) {
        out->has_obtained = 1;
        out->obtained = mtime;
        if (m.lease_time == 0xffffffffu) {
            out->infinite = 1;
        } else {
            out->has_expires = 1;
            out->expires = mtime + (int64_t)m.lease_time;
        }
    }
    return 0;
}
