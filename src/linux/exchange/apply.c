/* ipcfg — applying a DHCP lease through rtnetlink (see exchange/apply.h).
 *
 * SPDX-License-Identifier: MIT
 */
#define _DEFAULT_SOURCE 1
#include "exchange/apply.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/if_addr.h>
#include <linux/rtnetlink.h>

#include "shared/error.h"
#include "netlink/nlreq.h"
#include "shared/secondaries.h"

/* The routes a lease stands for, in the order they are added: on-link
 * host routes to gateways outside the leased subnet first, then the
 * routes through them.  Option 121 replaces option 3 (RFC 3442). */
typedef struct rt {
    uint8_t dst[4];
    uint8_t plen;
    uint8_t gw[4]; /* 0.0.0.0: on-link */
} rt;

#define MAX_RT (2 * IPCFG_DHCP_MAX_ROUTES + 2)

static uint32_t be32(const uint8_t a[4])
{
    return (uint32_t)a[0] << 24 | (uint32_t)a[1] << 16 | (uint32_t)a[2] << 8 | a[3];
}

static int is_zero4(const uint8_t a[4])
{
    return be32(a) == 0;
}

static int in_subnet(const uint8_t a[4], const uint8_t net[4], unsigned plen)
{
    uint32_t m = plen == 0 ? 0 : plen >= 32 ? 0xffffffffu : ~((1u << (32 - plen)) - 1);
    return (be32(a) & m) == (be32(net) & m);
}

static int has_rt(const rt *v, size_t n, const rt *r)
{
    for (size_t i = 0; i < n; i++)
        if (memcmp(v[i].dst, r->dst, 4) == 0 && v[i].plen == r->plen && memcmp(v[i].gw, r->gw, 4) == 0)
            return 1;
    return 0;
}

static void push_rt(rt *v, size_t *n, const uint8_t dst[4], uint8_t plen, const uint8_t gw[4])
{
    rt r;
    uint32_t m = plen == 0 ? 0 : plen >= 32 ? 0xffffffffu : ~((1u << (32 - plen)) - 1);
    uint32_t d = be32(dst) & m;

    r.dst[0] = (uint8_t)(d >> 24);
    r.dst[1] = (uint8_t)(d >> 16);
    r.dst[2] = (uint8_t)(d >> 8);
    r.dst[3] = (uint8_t)d;
    r.plen = plen;
    memcpy(r.gw, gw, 4);
    if (*n < MAX_RT && !has_rt(v, *n, &r))
        v[(*n)++] = r;
}

static void gw_reach(rt *v, size_t *n, const ipcfg_dhcp_lease *l, const uint8_t gw[4])
{
    static const uint8_t zero[4];

    if (!is_zero4(gw) && !in_subnet(gw, l->address, l->prefix_len))
        push_rt(v, n, gw, 32, zero);
}

static size_t lease_routes(const ipcfg_dhcp_lease *l, rt *v)
{
    static const uint8_t zero[4];
    size_t n = 0;

    if (l->state != IPCFG_DHCP_LEASE_BOUND || is_zero4(l->address))
        return 0;
    if (l->n_routes > 0) {
        for (unsigned i = 0; i < l->n_routes && i < IPCFG_DHCP_MAX_ROUTES; i++)
            gw_reach(v, &n, l, l->routes[i].gateway);
        for (unsigned i = 0; i < l->n_routes && i < IPCFG_DHCP_MAX_ROUTES; i++)
            push_rt(v, &n, l->routes[i].dest, l->routes[i].prefix_len > 32 ? 32 : l->routes[i].prefix_len,
                    l->routes[i].gateway);
    } else if (l->n_routers > 0) {
        gw_reach(v, &n, l, l->routers[0]);
        push_rt(v, &n, zero, 0, l->routers[0]);
    }
    return n;
}

/* One request, its acknowledgement.  Returns 0 or the positive errno (a
 * local socket failure included; EBADMSG for no acknowledgement). */
static int transact(ipcfg_nlsock *nl, ipcfg_nlreq *req, char *extack, size_t xlen)
{
    ipcfg_nl_result res;
    int e;

    extack[0] = '\0';
    if (req->overflow)
        return EOVERFLOW;
    e = ipcfg_nlsock_transact(nl, req->buf, req->len, NULL, &res);
    if (e != 0)
        return -e;
    if (!res.acked)
        return EBADMSG;
    if (res.error != 0)
        snprintf(extack, xlen, "%s", res.extack);
    return res.error;
}

static void fmt4(char *buf, size_t len, const uint8_t a[4])
{
    snprintf(buf, len, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
}

/* ---- requests ---- */

static int addr_req(ipcfg_nlsock *nl, int del, uint32_t ifindex, const ipcfg_dhcp_lease *l, int64_t now_wall,
                    char *extack, size_t xlen)
{
    ipcfg_nlreq req;
    struct ifaddrmsg ifa;
    uint8_t bc[4];

    memset(&ifa, 0, sizeof ifa);
    ifa.ifa_family = AF_INET;
    ifa.ifa_prefixlen = l->prefix_len;
    ifa.ifa_scope = RT_SCOPE_UNIVERSE;
    ifa.ifa_index = ifindex;
    ipcfg_nlreq_init(&req, del ? RTM_DELADDR : RTM_NEWADDR,
                     (uint16_t)(NLM_F_REQUEST | NLM_F_ACK | (del ? 0 : NLM_F_CREATE | NLM_F_REPLACE)), &ifa,
                     sizeof ifa);
    (void)ipcfg_nlreq_attr(&req, IFA_LOCAL, l->address, 4);
    if (!del) {
        struct ifa_cacheinfo ci;
        uint8_t proto = IPCFG_LX_ADDR_PROTO;
        uint32_t left;

        (void)ipcfg_nlreq_attr(&req, IFA_ADDRESS, l->address, 4);
        if (ipcfg_nlreq_ip4_broadcast(l->address, l->prefix_len, bc) == 0)
            (void)ipcfg_nlreq_attr(&req, IFA_BROADCAST, bc, 4);
        if (l->lease_time == IPCFG_DHCP_INFINITE) {
            left = 0xffffffffu; /* forever: a permanent address */
        } else {
            int64_t rem = ipcfg_dhcp_lease_expires(l) - now_wall;
            left = rem <= 1 ? 1u : rem >= 0xfffffffeLL ? 0xfffffffeu : (uint32_t)rem;
        }
        memset(&ci, 0, sizeof ci);
        ci.ifa_prefered = left;
        ci.ifa_valid = left;
        (void)ipcfg_nlreq_attr(&req, IFA_CACHEINFO, &ci, sizeof ci);
        (void)ipcfg_nlreq_attr(&req, IFA_PROTO, &proto, 1);
    }
    return transact(nl, &req, extack, xlen);
}

static int route_req(ipcfg_nlsock *nl, int del, uint32_t ifindex, const ipcfg_dhcp_lease *l, const rt *r,
                     char *extack, size_t xlen)
{
    ipcfg_nlreq req;
    struct rtmsg rm;
    uint32_t prio = IPCFG_LX_METRIC_BASE + ifindex, table = RT_TABLE_MAIN, oif = ifindex;
    int onlink = is_zero4(r->gw);

    memset(&rm, 0, sizeof rm);
    rm.rtm_family = AF_INET;
    rm.rtm_dst_len = r->plen;
    rm.rtm_table = RT_TABLE_MAIN;
    rm.rtm_protocol = IPCFG_LX_RTPROT; /* on delete: only a route that is ipcfg's */
    rm.rtm_scope = del ? RT_SCOPE_NOWHERE : onlink ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE;
    rm.rtm_type = RTN_UNICAST;
    /* NLM_F_EXCL: a route with this key that is already there (ours from
     * the last renew, or someone else's) is left alone. */
    ipcfg_nlreq_init(&req, del ? RTM_DELROUTE : RTM_NEWROUTE,
                     (uint16_t)(NLM_F_REQUEST | NLM_F_ACK | (del ? 0 : NLM_F_CREATE | NLM_F_EXCL)), &rm, sizeof rm);
    if (r->plen > 0)
        (void)ipcfg_nlreq_attr(&req, RTA_DST, r->dst, 4);
    if (!onlink)
        (void)ipcfg_nlreq_attr(&req, RTA_GATEWAY, r->gw, 4);
    (void)ipcfg_nlreq_attr(&req, RTA_OIF, &oif, 4);
    (void)ipcfg_nlreq_attr(&req, RTA_PRIORITY, &prio, 4);
    (void)ipcfg_nlreq_attr(&req, RTA_TABLE, &table, 4);
    if (!del)
        (void)ipcfg_nlreq_attr(&req, RTA_PREFSRC, l->address, 4);
    return transact(nl, &req, extack, xlen);
}

static int remove_routes(ipcfg_nlsock *nl, uint32_t ifindex, const ipcfg_dhcp_lease *l, const rt *keep,
                         size_t nkeep, ipcfg_error *err)
{
    rt v[MAX_RT];
    size_t n = lease_routes(l, v);
    char extack[IPCFG_NL_EXTACK_MAX], what[128], d[16], g[16];

    /* Routes through a gateway before the on-link routes they need. */
    for (size_t k = n; k-- > 0;) {
        int e;
        if (has_rt(keep, nkeep, &v[k]))
            continue;
        e = route_req(nl, 1, ifindex, l, &v[k], extack, sizeof extack);
        if (e == 0 || e == ESRCH || e == ENOENT || e == ENODEV || e == EADDRNOTAVAIL)
            continue;
        fmt4(d, sizeof d, v[k].dst);
        fmt4(g, sizeof g, v[k].gw);
        snprintf(what, sizeof what, "Removing the route %s/%u via %s", d, v[k].plen, g);
        return ipcfg_lx_fail_lease_change(err, e, extack, what);
    }
    return 0;
}

int ipcfg_lx_dhcp_apply(ipcfg_nlsock *nl, uint32_t ifindex, const ipcfg_dhcp_lease *lease,
                        const ipcfg_dhcp_lease *old, int64_t now_wall, ipcfg_error *err)
{
    rt v[MAX_RT];
    size_t n;
    char extack[IPCFG_NL_EXTACK_MAX], what[160], a[16], g[16];
    int e, st;

    fmt4(a, sizeof a, lease->address);
    e = addr_req(nl, 0, ifindex, lease, now_wall, extack, sizeof extack);
    if (e != 0) {
        snprintf(what, sizeof what, "Adding %s/%u to %s", a, lease->prefix_len, lease->ifname);
        return ipcfg_lx_fail_lease_change(err, e, extack, what);
    }
    n = lease_routes(lease, v);
    if (old != NULL && old->state == IPCFG_DHCP_LEASE_BOUND && !is_zero4(old->address)) {
        if (memcmp(old->address, lease->address, 4) != 0 || old->prefix_len != lease->prefix_len) {
            st = ipcfg_lx_dhcp_unapply(nl, ifindex, old, err);
            if (st != 0)
                return st;
        } else {
            st = remove_routes(nl, ifindex, old, v, n, err);
            if (st != 0)
                return st;
        }
    }
    for (size_t i = 0; i < n; i++) {
        e = route_req(nl, 0, ifindex, lease, &v[i], extack, sizeof extack);
        if (e == 0 || e == EEXIST)
            continue;
        fmt4(a, sizeof a, v[i].dst);
        fmt4(g, sizeof g, v[i].gw);
        snprintf(what, sizeof what, "Adding the route %s/%u via %s on %s", a, v[i].plen, g, lease->ifname);
        return ipcfg_lx_fail_lease_change(err, e, extack, what);
    }
    return 0;
}

int ipcfg_lx_dhcp_unapply(ipcfg_nlsock *nl, uint32_t ifindex, const ipcfg_dhcp_lease *lease, ipcfg_error *err)
{
    char extack[IPCFG_NL_EXTACK_MAX], what[128], a[16];
    int e, st;

    if (lease->state != IPCFG_DHCP_LEASE_BOUND || is_zero4(lease->address))
        return 0;
    st = remove_routes(nl, ifindex, lease, NULL, 0, err);
    if (st != 0)
        return st;
    /* With promote_secondaries off, the kernel deletes every other address
     * of the subnet with a primary one: the new lease's address added a
     * moment ago, or one an administrator added by hand.  ipcfg turns it
     * on for the interface it runs DHCP on, as systemd-networkd does. */
    (void)ipcfg_lx_promote_secondaries_on(ifindex);
    e = addr_req(nl, 1, ifindex, lease, 0, extack, sizeof extack);
    if (e == 0 || e == EADDRNOTAVAIL || e == ENODEV)
        return 0;
    fmt4(a, sizeof a, lease->address);
    snprintf(what, sizeof what, "Removing %s/%u from %s", a, lease->prefix_len, lease->ifname);
    return ipcfg_lx_fail_lease_change(err, e, extack, what);
}

/* ---- DHCPv6 ---- */

int ipcfg_lx_dhcp6_addr_ok(const uint8_t a[16])
{
    static const uint8_t zero[16], mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

    if (memcmp(a, zero, 15) == 0 && (a[15] == 0 || a[15] == 1))
        return 0; /* unspecified, loopback */
    if (memcmp(a, mapped, 12) == 0 || a[0] == 0xff || (a[0] == 0xfe && (a[1] & 0xc0) == 0x80))
        return 0; /* IPv4-mapped, multicast, link-local */
    return 1;
}

/* What remains of a lifetime (seconds after l->obtained) at now_wall, as
 * the kernel takes it: 0xffffffff forever, else at least 1 second. */
static uint32_t left6(const ipcfg_dhcp6_lease *l, uint32_t life, int64_t now_wall)
{
    if (life == IPCFG_DHCP6_INFINITE)
        return 0xffffffffu;
    int64_t rem = ipcfg_dhcp6_lease_at(l, life) - now_wall;
    return rem <= 1 ? 1u : rem >= 0xfffffffeLL ? 0xfffffffeu : (uint32_t)rem;
}

static int addr6_req(ipcfg_nlsock *nl, int del, uint32_t ifindex, const ipcfg_dhcp6_lease *l,
                     const ipcfg_dhcp6_lease_addr *a, int64_t now_wall, char *extack, size_t xlen)
{
    ipcfg_nlreq req;
    struct ifaddrmsg ifa;

    memset(&ifa, 0, sizeof ifa);
    ifa.ifa_family = AF_INET6;
    ifa.ifa_prefixlen = 128;
    ifa.ifa_scope = RT_SCOPE_UNIVERSE;
    ifa.ifa_index = ifindex;
    ipcfg_nlreq_init(&req, del ? RTM_DELADDR : RTM_NEWADDR,
                     (uint16_t)(NLM_F_REQUEST | NLM_F_ACK | (del ? 0 : NLM_F_CREATE | NLM_F_REPLACE)), &ifa,
                     sizeof ifa);
    (void)ipcfg_nlreq_attr(&req, IFA_LOCAL, a->addr, 16);
    if (!del) {
        struct ifa_cacheinfo ci;
        uint8_t proto = IPCFG_LX_ADDR_PROTO;
        uint32_t flags = IFA_F_NOPREFIXROUTE;

        memset(&ci, 0, sizeof ci);
        ci.ifa_valid = left6(l, a->valid, now_wall);
        ci.ifa_prefered = left6(l, a->preferred, now_wall);
        if (ci.ifa_prefered > ci.ifa_valid)
            ci.ifa_prefered = ci.ifa_valid;
        (void)ipcfg_nlreq_attr(&req, IFA_ADDRESS, a->addr, 16);
        (void)ipcfg_nlreq_attr(&req, IFA_CACHEINFO, &ci, sizeof ci);
        (void)ipcfg_nlreq_attr(&req, IFA_FLAGS, &flags, sizeof flags);
        (void)ipcfg_nlreq_attr(&req, IFA_PROTO, &proto, 1);
    }
    return transact(nl, &req, extack, xlen);
}

/* Removes l's addresses that keep lacks (NULL: all of them). */
static int remove6(ipcfg_nlsock *nl, uint32_t ifindex, const ipcfg_dhcp6_lease *l, const ipcfg_dhcp6_lease *keep,
                   ipcfg_error *err)
{
    char extack[IPCFG_NL_EXTACK_MAX], what[128], t[INET6_ADDRSTRLEN];

    if (l->state != IPCFG_DHCP6_LEASE_BOUND)
        return 0;
    for (unsigned i = 0; i < l->n_addrs && i < IPCFG_DHCP6_MAX_ADDRS; i++) {
        if ((keep != NULL && ipcfg_dhcp6_lease_holds(keep, l->addrs[i].addr)) ||
            !ipcfg_lx_dhcp6_addr_ok(l->addrs[i].addr))
            continue;
        int e = addr6_req(nl, 1, ifindex, l, &l->addrs[i], 0, extack, sizeof extack);
        if (e == 0 || e == EADDRNOTAVAIL || e == ENODEV)
            continue;
        inet_ntop(AF_INET6, l->addrs[i].addr, t, sizeof t);
        snprintf(what, sizeof what, "Removing %s/128 from %s", t, l->ifname);
        return ipcfg_lx_fail_lease_change(err, e, extack, what);
    }
    return 0;
}

int ipcfg_lx_dhcp6_apply(ipcfg_nlsock *nl, uint32_t ifindex, const ipcfg_dhcp6_lease *lease,
                         const ipcfg_dhcp6_lease *old, int64_t now_wall, ipcfg_error *err)
{
    char extack[IPCFG_NL_EXTACK_MAX], what[160], t[INET6_ADDRSTRLEN];

    for (unsigned i = 0; lease->state == IPCFG_DHCP6_LEASE_BOUND && i < lease->n_addrs &&
                         i < IPCFG_DHCP6_MAX_ADDRS; i++) {
        const ipcfg_dhcp6_lease_addr *a = &lease->addrs[i];
        inet_ntop(AF_INET6, a->addr, t, sizeof t);
        /* re-checked here, whatever the engine and the lease parser said */
        if (!ipcfg_lx_dhcp6_addr_ok(a->addr) || a->valid == 0 || a->preferred > a->valid) {
            ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM,
                            "The DHCPv6 lease's address %s is not one to install; nothing of it was installed.", t);
            return IPCFG_E_FAILED;
        }
        int e = addr6_req(nl, 0, ifindex, lease, a, now_wall, extack, sizeof extack);
        if (e != 0) {
            snprintf(what, sizeof what, "Adding %s/128 to %s", t, lease->ifname);
            return ipcfg_lx_fail_lease_change(err, e, extack, what);
        }
    }
    return old != NULL ? remove6(nl, ifindex, old, lease, err) : 0;
}

int ipcfg_lx_dhcp6_unapply(ipcfg_nlsock *nl, uint32_t ifindex, const ipcfg_dhcp6_lease *lease, ipcfg_error *err)
{
    return remove6(nl, ifindex, lease, NULL, err);
}
