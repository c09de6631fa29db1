/* ipcfg — libFuzzer target for the DNS wire-name decoder and the name and
 * URI checks (src/dhcp/dns_name.c).  The first byte chooses compression;
 * the rest is decoded name after name, as DHCPv4 option 119 (RFC 3397) and
 * DHCPv6 option 24 (RFC 8415 §10) are read.  Every decoded name is a
 * terminated text of at most 253 bytes with the decoder's length; a name
 * the check accepts encodes and decodes back to itself; a rejected
 * encoding leaves the offset where it was.
 * SPDX-License-Identifier: MIT */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dns_name.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char out[IPCFG_DNS_NAME_MAX + 1], back[IPCFG_DNS_NAME_MAX + 1];
    uint8_t wire[IPCFG_DNS_NAME_MAX + 2];

    if (size == 0)
        return 0;
    int compress = data[0] & 1;
    const uint8_t *buf = data + 1;
    size_t len = size - 1;
    size_t off = 0;
    while (off < len) {
        size_t was = off;
        int n = ipcfg_dns_name_decode(buf, len, &off, compress, out, sizeof(out));
        if (n < 0) {
            if (off != was)
                abort();
            break;
        }
        if (off <= was || off > len || (size_t)n != strlen(out) || n > IPCFG_DNS_NAME_MAX)
            abort();
        if (ipcfg_dns_name_valid(out, (size_t)n)) {
            size_t w = ipcfg_dns_name_encode(out, wire, sizeof(wire));
            size_t o2 = 0;
            if (w == 0 || ipcfg_dns_name_decode(wire, w, &o2, 0, back, sizeof(back)) != n || o2 != w ||
                strcmp(out, back) != 0)
                abort();
        }
    }
    /* the same bytes as text: the checks never read past len */
    (void)ipcfg_dns_name_valid((const char *)buf, len);
    (void)ipcfg_dns_uri_valid((const char *)buf, len);
    return 0;
}
