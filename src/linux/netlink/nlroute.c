/* ipcfg — rtnetlink route and nexthop-object parsers (Linux backend): RTM_NEWROUTE
 * with its gateways and multipath nexthops, RTM_NEWNEXTHOP with its groups.
 * See netlink/nlparse.h; the attribute walk is netlink/nlattr.h's.
 *
 * SPDX-License-Identifier: MIT
 */
#include "netlink/nlparse.h"
#include "netlink/nlattr.h"

#include <errno.h>
#include <string.h>

#include <linux/nexthop.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

/* ---- RTM_NEWROUTE ---- */

/* RTA_GATEWAY or RTA_VIA of a route or nexthop.  0 ok (maybe nothing set),
 * -1 malformed. */
static int parse_gateway(const attr *a, uint8_t route_family, int *has, uint8_t *gw_family,
                         uint8_t gw[16])
{
    if (a->type == RTA_GATEWAY) {
        size_t alen = family_addr_len(route_family);
        if (alen == 0)
            return 0;
        if (a->len != alen)
            return -1;
        memcpy(gw, a->data, alen);
        *gw_family = route_family;
        *has = 1;
        return 0;
    }
    if (a->type == RTA_VIA) {
        uint16_t fam;
        size_t alen;
        if (a->len < 2)
            return -1;
        fam = rd16(a->data);
        alen = fam <= 0xFF ? family_addr_len((uint8_t)fam) : 0;
        if (alen == 0)
            return 0; /* e.g. AF_PACKET (MPLS): not an IP gateway */
        if (a->len != 2 + alen)
            return -1;
        memcpy(gw, a->data + 2, alen);
        *gw_family = (uint8_t)fam;
        *has = 1;
        return 0;
    }
    return 0;
}

void ipcfg_nl_nh_iter_init(ipcfg_nl_nh_iter *it, const ipcfg_nl_route *r)
{
    it->p = r->multipath;
    it->rem = r->multipath ? (long)r->multipath_len : 0;
    it->family = r->family;
}

int ipcfg_nl_nexthop_next(ipcfg_nl_nh_iter *it, ipcfg_nl_nexthop *out)
{
    uint16_t nhlen;
    int32_t idx;
    attr_iter ai;
    attr a;
    long step;
    int r;

    memset(out, 0, sizeof(*out));
    if (it->rem == 0)
        return 0;
    if (it->p == NULL || it->rem < RTNH_LEN)
        return -1;
    nhlen = rd16(it->p);
    if (nhlen < RTNH_LEN || (long)nhlen > it->rem)
        return -1;
    out->flags = it->p[2];
    out->hops = it->p[3];
    idx = rds32(it->p + 4);
    if (idx < 0)
        return -1;
    out->ifindex = (uint32_t)idx;

    attr_init(&ai, it->p + RTNH_LEN, (size_t)nhlen - RTNH_LEN);
    while ((r = attr_next(&ai, &a)) > 0) {
        if (parse_gateway(&a, it->family, &out->has_gateway, &out->gw_family, out->gateway) != 0)
            return -1;
    }
    if (r < 0)
        return -1;

    step = (long)align4(nhlen);
    if (step > it->rem)
        step = it->rem;
    it->p += step;
    it->rem -= step;
    return 1;
}

int ipcfg_nl_route_parse(const uint8_t *payload, size_t len, ipcfg_nl_route *out)
{
    attr_iter it;
    attr a;
    size_t alen;
    int r;

    memset(out, 0, sizeof(*out));
    if (payload == NULL || len < RTMSG_LEN)
        return -1;
    out->family = payload[0];
    out->dst_len = payload[1];
    out->table = payload[4];
    out->protocol = payload[5];
    out->scope = payload[6];
    out->type = payload[7];
    out->flags = rd32(payload + 8);
    alen = family_addr_len(out->family);
    if (alen != 0 && out->dst_len > alen * 8)
        return -1;

    attr_init(&it, payload + RTMSG_LEN, len - RTMSG_LEN);
    while ((r = attr_next(&it, &a)) > 0) {
        switch (a.type) {
        case RTA_DST:
            if (alen == 0)
                break;
            if (a.len != alen)
                return -1;
            memcpy(out->dst, a.data, alen);
            out->has_dst = 1;
            break;
        case RTA_GATEWAY:
        case RTA_VIA:
            if (parse_gateway(&a, out->family, &out->has_gateway, &out->gw_family, out->gateway) != 0)
                return -1;
            break;
        case RTA_OIF:
            if (a.len != 4)
                return -1;
            out->oif = rd32(a.data);
            out->has_oif = 1;
            break;
        case RTA_PRIORITY:
            if (a.len != 4)
                return -1;
            out->priority = rd32(a.data);
            out->has_priority = 1;
            break;
        case RTA_TABLE:
            if (a.len != 4)
                return -1;
            out->table = rd32(a.data);
            break;
        case RTA_NH_ID:
            if (a.len != 4)
                return -1;
            out->nh_id = rd32(a.data);
            out->has_nh_id = 1;
            break;
        case RTA_MULTIPATH: {
            ipcfg_nl_nh_iter nh;
            ipcfg_nl_nexthop hop;
            int k;
            out->multipath = a.data;
            out->multipath_len = a.len;
            out->n_nexthops = 0;
            ipcfg_nl_nh_iter_init(&nh, out);
            while ((k = ipcfg_nl_nexthop_next(&nh, &hop)) > 0)
                out->n_nexthops++;
            if (k < 0)
                return -1;
            break;
        }
        default:
            break;
        }
    }
    return r < 0 ? -1 : 0;
}

/* ---- RTM_NEWNEXTHOP ---- */

uint32_t ipcfg_nl_nhobj_member(const ipcfg_nl_nhobj *o, size_t i)
{
    return i < o->n_group ? rd32(o->group + i * NHGRP_LEN) : 0;
}

int ipcfg_nl_nhobj_parse(const uint8_t *payload, size_t len, ipcfg_nl_nhobj *out)
{
    attr_iter it;
    attr a;
    int r;

    memset(out, 0, sizeof(*out));
    if (payload == NULL || len < NHMSG_LEN)
        return -1;
    out->family = payload[0];
    attr_init(&it, payload + NHMSG_LEN, len - NHMSG_LEN);
    while ((r = attr_next(&it, &a)) > 0) {
        switch (a.type) {
        case NHA_ID:
            if (a.len != 4)
                return -1;
            out->id = rd32(a.data);
            break;
        case NHA_GROUP:
            if (a.len == 0 || a.len % NHGRP_LEN != 0)
                return -1;
            out->group = a.data;
            out->n_group = a.len / NHGRP_LEN;
            break;
        case NHA_BLACKHOLE:
            out->blackhole = 1;
            break;
        case NHA_FDB:
            out->fdb = 1;
            break;
        case NHA_OIF:
            if (a.len != 4)
                return -1;
            out->oif = rd32(a.data);
            out->has_oif = 1;
            break;
        case NHA_GATEWAY: {
            size_t alen = family_addr_len(out->family);
            if (alen == 0)
                break; /* a family we do not decode */
            if (a.len != alen)
                return -1;
            memcpy(out->gateway, a.data, alen);
            out->gw_family = out->family;
            out->has_gateway = 1;
            break;
        }
        default:
            break;
        }
    }
    if (r < 0 || out->id == 0)
        return -1;
    return 0;
}
