/* The hand-written formatting against what it replaces:
 * ipcfg_ip_str against the form it had when it was built with snprintf
 * (kept here as the reference, byte for byte) and against inet_ntop (edge
 * cases, every zero-group pattern, random addresses); the decimal helpers
 * against printf; the word-at-a-time ipcfg_text_safe_span against the
 * byte-at-a-time one it replaces.  SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE 1
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include <arpa/inet.h>

#include "format.h"
#include "ipcfg/model.h"
#include "strbuf.h"

/* The snprintf-based ipcfg_ip_str as it was before the hand-written formatting. */
static const char *ref_ip_str(const ipcfg_ip *ip, char *buf, size_t len)
{
    if (len == 0)
        return buf;
    buf[0] = '\0';
    if (ip->family == IPCFG_AF_INET4) {
        snprintf(buf, len, "%u.%u.%u.%u", ip->bytes[0], ip->bytes[1], ip->bytes[2], ip->bytes[3]);
        return buf;
    }
    if (ip->family != IPCFG_AF_INET6)
        return buf;
    unsigned w[8];
    for (int i = 0; i < 8; i++)
        w[i] = (unsigned)ip->bytes[2 * i] << 8 | ip->bytes[2 * i + 1];
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
    int mapped = best == 0 && bestlen == 5 && w[5] == 0xffff;
    char tmp[64];
    size_t o = 0;
    for (int i = 0; i < 8; i++) {
        if (i == best) {
            tmp[o++] = ':';
            if (i == 0)
                tmp[o++] = ':';
            i += bestlen - 1;
            continue;
        }
        if (mapped && i == 6) {
            o += (size_t)snprintf(tmp + o, sizeof(tmp) - o, "%u.%u.%u.%u", ip->bytes[12], ip->bytes[13],
                                  ip->bytes[14], ip->bytes[15]);
            break;
        }
        o += (size_t)snprintf(tmp + o, sizeof(tmp) - o, "%x", w[i]);
        if (i < 7)
            tmp[o++] = ':';
    }
    tmp[o] = '\0';
    snprintf(buf, len, "%s", tmp);
    return buf;
}

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint32_t next32(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

/* glibc prints "::a.b.c.d" for the deprecated IPv4-compatible form (the
 * first 96 bits zero, not :: or ::1); RFC 5952 and ipcfg keep hex there. */
static int ntop_differs_by_design(const ipcfg_ip *ip)
{
    for (int i = 0; i < 12; i++)
        if (ip->bytes[i])
            return 0;
    return ip->bytes[12] || ip->bytes[13];
}

static void check(const ipcfg_ip *ip)
{
    char got[IPCFG_IPSTR_MAX], want[IPCFG_IPSTR_MAX], sys[INET6_ADDRSTRLEN];
    assert_ptr_equal(ipcfg_ip_str(ip, got, sizeof(got)), got);
    ref_ip_str(ip, want, sizeof(want));
    assert_string_equal(got, want);
    if (ip->family == IPCFG_AF_INET4) {
        assert_non_null(inet_ntop(AF_INET, ip->bytes, sys, sizeof(sys)));
        assert_string_equal(got, sys);
    } else if (ip->family == IPCFG_AF_INET6 && !ntop_differs_by_design(ip)) {
        assert_non_null(inet_ntop(AF_INET6, ip->bytes, sys, sizeof(sys)));
        assert_string_equal(got, sys);
    }
    /* Short buffers are cut as snprintf cuts them. */
    for (size_t len = 0; len <= strlen(want) + 1; len++) {
        char a[IPCFG_IPSTR_MAX], b[IPCFG_IPSTR_MAX];
        memset(a, 'x', sizeof(a));
        memset(b, 'x', sizeof(b));
        ipcfg_ip_str(ip, a, len);
        ref_ip_str(ip, b, len);
        assert_memory_equal(a, b, sizeof(a));
    }
}

static void ipv4_all_octets(void **s)
{
    (void)s;
    ipcfg_ip ip;
    for (unsigned v = 0; v < 256; v++) {
        ipcfg_ip4(&ip, (uint8_t)v, (uint8_t)(255 - v), (uint8_t)(v * 7), (uint8_t)(v ^ 0x5a));
        check(&ip);
    }
    for (int i = 0; i < 100000; i++) {
        uint32_t r = next32();
        ipcfg_ip4(&ip, (uint8_t)(r >> 24), (uint8_t)(r >> 16), (uint8_t)(r >> 8), (uint8_t)r);
        check(&ip);
    }
}

/* Every pattern of zero and non-zero groups (256), each with group values
 * of every width (1 to 4 hex digits). */
static void ipv6_zero_patterns(void **s)
{
    (void)s;
    static const unsigned vals[] = {0x1, 0xa, 0x10, 0xff, 0x100, 0xabc, 0x1000, 0xffff, 0x8000, 0x0f0f};
    for (unsigned mask = 0; mask < 256; mask++) {
        for (size_t k = 0; k < sizeof(vals) / sizeof(vals[0]); k++) {
            ipcfg_ip ip;
            memset(&ip, 0, sizeof(ip));
            ip.family = IPCFG_AF_INET6;
            for (int g = 0; g < 8; g++) {
                unsigned v = (mask >> g) & 1 ? vals[(k + (size_t)g) % (sizeof(vals) / sizeof(vals[0]))] : 0;
                ip.bytes[2 * g] = (uint8_t)(v >> 8);
                ip.bytes[2 * g + 1] = (uint8_t)v;
            }
            check(&ip);
            /* the IPv4-mapped form of the same tail */
            memset(ip.bytes, 0, 10);
            ip.bytes[10] = ip.bytes[11] = 0xff;
            check(&ip);
        }
    }
}

static void ipv6_random(void **s)
{
    (void)s;
    for (int i = 0; i < 200000; i++) {
        ipcfg_ip ip;
        memset(&ip, 0, sizeof(ip));
        ip.family = IPCFG_AF_INET6;
        uint32_t zeros = next32(); /* zero groups often, so that runs of them occur */
        for (int g = 0; g < 8; g++) {
            uint32_t r = next32();
            unsigned v = (zeros >> (2 * g)) & 1 ? 0 : (r >> (4 * (r & 3))) & 0xffff;
            ip.bytes[2 * g] = (uint8_t)(v >> 8);
            ip.bytes[2 * g + 1] = (uint8_t)v;
        }
        ip.scope_id = next32() & 0xff; /* never printed */
        check(&ip);
    }
}

static void other_families(void **s)
{
    (void)s;
    ipcfg_ip ip;
    memset(&ip, 0, sizeof(ip));
    char buf[8] = "junk";
    assert_string_equal(ipcfg_ip_str(&ip, buf, sizeof(buf)), "");
    ip.family = (ipcfg_family)5;
    assert_string_equal(ipcfg_ip_str(&ip, buf, sizeof(buf)), "");
}

static void decimal(void **s)
{
    (void)s;
    static const unsigned long long u[] = {0, 1, 9, 10, 99, 100, 4294967295ull, 4294967296ull,
                                           18446744073709551615ull};
    static const long long i[] = {0, -1, 1, -9, -10, 2147483647ll, -2147483648ll, 9223372036854775807ll,
                                  -9223372036854775807ll - 1};
    char got[IPCFG_DEC_MAX], want[64];
    for (size_t k = 0; k < sizeof(u) / sizeof(u[0]); k++) {
        snprintf(want, sizeof(want), "%llu", u[k]);
        assert_int_equal(ipcfg_dec_u(got, u[k]), strlen(want));
        assert_string_equal(got, want);
    }
    for (size_t k = 0; k < sizeof(i) / sizeof(i[0]); k++) {
        snprintf(want, sizeof(want), "%lld", i[k]);
        assert_int_equal(ipcfg_dec_i(got, i[k]), strlen(want));
        assert_string_equal(got, want);
    }
    for (int k = 0; k < 100000; k++) {
        unsigned long long v = (unsigned long long)next32() << 32 | next32();
        v >>= next32() % 64;
        snprintf(want, sizeof(want), "%llu", v);
        ipcfg_dec_u(got, v);
        assert_string_equal(got, want);
        snprintf(want, sizeof(want), "%lld", -(long long)(v >> 1));
        ipcfg_dec_i(got, -(long long)(v >> 1));
        assert_string_equal(got, want);
    }
    ipcfg_strbuf b;
    ipcfg_sb_init(&b);
    ipcfg_sb_putu(&b, 42);
    ipcfg_sb_puti(&b, -7);
    assert_string_equal(ipcfg_sb_str(&b), "42-7");
    ipcfg_sb_free(&b);
}

/* The byte-at-a-time ipcfg_text_safe_span before the word-at-a-time one. */
static size_t ref_utf8_len(const unsigned char *p, size_t left)
{
    size_t n = (*p & 0xe0) == 0xc0 ? 2 : (*p & 0xf0) == 0xe0 ? 3 : (*p & 0xf8) == 0xf0 ? 4 : 0;
    if (n == 0 || n > left || *p == 0xc0 || *p == 0xc1 || *p > 0xf4)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xc0) != 0x80)
            return 0;
    if (n == 3 && ((*p == 0xe0 && p[1] < 0xa0) || (*p == 0xed && p[1] >= 0xa0)))
        return 0;
    if (n == 4 && ((*p == 0xf0 && p[1] < 0x90) || (*p == 0xf4 && p[1] >= 0x90)))
        return 0;
    return n;
}

static size_t ref_safe_span(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        if (p[i] >= 0x80) {
            size_t k = ref_utf8_len(p + i, n - i);
            if (!k)
                return i;
            i += k;
        } else if ((p[i] < 0x20 && p[i] != '\n') || p[i] == 0x7f) {
            return i;
        } else {
            i++;
        }
    }
    return n;
}

static void safe_span(void **s)
{
    (void)s;
    /* every byte value at every position of a 17-byte run of text */
    char buf[64];
    for (int c = 0; c < 256; c++) {
        for (size_t pos = 0; pos < 17; pos++) {
            memset(buf, 'a', sizeof(buf));
            buf[pos] = (char)c;
            for (size_t n = 0; n <= 17; n++)
                assert_int_equal(ipcfg_text_safe_span(buf, n), ref_safe_span(buf, n));
        }
    }
    /* random text: mostly printable, with LF, controls, DEL and UTF-8
     * (valid, cut and invalid) mixed in */
    static const char *const bits[] = {"\n", "\t", "\x7f", "\xc3\xa9", "\xe2\x9c\x93", "\xf0\x9f\x98\x80",
                                       "\xc3", "\xe2\x9c", "\xc0\xaf", "\xed\xa0\x80", "\xff", "\x1b["};
    for (int k = 0; k < 200000; k++) {
        size_t n = 0, want = next32() % sizeof(buf);
        while (n < want) {
            uint32_t r = next32();
            if (r % 16 == 0) {
                const char *b = bits[(r >> 4) % (sizeof(bits) / sizeof(bits[0]))];
                size_t bl = strlen(b);
                if (n + bl > sizeof(buf))
                    break;
                memcpy(buf + n, b, bl);
                n += bl;
            } else {
                buf[n++] = (char)(0x20 + (r >> 8) % 0x5f);
            }
        }
        assert_int_equal(ipcfg_text_safe_span(buf, n), ref_safe_span(buf, n));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ipv4_all_octets),
        cmocka_unit_test(ipv6_zero_patterns),
        cmocka_unit_test(ipv6_random),
        cmocka_unit_test(other_families),
        cmocka_unit_test(decimal),
        cmocka_unit_test(safe_span),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
