/* sim_selftest MODE — checks the simulated iphlpapi.dll itself against the
 * Win32 contracts it claims to honour, so that the ipcfg tests built on it
 * can be trusted.  Loads iphlpapi.dll the way ipcfg does (system directory
 * only) and prints one line per failed check; exit 0 = all passed.
 *
 *   office  scenarios/office.scn: size queries and their "too small" codes,
 *           NULL size pointers, the structures and their linked lists all
 *           inside the caller's buffer, release/renew state changes, the
 *           invalid-Name answers, AddIPAddress/DeleteIPAddress,
 *           GetPerAdapterInfo (flags, DNS chain, unknown and loopback index).
 *   empty   a host without adapters: ERROR_NO_DATA.
 *   quirk   "quirk numadapters0": NO_ERROR, NumAdapters 0.
 *   grow    "grow F 1" for the six sizing functions.
 *   fields  scenarios/fields.scn: the further ipconfig fields (DHCPv6 IAID
 *           and DUID, FirstDnsSuffix, prefix/suffix origins of temporary
 *           addresses, hardware addresses of 0 and 8 bytes, Ipv6IfIndex,
 *           WINS, the lease times as the 32-bit view has them on i686,
 *           GetPerAdapterInfo asked with an IPv6 index, AutoconfigActive).
 *
 * SPDX-License-Identifier: MIT */
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <iphlpapi.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "adapter_info32.h" /* src/win */

typedef ULONG(WINAPI *gaa_fn)(ULONG, ULONG, PVOID, PIP_ADAPTER_ADDRESSES, PULONG);
typedef DWORD(WINAPI *gai_fn)(PIP_ADAPTER_INFO, PULONG);
typedef DWORD(WINAPI *gnp_fn)(PFIXED_INFO, PULONG);
typedef DWORD(WINAPI *giat_fn)(PMIB_IPADDRTABLE, PULONG, BOOL);
typedef DWORD(WINAPI *gii_fn)(PIP_INTERFACE_INFO, PULONG);
typedef DWORD(WINAPI *rel_fn)(PIP_ADAPTER_INDEX_MAP);
typedef DWORD(WINAPI *add_fn)(IPAddr, IPMask, DWORD, PULONG, PULONG);
typedef DWORD(WINAPI *del_fn)(ULONG);
typedef DWORD(WINAPI *gpai_fn)(ULONG, PIP_PER_ADAPTER_INFO, PULONG);
typedef void (*generic_fn)(void);

static gaa_fn pGAA;
static gai_fn pGAI;
static gnp_fn pGNP;
static giat_fn pGIAT;
static gii_fn pGII;
static rel_fn pREL, pREN;
static add_fn pADD;
static del_fn pDEL;
static gpai_fn pGPAI;
static ULONG gpai_index; /* the IfIndex c_gpai asks about */

static int failures;

#define CHECK(cond, ...)                                                                                           \
    do {                                                                                                           \
        if (!(cond)) {                                                                                             \
            failures++;                                                                                            \
            printf("FAIL line %d: ", __LINE__);                                                                    \
            printf(__VA_ARGS__);                                                                                   \
            printf("\n");                                                                                          \
        }                                                                                                          \
    } while (0)

static generic_fn sym(HMODULE h, const char *name)
{
    return (generic_fn)GetProcAddress(h, name);
}

/* [buf, buf+len) holds p .. p+n */
static int inside(const void *buf, ULONG len, const void *p, size_t n)
{
    const char *b = (const char *)buf, *q = (const char *)p;
    return q >= b && q + n <= b + len;
}

/* Size query, then fill; returns the buffer (caller frees) or NULL with *rc. */
typedef DWORD (*caller_fn)(void *buf, ULONG *len);
static ULONG gaa_flags = GAA_FLAG_INCLUDE_GATEWAYS; /* the flags c_gaa passes */
static DWORD c_gaa(void *b, ULONG *l) { return pGAA(AF_UNSPEC, gaa_flags, NULL, (PIP_ADAPTER_ADDRESSES)b, l); }
static DWORD c_gai(void *b, ULONG *l) { return pGAI((PIP_ADAPTER_INFO)b, l); }
static DWORD c_gnp(void *b, ULONG *l) { return pGNP((PFIXED_INFO)b, l); }
static DWORD c_giat(void *b, ULONG *l) { return pGIAT((PMIB_IPADDRTABLE)b, l, TRUE); }
static DWORD c_gii(void *b, ULONG *l) { return pGII((PIP_INTERFACE_INFO)b, l); }
static DWORD c_gpai(void *b, ULONG *l) { return pGPAI(gpai_index, (PIP_PER_ADAPTER_INFO)b, l); }

static void *fetch(const char *what, caller_fn fn, DWORD small, ULONG *len, DWORD *rc, int expect_calls)
{
    void *buf = NULL;
    int calls = 0;
    *len = 0;
    for (;;) {
        calls++;
        *rc = fn(buf, len);
        if (*rc != small || calls > 6)
            break;
        free(buf);
        buf = calloc(1, *len);
    }
    if (*rc != NO_ERROR) {
        free(buf);
        buf = NULL;
    }
    if (expect_calls)
        CHECK(calls == expect_calls, "%s took %d calls, expected %d", what, calls, expect_calls);
    return buf;
}

static const char *sa_str(const SOCKET_ADDRESS *s, char *out)
{
    const unsigned char *b;
    if (!s->lpSockaddr || s->lpSockaddr->sa_family != AF_INET) {
        strcpy(out, "-");
        return out;
    }
    b = (const unsigned char *)&((const struct sockaddr_in *)s->lpSockaddr)->sin_addr;
    sprintf(out, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
    return out;
}

static IP_ADAPTER_INFO *gai_find(IP_ADAPTER_INFO *l, DWORD index)
{
    for (; l; l = l->Next)
        if (l->Index == index)
            return l;
    return NULL;
}

static void check_null_sizes(void)
{
    CHECK(pGAA(AF_UNSPEC, 0, NULL, NULL, NULL) == ERROR_INVALID_PARAMETER, "GAA NULL size");
    CHECK(pGAI(NULL, NULL) == ERROR_INVALID_PARAMETER, "GAI NULL size");
    CHECK(pGNP(NULL, NULL) == ERROR_INVALID_PARAMETER, "GNP NULL size");
    CHECK(pGIAT(NULL, NULL, FALSE) == ERROR_INVALID_PARAMETER, "GIAT NULL size");
    CHECK(pGII(NULL, NULL) == ERROR_INVALID_PARAMETER, "GII NULL size");
    CHECK(pGPAI(2, NULL, NULL) == ERROR_INVALID_PARAMETER, "GPAI NULL size");
}

/* GetPerAdapterInfo for gpai_index: size query, fill (two calls). */
static IP_PER_ADAPTER_INFO *fetch_gpai(ULONG index, ULONG *len)
{
    DWORD rc;
    IP_PER_ADAPTER_INFO *p;
    gpai_index = index;
    p = (IP_PER_ADAPTER_INFO *)fetch("GPAI", c_gpai, ERROR_BUFFER_OVERFLOW, len, &rc, 2);
    CHECK(p != NULL, "GPAI %lu fill rc %lu", (unsigned long)index, (unsigned long)rc);
    return p;
}

static void mode_office(void)
{
    ULONG len, len2;
    DWORD rc;
    char s[64];
    IP_ADAPTER_ADDRESSES *aa;
    IP_ADAPTER_INFO *ai, *a;
    FIXED_INFO *fi;
    MIB_IPADDRTABLE *at;
    IP_INTERFACE_INFO *ii;
    int n = 0;

    check_null_sizes();

    /* each "too small" answer gives the size, and the size fits exactly */
    len = 0;
    CHECK(pGAA(AF_UNSPEC, 0, NULL, NULL, &len) == ERROR_BUFFER_OVERFLOW && len > sizeof(IP_ADAPTER_ADDRESSES), "GAA query");
    len2 = len - 1;
    aa = (IP_ADAPTER_ADDRESSES *)calloc(1, len);
    CHECK(pGAA(AF_UNSPEC, 0, NULL, aa, &len2) == ERROR_BUFFER_OVERFLOW && len2 == len, "GAA one byte short");
    free(aa);
    len = 0;
    CHECK(pGAI(NULL, &len) == ERROR_BUFFER_OVERFLOW && len >= sizeof(IP_ADAPTER_INFO), "GAI query");
    len = 0;
    CHECK(pGNP(NULL, &len) == ERROR_BUFFER_OVERFLOW && len >= sizeof(FIXED_INFO), "GNP query");
    len = 0;
    CHECK(pGIAT(NULL, &len, TRUE) == ERROR_INSUFFICIENT_BUFFER && len >= sizeof(MIB_IPADDRTABLE), "GIAT query");
    len = 0;
    CHECK(pGII(NULL, &len) == ERROR_INSUFFICIENT_BUFFER && len >= sizeof(IP_INTERFACE_INFO), "GII query");
    CHECK(pGAA(12345, 0, NULL, NULL, &len) == ERROR_INVALID_PARAMETER, "GAA bad family");
    len = 0;
    CHECK(pGPAI(2, NULL, &len) == ERROR_BUFFER_OVERFLOW && len >= sizeof(IP_PER_ADAPTER_INFO), "GPAI query");
    {
        IP_PER_ADAPTER_INFO *pa = (IP_PER_ADAPTER_INFO *)calloc(1, len);
        len2 = len - 1;
        CHECK(pGPAI(2, pa, &len2) == ERROR_BUFFER_OVERFLOW && len2 == len, "GPAI one byte short");
        free(pa);
    }
    len = 0;
    CHECK(pGPAI(4242, NULL, &len) == ERROR_NO_DATA, "GPAI unknown index");
    len = 0;
    CHECK(pGPAI(1, NULL, &len) == ERROR_NO_DATA, "GPAI loopback index");

    /* GetPerAdapterInfo: the flags, the DNS chain inside the buffer */
    {
        IP_PER_ADAPTER_INFO *pa = fetch_gpai(2, &len);
        CHECK(pa && pa->AutoconfigEnabled == 1 && pa->AutoconfigActive == 0, "GPAI LAC autoconfig yes");
        CHECK(pa && pa->CurrentDnsServer == &pa->DnsServerList &&
                  !strcmp(pa->DnsServerList.IpAddress.String, "198.206.243.21") && pa->DnsServerList.Next &&
                  inside(pa, len, pa->DnsServerList.Next, sizeof(IP_ADDR_STRING)) &&
                  !strcmp(pa->DnsServerList.Next->IpAddress.String, "198.206.243.28") &&
                  pa->DnsServerList.Next->Next == NULL,
              "GPAI LAC DNS chain");
        free(pa);
        pa = fetch_gpai(7, &len);
        CHECK(pa && pa->AutoconfigEnabled == 0 && pa->AutoconfigActive == 0, "GPAI static: autoconfig no");
        CHECK(pa && !strcmp(pa->DnsServerList.IpAddress.String, "10.9.0.53"), "GPAI static DNS");
        free(pa);
        pa = fetch_gpai(13, &len);
        CHECK(pa && pa->AutoconfigEnabled == 1 && pa->CurrentDnsServer == NULL && !pa->DnsServerList.IpAddress.String[0],
              "GPAI without DNS");
        free(pa);
    }

    /* GetAdaptersAddresses: every pointer inside the caller's buffer */
    aa = (IP_ADAPTER_ADDRESSES *)fetch("GAA", c_gaa, ERROR_BUFFER_OVERFLOW, &len, &rc, 2);
    CHECK(aa != NULL, "GAA fill rc %lu", (unsigned long)rc);
    if (aa) {
        IP_ADAPTER_ADDRESSES *p;
        int found_lac = 0, found_wifi = 0;
        for (p = aa; p; p = p->Next) {
            IP_ADAPTER_UNICAST_ADDRESS *u;
            IP_ADAPTER_DNS_SERVER_ADDRESS *d;
            IP_ADAPTER_GATEWAY_ADDRESS *g;
            n++;
            CHECK(inside(aa, len, p, sizeof(*p)) && p->Length == sizeof(*p), "GAA adapter %d", n);
            CHECK(inside(aa, len, p->AdapterName, strlen(p->AdapterName) + 1), "GAA AdapterName");
            CHECK(inside(aa, len, p->FriendlyName, (wcslen(p->FriendlyName) + 1) * 2), "GAA FriendlyName");
            CHECK(inside(aa, len, p->Description, (wcslen(p->Description) + 1) * 2), "GAA Description");
            CHECK(inside(aa, len, p->DnsSuffix, (wcslen(p->DnsSuffix) + 1) * 2), "GAA DnsSuffix");
            for (u = p->FirstUnicastAddress; u; u = u->Next)
                CHECK(inside(aa, len, u, sizeof(*u)) &&
                          inside(aa, len, u->Address.lpSockaddr, (size_t)u->Address.iSockaddrLength),
                      "GAA unicast");
            for (d = p->FirstDnsServerAddress; d; d = d->Next)
                CHECK(inside(aa, len, d, sizeof(*d)) && inside(aa, len, d->Address.lpSockaddr, (size_t)d->Address.iSockaddrLength),
                      "GAA dns");
            for (g = p->FirstGatewayAddress; g; g = g->Next)
                CHECK(inside(aa, len, g, sizeof(*g)) && inside(aa, len, g->Address.lpSockaddr, (size_t)g->Address.iSockaddrLength),
                      "GAA gateway");
            if (!wcscmp(p->FriendlyName, L"Local Area Connection")) {
                found_lac = 1;
                CHECK(p->IfIndex == 2 && p->IfType == IF_TYPE_ETHERNET_CSMACD && p->OperStatus == IfOperStatusUp,
                      "LAC index/type/status");
                CHECK((p->Flags & IP_ADAPTER_DHCP_ENABLED) != 0, "LAC DHCP flag");
                CHECK(!strcmp(p->AdapterName, "{6E8E6A1C-1A52-4F3B-9D2E-0A1B2C3D4E01}"), "LAC GUID");
                CHECK(p->PhysicalAddressLength == 6 && p->PhysicalAddress[0] == 0xD0 && p->PhysicalAddress[5] == 0xA9, "LAC MAC");
                CHECK(!strcmp(sa_str(&p->Dhcpv4Server, s), "172.16.99.2"), "LAC Dhcpv4Server %s", s);
                CHECK(p->FirstUnicastAddress && !strcmp(sa_str(&p->FirstUnicastAddress->Address, s), "10.1.23.175") &&
                          p->FirstUnicastAddress->OnLinkPrefixLength == 16,
                      "LAC first unicast %s", s);
                CHECK(p->FirstGatewayAddress && !strcmp(sa_str(&p->FirstGatewayAddress->Address, s), "10.1.1.100"),
                      "LAC gateway");
                CHECK(p->FirstDnsServerAddress && p->FirstDnsServerAddress->Next &&
                          !strcmp(sa_str(&p->FirstDnsServerAddress->Next->Address, s), "198.206.243.28"),
                      "LAC second DNS");
            }
            if (!wcscmp(p->FriendlyName, L"Connexion r\u00e9seau sans fil 2")) {
                found_wifi = 1;
                CHECK(p->IfType == IF_TYPE_IEEE80211, "Wi-Fi type");
            }
            if (!wcscmp(p->FriendlyName, L"Local Unplugged"))
                CHECK(p->OperStatus == IfOperStatusDown, "unplugged is down");
            if (!wcscmp(p->FriendlyName, L"Local Static"))
                CHECK(!(p->Flags & IP_ADAPTER_DHCP_ENABLED) && p->Dhcpv4Server.lpSockaddr == NULL, "static: no DHCP");
        }
        CHECK(n == 7, "GAA lists %d adapters, expected 7 (loopback included)", n);
        CHECK(found_lac && found_wifi, "GAA names (UTF-8 scenario -> UTF-16)");
        free(aa);
    }
    /* without GAA_FLAG_INCLUDE_GATEWAYS: no gateways; SKIP_FRIENDLY_NAME: "" */
    len = 0;
    pGAA(AF_INET, GAA_FLAG_SKIP_FRIENDLY_NAME, NULL, NULL, &len);
    aa = (IP_ADAPTER_ADDRESSES *)calloc(1, len);
    CHECK(pGAA(AF_INET, GAA_FLAG_SKIP_FRIENDLY_NAME, NULL, aa, &len) == NO_ERROR, "GAA AF_INET");
    if (aa) {
        IP_ADAPTER_ADDRESSES *p;
        for (p = aa; p; p = p->Next) {
            IP_ADAPTER_UNICAST_ADDRESS *u;
            CHECK(p->FirstGatewayAddress == NULL, "gateways without the flag");
            CHECK(p->FriendlyName && p->FriendlyName[0] == 0, "SKIP_FRIENDLY_NAME");
            for (u = p->FirstUnicastAddress; u; u = u->Next)
                CHECK(u->Address.lpSockaddr->sa_family == AF_INET, "AF_INET only");
        }
    }
    free(aa);

    /* GetAdaptersInfo: chain, IpAddressList with contexts, no loopback */
    ai = (IP_ADAPTER_INFO *)fetch("GAI", c_gai, ERROR_BUFFER_OVERFLOW, &len, &rc, 2);
    CHECK(ai != NULL, "GAI fill rc %lu", (unsigned long)rc);
    if (ai) {
        n = 0;
        for (a = ai; a; a = a->Next) {
            IP_ADDR_STRING *x;
            n++;
            CHECK(inside(ai, len, a, sizeof(*a)), "GAI entry inside");
            for (x = a->IpAddressList.Next; x; x = x->Next)
                CHECK(inside(ai, len, x, sizeof(*x)), "GAI address inside");
        }
        CHECK(n == 6, "GAI lists %d adapters, expected 6 (no loopback)", n);
        a = gai_find(ai, 2);
        CHECK(a && a->DhcpEnabled && !strcmp(a->IpAddressList.IpAddress.String, "10.1.23.175") &&
                  a->IpAddressList.Context == 3 && a->IpAddressList.Next &&
                  !strcmp(a->IpAddressList.Next->IpAddress.String, "10.1.200.1") && a->IpAddressList.Next->Context == 7,
              "GAI LAC addresses and contexts");
        CHECK(a && a->LeaseObtained == 1474265496 && a->LeaseExpires == 1474634754, "GAI LAC lease");
        CHECK(a && !strcmp(a->DhcpServer.IpAddress.String, "172.16.99.2"), "GAI LAC DHCP server");
        a = gai_find(ai, 9);
        CHECK(a && !strcmp(a->IpAddressList.IpAddress.String, "0.0.0.0"), "GAI unplugged 0.0.0.0");
        free(ai);
    }

    fi = (FIXED_INFO *)fetch("GNP", c_gnp, ERROR_BUFFER_OVERFLOW, &len, &rc, 2);
    CHECK(fi && !strcmp(fi->HostName, "WS-042") && !strcmp(fi->DomainName, "corp.example.com") &&
              fi->NodeType == HYBRID_NODETYPE && fi->DnsServerList.Next &&
              inside(fi, len, fi->DnsServerList.Next, sizeof(IP_ADDR_STRING)),
          "GNP host block");
    free(fi);

    at = (MIB_IPADDRTABLE *)fetch("GIAT", c_giat, ERROR_INSUFFICIENT_BUFFER, &len, &rc, 2);
    CHECK(at && at->dwNumEntries == 7, "GIAT 7 rows (loopback included)");
    if (at) {
        DWORD i;
        for (i = 1; i < at->dwNumEntries; i++)
            CHECK(memcmp(&at->table[i - 1].dwAddr, &at->table[i].dwAddr, 4) < 0, "GIAT sorted (row %lu)", (unsigned long)i);
    }
    free(at);

    ii = (IP_INTERFACE_INFO *)fetch("GII", c_gii, ERROR_INSUFFICIENT_BUFFER, &len, &rc, 2);
    CHECK(ii && ii->NumAdapters == 6 && ii->Adapter[0].Index == 2 &&
              !wcscmp(ii->Adapter[0].Name, L"\\DEVICE\\TCPIP_{6E8E6A1C-1A52-4F3B-9D2E-0A1B2C3D4E01}"),
          "GII maps");

    /* IpReleaseAddress / IpRenewAddress: invalid arguments */
    {
        IP_ADAPTER_INDEX_MAP m;
        memset(&m, 0, sizeof(m));
        CHECK(pREL(NULL) == ERROR_INVALID_PARAMETER, "release NULL");
        CHECK(pREN(NULL) == ERROR_INVALID_PARAMETER, "renew NULL");
        CHECK(pREL(&m) == ERROR_INVALID_PARAMETER, "release empty Name");
        wcscpy(m.Name, L"\\DEVICE\\TCPIP_{00000000-0000-0000-0000-000000000000}");
        CHECK(pREL(&m) == ERROR_INVALID_PARAMETER, "release unknown Name");
        /* only Name counts: a wrong Index with the right Name works */
        wcscpy(m.Name, L"\\DEVICE\\TCPIP_{6E8E6A1C-1A52-4F3B-9D2E-0A1B2C3D4E02}");
        m.Index = 999;
        CHECK(pREL(&m) == NO_ERROR, "release by Name");
    }
    /* release of the first map (the same structure for both calls) */
    if (ii) {
        CHECK(pREL(&ii->Adapter[0]) == NO_ERROR, "release LAC");
        ai = (IP_ADAPTER_INFO *)fetch("GAI after release", c_gai, ERROR_BUFFER_OVERFLOW, &len, &rc, 2);
        a = ai ? gai_find(ai, 2) : NULL;
        CHECK(a && !strcmp(a->IpAddressList.IpAddress.String, "0.0.0.0") && a->IpAddressList.Context == 3 &&
                  a->IpAddressList.Next && !strcmp(a->IpAddressList.Next->IpAddress.String, "10.1.200.1") &&
                  a->LeaseObtained == 0 && a->LeaseExpires == 0 &&
                  !strcmp(a->DhcpServer.IpAddress.String, "255.255.255.255") &&
                  !strcmp(a->GatewayList.IpAddress.String, "0.0.0.0"),
              "GAI after release");
        free(ai);
        CHECK(pREN(&ii->Adapter[0]) == NO_ERROR, "renew LAC");
        ai = (IP_ADAPTER_INFO *)fetch("GAI after renew", c_gai, ERROR_BUFFER_OVERFLOW, &len, &rc, 2);
        a = ai ? gai_find(ai, 2) : NULL;
        CHECK(a && !strcmp(a->IpAddressList.IpAddress.String, "10.1.23.176") && a->IpAddressList.Context == 3 &&
                  a->LeaseObtained == 1474700000 &&
                  !strcmp(a->DhcpServer.IpAddress.String, "172.16.99.2") &&
                  !strcmp(a->GatewayList.IpAddress.String, "10.1.1.100"),
              "GAI after renew");
        free(ai);
        /* static and disconnected adapters */
        CHECK(pREL(&ii->Adapter[2]) == ERROR_INVALID_PARAMETER, "release static");
        CHECK(pREL(&ii->Adapter[3]) == ERROR_NOT_READY, "release disconnected");
    }
    free(ii);

    /* AddIPAddress / DeleteIPAddress */
    {
        ULONG ctx = 0, inst = 0;
        IPAddr addr;
        IPMask mask;
        static const unsigned char ab[4] = {10, 1, 99, 9}, mb[4] = {255, 255, 0, 0};
        memcpy(&addr, ab, 4);
        memcpy(&mask, mb, 4);
        CHECK(pADD(addr, mask, 2, NULL, &inst) == ERROR_INVALID_PARAMETER, "add NULL context");
        CHECK(pADD(addr, mask, 4242, &ctx, &inst) == ERROR_DEV_NOT_EXIST, "add unknown IfIndex");
        CHECK(pADD(addr, mask, 2, &ctx, &inst) == NO_ERROR && ctx == 100, "add: context %lu", (unsigned long)ctx);
        CHECK(pADD(addr, mask, 2, &ctx, &inst) == ERROR_DUP_DOMAINNAME, "add again, same adapter");
        CHECK(pADD(addr, mask, 5, &ctx, &inst) == ERROR_OBJECT_ALREADY_EXISTS, "add again, other adapter");
        CHECK(pDEL(100) == NO_ERROR, "delete 100");
        CHECK(pDEL(100) == ERROR_INVALID_PARAMETER, "delete 100 again");
        CHECK(pDEL(7) == NO_ERROR, "delete scenario context 7");
    }
}

static void mode_empty(void)
{
    ULONG len = 0;
    check_null_sizes();
    CHECK(pGAA(AF_UNSPEC, 0, NULL, NULL, &len) == ERROR_NO_DATA, "GAA no adapter");
    CHECK(pGAI(NULL, &len) == ERROR_NO_DATA, "GAI no adapter");
    CHECK(pGII(NULL, &len) == ERROR_NO_DATA, "GII no adapter");
    len = 0;
    CHECK(pGPAI(1, NULL, &len) == ERROR_NO_DATA, "GPAI no adapter");
    len = 0;
    CHECK(pGNP(NULL, &len) == ERROR_BUFFER_OVERFLOW, "GNP still answers");
}

static void mode_quirk(void)
{
    ULONG len;
    DWORD rc;
    IP_INTERFACE_INFO *ii = (IP_INTERFACE_INFO *)fetch("GII", c_gii, ERROR_INSUFFICIENT_BUFFER, &len, &rc, 2);
    CHECK(rc == NO_ERROR && ii && ii->NumAdapters == 0 && len == sizeof(IP_INTERFACE_INFO), "NumAdapters 0");
    /* the undefined Adapter[0] looks like a real map (a trap for callers) */
    CHECK(ii && !wcscmp(ii->Adapter[0].Name, L"\\DEVICE\\TCPIP_{6E8E6A1C-1A52-4F3B-9D2E-0A1B2C3D4E01}"), "trap map");
    free(ii);
}

static void mode_grow(void)
{
    ULONG len;
    DWORD rc;
    void *p;
    p = fetch("GAA", c_gaa, ERROR_BUFFER_OVERFLOW, &len, &rc, 3);
    CHECK(p != NULL, "GAA grown fill");
    free(p);
    p = fetch("GAI", c_gai, ERROR_BUFFER_OVERFLOW, &len, &rc, 3);
    CHECK(p != NULL, "GAI grown fill");
    free(p);
    p = fetch("GNP", c_gnp, ERROR_BUFFER_OVERFLOW, &len, &rc, 3);
    CHECK(p != NULL, "GNP grown fill");
    free(p);
    p = fetch("GIAT", c_giat, ERROR_INSUFFICIENT_BUFFER, &len, &rc, 3);
    CHECK(p != NULL, "GIAT grown fill");
    free(p);
    p = fetch("GII", c_gii, ERROR_INSUFFICIENT_BUFFER, &len, &rc, 3);
    CHECK(p != NULL, "GII grown fill");
    free(p);
    gpai_index = 2;
    p = fetch("GPAI", c_gpai, ERROR_BUFFER_OVERFLOW, &len, &rc, 3);
    CHECK(p != NULL && ((IP_PER_ADAPTER_INFO *)p)->AutoconfigEnabled == 1, "GPAI grown fill");
    free(p);
    gpai_index = 5; /* grown once only, whichever adapter comes next */
    p = fetch("GPAI again", c_gpai, ERROR_BUFFER_OVERFLOW, &len, &rc, 2);
    free(p);
    /* grown once only: the next round is two calls again */
    p = fetch("GAA again", c_gaa, ERROR_BUFFER_OVERFLOW, &len, &rc, 2);
    free(p);
}

static IP_ADAPTER_ADDRESSES *gaa_by_name(IP_ADAPTER_ADDRESSES *l, const WCHAR *name)
{
    for (; l; l = l->Next)
        if (!wcscmp(l->FriendlyName, name))
            return l;
    return NULL;
}

static void lease_of(const IP_ADAPTER_INFO *a, long long *o, long long *e)
{
#ifdef _WIN64
    *o = (long long)a->LeaseObtained;
    *e = (long long)a->LeaseExpires;
#else
    int64_t o64, e64;
    ipcfg_win_lease32_read(a, &o64, &e64);
    *o = o64;
    *e = e64;
#endif
}

/* GetAdaptersAddresses with GAA_FLAG_INCLUDE_WINS_INFO: every WINS server of
 * the scenario, in order, each entry inside the buffer. */
static void check_gaa_wins(void)
{
    static const char *const want[] = {"10.0.0.5", "10.0.0.6", "130.64.23.26", "130.64.23.192"};
    ULONG len;
    DWORD rc;
    IP_ADAPTER_ADDRESSES *aa, *p;
    gaa_flags = GAA_FLAG_INCLUDE_GATEWAYS | GAA_FLAG_INCLUDE_WINS_INFO;
    aa = (IP_ADAPTER_ADDRESSES *)fetch("GAA+WINS", c_gaa, ERROR_BUFFER_OVERFLOW, &len, &rc, 2);
    gaa_flags = GAA_FLAG_INCLUDE_GATEWAYS;
    CHECK(aa != NULL, "GAA (WINS) fill rc %lu", (unsigned long)rc);
    if (!aa)
        return;
    p = gaa_by_name(aa, L"Ethernet");
    if (p) {
        size_t n = 0;
        const IP_ADAPTER_WINS_SERVER_ADDRESS_LH *w;
        for (w = p->FirstWinsServerAddress; w && n < 8; w = w->Next, n++) {
            const struct sockaddr_in *sa = (const struct sockaddr_in *)w->Address.lpSockaddr;
            const unsigned char *q = (const unsigned char *)&sa->sin_addr; /* network order */
            char b[20];
            CHECK(inside(aa, len, w, sizeof(*w)) && inside(aa, len, sa, sizeof(*sa)) &&
                      w->Address.iSockaddrLength == (INT)sizeof(*sa) && sa->sin_family == AF_INET,
                  "Ethernet WINS entry %u: an IPv4 sockaddr inside the buffer", (unsigned)n);
            snprintf(b, sizeof(b), "%u.%u.%u.%u", q[0], q[1], q[2], q[3]);
            CHECK(n < 4 && !strcmp(b, want[n]), "Ethernet WINS entry %u is %s", (unsigned)n, b);
        }
        CHECK(n == 4, "Ethernet: %u WINS servers in GetAdaptersAddresses, expected 4", (unsigned)n);
    }
    CHECK(p != NULL, "GAA (WINS) lists Ethernet");
    p = gaa_by_name(aa, L"VPN");
    CHECK(p && p->FirstWinsServerAddress == NULL, "VPN: no WINS server");
    free(aa);
}

static void mode_fields(void)
{
    static const BYTE duid[14] = {0x00, 0x01, 0x00, 0x01, 0x2A, 0x15, 0xC3, 0x11, 0xD0, 0x50, 0x99, 0x07, 0x6F, 0xA9};
    ULONG len;
    DWORD rc;
    IP_ADAPTER_ADDRESSES *aa, *p;
    IP_ADAPTER_INFO *ai, *a;
    IP_PER_ADAPTER_INFO *pa;

    aa = (IP_ADAPTER_ADDRESSES *)fetch("GAA", c_gaa, ERROR_BUFFER_OVERFLOW, &len, &rc, 2);
    CHECK(aa != NULL, "GAA fill rc %lu", (unsigned long)rc);
    if (aa) {
        p = gaa_by_name(aa, L"Ethernet");
        CHECK(p && p->Dhcpv6Iaid == 117461145 && p->Dhcpv6ClientDuidLength == sizeof(duid) &&
                  !memcmp(p->Dhcpv6ClientDuid, duid, sizeof(duid)),
              "Ethernet DHCPv6 IAID/DUID");
        CHECK(p && p->FirstDnsSuffix && inside(aa, len, p->FirstDnsSuffix, sizeof(*p->FirstDnsSuffix)) &&
                  !wcscmp(p->FirstDnsSuffix->String, L"corp.example.com") && p->FirstDnsSuffix->Next &&
                  inside(aa, len, p->FirstDnsSuffix->Next, sizeof(*p->FirstDnsSuffix)) &&
                  !wcscmp(p->FirstDnsSuffix->Next->String, L"lab.corp.example.com") && !p->FirstDnsSuffix->Next->Next,
              "Ethernet FirstDnsSuffix chain");
        if (p) {
            int temporary = 0, public_ = 0, dhcp6 = 0;
            IP_ADAPTER_UNICAST_ADDRESS *u;
            for (u = p->FirstUnicastAddress; u; u = u->Next) {
                const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)u->Address.lpSockaddr;
                if (s6->sin6_family != AF_INET6 || s6->sin6_addr.s6_addr[0] != 0x20)
                    continue;
                if (u->PrefixOrigin == IpPrefixOriginRouterAdvertisement && u->SuffixOrigin == IpSuffixOriginRandom)
                    temporary++;
                else if (u->PrefixOrigin == IpPrefixOriginRouterAdvertisement &&
                         u->SuffixOrigin == IpSuffixOriginLinkLayerAddress)
                    public_++;
                else if (u->PrefixOrigin == IpPrefixOriginDhcp && u->SuffixOrigin == IpSuffixOriginDhcp)
                    dhcp6++;
            }
            CHECK(temporary == 1 && public_ == 1 && dhcp6 == 1, "Ethernet IPv6 origins: %d temporary, %d public, %d dhcp",
                  temporary, public_, dhcp6);
        }
        p = gaa_by_name(aa, L"Teredo");
        CHECK(p && p->IfIndex == 0 && p->Ipv6IfIndex == 14 && p->PhysicalAddressLength == 8 &&
                  p->PhysicalAddress[7] == 0xE0 && p->IfType == IF_TYPE_TUNNEL && p->FirstDnsSuffix == NULL,
              "Teredo: no IPv4 index, IPv6 index 14, 8-byte address");
        p = gaa_by_name(aa, L"VPN");
        CHECK(p && p->PhysicalAddressLength == 0 && p->IfType == 53 && p->IfIndex == 21, "VPN: no address, IfType 53");
        p = gaa_by_name(aa, L"IPv6 only");
        CHECK(p && p->IfIndex == 0 && p->Ipv6IfIndex == 31, "IPv6 only: indexes");
        p = gaa_by_name(aa, L"Ethernet");
        CHECK(p && p->FirstWinsServerAddress == NULL, "no WINS list without GAA_FLAG_INCLUDE_WINS_INFO");
        free(aa);
    }
    check_gaa_wins();

    ai = (IP_ADAPTER_INFO *)fetch("GAI", c_gai, ERROR_BUFFER_OVERFLOW, &len, &rc, 2);
    CHECK(ai != NULL, "GAI fill rc %lu", (unsigned long)rc);
    if (ai) {
        int n = 0;
        long long o, e;
        for (a = ai; a; a = a->Next) {
            n++;
            CHECK(inside(ai, len, a, IPCFG_WIN_AI32_SIZE), "GAI entry %d inside the buffer", n);
        }
        CHECK(n == 3, "GAI lists %d adapters, expected 3 (no IPv4-less adapter, no loopback)", n);
        a = gai_find(ai, 3);
        CHECK(a && a->HaveWins && !strcmp(a->PrimaryWinsServer.IpAddress.String, "10.0.0.5") &&
                  !strcmp(a->SecondaryWinsServer.IpAddress.String, "10.0.0.6"),
              "Ethernet WINS");
        if (a) {
            lease_of(a, &o, &e);
            CHECK(o == 1474265496 && e == 1474634754, "Ethernet lease times %lld %lld", o, e);
        }
        a = gai_find(ai, 4);
        CHECK(a && a->HaveWins && !strcmp(a->PrimaryWinsServer.IpAddress.String, "10.0.0.5") &&
                  !a->SecondaryWinsServer.IpAddress.String[0],
              "Wi-Fi: primary WINS only");
        a = gai_find(ai, 21);
        CHECK(a && !a->HaveWins && a->AddressLength == 0, "VPN: no WINS, no address");
        free(ai);
    }

    pa = fetch_gpai(14, &len); /* Teredo's IPv6 index */
    CHECK(pa && pa->AutoconfigEnabled == 1 && pa->AutoconfigActive == 0, "GPAI by IPv6 index (Teredo)");
    free(pa);
    pa = fetch_gpai(31, &len);
    CHECK(pa && pa->AutoconfigEnabled == 0, "GPAI by IPv6 index (IPv6 only, autoconfig no)");
    free(pa);
    pa = fetch_gpai(4, &len);
    CHECK(pa && pa->AutoconfigEnabled == 1 && pa->AutoconfigActive == 1, "GPAI Wi-Fi: APIPA active");
    free(pa);
    len = 0;
    CHECK(pGPAI(30, NULL, &len) == ERROR_NO_DATA, "GPAI IPv4 index of an adapter without IPv4");
}

int main(int argc, char **argv)
{
    HMODULE h;
    WCHAR path[MAX_PATH];
    if (argc != 2) {
        printf("usage: sim_selftest office|empty|quirk|grow|fields\n");
        return 2;
    }
    h = LoadLibraryExW(L"iphlpapi.dll", NULL, LOAD_LIBRARY_SEARCH_SYSTEM32);
    if (!h) {
        printf("FAIL: cannot load iphlpapi.dll: %lu\n", (unsigned long)GetLastError());
        return 1;
    }
    pGAA = (gaa_fn)sym(h, "GetAdaptersAddresses");
    pGAI = (gai_fn)sym(h, "GetAdaptersInfo");
    pGNP = (gnp_fn)sym(h, "GetNetworkParams");
    pGIAT = (giat_fn)sym(h, "GetIpAddrTable");
    pGII = (gii_fn)sym(h, "GetInterfaceInfo");
    pREL = (rel_fn)sym(h, "IpReleaseAddress");
    pREN = (rel_fn)sym(h, "IpRenewAddress");
    pADD = (add_fn)sym(h, "AddIPAddress");
    pDEL = (del_fn)sym(h, "DeleteIPAddress");
    pGPAI = (gpai_fn)sym(h, "GetPerAdapterInfo");
    if (!pGAA || !pGAI || !pGNP || !pGIAT || !pGII || !pREL || !pREN || !pADD || !pDEL || !pGPAI) {
        printf("FAIL: an export is missing\n");
        return 1;
    }
    GetModuleFileNameW(h, path, MAX_PATH);
    if (!strcmp(argv[1], "office"))
        mode_office();
    else if (!strcmp(argv[1], "empty"))
        mode_empty();
    else if (!strcmp(argv[1], "quirk"))
        mode_quirk();
    else if (!strcmp(argv[1], "grow"))
        mode_grow();
    else if (!strcmp(argv[1], "fields"))
        mode_fields();
    else {
        printf("unknown mode %s\n", argv[1]);
        return 2;
    }
    if (failures) {
        printf("%d check(s) failed\n", failures);
        return 1;
    }
    printf("ok: %s\n", argv[1]);
    return 0;
}
