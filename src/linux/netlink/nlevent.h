/* ipcfg — rtnetlink notifications (the lease keeper's link and address
 * events): a datagram from a socket bound to RTNLGRP_LINK and
 * RTNLGRP_IPV4_IFADDR, walked whole with every length checked; each
 * message is decoded by netlink/nlparse.c's per-message decoders.  Pure.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_NETLINK_NLEVENT_H
#define IPCFG_LINUX_NETLINK_NLEVENT_H

#include <stddef.h>
#include <stdint.h>

#include "netlink/nlparse.h"

typedef struct ipcfg_nl_event {
    uint16_t type; /* RTM_NEWLINK, RTM_DELLINK (link set), RTM_NEWADDR, RTM_DELADDR (addr set) */
    ipcfg_nl_link link;
    ipcfg_nl_addr addr;
} ipcfg_nl_event;

/* Calls on_event for every link and address message of buf (any sequence
 * number: a notification carries the number of the request that caused
 * it); other message types are skipped.  0 ok, -1 malformed (the rest of
 * the datagram is not looked at), -2 when on_event returned nonzero. */
int ipcfg_nl_parse_events(const uint8_t *buf, size_t len, int (*on_event)(void *ctx, const ipcfg_nl_event *ev),
                          void *ctx);

#endif
