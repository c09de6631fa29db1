/* ipcfg — unit tests of the rtnetlink parser (src/linux/nlparse.c) with
 * hand-built valid and malformed messages.
 * SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <errno.h>
#include <linux/if.h>
#include <linux/if_arp.h>

#include "nlbuild.h"
#include "netlink/nlparse.h"

#define SEQ 4242u

static const uint8_t MAC[6] = {0x02, 0x11, 0x22, 0x33, 0x44, 0x55};
static const uint8_t A4[4] = {10, 9, 0, 5};
static const uint8_t B4[4] = {10, 9, 0, 255};
static const uint8_t GW4[4] = {10, 9, 0, 1};
static const uint8_t GW4B[4] = {10, 9, 0, 2};
static const uint8_t LL6[16] = {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55};
static const uint8_t GU6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

/* Parses a copy of buf in an exactly-sized heap block (so that ASan sees
 * any read past the end), at an odd address (so that UBSan sees any
 * misaligned access). */
typedef struct counts {
    int links, addrs, routes, nexthops, abort_after;
    ipcfg_nl_link last_link;
    ipcfg_nl_addr last_addr;
    ipcfg_nl_route last_route;
    ipcfg_nl_nhobj last_nh;
} counts;

static int c_link(void *ctx, const ipcfg_nl_link *l)
{
    counts *c = ctx;
    c->links++;
    c->last_link = *l;
    return c->abort_after && c->links >= c->abort_after;
}
static int c_addr(void *ctx, const ipcfg_nl_addr *a)
{
    counts *c = ctx;
    c->addrs++;
    c->last_addr = *a;
    return 0;
}
static int c_route(void *ctx, const ipcfg_nl_route *r)
{
    counts *c = ctx;
    c->routes++;
    c->last_route = *r;
    return 0;
}

static int c_nexthop(void *ctx, const ipcfg_nl_nhobj *o)
{
    counts *c = ctx;
    c->nexthops++;
    c->last_nh = *o;
    return 0;
}

static ipcfg_nl_status parse_copy(const uint8_t *buf, size_t len, counts *c, ipcfg_nl_result *res)
{
    uint8_t *m = malloc(len + 1);
    ipcfg_nl_visitor v = {c, c_link, c_addr, c_route, c_nexthop};
    ipcfg_nl_status st;
    assert_non_null(m);
    memcpy(m + 1, buf, len);
    memset(res, 0, sizeof(*res));
    st = ipcfg_nl_parse(m + 1, len, SEQ, 0, &v, res);
    free(m);
    return st;
}

/* Payload (after the nlmsghdr) of the single message in b, as a heap copy. */
static uint8_t *payload_copy(const nlb *b, size_t *len)
{
    uint32_t mlen;
    uint8_t *p;
    memcpy(&mlen, b->buf, 4);
    *len = mlen - 16;
    p = malloc(*len ? *len : 1);
    assert_non_null(p);
    memcpy(p, b->buf + 16, *len);
    return p;
}

static void test_link_valid(void **state)
{
    nlb b;
    size_t len;
    uint8_t *p;
    ipcfg_nl_link l;
    (void)state;
    nlb_init(&b);
    nlb_link(&b, SEQ, 7, ARPHRD_ETHER, IFF_UP | IFF_LOWER_UP, "veth0", IF_OPER_UP, MAC, 6, "veth");
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_link_parse(p, len, &l), 0);
    assert_int_equal(l.ifindex, 7);
    assert_int_equal(l.type, ARPHRD_ETHER);
    assert_int_equal(l.flags, IFF_UP | IFF_LOWER_UP);
    assert_string_equal(l.name, "veth0");
    assert_true(l.has_operstate);
    assert_int_equal(l.operstate, IF_OPER_UP);
    assert_int_equal(l.hwaddr_len, 6);
    assert_memory_equal(l.hwaddr, MAC, 6);
    assert_string_equal(l.kind, "veth");
    free(p);

    /* No kind, no operstate, no address. */
    nlb_init(&b);
    nlb_link(&b, SEQ, 1, ARPHRD_LOOPBACK, IFF_UP | IFF_LOOPBACK, "lo", -1, NULL, 0, NULL);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_link_parse(p, len, &l), 0);
    assert_string_equal(l.name, "lo");
    assert_false(l.has_operstate);
    assert_int_equal(l.hwaddr_len, 0);
    assert_string_equal(l.kind, "");
    free(p);
}

static void test_link_malformed(void **state)
{
    nlb b;
    size_t len;
    uint8_t *p;
    ipcfg_nl_link l;
    char longname[80];
    uint8_t bighw[40] = {1};
    (void)state;

    /* Header shorter than struct ifinfomsg. */
    nlb_init(&b);
    nlb_link(&b, SEQ, 7, ARPHRD_ETHER, 0, "e", IF_OPER_UP, MAC, 6, NULL);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_link_parse(p, 15, &l), -1);
    assert_int_equal(ipcfg_nl_link_parse(NULL, 0, &l), -1);
    /* rta_len below 4 in the first attribute. */
    nlb_u16at(&b, 32, 3);
    free(p);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_link_parse(p, len, &l), -1);
    /* rta_len past the end. */
    nlb_u16at(&b, 32, 0x400);
    free(p);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_link_parse(p, len, &l), -1);
    free(p);
    /* Truncated inside the attributes: 2 stray bytes. */
    nlb_init(&b);
    nlb_link(&b, SEQ, 7, ARPHRD_ETHER, 0, "e", IF_OPER_UP, MAC, 6, NULL);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_link_parse(p, 16 + 2, &l), -1);
    free(p);

    /* Missing name, over-long name, non-positive index. */
    nlb_init(&b);
    nlb_link(&b, SEQ, 7, ARPHRD_ETHER, 0, NULL, IF_OPER_UP, MAC, 6, NULL);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_link_parse(p, len, &l), -1);
    free(p);
    memset(longname, 'n', sizeof(longname) - 1);
    longname[sizeof(longname) - 1] = '\0';
    nlb_init(&b);
    nlb_link(&b, SEQ, 7, ARPHRD_ETHER, 0, longname, IF_OPER_UP, MAC, 6, NULL);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_link_parse(p, len, &l), -1);
    free(p);
    nlb_init(&b);
    nlb_link(&b, SEQ, 0, ARPHRD_ETHER, 0, "e", IF_OPER_UP, MAC, 6, NULL);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_link_parse(p, len, &l), -1);
    free(p);
    nlb_init(&b);
    nlb_link(&b, SEQ, -3, ARPHRD_ETHER, 0, "e", IF_OPER_UP, MAC, 6, NULL);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_link_parse(p, len, &l), -1);
    free(p);

    /* Wrong sizes: 2-byte operstate, 40-byte hardware address. */
    nlb_init(&b);
    {
        struct ifinfomsg ifi;
        uint16_t two = 0x0606;
        memset(&ifi, 0, sizeof(ifi));
        ifi.ifi_index = 3;
        nlb_begin(&b, RTM_NEWLINK, 0, SEQ, 0);
        nlb_raw(&b, &ifi, sizeof(ifi));
        nlb_str(&b, IFLA_IFNAME, "e");
        nlb_attr(&b, IFLA_OPERSTATE, &two, 2);
        nlb_end(&b);
    }
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_link_parse(p, len, &l), -1);
    free(p);
    nlb_init(&b);
    nlb_link(&b, SEQ, 7, ARPHRD_ETHER, 0, "e", IF_OPER_UP, bighw, sizeof(bighw), NULL);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_link_parse(p, len, &l), -1);
    free(p);

    /* Nested IFLA_LINKINFO whose inner attribute overruns the nest. */
    nlb_init(&b);
    {
        struct ifinfomsg ifi;
        size_t inner;
        memset(&ifi, 0, sizeof(ifi));
        ifi.ifi_index = 3;
        nlb_begin(&b, RTM_NEWLINK, 0, SEQ, 0);
        nlb_raw(&b, &ifi, sizeof(ifi));
        nlb_str(&b, IFLA_IFNAME, "e");
        nlb_nest(&b, IFLA_LINKINFO);
        inner = b.len;
        nlb_str(&b, IFLA_INFO_KIND, "veth");
        nlb_nest_end(&b);
        nlb_str(&b, IFLA_QDISC, "noqueue");
        nlb_end(&b);
        nlb_u16at(&b, inner, 40); /* inner length reaches into IFLA_QDISC */
    }
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_link_parse(p, len, &l), -1);
    free(p);
}

static void test_addr_valid(void **state)
{
    nlb b;
    size_t len;
    uint8_t *p;
    ipcfg_nl_addr a;
    (void)state;

    nlb_init(&b);
    nlb_addr(&b, SEQ, AF_INET, 24, IFA_F_PERMANENT, IFA_F_PERMANENT | IFA_F_NOPREFIXROUTE, RT_SCOPE_UNIVERSE, 7, A4,
             B4, 0xFFFFFFFFu, 0xFFFFFFFFu);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_addr_parse(p, len, &a), 0);
    assert_int_equal(a.family, AF_INET);
    assert_int_equal(a.prefixlen, 24);
    assert_int_equal(a.flags, IFA_F_PERMANENT | IFA_F_NOPREFIXROUTE); /* IFA_FLAGS wins over the u8 */
    assert_int_equal(a.ifindex, 7);
    assert_int_equal(a.addr_len, 4);
    assert_true(a.has_local && a.has_address && a.has_broadcast);
    assert_memory_equal(a.local, A4, 4);
    assert_memory_equal(a.broadcast, B4, 4);
    assert_true(a.has_cacheinfo);
    assert_int_equal(a.valid_lft, 0xFFFFFFFFu);
    free(p);

    nlb_init(&b);
    nlb_addr(&b, SEQ, AF_INET6, 64, IFA_F_TENTATIVE, 0, RT_SCOPE_LINK, 9, LL6, NULL, 1800, 3600);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_addr_parse(p, len, &a), 0);
    assert_int_equal(a.family, AF_INET6);
    assert_int_equal(a.flags, IFA_F_TENTATIVE);
    assert_int_equal(a.scope, RT_SCOPE_LINK);
    assert_false(a.has_local);
    assert_true(a.has_address);
    assert_memory_equal(a.address, LL6, 16);
    assert_int_equal(a.preferred_lft, 1800);
    assert_int_equal(a.valid_lft, 3600);
    free(p);
}

static void test_addr_malformed(void **state)
{
    nlb b;
    size_t len;
    uint8_t *p;
    ipcfg_nl_addr a;
    struct ifaddrmsg ifa;
    uint8_t five[5] = {1, 2, 3, 4, 5};
    uint8_t three[3] = {0};
    uint32_t ci[2] = {1, 2};
    (void)state;

    /* Short ifaddrmsg. */
    nlb_init(&b);
    nlb_addr(&b, SEQ, AF_INET, 24, 0, 0, 0, 7, A4, NULL, 1, 1);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_addr_parse(p, 7, &a), -1);
    free(p);
    /* Prefix longer than the family allows. */
    nlb_init(&b);
    nlb_addr(&b, SEQ, AF_INET, 33, 0, 0, 0, 7, A4, NULL, 1, 1);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_addr_parse(p, len, &a), -1);
    free(p);
    nlb_init(&b);
    nlb_addr(&b, SEQ, AF_INET6, 129, 0, 0, 0, 7, GU6, NULL, 1, 1);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_addr_parse(p, len, &a), -1);
    free(p);
    /* Index 0. */
    nlb_init(&b);
    nlb_addr(&b, SEQ, AF_INET, 24, 0, 0, 0, 0, A4, NULL, 1, 1);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_addr_parse(p, len, &a), -1);
    free(p);

    memset(&ifa, 0, sizeof(ifa));
    ifa.ifa_family = AF_INET;
    ifa.ifa_prefixlen = 24;
    ifa.ifa_index = 2;
    /* A 5-byte IPv4 IFA_LOCAL. */
    nlb_init(&b);
    nlb_begin(&b, RTM_NEWADDR, 0, SEQ, 0);
    nlb_raw(&b, &ifa, sizeof(ifa));
    nlb_attr(&b, IFA_LOCAL, five, sizeof(five));
    nlb_end(&b);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_addr_parse(p, len, &a), -1);
    free(p);
    /* An IPv6 address in an IPv4 message. */
    nlb_init(&b);
    nlb_begin(&b, RTM_NEWADDR, 0, SEQ, 0);
    nlb_raw(&b, &ifa, sizeof(ifa));
    nlb_attr(&b, IFA_ADDRESS, GU6, 16);
    nlb_end(&b);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_addr_parse(p, len, &a), -1);
    free(p);
    /* 3-byte IFA_FLAGS. */
    nlb_init(&b);
    nlb_begin(&b, RTM_NEWADDR, 0, SEQ, 0);
    nlb_raw(&b, &ifa, sizeof(ifa));
    nlb_attr(&b, IFA_FLAGS, three, sizeof(three));
    nlb_end(&b);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_addr_parse(p, len, &a), -1);
    free(p);
    /* Short IFA_CACHEINFO. */
    nlb_init(&b);
    nlb_begin(&b, RTM_NEWADDR, 0, SEQ, 0);
    nlb_raw(&b, &ifa, sizeof(ifa));
    nlb_attr(&b, IFA_CACHEINFO, ci, sizeof(ci));
    nlb_end(&b);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_addr_parse(p, len, &a), -1);
    free(p);

    /* An unknown family: accepted, nothing decoded. */
    ifa.ifa_family = AF_PACKET;
    ifa.ifa_prefixlen = 200;
    nlb_init(&b);
    nlb_begin(&b, RTM_NEWADDR, 0, SEQ, 0);
    nlb_raw(&b, &ifa, sizeof(ifa));
    nlb_attr(&b, IFA_LOCAL, five, sizeof(five));
    nlb_end(&b);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_addr_parse(p, len, &a), 0);
    assert_int_equal(a.addr_len, 0);
    assert_false(a.has_local);
    free(p);
}

static void test_route_valid(void **state)
{
    nlb b;
    size_t len, at;
    uint8_t *p;
    ipcfg_nl_route r;
    ipcfg_nl_nh_iter it;
    ipcfg_nl_nexthop nh;
    (void)state;

    nlb_init(&b);
    nlb_route(&b, SEQ, AF_INET, 0, RT_TABLE_MAIN, RTN_UNICAST, GW4, 7);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_route_parse(p, len, &r), 0);
    assert_int_equal(r.family, AF_INET);
    assert_int_equal(r.dst_len, 0);
    assert_int_equal(r.table, RT_TABLE_MAIN);
    assert_int_equal(r.type, RTN_UNICAST);
    assert_true(r.has_gateway);
    assert_int_equal(r.gw_family, AF_INET);
    assert_memory_equal(r.gateway, GW4, 4);
    assert_true(r.has_oif);
    assert_int_equal(r.oif, 7);
    assert_null(r.multipath);
    free(p);

    /* Multipath with two nexthops, one without a gateway. */
    nlb_init(&b);
    at = nlb_mp_begin(&b, SEQ, AF_INET);
    nlb_nexthop(&b, AF_INET, GW4, 7);
    nlb_nexthop(&b, AF_INET, GW4B, 8);
    nlb_nexthop(&b, AF_INET, NULL, 9);
    nlb_mp_end(&b, at);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_route_parse(p, len, &r), 0);
    assert_non_null(r.multipath);
    assert_int_equal(r.n_nexthops, 3);
    assert_false(r.has_gateway);
    ipcfg_nl_nh_iter_init(&it, &r);
    assert_int_equal(ipcfg_nl_nexthop_next(&it, &nh), 1);
    assert_int_equal(nh.ifindex, 7);
    assert_true(nh.has_gateway);
    assert_memory_equal(nh.gateway, GW4, 4);
    assert_int_equal(ipcfg_nl_nexthop_next(&it, &nh), 1);
    assert_int_equal(nh.ifindex, 8);
    assert_memory_equal(nh.gateway, GW4B, 4);
    assert_int_equal(ipcfg_nl_nexthop_next(&it, &nh), 1);
    assert_int_equal(nh.ifindex, 9);
    assert_false(nh.has_gateway);
    assert_int_equal(ipcfg_nl_nexthop_next(&it, &nh), 0);
    free(p);

    /* IPv6 link-local gateway; IPv4 route via an IPv6 gateway (RTA_VIA). */
    nlb_init(&b);
    nlb_route(&b, SEQ, AF_INET6, 0, RT_TABLE_MAIN, RTN_UNICAST, LL6, 3);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_route_parse(p, len, &r), 0);
    assert_int_equal(r.gw_family, AF_INET6);
    assert_memory_equal(r.gateway, LL6, 16);
    free(p);
    nlb_init(&b);
    {
        struct rtmsg rtm;
        uint8_t via[18];
        uint16_t fam = AF_INET6;
        memset(&rtm, 0, sizeof(rtm));
        rtm.rtm_family = AF_INET;
        rtm.rtm_table = RT_TABLE_MAIN;
        rtm.rtm_type = RTN_UNICAST;
        memcpy(via, &fam, 2);
        memcpy(via + 2, LL6, 16);
        nlb_begin(&b, RTM_NEWROUTE, 0, SEQ, 0);
        nlb_raw(&b, &rtm, sizeof(rtm));
        nlb_attr(&b, RTA_VIA, via, sizeof(via));
        nlb_u32(&b, RTA_OIF, 4);
        nlb_end(&b);
    }
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_route_parse(p, len, &r), 0);
    assert_true(r.has_gateway);
    assert_int_equal(r.gw_family, AF_INET6);
    assert_memory_equal(r.gateway, LL6, 16);
    free(p);
}

static void test_route_malformed(void **state)
{
    nlb b;
    size_t len, at;
    uint8_t *p;
    ipcfg_nl_route r;
    struct rtmsg rtm;
    uint16_t two = 1;
    (void)state;

    nlb_init(&b);
    nlb_route(&b, SEQ, AF_INET, 0, RT_TABLE_MAIN, RTN_UNICAST, GW4, 7);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_route_parse(p, 11, &r), -1);
    free(p);
    nlb_init(&b);
    nlb_route(&b, SEQ, AF_INET, 33, RT_TABLE_MAIN, RTN_UNICAST, GW4, 7);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_route_parse(p, len, &r), -1);
    free(p);

    memset(&rtm, 0, sizeof(rtm));
    rtm.rtm_family = AF_INET;
    /* 2-byte RTA_OIF, 16-byte IPv4 gateway, 2-byte table, short RTA_VIA. */
    nlb_init(&b);
    nlb_begin(&b, RTM_NEWROUTE, 0, SEQ, 0);
    nlb_raw(&b, &rtm, sizeof(rtm));
    nlb_attr(&b, RTA_OIF, &two, 2);
    nlb_end(&b);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_route_parse(p, len, &r), -1);
    free(p);
    nlb_init(&b);
    nlb_begin(&b, RTM_NEWROUTE, 0, SEQ, 0);
    nlb_raw(&b, &rtm, sizeof(rtm));
    nlb_attr(&b, RTA_GATEWAY, GU6, 16);
    nlb_end(&b);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_route_parse(p, len, &r), -1);
    free(p);
    nlb_init(&b);
    nlb_begin(&b, RTM_NEWROUTE, 0, SEQ, 0);
    nlb_raw(&b, &rtm, sizeof(rtm));
    nlb_attr(&b, RTA_TABLE, &two, 2);
    nlb_end(&b);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_route_parse(p, len, &r), -1);
    free(p);
    nlb_init(&b);
    nlb_begin(&b, RTM_NEWROUTE, 0, SEQ, 0);
    nlb_raw(&b, &rtm, sizeof(rtm));
    nlb_attr(&b, RTA_VIA, &two, 1);
    nlb_end(&b);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_route_parse(p, len, &r), -1);
    free(p);

    /* Multipath: rtnh_len < 8; rtnh_len past the attribute; bad gateway
     * size inside a nexthop; negative ifindex. */
    nlb_init(&b);
    at = nlb_mp_begin(&b, SEQ, AF_INET);
    nlb_nexthop(&b, AF_INET, GW4, 7);
    nlb_mp_end(&b, at);
    nlb_u16at(&b, at + 4, 7);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_route_parse(p, len, &r), -1);
    free(p);
    nlb_u16at(&b, at + 4, 200);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_route_parse(p, len, &r), -1);
    free(p);
    nlb_init(&b);
    at = nlb_mp_begin(&b, SEQ, AF_INET);
    nlb_nexthop(&b, AF_INET6, GU6, 7); /* 16-byte gateway in an IPv4 route */
    nlb_mp_end(&b, at);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_route_parse(p, len, &r), -1);
    free(p);
    nlb_init(&b);
    at = nlb_mp_begin(&b, SEQ, AF_INET);
    nlb_nexthop(&b, AF_INET, GW4, -1);
    nlb_mp_end(&b, at);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_route_parse(p, len, &r), -1);
    free(p);
    /* 4 stray bytes after a valid nexthop (less than a struct rtnexthop). */
    nlb_init(&b);
    at = nlb_mp_begin(&b, SEQ, AF_INET);
    nlb_nexthop(&b, AF_INET, GW4, 7);
    {
        uint32_t junk = 0x01010101;
        nlb_raw(&b, &junk, 4);
    }
    nlb_mp_end(&b, at);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_route_parse(p, len, &r), -1);
    free(p);
}

/* A typical dump answer: link, two addresses, two routes, DONE. */
static void build_dump(nlb *b)
{
    nlb_init(b);
    nlb_link(b, SEQ, 7, ARPHRD_ETHER, IFF_UP | IFF_LOWER_UP, "veth0", IF_OPER_UP, MAC, 6, "veth");
    nlb_addr(b, SEQ, AF_INET, 24, IFA_F_PERMANENT, 0, 0, 7, A4, B4, 0xFFFFFFFFu, 0xFFFFFFFFu);
    nlb_addr(b, SEQ, AF_INET6, 64, IFA_F_PERMANENT, 0, RT_SCOPE_LINK, 7, LL6, NULL, 0xFFFFFFFFu, 0xFFFFFFFFu);
    nlb_route(b, SEQ, AF_INET, 0, RT_TABLE_MAIN, RTN_UNICAST, GW4, 7);
    nlb_route(b, SEQ, AF_INET, 24, RT_TABLE_MAIN, RTN_UNICAST, NULL, 7);
    nlb_done(b, SEQ, 0);
}

static void test_walk_dump(void **state)
{
    nlb b;
    counts c;
    ipcfg_nl_result res;
    (void)state;

    build_dump(&b);
    memset(&c, 0, sizeof(c));
    assert_int_equal(parse_copy(b.buf, b.len, &c, &res), IPCFG_NL_END);
    assert_int_equal(c.links, 1);
    assert_int_equal(c.addrs, 2);
    assert_int_equal(c.routes, 2);
    assert_true(res.done);
    assert_false(res.acked);
    assert_int_equal(res.error, 0);
    assert_false(res.dump_intr);
    assert_string_equal(c.last_link.name, "veth0");

    /* Without the DONE: everything consumed, more to come. */
    memset(&c, 0, sizeof(c));
    assert_int_equal(parse_copy(b.buf, b.len - 20, &c, &res), IPCFG_NL_MORE);
    assert_int_equal(c.routes, 2);
    assert_false(res.done);

    /* Empty buffer. */
    memset(&res, 0, sizeof(res));
    assert_int_equal(ipcfg_nl_parse(NULL, 0, SEQ, 0, NULL, &res), IPCFG_NL_MORE);
    /* NULL visitor: messages skipped, DONE still seen. */
    memset(&res, 0, sizeof(res));
    assert_int_equal(ipcfg_nl_parse(b.buf, b.len, SEQ, 0, NULL, &res), IPCFG_NL_END);
    assert_true(res.done);
}

static void test_walk_every_truncation(void **state)
{
    nlb b;
    counts c;
    ipcfg_nl_result res;
    size_t cut;
    (void)state;

    build_dump(&b);
    /* Cut anywhere: either a clean message boundary (MORE, or END for the
     * whole buffer) or a rejection; never a crash or an overread (ASan). */
    for (cut = 0; cut <= b.len; cut++) {
        ipcfg_nl_status st;
        memset(&c, 0, sizeof(c));
        st = parse_copy(b.buf, cut, &c, &res);
        if (cut == b.len)
            assert_int_equal(st, IPCFG_NL_END);
        else
            assert_true(st == IPCFG_NL_MORE || st == IPCFG_NL_BAD);
    }
    /* And with the declared lengths of the first message lying. */
    for (cut = 0; cut < 64; cut++) {
        nlb t = b;
        nlb_u32at(&t, 0, (uint32_t)cut);
        memset(&c, 0, sizeof(c));
        (void)parse_copy(t.buf, t.len, &c, &res);
    }
}

static void test_walk_bad_headers(void **state)
{
    nlb b;
    counts c;
    ipcfg_nl_result res;
    (void)state;

    build_dump(&b);
    /* Fewer than 16 bytes. */
    memset(&c, 0, sizeof(c));
    assert_int_equal(parse_copy(b.buf, 15, &c, &res), IPCFG_NL_BAD);
    /* nlmsg_len < header. */
    nlb_u32at(&b, 0, 15);
    assert_int_equal(parse_copy(b.buf, b.len, &c, &res), IPCFG_NL_BAD);
    /* nlmsg_len > remaining. */
    nlb_u32at(&b, 0, (uint32_t)b.len + 4);
    assert_int_equal(parse_copy(b.buf, b.len, &c, &res), IPCFG_NL_BAD);
    nlb_u32at(&b, 0, 0xFFFFFFFFu);
    assert_int_equal(parse_copy(b.buf, b.len, &c, &res), IPCFG_NL_BAD);
    /* A malformed message of a type we decode rejects the buffer. */
    build_dump(&b);
    nlb_u16at(&b, 32, 2); /* first attribute of the link: rta_len 2 */
    memset(&c, 0, sizeof(c));
    assert_int_equal(parse_copy(b.buf, b.len, &c, &res), IPCFG_NL_BAD);
    assert_int_equal(c.links, 0);
    /* NLMSG_OVERRUN. */
    nlb_init(&b);
    nlb_begin(&b, NLMSG_OVERRUN, 0, SEQ, 0);
    nlb_end(&b);
    assert_int_equal(parse_copy(b.buf, b.len, &c, &res), IPCFG_NL_BAD);
}

static void test_walk_stale_and_flags(void **state)
{
    nlb b;
    counts c;
    ipcfg_nl_result res;
    ipcfg_nl_visitor v;
    (void)state;

    /* Messages of another sequence number are skipped (even a DONE). */
    nlb_init(&b);
    nlb_link(&b, SEQ - 1, 7, ARPHRD_ETHER, 0, "old", IF_OPER_UP, MAC, 6, NULL);
    nlb_done(&b, SEQ - 1, 0);
    nlb_link(&b, SEQ, 8, ARPHRD_ETHER, 0, "new", IF_OPER_UP, MAC, 6, NULL);
    memset(&c, 0, sizeof(c));
    assert_int_equal(parse_copy(b.buf, b.len, &c, &res), IPCFG_NL_MORE);
    assert_int_equal(c.links, 1);
    assert_string_equal(c.last_link.name, "new");
    assert_false(res.done);

    /* Port id filter. */
    memset(&c, 0, sizeof(c));
    memset(&res, 0, sizeof(res));
    v.ctx = &c;
    v.on_link = c_link;
    v.on_addr = c_addr;
    v.on_route = c_route;
    assert_int_equal(ipcfg_nl_parse(b.buf, b.len, SEQ, 99, &v, &res), IPCFG_NL_MORE);
    assert_int_equal(c.links, 0);

    /* NLM_F_DUMP_INTR is reported. */
    nlb_init(&b);
    nlb_link(&b, SEQ, 7, ARPHRD_ETHER, 0, "e", IF_OPER_UP, MAC, 6, NULL);
    nlb_u16at(&b, 6, NLM_F_MULTI | NLM_F_DUMP_INTR);
    nlb_done(&b, SEQ, 0);
    memset(&c, 0, sizeof(c));
    assert_int_equal(parse_copy(b.buf, b.len, &c, &res), IPCFG_NL_END);
    assert_true(res.dump_intr);

    /* A visitor that stops the walk. */
    nlb_init(&b);
    nlb_link(&b, SEQ, 7, ARPHRD_ETHER, 0, "a", IF_OPER_UP, MAC, 6, NULL);
    nlb_link(&b, SEQ, 8, ARPHRD_ETHER, 0, "b", IF_OPER_UP, MAC, 6, NULL);
    memset(&c, 0, sizeof(c));
    c.abort_after = 1;
    assert_int_equal(parse_copy(b.buf, b.len, &c, &res), IPCFG_NL_ABORT);
    assert_int_equal(c.links, 1);

    /* Unknown message types are skipped. */
    nlb_init(&b);
    nlb_begin(&b, RTM_NEWNEIGH, 0, SEQ, 0);
    nlb_raw(&b, "zz", 2);
    nlb_end(&b);
    nlb_done(&b, SEQ, 0);
    memset(&c, 0, sizeof(c));
    assert_int_equal(parse_copy(b.buf, b.len, &c, &res), IPCFG_NL_END);
}

static void test_error_and_done(void **state)
{
    nlb b;
    counts c;
    ipcfg_nl_result res;
    int e = 0;
    char ext[64];
    (void)state;

    /* ACK. */
    nlb_init(&b);
    nlb_error(&b, SEQ, 0, NULL);
    memset(&c, 0, sizeof(c));
    assert_int_equal(parse_copy(b.buf, b.len, &c, &res), IPCFG_NL_END);
    assert_true(res.acked);
    assert_int_equal(res.error, 0);
    assert_string_equal(res.extack, "");

    /* EEXIST with an extack message (control bytes become blanks). */
    nlb_init(&b);
    nlb_error(&b, SEQ, -EEXIST, "Address already\tassigned\n");
    assert_int_equal(parse_copy(b.buf, b.len, &c, &res), IPCFG_NL_END);
    assert_true(res.acked);
    assert_int_equal(res.error, EEXIST);
    assert_string_equal(res.extack, "Address already assigned");

    /* Not capped: the whole original message precedes the TLVs. */
    nlb_init(&b);
    {
        struct nlmsghdr orig;
        int32_t err = -EPERM;
        uint8_t body[8] = {1, 2, 3, 4, 5, 6, 7, 8};
        memset(&orig, 0, sizeof(orig));
        orig.nlmsg_len = (uint32_t)(sizeof(orig) + sizeof(body));
        nlb_begin(&b, NLMSG_ERROR, NLM_F_ACK_TLVS, SEQ, 0);
        nlb_raw(&b, &err, 4);
        nlb_raw(&b, &orig, sizeof(orig));
        nlb_raw(&b, body, sizeof(body));
        nlb_str(&b, NLMSGERR_ATTR_MSG, "denied");
        nlb_end(&b);
    }
    assert_int_equal(parse_copy(b.buf, b.len, &c, &res), IPCFG_NL_END);
    assert_int_equal(res.error, EPERM);
    assert_string_equal(res.extack, "denied");
    /* ... whose embedded length lies. */
    nlb_u32at(&b, 20, 0x7FFFFFFF);
    assert_int_equal(parse_copy(b.buf, b.len, &c, &res), IPCFG_NL_BAD);
    nlb_u32at(&b, 20, 3);
    assert_int_equal(parse_copy(b.buf, b.len, &c, &res), IPCFG_NL_BAD);

    /* Short NLMSG_ERROR payload. */
    assert_int_equal(ipcfg_nl_error_parse(b.buf + 16, 19, 0, &e, ext, sizeof(ext)), -1);
    assert_int_equal(ipcfg_nl_error_parse(NULL, 0, 0, &e, ext, sizeof(ext)), -1);
    nlb_init(&b);
    nlb_begin(&b, NLMSG_ERROR, 0, SEQ, 0);
    nlb_raw(&b, "\0\0\0\0", 4);
    nlb_end(&b);
    assert_int_equal(parse_copy(b.buf, b.len, &c, &res), IPCFG_NL_BAD);

    /* A dump that failed: DONE carrying -EINTR... and a plain DONE
     * without the int (old kernels). */
    nlb_init(&b);
    nlb_done(&b, SEQ, -EINTR);
    assert_int_equal(parse_copy(b.buf, b.len, &c, &res), IPCFG_NL_END);
    assert_true(res.done);
    assert_int_equal(res.error, EINTR);
    nlb_init(&b);
    nlb_begin(&b, NLMSG_DONE, 0, SEQ, 0);
    nlb_end(&b);
    assert_int_equal(parse_copy(b.buf, b.len, &c, &res), IPCFG_NL_END);
    assert_int_equal(res.error, 0);
}

/* Nexthop objects (RTM_NEWNEXTHOP) and routes naming them (RTA_NH_ID). */
static void test_nexthop_objects(void **state)
{
    nlb b;
    size_t len;
    uint8_t *p;
    ipcfg_nl_route r;
    ipcfg_nl_nhobj o;
    counts c;
    ipcfg_nl_result res;
    static const uint32_t members[3] = {10, 11, 12};
    (void)state;

    nlb_init(&b);
    nlb_route_nh(&b, SEQ, AF_INET, 20);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_route_parse(p, len, &r), 0);
    assert_true(r.has_nh_id);
    assert_int_equal(r.nh_id, 20);
    assert_false(r.has_gateway);
    assert_null(r.multipath);
    free(p);

    nlb_init(&b);
    nlb_nhobj(&b, SEQ, AF_INET, 10, GW4, 7, NULL, 0, 0);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_nhobj_parse(p, len, &o), 0);
    assert_int_equal(o.id, 10);
    assert_true(o.has_oif);
    assert_int_equal(o.oif, 7);
    assert_true(o.has_gateway);
    assert_int_equal(o.gw_family, AF_INET);
    assert_memory_equal(o.gateway, GW4, 4);
    assert_int_equal(o.n_group, 0);
    free(p);

    nlb_init(&b);
    nlb_nhobj(&b, SEQ, AF_INET6, 30, GU6, 8, NULL, 0, 0);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_nhobj_parse(p, len, &o), 0);
    assert_int_equal(o.gw_family, AF_INET6);
    assert_memory_equal(o.gateway, GU6, 16);
    free(p);

    nlb_init(&b);
    nlb_nhobj(&b, SEQ, AF_UNSPEC, 20, NULL, 0, members, 3, 0);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_nhobj_parse(p, len, &o), 0);
    assert_int_equal(o.n_group, 3);
    assert_int_equal(ipcfg_nl_nhobj_member(&o, 0), 10);
    assert_int_equal(ipcfg_nl_nhobj_member(&o, 2), 12);
    assert_int_equal(ipcfg_nl_nhobj_member(&o, 3), 0); /* out of range */
    assert_false(o.has_gateway);
    free(p);

    nlb_init(&b);
    nlb_nhobj(&b, SEQ, AF_INET, 40, NULL, 0, NULL, 0, 1);
    p = payload_copy(&b, &len);
    assert_int_equal(ipcfg_nl_nhobj_parse(p, len, &o), 0);
    assert_true(o.blackhole);
    free(p);

    /* the walk hands them to on_nexthop */
    nlb_init(&b);
    nlb_nhobj(&b, SEQ, AF_INET, 10, GW4, 7, NULL, 0, 0);
    nlb_nhobj(&b, SEQ, AF_UNSPEC, 20, NULL, 0, members, 2, 0);
    nlb_done(&b, SEQ, 0);
    memset(&c, 0, sizeof(c));
    assert_int_equal(parse_copy(b.buf, b.len, &c, &res), IPCFG_NL_END);
    assert_int_equal(c.nexthops, 2);
    assert_int_equal(c.last_nh.id, 20);

    /* malformed: every length is checked */
    {
        uint8_t m[64];
        uint32_t v32 = 5;
        /* header too short */
        memset(m, 0, sizeof(m));
        assert_int_equal(ipcfg_nl_nhobj_parse(m, 7, &o), -1);
        assert_int_equal(ipcfg_nl_nhobj_parse(NULL, 0, &o), -1);
        /* no NHA_ID: not an object */
        assert_int_equal(ipcfg_nl_nhobj_parse(m, 8, &o), -1);
        /* NHA_ID of 2 bytes */
        nlb_init(&b);
        nlb_begin(&b, RTM_NEWNEXTHOP, 0, SEQ, 0);
        nlb_raw(&b, m, 8);
        nlb_attr(&b, NHA_ID, &v32, 2);
        nlb_end(&b);
        p = payload_copy(&b, &len);
        assert_int_equal(ipcfg_nl_nhobj_parse(p, len, &o), -1);
        free(p);
        /* NHA_GATEWAY of 3 bytes for AF_INET */
        m[0] = AF_INET;
        nlb_init(&b);
        nlb_begin(&b, RTM_NEWNEXTHOP, 0, SEQ, 0);
        nlb_raw(&b, m, 8);
        nlb_u32(&b, NHA_ID, 5);
        nlb_attr(&b, NHA_GATEWAY, GW4, 3);
        nlb_end(&b);
        p = payload_copy(&b, &len);
        assert_int_equal(ipcfg_nl_nhobj_parse(p, len, &o), -1);
        free(p);
        /* NHA_OIF of 2 bytes */
        nlb_init(&b);
        nlb_begin(&b, RTM_NEWNEXTHOP, 0, SEQ, 0);
        nlb_raw(&b, m, 8);
        nlb_u32(&b, NHA_ID, 5);
        nlb_attr(&b, NHA_OIF, &v32, 2);
        nlb_end(&b);
        p = payload_copy(&b, &len);
        assert_int_equal(ipcfg_nl_nhobj_parse(p, len, &o), -1);
        free(p);
        /* NHA_GROUP not a whole number of entries, and empty */
        for (size_t glen = 0; glen < 16; glen += 12) {
            uint8_t g[16] = {0};
            nlb_init(&b);
            nlb_begin(&b, RTM_NEWNEXTHOP, 0, SEQ, 0);
            nlb_raw(&b, m, 8);
            nlb_u32(&b, NHA_ID, 5);
            nlb_attr(&b, NHA_GROUP, g, glen);
            nlb_end(&b);
            p = payload_copy(&b, &len);
            assert_int_equal(ipcfg_nl_nhobj_parse(p, len, &o), -1);
            free(p);
        }
        /* an attribute running past the message */
        nlb_init(&b);
        nlb_nhobj(&b, SEQ, AF_INET, 10, GW4, 7, NULL, 0, 0);
        p = payload_copy(&b, &len);
        assert_int_equal(ipcfg_nl_nhobj_parse(p, len - 2, &o), -1);
        free(p);
        /* the walk rejects the whole buffer */
        nlb_init(&b);
        nlb_begin(&b, RTM_NEWNEXTHOP, NLM_F_MULTI, SEQ, 0);
        nlb_raw(&b, m, 8);
        nlb_attr(&b, NHA_ID, &v32, 3);
        nlb_end(&b);
        memset(&c, 0, sizeof(c));
        assert_int_equal(parse_copy(b.buf, b.len, &c, &res), IPCFG_NL_BAD);
        /* RTA_NH_ID of 2 bytes */
        nlb_init(&b);
        {
            struct rtmsg rtm;
            memset(&rtm, 0, sizeof(rtm));
            rtm.rtm_family = AF_INET;
            nlb_begin(&b, RTM_NEWROUTE, 0, SEQ, 0);
            nlb_raw(&b, &rtm, sizeof(rtm));
            nlb_attr(&b, RTA_NH_ID, &v32, 2);
            nlb_end(&b);
        }
        p = payload_copy(&b, &len);
        assert_int_equal(ipcfg_nl_route_parse(p, len, &r), -1);
        free(p);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_link_valid),
        cmocka_unit_test(test_link_malformed),
        cmocka_unit_test(test_addr_valid),
        cmocka_unit_test(test_addr_malformed),
        cmocka_unit_test(test_route_valid),
        cmocka_unit_test(test_route_malformed),
        cmocka_unit_test(test_walk_dump),
        cmocka_unit_test(test_walk_every_truncation),
        cmocka_unit_test(test_walk_bad_headers),
        cmocka_unit_test(test_walk_stale_and_flags),
        cmocka_unit_test(test_error_and_done),
        cmocka_unit_test(test_nexthop_objects),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
