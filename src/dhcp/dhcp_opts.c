/* ipcfg — the DHCPv4 options of today's networks that a lease carries
 * beside its address: the domain search list (119), the interface MTU
 * (26), NTP servers (42), the captive portal (114), and the client FQDN
 * (81) both ways, with the user class (77) ipcfg sends.  See dhcp_msg.h.
 *
 * Every parser reads untrusted bytes: each length is checked before use,
 * and an option that is malformed or carries text that is not what it must
 * carry (dns_name.h) is left out whole, never the message: the address
 * still binds, with one line saying what was left out (docs/dhcp.md).  Of
 * a well-formed domain search list only the names that are not DNS names
 * are left out, as of DHCPv6 option 24 (src/dhcp6/dhcp6_msg.c).
 *
 * SPDX-License-Identifier: MIT
 */
#include "dhcp_msg.h"
#include "dns_name.h"

#include <string.h>

int ipcfg_dhcp_opt_search(const uint8_t *v, size_t len, char (*out)[IPCFG_DHCP_NAME_CAP], uint8_t max, uint8_t *n)
{
    char name[IPCFG_DHCP_NAME_CAP];
    size_t off = 0;
    uint8_t k = 0, i;
    int dropped = 0;

    *n = 0;
    /* RFC 3397 §2: the names one after another in the wire form of RFC
     * 1035 §3.1, compressed as RFC 1035 §4.1.4 allows, each pointer an
     * offset from the start of the (RFC 3396-concatenated) option data.
     * ipcfg_dns_name_decode follows only pointers strictly backwards: no
     * loop, no forward pointer.  A malformed encoding leaves nothing to
     * trust (where the next name starts is unknown): the whole option
     * goes.  A name that decodes well but is no DNS name (a shell byte, a
     * hyphen at a label's edge, the root name) goes alone. */
    if (len == 0)
        return -1;
    while (off < len) {
        int tl = ipcfg_dns_name_decode(v, len, &off, 1, name, sizeof name);
        if (tl < 0)
            return -1; /* *n stays 0: nothing of the option is kept */
        if (!ipcfg_dns_name_valid(name, (size_t)tl)) {
            dropped = 1;
            continue;
        }
        for (i = 0; i < k; i++)
            if (strcmp(out[i], name) == 0)
                break;
        if (i == k && k < max)
            memcpy(out[k++], name, (size_t)tl + 1);
    }
    *n = k;
    return dropped;
}

int ipcfg_dhcp_opt_mtu(const uint8_t *v, size_t len, uint16_t *mtu)
{
    /* RFC 2132 §5.1: a 16-bit value, length 2, at least 68 */
    if (len != 2 || (v[0] << 8 | v[1]) < 68)
        return -1;
    *mtu = (uint16_t)(v[0] << 8 | v[1]);
    return 0;
}

int ipcfg_dhcp_opt_ntp(const uint8_t *v, size_t len, uint8_t (*out)[4], uint8_t max, uint8_t *n)
{
    size_t i;

    /* RFC 2132 §8.3: at least 4 octets, a multiple of 4 */
    *n = 0;
    if (len < 4 || len % 4 != 0)
        return -1;
    for (i = 0; i + 4 <= len && *n < max; i += 4)
        if (ipcfg_dhcp_unicast_ok(v + i))
            memcpy(out[(*n)++], v + i, 4);
    return 0;
}

int ipcfg_dhcp_opt_portal(const uint8_t *v, size_t len, char *out, size_t cap)
{
    /* RFC 8910 §2: the URI, not NUL-terminated.  ipcfg shows only an
     * https: URI of printable bytes (dns_name.h); anything else is left
     * out. */
    if (len == 0 || len >= cap || !ipcfg_dns_uri_valid((const char *)v, len))
        return -1;
    memcpy(out, v, len);
    out[len] = '\0';
    return 0;
}

int ipcfg_dhcp_opt_fqdn(const uint8_t *v, size_t len, uint8_t *flags, char *out, size_t cap)
{
    uint8_t wire[256];
    size_t nl, off = 0;
    int tl;

    out[0] = '\0';
    /* RFC 4702 §2: flags, RCODE1, RCODE2, then the name: at least 3 */
    if (len < 3 || cap < IPCFG_DHCP_NAME_CAP)
        return -1;
    nl = len - 3;
    *flags = v[0];
    if (nl == 0)
        return 0;
    if (!(v[0] & IPCFG_FQDN_E)) {
        /* §2.3.2: ASCII, deprecated; trailing NULs dropped as for option 12 */
        while (nl > 0 && v[3 + nl - 1] == 0)
            nl--;
        if (nl == 0 || nl >= cap || !ipcfg_dns_name_valid((const char *)v + 3, nl))
            return -1;
        memcpy(out, v + 3, nl);
        if (out[nl - 1] == '.')
            nl--;
        out[nl] = '\0';
        return 0;
    }
    /* §2.3.1: canonical wire format, no compression; a partial name ends
     * without the zero label, so one is appended and must end it exactly
     * (nothing may follow the name) */
    if (nl > 255)
        return -1;
    memcpy(wire, v + 3, nl);
    wire[nl] = 0;
    tl = ipcfg_dns_name_decode(wire, nl + 1, &off, 0, out, cap);
    if (tl <= 0 || off < nl || !ipcfg_dns_name_valid(out, (size_t)tl)) {
        out[0] = '\0';
        return -1;
    }
    return 0;
}

size_t ipcfg_dhcp_opt_fqdn_build(const char *name, uint8_t *out, size_t cap)
{
    size_t n, tl = name ? strlen(name) : 0;

    if (cap < 3 || tl == 0)
        return 0;
    out[0] = IPCFG_FQDN_S | IPCFG_FQDN_E;
    /* §2.2: RCODE1 and RCODE2 are deprecated; a client sends 0 */
    out[1] = 0;
    out[2] = 0;
    n = ipcfg_dns_name_encode(name, out + 3, cap - 3);
    if (n == 0)
        return 0;
    /* a name without a dot is partial: sent without its trailing
     * zero-length label (§2.3.1) */
    if (memchr(name, '.', tl) == NULL)
        n--;
    return 3 + n;
}

size_t ipcfg_dhcp_opt_user_class_build(const char *cls, size_t len, uint8_t *out, size_t cap)
{
    /* RFC 3004 §4: each user class is its length (at least 1) and data */
    if (len == 0 || len > 255 || cap < len + 1)
        return 0;
    out[0] = (uint8_t)len;
    memcpy(out + 1, cls, len);
    return len + 1;
}

void ipcfg_dhcp_opts_parse(const void *areas, ipcfg_dhcp_opt_get get, ipcfg_dhcp_msg *m, uint8_t *val, size_t cap)
{
    size_t len;

    if (get(areas, IPCFG_OPT_SEARCH, val, cap, &len) > 0) {
        int r = ipcfg_dhcp_opt_search(val, len, m->search, IPCFG_DHCP_MAX_SEARCH, &m->n_search);
        if (r < 0)
            m->left_out |= IPCFG_DHCP_LEFT_SEARCH;
        else if (r > 0)
            m->left_out |= IPCFG_DHCP_LEFT_SEARCH_NAME;
        if (m->n_search > 0)
            m->has |= IPCFG_HAS_SEARCH;
    }
    if (get(areas, IPCFG_OPT_MTU, val, cap, &len) > 0) {
        if (ipcfg_dhcp_opt_mtu(val, len, &m->mtu) == 0)
            m->has |= IPCFG_HAS_MTU;
        else
            m->left_out |= IPCFG_DHCP_LEFT_MTU;
    }
    if (get(areas, IPCFG_OPT_NTP, val, cap, &len) > 0) {
        if (ipcfg_dhcp_opt_ntp(val, len, m->ntp, IPCFG_DHCP_MAX_NTP, &m->n_ntp) == 0)
            m->has |= IPCFG_HAS_NTP;
        else
            m->left_out |= IPCFG_DHCP_LEFT_NTP;
    }
    if (get(areas, IPCFG_OPT_CAPTIVE_PORTAL, val, cap, &len) > 0) {
        if (ipcfg_dhcp_opt_portal(val, len, m->captive_portal, sizeof m->captive_portal) == 0)
            m->has |= IPCFG_HAS_PORTAL;
        else
            m->left_out |= IPCFG_DHCP_LEFT_PORTAL;
    }
    if (get(areas, IPCFG_OPT_FQDN, val, cap, &len) > 0) {
        if (ipcfg_dhcp_opt_fqdn(val, len, &m->fqdn_flags, m->fqdn, sizeof m->fqdn) == 0)
            m->has |= IPCFG_HAS_FQDN;
        else
            m->left_out |= IPCFG_DHCP_LEFT_FQDN;
    }
}
