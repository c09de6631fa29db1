/* ipcfg — a growable UTF-8 text buffer.  SPDX-License-Identifier: MIT */
#ifndef IPCFG_STRBUF_H
#define IPCFG_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

#include "ipcfg/compiler.h"

typedef struct ipcfg_strbuf {
    char *s;     /* always NUL-terminated once anything was appended */
    size_t len;
    size_t cap;
    int oom;     /* set when an allocation failed; later appends are dropped */
} ipcfg_strbuf;

void ipcfg_sb_init(ipcfg_strbuf *b);
void ipcfg_sb_free(ipcfg_strbuf *b);
void ipcfg_sb_reset(ipcfg_strbuf *b);
void ipcfg_sb_putn(ipcfg_strbuf *b, const char *s, size_t n);
void ipcfg_sb_puts(ipcfg_strbuf *b, const char *s);
void ipcfg_sb_putc(ipcfg_strbuf *b, char c);
void ipcfg_sb_pad(ipcfg_strbuf *b, char c, size_t n);
void ipcfg_sb_printf(ipcfg_strbuf *b, const char *fmt, ...) IPCFG_PRINTF(2, 3);
void ipcfg_sb_vprintf(ipcfg_strbuf *b, const char *fmt, va_list ap) IPCFG_PRINTF(2, 0);
const char *ipcfg_sb_str(const ipcfg_strbuf *b); /* "" when empty */
/* Appends s[0..n) with every LF written as CR LF (Windows line ends). */
void ipcfg_sb_put_crlf(ipcfg_strbuf *b, const char *s, size_t n);

/* Numbers in decimal, as printf's %llu and %lld print them, without the
 * printf machinery (a listing prints tens of thousands of them). */
#define IPCFG_DEC_MAX 21 /* "-9223372036854775808" and its NUL */
size_t ipcfg_dec_u(char *buf, unsigned long long v); /* writes it and a NUL; returns its length */
size_t ipcfg_dec_i(char *buf, long long v);
void ipcfg_sb_putu(ipcfg_strbuf *b, unsigned long long v);
void ipcfg_sb_puti(ipcfg_strbuf *b, long long v);

/* Test seam: every buffer allocation goes through this (realloc by
 * default), so that a test can fail the Nth one (tests/unit/test_oom.c). */
extern void *(*ipcfg_sb_realloc)(void *p, size_t n);

#endif
