/* ipcfg — libFuzzer target for the DUID file parser and the machine-id
 * reader (src/dhcp6/dhcp6_duid.c): a rejected file leaves the output
 * untouched with a one-line reason; an accepted one holds a valid DUID,
 * formats back to the same text, and no prefix of it is accepted; a
 * machine-id is accepted only as 32 lowercase hex digits (and a newline),
 * and gives a version 4 UUID.
 * SPDX-License-Identifier: MIT */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp6_duid.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t duid[130], back[130], uuid[16], len = 0, len2 = 0;
    char why[160], text[512], win[IPCFG_DHCP6_DUID_TEXT_MAX];

    memset(duid, 0xee, sizeof(duid));
    why[0] = '\0';
    if (ipcfg_dhcp6_duid_parse((const char *)data, size, duid, &len, why, sizeof(why)) != 0) {
        if (why[0] == '\0' || strchr(why, '\n') != NULL || len != 0 || duid[0] != 0xee)
            abort();
    } else {
        if (!ipcfg_dhcp6_duid_valid(duid, len))
            abort();
        size_t n = ipcfg_dhcp6_duid_format(duid, len, text, sizeof(text));
        if (n != size || memcmp(text, data, n) != 0) /* one spelling per DUID */
            abort();
        if (ipcfg_dhcp6_duid_parse(text, n, back, &len2, NULL, 0) != 0 || len2 != len ||
            memcmp(back, duid, len) != 0)
            abort();
        for (size_t k = 0; k < n; k++)
            if (ipcfg_dhcp6_duid_parse(text, k, back, &len2, NULL, 0) == 0)
                abort();
        if (ipcfg_dhcp6_duid_windows(duid, len, win, sizeof(win)) != 3u * len - 1)
            abort();
    }
    if (ipcfg_dhcp6_uuid_from_machine_id((const char *)data, size, uuid) == 0) {
        if ((size != 32 && size != 33) || (uuid[6] >> 4) != 4 || (uuid[8] & 0xc0) != 0x80)
            abort();
    }
    return 0;
}
