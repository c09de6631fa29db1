/* ipcfg — adapter-name wildcards: `*` and `?` over whole UTF-8 names,
 * case-insensitive.  SPDX-License-Identifier: MIT */
#include "wildcard.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Decodes one code point at s (NUL-terminated).  Invalid or overlong
 * sequences yield the single byte as 0x110000 + byte, so they match only
 * themselves and never a case variant.  Returns the byte length (>= 1). */
static int utf8_next(const unsigned char *s, uint32_t *cp)
{
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    int n;
    uint32_t v, min;
    if ((c & 0xe0) == 0xc0) {
        n = 2;
        v = c & 0x1f;
        min = 0x80;
    } else if ((c & 0xf0) == 0xe0) {
        n = 3;
        v = c & 0x0f;
        min = 0x800;
    } else if ((c & 0xf8) == 0xf0) {
        n = 4;
        v = c & 0x07;
        min = 0x10000;
    } else {
        *cp = 0x110000u + c;
        return 1;
    }
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80) { /* also stops at NUL */
            *cp = 0x110000u + c;
            return 1;
        }
        v = v << 6 | (s[i] & 0x3f);
    }
    if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) {
        *cp = 0x110000u + c;
        return 1;
    }
    *cp = v;
    return n;
}

/* Simple case folding (to lower case) for the scripts adapter names use. */
static uint32_t fold(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if (c < 0xc0)
        return c;
    if (c <= 0xde) /* Latin-1 Supplement, except the multiplication sign */
        return c == 0xd7 ? c : c + 32;
    if (c >= 0x100 && c <= 0x17f) { /* Latin Extended-A */
        if (c == 0x130 || c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17f)
            return c;
        if (c == 0x178)
            return 0xff;
        if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e))
            return (c & 1) ? c + 1 : c;
        return (c & 1) ? c : c + 1;
    }
    if (c >= 0x391 && c <= 0x3a9 && c != 0x3a2) /* Greek capitals */
        return c + 32;
    if (c >= 0x410 && c <= 0x42f) /* Cyrillic А..Я */
        return c + 32;
    if (c >= 0x400 && c <= 0x40f) /* Cyrillic Ѐ..Џ */
        return c + 80;
    return c;
}

int ipcfg_name_equal(const char *a, const char *b, int case_sensitive)
{
    if (case_sensitive)
        return strcmp(a, b) == 0;
    const unsigned char *p = (const unsigned char *)a;
    const unsigned char *q = (const unsigned char *)b;
    while (*p && *q) {
        uint32_t x, y;
        p += utf8_next(p, &x);
        q += utf8_next(q, &y);
        if (fold(x) != fold(y))
            return 0;
    }
    return *p == *q;
}

int ipcfg_wildcard_has_meta(const char *pattern)
{
    for (; *pattern; pattern++)
        if (*pattern == '*' || *pattern == '?')
            return 1;
    return 0;
}

int ipcfg_wildcard_match(const char *pattern, const char *name)
{
    const unsigned char *p = (const unsigned char *)pattern;
    const unsigned char *s = (const unsigned char *)name;
    const unsigned char *star_p = NULL, *star_s = NULL;

    /* Greedy match with backtracking to the last star: on a mismatch the
     * last `*` absorbs one more code point of the name and matching resumes
     * after it.  One star suffices (earlier stars never need to absorb
     * more), so this is O(|p|*|s|) time and O(1) space. */
    while (*s) {
        uint32_t pc = 0, sc;
        int pl = *p ? utf8_next(p, &pc) : 0;
        int sl = utf8_next(s, &sc);
        if (pl && pc == '*') {
            star_p = p += pl;
            star_s = s;
            continue;
        }
        if (pl && (pc == '?' || fold(pc) == fold(sc))) {
            p += pl;
            s += sl;
            continue;
        }
        if (!star_p)
            return 0;
        uint32_t skip;
        star_s += utf8_next(star_s, &skip);
        s = star_s;
        p = star_p;
    }
    while (*p == '*')
        p++;
    return *p == '\0';
}
