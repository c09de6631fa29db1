/* ipcfg — what text output may carry as it is: valid UTF-8 without
 * control characters, everything else escaped (ipcfg_text_safe_span,
 * ipcfg_text_display).  Used for every byte of a name or message that
 * came from the system.
 * SPDX-License-Identifier: MIT */
#include "format.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* 0x80 in each byte of v that is zero, 0 in the others; exact (no borrow
 * from one byte into the next). */
static uint64_t zero_bytes(uint64_t v)
{
    const uint64_t low7 = 0x7f7f7f7f7f7f7f7fu;
    return ~(((v & low7) + low7) | v | low7);
}

/* Whether any of the eight bytes in w needs a closer look: a byte of 0x80
 * or more, a C0 control other than LF, or DEL.  LF bytes are first made
 * printable (0x0a | 0x20), so that lines do not stop the word loop. */
static int word_special(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    w |= zero_bytes(w ^ (ones * '\n')) >> 2;
    uint64_t del = w ^ (ones * 0x7f);
    return ((w | ((w - ones * 0x20) & ~w) | ((del - ones) & ~del)) & high) != 0;
}

size_t ipcfg_text_safe_span(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        /* printable ASCII eight bytes at a time: a whole listing passes
         * through here on its way out */
        while (n - i >= 8) {
            uint64_t w;
            memcpy(&w, p + i, sizeof(w));
            if (word_special(w))
                break;
            i += 8;
        }
        if (i == n)
            break;
        if (p[i] >= 0x80) {
            size_t k = ipcfg_utf8_seq(p + i, n - i);
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

void ipcfg_text_display(ipcfg_strbuf *o, const char *s, size_t n)
{
    while (n) {
        size_t k = ipcfg_text_safe_span(s, n);
        ipcfg_sb_putn(o, s, k);
        if (k == n)
            return;
        ipcfg_sb_printf(o, "\\x%02x", (unsigned)(unsigned char)s[k]);
        s += k + 1;
        n -= k + 1;
    }
}
