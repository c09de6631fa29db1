/* ipcfg — libFuzzer target for dhcpcd lease files, raw DHCP messages
 * (src/linux/peer_dhcpcd.c).
 * SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE 1 /* strnlen */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_peer_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ipcfg_lx_peer_lease l;
    uint8_t *copy = malloc(size ? size : 1);
    if (copy == NULL)
        return 0;
    if (size)
        memcpy(copy, data, size);
    if (ipcfg_lx_peer_parse_dhcpcd(copy, size, 1000, &l) == 0) {
        peer_check(&l);
        if (l.has_expires && l.expires < 1000)
            abort();
    } else if (l.has_addr)
        abort();
    free(copy);
    return 0;
}
