/* ipcfg — IPv4 address checks and byte order, shared by the codec, the
 * options' parsers, the state machine and the lease file: a leaf that
 * calls nothing of theirs.  See dhcp_addr.h.
 * SPDX-License-Identifier: MIT */
#include "dhcp_addr.h"

#include <string.h>

size_t ipcfg_dhcp_text_len(const char *s, size_t cap)
{
    const char *z = memchr(s, '\0', cap);
    return z ? (size_t)(z - s) : cap;
}

uint32_t ipcfg_dhcp_get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

void ipcfg_dhcp_put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* ---- address checks -------------------------------------------------------- */

int ipcfg_dhcp_mask_prefix(const uint8_t mask[4])
{
    uint32_t m = ipcfg_dhcp_get32(mask), inv = ~m;
    int n = 0;

    /* contiguous: the inverted mask is 2^k - 1 */
    if ((inv & (inv + 1u)) != 0)
        return -1;
    while (m) {
        n++;
        m <<= 1;
    }
    return n;
}

void ipcfg_dhcp_prefix_mask(unsigned prefix, uint8_t mask[4])
{
    uint32_t m = prefix == 0 ? 0 : prefix >= 32 ? 0xffffffffu : ~(0xffffffffu >> prefix);
    ipcfg_dhcp_put32(mask, m);
}

int ipcfg_dhcp_unicast_ok(const uint8_t a[4])
{
    if (a[0] == 0)            /* 0.0.0.0/8, "this network" (RFC 1122 §3.2.1.3) */
        return 0;
    if (a[0] == 127)          /* loopback */
        return 0;
    if (a[0] >= 224)          /* multicast 224/4, class E 240/4, 255.255.255.255 */
        return 0;
    return 1;
}

int ipcfg_dhcp_host_ok(const uint8_t a[4], unsigned prefix)
{
    uint32_t v, host;

    if (!ipcfg_dhcp_unicast_ok(a) || prefix < 1 || prefix > 32)
        return 0;
    if (prefix >= 31) /* RFC 3021 point-to-point /31, and /32: every address is a host */
        return 1;
    v = ipcfg_dhcp_get32(a);
    host = v & (0xffffffffu >> prefix);
    return host != 0 && host != (0xffffffffu >> prefix);
}
