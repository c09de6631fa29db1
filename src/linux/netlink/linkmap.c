/* ipcfg — rtnetlink objects -> neutral model (Linux backend).  See netlink/linkmap.h.
 * SPDX-License-Identifier: MIT */
#include "netlink/linkmap.h"

#include <string.h>
#include <sys/socket.h>

#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/if_arp.h>
#include <linux/rtnetlink.h>

#ifndef IFF_LOWER_UP
#define IFF_LOWER_UP 0x10000
#endif
#ifndef IFA_F_DADFAILED
#define IFA_F_DADFAILED 0x08
#endif

int ipcfg_lx_needs_probe(const ipcfg_nl_link *l)
{
    return l->type == ARPHRD_ETHER && l->kind[0] == '\0' && !(l->flags & IFF_LOOPBACK);
}

int ipcfg_lx_needs_driver(const ipcfg_nl_link *l)
{
    return l->kind[0] == '\0' && !(l->flags & IFF_LOOPBACK) && l->type != ARPHRD_LOOPBACK;
}

ipcfg_if_type ipcfg_lx_if_type(const ipcfg_nl_link *l, int wireless)
{
    if (l->type == ARPHRD_LOOPBACK || (l->flags & IFF_LOOPBACK))
        return IPCFG_IF_LOOPBACK;
    switch (l->type) {
    case ARPHRD_ETHER:
        return (wireless && ipcfg_lx_needs_probe(l)) ? IPCFG_IF_WIRELESS : IPCFG_IF_ETHERNET;
    case ARPHRD_IEEE80211:
    case ARPHRD_IEEE80211_PRISM:
    case ARPHRD_IEEE80211_RADIOTAP:
        return IPCFG_IF_WIRELESS;
    case ARPHRD_PPP:
        return IPCFG_IF_PPP;
    case ARPHRD_TUNNEL:
    case ARPHRD_TUNNEL6:
    case ARPHRD_SIT:
    case ARPHRD_IPGRE:
    case ARPHRD_IP6GRE:
    case ARPHRD_NONE:
        return IPCFG_IF_TUNNEL;
    default:
        return IPCFG_IF_UNKNOWN;
    }
}

int ipcfg_lx_media_connected(const ipcfg_nl_link *l)
{
    uint8_t op = l->has_operstate ? l->operstate : IF_OPER_UNKNOWN;

    if (!(l->flags & IFF_UP))
        return 0;
    if (op == IF_OPER_UP)
        return 1;
    if (op == IF_OPER_UNKNOWN)
        return (l->flags & (IFF_LOWER_UP | IFF_RUNNING)) != 0;
    return 0; /* DOWN, LOWERLAYERDOWN, NOTPRESENT, DORMANT, TESTING */
}

ipcfg_addr_state ipcfg_lx_addr_state(uint32_t ifa_flags)
{
    if (ifa_flags & IFA_F_DADFAILED)
        return IPCFG_ADDR_DUPLICATE;
    if (ifa_flags & IFA_F_TENTATIVE)
        return IPCFG_ADDR_TENTATIVE;
    if (ifa_flags & IFA_F_DEPRECATED)
        return IPCFG_ADDR_DEPRECATED;
    return IPCFG_ADDR_PREFERRED;
}

int64_t ipcfg_lx_lifetime(uint32_t seconds)
{
    return seconds == 0xFFFFFFFFu ? -1 : (int64_t)seconds;
}

static int all_zero(const uint8_t *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (p[i] != 0)
            return 0;
    return 1;
}

int ipcfg_lx_adapter_from_link(ipcfg_adapter_list *strs, ipcfg_adapter *a, const ipcfg_nl_link *l, int wireless,
                               const char *driver)
{
    a->ifindex = l->ifindex;
    if (ipcfg_adapter_set_name(strs, a, l->name, strlen(l->name)) != 0)
        return -1;
    a->id = a->name; /* the same text: one copy */
    a->type = ipcfg_lx_if_type(l, wireless);
    if (l->kind[0] != '\0') {
        if (ipcfg_adapter_set_description(strs, a, l->kind, strlen(l->kind)) != 0)
            return -1;
    } else if (driver != NULL && a->type != IPCFG_IF_LOOPBACK) {
        if (ipcfg_adapter_set_description(strs, a, driver, strlen(driver)) != 0)
            return -1;
    }
    /* Only a link-layer address is a physical address: the "address" of a
     * tunnel or PPP link is an IP address or nothing. */
    if ((a->type == IPCFG_IF_ETHERNET || a->type == IPCFG_IF_WIRELESS || a->type == IPCFG_IF_UNKNOWN) &&
        l->hwaddr_len > 0 && l->hwaddr_len <= sizeof(a->hwaddr) && !all_zero(l->hwaddr, l->hwaddr_len)) {
        memcpy(a->hwaddr, l->hwaddr, l->hwaddr_len);
        a->hwaddr_len = l->hwaddr_len;
    }
    a->media_connected = ipcfg_lx_media_connected(l);
    /* up without carrier yet: /renew waits for it a moment (exchange/carrier.h) */
    a->media_pending = !a->media_connected && (l->flags & IFF_UP) != 0;
    a->dhcp_enabled = IPCFG_NO;
    a->autoconfig_enabled = IPCFG_UNKNOWN;
    a->netbios_enabled = IPCFG_UNKNOWN;
    return 0;
}

int ipcfg_lx_addr_ip(const ipcfg_nl_addr *na, ipcfg_ip *ip)
{
    const uint8_t *src;

    memset(ip, 0, sizeof(*ip));
    if (na->has_local)
        src = na->local;
    else if (na->has_address)
        src = na->address;
    else
        return -1;
    if (na->family == AF_INET && na->addr_len == 4) {
        ip->family = IPCFG_AF_INET4;
        memcpy(ip->bytes, src, 4);
    } else if (na->family == AF_INET6 && na->addr_len == 16) {
        ip->family = IPCFG_AF_INET6;
        memcpy(ip->bytes, src, 16);
        if (ipcfg_ip6_is_linklocal(ip))
            ip->scope_id = na->ifindex;
    } else {
        return -1;
    }
    return 0;
}

int ipcfg_lx_adapter_add_addr(ipcfg_adapter *a, const ipcfg_nl_addr *na)
{
    ipcfg_ip ip;
    ipcfg_addr *ad;

    if (ipcfg_lx_addr_ip(na, &ip) != 0)
        return 0;
    ad = ipcfg_adapter_add_addr(a);
    if (ad == NULL)
        return -1;
    ad->ip = ip;
    ad->prefix_len = na->prefixlen;
    ad->state = ipcfg_lx_addr_state(na->flags);
    ad->has_context = 0;
    ad->valid_lifetime = na->has_cacheinfo ? ipcfg_lx_lifetime(na->valid_lft) : -1;
    return 0;
}

int ipcfg_lx_addrrow(ipcfg_addrrow *row, const ipcfg_nl_addr *na, const ipcfg_adapter *a)
{
    memset(row, 0, sizeof(*row));
    row->ifname = "";
    if (na->family != AF_INET || ipcfg_lx_addr_ip(na, &row->addr) != 0)
        return -1;
    row->prefix_len = na->prefixlen;
    if (na->has_broadcast) {
        row->broadcast.family = IPCFG_AF_INET4;
        memcpy(row->broadcast.bytes, na->broadcast, 4);
    }
    row->ifindex = na->ifindex;
    if (a != NULL)
        row->ifname = a->name;
    row->reasm_size = 0;
    row->flags = (na->flags & IFA_F_SECONDARY) ? IPCFG_AT_SECONDARY : IPCFG_AT_PRIMARY;
    if (!(na->flags & IFA_F_PERMANENT))
        row->flags |= IPCFG_AT_DYNAMIC;
    if (a == NULL || !a->media_connected)
        row->flags |= IPCFG_AT_DISCONNECTED;
    return 0;
}

int ipcfg_lx_is_default_route(const ipcfg_nl_route *r)
{
    return (r->family == AF_INET || r->family == AF_INET6) && r->dst_len == 0 &&
           r->table == RT_TABLE_MAIN && r->type == RTN_UNICAST;
}

void ipcfg_lx_gateway_ip(ipcfg_ip *ip, uint8_t gw_family, const uint8_t gw[16], uint32_t ifindex)
{
    memset(ip, 0, sizeof(*ip));
    if (gw_family == AF_INET) {
        ip->family = IPCFG_AF_INET4;
        memcpy(ip->bytes, gw, 4);
    } else if (gw_family == AF_INET6) {
        ip->family = IPCFG_AF_INET6;
        memcpy(ip->bytes, gw, 16);
        if (ipcfg_ip6_is_linklocal(ip))
            ip->scope_id = ifindex;
    }
}

int ipcfg_lx_adapter_add_gateway_once(ipcfg_adapter *a, const ipcfg_ip *gw)
{
    size_t i;

    if (gw->family == IPCFG_AF_NONE)
        return 0;
    for (i = 0; i < a->n_gateways; i++)
        if (ipcfg_ip_equal(&a->gateways[i], gw))
            return 0;
    return ipcfg_adapter_add_gateway(a, gw);
}

int ipcfg_lx_ifname_path_safe(const char *name)
{
    return name[0] != '\0' && strchr(name, '/') == NULL && strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}
