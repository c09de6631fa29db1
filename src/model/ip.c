/* ipcfg — model: IP addresses.  Constructors and comparisons, the text
 * forms (IPv4, IPv6 per RFC 5952) and the strict parsers, masks and prefix
 * lengths, and the parsers' hex digit (ipcfg_hex_digit).  Platform-free:
 * no inet_ntop/inet_pton, so both backends print and parse addresses
 * identically.  SPDX-License-Identifier: MIT */
#include "ipcfg/model.h"

#include <string.h>

void ipcfg_ip4(ipcfg_ip *ip, uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
    memset(ip, 0, sizeof(*ip));
    ip->family = IPCFG_AF_INET4;
    ip->bytes[0] = a;
    ip->bytes[1] = b;
    ip->bytes[2] = c;
    ip->bytes[3] = d;
}

void ipcfg_ip4_from_u32be(ipcfg_ip *ip, const uint8_t bytes[4])
{
    ipcfg_ip4(ip, bytes[0], bytes[1], bytes[2], bytes[3]);
}

int ipcfg_ip_is_zero(const ipcfg_ip *ip)
{
    size_t n = ip->family == IPCFG_AF_INET6 ? 16 : 4;
    for (size_t i = 0; i < n; i++)
        if (ip->bytes[i])
            return 0;
    return 1;
}

int ipcfg_ip_equal(const ipcfg_ip *a, const ipcfg_ip *b)
{
    if (a->family != b->family)
        return 0;
    return memcmp(a->bytes, b->bytes, a->family == IPCFG_AF_INET6 ? 16 : 4) == 0;
}

int ipcfg_ip6_is_linklocal(const ipcfg_ip *ip)
{
    return ip->family == IPCFG_AF_INET6 && ip->bytes[0] == 0xfe && (ip->bytes[1] & 0xc0) == 0x80;
}

/* Writes the decimal form of v (0-255) at p; returns the end. */
static char *put_dec8(char *p, unsigned v)
{
    if (v >= 100) {
        *p++ = (char)('0' + v / 100);
        v %= 100;
        *p++ = (char)('0' + v / 10);
    } else if (v >= 10) {
        *p++ = (char)('0' + v / 10);
    }
    *p++ = (char)('0' + v % 10);
    return p;
}

static char *put_quad(char *p, const uint8_t *b)
{
    for (int i = 0; i < 4; i++) {
        if (i)
            *p++ = '.';
        p = put_dec8(p, b[i]);
    }
    return p;
}

/* Lower-case hexadecimal without leading zeros (RFC 5952 4.1, 4.3). */
static char *put_hex16(char *p, unsigned v)
{
    static const char hex[] = "0123456789abcdef";
    int shift = v >= 0x1000 ? 12 : v >= 0x100 ? 8 : v >= 0x10 ? 4 : 0;
    for (; shift >= 0; shift -= 4)
        *p++ = hex[(v >> shift) & 0xf];
    return p;
}

/* Written by hand, not through snprintf: a listing formats every address
 * (docs/development.md, "What a listing costs"); tests/unit/test_fastfmt.c
 * holds it to the printf-built form and to inet_ntop. */
const char *ipcfg_ip_str(const ipcfg_ip *ip, char *buf, size_t len)
{
    if (len == 0)
        return buf;
    buf[0] = '\0';
    char tmp[64];
    char *o = tmp;
    if (ip->family == IPCFG_AF_INET4) {
        o = put_quad(o, ip->bytes);
    } else if (ip->family == IPCFG_AF_INET6) {
        unsigned w[8];
        for (int i = 0; i < 8; i++)
            w[i] = (unsigned)ip->bytes[2 * i] << 8 | ip->bytes[2 * i + 1];
        /* RFC 5952 4.2: the longest run (>= 2) of zero groups becomes "::",
         * the first one on a tie; 4.3: lower-case hex. */
        int best = -1, bestlen = 0;
        for (int i = 0; i < 8;) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0)
                j++;
            if (j - i > bestlen && j - i >= 2) {
                best = i;
                bestlen = j - i;
            }
            i = j;
        }
        /* RFC 5952 5: IPv4-mapped addresses keep the dotted quad. */
        int mapped = best == 0 && bestlen == 5 && w[5] == 0xffff;
        for (int i = 0; i < 8; i++) {
            if (i == best) {
                *o++ = ':';
                if (i == 0)
                    *o++ = ':';
                i += bestlen - 1;
                continue;
            }
            if (mapped && i == 6) {
                o = put_quad(o, ip->bytes + 12);
                break;
            }
            o = put_hex16(o, w[i]);
            if (i < 7)
                *o++ = ':';
        }
    } else {
        return buf;
    }
    size_t n = (size_t)(o - tmp);
    if (n > len - 1)
        n = len - 1; /* as snprintf cuts */
    memcpy(buf, tmp, n);
    buf[n] = '\0';
    return buf;
}

/* Parses 1-3 decimal digits, value <= 255, no leading zero unless "0". */
static int dec_octet(const char **ps, unsigned *out)
{
    const char *s = *ps;
    unsigned v = 0;
    int n = 0;
    while (s[n] >= '0' && s[n] <= '9') {
        if (n == 3)
            return -1;
        v = v * 10 + (unsigned)(s[n] - '0');
        n++;
    }
    if (n == 0 || v > 255 || (n > 1 && s[0] == '0'))
        return -1;
    *ps = s + n;
    *out = v;
    return 0;
}

int ipcfg_ip4_parse(const char *s, ipcfg_ip *out)
{
    unsigned o[4];
    for (int i = 0; i < 4; i++) {
        if (dec_octet(&s, &o[i]) != 0)
            return -1;
        if (i < 3 && *s++ != '.')
            return -1;
    }
    if (*s != '\0')
        return -1;
    ipcfg_ip4(out, (uint8_t)o[0], (uint8_t)o[1], (uint8_t)o[2], (uint8_t)o[3]);
    return 0;
}

int ipcfg_hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int ipcfg_ip6_parse(const char *s, ipcfg_ip *out)
{
    uint8_t b[16] = {0};
    int n = 0, gap = -1;
    if (s[0] == ':') {
        if (s[1] != ':')
            return -1;
        s++;
    }
    while (*s) {
        if (*s == ':') {
            if (gap >= 0)
                return -1;
            gap = n;
            s++;
            if (*s == '\0')
                break;
            continue;
        }
        /* A trailing dotted quad (RFC 4291 2.2 form 3). */
        const char *dot = s;
        while (*dot && *dot != ':' && *dot != '.')
            dot++;
        if (*dot == '.') {
            ipcfg_ip v4;
            if (n > 12 || ipcfg_ip4_parse(s, &v4) != 0)
                return -1;
            memcpy(b + n, v4.bytes, 4);
            n += 4;
            s += strlen(s);
            break;
        }
        unsigned v = 0;
        int digits = 0;
        while (ipcfg_hex_digit(*s) >= 0) {
            if (++digits > 4)
                return -1;
            v = v << 4 | (unsigned)ipcfg_hex_digit(*s++);
        }
        if (digits == 0 || n > 14)
            return -1;
        b[n++] = (uint8_t)(v >> 8);
        b[n++] = (uint8_t)v;
        if (*s == ':') {
            s++;
            if (*s == ':') /* "::" follows: handled by the loop */
                continue;
            if (*s == '\0')
                return -1;
        } else if (*s != '\0') {
            return -1;
        }
    }
    if (gap >= 0) {
        if (n == 16)
            return -1;
        memmove(b + 16 - (n - gap), b + gap, (size_t)(n - gap));
        memset(b + gap, 0, (size_t)(16 - n));
    } else if (n != 16) {
        return -1;
    }
    memset(out, 0, sizeof(*out));
    out->family = IPCFG_AF_INET6;
    memcpy(out->bytes, b, 16);
    return 0;
}

void ipcfg_prefix_to_mask(unsigned prefix, ipcfg_ip *mask)
{
    uint32_t m = prefix == 0 ? 0 : prefix >= 32 ? 0xffffffffu : ~((1u << (32 - prefix)) - 1);
    ipcfg_ip4(mask, (uint8_t)(m >> 24), (uint8_t)(m >> 16), (uint8_t)(m >> 8), (uint8_t)m);
}

int ipcfg_mask_to_prefix(const ipcfg_ip *mask)
{
    uint32_t m = (uint32_t)mask->bytes[0] << 24 | (uint32_t)mask->bytes[1] << 16 | (uint32_t)mask->bytes[2] << 8 |
                 mask->bytes[3];
    unsigned p = 0;
    while (p < 32 && (m & (0x80000000u >> p)))
        p++;
    uint32_t want = p == 0 ? 0 : p == 32 ? 0xffffffffu : ~((1u << (32 - p)) - 1);
    return m == want ? (int)p : -1;
}
