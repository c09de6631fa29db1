/* ipcfg — the DHCPv6 library's text files.  See dhcp6_text.h.
 *
 * SPDX-License-Identifier: MIT
 */
#include "dhcp6_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dhcp6_msg.h"
#include "ipcfg/model.h"

void ipcfg_dhcp6_out_init(ipcfg_dhcp6_out *o, char *buf, size_t cap)
{
    o->buf = buf;
    o->cap = cap;
    o->len = 0;
    o->full = cap == 0;
    if (cap)
        buf[0] = '\0';
}

void ipcfg_dhcp6_out_fmt(ipcfg_dhcp6_out *o, const char *fmt, ...)
{
    va_list ap;

    if (o->full)
        return;
    va_start(ap, fmt);
    int n = vsnprintf(o->buf + o->len, o->cap - o->len, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= o->cap - o->len) {
        o->full = 1;
        o->buf[o->len] = '\0';
        return;
    }
    o->len += (size_t)n;
}

void ipcfg_dhcp6_out_hex(ipcfg_dhcp6_out *o, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        ipcfg_dhcp6_out_fmt(o, "%02x", p[i]);
}

void ipcfg_dhcp6_out_ip6(ipcfg_dhcp6_out *o, const uint8_t a[16])
{
    ipcfg_ip ip;
    char t[IPCFG_IPSTR_MAX];

    memset(&ip, 0, sizeof(ip));
    ip.family = IPCFG_AF_INET6;
    memcpy(ip.bytes, a, 16);
    ipcfg_dhcp6_out_fmt(o, "%s", ipcfg_ip_str(&ip, t, sizeof(t)));
}

void ipcfg_dhcp6_out_time(ipcfg_dhcp6_out *o, uint32_t v)
{
    if (v == IPCFG_DHCP6_INFINITE)
        ipcfg_dhcp6_out_fmt(o, "infinite");
    else
        ipcfg_dhcp6_out_fmt(o, "%lu", (unsigned long)v);
}

size_t ipcfg_dhcp6_out_end(ipcfg_dhcp6_out *o)
{
    if (o->full) {
        if (o->cap)
            o->buf[0] = '\0';
        return 0;
    }
    return o->len;
}

/* ---- values ------------------------------------------------------------------ */

int ipcfg_dhcp6_text_dec(const char *s, size_t n, uint64_t max, uint64_t *v)
{
    uint64_t x = 0;

    if (n == 0 || n > 20 || (n > 1 && s[0] == '0'))
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        uint64_t d = (uint64_t)(s[i] - '0');
        if (x > (max - d) / 10)
            return -1;
        x = x * 10 + d;
    }
    *v = x;
    return 0;
}

int ipcfg_dhcp6_text_time(const char *s, size_t n, uint32_t *v)
{
    uint64_t x;

    if (n == 8 && memcmp(s, "infinite", 8) == 0) {
        *v = IPCFG_DHCP6_INFINITE;
        return 0;
    }
    if (ipcfg_dhcp6_text_dec(s, n, IPCFG_DHCP6_INFINITE - 1u, &x) != 0)
        return -1;
    *v = (uint32_t)x;
    return 0;
}

int ipcfg_dhcp6_text_hex(const char *s, size_t n, uint8_t *dst, size_t min, size_t max, uint8_t *len)
{
    if (n % 2 != 0 || n / 2 < min || n / 2 > max || max > 255)
        return -1;
    for (size_t i = 0; i < n; i += 2) {
        int hi = ipcfg_hex_digit(s[i]), lo = ipcfg_hex_digit(s[i + 1]);
        /* lowercase only: what the writer writes */
        if (hi < 0 || lo < 0 || (s[i] >= 'A' && s[i] <= 'F') || (s[i + 1] >= 'A' && s[i + 1] <= 'F'))
            return -1;
        dst[i / 2] = (uint8_t)(hi << 4 | lo);
    }
    *len = (uint8_t)(n / 2);
    return 0;
}

int ipcfg_dhcp6_text_ip6(const char *s, size_t n, uint8_t a[16])
{
    char t[IPCFG_IPSTR_MAX], back[IPCFG_IPSTR_MAX];
    ipcfg_ip ip;

    if (n == 0 || n >= sizeof(t))
        return -1;
    memcpy(t, s, n);
    t[n] = '\0';
    if (ipcfg_ip6_parse(t, &ip) != 0 || ip.family != IPCFG_AF_INET6)
        return -1;
    if (strcmp(ipcfg_ip_str(&ip, back, sizeof(back)), t) != 0)
        return -1; /* another spelling of an address: not what ipcfg writes */
    memcpy(a, ip.bytes, 16);
    return 0;
}

int ipcfg_dhcp6_text_key(const char *const *names, size_t count, const char *key, size_t kn)
{
    for (size_t i = 0; i < count; i++)
        if (strlen(names[i]) == kn && memcmp(names[i], key, kn) == 0)
            return (int)i;
    return -1;
}

/* ---- the envelope --------------------------------------------------------------- */

static int set_why(char *why, size_t why_len, unsigned line, const char *msg)
{
    if (why && why_len) {
        if (line)
            snprintf(why, why_len, "line %u: %s", line, msg);
        else
            snprintf(why, why_len, "%s", msg);
    }
    return -1;
}

/* The first line: "MAGIC VERSION". */
static const char *head_ok(const char *s, size_t n, const char *magic, unsigned version)
{
    size_t mn = strlen(magic);
    uint64_t v;

    if (n <= mn + 1 || memcmp(s, magic, mn) != 0 || s[mn] != ' ')
        return "not an ipcfg file of this kind";
    if (ipcfg_dhcp6_text_dec(s + mn + 1, n - mn - 1, 1000000, &v) != 0 || v != version)
        return "unsupported file version";
    return NULL;
}

int ipcfg_dhcp6_text_walk(const char *buf, size_t len, const char *magic, unsigned version, ipcfg_dhcp6_line_fn fn,
                          void *ctx, char *why, size_t why_len)
{
    unsigned line = 0;
    size_t at = 0;

    if (why && why_len)
        why[0] = '\0';
    if (len == 0)
        return set_why(why, why_len, 0, "empty file");
    if (buf[len - 1] != '\n')
        return set_why(why, why_len, 0, "truncated (no final newline)");
    if (memchr(buf, '\0', len) != NULL)
        return set_why(why, why_len, 0, "NUL byte in the file");
    while (at < len) {
        const char *s = buf + at, *nl = memchr(s, '\n', len - at); /* never NULL: buf ends with '\n' */
        size_t n = (size_t)(nl - s);
        const char *msg = NULL;

        line++;
        at += n + 1;
        if (n > IPCFG_DHCP6_LINE_MAX)
            return set_why(why, why_len, line, "line too long");
        for (size_t i = 0; i < n; i++)
            if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
                return set_why(why, why_len, line, "control byte");
        if (line == 1) {
            if ((msg = head_ok(s, n, magic, version)) != NULL)
                return set_why(why, why_len, line, msg);
            continue;
        }
        if (n == 3 && memcmp(s, "end", 3) == 0)
            return at == len ? 0 : set_why(why, why_len, line, "data after end");
        const char *sp = memchr(s, ' ', n);
        if (sp == NULL || sp == s || sp + 1 == s + n)
            return set_why(why, why_len, line, "not a \"key value\" line");
        if (fn(ctx, s, (size_t)(sp - s), sp + 1, n - (size_t)(sp - s) - 1, &msg) != 0)
            return set_why(why, why_len, line, msg ? msg : "bad value");
    }
    return set_why(why, why_len, 0, "truncated (no end line)");
}
