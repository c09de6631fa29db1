/* ipcfg — dhcpcd's lease files (/var/lib/dhcpcd/<ifname>.lease): the raw
 * BOOTP/DHCP message the server sent (RFC 2131 §2), as dhcpcd saved it.
 *
 * Read here with a small option walker of its own, every length checked
 * (RFC 2132 options, RFC 3396 concatenation of repeated options, option 52
 * overload of the file and sname fields).  When ipcfg's DHCP engine is
 * merged, its message parser (src/dhcp/dhcp_msg.c) can take this place.
 *
 * SPDX-License-Identifier: MIT
 */
#include "peer_lease.h"

#include <string.h>

#define OFF_CIADDR 12
#define OFF_YIADDR 16
#define OFF_SNAME 44
#define SNAME_LEN 64
#define OFF_FILE 108
#define FILE_LEN 128
#define OFF_COOKIE 236
#define OFF_OPTIONS 240
#define MSG_MAX 9000

typedef struct opts {
    int bad;
    int has_type, has_server, has_lease_time, has_overload;
    uint8_t type, overload;
    uint8_t server[4];
    uint32_t lease_time;
    uint8_t dns[255 * 4];
    size_t dns_len; /* concatenated option 6 data */
    char domain[IPCFG_NAME_MAX];
    size_t domain_len; /* concatenated option 15 data, cut at the buffer */
    int domain_long;
} opts;

/* Walks one option area.  Stops at END; a truncated option is malformed. */
static void walk(const uint8_t *p, size_t len, opts *o, int main_area)
{
    size_t i = 0;
    while (i < len) {
        uint8_t code = p[i++], ol;
        const uint8_t *d;
        if (code == 0)
            continue;
        if (code == 255)
            return;
        if (i >= len) {
            o->bad = 1;
            return;
        }
        ol = p[i++];
        if (ol > len - i) {
            o->bad = 1;
            return;
        }
        d = p + i;
        i += ol;
        switch (code) {
        case 53:
            if (ol != 1) {
                o->bad = 1;
                break;
            }
            o->has_type = 1;
            o->type = d[0];
            break;
        case 52:
            if (!main_area || ol != 1 || d[0] < 1 || d[0] > 3)
                o->bad = 1;
            else {
                o->has_overload = 1;
                o->overload = d[0];
            }
            break;
        case 54:
            if (ol != 4)
                o->bad = 1;
            else {
                memcpy(o->server, d, 4);
                o->has_server = 1;
            }
            break;
        case 51:
            if (ol != 4)
                o->bad = 1;
            else {
                o->lease_time = (uint32_t)d[0] << 24 | (uint32_t)d[1] << 16 | (uint32_t)d[2] << 8 | d[3];
                o->has_lease_time = 1;
            }
            break;
        case 6:
            if (o->dns_len + ol <= sizeof o->dns) {
                memcpy(o->dns + o->dns_len, d, ol);
                o->dns_len += ol;
            } else
                o->bad = 1;
            break;
        case 15:
            if (o->domain_len + ol < sizeof o->domain) {
                memcpy(o->domain + o->domain_len, d, ol);
                o->domain_len += ol;
            } else
                o->domain_long = 1;
            break;
        default: break;
        }
    }
}

int ipcfg_lx_peer_parse_dhcpcd(const uint8_t *buf, size_t len, int64_t mtime, ipcfg_lx_peer_lease *out)
{
    static const uint8_t cookie[4] = {99, 130, 83, 99};
    opts o;

    memset(out, 0, sizeof *out);
    out->client = IPCFG_PEER_DHCPCD;
    memset(&o, 0, sizeof o);
    if (buf == NULL || len < OFF_OPTIONS || len > MSG_MAX)
        return -1;
    if (buf[0] != 2 /* BOOTREPLY */ || memcmp(buf + OFF_COOKIE, cookie, 4) != 0)
        return -1;
    walk(buf + OFF_OPTIONS, len - OFF_OPTIONS, &o, 1);
    if (!o.bad && o.has_overload) {
        if (o.overload & 1)
            walk(buf + OFF_FILE, FILE_LEN, &o, 0);
        if (o.overload & 2)
            walk(buf + OFF_SNAME, SNAME_LEN, &o, 0);
    }
    if (o.bad || (o.has_type && o.type != 5 /* DHCPACK */) || o.dns_len % 4 != 0)
        goto bad;

    memcpy(out->addr, buf + OFF_YIADDR, 4);
    if (memcmp(out->addr, "\0\0\0\0", 4) == 0)
        memcpy(out->addr, buf + OFF_CIADDR, 4); /* the answer to an INFORM */
    if (memcmp(out->addr, "\0\0\0\0", 4) == 0)
        goto bad;
    out->has_addr = 1;
    if (o.has_server) {
        memcpy(out->server, o.server, 4);
        out->has_server = 1;
    }
    for (size_t i = 0; i + 4 <= o.dns_len && out->n_dns < IPCFG_PEER_DNS_MAX; i += 4)
        memcpy(out->dns[out->n_dns++], o.dns + i, 4);
    if (o.domain_len > 0 && !o.domain_long) {
        size_t dl = o.domain_len;
        while (dl > 0 && o.domain[dl - 1] == '\0')
            dl--; /* some servers send a trailing NUL */
        if (ipcfg_lx_peer_domain(o.domain, dl, out->domain) != 0)
            out->domain[0] = '\0'; /* not a plain name: not shown */
    }
    if (o.has_lease_time) {
        out->has_obtained = 1;
        out->obtained = mtime;
        if (o.lease_time == 0xffffffffu) {
            out->infinite = 1;
        } else {
            out->has_expires = 1;
            out->expires = mtime + (int64_t)o.lease_time;
        }
    }
    return 0;
bad:
    memset(out, 0, sizeof *out);
    out->client = IPCFG_PEER_DHCPCD;
    return -1;
}
