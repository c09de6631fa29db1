/* ipcfg — waiting for links to get their carrier (see exchange/carrier.h).
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "exchange/carrier.h"

#include <errno.h>
#include <net/if.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "netlink/linkmap.h"
#include "netlink/nlevent.h"
#include "netlink/nlreq.h"

typedef struct watch {
    ipcfg_lx_carrier_fn on;
    void *ctx;
} watch;

static void report(const watch *w, const ipcfg_nl_link *l, int gone)
{
    w->on(w->ctx, l->ifindex, !gone && ipcfg_lx_media_connected(l), !gone && (l->flags & IFF_UP) != 0, gone);
}

static int on_link(void *ctx, const ipcfg_nl_link *l)
{
    report(ctx, l, 0);
    return 0;
}

static int on_event(void *ctx, const ipcfg_nl_event *ev)
{
    if (ev->type == RTM_NEWLINK || ev->type == RTM_DELLINK)
        report(ctx, &ev->link, ev->type == RTM_DELLINK);
    return 0;
}

/* Every link's state now, through nl. */
static void dump(ipcfg_nlsock *nl, watch *w)
{
    ipcfg_nl_visitor v;
    ipcfg_nl_result res;
    ipcfg_nlreq req;

    memset(&v, 0, sizeof(v));
    v.ctx = w;
    v.on_link = on_link;
    ipcfg_nlreq_getlink(&req);
    (void)ipcfg_nlsock_transact(nl, req.buf, req.len, &v, &res);
}

int ipcfg_lx_carrier_open(ipcfg_lx_carrier *c, ipcfg_nlsock *nl, ipcfg_lx_carrier_fn on, void *ctx)
{
    struct sockaddr_nl sa;
    watch w = {on, ctx};

    c->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_ROUTE);
    if (c->fd < 0)
        return -errno;
    memset(&sa, 0, sizeof(sa));
    sa.nl_family = AF_NETLINK;
    sa.nl_groups = RTMGRP_LINK;
    if (bind(c->fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
        int e = errno;
        ipcfg_lx_carrier_close(c);
        return -e;
    }
    /* subscribed first, then read: no change falls in between */
    dump(nl, &w);
    return 0;
}

void ipcfg_lx_carrier_read(ipcfg_lx_carrier *c, ipcfg_nlsock *nl, ipcfg_lx_carrier_fn on, void *ctx)
{
    watch w = {on, ctx};

    for (int i = 0; i < 64 && c->fd >= 0; i++) {
        ssize_t n = recv(c->fd, c->buf, sizeof(c->buf), MSG_DONTWAIT);
        if (n < 0 && errno == ENOBUFS) {
            dump(nl, &w); /* notifications were lost: the state read anew */
            continue;
        }
        if (n <= 0)
            return;
        (void)ipcfg_nl_parse_events(c->buf, (size_t)n, on_event, &w);
    }
}

void ipcfg_lx_carrier_close(ipcfg_lx_carrier *c)
{
    if (c->fd >= 0)
        (void)close(c->fd);
    c->fd = -1;
}
