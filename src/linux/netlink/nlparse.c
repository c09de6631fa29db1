/* ipcfg — rtnetlink message parser (Linux backend).  See netlink/nlparse.h.
 *
 * All multi-byte fields are read with memcpy: a buffer handed to the parser
 * (by a fuzzer, say) need not be aligned.  Lengths are kept in signed
 * `long` "remaining" counters that are checked before every read.
 *
 * SPDX-License-Identifier: MIT
 */
#include "netlink/nlparse.h"
#include "netlink/nlattr.h"

#include <errno.h>
#include <string.h>

#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/nexthop.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#ifndef NLM_F_DUMP_INTR
#define NLM_F_DUMP_INTR 0x10
#endif
#ifndef NLM_F_CAPPED
#define NLM_F_CAPPED 0x100
#endif
#ifndef NLM_F_ACK_TLVS
#define NLM_F_ACK_TLVS 0x200
#endif

/* ---- RTM_NEWLINK ---- */

static int parse_linkinfo(const attr *li, ipcfg_nl_link *out)
{
    attr_iter it;
    attr a;
    int r;

    attr_init(&it, li->data, li->len);
    while ((r = attr_next(&it, &a)) > 0) {
        if (a.type == IFLA_INFO_KIND) {
            if (copy_str(out->kind, sizeof(out->kind), &a) != 0)
                return -1;
        }
    }
    return r;
}

int ipcfg_nl_link_parse(const uint8_t *payload, size_t len, ipcfg_nl_link *out)
{
    attr_iter it;
    attr a;
    int32_t idx;
    int r;

    memset(out, 0, sizeof(*out));
    if (payload == NULL || len < IFINFO_LEN)
        return -1;
    out->type = rd16(payload + 2);
    idx = rds32(payload + 4);
    if (idx <= 0)
        return -1;
    out->ifindex = (uint32_t)idx;
    out->flags = rd32(payload + 8);

    attr_init(&it, payload + IFINFO_LEN, len - IFINFO_LEN);
    while ((r = attr_next(&it, &a)) > 0) {
        switch (a.type) {
        case IFLA_IFNAME:
            if (copy_str(out->name, sizeof(out->name), &a) != 0)
                return -1;
            break;
        case IFLA_OPERSTATE:
            if (a.len != 1)
                return -1;
            out->has_operstate = 1;
            out->operstate = a.data[0];
            break;
        case IFLA_ADDRESS:
            if (a.len > IPCFG_NL_HWADDR_MAX)
                return -1;
            memcpy(out->hwaddr, a.data, a.len);
            out->hwaddr_len = a.len;
            break;
        case IFLA_LINKINFO:
            if (parse_linkinfo(&a, out) != 0)
                return -1;
            break;
        default:
            break;
        }
    }
    if (r < 0 || out->name[0] == '\0')
        return -1;
    return 0;
}

/* ---- RTM_NEWADDR ---- */

int ipcfg_nl_addr_parse(const uint8_t *payload, size_t len, ipcfg_nl_addr *out)
{
    attr_iter it;
    attr a;
    int r;

    memset(out, 0, sizeof(*out));
    if (payload == NULL || len < IFADDR_LEN)
        return -1;
    out->family = payload[0];
    out->prefixlen = payload[1];
    out->flags = payload[2];
    out->scope = payload[3];
    out->ifindex = rd32(payload + 4);
    out->addr_len = family_addr_len(out->family);
    if (out->ifindex == 0 || out->ifindex > (uint32_t)INT32_MAX)
        return -1;
    if (out->addr_len != 0 && out->prefixlen > out->addr_len * 8)
        return -1;

    attr_init(&it, payload + IFADDR_LEN, len - IFADDR_LEN);
    while ((r = attr_next(&it, &a)) > 0) {
        switch (a.type) {
        case IFA_ADDRESS:
        case IFA_LOCAL:
        case IFA_BROADCAST:
            if (out->addr_len == 0)
                break; /* a family we do not decode */
            if (a.len != out->addr_len)
                return -1;
            if (a.type == IFA_ADDRESS) {
                memcpy(out->address, a.data, a.len);
                out->has_address = 1;
            } else if (a.type == IFA_LOCAL) {
                memcpy(out->local, a.data, a.len);
                out->has_local = 1;
            } else {
                memcpy(out->broadcast, a.data, a.len);
                out->has_broadcast = 1;
            }
            break;
        case IFA_FLAGS:
            if (a.len != 4)
                return -1;
            out->flags = rd32(a.data);
            break;
        case IFA_CACHEINFO:
            if (a.len < CACHEINFO_LEN)
                return -1;
            out->has_cacheinfo = 1;
            out->preferred_lft = rd32(a.data);
            out->valid_lft = rd32(a.data + 4);
            break;
        case 11: /* peers: IFA_PROTO (Linux 5.18), spelled out for older headers */
            if (a.len < 1)
                return -1;
            out->has_proto = 1;
            out->proto = a.data[0];
            break;
        default:
            break;
        }
    }
    return r < 0 ? -1 : 0;
}

/* ---- NLMSG_ERROR / NLMSG_DONE ---- */

/* Copies the extack message as one printable line. */
static void copy_extack(char *dst, size_t dstlen, const attr *a)
{
    size_t i, n = 0;

    if (dst == NULL || dstlen == 0)
        return;
    for (i = 0; i < a->len && a->data[i] != '\0' && n + 1 < dstlen; i++) {
        uint8_t c = a->data[i];
        dst[n++] = (c < 0x20 || c >= 0x7f) ? (c >= 0x80 ? '?' : ' ') : (char)c;
    }
    while (n > 0 && dst[n - 1] == ' ')
        n--;
    dst[n] = '\0';
}

static int parse_ext_tlvs(const uint8_t *p, size_t len, char *extack, size_t extack_len)
{
    attr_iter it;
    attr a;
    int r;

    attr_init(&it, p, len);
    while ((r = attr_next(&it, &a)) > 0) {
        if (a.type == NLMSGERR_ATTR_MSG)
            copy_extack(extack, extack_len, &a);
    }
    return r < 0 ? -1 : 0;
}

int ipcfg_nl_error_parse(const uint8_t *payload, size_t len, uint16_t msg_flags, int *error,
                         char *extack, size_t extack_len)
{
    int32_t e;
    size_t off;

    if (extack != NULL && extack_len > 0)
        extack[0] = '\0';
    if (payload == NULL || len < NLMSGERR_LEN)
        return -1;
    e = rds32(payload);
    if (e == INT32_MIN)
        return -1;
    *error = e < 0 ? -e : e;
    if (!(msg_flags & NLM_F_ACK_TLVS))
        return 0;
    if (msg_flags & NLM_F_CAPPED) {
        off = NLMSGERR_LEN;
    } else {
        uint32_t olen = rd32(payload + 4);
        if (olen < NLHDR_LEN || olen > len - 4)
            return -1;
        off = 4 + align4(olen);
        if (off > len)
            off = len;
    }
    return parse_ext_tlvs(payload + off, len - off, extack, extack_len);
}

/* ---- the message walk ---- */

ipcfg_nl_status ipcfg_nl_parse(const uint8_t *buf, size_t len, uint32_t seq, uint32_t portid,
                               const ipcfg_nl_visitor *v, ipcfg_nl_result *res)
{
    size_t off = 0;

    if (buf == NULL && len != 0)
        return IPCFG_NL_BAD;
    while (off < len) {
        size_t rem = len - off, step, plen;
        const uint8_t *h = buf + off, *payload;
        uint32_t mlen, mseq, mpid;
        uint16_t mtype, mflags;

        if (rem < NLHDR_LEN)
            return IPCFG_NL_BAD;
        mlen = rd32(h);
        mtype = rd16(h + 4);
        mflags = rd16(h + 6);
        mseq = rd32(h + 8);
        mpid = rd32(h + 12);
        if (mlen < NLHDR_LEN || mlen > rem)
            return IPCFG_NL_BAD;
        payload = h + NLHDR_LEN;
        plen = (size_t)mlen - NLHDR_LEN;
        step = align4(mlen);
        if (step > rem)
            step = rem;
        off += step;

        if (mseq != seq || (portid != 0 && mpid != portid))
            continue; /* a stale answer to an earlier request */
        if (mflags & NLM_F_DUMP_INTR)
            res->dump_intr = 1;

        switch (mtype) {
        case NLMSG_NOOP:
            break;
        case NLMSG_OVERRUN:
            return IPCFG_NL_BAD;
        case NLMSG_DONE:
            res->done = 1;
            if (plen >= 4) {
                int32_t e = rds32(payload);
                if (e < 0 && e != INT32_MIN)
                    res->error = -e;
                if ((mflags & NLM_F_ACK_TLVS) &&
                    parse_ext_tlvs(payload + 4, plen - 4, res->extack, sizeof(res->extack)) != 0)
                    return IPCFG_NL_BAD;
            }
            return IPCFG_NL_END;
        case NLMSG_ERROR: {
            int e = 0;
            if (ipcfg_nl_error_parse(payload, plen, mflags, &e, res->extack, sizeof(res->extack)) != 0)
                return IPCFG_NL_BAD;
            res->acked = 1;
            res->error = e;
            return IPCFG_NL_END;
        }
        case RTM_NEWLINK:
            if (v != NULL && v->on_link != NULL) {
                ipcfg_nl_link l;
                if (ipcfg_nl_link_parse(payload, plen, &l) != 0)
                    return IPCFG_NL_BAD;
                if (v->on_link(v->ctx, &l) != 0)
                    return IPCFG_NL_ABORT;
            }
            break;
        case RTM_NEWADDR:
            if (v != NULL && v->on_addr != NULL) {
                ipcfg_nl_addr a;
                if (ipcfg_nl_addr_parse(payload, plen, &a) != 0)
                    return IPCFG_NL_BAD;
                if (v->on_addr(v->ctx, &a) != 0)
                    return IPCFG_NL_ABORT;
            }
            break;
        case RTM_NEWROUTE:
            if (v != NULL && v->on_route != NULL) {
                ipcfg_nl_route r;
                if (ipcfg_nl_route_parse(payload, plen, &r) != 0)
                    return IPCFG_NL_BAD;
                if (v->on_route(v->ctx, &r) != 0)
                    return IPCFG_NL_ABORT;
            }
            break;
        case RTM_NEWNEXTHOP:
            if (v != NULL && v->on_nexthop != NULL) {
                ipcfg_nl_nhobj o;
                if (ipcfg_nl_nhobj_parse(payload, plen, &o) != 0)
                    return IPCFG_NL_BAD;
                if (v->on_nexthop(v->ctx, &o) != 0)
                    return IPCFG_NL_ABORT;
            }
            break;
        default:
            break; /* a message type we do not use */
        }
    }
    return IPCFG_NL_MORE;
}
