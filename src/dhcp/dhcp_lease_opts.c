/* ipcfg — the lease file's keys of version 2: the options a lease carries
 * beside its address (dhcp_opts.c) and the name it was obtained sending.
 *
 *   search corp.example          (option 119, one line per name, in order)
 *   ntp 192.0.2.123              (option 42, one line per server)
 *   mtu 9000                     (option 26)
 *   captive-portal https://portal.example/login   (option 114)
 *   fqdn ws-042.corp.example     (option 81 as sent; absent: none sent)
 *   name given                   (the /hostname choice: "given" or "none";
 *                                 absent: the host's own name)
 *
 * All belong to a bound record.  A file of version 1 has none of them and
 * still reads (dhcp_lease.c); a record without them is written as version
 * 1, so that a lease without these options reads back with an older ipcfg.
 * Every value is checked as the engine checked it (dns_name.h): the file
 * and the engine's messages to the privileged side are read with this
 * parser, so nothing unchecked reaches the resolver or the link.
 *
 * The value readers both versions use (decimals, addresses) are here too.
 *
 * SPDX-License-Identifier: MIT
 */
#include "dhcp_lease.h"
#include "dhcp_lease_int.h"
#include "dhcp_msg.h"
#include "dns_name.h"

#include <stdio.h>
#include <string.h>

/* ---- the values both versions share ---- */

/* A decimal number without sign or leading zeros, at most max. */
int ipcfg_dhcp_lease_dec(const char *s, size_t n, unsigned long long max, unsigned long long *v)
{
    unsigned long long x = 0;
    size_t i;

    if (n == 0 || n > 20 || (n > 1 && s[0] == '0'))
        return -1;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        if (x > (max - (unsigned long long)(s[i] - '0')) / 10)
            return -1;
        x = x * 10 + (unsigned long long)(s[i] - '0');
    }
    *v = x;
    return 0;
}

/* a.b.c.d, each 0..255 without leading zeros; *used: characters read. */
static int parse_ip(const char *s, size_t n, uint8_t a[4], size_t *used)
{
    size_t i = 0;
    int k;

    for (k = 0; k < 4; k++) {
        size_t st = i;
        unsigned long long v;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (ipcfg_dhcp_lease_dec(s + st, i - st, 255, &v))
            return -1;
        a[k] = (uint8_t)v;
        if (k < 3) {
            if (i >= n || s[i] != '.')
                return -1;
            i++;
        }
    }
    *used = i;
    return 0;
}

int ipcfg_dhcp_lease_ip(const char *s, size_t n, uint8_t a[4])
{
    size_t used;
    return parse_ip(s, n, a, &used) == 0 && used == n ? 0 : -1;
}

/* a.b.c.d/len */
int ipcfg_dhcp_lease_prefix(const char *s, size_t n, uint8_t a[4], uint8_t *len)
{
    size_t used;
    unsigned long long v;

    if (parse_ip(s, n, a, &used) || used >= n || s[used] != '/')
        return -1;
    if (ipcfg_dhcp_lease_dec(s + used + 1, n - used - 1, 32, &v))
        return -1;
    *len = (uint8_t)v;
    return 0;
}

/* ---- the keys of version 2 ---- */

/* The bits of *seen this file uses (dhcp_lease.c keeps those below). */
enum {
    O_SEARCH = 1u << 16, /* repeatable */
    O_NTP = 1u << 17,    /* repeatable */
    O_MTU = 1u << 18,
    O_PORTAL = 1u << 19,
    O_FQDN = 1u << 20,
    O_NAME = 1u << 21
};

static const struct {
    const char *name;
    unsigned bit;
} okeys[] = {
    {"search", O_SEARCH}, {"ntp", O_NTP}, {"mtu", O_MTU}, {"captive-portal", O_PORTAL}, {"fqdn", O_FQDN}, {"name", O_NAME},
};

int ipcfg_dhcp_lease_has_opts(const ipcfg_dhcp_lease *l)
{
    return l->state == IPCFG_DHCP_LEASE_BOUND && (l->n_search || l->n_ntp || l->mtu || l->captive_portal[0] ||
                                                  l->fqdn[0] || l->name_choice != IPCFG_DHCP_NAME_HOST);
}

static int name_ok(const char *s, size_t cap)
{
    return ipcfg_dns_name_valid(s, ipcfg_dhcp_text_len(s, cap));
}

/* snprintf into buf at *at, cap bytes in all; -1 when it did not fit. */
#define ADD(...)                                                                                                       \
    do {                                                                                                               \
        int w_ = snprintf(buf + at, cap - at, __VA_ARGS__);                                                            \
        if (w_ < 0 || (size_t)w_ >= cap - at)                                                                          \
            return (size_t)-1;                                                                                         \
        at += (size_t)w_;                                                                                              \
    } while (0)

size_t ipcfg_dhcp_lease_opts_format(const ipcfg_dhcp_lease *l, char *buf, size_t cap)
{
    size_t at = 0;
    unsigned i;

    if (cap == 0)
        return (size_t)-1;
    buf[0] = '\0';
    if (!ipcfg_dhcp_lease_has_opts(l))
        return 0;
    for (i = 0; i < l->n_search && i < IPCFG_DHCP_MAX_SEARCH; i++) {
        if (!name_ok(l->search[i], sizeof l->search[i]))
            return (size_t)-1;
        ADD("search %.*s\n", (int)ipcfg_dhcp_text_len(l->search[i], sizeof l->search[i]), l->search[i]);
    }
    for (i = 0; i < l->n_ntp && i < IPCFG_DHCP_MAX_NTP; i++)
        ADD("ntp %u.%u.%u.%u\n", l->ntp[i][0], l->ntp[i][1], l->ntp[i][2], l->ntp[i][3]);
    if (l->mtu)
        ADD("mtu %u\n", (unsigned)l->mtu);
    if (l->captive_portal[0]) {
        size_t n = ipcfg_dhcp_text_len(l->captive_portal, sizeof l->captive_portal);
        if (!ipcfg_dns_uri_valid(l->captive_portal, n))
            return (size_t)-1;
        ADD("captive-portal %.*s\n", (int)n, l->captive_portal);
    }
    if (l->fqdn[0]) {
        if (!name_ok(l->fqdn, sizeof l->fqdn))
            return (size_t)-1;
        ADD("fqdn %.*s\n", (int)ipcfg_dhcp_text_len(l->fqdn, sizeof l->fqdn), l->fqdn);
    }
    if (l->name_choice == IPCFG_DHCP_NAME_GIVEN)
        ADD("name given\n");
    else if (l->name_choice == IPCFG_DHCP_NAME_NONE)
        ADD("name none\n");
    return at;
}

/* A name value: a DNS name, kept without a trailing dot. */
static int take_name(const char *v, size_t vn, char *dst, size_t cap)
{
    if (vn >= cap || !ipcfg_dns_name_valid(v, vn))
        return -1;
    if (v[vn - 1] == '.')
        vn--;
    memcpy(dst, v, vn);
    dst[vn] = '\0';
    return 0;
}

static int take_mtu(const char *v, size_t vn, uint16_t *mtu)
{
    unsigned long long x;

    /* RFC 2132 §5.1: at least 68 */
    if (ipcfg_dhcp_lease_dec(v, vn, 65535, &x) || x < 68)
        return -1;
    *mtu = (uint16_t)x;
    return 0;
}

int ipcfg_dhcp_lease_opts_line(const char *k, size_t kn, const char *v, size_t vn, ipcfg_dhcp_lease *l, unsigned *seen,
                               const char **msg)
{
    unsigned bit = 0, i;

    for (i = 0; i < sizeof okeys / sizeof okeys[0]; i++)
        if (strlen(okeys[i].name) == kn && memcmp(okeys[i].name, k, kn) == 0)
            bit = okeys[i].bit;
    if (bit == 0)
        return 1;
    if ((*seen & bit) && !(bit & (O_SEARCH | O_NTP))) {
        *msg = "key repeated";
        return -1;
    }
    *seen |= bit;
    *msg = "bad value";
    switch (bit) {
    case O_SEARCH:
        if (l->n_search >= IPCFG_DHCP_MAX_SEARCH) {
            *msg = "too many search domains";
            return -1;
        }
        if (take_name(v, vn, l->search[l->n_search], sizeof l->search[0]))
            return -1;
        for (i = 0; i < l->n_search; i++)
            if (strcmp(l->search[i], l->search[l->n_search]) == 0) {
                *msg = "search domain repeated";
                return -1;
            }
        l->n_search++;
        return 0;
    case O_NTP:
        if (l->n_ntp >= IPCFG_DHCP_MAX_NTP) {
            *msg = "too many NTP servers";
            return -1;
        }
        if (ipcfg_dhcp_lease_ip(v, vn, l->ntp[l->n_ntp]) || !ipcfg_dhcp_unicast_ok(l->ntp[l->n_ntp]))
            return -1;
        l->n_ntp++;
        return 0;
    case O_MTU:
        return take_mtu(v, vn, &l->mtu);
    case O_PORTAL:
        if (vn >= sizeof l->captive_portal || !ipcfg_dns_uri_valid(v, vn))
            return -1;
        memcpy(l->captive_portal, v, vn);
        l->captive_portal[vn] = '\0';
        return 0;
    case O_FQDN:
        return take_name(v, vn, l->fqdn, sizeof l->fqdn);
    default: /* O_NAME */
        if (vn == 5 && memcmp(v, "given", 5) == 0)
            l->name_choice = IPCFG_DHCP_NAME_GIVEN;
        else if (vn == 4 && memcmp(v, "none", 4) == 0)
            l->name_choice = IPCFG_DHCP_NAME_NONE;
        else
            return -1;
        return 0;
    }
}

int ipcfg_dhcp_lease_opts_check(const ipcfg_dhcp_lease *l, unsigned seen, const char **msg)
{
    /* a given name is the name sent; "none" sent none */
    if (l->name_choice == IPCFG_DHCP_NAME_GIVEN && !(seen & O_FQDN)) {
        *msg = "\"name given\" without the fqdn it gave";
        return -1;
    }
    if (l->name_choice == IPCFG_DHCP_NAME_NONE && (seen & O_FQDN)) {
        *msg = "\"name none\" with an fqdn";
        return -1;
    }
    return 0;
}
