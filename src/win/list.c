/* ipcfg — the Windows listing: GetAdaptersAddresses (AF_UNSPEC, with
 * gateways) + GetAdaptersInfo, joined by the adapter GUID; GetNetworkParams
 * for the host block; GetPerAdapterInfo per adapter (Autoconfiguration
 * Enabled and AutoconfigActive; optional: when it is missing or fails the
 * field stays unknown).
 * SPDX-License-Identifier: MIT */
#include "backend.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "adapter_info32.h"
#include "convert.h"
#include "error.h"
#include "query.h"
#include "utf.h"

/* IP_ADAPTER_INFO's layout, pinned for both targets (the offsets of the
 * Microsoft structure; adapter_info32.h has the 32-bit view). */
#ifdef _WIN64
_Static_assert(sizeof(IP_ADAPTER_INFO) == 704, "IP_ADAPTER_INFO is 704 bytes on 64-bit Windows");
_Static_assert(offsetof(IP_ADAPTER_INFO, IpAddressList) == 440, "IpAddressList at 440");
_Static_assert(offsetof(IP_ADAPTER_INFO, HaveWins) == 584, "HaveWins at 584");
_Static_assert(offsetof(IP_ADAPTER_INFO, PrimaryWinsServer) == 592, "PrimaryWinsServer at 592");
_Static_assert(offsetof(IP_ADAPTER_INFO, LeaseObtained) == 688, "LeaseObtained at 688");
_Static_assert(offsetof(IP_ADAPTER_INFO, LeaseExpires) == 696, "LeaseExpires at 696");
_Static_assert(sizeof(((IP_ADAPTER_INFO *)0)->LeaseObtained) == 8, "64-bit lease times on 64-bit Windows");
#else
/* Every member before the lease times sits where the 32-bit view has it,
 * whatever the compiler's time_t; the lease times are read through the view. */
#define IPCFG_AI32_SAME(m) \
    _Static_assert(offsetof(IP_ADAPTER_INFO, m) == offsetof(ipcfg_win_adapter_info32, m), #m " as in the 32-bit view")
IPCFG_AI32_SAME(ComboIndex);
IPCFG_AI32_SAME(AdapterName);
IPCFG_AI32_SAME(Description);
IPCFG_AI32_SAME(AddressLength);
IPCFG_AI32_SAME(Address);
IPCFG_AI32_SAME(Index);
IPCFG_AI32_SAME(Type);
IPCFG_AI32_SAME(DhcpEnabled);
IPCFG_AI32_SAME(CurrentIpAddress);
IPCFG_AI32_SAME(IpAddressList);
IPCFG_AI32_SAME(GatewayList);
IPCFG_AI32_SAME(DhcpServer);
IPCFG_AI32_SAME(HaveWins);
IPCFG_AI32_SAME(PrimaryWinsServer);
IPCFG_AI32_SAME(SecondaryWinsServer);
IPCFG_AI32_SAME(LeaseObtained);
_Static_assert(sizeof(IP_ADDR_STRING) == sizeof(ipcfg_win_addr_string32), "IP_ADDR_STRING as in the 32-bit view");
_Static_assert(sizeof(IP_ADAPTER_INFO) == IPCFG_WIN_AI32_SIZE || sizeof(time_t) == 8,
               "IP_ADAPTER_INFO is 640 bytes with a 32-bit time_t");
#ifdef IPCFG_EXPECT_TIME64 /* the __MINGW_USE_VC2005_COMPAT build (src/win/sources.cmake) */
_Static_assert(sizeof(time_t) == 8, "this build checks the layout with a 64-bit time_t");
/* what such a compiler believes: eight more bytes than the system writes */
_Static_assert(sizeof(IP_ADAPTER_INFO) == IPCFG_WIN_AI32_SIZE + 8, "IP_ADAPTER_INFO is 648 bytes with a 64-bit time_t");
#endif
#endif

/* LeaseObtained / LeaseExpires: 64-bit on 64-bit Windows; on a 32-bit one
 * always 32-bit (__time32_t), read through the explicit view. */
static void lease_times(const IP_ADAPTER_INFO *i, int64_t *obtained, int64_t *expires)
{
#ifdef _WIN64
    *obtained = (int64_t)i->LeaseObtained;
    *expires = (int64_t)i->LeaseExpires;
#else
    ipcfg_win_lease32_read(i, obtained, expires);
#endif
}

/* An IPv6 temporary (privacy) address: its prefix from a router
 * advertisement, its suffix generated randomly (NL_SUFFIX_ORIGIN's
 * IpSuffixOriginRandom: "an anonymous IPv6 address"). */
static int is_temporary(const IP_ADAPTER_UNICAST_ADDRESS *u)
{
    return u->PrefixOrigin == IpPrefixOriginRouterAdvertisement && u->SuffixOrigin == IpSuffixOriginRandom;
}

static int is_apipa(const ipcfg_ip *ip)
{
    return ip->family == IPCFG_AF_INET4 && ip->bytes[0] == 169 && ip->bytes[1] == 254;
}

/* One adapter: GetAdaptersAddresses' view (a), joined with GetAdaptersInfo's
 * (i, NULL when the adapter has no IPv4 entry there). */
/* A record's text: converted into a buffer of the size the record once held
 * inline (the same cuts as ever: a name is never cut, the others at 255
 * bytes), then into the list's arena. */
static int fill_strings(ipcfg_adapter_list *l, ipcfg_adapter *ad, const IP_ADAPTER_ADDRESSES *a)
{
    char name[IPCFG_ADAPTER_NAME_MAX], t[IPCFG_NAME_MAX];
    if (ipcfg_win_to_utf8(a->FriendlyName, name, sizeof(name)) != 0 || !name[0])
        ipcfg_copy_str(name, sizeof(name), a->AdapterName);
    if (ipcfg_adapter_set_name(l, ad, name, strlen(name)) != 0)
        return -1;
    ipcfg_copy_str(t, sizeof(t), a->AdapterName);
    if (ipcfg_adapter_set_id(l, ad, t, strlen(t)) != 0)
        return -1;
    ipcfg_win_to_utf8(a->Description, t, sizeof(t));
    if (ipcfg_adapter_set_description(l, ad, t, strlen(t)) != 0)
        return -1;
    ipcfg_win_to_utf8(a->DnsSuffix, t, sizeof(t));
    if (ipcfg_adapter_set_dns_suffix(l, ad, t, strlen(t)) != 0)
        return -1;
    return 0;
}

/* GetAdaptersInfo's IPv4 addresses with their masks and NTE contexts (the
 * DAD state from GetAdaptersAddresses), and its IPv4 gateways; 0.0.0.0
 * means "no address" (released, or not yet obtained) and is not listed.
 * 0, or -1 when out of memory. */
static int fill_info_ipv4(ipcfg_adapter *ad, const IP_ADAPTER_ADDRESSES *a, const IP_ADAPTER_INFO *i)
{
    for (const IP_ADDR_STRING *s = &i->IpAddressList; s; s = s->Next) {
        ipcfg_ip ip, mask;
        if (ipcfg_win_addrstr_ip(&s->IpAddress, &ip) != 0)
            continue;
        ipcfg_addr *x = ipcfg_adapter_add_addr(ad);
        if (!x)
            return -1;
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
        x->autoconfigured = is_apipa(&ip); /* AutoconfigActive: ipcfg_win_list */
    }
    for (const IP_ADDR_STRING *s = &i->GatewayList; s; s = s->Next) {
        ipcfg_ip ip;
        if (ipcfg_win_addrstr_ip(&s->IpAddress, &ip) == 0 && ipcfg_adapter_add_gateway(ad, &ip) != 0)
            return -1;
    }
    return 0;
}

/* The WINS servers, every one: GetAdaptersAddresses' FirstWinsServerAddress
 * chain (Vista and later, with GAA_FLAG_INCLUDE_WINS_INFO), which real
 * ipconfig lists beyond two; where the system's structure has no such member
 * or the chain is empty, GetAdaptersInfo's PrimaryWinsServer and
 * SecondaryWinsServer when HaveWins (0.0.0.0 or empty: none). */
static int fill_wins(ipcfg_adapter *ad, const IP_ADAPTER_ADDRESSES *a, const IP_ADAPTER_INFO *i)
{
    ipcfg_ip w;
    if (GAA_HAS(a, FirstWinsServerAddress)) {
        for (const IP_ADAPTER_WINS_SERVER_ADDRESS_LH *s = a->FirstWinsServerAddress; s; s = s->Next)
            if (ipcfg_win_sockaddr_ip(&s->Address, &w) == 0 && !ipcfg_ip_is_zero(&w) &&
                ipcfg_adapter_add_wins(ad, &w) != 0)
                return -1;
    }
    if (ad->n_wins || !i || !i->HaveWins)
        return 0;
    if (ipcfg_win_addrstr_ip(&i->PrimaryWinsServer.IpAddress, &w) == 0 && ipcfg_adapter_add_wins(ad, &w) != 0)
        return -1;
    if (ipcfg_win_addrstr_ip(&i->SecondaryWinsServer.IpAddress, &w) == 0 && ipcfg_adapter_add_wins(ad, &w) != 0)
        return -1;
    return 0;
}

/* A DHCP adapter's server and lease times, where known. */
static void fill_lease(ipcfg_adapter *ad, const IP_ADAPTER_INFO *i)
{
    ipcfg_ip srv;
    static const uint8_t all_ones[4] = {255, 255, 255, 255};
    /* 255.255.255.255 (no server yet) and 0.0.0.0 are "unknown" */
    if (ipcfg_win_addrstr_ip(&i->DhcpServer.IpAddress, &srv) == 0 && memcmp(srv.bytes, all_ones, 4) != 0) {
        ad->has_dhcp_server = 1;
        ad->dhcp_server = srv;
    }
    int64_t obtained;
    int64_t expires;
    lease_times(i, &obtained, &expires);
    if (obtained > 0 && expires > 0) {
        ad->has_lease = 1;
        ad->lease_obtained = obtained;
        ad->lease_expires = expires;
    }
}

static int fill_adapter(ipcfg_adapter_list *l, ipcfg_adapter *ad, const IP_ADAPTER_ADDRESSES *a, const IP_ADAPTER_INFO *i,
                        ipcfg_error *err)
{
    if (fill_strings(l, ad, a) != 0)
        return ipcfg_win_oom(err);
    ad->ifindex = (uint32_t)(a->IfIndex ? a->IfIndex : a->Ipv6IfIndex);
    ad->type = ipcfg_win_map_iftype(a->IfType);

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
        x->temporary = ip.family == IPCFG_AF_INET6 && is_temporary(u);
        x->autoconfigured = is_apipa(&ip);
    }
    if (i && fill_info_ipv4(ad, a, i) != 0)
        return ipcfg_win_oom(err);
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

    /* DHCPv6 (Vista and later): the IAID when there is one, the DUID as
     * its bytes */
    if (GAA_HAS(a, Dhcpv6Iaid)) {
        size_t dl = a->Dhcpv6ClientDuidLength;
        if (dl > sizeof(a->Dhcpv6ClientDuid))
            dl = sizeof(a->Dhcpv6ClientDuid);
        if (dl > IPCFG_DUID_MAX)
            dl = IPCFG_DUID_MAX;
        if (ipcfg_adapter_set_dhcpv6_duid(l, ad, a->Dhcpv6ClientDuid, dl) != 0)
            return ipcfg_win_oom(err);
        ad->has_dhcpv6_iaid = a->Dhcpv6Iaid != 0;
        ad->dhcpv6_iaid = (uint32_t)a->Dhcpv6Iaid;
    }
    /* The adapter's own DNS suffix search list (Vista SP1 and later) */
    if (GAA_HAS(a, FirstDnsSuffix)) {
        for (const IP_ADAPTER_DNS_SUFFIX *s = a->FirstDnsSuffix; s && ad->n_conn_search < IPCFG_SEARCH_MAX;
             s = s->Next) {
            char t[IPCFG_NAME_MAX];
            if (ipcfg_win_to_utf8(s->String, t, sizeof(t)) == 0 && t[0] &&
                ipcfg_adapter_add_conn_search(l, ad, t, strlen(t)) != 0)
                return ipcfg_win_oom(err);
        }
    }
    if (fill_wins(ad, a, i) != 0)
        return ipcfg_win_oom(err);
    if (i && i->DhcpEnabled)
        fill_lease(ad, i);
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

    /* The resolver's list has no IP Helper call: as real ipconfig shows it,
     * the primary suffix, then each adapter's connection-specific suffix,
     * without repeats (docs/windows.md). */
    h->n_search = 0;
    add_search(h, h->primary_dns_suffix);
    for (const IP_ADAPTER_ADDRESSES *a = aa; a; a = a->Next) {
        char u[IPCFG_NAME_MAX];
        if (a->IfType != IF_TYPE_SOFTWARE_LOOPBACK && ipcfg_win_to_utf8(a->DnsSuffix, u, sizeof(u)) == 0)
            add_search(h, u);
    }
    return 0;
}

/* "Autoconfiguration Enabled" and APIPA: GetPerAdapterInfo's
 * AutoconfigEnabled / AutoconfigActive for the adapter's IPv4 interface
 * index, or its IPv6 one when it has no IPv4 interface (tunnels, IPv6-only
 * adapters).  Optional: when the DLL lacks the function, or the call fails
 * for this adapter (any code, the size still growing after every try
 * included), the field stays unknown and the listing goes on. */
static ipcfg_tri read_autoconfig(const ipcfg_iphlp *t, ULONG ifindex, int *active)
{
    void *buf;
    ULONG len;
    *active = 0;
    if (!t->GetPerAdapterInfo || ifindex == 0)
        return IPCFG_UNKNOWN;
    if (ipcfg_win_query_arg(t, ipcfg_win_fill_gpai, ifindex, &buf, &len) != NO_ERROR)
        return IPCFG_UNKNOWN;
    const IP_PER_ADAPTER_INFO *p = buf;
    ipcfg_tri v = IPCFG_UNKNOWN;
    if (len >= sizeof(p->AutoconfigEnabled)) /* the first member */
        v = p->AutoconfigEnabled ? IPCFG_YES : IPCFG_NO;
    if (len >= offsetof(IP_PER_ADAPTER_INFO, AutoconfigActive) + sizeof(p->AutoconfigActive))
        *active = p->AutoconfigActive != 0;
    free(buf);
    return v;
}

/* AutoconfigActive: the adapter's lease address (its first IPv4 address)
 * is an autoconfiguration address. */
static void mark_autoconfig_active(ipcfg_adapter *ad)
{
    for (size_t k = 0; k < ad->n_addrs; k++) {
        if (ad->addrs[k].ip.family == IPCFG_AF_INET4) {
            ad->addrs[k].autoconfigured = 1;
            return;
        }
    }
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
        rc = fill_adapter(out, ad, a, ipcfg_win_find_info(gai, a->AdapterName), err);
        if (rc == 0 && ad->type != IPCFG_IF_LOOPBACK) {
            int active;
            ad->autoconfig_enabled = read_autoconfig(t, a->IfIndex ? a->IfIndex : a->Ipv6IfIndex, &active);
            if (active && a->IfIndex)
                mark_autoconfig_active(ad);
        }
    }
    free(gaa);
    free(gai);
    return rc;
}
