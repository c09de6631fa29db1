/* ipcfg — model: UTF-8 sequences (ipcfg_utf8_seq) and text cut to a buffer
 * without ending inside a character (ipcfg_utf8_cut, ipcfg_copy_str).
 * SPDX-License-Identifier: MIT */
#include "ipcfg/model.h"

#include <string.h>

size_t ipcfg_utf8_seq(const unsigned char *p, size_t left)
{
    if (left == 0)
        return 0;
    if (*p < 0x80)
        return 1;
    size_t n = (*p & 0xe0) == 0xc0 ? 2 : (*p & 0xf0) == 0xe0 ? 3 : (*p & 0xf8) == 0xf0 ? 4 : 0;
    if (n == 0 || n > left || *p == 0xc0 || *p == 0xc1 || *p > 0xf4)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xc0) != 0x80)
            return 0;
    if (n == 3 && ((*p == 0xe0 && p[1] < 0xa0) || (*p == 0xed && p[1] >= 0xa0)))
        return 0; /* overlong, or a surrogate (U+D800..U+DFFF) */
    if (n == 4 && ((*p == 0xf0 && p[1] < 0x90) || (*p == 0xf4 && p[1] >= 0x90)))
        return 0; /* overlong, or above U+10FFFF */
    return n;
}

/* The start of the UTF-8 character that holds s[i] (s[i] itself when it is
 * not a continuation byte, or when the bytes before it do not start a
 * sequence long enough to hold it). */
static size_t char_start(const char *s, size_t i)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t k = i;
    while (k > 0 && i - k < 3 && (p[k] & 0xc0) == 0x80)
        k--;
    if (k == i || (p[k] & 0xc0) != 0xc0)
        return i;
    size_t len = (p[k] & 0xe0) == 0xc0 ? 2 : (p[k] & 0xf0) == 0xe0 ? 3 : 4;
    return i - k < len ? k : i;
}

void ipcfg_utf8_cut(char *s, size_t size, const char *mark)
{
    if (size == 0)
        return;
    size_t len = strlen(s);
    size_t ml = mark ? strlen(mark) : 0;
    if (len + 1 < size && !ml)
        return;
    if (ml + 1 > size)
        ml = 0;
    size_t keep = len < size - 1 - ml ? len : size - 1 - ml;
    keep = char_start(s, keep); /* never end inside a character */
    memcpy(s + keep, mark ? mark : "", ml);
    s[keep + ml] = '\0';
}

void ipcfg_copy_str(char *dst, size_t len, const char *src)
{
    if (len == 0)
        return;
    size_t n = src ? strlen(src) : 0;
    if (n >= len)
        n = char_start(src, len - 1); /* cut before the character that does not fit */
    if (n)
        memcpy(dst, src, n);
    dst[n] = '\0';
}
