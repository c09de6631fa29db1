/* ipcfg — the Linux listing: one link dump, one address dump and one route
 * dump per family, whatever the number of interfaces; and one nexthop
 * object dump when a default route names a nexthop object (RTA_NH_ID)
 * without a gateway of its own (net.ipv4.nexthop_compat_mode=0).  Links are indexed
 * by ifindex (a sorted array searched by bisection), so the whole listing
 * is O(n log n).  The parsing lives in netlink/nlparse.c, the socket in netlink/nlsock.c,
 * the mapping onto the model in netlink/linkmap.c, the host block in command/host.c.
 * SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE 1
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "command/backend.h"
#include "command/lease_view.h"
#include "shared/error.h"
#include "command/host.h"
#include "command/keeper_control.h"
#include "peers/peer_lease.h"
#include "netlink/linkmap.h"
#include "netlink/nlparse.h"
#include "shared/statedir.h"
#include "command/sysfs.h"
#include "clock.h"

/* ---- the link index ---- */

static int cmp_adapter_index(const void *a, const void *b)
{
    uint32_t x = ((const ipcfg_adapter *)a)->ifindex, y = ((const ipcfg_adapter *)b)->ifindex;
    return x < y ? -1 : x > y;
}

typedef struct order {
    uint32_t ifindex;
    size_t pos;
} order;

static int cmp_order(const void *a, const void *b)
{
    const order *p = a, *q = b;
    if (p->ifindex != q->ifindex)
        return p->ifindex < q->ifindex ? -1 : 1;
    return p->pos < q->pos ? -1 : p->pos > q->pos; /* dump order among equals */
}

/* A link dump that was interrupted on every attempt may carry a link twice;
 * the later message wins.  The list is in ifindex order. */
static void drop_duplicates(ipcfg_adapter_list *l)
{
    size_t w = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (w > 0 && l->items[w - 1].ifindex == l->items[i].ifindex) {
            ipcfg_adapter_free(&l->items[w - 1]);
            l->items[w - 1] = l->items[i];
            continue;
        }
        if (w != i)
            l->items[w] = l->items[i];
        w++;
    }
    l->n = w;
}

/* Puts the adapters in ifindex order (so that they can be found by
 * bisection) with one copy of each: sorting the index pairs, not the large
 * adapter structs.  Kernels that dump links in ifindex order cost one pass.
 * 0 ok, -1 out of memory. */
static int sort_by_ifindex(ipcfg_adapter_list *l)
{
    size_t first_unsorted = 1;
    while (first_unsorted < l->n && l->items[first_unsorted - 1].ifindex <= l->items[first_unsorted].ifindex)
        first_unsorted++;
    if (first_unsorted >= l->n) {
        drop_duplicates(l);
        return 0;
    }
    order *o = malloc(l->n * sizeof(*o));
    ipcfg_adapter *items = malloc(l->n * sizeof(*items));
    if (o == NULL || items == NULL) {
        free(o);
        free(items);
        return -1;
    }
    for (size_t i = 0; i < l->n; i++) {
        o[i].ifindex = l->items[i].ifindex;
        o[i].pos = i;
    }
    qsort(o, l->n, sizeof(*o), cmp_order);
    for (size_t i = 0; i < l->n; i++)
        memcpy(&items[i], &l->items[o[i].pos], sizeof(*items));
    free(l->items);
    free(o);
    l->items = items;
    l->cap = l->n;
    drop_duplicates(l);
    return 0;
}

ipcfg_adapter *ipcfg_lx_find_adapter(ipcfg_adapter_list *l, uint32_t ifindex)
{
    if (l->n == 0)
        return NULL;
    ipcfg_adapter key;
    key.ifindex = ifindex;
    return bsearch(&key, l->items, l->n, sizeof(*l->items), cmp_adapter_index);
}

/* ---- dumps ---- */

static int on_link(void *ctx, const ipcfg_nl_link *l)
{
    ipcfg_lx_collect *c = ctx;
    ipcfg_adapter *a = ipcfg_adapters_push(c->list);
    char driver[IPCFG_NAME_MAX];
    int wireless = 0, has_driver = 0;

    if (a == NULL)
        return -1;
    if (c->probe && (ipcfg_lx_needs_probe(l) || ipcfg_lx_needs_driver(l)) &&
        ipcfg_lx_sysfs_same_link(l->name, l->ifindex)) {
        if (ipcfg_lx_needs_probe(l))
            wireless = ipcfg_lx_sysfs_is_wireless(l->name);
        if (ipcfg_lx_needs_driver(l))
            has_driver = ipcfg_lx_sysfs_driver(l->name, driver, sizeof(driver)) == 0;
    }
    return ipcfg_lx_adapter_from_link(c->list, a, l, wireless, has_driver ? driver : NULL);
}

static int on_addr(void *ctx, const ipcfg_nl_addr *na)
{
    ipcfg_lx_collect *c = ctx;
    ipcfg_adapter *a = ipcfg_lx_find_adapter(c->list, na->ifindex);

    if (c->table != NULL) {
        ipcfg_addrrow *row;
        if (na->family != AF_INET)
            return 0;
        row = ipcfg_addrtable_push(c->table);
        if (row == NULL)
            return -1;
        if (ipcfg_lx_addrrow(row, na, a) != 0)
            c->table->n--; /* no local address in it: not a row */
        else if (row->ifname[0] && ipcfg_addrtable_set_ifname(c->table, row, row->ifname, strlen(row->ifname)) != 0)
            return -1; /* the name into the table's arena: the links go first */
        return 0;
    }
    if (a == NULL)
        return 0; /* an address of a link created after the link dump */
    if (c->peer != NULL && ipcfg_lx_peer_note_addr(c->peer, na) != 0)
        return -1;
    return ipcfg_lx_adapter_add_addr(a, na);
}

/* ---- nexthop objects ---- */

typedef struct nhobj {
    uint32_t id;
    uint32_t oif;
    int has_gateway, has_oif;
    uint8_t gw_family;
    uint8_t gateway[16];
    size_t first, n_members; /* group members: ids in ipcfg_lx_nhs.members */
} nhobj;

struct ipcfg_lx_nhs {
    int loaded;     /* the nexthop dump is in objs (sorted) */
    uint32_t *refs; /* nexthop ids of default routes not resolved yet, in route dump order */
    size_t n_refs, cap_refs;
    nhobj *objs; /* the dump, sorted by id before use */
    size_t n_objs, cap_objs;
    uint32_t *members;
    size_t n_members, cap_members;
};

static int grow(void **v, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t nc = *cap ? *cap * 2 : 8;
    while (nc < need)
        nc *= 2;
    void *q = realloc(*v, nc * size);
    if (q == NULL)
        return -1;
    *v = q;
    *cap = nc;
    return 0;
}

static void nhs_free(ipcfg_lx_nhs *h)
{
    if (h == NULL)
        return;
    free(h->refs);
    free(h->objs);
    free(h->members);
    free(h);
}

static int on_nexthop(void *ctx, const ipcfg_nl_nhobj *o)
{
    ipcfg_lx_collect *c = ctx;
    ipcfg_lx_nhs *h = c->nhs;

    if (h == NULL || h->loaded || o->fdb || o->blackhole)
        return 0; /* not asked for; FDB and blackhole nexthops have no gateway to show */
    if (grow((void **)&h->objs, &h->cap_objs, h->n_objs + 1, sizeof(*h->objs)) != 0 ||
        grow((void **)&h->members, &h->cap_members, h->n_members + o->n_group, sizeof(*h->members)) != 0)
        return -1;
    nhobj *n = &h->objs[h->n_objs++];
    memset(n, 0, sizeof(*n));
    n->id = o->id;
    n->has_oif = o->has_oif;
    n->oif = o->oif;
    n->has_gateway = o->has_gateway;
    n->gw_family = o->gw_family;
    memcpy(n->gateway, o->gateway, sizeof(n->gateway));
    n->first = h->n_members;
    n->n_members = o->n_group;
    for (size_t i = 0; i < o->n_group; i++)
        h->members[h->n_members++] = ipcfg_nl_nhobj_member(o, i);
    return 0;
}

static int cmp_nhobj(const void *a, const void *b)
{
    uint32_t x = ((const nhobj *)a)->id, y = ((const nhobj *)b)->id;
    return x < y ? -1 : x > y;
}

static const nhobj *find_nh(const ipcfg_lx_nhs *h, uint32_t id)
{
    nhobj key;
    key.id = id;
    return h->n_objs ? bsearch(&key, h->objs, h->n_objs, sizeof(*h->objs), cmp_nhobj) : NULL;
}

static int add_nh_gateway(ipcfg_lx_collect *c, const nhobj *n)
{
    ipcfg_adapter *a;
    ipcfg_ip gw;
    if (n == NULL || n->n_members || !n->has_gateway || !n->has_oif ||
        (a = ipcfg_lx_find_adapter(c->list, n->oif)) == NULL)
        return 0;
    ipcfg_lx_gateway_ip(&gw, n->gw_family, n->gateway, n->oif);
    return ipcfg_lx_adapter_add_gateway_once(a, &gw);
}

/* A default route's nexthop object: its gateway, or a group's members'
 * (the kernel does not nest groups). */
static int resolve_ref(ipcfg_lx_collect *c, uint32_t id)
{
    const ipcfg_lx_nhs *h = c->nhs;
    const nhobj *n = find_nh(h, id);
    if (n == NULL)
        return 0; /* removed after the route dump */
    if (n->n_members == 0)
        return add_nh_gateway(c, n);
    for (size_t k = 0; k < n->n_members; k++)
        if (add_nh_gateway(c, find_nh(h, h->members[n->first + k])) != 0)
            return -1;
    return 0;
}

/* After a route dump: when a default route named a nexthop object, the one
 * nexthop dump of the listing (the next route dump's routes are then
 * resolved as they come), and the routes waiting for it.  Gateways keep
 * the order of the route dumps (IPv4 first). */
static int load_nexthops(ipcfg_lx_ctx *x, ipcfg_lx_collect *c, int *intr, ipcfg_error *err)
{
    ipcfg_lx_nhs *h = c->nhs;
    if (h == NULL || h->loaded || h->n_refs == 0)
        return 0;
    ipcfg_nlreq req;
    ipcfg_nlreq_getnexthop(&req);
    int st = ipcfg_lx_dump(x, &req, c, intr, err, "nexthop table");
    if (st != 0)
        return st;
    qsort(h->objs, h->n_objs, sizeof(*h->objs), cmp_nhobj);
    h->loaded = 1;
    for (size_t i = 0; i < h->n_refs; i++)
        if (resolve_ref(c, h->refs[i]) != 0)
            return ipcfg_lx_fail_oom(err);
    h->n_refs = 0;
    return 0;
}

static int on_route(void *ctx, const ipcfg_nl_route *r)
{
    ipcfg_lx_collect *c = ctx;
    ipcfg_ip gw;

    if (!ipcfg_lx_is_default_route(r))
        return 0;
    if (r->has_nh_id && !r->has_gateway && r->multipath == NULL) {
        /* Through a nexthop object, not expanded into the route
         * (nexthop_compat_mode=0): resolved by one nexthop dump later. */
        if (c->nhs == NULL && (c->nhs = calloc(1, sizeof(*c->nhs))) == NULL)
            return -1;
        ipcfg_lx_nhs *h = c->nhs;
        if (h->loaded)
            return resolve_ref(c, r->nh_id);
        if (grow((void **)&h->refs, &h->cap_refs, h->n_refs + 1, sizeof(*h->refs)) != 0)
            return -1;
        h->refs[h->n_refs++] = r->nh_id;
        return 0;
    }
    if (r->multipath != NULL) {
        ipcfg_nl_nh_iter it;
        ipcfg_nl_nexthop nh;
        ipcfg_nl_nh_iter_init(&it, r);
        while (ipcfg_nl_nexthop_next(&it, &nh) > 0) {
            ipcfg_adapter *a;
            if (!nh.has_gateway || (a = ipcfg_lx_find_adapter(c->list, nh.ifindex)) == NULL)
                continue;
            ipcfg_lx_gateway_ip(&gw, nh.gw_family, nh.gateway, nh.ifindex);
            if (ipcfg_lx_adapter_add_gateway_once(a, &gw) != 0)
                return -1;
        }
        return 0;
    }
    if (r->has_gateway && r->has_oif) {
        ipcfg_adapter *a = ipcfg_lx_find_adapter(c->list, r->oif);
        if (a == NULL)
            return 0;
        ipcfg_lx_gateway_ip(&gw, r->gw_family, r->gateway, r->oif);
        return ipcfg_lx_adapter_add_gateway_once(a, &gw);
    }
    return 0; /* an on-link default route names no gateway */
}

int ipcfg_lx_dump(ipcfg_lx_ctx *x, ipcfg_nlreq *req, ipcfg_lx_collect *c, int *intr, ipcfg_error *err,
                  const char *what)
{
    ipcfg_nl_visitor v;
    ipcfg_nl_result res;
    v.ctx = c;
    v.on_link = on_link;
    v.on_addr = on_addr;
    v.on_route = on_route;
    v.on_nexthop = on_nexthop;
    int e = ipcfg_nlsock_transact(&x->nl, req->buf, req->len, &v, &res);
    if (e != 0 || res.error != 0 || !res.done)
        return ipcfg_lx_fail_dump(err, e, &res, what);
    if (res.dump_intr)
        *intr = 1;
    return 0;
}

/* A family whose routing is absent (IPv6 disabled at boot: EAFNOSUPPORT;
 * no main table: ENOENT) has no default gateways: not a failure. */
static int dump_routes(ipcfg_lx_ctx *x, ipcfg_nlreq *req, ipcfg_lx_collect *c, int *intr, ipcfg_error *err,
                       const char *what)
{
    int st = ipcfg_lx_dump(x, req, c, intr, err, what);
    if (st != 0 && ipcfg_lx_err_no_routing(err)) {
        ipcfg_error_clear(err);
        return 0;
    }
    return st;
}

int ipcfg_lx_dump_links(ipcfg_lx_ctx *x, ipcfg_lx_collect *c, int *intr, ipcfg_error *err)
{
    ipcfg_nlreq req;
    ipcfg_nlreq_getlink(&req);
    int st = ipcfg_lx_dump(x, &req, c, intr, err, "interface list");
    if (st != 0)
        return st;
    if (sort_by_ifindex(c->list) != 0)
        return ipcfg_lx_fail_oom(err);
    return 0;
}

/* ---- list ---- */

static int list_once(ipcfg_lx_ctx *x, ipcfg_adapter_list *out, ipcfg_lx_peer_addrs *peer, int *intr,
                     ipcfg_error *err)
{
    ipcfg_lx_collect c;
    memset(&c, 0, sizeof(c));
    c.list = out;
    c.probe = 1;
    peer->n = 0;
    c.peer = peer;
    int st = ipcfg_lx_dump_links(x, &c, intr, err);
    if (st != 0)
        return st;
    ipcfg_nlreq req;
    ipcfg_nlreq_getaddr(&req, AF_UNSPEC);
    st = ipcfg_lx_dump(x, &req, &c, intr, err, "address list");
    if (st != 0)
        return st;
    ipcfg_nlreq_getroute(&req, AF_INET);
    st = dump_routes(x, &req, &c, intr, err, "IPv4 routing table");
    /* At most one nexthop dump, only when a default route needs it: a
     * listing without nexthop objects costs nothing more. */
    if (st == 0)
        st = load_nexthops(x, &c, intr, err);
    if (st == 0) {
        ipcfg_nlreq_getroute(&req, AF_INET6);
        st = dump_routes(x, &req, &c, intr, err, "IPv6 routing table");
    }
    if (st == 0)
        st = load_nexthops(x, &c, intr, err);
    nhs_free(c.nhs);
    return st;
}

int ipcfg_lx_list(ipcfg_backend *b, ipcfg_host *host, ipcfg_adapter_list *out, ipcfg_error *err)
{
    ipcfg_lx_ctx *x = b->ctx;
    ipcfg_lx_peer_addrs peer = {0};
    int st = 0;
    for (int attempt = 0; attempt < IPCFG_LX_LIST_ATTEMPTS; attempt++) {
        int intr = 0;
        st = list_once(x, out, &peer, &intr, err);
        if (st != 0 && ipcfg_lx_err_retriable(err) && attempt + 1 < IPCFG_LX_LIST_ATTEMPTS) {
            ipcfg_error_clear(err);
            ipcfg_adapters_free(out);
            continue;
        }
        if (st != 0 || !intr || attempt + 1 == IPCFG_LX_LIST_ATTEMPTS)
            break;
        ipcfg_adapters_free(out); /* inconsistent: a link changed meanwhile */
    }
    /* DHCP facts: ipcfg's own lease files (one directory scan), then other
     * DHCP clients' (one scan per client's directory) */
    if (st == 0 && ipcfg_lx_lease_view_fill(out, ipcfg_lx_state_dir()) != 0)
        st = ipcfg_lx_fail_oom(err);
    if (st == 0 && ipcfg_lx_peer_view_fill(out, &peer, ipcfg_lx_peer_root(), ipcfg_lx_wall_s()) != 0)
        st = ipcfg_lx_fail_oom(err);
    ipcfg_lx_peer_addrs_free(&peer);
    /* a lease of ipcfg's own: kept by a keeper, or left to run out */
    for (size_t i = 0; st == 0 && i < out->n; i++) {
        ipcfg_adapter *a = &out->items[i];
        ipcfg_lease6 *l6 = a->lease6;
        /* a bound DHCPv6 lease is kept as the DHCPv4 one (a configuration
         * alone, or an expired lease, is not); an expired DHCPv4 lease is
         * kept by nobody (a keeper may run, to obtain a new one) */
        int ask6 = l6 != NULL && strcmp(l6->client, IPCFG_PEER_IPCFG) == 0 && l6->state == IPCFG_LEASE6_BOUND;
        int ours4 = a->has_lease && strcmp(a->lease_client, IPCFG_PEER_IPCFG) == 0;
        int ask4 = ours4 && !a->lease_expired;
        const char *by = NULL;
        /* one keeper keeps both: asked once */
        int kept = (ask6 || ask4) && ipcfg_lx_keeper_probe(a->name, &by);
        if (ask6) {
            l6->kept = kept ? IPCFG_YES : IPCFG_NO;
            if (by != NULL)
                ipcfg_copy_str(l6->keeper, sizeof(l6->keeper), by);
        }
        a->lease_kept = !ours4 ? IPCFG_UNKNOWN : ask4 && kept ? IPCFG_YES : IPCFG_NO;
        if (ask4 && by != NULL)
            ipcfg_copy_str(a->lease_keeper, sizeof(a->lease_keeper), by);
    }
    if (st != 0) {
        ipcfg_adapters_free(out);
        return st;
    }
    if (host != NULL)
        ipcfg_lx_host_fill(host);
    return 0;
}

