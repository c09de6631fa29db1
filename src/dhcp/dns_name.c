/* ipcfg — text checks and the DNS wire form of names (dns_name.h).
 *
 * SPDX-License-Identifier: MIT
 */
#include "dns_name.h"
#include "ipcfg/model.h"

#include <string.h>

/* The name check is the model's, which the command line's /hostname uses
 * too (src/model/names.c): one check for every name ipcfg takes or sends.
 * IPCFG_DNS_NAME_MAX is its IPCFG_HOSTNAME_MAX. */
int ipcfg_dns_name_valid(const char *s, size_t len)
{
    return ipcfg_ldh_name_valid(s, len);
}

int ipcfg_dns_uri_valid(const char *s, size_t len)
{
    static const char bad[] = "\"'\\$`;|&<>";

    if (s == NULL || len < 6 || len > IPCFG_DNS_URI_MAX || memcmp(s, "https:", 6) != 0)
        return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= 0x20 || c >= 0x7f || memchr(bad, c, sizeof(bad) - 1) != NULL)
            return 0;
    }
    return 1;
}

int ipcfg_dns_name_decode(const uint8_t *buf, size_t len, size_t *off, int compress, char *out, size_t cap)
{
    if (buf == NULL || off == NULL || out == NULL || cap == 0 || *off >= len)
        return -1;
    size_t pos = *off;
    size_t limit = *off;   /* a pointer must point before this (RFC 1035 §4.1.4 only ever points back) */
    size_t end = 0;        /* where the name's encoding ends in the caller's stream (set at the first jump) */
    int jumped = 0;
    size_t wire = 0;       /* the name's length on the wire, counted as if uncompressed */
    size_t n = 0;          /* text written */

    for (;;) {
        if (pos >= len)
            return -1;
        uint8_t l = buf[pos];
        if ((l & 0xc0) == 0xc0) {
            if (!compress || pos + 1 >= len)
                return -1;
            size_t to = ((size_t)(l & 0x3f) << 8) | buf[pos + 1];
            if (to >= limit)
                return -1; /* forward, or a loop */
            if (!jumped)
                end = pos + 2;
            jumped = 1;
            limit = to;
            pos = to;
            continue;
        }
        if ((l & 0xc0) != 0)
            return -1; /* label types 01 and 10 (RFC 6891 §5) are not names */
        wire += 1u + l;
        if (wire > 255)
            return -1; /* RFC 1035 §2.3.4 */
        if (l == 0) {
            pos++;
            break;
        }
        if (pos + 1 + l > len)
            return -1;
        size_t need = n + (n > 0 ? 1u : 0u) + l;
        if (need + 1 > cap)
            return -1;
        /* a label holding '.' or NUL has no dotted text form that reads back
         * the same */
        if (memchr(buf + pos + 1, '.', l) != NULL || memchr(buf + pos + 1, '\0', l) != NULL)
            return -1;
        if (n > 0)
            out[n++] = '.';
        memcpy(out + n, buf + pos + 1, l);
        n += l;
        pos += 1u + l;
    }
    out[n] = '\0';
    *off = jumped ? end : pos;
    return (int)n;
}

size_t ipcfg_dns_name_encode(const char *name, uint8_t *out, size_t cap)
{
    if (name == NULL || out == NULL)
        return 0;
    size_t len = strlen(name);
    if (!ipcfg_dns_name_valid(name, len))
        return 0;
    if (name[len - 1] == '.')
        len--;
    /* each label's dots become length bytes: one more byte than the text,
     * and the zero label */
    if (len + 2 > cap)
        return 0;
    size_t o = 0;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && name[i] != '.')
            continue;
        out[o++] = (uint8_t)(i - start);
        memcpy(out + o, name + start, i - start);
        o += i - start;
        start = i + 1;
    }
    out[o++] = 0;
    return o;
}
