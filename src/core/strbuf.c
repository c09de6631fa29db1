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
    if (reserve(b, n) != 0)
        return;
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void ipcfg_sb_puts(ipcfg_strbuf *b, const char *s) { ipcfg_sb_putn(b, s, strlen(s)); }

void ipcfg_sb_putc(ipcfg_strbuf *b, char c) { ipcfg_sb_putn(b, &c, 1); }

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
