/* ipcfg — invariants every parsed peer lease must keep (fuzz targets).
 * SPDX-License-Identifier: MIT */
#ifndef IPCFG_FUZZ_PEER_COMMON_H
#define IPCFG_FUZZ_PEER_COMMON_H
#include <stdlib.h>
#include <string.h>

#include "peers/peer_lease.h"

static void peer_check(const ipcfg_lx_peer_lease *l)
{
    size_t n = strnlen(l->domain, sizeof l->domain);
    if (n >= sizeof l->domain || strnlen(l->ifname, sizeof l->ifname) >= sizeof l->ifname)
        abort();
    for (size_t i = 0; i < n; i++) {
        char c = l->domain[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
              c == '.'))
            abort(); /* only plain names are shown */
    }
    if (!l->has_addr || l->n_dns > IPCFG_PEER_DNS_MAX || l->client == NULL)
        abort();
    if (l->infinite && l->has_expires)
        abort();
}
#endif
