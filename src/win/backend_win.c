/* ipcfg — the Windows backend on the IP Helper API.
 *
 * Which iphlpapi calls each operation makes:
 *   list       GetAdaptersAddresses (AF_UNSPEC, with gateways) + GetAdaptersInfo,
 *              joined by the adapter GUID; GetNetworkParams for the host block;
 *              GetPerAdapterInfo per adapter (Autoconfiguration Enabled; optional:
 *              when it is missing or fails the field stays unknown).
 *   addrtable  GetIpAddrTable (sorted) + GetAdaptersAddresses for the names.
 *   release    GetInterfaceInfo once, then IpReleaseAddress (IpRenewAddress)
 *   renew      with the IP_ADAPTER_INDEX_MAP whose Name is
 *              \DEVICE\TCPIP_{GUID}, on one worker thread per adapter, all
 *              under one deadline.
 *   add        AddIPAddress on the adapter's IfIndex.
 *   delete     GetAdaptersInfo (the address's NTE context from the
 *              IpAddressList chains, or the context checked there), then
 *              DeleteIPAddress.
 *
 * Every variable-size call is made with the size-query-then-fill pattern in
 * a bounded retry loop, because the size can grow between the two calls.
 * The backend never prints.
 *
 * SPDX-License-Identifier: MIT
 */
#include "iphlp_dyn.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ipcfg/backend.h"
#include "win_util.h"

/* How many times a variable-size call is tried (the first one only asks for
 * the size) before ipcfg gives up. */
#define IPCFG_WIN_TRIES 4
/* No iphlpapi table is anywhere near this; a larger answer is refused. */
#define IPCFG_WIN_MAX_BUF (16u * 1024u * 1024u)

typedef struct win_ctx {
    ipcfg_iphlp api;
    int worker_abandoned; /* a timed-out release/renew still runs inside iphlpapi */
} win_ctx;

static const ipcfg_iphlp *api_of(ipcfg_backend *b)
{
    return &((win_ctx *)b->ctx)->api;
}

/* ---- size-query-then-fill ---------------------------------------------- */

/* arg: the call's own argument (GetPerAdapterInfo's IfIndex); the others
 * ignore it. */
typedef DWORD (*win_fill_fn)(const ipcfg_iphlp *t, ULONG arg, void *buf, ULONG *len);

static DWORD fill_gaa(const ipcfg_iphlp *t, ULONG arg, void *buf, ULONG *len)
{
    (void)arg;
    ULONG flags = GAA_FLAG_INCLUDE_GATEWAYS | GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST;
    return t->GetAdaptersAddresses(AF_UNSPEC, flags, NULL, (PIP_ADAPTER_ADDRESSES)buf, len);
}

static DWORD fill_gai(const ipcfg_iphlp *t, ULONG arg, void *buf, ULONG *len)
{
    (void)arg;
    return t->GetAdaptersInfo((PIP_ADAPTER_INFO)buf, len);
}

static DWORD fill_gnp(const ipcfg_iphlp *t, ULONG arg, void *buf, ULONG *len)
{
    (void)arg;
    return t->GetNetworkParams((PFIXED_INFO)buf, len);
}

static DWORD fill_giat(const ipcfg_iphlp *t, ULONG arg, void *buf, ULONG *len)
{
    (void)arg;
    return t->GetIpAddrTable((PMIB_IPADDRTABLE)buf, len, TRUE);
}

static DWORD fill_gii(const ipcfg_iphlp *t, ULONG arg, void *buf, ULONG *len)
{
    (void)arg;
    return t->GetInterfaceInfo((PIP_INTERFACE_INFO)buf, len);
}

static DWORD fill_gpai(const ipcfg_iphlp *t, ULONG ifindex, void *buf, ULONG *len)
{
    return t->GetPerAdapterInfo(ifindex, (PIP_PER_ADAPTER_INFO)buf, len);
}

/* The first call passes no buffer and asks for the size; each later call
 * passes a buffer of the size the previous call asked for.  Returns
 * NO_ERROR with *out (malloc'd, *outlen bytes), or the call's error code
 * (ERROR_NO_DATA included) with *out NULL.  arg is handed to fn. */
static DWORD query_sized_arg(const ipcfg_iphlp *t, win_fill_fn fn, ULONG arg, void **out, ULONG *outlen)
{
    void *buf = NULL;
    ULONG cap = 0;

    *out = NULL;
    *outlen = 0;
    for (int i = 0; i < IPCFG_WIN_TRIES; i++) {
        ULONG len = cap;
        DWORD r = fn(t, arg, buf, &len);
        if (r == NO_ERROR) {
            if (!buf)
                return ERROR_NO_DATA; /* nothing to report */
            *out = buf;
            *outlen = cap;
            return NO_ERROR;
        }
        if (r != ERROR_BUFFER_OVERFLOW && r != ERROR_INSUFFICIENT_BUFFER) {
            free(buf);
            return r;
        }
        /* the size grew (or the API named none): take what it asked for,
         * or at least twice the last buffer */
        if (len <= cap)
            len = cap ? cap * 2 : 4096;
        free(buf);
        buf = NULL;
        if (len > IPCFG_WIN_MAX_BUF)
            return ERROR_NOT_ENOUGH_MEMORY;
        buf = calloc(1, len);
        if (!buf)
            return ERROR_NOT_ENOUGH_MEMORY;
        cap = len;
    }
    free(buf);
    return ERROR_BUFFER_OVERFLOW;
}

static DWORD query_sized(const ipcfg_iphlp *t, win_fill_fn fn, void **out, ULONG *outlen)
{
    return query_sized_arg(t, fn, 0, out, outlen);
}

/* A failed query: the system's text, except when the size kept growing
 * through every try (the code is then ERROR_BUFFER_OVERFLOW or
 * ERROR_INSUFFICIENT_BUFFER, whose system texts would mislead). */
static int query_fail(ipcfg_error *err, const char *fn_name, DWORD r)
{
    if (r == ERROR_BUFFER_OVERFLOW || r == ERROR_INSUFFICIENT_BUFFER) {
        ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM,
                        "%s kept asking for a larger buffer (%d tries); the configuration is changing, try again.",
                        fn_name, IPCFG_WIN_TRIES);
        if (err) {
            err->sys_code = (long)r;
            err->has_sys_code = 1;
        }
        return IPCFG_E_FAILED;
    }
    return ipcfg_win_fail(err, IPCFG_WOP_QUERY, r);
}

/* ---- conversions ---------------------------------------------------------- */

static int sockaddr_to_ip(const SOCKET_ADDRESS *sa, ipcfg_ip *ip)
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

static void u32be_to_ip(DWORD v, ipcfg_ip *ip)
{
    uint8_t b[4];
    memcpy(b, &v, 4); /* IPAddr is in network byte order in memory */
    ipcfg_ip4_from_u32be(ip, b);
}

/* An IP_ADDR_STRING's address; -1 when empty, malformed or 0.0.0.0. */
static int addrstr_to_ip(const IP_ADDRESS_STRING *s, ipcfg_ip *ip)
{
    char tmp[sizeof(s->String) + 1];
    memcpy(tmp, s->String, sizeof(s->String));
    tmp[sizeof(s->String)] = '\0';
    if (ipcfg_ip4_parse(tmp, ip) != 0 || ipcfg_ip_is_zero(ip))
        return -1;
    return 0;
}

static ipcfg_if_type map_iftype(IFTYPE t)
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

static ipcfg_addr_state map_dad(IP_DAD_STATE s)
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

static int64_t map_lifetime(ULONG v)
{
    return v == 0xFFFFFFFFul ? -1 : (int64_t)v;
}

/* Members added after Windows XP (gateways, the NetBIOS flag, the suffix
 * list, ...) are read only when the structure the system filled is long
 * enough to hold them. */
#define GAA_HAS(a, field) ((a)->Length >= offsetof(IP_ADAPTER_ADDRESSES_LH, field) + sizeof((a)->field))

static int uni_is_lh(const IP_ADAPTER_UNICAST_ADDRESS *u)
{
    return u->Length >= sizeof(IP_ADAPTER_UNICAST_ADDRESS_LH);
}

static const IP_ADAPTER_INFO *find_info(const IP_ADAPTER_INFO *ai, const char *guid)
{
    if (!guid)
        return NULL;
    for (; ai; ai = ai->Next)
        if (_stricmp(ai->AdapterName, guid) == 0)
            return ai;
    return NULL;
}

static const IP_ADAPTER_UNICAST_ADDRESS *find_unicast(const IP_ADAPTER_ADDRESSES *a, const ipcfg_ip *ip)
{
    for (const IP_ADAPTER_UNICAST_ADDRESS *u = a->FirstUnicastAddress; u; u = u->Next) {
        ipcfg_ip x;
        if (sockaddr_to_ip(&u->Address, &x) == 0 && x.family == ip->family && memcmp(x.bytes, ip->bytes, 4) == 0)
            return u;
    }
    return NULL;
}

static int oom(ipcfg_error *err)
{
    return ipcfg_win_fail(err, IPCFG_WOP_QUERY, ERROR_NOT_ENOUGH_MEMORY);
}

/* One adapter: GetAdaptersAddresses' view (a), joined with GetAdaptersInfo's
 * (i, NULL when the adapter has no IPv4 entry there). */
static int fill_adapter(ipcfg_adapter *ad, const IP_ADAPTER_ADDRESSES *a, const IP_ADAPTER_INFO *i, ipcfg_error *err)
{
    if (ipcfg_win_to_utf8(a->FriendlyName, ad->name, sizeof(ad->name)) != 0 || !ad->name[0])
        ipcfg_copy_str(ad->name, sizeof(ad->name), a->AdapterName);
    ipcfg_copy_str(ad->id, sizeof(ad->id), a->AdapterName);
    ad->ifindex = (uint32_t)(a->IfIndex ? a->IfIndex : a->Ipv6IfIndex);
    ad->type = map_iftype(a->IfType);
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
        if (sockaddr_to_ip(&u->Address, &ip) != 0)
            continue;
        if (ip.family == IPCFG_AF_INET4 && (i || ipcfg_ip_is_zero(&ip)))
            continue;
        ipcfg_addr *x = ipcfg_adapter_add_addr(ad);
        if (!x)
            return oom(err);
        x->ip = ip;
        x->prefix_len = uni_is_lh(u) ? u->OnLinkPrefixLength : 0;
        x->state = map_dad(u->DadState);
        x->valid_lifetime = map_lifetime(u->ValidLifetime);
    }
    /* IPv4 addresses with masks and NTE contexts; 0.0.0.0 means "no
     * address" (released, or not yet obtained) and is not listed. */
    if (i) {
        for (const IP_ADDR_STRING *s = &i->IpAddressList; s; s = s->Next) {
            ipcfg_ip ip, mask;
            if (addrstr_to_ip(&s->IpAddress, &ip) != 0)
                continue;
            ipcfg_addr *x = ipcfg_adapter_add_addr(ad);
            if (!x)
                return oom(err);
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
            const IP_ADAPTER_UNICAST_ADDRESS *u = find_unicast(a, &ip);
            x->state = u ? map_dad(u->DadState) : IPCFG_ADDR_PREFERRED;
            x->valid_lifetime = u ? map_lifetime(u->ValidLifetime) : -1;
        }
        for (const IP_ADDR_STRING *s = &i->GatewayList; s; s = s->Next) {
            ipcfg_ip ip;
            if (addrstr_to_ip(&s->IpAddress, &ip) == 0 && ipcfg_adapter_add_gateway(ad, &ip) != 0)
                return oom(err);
        }
    }
    if (GAA_HAS(a, FirstGatewayAddress)) {
        for (const IP_ADAPTER_GATEWAY_ADDRESS_LH *g = a->FirstGatewayAddress; g; g = g->Next) {
            ipcfg_ip ip;
            if (sockaddr_to_ip(&g->Address, &ip) != 0 || ipcfg_ip_is_zero(&ip))
                continue;
            if (ip.family == IPCFG_AF_INET4 && i)
                continue; /* GetAdaptersInfo gave the IPv4 ones */
            if (ipcfg_adapter_add_gateway(ad, &ip) != 0)
                return oom(err);
        }
    }
    for (const IP_ADAPTER_DNS_SERVER_ADDRESS *d = a->FirstDnsServerAddress; d; d = d->Next) {
        ipcfg_ip ip;
        if (sockaddr_to_ip(&d->Address, &ip) == 0 && ipcfg_adapter_add_dns(ad, &ip) != 0)
            return oom(err);
    }

    if (i && i->DhcpEnabled) {
        ipcfg_ip srv;
        static const uint8_t all_ones[4] = {255, 255, 255, 255};
        /* 255.255.255.255 (no server yet) and 0.0.0.0 are "unknown" */
        if (addrstr_to_ip(&i->DhcpServer.IpAddress, &srv) == 0 && memcmp(srv.bytes, all_ones, 4) != 0) {
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
    DWORD r = query_sized(t, fill_gnp, &buf, &len);
    if (r != NO_ERROR)
        return query_fail(err, "GetNetworkParams", r);
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
    if (query_sized_arg(t, fill_gpai, ifindex, &buf, &len) != NO_ERROR)
        return IPCFG_UNKNOWN;
    const IP_PER_ADAPTER_INFO *p = buf;
    ipcfg_tri v = IPCFG_UNKNOWN;
    if (len >= sizeof(p->AutoconfigEnabled)) /* the first member */
        v = p->AutoconfigEnabled ? IPCFG_YES : IPCFG_NO;
    free(buf);
    return v;
}

/* ---- operations ------------------------------------------------------------ */

static int win_list(ipcfg_backend *b, ipcfg_host *host, ipcfg_adapter_list *out, ipcfg_error *err)
{
    const ipcfg_iphlp *t = api_of(b);
    void *gaa = NULL, *gai = NULL;
    ULONG len;
    int rc = 0;

    if (ipcfg_iphlp_need(t->GetAdaptersAddresses != NULL, "GetAdaptersAddresses", err) ||
        ipcfg_iphlp_need(t->GetAdaptersInfo != NULL, "GetAdaptersInfo", err))
        return err->status;

    DWORD r = query_sized(t, fill_gaa, &gaa, &len);
    if (r != NO_ERROR && r != ERROR_NO_DATA)
        return query_fail(err, "GetAdaptersAddresses", r);
    r = query_sized(t, fill_gai, &gai, &len);
    if (r != NO_ERROR && r != ERROR_NO_DATA) {
        free(gaa);
        return query_fail(err, "GetAdaptersInfo", r);
    }
    if (host)
        rc = fill_host(t, host, gaa, err);
    for (const IP_ADAPTER_ADDRESSES *a = gaa; rc == 0 && a; a = a->Next) {
        ipcfg_adapter *ad = ipcfg_adapters_push(out);
        if (!ad) {
            rc = oom(err);
            break;
        }
        rc = fill_adapter(ad, a, find_info(gai, a->AdapterName), err);
        if (rc == 0 && ad->type != IPCFG_IF_LOOPBACK)
            ad->autoconfig_enabled = read_autoconfig(t, a->IfIndex);
    }
    free(gaa);
    free(gai);
    return rc;
}

static unsigned map_at_flags(unsigned short w)
{
    unsigned f = 0;
    if (w & MIB_IPADDR_PRIMARY)
        f |= IPCFG_AT_PRIMARY;
    if (w & MIB_IPADDR_DYNAMIC)
        f |= IPCFG_AT_DYNAMIC;
    if (w & MIB_IPADDR_DISCONNECTED)
        f |= IPCFG_AT_DISCONNECTED;
    if (w & MIB_IPADDR_DELETED)
        f |= IPCFG_AT_DELETED;
    if (w & MIB_IPADDR_TRANSIENT)
        f |= IPCFG_AT_TRANSIENT;
    return f;
}

static int win_addrtable(ipcfg_backend *b, ipcfg_addrtable *out, ipcfg_error *err)
{
    const ipcfg_iphlp *t = api_of(b);
    void *buf = NULL, *gaa = NULL;
    ULONG len = 0, glen;

    if (ipcfg_iphlp_need(t->GetIpAddrTable != NULL, "GetIpAddrTable", err))
        return err->status;
    DWORD r = query_sized(t, fill_giat, &buf, &len);
    if (r == ERROR_NO_DATA)
        return 0;
    if (r != NO_ERROR)
        return query_fail(err, "GetIpAddrTable", r);
    /* friendly names for the interface column; the table stands without them */
    if (t->GetAdaptersAddresses && query_sized(t, fill_gaa, &gaa, &glen) != NO_ERROR)
        gaa = NULL;

    const MIB_IPADDRTABLE *tab = buf;
    size_t room = 0;
    if (len >= offsetof(MIB_IPADDRTABLE, table))
        room = (len - offsetof(MIB_IPADDRTABLE, table)) / sizeof(MIB_IPADDRROW);
    size_t n = tab->dwNumEntries < room ? tab->dwNumEntries : room;
    int rc = 0;
    for (size_t k = 0; k < n; k++) {
        const MIB_IPADDRROW *row = &tab->table[k];
        ipcfg_addrrow *x = ipcfg_addrtable_push(out);
        if (!x) {
            rc = oom(err);
            break;
        }
        ipcfg_ip mask;
        u32be_to_ip(row->dwAddr, &x->addr);
        u32be_to_ip(row->dwMask, &mask);
        int p = ipcfg_mask_to_prefix(&mask);
        x->prefix_len = p >= 0 ? (unsigned)p : 0;
        /* dwBCastAddr holds only the low bit of the broadcast address:
         * 1 = host part all ones, 0 = all zeros */
        DWORD bc = (row->dwAddr & row->dwMask) | ((row->dwBCastAddr & 1) ? ~row->dwMask : 0);
        u32be_to_ip(bc, &x->broadcast);
        x->ifindex = (uint32_t)row->dwIndex;
        x->reasm_size = (uint32_t)row->dwReasmSize;
        x->flags = map_at_flags(row->wType);
        for (const IP_ADAPTER_ADDRESSES *a = gaa; a; a = a->Next)
            if (a->IfIndex == row->dwIndex) {
                ipcfg_win_to_utf8(a->FriendlyName, x->ifname, sizeof(x->ifname));
                break;
            }
    }
    free(gaa);
    free(buf);
    return rc;
}

/* ---- release / renew ------------------------------------------------------- */

static int ascii_ieq(const wchar_t *a, const wchar_t *b)
{
    for (;; a++, b++) {
        wchar_t x = *a, y = *b;
        if (x >= L'a' && x <= L'z')
            x = (wchar_t)(x - L'a' + L'A');
        if (y >= L'a' && y <= L'z')
            y = (wchar_t)(y - L'a' + L'A');
        if (x != y)
            return 0;
        if (!x)
            return 1;
    }
}

/* One adapter's IpReleaseAddress/IpRenewAddress on its worker thread.
 * Heap-held: a thread that misses the deadline is abandoned (the DHCP
 * client goes on in the background) and keeps its call. */
typedef struct dhcp_call {
    DWORD(WINAPI *fn)(PIP_ADAPTER_INDEX_MAP);
    IP_ADAPTER_INDEX_MAP map;
    DWORD result;
} dhcp_call;

static DWORD WINAPI dhcp_thread(LPVOID p)
{
    dhcp_call *c = p;
    c->result = c->fn(&c->map);
    return 0;
}

/* The map GetInterfaceInfo gave for the adapter (its Name is
 * \DEVICE\TCPIP_{GUID}), or NULL. */
static const IP_ADAPTER_INDEX_MAP *find_map(const IP_INTERFACE_INFO *ii, ULONG len, const ipcfg_adapter *ad)
{
    wchar_t want[IPCFG_NAME_MAX + 32];
    size_t wl = 0;
    wchar_t *wid = ipcfg_win_to_utf16_dup(ad->id, strlen(ad->id), &wl);
    if (!wid || wl + 16 > sizeof(want) / sizeof(want[0])) {
        free(wid);
        return NULL;
    }
    wcscpy(want, L"\\DEVICE\\TCPIP_");
    wcscat(want, wid);
    free(wid);

    /* NumAdapters == 0: Adapter[0] is undefined and never read */
    if (ii->NumAdapters <= 0 || len < offsetof(IP_INTERFACE_INFO, Adapter))
        return NULL;
    size_t room = (len - offsetof(IP_INTERFACE_INFO, Adapter)) / sizeof(IP_ADAPTER_INDEX_MAP);
    size_t n = (size_t)ii->NumAdapters < room ? (size_t)ii->NumAdapters : room;
    for (size_t k = 0; k < n; k++) {
        const IP_ADAPTER_INDEX_MAP *m = &ii->Adapter[k];
        wchar_t name[MAX_ADAPTER_NAME + 1];
        memcpy(name, m->Name, sizeof(m->Name));
        name[MAX_ADAPTER_NAME] = L'\0';
        if (ascii_ieq(name, want))
            return m;
    }
    return NULL;
}

static void dhcp_timed_out(ipcfg_error *err, int renew)
{
    if (renew) {
        ipcfg_error_set(err, IPCFG_E_TIMEOUT, IPCFG_R_DHCP_TIMEOUT, "%s",
                        "unable to contact your DHCP server. Request has timed out.");
    } else {
        char text[IPCFG_ERRTEXT_MAX];
        ipcfg_win_errtext(ERROR_TIMEOUT, text, sizeof(text));
        ipcfg_error_set(err, IPCFG_E_TIMEOUT, IPCFG_R_SYSTEM, "%s", text);
    }
    err->sys_code = (long)ERROR_TIMEOUT;
    err->has_sys_code = 1;
}

/* Milliseconds left until the absolute deadline (GetTickCount64), 0 when
 * it has passed; INFINITE without one. */
static DWORD ms_left(ULONGLONG deadline)
{
    if (deadline == 0)
        return INFINITE;
    ULONGLONG now = GetTickCount64();
    return now >= deadline ? 0 : (DWORD)(deadline - now);
}

/* All n adapters at once: GetInterfaceInfo once, then one worker thread
 * per adapter, all started before any is waited for, then every thread
 * waited for against one absolute deadline (o->timeout_s; none = wait for
 * all).  A thread that misses it is abandoned: its call stays on the heap
 * and iphlpapi stays loaded.  A thread that cannot be created fails its
 * adapter with the system's error; the call is never made unbounded. */
static void win_dhcp_all(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o, int renew)
{
    const ipcfg_iphlp *t = api_of(b);
    ipcfg_win_op op = renew ? IPCFG_WOP_RENEW : IPCFG_WOP_RELEASE;
    ipcfg_error shared;
    ipcfg_error_clear(&shared);

    if (ipcfg_iphlp_need(t->GetInterfaceInfo != NULL, "GetInterfaceInfo", &shared) ||
        ipcfg_iphlp_need((renew ? t->IpRenewAddress != NULL : t->IpReleaseAddress != NULL),
                         renew ? "IpRenewAddress" : "IpReleaseAddress", &shared)) {
        for (size_t i = 0; i < n; i++)
            jobs[i].err = shared;
        return;
    }

    void *buf = NULL;
    ULONG len = 0;
    DWORD r = query_sized(t, fill_gii, &buf, &len);
    if (r != NO_ERROR) {
        if (r == ERROR_NO_DATA) /* no adapter with IPv4 enabled */
            ipcfg_win_fail(&shared, op, r);
        else
            query_fail(&shared, "GetInterfaceInfo", r);
        for (size_t i = 0; i < n; i++)
            jobs[i].err = shared;
        return;
    }

    dhcp_call **calls = calloc(n, sizeof(*calls));
    HANDLE *threads = calloc(n, sizeof(*threads));
    if (!calls || !threads) {
        free(calls);
        free(threads);
        free(buf);
        for (size_t i = 0; i < n; i++)
            oom(&jobs[i].err);
        return;
    }

    /* Every thread started before the clock is looked at again. */
    unsigned timeout_s = o ? o->timeout_s : 0;
    ULONGLONG deadline = timeout_s ? GetTickCount64() + (ULONGLONG)timeout_s * 1000u : 0;
    for (size_t i = 0; i < n; i++) {
        const IP_ADAPTER_INDEX_MAP *m = find_map(buf, len, jobs[i].ad);
        if (!m) {
            ipcfg_error_set(&jobs[i].err, IPCFG_E_STATE, IPCFG_R_NO_ADAPTER_PERMISSIBLE, "%s",
                            "The operation failed as no adapter is in the state permissible for this operation.");
            continue;
        }
        dhcp_call *c = calloc(1, sizeof(*c));
        if (!c) {
            oom(&jobs[i].err);
            continue;
        }
        c->fn = renew ? t->IpRenewAddress : t->IpReleaseAddress;
        c->map = *m;
        threads[i] = CreateThread(NULL, 0, dhcp_thread, c, 0, NULL);
        if (!threads[i]) {
            ipcfg_win_fail(&jobs[i].err, op, GetLastError());
            free(c);
            continue;
        }
        calls[i] = c;
    }
    free(buf);

    for (size_t i = 0; i < n; i++) {
        if (!threads[i])
            continue;
        DWORD w = WaitForSingleObject(threads[i], ms_left(deadline));
        CloseHandle(threads[i]);
        if (w != WAIT_OBJECT_0) {
            /* calls[i] stays with the thread, and iphlpapi stays loaded */
            ((win_ctx *)b->ctx)->worker_abandoned = 1;
            dhcp_timed_out(&jobs[i].err, renew);
            continue;
        }
        if (calls[i]->result != NO_ERROR)
            ipcfg_win_fail(&jobs[i].err, op, calls[i]->result);
        free(calls[i]);
    }
    free(calls);
    free(threads);
}

static void win_release(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o)
{
    win_dhcp_all(b, jobs, n, o, 0);
}

static void win_renew(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o)
{
    win_dhcp_all(b, jobs, n, o, 1);
}

/* ---- add / delete ------------------------------------------------------------ */

static int win_add(ipcfg_backend *b, const ipcfg_adapter *ad, const ipcfg_ip *addr, unsigned prefix_len,
                   uint32_t *context, int *has_context, ipcfg_error *err)
{
    const ipcfg_iphlp *t = api_of(b);
    if (has_context)
        *has_context = 0;
    if (ipcfg_iphlp_need(t->AddIPAddress != NULL, "AddIPAddress", err))
        return err->status;
    if (addr->family != IPCFG_AF_INET4 || prefix_len > 32) {
        ipcfg_error_set(err, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP, "%s", "AddIPAddress takes IPv4 addresses only.");
        return IPCFG_E_NOTSUP;
    }
    ipcfg_ip mask;
    ipcfg_prefix_to_mask(prefix_len, &mask);
    IPAddr a;
    IPMask m;
    memcpy(&a, addr->bytes, 4);
    memcpy(&m, mask.bytes, 4);
    ULONG nte_context = 0, nte_instance = 0;
    DWORD r = t->AddIPAddress(a, m, (DWORD)ad->ifindex, &nte_context, &nte_instance);
    if (r != NO_ERROR)
        return ipcfg_win_fail(err, IPCFG_WOP_ADD, r);
    if (context)
        *context = (uint32_t)nte_context;
    if (has_context)
        *has_context = 1;
    return 0;
}

/* Finds an address in GetAdaptersInfo's IpAddressList chains: by address
 * (its NTE context goes to *ctx) or, with addr NULL, by NTE context.  Only
 * real addresses count (0.0.0.0 is "no address").  0 when found; exit code
 * 2 with *err filled when not. */
static int lookup_nte(const ipcfg_iphlp *t, const ipcfg_ip *addr, ULONG *ctx, ipcfg_error *err)
{
    char s[IPCFG_IPSTR_MAX];
    if (ipcfg_iphlp_need(t->GetAdaptersInfo != NULL, "GetAdaptersInfo", err))
        return err->status;
    void *buf;
    ULONG len;
    DWORD r = query_sized(t, fill_gai, &buf, &len);
    if (r != NO_ERROR && r != ERROR_NO_DATA)
        return query_fail(err, "GetAdaptersInfo", r);
    for (const IP_ADAPTER_INFO *i = buf; i; i = i->Next)
        for (const IP_ADDR_STRING *x = &i->IpAddressList; x; x = x->Next) {
            ipcfg_ip ip;
            if (addrstr_to_ip(&x->IpAddress, &ip) != 0)
                continue;
            if (addr ? ipcfg_ip_equal(&ip, addr) : x->Context == *ctx) {
                *ctx = x->Context;
                free(buf);
                return 0;
            }
        }
    free(buf);
    if (addr)
        ipcfg_error_set(err, IPCFG_E_STATE, IPCFG_R_NOT_FOUND, "The address %s is not assigned to any adapter.",
                        ipcfg_ip_str(addr, s, sizeof(s)));
    else
        ipcfg_error_set(err, IPCFG_E_STATE, IPCFG_R_NOT_FOUND, "No address has the NTE context %lu.",
                        (unsigned long)*ctx);
    return IPCFG_E_STATE;
}

static int win_delete(ipcfg_backend *b, const ipcfg_delete_target *tg, ipcfg_error *err)
{
    const ipcfg_iphlp *t = api_of(b);
    if (ipcfg_iphlp_need(t->DeleteIPAddress != NULL, "DeleteIPAddress", err))
        return err->status;
    /* Either way the address must be there: an unknown context or address
     * is "not found" (exit 2) and DeleteIPAddress is not called. */
    ULONG ctx = 0;
    int rc;
    if (tg->by_context) {
        ctx = (ULONG)tg->context;
        rc = lookup_nte(t, NULL, &ctx, err);
    } else {
        if (tg->addr.family != IPCFG_AF_INET4) {
            ipcfg_error_set(err, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP, "%s", "DeleteIPAddress removes IPv4 addresses only.");
            return IPCFG_E_NOTSUP;
        }
        rc = lookup_nte(t, &tg->addr, &ctx, err);
    }
    if (rc)
        return rc;
    DWORD r = t->DeleteIPAddress(ctx);
    if (r != NO_ERROR)
        return ipcfg_win_fail(err, IPCFG_WOP_DELETE, r);
    return 0;
}

/* ---- the backend ----------------------------------------------------------- */

static void win_destroy(ipcfg_backend *b)
{
    win_ctx *c = b->ctx;
    if (c) {
        if (!c->worker_abandoned)
            ipcfg_iphlp_unload(&c->api);
        free(c);
    }
    b->ctx = NULL;
}

int ipcfg_platform_backend(ipcfg_backend *out, ipcfg_error *err)
{
    memset(out, 0, sizeof(*out));
    win_ctx *c = calloc(1, sizeof(*c));
    if (!c)
        return oom(err);
    int rc = ipcfg_iphlp_load(&c->api, err);
    if (rc) {
        free(c);
        return rc;
    }
    out->title = "Windows IP Configuration";
    out->platform = "windows";
    out->ctx = c;
    out->list = win_list;
    out->addrtable = win_addrtable;
    out->add_address = win_add;
    out->delete_address = win_delete;
    out->release = win_release;
    out->renew = win_renew;
    out->destroy = win_destroy;
    return 0;
}
