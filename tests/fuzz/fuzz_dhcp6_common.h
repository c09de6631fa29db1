/* ipcfg — what the DHCPv6 client fuzz target and its seed generator
 * share: the client's configuration and record, the transaction id its
 * fake random source hands out, the Advertise that takes it to Request.
 * Header-only.
 * SPDX-License-Identifier: MIT */
#ifndef IPCFG_FUZZ_DHCP6_COMMON_H
#define IPCFG_FUZZ_DHCP6_COMMON_H

#include <string.h>

#include "dhcp6_client.h"
#include "dhcp6_testutil.h"

#define FUZZ6_XID 0x00a1b2c3u /* every random value, so every transaction id */
static const uint8_t FUZZ6_SERVER_LL[16] = {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

static inline void fuzz6_config(ipcfg_dhcp6_config *cfg, int dad)
{
    memset(cfg, 0, sizeof(*cfg));
    memcpy(cfg->ifname, "eth0", 5);
    cfg->iaid = T6_IAID;
    memcpy(cfg->duid, T6_DUID, sizeof(T6_DUID));
    cfg->duid_len = sizeof(T6_DUID);
    cfg->dad = dad;
}

/* The bound record of the Renew, Rebind, Confirm, Release and Decline
 * states: T6_ADDR from T6_SID1, preferred 3600, valid 7200, T1 1800, T2
 * 2880. */
static inline void fuzz6_lease(ipcfg_dhcp6_lease *l, int64_t obtained)
{
    t6_lease(l, obtained, 3600, 7200);
}

/* A preference-255 Advertise from T6_SID1: Solicit goes to Request. */
static inline size_t fuzz6_advertise(uint8_t *b, size_t cap)
{
    tsrv6 s;
    tsrv6_default(&s, IPCFG_DHCP6_ADVERTISE, FUZZ6_XID & 0xffffff);
    s.has_pref = 1;
    s.pref = 255;
    return tsrv6_build(&s, b, cap);
}

#endif
