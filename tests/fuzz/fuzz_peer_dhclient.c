/* ipcfg — libFuzzer target for ISC dhclient lease databases
 * (src/linux/peer_dhclient.c).
 * SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE 1 /* strnlen */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_peer_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void on_lease(void *ctx, const ipcfg_lx_peer_lease *l)
{
    (*(int *)ctx)++;
    peer_check(l);
    if (l->ifname[0] == '\0' || strchr(l->ifname, '/') != NULL)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int seen = 0, r;
    char *copy = malloc(size ? size : 1);
    if (copy == NULL)
        return 0;
    if (size)
        memcpy(copy, data, size);
    r = ipcfg_lx_peer_parse_dhclient(copy, size, "eth0", on_lease, &seen);
    if ((r < 0 && seen != 0) || (r >= 0 && r != seen))
        abort();
    free(copy);
    return 0;
}
