/* ipcfg — growable text buffer.  SPDX-License-Identifier: MIT */
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *plain_realloc(void *p, size_t n) { return realloc(p, n); }
void *(*ipcfg_sb_realloc)(void *p, size_t n) = plain_realloc;

void ipcfg_sb_init(ipcfg_strbuf *b) { memset(b, 0, sizeof(*b)); }

void ipcfg_sb_free(ipcfg_strbuf *b)
{
    free(b->s);
    memset(b, 0, sizeof(*b));
}

void ipcfg_sb_reset(ipcfg_strbuf *b)
{
    b->len = 0;
    if (b->s)
        b->s[0] = '\0';
}

static int reserve(ipcfg_strbuf *b, size_t extra)
{
    if (b->oom)
        return -1;
    if (extra > (size_t)-1 / 2 - b->len) {
        b->oom = 1;
        return -1;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap *= 2;
    char *p = ipcfg_sb_realloc(b->s, cap);
    if (!p) {
        b->oom = 1;
        return -1;
    }
    b->s = p;
    b->cap = cap;
    return 0;
}

void ipcfg_sb_putn(ipcfg_strbuf *b, const char *s, size_t n)
{
    if ((b->len + n >= b->cap || b->len + n < n || b->oom) && reserve(b, n) != 0)
        return;
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void ipcfg_sb_puts(ipcfg_strbuf *b, const char *s) { ipcfg_sb_putn(b, s, strlen(s)); }

void ipcfg_sb_putc(ipcfg_strbuf *b, char c)
{
    if ((b->len + 1 >= b->cap || b->oom) && reserve(b, 1) != 0)
        return;
    b->s[b->len++] = c;
    b->s[b->len] = '\0';
}

void ipcfg_sb_pad(ipcfg_strbuf *b, char c, size_t n)
{
    if (reserve(b, n) != 0)
        return;
    memset(b->s + b->len, c, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void ipcfg_sb_vprintf(ipcfg_strbuf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || reserve(b, (size_t)n) != 0)
        return;
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void ipcfg_sb_printf(ipcfg_strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ipcfg_sb_vprintf(b, fmt, ap);
    va_end(ap);
}

const char *ipcfg_sb_str(const ipcfg_strbuf *b) { return b->s ? b->s : ""; }

void ipcfg_sb_put_crlf(ipcfg_strbuf *b, const char *s, size_t n)
{
    size_t lines = 0;
    for (const char *p = s, *end = s + n; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
        lines++;
    if (lines > (size_t)-1 / 2 - n || reserve(b, n + lines) != 0) {
        b->oom = 1;
        return;
    }
    while (n) {
        const char *nl = memchr(s, '\n', n);
        size_t k = nl ? (size_t)(nl - s) : n;
        memcpy(b->s + b->len, s, k);
        b->len += k;
        if (!nl)
            break;
        memcpy(b->s + b->len, "\r\n", 2);
        b->len += 2;
        s += k + 1;
        n -= k + 1;
    }
    b->s[b->len] = '\0';
}

size_t ipcfg_dec_u(char *buf, unsigned long long v)
{
    char tmp[IPCFG_DEC_MAX];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
    return n;
}

size_t ipcfg_dec_i(char *buf, long long v)
{
    if (v >= 0)
        return ipcfg_dec_u(buf, (unsigned long long)v);
    buf[0] = '-';
    return 1 + ipcfg_dec_u(buf + 1, 0ull - (unsigned long long)v);
}

void ipcfg_sb_putu(ipcfg_strbuf *b, unsigned long long v)
{
    char d[IPCFG_DEC_MAX];
    ipcfg_sb_putn(b, d, ipcfg_dec_u(d, v));
}

void ipcfg_sb_puti(ipcfg_strbuf *b, long long v)
{
    char d[IPCFG_DEC_MAX];
    ipcfg_sb_putn(b, d, ipcfg_dec_i(d, v));
}
