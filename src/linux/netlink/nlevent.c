/* ipcfg — rtnetlink notifications (see netlink/nlevent.h).
 * SPDX-License-Identifier: MIT */
#include "netlink/nlevent.h"

#include <string.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>

int ipcfg_nl_parse_events(const uint8_t *buf, size_t len, int (*on_event)(void *ctx, const ipcfg_nl_event *ev),
                          void *ctx)
{
    size_t off = 0;
    ipcfg_nl_event ev;

    while (off < len) {
        size_t rem = len - off;
        struct nlmsghdr h;

        if (rem < sizeof(h))
            return -1;
        memcpy(&h, buf + off, sizeof(h));
        if (h.nlmsg_len < sizeof(h) || h.nlmsg_len > rem)
            return -1;
        const uint8_t *payload = buf + off + sizeof(h);
        size_t plen = h.nlmsg_len - sizeof(h);
        size_t step = (h.nlmsg_len + 3u) & ~(size_t)3u;
        off += step < rem ? step : rem;

        memset(&ev, 0, sizeof(ev));
        ev.type = h.nlmsg_type;
        switch (h.nlmsg_type) {
        case RTM_NEWLINK:
        case RTM_DELLINK:
            if (ipcfg_nl_link_parse(payload, plen, &ev.link) != 0)
                return -1;
            break;
        case RTM_NEWADDR:
        case RTM_DELADDR:
            if (ipcfg_nl_addr_parse(payload, plen, &ev.addr) != 0)
                return -1;
            break;
        default:
            continue;
        }
        if (on_event(ctx, &ev) != 0)
            return -2;
    }
    return 0;
}
