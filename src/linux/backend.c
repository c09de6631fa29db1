/* ipcfg — the Linux platform backend: rtnetlink dumps and requests.
 *
 * A listing is one link dump, one address dump and one route dump per
 * family, whatever the number of interfaces; links are indexed by ifindex
 * (a sorted array searched by bisection), so the whole listing is
 * O(n log n).  The parsing lives in nlparse.c, the socket in nlsock.c, the
 * mapping onto the model in linkmap.c, the file reads in sysinfo.c.
 *
 * SPDX-License-Identifier: MIT
 */
#define _DEFAULT_SOURCE 1
#include "ipcfg/backend.h"

#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h> /* peers */

#include <linux/if_addr.h>
#include <linux/rtnetlink.h>

#include "dhcp_run.h"
#include "dhcp_view.h"
#include "linkmap.h"
#include "nlparse.h"
#include "nlreq.h"
#include "nlsock.h"
#include "peer_lease.h" /* peers */
#include "sysinfo.h"

#define LIST_ATTEMPTS 3 /* dumps interrupted by a concurrent change are retried */

typedef struct lx_ctx {
    ipcfg_nlsock nl;
} lx_ctx;

/* ---- errors ---- */

static void set_errno_text(ipcfg_error *err, ipcfg_status st, ipcfg_reason r, int e, const char *what,
                           const char *extack)
{
    if (extack != NULL && extack[0] != '\0')
        ipcfg_error_set(err, st, r, "%s%s%s (%s).", what ? what : "", what ? ": " : "", strerror(e), extack);
    else
        ipcfg_error_set(err, st, r, "%s%s%s.", what ? what : "", what ? ": " : "", strerror(e));
    err->sys_code = e;
    err->has_sys_code = 1;
}

/* A local failure of a dump (socket, malformed answer, out of memory) or
 * the kernel's refusal of it. */
static int dump_failed(ipcfg_error *err, int local, const ipcfg_nl_result *res, const char *what)
{
    if (local == -ECANCELED || local == -ENOMEM) {
        ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "Out of memory while reading the %s.", what);
        err->sys_code = ENOMEM;
        err->has_sys_code = 1;
    } else if (local == -EBADMSG) {
        ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "The kernel's answer for the %s was malformed.",
                        what);
        err->sys_code = EBADMSG;
        err->has_sys_code = 1;
    } else if (local < 0) {
        char w[96];
        snprintf(w, sizeof w, "Reading the %s failed", what);
        set_errno_text(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, -local, w, NULL);
    } else {
        char w[96];
        int e = res->error ? res->error : EPROTO;
        snprintf(w, sizeof w, "Reading the %s failed", what);
        if (e == EPERM || e == EACCES)
            set_errno_text(err, IPCFG_E_ACCESS, IPCFG_R_ELEVATION, e, w, res->extack);
        else
            set_errno_text(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, e, w, res->extack);
    }
    return (int)err->status;
}

/* The kernel's answer to an address change. */
static int change_failed(ipcfg_error *err, int e, const char *extack, const char *addr, const char *ifname,
                         int del)
{
    switch (e) {
    case EPERM:
    case EACCES:
        ipcfg_error_set(err, IPCFG_E_ACCESS, IPCFG_R_ELEVATION,
                        "The requested operation requires elevation (root or CAP_NET_ADMIN).");
        break;
    case EEXIST:
        ipcfg_error_set(err, IPCFG_E_CONFLICT, IPCFG_R_EXISTS, "The address %s already exists on %s.", addr,
                        ifname);
        break;
    case ENODEV:
        ipcfg_error_set(err, IPCFG_E_STATE, IPCFG_R_NOT_FOUND, "The interface %s was not found.", ifname);
        break;
    case EADDRNOTAVAIL:
        if (del) {
            ipcfg_error_set(err, IPCFG_E_STATE, IPCFG_R_NOT_FOUND, "The address %s was not found.", addr);
            break;
        }
        /* fall through */
    default:
        set_errno_text(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, e, NULL, extack);
        break;
    }
    err->sys_code = e;
    err->has_sys_code = 1;
    return (int)err->status;
}

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
    order *o;
    ipcfg_adapter *items;
    size_t i;

    for (i = 1; i < l->n; i++)
        if (l->items[i - 1].ifindex > l->items[i].ifindex)
            break;
    if (i >= l->n) {
        drop_duplicates(l);
        return 0;
    }
    o = malloc(l->n * sizeof *o);
    items = malloc(l->n * sizeof *items);
    if (o == NULL || items == NULL) {
        free(o);
        free(items);
        return -1;
    }
    for (i = 0; i < l->n; i++) {
        o[i].ifindex = l->items[i].ifindex;
        o[i].pos = i;
    }
    qsort(o, l->n, sizeof *o, cmp_order);
    for (i = 0; i < l->n; i++)
        memcpy(&items[i], &l->items[o[i].pos], sizeof *items);
    free(l->items);
    free(o);
    l->items = items;
    l->cap = l->n;
    drop_duplicates(l);
    return 0;
}

static ipcfg_adapter *find_adapter(ipcfg_adapter_list *l, uint32_t ifindex)
{
    ipcfg_adapter key;

    if (l->n == 0)
        return NULL;
    key.ifindex = ifindex;
    return bsearch(&key, l->items, l->n, sizeof *l->items, cmp_adapter_index);
}

/* ---- dump visitors ---- */

typedef struct collect {
    ipcfg_adapter_list *list;
    const ipcfg_lx_leases *leases; /* NULL: no lease lookup */
    int probe;                     /* sysfs probes for type and description */
    ipcfg_addrtable *table;        /* addrtable(): rows go here */
    ipcfg_lx_peer_addrs *peer;     /* peers: IFA_PROTO and lifetimes of the listing */
} collect;

static int on_link(void *ctx, const ipcfg_nl_link *l)
{
    collect *c = ctx;
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
            has_driver = ipcfg_lx_sysfs_driver(l->name, driver, sizeof driver) == 0;
    }
    ipcfg_lx_adapter_from_link(a, l, wireless, has_driver ? driver : NULL,
                               c->leases ? ipcfg_lx_lease_held(c->leases, l->name) : 0);
    return 0;
}

static int on_addr(void *ctx, const ipcfg_nl_addr *na)
{
    collect *c = ctx;
    ipcfg_adapter *a = find_adapter(c->list, na->ifindex);

    if (c->table != NULL) {
        ipcfg_addrrow *row;
        if (na->family != AF_INET)
            return 0;
        row = ipcfg_addrtable_push(c->table);
        if (row == NULL)
            return -1;
        if (ipcfg_lx_addrrow(row, na, a) != 0)
            c->table->n--; /* no local address in it: not a row */
        return 0;
    }
    if (a == NULL)
        return 0; /* an address of a link created after the link dump */
    if (c->peer != NULL && ipcfg_lx_peer_note_addr(c->peer, na) != 0) /* peers */
        return -1;
    return ipcfg_lx_adapter_add_addr(a, na);
}

static int on_route(void *ctx, const ipcfg_nl_route *r)
{
    collect *c = ctx;
    ipcfg_ip gw;

    if (!ipcfg_lx_is_default_route(r))
        return 0;
    if (r->multipath != NULL) {
        ipcfg_nl_nh_iter it;
        ipcfg_nl_nexthop nh;
        ipcfg_nl_nh_iter_init(&it, r);
        while (ipcfg_nl_nexthop_next(&it, &nh) > 0) {
            ipcfg_adapter *a;
            if (!nh.has_gateway || (a = find_adapter(c->list, nh.ifindex)) == NULL)
                continue;
            ipcfg_lx_gateway_ip(&gw, nh.gw_family, nh.gateway, nh.ifindex);
            if (ipcfg_lx_adapter_add_gateway_once(a, &gw) != 0)
                return -1;
        }
        return 0;
    }
    if (r->has_gateway && r->has_oif) {
        ipcfg_adapter *a = find_adapter(c->list, r->oif);
        if (a == NULL)
            return 0;
        ipcfg_lx_gateway_ip(&gw, r->gw_family, r->gateway, r->oif);
        return ipcfg_lx_adapter_add_gateway_once(a, &gw);
    }
    return 0; /* an on-link default route names no gateway */
}

static int dump(lx_ctx *x, ipcfg_nlreq *req, collect *c, int *intr, ipcfg_error *err, const char *what)
{
    ipcfg_nl_visitor v;
    ipcfg_nl_result res;
    int e;

    v.ctx = c;
    v.on_link = on_link;
    v.on_addr = on_addr;
    v.on_route = on_route;
    e = ipcfg_nlsock_transact(&x->nl, req->buf, req->len, &v, &res);
    if (e != 0 || res.error != 0 || !res.done)
        return dump_failed(err, e, &res, what);
    if (res.dump_intr)
        *intr = 1;
    return 0;
}

/* A dump lost to a receive-queue overrun (ENOBUFS: the kernel dropped
 * part of the answer) is started over, like an interrupted one. */
static int dump_retriable(const ipcfg_error *err)
{
    return err->has_sys_code && err->sys_code == ENOBUFS;
}

/* A family whose routing is absent (IPv6 disabled at boot: EAFNOSUPPORT;
 * no main table: ENOENT) has no default gateways: not a failure. */
static int dump_routes(lx_ctx *x, ipcfg_nlreq *req, collect *c, int *intr, ipcfg_error *err, const char *what)
{
    int st = dump(x, req, c, intr, err, what);

    if (st != 0 && err->has_sys_code && err->status == IPCFG_E_FAILED &&
        (err->sys_code == EAFNOSUPPORT || err->sys_code == ENOENT || err->sys_code == EOPNOTSUPP)) {
        ipcfg_error_clear(err);
        return 0;
    }
    return st;
}

static int dump_links(lx_ctx *x, collect *c, int *intr, ipcfg_error *err)
{
    ipcfg_nlreq req;
    int st;

    ipcfg_nlreq_getlink(&req);
    st = dump(x, &req, c, intr, err, "interface list");
    if (st != 0)
        return st;
    if (sort_by_ifindex(c->list) != 0) {
        ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "Out of memory.");
        return (int)err->status;
    }
    return 0;
}

/* ---- list ---- */

static int list_once(lx_ctx *x, ipcfg_adapter_list *out, const ipcfg_lx_leases *leases, int *intr,
                     ipcfg_error *err, ipcfg_lx_peer_addrs *peer)
{
    collect c;
    ipcfg_nlreq req;
    int st;

    memset(&c, 0, sizeof c);
    c.list = out;
    c.leases = leases;
    peer->n = 0; /* peers */
    c.peer = peer;
    c.probe = 1;
    st = dump_links(x, &c, intr, err);
    if (st != 0)
        return st;
    ipcfg_nlreq_getaddr(&req, AF_UNSPEC);
    st = dump(x, &req, &c, intr, err, "address list");
    if (st != 0)
        return st;
    ipcfg_nlreq_getroute(&req, AF_INET);
    st = dump_routes(x, &req, &c, intr, err, "IPv4 routing table");
    if (st != 0)
        return st;
    ipcfg_nlreq_getroute(&req, AF_INET6);
    return dump_routes(x, &req, &c, intr, err, "IPv6 routing table");
}

static int lx_list(ipcfg_backend *b, ipcfg_host *host, ipcfg_adapter_list *out, ipcfg_error *err)
{
    lx_ctx *x = b->ctx;
    ipcfg_lx_peer_addrs peer = {0}; /* peers */
    int attempt, st = 0;

    for (attempt = 0; attempt < LIST_ATTEMPTS; attempt++) {
        int intr = 0;
        st = list_once(x, out, NULL, &intr, err, &peer);
        if (st != 0 && dump_retriable(err) && attempt + 1 < LIST_ATTEMPTS) {
            ipcfg_error_clear(err);
            ipcfg_adapters_free(out);
            continue;
        }
        if (st != 0 || !intr || attempt + 1 == LIST_ATTEMPTS)
            break;
        ipcfg_adapters_free(out); /* inconsistent: a link changed meanwhile */
    }
    if (st == 0 && ipcfg_lx_dhcp_view_fill(out, ipcfg_lx_state_dir()) != 0) /* DHCP facts: the lease files */
        st = (ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "Out of memory."), IPCFG_E_FAILED);
    if (st == 0 && ipcfg_lx_peer_view_fill(out, &peer, ipcfg_lx_peer_root(), (int64_t)time(NULL)) != 0) /* peers */
        ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "Out of memory."), st = (int)err->status;
    ipcfg_lx_peer_addrs_free(&peer); /* peers */
    if (st != 0) {
        ipcfg_adapters_free(out);
        return st;
    }
    if (host != NULL)
        ipcfg_lx_host_fill(host);
    return 0;
}

/* ---- addrtable ---- */

static int lx_addrtable(ipcfg_backend *b, ipcfg_addrtable *out, ipcfg_error *err)
{
    lx_ctx *x = b->ctx;
    int attempt, st = 0;

    for (attempt = 0; attempt < LIST_ATTEMPTS; attempt++) {
        ipcfg_adapter_list links;
        collect c;
        ipcfg_nlreq req;
        int intr = 0;

        memset(&links, 0, sizeof links);
        memset(&c, 0, sizeof c);
        c.list = &links;
        st = dump_links(x, &c, &intr, err);
        if (st == 0) {
            c.table = out;
            ipcfg_nlreq_getaddr(&req, AF_INET);
            st = dump(x, &req, &c, &intr, err, "address table");
        }
        ipcfg_adapters_free(&links);
        if (st != 0 && dump_retriable(err) && attempt + 1 < LIST_ATTEMPTS) {
            ipcfg_error_clear(err);
            ipcfg_addrtable_free(out);
            continue;
        }
        if (st != 0 || !intr || attempt + 1 == LIST_ATTEMPTS)
            break;
        ipcfg_addrtable_free(out);
    }
    if (st != 0)
        ipcfg_addrtable_free(out);
    return st;
}

/* ---- add / delete ---- */

struct hit {
    uint32_t ifindex;
    unsigned prefix;
    uint32_t flags;
    uint8_t addr[4];
};

typedef struct find_addr {
    ipcfg_ip want;
    struct hit *hits; /* where `want` is assigned */
    size_t n, cap;
    struct hit *secs; /* every secondary IPv4 address (IFA_F_SECONDARY) */
    size_t n_secs, cap_secs;
} find_addr;

static int push_hit(struct hit **v, size_t *n, size_t *cap, const ipcfg_nl_addr *na, const ipcfg_ip *ip)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 4;
        struct hit *q = realloc(*v, nc * sizeof *q);
        if (q == NULL)
            return -1;
        *v = q;
        *cap = nc;
    }
    (*v)[*n].ifindex = na->ifindex;
    (*v)[*n].prefix = na->prefixlen;
    (*v)[*n].flags = na->flags;
    memcpy((*v)[*n].addr, ip->bytes, 4);
    (*n)++;
    return 0;
}

static int on_find_addr(void *ctx, const ipcfg_nl_addr *na)
{
    find_addr *f = ctx;
    ipcfg_ip ip;

    if (na->family != AF_INET || ipcfg_lx_addr_ip(na, &ip) != 0)
        return 0;
    if (memcmp(ip.bytes, f->want.bytes, 4) == 0)
        return push_hit(&f->hits, &f->n, &f->cap, na, &ip);
    if (na->flags & IFA_F_SECONDARY)
        return push_hit(&f->secs, &f->n_secs, &f->cap_secs, na, &ip);
    return 0;
}

static void find_addr_free(find_addr *f)
{
    free(f->hits);
    free(f->secs);
    memset(f, 0, sizeof *f);
}

static int same_subnet(const uint8_t a[4], const uint8_t b[4], unsigned prefix)
{
    uint32_t x = (uint32_t)a[0] << 24 | (uint32_t)a[1] << 16 | (uint32_t)a[2] << 8 | a[3];
    uint32_t y = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
    uint32_t m = prefix == 0 ? 0 : prefix >= 32 ? 0xffffffffu : ~((1u << (32 - prefix)) - 1);
    return (x & m) == (y & m);
}

/* Deleting a primary address makes the kernel delete the secondary
 * addresses of its subnet too, unless promote_secondaries is on for the
 * interface.  That would remove addresses nobody named, so such a delete
 * is refused before anything is changed.  Returns 0 when the delete may
 * go ahead. */
static int guard_secondaries(const find_addr *f, const char *as, ipcfg_error *err)
{
    for (size_t i = 0; i < f->n; i++) {
        const struct hit *h = &f->hits[i];
        char list[IPCFG_ERRTEXT_MAX / 2];
        size_t used = 0, count = 0;
        if (h->flags & IFA_F_SECONDARY)
            continue;
        list[0] = '\0';
        for (size_t k = 0; k < f->n_secs; k++) {
            const struct hit *s = &f->secs[k];
            if (s->ifindex != h->ifindex || s->prefix != h->prefix || !same_subnet(s->addr, h->addr, h->prefix))
                continue;
            count++;
            if (used + 20 < sizeof list)
                used += (size_t)snprintf(list + used, sizeof list - used, "%s%u.%u.%u.%u", used ? ", " : "",
                                         s->addr[0], s->addr[1], s->addr[2], s->addr[3]);
        }
        if (count == 0)
            continue;
        char ifname[IF_NAMESIZE] = "";
        if (if_indextoname(h->ifindex, ifname) != NULL && ipcfg_lx_promote_secondaries(ifname) == 1)
            continue;
        ipcfg_error_set(err, IPCFG_E_STATE, IPCFG_R_NONE,
                        "%s is the primary address of its subnet on %s; deleting it would also delete %s "
                        "(promote_secondaries is off). Delete those first.",
                        as, ifname[0] ? ifname : "its interface", list);
        return (int)err->status;
    }
    return 0;
}

/* "eth0, eth1" for the interfaces holding the address. */
static void hit_names(lx_ctx *x, const find_addr *f, char *buf, size_t len)
{
    ipcfg_adapter_list links;
    collect c;
    size_t i, used = 0;
    int intr = 0;
    ipcfg_error ignored;

    buf[0] = '\0';
    memset(&links, 0, sizeof links);
    memset(&c, 0, sizeof c);
    c.list = &links;
    ipcfg_error_clear(&ignored);
    if (dump_links(x, &c, &intr, &ignored) != 0)
        ipcfg_adapters_free(&links);
    for (i = 0; i < f->n && used + 1 < len; i++) {
        const ipcfg_adapter *a = find_adapter(&links, f->hits[i].ifindex);
        int n;
        if (i > 0 && f->hits[i].ifindex == f->hits[i - 1].ifindex)
            continue;
        if (a != NULL)
            n = snprintf(buf + used, len - used, "%s%s", used ? ", " : "", a->name);
        else
            n = snprintf(buf + used, len - used, "%sinterface %u", used ? ", " : "", (unsigned)f->hits[i].ifindex);
        if (n < 0 || (size_t)n >= len - used)
            break;
        used += (size_t)n;
    }
    ipcfg_adapters_free(&links);
}

/* Where the IPv4 address `want` is assigned: one address dump. */
static int find_ip4(lx_ctx *x, const ipcfg_ip *want, find_addr *f, ipcfg_error *err)
{
    ipcfg_nl_visitor v;
    ipcfg_nl_result res;
    ipcfg_nlreq req;
    int e, attempt;

    memset(f, 0, sizeof *f);
    for (attempt = 0; attempt < LIST_ATTEMPTS; attempt++) {
        find_addr_free(f);
        f->want = *want;
        memset(&v, 0, sizeof v);
        v.ctx = f;
        v.on_addr = on_find_addr;
        ipcfg_nlreq_getaddr(&req, AF_INET);
        e = ipcfg_nlsock_transact(&x->nl, req.buf, req.len, &v, &res);
        if ((e == -ENOBUFS || res.error == ENOBUFS) && attempt + 1 < LIST_ATTEMPTS)
            continue;
        if (e != 0 || res.error != 0 || !res.done) {
            find_addr_free(f);
            return dump_failed(err, e, &res, "address table");
        }
        if (!res.dump_intr)
            return 0; /* a consistent snapshot: safe to decide on */
    }
    /* /add and /delete decide on this snapshot (conflict, not found, the
     * secondaries guard): never act on one the kernel flagged as torn. */
    find_addr_free(f);
    ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM,
                    "The address table kept changing while it was read; nothing was changed.");
    err->sys_code = EAGAIN;
    err->has_sys_code = 1;
    return (int)err->status;
}

static int lx_add_address(ipcfg_backend *b, const ipcfg_adapter *ad, const ipcfg_ip *addr, unsigned prefix_len,
                          uint32_t *context, int *has_context, ipcfg_error *err)
{
    lx_ctx *x = b->ctx;
    ipcfg_nlreq req;
    ipcfg_nl_result res;
    find_addr f;
    char as[IPCFG_IPSTR_MAX];
    int e, st;

    if (context != NULL)
        *context = 0;
    if (has_context != NULL)
        *has_context = 0;
    if (addr->family != IPCFG_AF_INET4 || prefix_len > 32 ||
        ipcfg_nlreq_addr4(&req, 0, ad->ifindex, addr->bytes, prefix_len) != 0) {
        ipcfg_error_set(err, IPCFG_E_USAGE, IPCFG_R_NONE, "/add takes an IPv4 address and mask.");
        return (int)err->status;
    }
    ipcfg_ip_str(addr, as, sizeof as);

    /* As with AddIPAddress, an address the host already holds (with any
     * mask, on any interface) is a conflict: the kernel itself would accept
     * it with another prefix length or on another link, and /delete could
     * then no longer name it unambiguously. */
    st = find_ip4(x, addr, &f, err);
    if (st != 0)
        return st;
    if (f.n > 0) {
        char names[IPCFG_ERRTEXT_MAX / 2];
        /* The kernel checks privileges first; so does this answer. */
        if (ipcfg_lx_has_net_admin() == 0) {
            find_addr_free(&f);
            return change_failed(err, EPERM, NULL, as, ad->name, 0);
        }
        hit_names(x, &f, names, sizeof names);
        find_addr_free(&f);
        ipcfg_error_set(err, IPCFG_E_CONFLICT, IPCFG_R_EXISTS, "The address %s already exists on %s.", as,
                        names[0] ? names : ad->name);
        err->sys_code = EEXIST;
        err->has_sys_code = 1;
        return (int)err->status;
    }
    find_addr_free(&f);

    e = ipcfg_nlsock_transact(&x->nl, req.buf, req.len, NULL, &res);
    if (e != 0)
        return dump_failed(err, e, &res, "answer to the address request");
    if (!res.acked)
        return dump_failed(err, 0, &res, "answer to the address request");
    if (res.error != 0)
        return change_failed(err, res.error, res.extack, as, ad->name, 0);
    return 0;
}

static int lx_delete_address(ipcfg_backend *b, const ipcfg_delete_target *t, ipcfg_error *err)
{
    lx_ctx *x = b->ctx;
    find_addr f;
    ipcfg_nl_result res;
    ipcfg_nlreq req;
    char as[IPCFG_IPSTR_MAX];
    size_t i;
    int e, st = 0;

    if (t->by_context) {
        ipcfg_error_set(err, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP,
                        "NTE contexts exist only on Windows; name the address instead.");
        return (int)err->status;
    }
    if (t->addr.family != IPCFG_AF_INET4) {
        ipcfg_error_set(err, IPCFG_E_USAGE, IPCFG_R_NONE, "/delete takes an IPv4 address.");
        return (int)err->status;
    }
    ipcfg_ip_str(&t->addr, as, sizeof as);

    st = find_ip4(x, &t->addr, &f, err);
    if (st != 0)
        return st;
    if (f.n == 0) {
        find_addr_free(&f);
        ipcfg_error_set(err, IPCFG_E_STATE, IPCFG_R_NOT_FOUND, "The address %s was not found.", as);
        return (int)err->status;
    }
    for (i = 1; i < f.n; i++) {
        if (f.hits[i].ifindex != f.hits[0].ifindex) {
            char names[IPCFG_ERRTEXT_MAX / 2];
            hit_names(x, &f, names, sizeof names);
            ipcfg_error_set(err, IPCFG_E_USAGE, IPCFG_R_NONE,
                            "The address %s is on more than one interface (%s); remove it with ip addr del.", as,
                            names);
            find_addr_free(&f);
            return (int)err->status;
        }
    }
    st = guard_secondaries(&f, as, err);
    if (st != 0) {
        find_addr_free(&f);
        return st;
    }
    /* One interface; the same address may be there with more than one
     * prefix length: each is that address, remove them all. */
    for (i = 0; i < f.n && st == 0; i++) {
        char ifname[32];
        if (ipcfg_nlreq_addr4(&req, 1, f.hits[i].ifindex, t->addr.bytes, f.hits[i].prefix) != 0) {
            ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "The kernel reported an invalid address.");
            st = (int)err->status;
            break;
        }
        e = ipcfg_nlsock_transact(&x->nl, req.buf, req.len, NULL, &res);
        if (e != 0 || !res.acked) {
            st = dump_failed(err, e, &res, "answer to the address request");
        } else if (res.error != 0) {
            snprintf(ifname, sizeof ifname, "with index %u", (unsigned)f.hits[i].ifindex);
            st = change_failed(err, res.error, res.extack, as, ifname, 1);
        }
    }
    find_addr_free(&f);
    return st;
}

/* ---- lifetime ---- */

static void lx_destroy(ipcfg_backend *b)
{
    lx_ctx *x = b->ctx;

    if (x != NULL) {
        ipcfg_nlsock_close(&x->nl);
        free(x);
    }
    b->ctx = NULL;
}

int ipcfg_platform_backend(ipcfg_backend *out, ipcfg_error *err)
{
    lx_ctx *x;
    int e;

    memset(out, 0, sizeof *out);
    x = calloc(1, sizeof *x);
    if (x == NULL) {
        ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "Out of memory.");
        return (int)err->status;
    }
    e = ipcfg_nlsock_open(&x->nl);
    if (e != 0) {
        set_errno_text(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, -e, "Cannot open the rtnetlink socket", NULL);
        free(x);
        return (int)err->status;
    }
    out->title = "Linux IP Configuration";
    out->platform = "linux";
    out->ctx = x;
    out->list = lx_list;
    out->addrtable = lx_addrtable;
    out->add_address = lx_add_address;
    out->delete_address = lx_delete_address;
    out->release = ipcfg_lx_dhcp_release;
    out->renew = ipcfg_lx_dhcp_renew;
    out->destroy = lx_destroy;
    return 0;
}
