/* ipcfg — IP Helper structures -> the model.  See convert.h.
 * SPDX-License-Identifier: MIT */
#include "convert.h"

#include <string.h>

int ipcfg_win_sockaddr_ip(const SOCKET_ADDRESS *sa, ipcfg_ip *ip)
{
    memset(ip, 0, sizeof(*ip));
    if (!sa->lpSockaddr)
        return -1;
    if (sa->lpSockaddr->sa_family == AF_INET && sa->iSockaddrLength >= (INT)sizeof(struct sockaddr_in)) {
        const struct sockaddr_in *s4 = (const struct sockaddr_in *)(const void *)sa->lpSockaddr;
        ip->family = IPCFG_AF_INET4;
        memcpy(ip->bytes, &s4->sin_addr, 4);
        return 0;
    }
    if (sa->lpSockaddr->sa_family == AF_INET6 && sa->iSockaddrLength >= (INT)sizeof(struct sockaddr_in6)) {
        const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)(const void *)sa->lpSockaddr;
        ip->family = IPCFG_AF_INET6;
        memcpy(ip->bytes, &s6->sin6_addr, 16);
        ip->scope_id = (uint32_t)s6->sin6_scope_id;
        return 0;
    }
    return -1;
}

void ipcfg_win_u32be_ip(DWORD v, ipcfg_ip *ip)
{
    uint8_t b[4];
    memcpy(b, &v, 4); /* IPAddr is in network byte order in memory */
    ipcfg_ip4_from_u32be(ip, b);
}

/* An IP_ADDR_STRING's address; -1 when empty, malformed or 0.0.0.0. */
int ipcfg_win_addrstr_ip(const IP_ADDRESS_STRING *s, ipcfg_ip *ip)
{
    char tmp[sizeof(s->String) + 1];
    memcpy(tmp, s->String, sizeof(s->String));
    tmp[sizeof(s->String)] = '\0';
    if (ipcfg_ip4_parse(tmp, ip) != 0 || ipcfg_ip_is_zero(ip))
        return -1;
    return 0;
}

ipcfg_if_type ipcfg_win_map_iftype(IFTYPE t)
{
    switch (t) {
    case IF_TYPE_ETHERNET_CSMACD:
        return IPCFG_IF_ETHERNET;
    case IF_TYPE_IEEE80211:
        return IPCFG_IF_WIRELESS;
    case IF_TYPE_TUNNEL:
        return IPCFG_IF_TUNNEL;
    case IF_TYPE_PPP:
        return IPCFG_IF_PPP;
    case IF_TYPE_SOFTWARE_LOOPBACK:
        return IPCFG_IF_LOOPBACK;
    default:
        return IPCFG_IF_UNKNOWN;
    }
}

ipcfg_addr_state ipcfg_win_map_dad(IP_DAD_STATE s)
{
    switch (s) {
    case IpDadStatePreferred:
        return IPCFG_ADDR_PREFERRED;
    case IpDadStateDeprecated:
        return IPCFG_ADDR_DEPRECATED;
    case IpDadStateTentative:
        return IPCFG_ADDR_TENTATIVE;
    case IpDadStateDuplicate:
        return IPCFG_ADDR_DUPLICATE;
    default:
        return IPCFG_ADDR_UNKNOWN_STATE;
    }
}

int64_t ipcfg_win_map_lifetime(ULONG v)
{
    return v == 0xFFFFFFFFul ? -1 : (int64_t)v;
}

int ipcfg_win_uni_is_lh(const IP_ADAPTER_UNICAST_ADDRESS *u)
{
    return u->Length >= sizeof(IP_ADAPTER_UNICAST_ADDRESS_LH);
}

const IP_ADAPTER_INFO *ipcfg_win_find_info(const IP_ADAPTER_INFO *ai, const char *guid)
{
    if (!guid)
        return NULL;
    for (; ai; ai = ai->Next)
        if (_stricmp(ai->AdapterName, guid) == 0)
            return ai;
    return NULL;
}

const IP_ADAPTER_UNICAST_ADDRESS *ipcfg_win_find_unicast(const IP_ADAPTER_ADDRESSES *a, const ipcfg_ip *ip)
{
    for (const IP_ADAPTER_UNICAST_ADDRESS *u = a->FirstUnicastAddress; u; u = u->Next) {
        ipcfg_ip x;
        if (ipcfg_win_sockaddr_ip(&u->Address, &x) == 0 && x.family == ip->family && memcmp(x.bytes, ip->bytes, 4) == 0)
            return u;
    }
    return NULL;
}
