/* ipcfg — model: the host name of /hostname and the user class of
 * /setclassid, as the command line checks them and the DHCP client sends
 * them (model.h, [names.c]).  Pure.  SPDX-License-Identifier: MIT */
#include "ipcfg/model.h"

static int ldh(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

int ipcfg_ldh_name_valid(const char *s, size_t len)
{
    if (s == NULL)
        return 0;
    if (len > 0 && s[len - 1] == '.')
        len--; /* a fully qualified name's trailing dot (RFC 1034 §3.1) */
    if (len == 0 || len > IPCFG_HOSTNAME_MAX)
        return 0;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && s[i] != '.') {
            if (!ldh((unsigned char)s[i]))
                return 0;
            continue;
        }
        /* the label s[start..i): 1 to 63 bytes (RFC 1035 §2.3.4), neither
         * starting nor ending with a hyphen (RFC 952, RFC 1123 §2.1) */
        if (i == start || i - start > 63 || s[start] == '-' || s[i - 1] == '-')
            return 0;
        start = i + 1;
    }
    return 1;
}

ipcfg_classid_fault ipcfg_classid_check(const char *s, size_t len, size_t *at)
{
    const unsigned char *p = (const unsigned char *)s;
    if (len > IPCFG_CLASSID_MAX) {
        if (at)
            *at = IPCFG_CLASSID_MAX;
        return IPCFG_CLASSID_TOO_LONG;
    }
    for (size_t i = 0; i < len;) {
        size_t n = ipcfg_utf8_seq(p + i, len - i);
        ipcfg_classid_fault f = IPCFG_CLASSID_OK;
        if (n == 0)
            f = IPCFG_CLASSID_NOT_UTF8;
        else if (p[i] < 0x20 || p[i] == 0x7f || (n == 2 && p[i] == 0xc2 && p[i + 1] < 0xa0))
            f = IPCFG_CLASSID_CONTROL; /* C0, DEL, C1 (U+0080..U+009F) */
        if (f != IPCFG_CLASSID_OK) {
            if (at)
                *at = i;
            return f;
        }
        i += n;
    }
    return IPCFG_CLASSID_OK;
}
