/* ipcfg tests — builds rtnetlink messages by hand, byte by byte, for the
 * parser's unit tests and the fuzzers' seed corpus.  Deliberately does not
 * reuse the product's request builder.
 * SPDX-License-Identifier: MIT */
#ifndef IPCFG_TEST_NLBUILD_H
#define IPCFG_TEST_NLBUILD_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/nexthop.h>
#include <linux/rtnetlink.h>

#define NLB_CAP 16384

typedef struct nlb {
    uint8_t buf[NLB_CAP];
    size_t len;
    size_t msg;       /* start of the open message */
    size_t nest[8];   /* starts of open nested attributes */
    int depth;
} nlb;

static inline void nlb_init(nlb *b) { memset(b, 0, sizeof(*b)); }

static inline void nlb_raw(nlb *b, const void *p, size_t n)
{
    if (b->len + n > NLB_CAP)
        return;
    memcpy(b->buf + b->len, p, n);
    b->len += n;
}

static inline void nlb_pad(nlb *b)
{
    while (b->len % 4 && b->len < NLB_CAP)
        b->buf[b->len++] = 0;
}

static inline void nlb_u16at(nlb *b, size_t off, uint16_t v) { memcpy(b->buf + off, &v, 2); }
static inline void nlb_u32at(nlb *b, size_t off, uint32_t v) { memcpy(b->buf + off, &v, 4); }

static inline void nlb_begin(nlb *b, uint16_t type, uint16_t flags, uint32_t seq, uint32_t pid)
{
    uint32_t zero = 0;
    nlb_pad(b);
    b->msg = b->len;
    nlb_raw(b, &zero, 4);
    nlb_raw(b, &type, 2);
    nlb_raw(b, &flags, 2);
    nlb_raw(b, &seq, 4);
    nlb_raw(b, &pid, 4);
}

static inline void nlb_end(nlb *b)
{
    nlb_pad(b);
    nlb_u32at(b, b->msg, (uint32_t)(b->len - b->msg));
}

static inline void nlb_attr(nlb *b, uint16_t type, const void *p, size_t n)
{
    uint16_t l = (uint16_t)(4 + n);
    nlb_pad(b);
    nlb_raw(b, &l, 2);
    nlb_raw(b, &type, 2);
    nlb_raw(b, p, n);
    nlb_pad(b);
}

static inline void nlb_u8(nlb *b, uint16_t type, uint8_t v) { nlb_attr(b, type, &v, 1); }
static inline void nlb_u32(nlb *b, uint16_t type, uint32_t v) { nlb_attr(b, type, &v, 4); }
static inline void nlb_str(nlb *b, uint16_t type, const char *s) { nlb_attr(b, type, s, strlen(s) + 1); }

static inline void nlb_nest(nlb *b, uint16_t type)
{
    uint16_t l = 0;
    type |= NLA_F_NESTED;
    nlb_pad(b);
    b->nest[b->depth++] = b->len;
    nlb_raw(b, &l, 2);
    nlb_raw(b, &type, 2);
}

static inline void nlb_nest_end(nlb *b)
{
    size_t s = b->nest[--b->depth];
    nlb_u16at(b, s, (uint16_t)(b->len - s));
}

/* RTM_NEWLINK with name, operstate, address and (optional) kind. */
static inline void nlb_link(nlb *b, uint32_t seq, int32_t ifindex, uint16_t type, uint32_t flags, const char *name,
                            int operstate, const uint8_t *hw, size_t hwlen, const char *kind)
{
    struct ifinfomsg ifi;
    memset(&ifi, 0, sizeof(ifi));
    ifi.ifi_family = AF_UNSPEC;
    ifi.ifi_type = type;
    ifi.ifi_index = ifindex;
    ifi.ifi_flags = flags;
    nlb_begin(b, RTM_NEWLINK, NLM_F_MULTI, seq, 0);
    nlb_raw(b, &ifi, sizeof(ifi));
    if (name)
        nlb_str(b, IFLA_IFNAME, name);
    nlb_u32(b, IFLA_MTU, 1500);
    if (operstate >= 0)
        nlb_u8(b, IFLA_OPERSTATE, (uint8_t)operstate);
    if (hw)
        nlb_attr(b, IFLA_ADDRESS, hw, hwlen);
    if (kind) {
        nlb_nest(b, IFLA_LINKINFO);
        nlb_str(b, IFLA_INFO_KIND, kind);
        nlb_nest_end(b);
    }
    nlb_end(b);
}

static inline void nlb_addr(nlb *b, uint32_t seq, uint8_t family, uint8_t prefix, uint8_t flags8, uint32_t flags32,
                            uint8_t scope, uint32_t ifindex, const uint8_t *local, const uint8_t *bcast,
                            uint32_t pref_lft, uint32_t valid_lft)
{
    struct ifaddrmsg ifa;
    size_t alen = family == AF_INET ? 4 : 16;
    uint32_t ci[4];
    memset(&ifa, 0, sizeof(ifa));
    ifa.ifa_family = family;
    ifa.ifa_prefixlen = prefix;
    ifa.ifa_flags = flags8;
    ifa.ifa_scope = scope;
    ifa.ifa_index = ifindex;
    nlb_begin(b, RTM_NEWADDR, NLM_F_MULTI, seq, 0);
    nlb_raw(b, &ifa, sizeof(ifa));
    nlb_attr(b, IFA_ADDRESS, local, alen);
    if (family == AF_INET)
        nlb_attr(b, IFA_LOCAL, local, alen);
    if (bcast)
        nlb_attr(b, IFA_BROADCAST, bcast, alen);
    nlb_str(b, IFA_LABEL, "x");
    if (flags32)
        nlb_u32(b, IFA_FLAGS, flags32);
    ci[0] = pref_lft;
    ci[1] = valid_lft;
    ci[2] = 100;
    ci[3] = 200;
    nlb_attr(b, IFA_CACHEINFO, ci, sizeof(ci));
    nlb_end(b);
}

/* RTM_NEWROUTE; gw may be NULL; oif 0 = none. */
static inline void nlb_route(nlb *b, uint32_t seq, uint8_t family, uint8_t dst_len, uint8_t table, uint8_t type,
                             const uint8_t *gw, uint32_t oif)
{
    struct rtmsg rtm;
    memset(&rtm, 0, sizeof(rtm));
    rtm.rtm_family = family;
    rtm.rtm_dst_len = dst_len;
    rtm.rtm_table = table;
    rtm.rtm_protocol = RTPROT_BOOT;
    rtm.rtm_scope = RT_SCOPE_UNIVERSE;
    rtm.rtm_type = type;
    nlb_begin(b, RTM_NEWROUTE, NLM_F_MULTI, seq, 0);
    nlb_raw(b, &rtm, sizeof(rtm));
    nlb_u32(b, RTA_TABLE, table);
    if (gw)
        nlb_attr(b, RTA_GATEWAY, gw, family == AF_INET ? 4 : 16);
    if (oif)
        nlb_u32(b, RTA_OIF, oif);
    nlb_end(b);
}

/* An RTM_NEWROUTE default route through nexthop object nh_id, as the
 * kernel dumps it with nexthop_compat_mode=0: RTA_NH_ID and nothing else. */
static inline void nlb_route_nh(nlb *b, uint32_t seq, uint8_t family, uint32_t nh_id)
{
    struct rtmsg rtm;
    memset(&rtm, 0, sizeof(rtm));
    rtm.rtm_family = family;
    rtm.rtm_table = RT_TABLE_MAIN;
    rtm.rtm_type = RTN_UNICAST;
    nlb_begin(b, RTM_NEWROUTE, NLM_F_MULTI, seq, 0);
    nlb_raw(b, &rtm, sizeof(rtm));
    nlb_u32(b, RTA_TABLE, RT_TABLE_MAIN);
    nlb_u32(b, RTA_NH_ID, nh_id);
    nlb_end(b);
}

/* An RTM_NEWNEXTHOP: a group when n_group > 0, else gw (may be NULL) on
 * oif (0 = none), or a blackhole. */
static inline void nlb_nhobj(nlb *b, uint32_t seq, uint8_t family, uint32_t id, const uint8_t *gw, uint32_t oif,
                             const uint32_t *group, size_t n_group, int blackhole)
{
    struct nhmsg nhm;
    memset(&nhm, 0, sizeof(nhm));
    nhm.nh_family = family;
    nlb_begin(b, RTM_NEWNEXTHOP, NLM_F_MULTI, seq, 0);
    nlb_raw(b, &nhm, sizeof(nhm));
    nlb_u32(b, NHA_ID, id);
    if (n_group) {
        struct nexthop_grp g[8];
        memset(g, 0, sizeof(g));
        for (size_t i = 0; i < n_group && i < 8; i++)
            g[i].id = group[i];
        nlb_attr(b, NHA_GROUP, g, (n_group < 8 ? n_group : 8) * sizeof(g[0]));
    } else if (blackhole) {
        static const uint8_t none = 0;
        nlb_attr(b, NHA_BLACKHOLE, &none, 0);
    } else {
        if (oif)
            nlb_u32(b, NHA_OIF, oif);
        if (gw)
            nlb_attr(b, NHA_GATEWAY, gw, family == AF_INET ? 4 : 16);
    }
    nlb_end(b);
}

/* Starts an RTM_NEWROUTE default route whose caller adds RTA_MULTIPATH
 * with nlb_nexthop(); finish with nlb_mp_end(). */
static inline size_t nlb_mp_begin(nlb *b, uint32_t seq, uint8_t family)
{
    struct rtmsg rtm;
    size_t at;
    uint16_t l = 0, t = RTA_MULTIPATH;
    memset(&rtm, 0, sizeof(rtm));
    rtm.rtm_family = family;
    rtm.rtm_table = RT_TABLE_MAIN;
    rtm.rtm_type = RTN_UNICAST;
    nlb_begin(b, RTM_NEWROUTE, NLM_F_MULTI, seq, 0);
    nlb_raw(b, &rtm, sizeof(rtm));
    nlb_u32(b, RTA_TABLE, RT_TABLE_MAIN);
    at = b->len;
    nlb_raw(b, &l, 2);
    nlb_raw(b, &t, 2);
    return at;
}

static inline void nlb_nexthop(nlb *b, uint8_t family, const uint8_t *gw, int32_t ifindex)
{
    size_t at = b->len;
    uint16_t l = 0;
    uint8_t fl = 0, hops = 0;
    nlb_raw(b, &l, 2);
    nlb_raw(b, &fl, 1);
    nlb_raw(b, &hops, 1);
    nlb_raw(b, &ifindex, 4);
    if (gw)
        nlb_attr(b, RTA_GATEWAY, gw, family == AF_INET ? 4 : 16);
    nlb_u16at(b, at, (uint16_t)(b->len - at));
}

static inline void nlb_mp_end(nlb *b, size_t at)
{
    nlb_u16at(b, at, (uint16_t)(b->len - at));
    nlb_end(b);
}

static inline void nlb_done(nlb *b, uint32_t seq, int32_t err)
{
    nlb_begin(b, NLMSG_DONE, NLM_F_MULTI, seq, 0);
    nlb_raw(b, &err, 4);
    nlb_end(b);
}

/* NLMSG_ERROR: capped (header only) with optional extack message. */
static inline void nlb_error(nlb *b, uint32_t seq, int32_t err, const char *extack)
{
    struct nlmsghdr orig;
    uint16_t flags = NLM_F_CAPPED | (extack ? NLM_F_ACK_TLVS : 0);
    memset(&orig, 0, sizeof(orig));
    orig.nlmsg_len = 40;
    orig.nlmsg_type = RTM_NEWADDR;
    orig.nlmsg_seq = seq;
    nlb_begin(b, NLMSG_ERROR, flags, seq, 0);
    nlb_raw(b, &err, 4);
    nlb_raw(b, &orig, sizeof(orig));
    if (extack)
        nlb_str(b, NLMSGERR_ATTR_MSG, extack);
    nlb_end(b);
}

#endif
