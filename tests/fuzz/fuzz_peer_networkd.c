/* ipcfg — libFuzzer target for systemd-networkd / NetworkManager internal
 * lease files (src/linux/peer_networkd.c).
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
    char *copy = malloc(size ? size : 1); /* exactly size bytes: no NUL to lean on */
    if (copy == NULL)
        return 0;
    if (size)
        memcpy(copy, data, size);
    if (ipcfg_lx_peer_parse_networkd(copy, size, 1000, &l) == 0)
        peer_check(&l);
    else if (l.has_addr)
        abort(); /* a rejected file leaves nothing */
    free(copy);
    return 0;
}
