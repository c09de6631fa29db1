/* ipcfg — libFuzzer target for the DHCPv6 lease file parser
 * (src/dhcp6/dhcp6_lease.c): a rejected file leaves the result zeroed with
 * a one-line reason; an accepted one formats back to text that parses to
 * the same lease, and the prefixes of that text nearest to complete (torn
 * writes) are all rejected.
 * SPDX-License-Identifier: MIT */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp6_lease.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static ipcfg_dhcp6_lease l, l2;
    static const ipcfg_dhcp6_lease zero;
    static char text[16384];
    char why[160];

    why[0] = '\0';
    if (ipcfg_dhcp6_lease_parse((const char *)data, size, &l, why, sizeof(why)) != 0) {
        if (why[0] == '\0' || strchr(why, '\n') != NULL || memcmp(&l, &zero, sizeof(l)) != 0)
            abort();
        return 0;
    }
    size_t n = ipcfg_dhcp6_lease_format(&l, text, sizeof(text));
    if (n == 0 || ipcfg_dhcp6_lease_parse(text, n, &l2, why, sizeof(why)) != 0 || memcmp(&l, &l2, sizeof(l)) != 0)
        abort();
    for (size_t k = n > 64 ? n - 64 : 0; k < n; k++)
        if (ipcfg_dhcp6_lease_parse(text, k, &l2, NULL, 0) == 0)
            abort();
    return 0;
}
