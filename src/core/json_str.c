/* ipcfg — JSON strings: a string's escapes (every document's strings go
 * through ipcfg_json_str), and a finished document's pure-ASCII form for
 * Windows (ipcfg_json_to_ascii).  docs/json.md, "Encoding and conventions".
 * SPDX-License-Identifier: MIT */
#include "format.h"

#include <stdint.h>

/* Bytes that go into a JSON string as they are: printable ASCII but the
 * quote and the backslash. */
static int plain_byte(unsigned char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; }

void ipcfg_json_str(ipcfg_strbuf *o, const char *s)
{
    ipcfg_sb_putc(o, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (plain_byte(*p)) { /* a run of them in one copy */
            const unsigned char *q = p + 1;
            while (plain_byte(*q))
                q++;
            ipcfg_sb_putn(o, (const char *)p, (size_t)(q - p));
            p = q - 1;
            continue;
        }
        switch (*p) {
        case '"': ipcfg_sb_puts(o, "\\\""); break;
        case '\\': ipcfg_sb_puts(o, "\\\\"); break;
        case '\n': ipcfg_sb_puts(o, "\\n"); break;
        case '\r': ipcfg_sb_puts(o, "\\r"); break;
        case '\t': ipcfg_sb_puts(o, "\\t"); break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                ipcfg_sb_printf(o, "\\u%04x", *p);
            else if (*p >= 0x80) {
                /* Copy valid UTF-8 sequences; replace invalid bytes with
                 * U+FFFD, written as it is (EF BF BD) like any other
                 * character, so the document is always valid UTF-8. */
                int n = (*p & 0xe0) == 0xc0 ? 2 : (*p & 0xf0) == 0xe0 ? 3 : (*p & 0xf8) == 0xf0 ? 4 : 0;
                int ok = n > 0 && !(*p == 0xc0 || *p == 0xc1 || *p > 0xf4);
                for (int i = 1; ok && i < n; i++)
                    ok = (p[i] & 0xc0) == 0x80;
                if (ok && n == 3 && ((*p == 0xe0 && p[1] < 0xa0) || (*p == 0xed && p[1] >= 0xa0)))
                    ok = 0;
                if (ok && n == 4 && ((*p == 0xf0 && p[1] < 0x90) || (*p == 0xf4 && p[1] >= 0x90)))
                    ok = 0;
                if (ok) {
                    ipcfg_sb_putn(o, (const char *)p, (size_t)n);
                    p += n - 1;
                } else {
                    ipcfg_sb_puts(o, "\xef\xbf\xbd");
                }
            } else
                ipcfg_sb_putc(o, (char)*p);
        }
    }
    ipcfg_sb_putc(o, '"');
}

void ipcfg_json_to_ascii(ipcfg_strbuf *o)
{
    ipcfg_strbuf a;
    size_t i = 0;
    ipcfg_sb_init(&a);
    while (i < o->len) {
        const unsigned char *p = (const unsigned char *)o->s + i;
        size_t left = o->len - i;
        if (p[0] < 0x80) {
            size_t run = 1;
            while (run < left && p[run] < 0x80)
                run++;
            ipcfg_sb_putn(&a, (const char *)p, run);
            i += run;
            continue;
        }
        /* ipcfg_json_str wrote only valid UTF-8; anything else is U+FFFD */
        size_t n = (p[0] & 0xe0) == 0xc0 ? 2 : (p[0] & 0xf0) == 0xe0 ? 3 : (p[0] & 0xf8) == 0xf0 ? 4 : 1;
        uint32_t cp = n == 2 ? p[0] & 0x1fu : n == 3 ? p[0] & 0x0fu : p[0] & 0x07u;
        for (size_t k = 1; k < n && n <= left; k++) {
            if ((p[k] & 0xc0) != 0x80)
                n = 1; /* not a continuation byte */
            else
                cp = (cp << 6) | (p[k] & 0x3fu);
        }
        if (n == 1 || n > left) {
            cp = 0xfffd;
            n = 1;
        }
        if (cp >= 0x10000) {
            cp -= 0x10000;
            ipcfg_sb_printf(&a, "\\u%04x\\u%04x", (unsigned)(0xd800 + (cp >> 10)), (unsigned)(0xdc00 + (cp & 0x3ff)));
        } else {
            ipcfg_sb_printf(&a, "\\u%04x", (unsigned)cp);
        }
        i += n;
    }
    if (a.oom) {
        o->oom = 1; /* the caller reports lost output */
        ipcfg_sb_free(&a);
        return;
    }
    ipcfg_sb_free(o);
    *o = a;
}
