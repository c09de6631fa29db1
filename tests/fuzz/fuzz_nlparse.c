/* ipcfg — libFuzzer target for the rtnetlink parser (src/linux/nlparse.c).
 * The input is taken as one datagram from the kernel; it is also fed to
 * each per-message decoder directly.  Everything decoded is read back so
 * that the sanitizers see every byte the parser claims is valid.
 * SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE 1
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "netlink/nlevent.h"
#include "netlink/nlparse.h"

static volatile size_t sink;

static void check_str(const char *s, size_t cap)
{
    size_t n = strnlen(s, cap);
    if (n >= cap)
        abort(); /* not terminated */
    sink += n;
}

static int on_link(void *ctx, const ipcfg_nl_link *l)
{
    (void)ctx;
    check_str(l->name, sizeof(l->name));
    check_str(l->kind, sizeof(l->kind));
    if (l->name[0] == '\0' || l->ifindex == 0 || l->hwaddr_len > sizeof(l->hwaddr))
        abort();
    sink += l->hwaddr_len ? l->hwaddr[l->hwaddr_len - 1] : 0;
    return 0;
}

static int on_addr(void *ctx, const ipcfg_nl_addr *a)
{
    (void)ctx;
    if (a->addr_len != 0 && a->addr_len != 4 && a->addr_len != 16)
        abort();
    if (a->addr_len && a->prefixlen > a->addr_len * 8)
        abort();
    sink += a->local[15] + a->address[15] + a->broadcast[15] + a->valid_lft;
    return 0;
}

static int on_route(void *ctx, const ipcfg_nl_route *r)
{
    ipcfg_nl_nh_iter it;
    ipcfg_nl_nexthop nh;
    size_t n = 0;
    int k;

    (void)ctx;
    ipcfg_nl_nh_iter_init(&it, r);
    while ((k = ipcfg_nl_nexthop_next(&it, &nh)) > 0) {
        sink += nh.ifindex + nh.gateway[15];
        n++;
    }
    if (k < 0 || n != r->n_nexthops)
        abort(); /* a route the parser accepted must walk cleanly */
    return 0;
}

static int on_nexthop(void *ctx, const ipcfg_nl_nhobj *o)
{
    (void)ctx;
    if (o->id == 0)
        abort();
    for (size_t i = 0; i < o->n_group; i++)
        sink += ipcfg_nl_nhobj_member(o, i); /* every member inside the message */
    sink += o->oif + o->gateway[15] + (size_t)o->blackhole;
    return 0;
}

static int on_event(void *ctx, const ipcfg_nl_event *ev)
{
    (void)ctx;
    if (ev->type == 16 /* RTM_NEWLINK */ || ev->type == 17 /* RTM_DELLINK */)
        return on_link(NULL, &ev->link);
    return on_addr(NULL, &ev->addr);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ipcfg_nl_visitor v = {NULL, on_link, on_addr, on_route, on_nexthop};
    ipcfg_nl_result res;
    uint32_t seq = 0;
    ipcfg_nl_link l;
    ipcfg_nl_addr a;
    ipcfg_nl_route r;
    ipcfg_nl_nhobj o;
    int e;
    char ext[32];

    if (size >= 12)
        memcpy(&seq, data + 8, 4); /* the first message's own sequence number */
    memset(&res, 0, sizeof(res));
    (void)ipcfg_nl_parse(data, size, seq, 0, &v, &res);
    check_str(res.extack, sizeof(res.extack));
    /* the same bytes as the keeper's notifications (nlevent.c) */
    (void)ipcfg_nl_parse_events(data, size, on_event, NULL);

    if (size >= 16) {
        const uint8_t *p = data + 16;
        size_t n = size - 16;
        uint16_t flags;
        if (ipcfg_nl_link_parse(p, n, &l) == 0)
            (void)on_link(NULL, &l);
        if (ipcfg_nl_addr_parse(p, n, &a) == 0)
            (void)on_addr(NULL, &a);
        if (ipcfg_nl_route_parse(p, n, &r) == 0)
            (void)on_route(NULL, &r);
        if (ipcfg_nl_nhobj_parse(p, n, &o) == 0)
            (void)on_nexthop(NULL, &o);
        memcpy(&flags, data + 6, 2);
        if (ipcfg_nl_error_parse(p, n, flags, &e, ext, sizeof(ext)) == 0)
            check_str(ext, sizeof(ext));
    }
    return 0;
}
