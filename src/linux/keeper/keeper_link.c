/* ipcfg — the lease keeper's view of its interface (see keeper/keeper_int.h):
 * the link by name, setting it up, who runs it, and
 * the rtnetlink events of the link and its IPv4 and IPv6 addresses.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "keeper/keeper_int.h"

#include <errno.h>
#include <net/if.h>
#include <string.h>
#include <sys/socket.h>
#include <syslog.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "exchange/apply.h"
#include "keeper/keeper_log.h"
#include "netlink/linkmap.h"
#include "netlink/nlevent.h"
#include "netlink/nlreq.h"
#include "peers/peer_lease.h"

static int on_link(void *ctx, const ipcfg_nl_link *l)
{
    keeper *k = ctx;

    if (strcmp(l->name, k->ifname) == 0) {
        k->ifindex = l->ifindex;
        k->up = ipcfg_lx_media_connected(l);
        k->admin_up = (l->flags & IFF_UP) != 0;
        if (l->hwaddr_len == 6)
            memcpy(k->hw, l->hwaddr, 6);
    }
    return 0;
}

/* The link by name: 0 found, -1 not (or the dump failed). */
int ipcfg_lx_keeper_link_query(keeper *k)
{
    ipcfg_nl_visitor v;
    ipcfg_nl_result res;
    ipcfg_nlreq req;

    memset(&v, 0, sizeof(v));
    v.ctx = k;
    v.on_link = on_link;
    k->ifindex = 0;
    ipcfg_nlreq_getlink(&req);
    if (ipcfg_nlsock_transact(&k->nl, req.buf, req.len, &v, &res) != 0 || res.error != 0)
        return -1;
    return k->ifindex != 0 ? 0 : -1;
}

static int on_addr(void *ctx, const ipcfg_nl_addr *a)
{
    return ipcfg_lx_peer_note_addr(ctx, a);
}

/* Sets the link administratively up (RTM_NEWLINK, IFF_UP in ifi_change):
 * at a boot nothing else may.  0 ok, else the kernel's negative errno. */
int ipcfg_lx_keeper_link_set_up(keeper *k)
{
    struct ifinfomsg ifi;
    ipcfg_nl_visitor v;
    ipcfg_nl_result res;
    ipcfg_nlreq req;

    memset(&ifi, 0, sizeof(ifi));
    ifi.ifi_family = AF_UNSPEC;
    ifi.ifi_index = (int)k->ifindex;
    ifi.ifi_flags = IFF_UP;
    ifi.ifi_change = IFF_UP;
    memset(&v, 0, sizeof(v));
    ipcfg_nlreq_init(&req, RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, &ifi, sizeof(ifi));
    if (ipcfg_nlsock_transact(&k->nl, req.buf, req.len, &v, &res) != 0)
        return -EIO;
    return res.error;
}

/* Another DHCP client runs the interface now (keeper/keeper.h): its name, or NULL. */
const char *ipcfg_lx_keeper_other_client(keeper *k)
{
    ipcfg_lx_peer_addrs pa;
    ipcfg_nl_visitor v;
    ipcfg_nl_result res;
    ipcfg_nlreq req;
    const char *who = NULL;

    memset(&pa, 0, sizeof(pa));
    memset(&v, 0, sizeof(v));
    v.ctx = &pa;
    v.on_addr = on_addr;
    ipcfg_nlreq_getaddr(&req, AF_INET);
    if (ipcfg_nlsock_transact(&k->nl, req.buf, req.len, &v, &res) == 0 && res.error == 0)
        who = ipcfg_lx_peer_other_client(k->ifname, k->ifindex, &pa, ipcfg_lx_wall_s());
    ipcfg_lx_peer_addrs_free(&pa);
    return who;
}

/* ---- events ---- */

static int on_event(void *ctx, const ipcfg_nl_event *ev)
{
    keeper *k = ctx;

    if (ev->type == RTM_NEWLINK || ev->type == RTM_DELLINK) {
        if (ev->link.ifindex != k->ifindex)
            return 0;
        for (int i = 0; i < IPCFG_LX_KEEPER_LEASES; i++)
            k->lease[i].reread = 1;
        if (ev->type == RTM_DELLINK || strcmp(ev->link.name, k->ifname) != 0) {
            ipcfg_lx_klog(LOG_INFO, "the interface is gone (or renamed); the keeper stops");
            k->stop = 1;
            return 0;
        }
        if (ev->link.hwaddr_len == 6 && memcmp(ev->link.hwaddr, k->hw, 6) != 0) {
            /* the link's hardware address was changed: the lease is the
             * old identity's; the next exchange, at once, releases it and
             * obtains one for the new address (dhcp_client_start.c) */
            memcpy(k->hw, ev->link.hwaddr, 6);
            ipcfg_lx_klog(LOG_INFO, "the hardware address changed: a lease is obtained for the new one");
            ipcfg_lx_keeper_feed(k, IPCFG_DHCP_KEEP_EV_VERIFY, 0);
        }
        int up = ipcfg_lx_media_connected(&ev->link);
        if (up && !k->up)
            ipcfg_lx_klog(LOG_INFO, "the link is back: the lease is verified");
        if (up != k->up)
            ipcfg_lx_keeper_feed(k, IPCFG_DHCP_KEEP_EV_LINK, up); /* back: a verify (dhcp_keep.c) */
        k->up = up;
        return 0;
    }
    const ipcfg_nl_addr *a = &ev->addr;
    const uint8_t *ip = a->has_local ? a->local : a->address;
    if (a->ifindex == k->ifindex && a->family == AF_INET6 && a->addr_len == 16) {
        /* the DHCPv6 lease's events are its own */
        if (ev->type == RTM_DELADDR)
            ipcfg_lx_keeper_slot_addr6_gone(k, ip);
        return 0;
    }
    if (a->ifindex != k->ifindex || a->family != AF_INET || a->addr_len != 4)
        return 0;
    int ours = a->has_proto && a->proto == IPCFG_LX_ADDR_PROTO;
    if (ev->type == RTM_NEWADDR && !ours && a->has_cacheinfo && a->valid_lft != 0xffffffffu) {
        k->check_other = 1; /* a dynamic address someone else added */
        k->lease[IPCFG_LX_KEEPER_V4].reread = 1;
    }
    /* the DHCPv4 lease's own address removed */
    keeper_lease *s = &k->lease[IPCFG_LX_KEEPER_V4];
    if (ev->type == RTM_DELADDR && ours && s->have && s->rec.state == IPCFG_DHCP_LEASE_BOUND &&
        memcmp(ip, s->rec.address, 4) == 0 && ipcfg_lx_wall_s() < ipcfg_dhcp_lease_expires(&s->rec) - 1) {
        ipcfg_lx_klog(LOG_INFO, "the lease's address was removed: the lease is verified");
        ipcfg_lx_keeper_feed_one(s, IPCFG_DHCP_KEEP_EV_VERIFY, 0);
    }
    return 0;
}

struct appear {
    const char *name;
    int seen;
};

static int on_appear(void *ctx, const ipcfg_nl_event *ev)
{
    struct appear *a = ctx;

    if (ev->type == RTM_NEWLINK && strcmp(ev->link.name, a->name) == 0)
        a->seen = 1;
    return 0;
}

int ipcfg_lx_keeper_link_appeared(keeper *k)
{
    struct appear a = {k->ifname, 0};

    for (int i = 0; i < 64; i++) {
        ssize_t n = recv(k->evfd, k->buf, sizeof(k->buf), MSG_DONTWAIT);
        if (n < 0 && errno == ENOBUFS) {
            a.seen = 1; /* events were lost: the links asked anew */
            continue;
        }
        if (n <= 0)
            break;
        (void)ipcfg_nl_parse_events(k->buf, (size_t)n, on_appear, &a);
    }
    return a.seen && ipcfg_lx_keeper_link_query(k) == 0;
}

void ipcfg_lx_keeper_read_events(keeper *k)
{
    for (int i = 0; i < 64; i++) {
        ssize_t n = recv(k->evfd, k->buf, sizeof(k->buf), MSG_DONTWAIT);
        if (n < 0 && errno == ENOBUFS) {
            /* events were lost: the link's state read anew */
            if (ipcfg_lx_keeper_link_query(k) != 0)
                k->stop = 1;
            ipcfg_lx_keeper_feed(k, IPCFG_DHCP_KEEP_EV_LINK, k->up);
            ipcfg_lx_keeper_feed(k, IPCFG_DHCP_KEEP_EV_VERIFY, 0);
            continue;
        }
        if (n <= 0)
            return;
        (void)ipcfg_nl_parse_events(k->buf, (size_t)n, on_event, k);
    }
}

