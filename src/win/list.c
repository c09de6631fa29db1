/* ipcfg — the Windows listing: GetAdaptersAddresses (AF_UNSPEC, with
 * gateways) + GetAdaptersInfo, joined by the adapter GUID; GetNetworkParams
 * for the host block; GetPerAdapterInfo per adapter (Autoconfiguration
 * Enabled; optional: when it is missing or fails the field stays unknown).
 * SPDX-License-Identifier: MIT */
#include "backend.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "convert.h"
#include "error.h"
#include "query.h"
#include "utf.h"

/* One adapter: GetAdaptersAddresses' view (a), joined with GetAdaptersInfo's
 * (i, NULL when the adapter has no IPv4 entry there). */
static int fill_adapter(ipcfg_adapter *ad, const IP_ADAPTER_ADDRESSES *a, const IP_ADAPTER_INFO *i, ipcfg_error *err)
{
    if (ipcfg_win_to_utf8(a->FriendlyName, ad->name, sizeof(ad->name)) != 0 || !ad->name[0])
        ipcfg_copy_str(ad->name, sizeof(ad->name), a->AdapterName);
    ipcfg_copy_str(ad->id, sizeof(ad->id), a->AdapterName);
    ad->ifindex = (uint32_t)(a->IfIndex ? a->IfIndex : a->Ipv6IfIndex);
    ad->type = ipcfg_win_map_iftype(a->IfType);
    ipcfg_win_to_utf8(a->Description, ad->description, sizeof(ad->description));
    ipcfg_win_to_utf8(a->DnsSuffix, ad->dns_suffix, sizeof(ad->dns_suffix));

    size_t hl = a->PhysicalAddressLength;
    if (hl > MAX_ADAPTER_ADDRESS_LENGTH)
        hl = MAX_ADAPTER_ADDRESS_LENGTH;
    if (hl > sizeof(ad->hwaddr))
        hl = sizeof(ad->hwaddr);
    memcpy(ad->hwaddr, a->PhysicalAddress, hl);
    ad->hwaddr_len = hl;

    ad->media_connected = a->OperStatus == IfOperStatusUp;
    if (i)
        ad->dhcp_enabled = i->DhcpEnabled ? IPCFG_YES : IPCFG_NO;
    else
        ad->dhcp_enabled = a->Dhcpv4Enabled ? IPCFG_YES : IPCFG_NO;
    ad->autoconfig_enabled = IPCFG_UNKNOWN; /* GetPerAdapterInfo's, see read_autoconfig */
    if (GAA_HAS(a, FirstGatewayAddress)) /* the flag exists from Vista on */
        ad->netbios_enabled = a->NetbiosOverTcpipEnabled ? IPCFG_YES : IPCFG_NO;
    else
        ad->netbios_enabled = IPCFG_UNKNOWN;

    /* IPv6 addresses (and IPv4 when GetAdaptersInfo has no entry) */
    for (const IP_ADAPTER_UNICAST_ADDRESS *u = a->FirstUnicastAddress; u; u = u->Next) {
        ipcfg_ip ip;
        if (ipcfg_win_sockaddr_ip(&u->Address, &ip) != 0)
            continue;
        if (ip.family == IPCFG_AF_INET4 && (i || ipcfg_ip_is_zero(&ip)))
            continue;
        ipcfg_addr *x = ipcfg_adapter_add_addr(ad);
        if (!x)
            return ipcfg_win_oom(err);
        x->ip = ip;
        x->prefix_len = ipcfg_win_uni_is_lh(u) ? u->OnLinkPrefixLength : 0;
        x->state = ipcfg_win_map_dad(u->DadState);
        x->valid_lifetime = ipcfg_win_map_lifetime(u->ValidLifetime);
    }
    /* IPv4 addresses with masks and NTE contexts; 0.0.0.0 means "no
     * address" (released, or not yet obtained) and is not listed. */
    if (i) {
        for (const IP_ADDR_STRING *s = &i->IpAddressList; s; s = s->Next) {
            ipcfg_ip ip, mask;
            if (ipcfg_win_addrstr_ip(&s->IpAddress, &ip) != 0)
                continue;
            ipcfg_addr *x = ipcfg_adapter_add_addr(ad);
            if (!x)
                return ipcfg_win_oom(err);
            x->ip = ip;
            int p = -1;
            char m[sizeof(s->IpMask.String) + 1];
            memcpy(m, s->IpMask.String, sizeof(s->IpMask.String));
            m[sizeof(s->IpMask.String)] = '\0';
            if (ipcfg_ip4_parse(m, &mask) == 0)
                p = ipcfg_mask_to_prefix(&mask);
            x->prefix_len = p >= 0 ? (unsigned)p : 0;
            x->has_context = 1;
            x->context = (uint32_t)s->Context;
            const IP_ADAPTER_UNICAST_ADDRESS *u = ipcfg_win_find_unicast(a, &ip);
            x->state = u ? ipcfg_win_map_dad(u->DadState) : IPCFG_ADDR_PREFERRED;
            x->valid_lifetime = u ? ipcfg_win_map_lifetime(u->ValidLifetime) : -1;
        }
        for (const IP_ADDR_STRING *s = &i->GatewayList; s; s = s->Next) {
            ipcfg_ip ip;
            if (ipcfg_win_addrstr_ip(&s->IpAddress, &ip) == 0 && ipcfg_adapter_add_gateway(ad, &ip) != 0)
                return ipcfg_win_oom(err);
        }
    }
    if (GAA_HAS(a, FirstGatewayAddress)) {
        for (const IP_ADAPTER_GATEWAY_ADDRESS_LH *g = a->FirstGatewayAddress; g; g = g->Next) {
            ipcfg_ip ip;
            if (ipcfg_win_sockaddr_ip(&g->Address, &ip) != 0 || ipcfg_ip_is_zero(&ip))
                continue;
            if (ip.family == IPCFG_AF_INET4 && i)
                continue; /* GetAdaptersInfo gave the IPv4 ones */
            if (ipcfg_adapter_add_gateway(ad, &ip) != 0)
                return ipcfg_win_oom(err);
        }
    }
    for (const IP_ADAPTER_DNS_SERVER_ADDRESS *d = a->FirstDnsServerAddress; d; d = d->Next) {
        ipcfg_ip ip;
        if (ipcfg_win_sockaddr_ip(&d->Address, &ip) == 0 && ipcfg_adapter_add_dns(ad, &ip) != 0)
            return ipcfg_win_oom(err);
    }

    if (i && i->DhcpEnabled) {
        ipcfg_ip srv;
        static const uint8_t all_ones[4] = {255, 255, 255, 255};
        /* 255.255.255.255 (no server yet) and 0.0.0.0 are "unknown" */
        if (ipcfg_win_addrstr_ip(&i->DhcpServer.IpAddress, &srv) == 0 && memcmp(srv.bytes, all_ones, 4) != 0) {
            ad->has_dhcp_server = 1;
            ad->dhcp_server = srv;
        }
        if (i->LeaseObtained > 0 && i->LeaseExpires > 0) {
            ad->has_lease = 1;
            ad->lease_obtained = (int64_t)i->LeaseObtained;
            ad->lease_expires = (int64_t)i->LeaseExpires;
        }
    }
    return 0;
}

static const char *node_type_name(UINT t)
{
    switch (t) {
    case BROADCAST_NODETYPE:
        return "Broadcast";
    case PEER_TO_PEER_NODETYPE:
        return "Peer-Peer";
    case MIXED_NODETYPE:
        return "Mixed";
    case HYBRID_NODETYPE:
        return "Hybrid";
    default:
        return "";
    }
}

static void add_search(ipcfg_host *h, const char *s)
{
    if (!s[0] || h->n_search >= IPCFG_SEARCH_MAX)
        return;
    for (size_t k = 0; k < h->n_search; k++)
        if (_stricmp(h->search_list[k], s) == 0)
            return;
    ipcfg_copy_str(h->search_list[h->n_search++], IPCFG_NAME_MAX, s);
}

static int fill_host(const ipcfg_iphlp *t, ipcfg_host *h, const IP_ADAPTER_ADDRESSES *aa, ipcfg_error *err)
{
    void *buf;
    ULONG len;
    if (ipcfg_iphlp_need(t->GetNetworkParams != NULL, "GetNetworkParams", err))
        return err->status;
    DWORD r = ipcfg_win_query(t, ipcfg_win_fill_gnp, &buf, &len);
    if (r != NO_ERROR)
        return ipcfg_win_query_fail(err, "GetNetworkParams", r);
    const FIXED_INFO *fi = buf;
    char tmp[MAX_HOSTNAME_LEN + 5];

    memcpy(tmp, fi->HostName, sizeof(fi->HostName));
    tmp[sizeof(fi->HostName)] = '\0';
    ipcfg_win_acp_to_utf8(tmp, h->host_name, sizeof(h->host_name));
    memcpy(tmp, fi->DomainName, sizeof(fi->DomainName));
    tmp[sizeof(fi->DomainName)] = '\0';
    ipcfg_win_acp_to_utf8(tmp, h->primary_dns_suffix, sizeof(h->primary_dns_suffix));
    ipcfg_copy_str(h->node_type, sizeof(h->node_type), node_type_name(fi->NodeType));
    h->ip_routing = fi->EnableRouting ? IPCFG_YES : IPCFG_NO;
    h->wins_proxy = fi->EnableProxy ? IPCFG_YES : IPCFG_NO;
    free(buf);

    /* The DNS suffix search lists the adapters carry (Vista SP1 and later). */
    h->n_search = 0;
    for (const IP_ADAPTER_ADDRESSES *a = aa; a; a = a->Next) {
        if (!GAA_HAS(a, FirstDnsSuffix))
            continue;
        for (const IP_ADAPTER_DNS_SUFFIX *s = a->FirstDnsSuffix; s; s = s->Next) {
            char u[IPCFG_NAME_MAX];
            if (ipcfg_win_to_utf8(s->String, u, sizeof(u)) == 0)
                add_search(h, u);
        }
    }
    return 0;
}

/* "Autoconfiguration Enabled": GetPerAdapterInfo's AutoconfigEnabled for the
 * adapter's IPv4 interface index.  Optional: when the DLL lacks the function,
 * or the call fails for this adapter (any code, the size still growing after
 * every try included), the field stays unknown and the listing goes on. */
static ipcfg_tri read_autoconfig(const ipcfg_iphlp *t, ULONG ifindex)
{
    void *buf;
    ULONG len;
    if (!t->GetPerAdapterInfo || ifindex == 0)
        return IPCFG_UNKNOWN;
    if (ipcfg_win_query_arg(t, ipcfg_win_fill_gpai, ifindex, &buf, &len) != NO_ERROR)
        return IPCFG_UNKNOWN;
    const IP_PER_ADAPTER_INFO *p = buf;
    ipcfg_tri v = IPCFG_UNKNOWN;
    if (len >= sizeof(p->AutoconfigEnabled)) /* the first member */
        v = p->AutoconfigEnabled ? IPCFG_YES : IPCFG_NO;
    free(buf);
    return v;
}

/* ---- operations ------------------------------------------------------------ */

int ipcfg_win_list(ipcfg_backend *b, ipcfg_host *host, ipcfg_adapter_list *out, ipcfg_error *err)
{
    const ipcfg_iphlp *t = ipcfg_win_api(b);
    void *gaa = NULL, *gai = NULL;
    ULONG len;
    int rc = 0;

    if (ipcfg_iphlp_need(t->GetAdaptersAddresses != NULL, "GetAdaptersAddresses", err) ||
        ipcfg_iphlp_need(t->GetAdaptersInfo != NULL, "GetAdaptersInfo", err))
        return err->status;

    DWORD r = ipcfg_win_query(t, ipcfg_win_fill_gaa, &gaa, &len);
    if (r != NO_ERROR && r != ERROR_NO_DATA)
        return ipcfg_win_query_fail(err, "GetAdaptersAddresses", r);
    r = ipcfg_win_query(t, ipcfg_win_fill_gai, &gai, &len);
    if (r != NO_ERROR && r != ERROR_NO_DATA) {
        free(gaa);
        return ipcfg_win_query_fail(err, "GetAdaptersInfo", r);
    }
    if (host)
        rc = fill_host(t, host, gaa, err);
    for (const IP_ADAPTER_ADDRESSES *a = gaa; rc == 0 && a; a = a->Next) {
        ipcfg_adapter *ad = ipcfg_adapters_push(out);
        if (!ad) {
            rc = ipcfg_win_oom(err);
            break;
        }
        rc = fill_adapter(ad, a, ipcfg_win_find_info(gai, a->AdapterName), err);
        if (rc == 0 && ad->type != IPCFG_IF_LOOPBACK)
            ad->autoconfig_enabled = read_autoconfig(t, a->IfIndex);
    }
    free(gaa);
    free(gai);
    return rc;
}
