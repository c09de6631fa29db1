/* ipcfg — rtnetlink request builder (Linux backend).  See netlink/nlreq.h.
 * SPDX-License-Identifier: MIT */
#include "netlink/nlreq.h"

#include <string.h>
#include <sys/socket.h>

#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/nexthop.h>
#include <linux/rtnetlink.h>

#ifndef RTEXT_FILTER_SKIP_STATS
#define RTEXT_FILTER_SKIP_STATS (1 << 3)
#endif

static size_t align4(size_t n) { return (n + 3u) & ~(size_t)3u; }

static void set_len(ipcfg_nlreq *r)
{
    uint32_t l = (uint32_t)r->len;
    memcpy(r->buf, &l, sizeof(l)); /* nlmsg_len is the first field */
}

void ipcfg_nlreq_init(ipcfg_nlreq *r, uint16_t type, uint16_t flags, const void *hdr, size_t hdrlen)
{
    struct nlmsghdr h;

    memset(r, 0, sizeof(*r));
    memset(&h, 0, sizeof(h));
    h.nlmsg_type = type;
    h.nlmsg_flags = flags;
    memcpy(r->buf, &h, sizeof(h));
    r->len = NLMSG_HDRLEN;
    if (hdrlen > sizeof(r->buf) - r->len) {
        r->overflow = 1;
        hdrlen = 0;
    }
    if (hdrlen != 0)
        memcpy(r->buf + r->len, hdr, hdrlen);
    r->len += align4(hdrlen);
    set_len(r);
}

int ipcfg_nlreq_attr(ipcfg_nlreq *r, uint16_t type, const void *data, size_t len)
{
    struct rtattr a;
    size_t need = align4(RTA_LENGTH(len));

    if (len > 0xFFFFu - RTA_LENGTH(0) || need > sizeof(r->buf) - r->len) {
        r->overflow = 1;
        return -1;
    }
    a.rta_len = (unsigned short)RTA_LENGTH(len);
    a.rta_type = type;
    memset(r->buf + r->len, 0, need);
    memcpy(r->buf + r->len, &a, sizeof(a));
    if (len != 0)
        memcpy(r->buf + r->len + RTA_LENGTH(0), data, len);
    r->len += need;
    set_len(r);
    return 0;
}

void ipcfg_nlreq_getlink(ipcfg_nlreq *r)
{
    struct ifinfomsg ifi;
    uint32_t mask = RTEXT_FILTER_SKIP_STATS;

    memset(&ifi, 0, sizeof(ifi));
    ifi.ifi_family = AF_UNSPEC;
    ipcfg_nlreq_init(r, RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, &ifi, sizeof(ifi));
    (void)ipcfg_nlreq_attr(r, IFLA_EXT_MASK, &mask, sizeof(mask));
}

void ipcfg_nlreq_getaddr(ipcfg_nlreq *r, uint8_t family)
{
    struct ifaddrmsg ifa;

    memset(&ifa, 0, sizeof(ifa));
    ifa.ifa_family = family;
    ipcfg_nlreq_init(r, RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, &ifa, sizeof(ifa));
}

void ipcfg_nlreq_getroute(ipcfg_nlreq *r, uint8_t family)
{
    struct rtmsg rtm;

    /* With NETLINK_GET_STRICT_CHK the kernel dumps only the main table's
     * unicast routes; without it these fields are ignored and the caller
     * filters (it always does). */
    memset(&rtm, 0, sizeof(rtm));
    rtm.rtm_family = family;
    rtm.rtm_table = RT_TABLE_MAIN;
    rtm.rtm_type = RTN_UNICAST;
    ipcfg_nlreq_init(r, RTM_GETROUTE, NLM_F_REQUEST | NLM_F_DUMP, &rtm, sizeof(rtm));
}

int ipcfg_nlreq_ip4_broadcast(const uint8_t addr[4], unsigned prefix, uint8_t bcast[4])
{
    uint32_t a, m, b;

    if (prefix > 30)
        return -1;
    a = ((uint32_t)addr[0] << 24) | ((uint32_t)addr[1] << 16) | ((uint32_t)addr[2] << 8) | addr[3];
    m = prefix == 0 ? 0 : 0xFFFFFFFFu << (32 - prefix);
    b = a | ~m;
    bcast[0] = (uint8_t)(b >> 24);
    bcast[1] = (uint8_t)(b >> 16);
    bcast[2] = (uint8_t)(b >> 8);
    bcast[3] = (uint8_t)b;
    return 0;
}

void ipcfg_nlreq_getnexthop(ipcfg_nlreq *r)
{
    struct nhmsg nhm;

    memset(&nhm, 0, sizeof(nhm));
    nhm.nh_family = AF_UNSPEC;
    ipcfg_nlreq_init(r, RTM_GETNEXTHOP, NLM_F_REQUEST | NLM_F_DUMP, &nhm, sizeof(nhm));
}

void ipcfg_nlreq_change_probe(ipcfg_nlreq *r)
{
    struct ifaddrmsg ifa;

    memset(r, 0, sizeof(*r));
    memset(&ifa, 0, sizeof(ifa));
    ifa.ifa_family = AF_INET;
    ifa.ifa_index = 0; /* never an interface: ENODEV past the privilege check */
    ipcfg_nlreq_init(r, RTM_DELADDR, NLM_F_REQUEST | NLM_F_ACK, &ifa, sizeof(ifa));
}

int ipcfg_nlreq_addr4(ipcfg_nlreq *r, int del, uint32_t ifindex, const uint8_t addr[4], unsigned prefix)
{
    struct ifaddrmsg ifa;
    uint8_t bc[4];

    memset(r, 0, sizeof(*r));
    if (prefix > 32 || ifindex == 0 || ifindex > 0x7FFFFFFFu)
        return -1;
    memset(&ifa, 0, sizeof(ifa));
    ifa.ifa_family = AF_INET;
    ifa.ifa_prefixlen = (unsigned char)prefix;
    ifa.ifa_index = ifindex;
    if (del) {
        ipcfg_nlreq_init(r, RTM_DELADDR, NLM_F_REQUEST | NLM_F_ACK, &ifa, sizeof(ifa));
        (void)ipcfg_nlreq_attr(r, IFA_LOCAL, addr, 4);
    } else {
        ifa.ifa_scope = addr[0] == 127 ? RT_SCOPE_HOST : RT_SCOPE_UNIVERSE;
        ipcfg_nlreq_init(r, RTM_NEWADDR, NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK, &ifa,
                         sizeof(ifa));
        (void)ipcfg_nlreq_attr(r, IFA_LOCAL, addr, 4);
        (void)ipcfg_nlreq_attr(r, IFA_ADDRESS, addr, 4);
        if (ipcfg_nlreq_ip4_broadcast(addr, prefix, bc) == 0)
            (void)ipcfg_nlreq_attr(r, IFA_BROADCAST, bc, 4);
    }
    return r->overflow ? -1 : 0;
}
