/* iphlpapi_sim — a TEST-ONLY replacement iphlpapi.dll that simulates a
 * Windows host for ipcfg's tests under Wine.
 *
 * It exports the ten IP Helper functions ipcfg resolves (GetAdaptersAddresses,
 * GetAdaptersInfo, GetNetworkParams, GetIpAddrTable, GetInterfaceInfo,
 * GetPerAdapterInfo, IpReleaseAddress, IpRenewAddress, AddIPAddress,
 * DeleteIPAddress) with their
 * real Win32 prototypes, fills the real Win32 structures in the caller's
 * buffer, and honours each function's size-query contract.  The simulated
 * host is described by a scenario file (env IPCFG_SIM_SCENARIO, format in
 * README.md); every call is appended, with its arguments and its result, to
 * a log file (env IPCFG_SIM_LOG).  State changes (release, renew, add,
 * delete) hold for the rest of the process, and for later processes too when
 * env IPCFG_SIM_STATE names a state file.
 *
 * Never shipped: it is built only for the MinGW test builds.
 *
 * Observed behaviour and assumptions.  What the simulation answers comes
 * from Microsoft's reference pages (learn.microsoft.com / MicrosoftDocs
 * sdk-api: GetAdaptersAddresses, GetAdaptersInfo, GetPerAdapterInfo,
 * IpReleaseAddress, IpRenewAddress, AddIPAddress, DeleteIPAddress), the
 * seeds in shared/seeds, Wine 8 (run here) and captured real ipconfig
 * outputs.  These answers are ASSUMPTIONS, not observed on a real host:
 *   - IpRenewAddress -> ERROR_SEM_TIMEOUT (121) when no server answers (the
 *     references do not list the code; see docs/windows.md);
 *   - IpRelease/RenewAddress -> ERROR_NOT_READY (21) for a disconnected
 *     adapter and ERROR_INVALID_PARAMETER (87) for a static one;
 *   - DeleteIPAddress -> 87 for an unknown NTE context;
 *   - AddIPAddress -> ERROR_OBJECT_ALREADY_EXISTS (5010) for an address on
 *     another adapter;
 *   - GetPerAdapterInfo answering an adapter asked with its IPv6 interface
 *     index (an IPv6-only adapter, a tunnel);
 *   - ERROR_ELEVATION_REQUIRED (740) and RPC_S_SERVER_UNAVAILABLE (1722),
 *     which a scenario's "result" lines make a call answer.
 * The size-query codes (111, 122, 232) and the structures follow the
 * references and Wine (docs/windows.md, tests/win/sim/README.md).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <iphlpapi.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adapter_info32.h" /* src/win: the 32-bit IP_ADAPTER_INFO view */

/* ------------------------------------------------------------------ */
/* Simulated state                                                     */
/* ------------------------------------------------------------------ */

#define SIM_MAX_ADAPTERS 16
#define SIM_MAX_V4 16
#define SIM_MAX_V6 16
#define SIM_MAX_LIST 8
#define SIM_TEXT 256
#define SIM_GROW_STEP 512u

enum sim_fn {
    F_GAA = 0, /* GetAdaptersAddresses */
    F_GAI,     /* GetAdaptersInfo */
    F_GNP,     /* GetNetworkParams */
    F_GIAT,    /* GetIpAddrTable */
    F_GII,     /* GetInterfaceInfo */
    F_GPAI,    /* GetPerAdapterInfo (the last of the sizing functions) */
    F_REL,     /* IpReleaseAddress */
    F_REN,     /* IpRenewAddress */
    F_ADD,     /* AddIPAddress */
    F_DEL,     /* DeleteIPAddress */
    F_COUNT
};

static const char *const fn_names[F_COUNT] = {
    "GetAdaptersAddresses", "GetAdaptersInfo", "GetNetworkParams", "GetIpAddrTable",
    "GetInterfaceInfo",     "GetPerAdapterInfo", "IpReleaseAddress", "IpRenewAddress",
    "AddIPAddress",         "DeleteIPAddress",
};

typedef struct sim_ip {
    int v6;          /* 0: IPv4 in b[0..3]; 1: IPv6 */
    BYTE b[16];      /* network order */
    ULONG scope;     /* IPv6 zone ("%N" in the scenario), 0 = none */
} sim_ip;

typedef struct sim_v4 {
    BYTE addr[4];
    BYTE mask[4];
    ULONG context;
} sim_v4;

typedef struct sim_v6 {
    BYTE addr[16];
    unsigned prefix;
    int origin;      /* V6_PUBLIC, V6_TEMPORARY, V6_MANUAL, V6_DHCP */
} sim_v6;

enum { V6_PUBLIC = 0, V6_TEMPORARY, V6_MANUAL, V6_DHCP };

#define SIM_MAX_SUFFIXES 8

/* The part of an adapter that release/renew change. */
typedef struct sim_lease {
    sim_v4 v4[SIM_MAX_V4];
    int n_v4;
    sim_ip gw[SIM_MAX_LIST];
    int n_gw;
    int has_server;
    BYTE server[4];
    long long obtained, expires;
} sim_lease;

typedef struct sim_adapter {
    char guid[64];               /* "{...}" */
    WCHAR name[SIM_TEXT];        /* friendly name */
    WCHAR desc[SIM_TEXT];
    WCHAR dns_suffix[SIM_TEXT];
    ULONG index;
    ULONG iftype;
    BYTE mac[8];
    ULONG maclen;
    int dhcp;
    int connected;
    int netbios;
    int ipv4_enabled;
    int autoconfig;              /* GetPerAdapterInfo's AutoconfigEnabled */
    ULONG ipv6_index;            /* Ipv6IfIndex (0: the index, when the adapter has IPv6) */
    BYTE wins[SIM_MAX_LIST][4];  /* WINS servers in order: GetAdaptersInfo has the
                                  * first two (HaveWins), GetAdaptersAddresses all */
    int n_wins;
    ULONG dhcpv6_iaid;
    BYTE duid[MAX_DHCPV6_DUID_LENGTH];
    ULONG duid_len;
    WCHAR suffixes[SIM_MAX_SUFFIXES][MAX_DNS_SUFFIX_STRING_LENGTH]; /* FirstDnsSuffix */
    int n_suffixes;
    sim_lease cur;               /* what the host reports now */
    sim_lease orig;              /* as the scenario described it (renew restores it) */
    sim_v6 v6[SIM_MAX_V6];
    int n_v6;
    sim_ip dns[SIM_MAX_LIST];
    int n_dns;
    int has_renew_addr;
    BYTE renew_addr[4], renew_mask[4];
    int has_renew_lease;
    long long renew_obtained, renew_expires;
} sim_adapter;

typedef struct sim_result {
    int fn;
    int any;            /* no selector: every call */
    char guid[64];      /* selector */
    DWORD code;         /* result: the answer; delay: milliseconds */
} sim_result;

typedef struct sim_host {
    char host_name[132];
    char domain[132];
    UINT node_type;
    UINT routing, wins_proxy, enable_dns;
    char scope_id[260];
    BYTE dns[SIM_MAX_LIST][4];
    int n_dns;
} sim_host;

static struct {
    int loaded;
    DWORD load_error;            /* nonzero: the scenario could not be read */
    sim_host host;
    sim_adapter ad[SIM_MAX_ADAPTERS];
    int n_ad;
    sim_result results[64];
    int n_results;
    sim_result delays[16];
    int n_delays;
    unsigned grow_left[F_COUNT];
    ULONG grow_pad[F_COUNT];
    int quirk_numadapters0;
    int quirk_gaa_no_wins;       /* GetAdaptersAddresses lists no WINS server */
    ULONG next_context;
    WCHAR log_path[MAX_PATH + 8];
    WCHAR state_path[MAX_PATH + 8];
    int replaying;
} S;

static CRITICAL_SECTION sim_lock;

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */
/* ------------------------------------------------------------------ */

static void env_path(const WCHAR *var, WCHAR *out, size_t cap)
{
    WCHAR raw[MAX_PATH];
    DWORD n = GetEnvironmentVariableW(var, raw, MAX_PATH);
    out[0] = 0;
    if (n == 0 || n >= MAX_PATH)
        return;
    /* A Unix path (Wine passes the Unix environment through): map it to the
     * Z: drive, which Wine maps to "/". */
    if (raw[0] == L'/') {
        size_t i;
        if (n + 3 > cap)
            return;
        out[0] = L'Z';
        out[1] = L':';
        for (i = 0; i <= n; i++)
            out[2 + i] = raw[i] == L'/' ? L'\\' : raw[i];
    } else {
        if (n + 1 > cap)
            return;
        memcpy(out, raw, (n + 1) * sizeof(WCHAR));
    }
}

static void append_file(const WCHAR *path, const char *text, size_t len)
{
    HANDLE h;
    DWORD w;
    if (!path[0])
        return;
    h = CreateFileW(path, FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_ALWAYS,
                    FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return;
    WriteFile(h, text, (DWORD)len, &w, NULL);
    CloseHandle(h);
}

/* Appends one line (a newline is added) to the call log. */
static void sim_log(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
static void sim_log(const char *fmt, ...)
{
    char line[2048];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(line, sizeof(line) - 2, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n > sizeof(line) - 2)
        n = (int)(sizeof(line) - 2);
    line[n++] = '\n';
    append_file(S.log_path, line, (size_t)n);
}

static void sim_state_append(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
static void sim_state_append(const char *fmt, ...)
{
    char line[512];
    va_list ap;
    int n;
    if (S.replaying || !S.state_path[0])
        return;
    va_start(ap, fmt);
    n = vsnprintf(line, sizeof(line) - 2, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    line[n++] = '\n';
    append_file(S.state_path, line, (size_t)n);
}

static void sim_complain(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/* A broken scenario: say so on stderr and in the log, so that a test fails
 * loudly instead of silently testing nothing. */
static void sim_complain(const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    int n;
    DWORD w;
    va_start(ap, fmt);
    n = vsnprintf(line, sizeof(line) - 2, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n > sizeof(line) - 2)
        n = (int)(sizeof(line) - 2);
    line[n++] = '\n';
    WriteFile(GetStdHandle(STD_ERROR_HANDLE), line, (DWORD)n, &w, NULL);
    append_file(S.log_path, line, (size_t)n);
}

static void utf16_to_utf8(const WCHAR *w, char *out, int cap)
{
    int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, out, cap, NULL, NULL);
    if (n <= 0)
        out[0] = 0;
}

static const char *ip4_str(const BYTE b[4], char *buf)
{
    sprintf(buf, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
    return buf;
}

static const char *ip4_str_dw(DWORD dw_net, char *buf)
{
    BYTE b[4];
    memcpy(b, &dw_net, 4);
    return ip4_str(b, buf);
}

static int ip4_is_zero(const BYTE b[4])
{
    return !b[0] && !b[1] && !b[2] && !b[3];
}

static int parse_ip4(const char *s, BYTE out[4])
{
    int part = 0;
    unsigned val = 0;
    int digits = 0;
    for (;; s++) {
        if (*s >= '0' && *s <= '9') {
            val = val * 10 + (unsigned)(*s - '0');
            if (++digits > 3 || val > 255)
                return -1;
        } else if (*s == '.' || *s == 0) {
            if (!digits || part > 3)
                return -1;
            out[part++] = (BYTE)val;
            val = 0;
            digits = 0;
            if (*s == 0)
                break;
        } else {
            return -1;
        }
    }
    return part == 4 ? 0 : -1;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* RFC 4291 text forms, including "::" and a trailing dotted quad. */
static int parse_ip6(const char *s, BYTE out[16])
{
    unsigned short groups[8];
    int n = 0, gap = -1;
    const char *p = s;
    memset(groups, 0, sizeof(groups));
    if (p[0] == ':' && p[1] == ':') {
        gap = 0;
        p += 2;
        if (!*p)
            goto done;
    } else if (*p == ':') {
        return -1;
    }
    for (;;) {
        const char *start = p;
        unsigned v = 0;
        int d = 0;
        if (n >= 8)
            return -1;
        while (hexval(*p) >= 0 && d < 5) {
            v = v * 16 + (unsigned)hexval(*p);
            p++;
            d++;
        }
        if (*p == '.') {
            BYTE q[4];
            if (n > 6 || parse_ip4(start, q) != 0)
                return -1;
            groups[n++] = (unsigned short)(q[0] << 8 | q[1]);
            groups[n++] = (unsigned short)(q[2] << 8 | q[3]);
            break;
        }
        if (d == 0 || d > 4)
            return -1;
        groups[n++] = (unsigned short)v;
        if (!*p)
            break;
        if (*p != ':')
            return -1;
        p++;
        if (*p == ':') {
            if (gap >= 0)
                return -1;
            gap = n;
            p++;
            if (!*p)
                break;
        } else if (!*p) {
            return -1;
        }
    }
done:
    if (gap >= 0) {
        int tail = n - gap, i;
        if (n == 8)
            return -1;
        for (i = 0; i < tail; i++)
            groups[7 - i] = groups[n - 1 - i];
        for (i = gap; i < 8 - tail; i++)
            groups[i] = 0;
    } else if (n != 8) {
        return -1;
    }
    for (n = 0; n < 8; n++) {
        out[2 * n] = (BYTE)(groups[n] >> 8);
        out[2 * n + 1] = (BYTE)(groups[n] & 0xff);
    }
    return 0;
}

static int parse_ip(const char *s, sim_ip *ip)
{
    char tmp[64];
    const char *pct = strchr(s, '%');
    memset(ip, 0, sizeof(*ip));
    if (parse_ip4(s, ip->b) == 0)
        return 0;
    ip->v6 = 1;
    if (pct) { /* fe80::1%8: the zone */
        char *end;
        if ((size_t)(pct - s) >= sizeof(tmp))
            return -1;
        memcpy(tmp, s, (size_t)(pct - s));
        tmp[pct - s] = 0;
        ip->scope = strtoul(pct + 1, &end, 10);
        if (*end || pct[1] == 0)
            return -1;
        s = tmp;
    }
    return parse_ip6(s, ip->b);
}

/* Ipv6IfIndex: the scenario's, else the index when the adapter has IPv6. */
static ULONG v6_index(const struct sim_adapter *a);

static int parse_ulong(const char *s, unsigned long *out)
{
    char *end;
    if (!*s)
        return -1;
    *out = strtoul(s, &end, 0);
    return *end ? -1 : 0;
}

static int parse_ll(const char *s, long long *out)
{
    char *end;
    if (!*s)
        return -1;
    *out = strtoll(s, &end, 10);
    return *end ? -1 : 0;
}

static int parse_bool(const char *s, int *out)
{
    if (!_stricmp(s, "yes") || !_stricmp(s, "1") || !_stricmp(s, "true") || !_stricmp(s, "on")) {
        *out = 1;
        return 0;
    }
    if (!_stricmp(s, "no") || !_stricmp(s, "0") || !_stricmp(s, "false") || !_stricmp(s, "off")) {
        *out = 0;
        return 0;
    }
    return -1;
}

static int parse_mask(const char *s, BYTE out[4])
{
    unsigned long pfx;
    if (parse_ip4(s, out) == 0)
        return 0;
    if (*s == '/')
        s++;
    if (parse_ulong(s, &pfx) != 0 || pfx > 32)
        return -1;
    {
        unsigned long m = pfx ? 0xffffffffUL << (32 - pfx) : 0;
        out[0] = (BYTE)(m >> 24);
        out[1] = (BYTE)(m >> 16);
        out[2] = (BYTE)(m >> 8);
        out[3] = (BYTE)m;
    }
    return 0;
}

static int utf8_to_wide(const char *s, WCHAR *out, int cap)
{
    int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, out, cap);
    return n > 0 ? 0 : -1;
}

static int fn_lookup(const char *s)
{
    int i;
    for (i = 0; i < F_COUNT; i++)
        if (!strcmp(s, fn_names[i]))
            return i;
    return -1;
}

static sim_adapter *adapter_by_guid(const char *guid)
{
    int i;
    for (i = 0; i < S.n_ad; i++)
        if (!_stricmp(S.ad[i].guid, guid))
            return &S.ad[i];
    return NULL;
}

static sim_adapter *adapter_by_index(ULONG idx)
{
    int i;
    for (i = 0; i < S.n_ad; i++)
        if (S.ad[i].index == idx)
            return &S.ad[i];
    return NULL;
}

static ULONG v6_index(const sim_adapter *a)
{
    if (!a->n_v6)
        return 0;
    return a->ipv6_index ? a->ipv6_index : a->index;
}

static sim_adapter *adapter_by_context(ULONG ctx, int *slot)
{
    int i, j;
    for (i = 0; i < S.n_ad; i++)
        for (j = 0; j < S.ad[i].cur.n_v4; j++)
            if (S.ad[i].cur.v4[j].context == ctx && !ip4_is_zero(S.ad[i].cur.v4[j].addr)) {
                if (slot)
                    *slot = j;
                return &S.ad[i];
            }
    return NULL;
}

static int is_loopback(const sim_adapter *a)
{
    return a->iftype == IF_TYPE_SOFTWARE_LOOPBACK;
}

static int match_rule(const sim_result *rules, int n, int fn, const sim_adapter *a, DWORD *code)
{
    int i;
    for (i = 0; i < n; i++) {
        const sim_result *r = &rules[i];
        if (r->fn != fn)
            continue;
        if (r->any || (a && !_stricmp(r->guid, a->guid))) {
            *code = r->code;
            return 1;
        }
    }
    return 0;
}

/* The scenario's per-call result for fn (optionally for one adapter). */
static int configured_result(int fn, const sim_adapter *a, DWORD *code)
{
    return match_rule(S.results, S.n_results, fn, a, code);
}

/* ------------------------------------------------------------------ */
/* State transitions (shared by the API and the state-file replay)     */
/* ------------------------------------------------------------------ */

/* The lease address is the adapter's first IPv4 entry (v4[0]); further
 * entries (a scenario's extra addresses, AddIPAddress) are not part of the
 * lease and survive a release. */
static int a_is_released(const sim_adapter *a)
{
    return a->cur.n_v4 == 0 || ip4_is_zero(a->cur.v4[0].addr);
}

static void do_release(sim_adapter *a)
{
    if (a->cur.n_v4 == 0)
        a->cur.n_v4 = 1; /* 0.0.0.0 / 0.0.0.0, as GetAdaptersInfo shows after a release */
    memset(a->cur.v4[0].addr, 0, 4);
    memset(a->cur.v4[0].mask, 0, 4);
    a->cur.n_gw = 0;
    a->cur.has_server = 1;
    memset(a->cur.server, 255, 4);
    a->cur.obtained = 0;
    a->cur.expires = 0;
}

/* Returns 0, or ERROR_SEM_TIMEOUT when the scenario gives the adapter no
 * address to obtain (the simulated server does not answer). */
static DWORD do_renew(sim_adapter *a)
{
    sim_v4 v;
    memset(&v, 0, sizeof(v));
    if (a->orig.n_v4)
        v = a->orig.v4[0];
    if (a->has_renew_addr) {
        memcpy(v.addr, a->renew_addr, 4);
        memcpy(v.mask, a->renew_mask, 4);
    } else if (ip4_is_zero(v.addr)) {
        return ERROR_SEM_TIMEOUT;
    }
    if (a->cur.n_v4 == 0)
        a->cur.n_v4 = 1;
    if (!v.context)
        v.context = a->cur.v4[0].context ? a->cur.v4[0].context : S.next_context++;
    a->cur.v4[0] = v;
    memcpy(a->cur.gw, a->orig.gw, sizeof(a->cur.gw));
    a->cur.n_gw = a->orig.n_gw;
    a->cur.has_server = a->orig.has_server;
    memcpy(a->cur.server, a->orig.server, 4);
    a->cur.obtained = a->has_renew_lease ? a->renew_obtained : a->orig.obtained;
    a->cur.expires = a->has_renew_lease ? a->renew_expires : a->orig.expires;
    return 0;
}

static DWORD do_add(sim_adapter *a, const BYTE addr[4], const BYTE mask[4], ULONG ctx)
{
    sim_v4 *v;
    if (a->cur.n_v4 >= SIM_MAX_V4)
        return ERROR_NOT_ENOUGH_MEMORY;
    v = &a->cur.v4[a->cur.n_v4++];
    memcpy(v->addr, addr, 4);
    memcpy(v->mask, mask, 4);
    v->context = ctx;
    if (ctx >= S.next_context)
        S.next_context = ctx + 1;
    return 0;
}

static void do_delete(sim_adapter *a, int slot)
{
    int j;
    for (j = slot; j + 1 < a->cur.n_v4; j++)
        a->cur.v4[j] = a->cur.v4[j + 1];
    a->cur.n_v4--;
}

/* ------------------------------------------------------------------ */
/* Scenario file                                                       */
/* ------------------------------------------------------------------ */

static char *read_whole(const WCHAR *path, DWORD *err)
{
    HANDLE h = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING,
                           FILE_ATTRIBUTE_NORMAL, NULL);
    LARGE_INTEGER sz;
    char *buf;
    DWORD got = 0;
    if (h == INVALID_HANDLE_VALUE) {
        *err = GetLastError();
        return NULL;
    }
    if (!GetFileSizeEx(h, &sz) || sz.QuadPart > (1 << 20)) {
        *err = ERROR_FILE_TOO_LARGE;
        CloseHandle(h);
        return NULL;
    }
    buf = (char *)malloc((size_t)sz.QuadPart + 1);
    if (!buf || !ReadFile(h, buf, (DWORD)sz.QuadPart, &got, NULL)) {
        *err = GetLastError();
        free(buf);
        CloseHandle(h);
        return NULL;
    }
    buf[got] = 0;
    CloseHandle(h);
    return buf;
}

#define MAX_TOK 16

/* Splits a line into tokens: whitespace separated, "double quoted" tokens
 * may hold spaces (\" and \\ escape), '#' outside quotes starts a comment.
 * Returns the number of tokens or -1 on an unterminated quote. */
static int tokenize(char *line, char *tok[MAX_TOK])
{
    int n = 0;
    char *p = line, *w;
    for (;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p || *p == '#')
            return n;
        if (n == MAX_TOK)
            return -1;
        if (*p == '"') {
            tok[n++] = w = ++p;
            while (*p && *p != '"') {
                if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
                    p++;
                *w++ = *p++;
            }
            if (*p != '"')
                return -1;
            p++;
            *w = 0;
            if (*p && *p != ' ' && *p != '\t')
                return -1;
        } else {
            tok[n++] = p;
            while (*p && *p != ' ' && *p != '\t')
                p++;
            if (*p)
                *p++ = 0;
        }
    }
}

static int parse_type(const char *s, ULONG *out)
{
    unsigned long v;
    if (!_stricmp(s, "ethernet"))
        *out = IF_TYPE_ETHERNET_CSMACD;
    else if (!_stricmp(s, "wireless"))
        *out = IF_TYPE_IEEE80211;
    else if (!_stricmp(s, "tunnel"))
        *out = IF_TYPE_TUNNEL;
    else if (!_stricmp(s, "ppp"))
        *out = IF_TYPE_PPP;
    else if (!_stricmp(s, "loopback"))
        *out = IF_TYPE_SOFTWARE_LOOPBACK;
    else if (!_stricmp(s, "other"))
        *out = IF_TYPE_OTHER;
    else if (parse_ulong(s, &v) == 0)
        *out = (ULONG)v;
    else
        return -1;
    return 0;
}

static int parse_node_type(const char *s, UINT *out)
{
    unsigned long v;
    if (!_stricmp(s, "broadcast"))
        *out = BROADCAST_NODETYPE;
    else if (!_stricmp(s, "peer-peer"))
        *out = PEER_TO_PEER_NODETYPE;
    else if (!_stricmp(s, "mixed"))
        *out = MIXED_NODETYPE;
    else if (!_stricmp(s, "hybrid"))
        *out = HYBRID_NODETYPE;
    else if (parse_ulong(s, &v) == 0)
        *out = (UINT)v;
    else
        return -1;
    return 0;
}

static int parse_mac(const char *s, BYTE mac[8], ULONG *len)
{
    ULONG n = 0;
    if (!strcmp(s, "none")) { /* no hardware address (a tunnel, a VPN) */
        *len = 0;
        return 0;
    }
    while (*s) {
        int h = hexval(s[0]), l = h >= 0 ? hexval(s[1]) : -1;
        if (h < 0 || l < 0 || n == 8)
            return -1;
        mac[n++] = (BYTE)(h << 4 | l);
        s += 2;
        if (*s == '-' || *s == ':')
            s++;
        else if (*s)
            return -1;
    }
    *len = n;
    return 0;
}

/* One scenario line; returns NULL or an error message. */
static const char *scenario_line(char **t, int n, sim_adapter **cur)
{
    sim_adapter *a = *cur;
    const char *k = t[0];
    unsigned long ul;

#define NEED(cnt)                                                                                  \
    do {                                                                                           \
        if (n != (cnt))                                                                            \
            return "wrong number of arguments";                                                    \
    } while (0)
#define NEED_ADAPTER()                                                                             \
    do {                                                                                           \
        if (!a)                                                                                    \
            return "adapter attribute before any 'adapter' line";                                  \
    } while (0)

    /* ---- host block ---- */
    if (!strcmp(k, "host-name")) {
        NEED(2);
        if (strlen(t[1]) >= sizeof(S.host.host_name))
            return "too long";
        strcpy(S.host.host_name, t[1]);
    } else if (!strcmp(k, "domain")) {
        NEED(2);
        if (strlen(t[1]) >= sizeof(S.host.domain))
            return "too long";
        strcpy(S.host.domain, t[1]);
    } else if (!strcmp(k, "node-type")) {
        NEED(2);
        if (parse_node_type(t[1], &S.host.node_type))
            return "bad node type";
    } else if (!strcmp(k, "ip-routing")) {
        int v;
        NEED(2);
        if (parse_bool(t[1], &v))
            return "bad yes/no";
        S.host.routing = (UINT)v;
    } else if (!strcmp(k, "wins-proxy")) {
        int v;
        NEED(2);
        if (parse_bool(t[1], &v))
            return "bad yes/no";
        S.host.wins_proxy = (UINT)v;
    } else if (!strcmp(k, "host-dns")) {
        int i;
        for (i = 1; i < n; i++) {
            if (S.host.n_dns == SIM_MAX_LIST)
                return "too many host-dns";
            if (parse_ip4(t[i], S.host.dns[S.host.n_dns]))
                return "bad IPv4 address";
            S.host.n_dns++;
        }
    }
    /* ---- per-call behaviour ---- */
    else if (!strcmp(k, "result") || !strcmp(k, "delay")) {
        sim_result *r;
        int fn, is_delay = k[0] == 'd';
        if (n != 3 && n != 4)
            return is_delay ? "usage: delay Function [{GUID}|*] milliseconds" : "usage: result Function [{GUID}|*] code";
        if (is_delay ? S.n_delays == (int)(sizeof(S.delays) / sizeof(S.delays[0]))
                     : S.n_results == (int)(sizeof(S.results) / sizeof(S.results[0])))
            return "too many result/delay lines";
        fn = fn_lookup(t[1]);
        if (fn < 0)
            return "unknown function";
        if (is_delay && fn != F_REL && fn != F_REN)
            return "delay applies to IpReleaseAddress and IpRenewAddress";
        r = is_delay ? &S.delays[S.n_delays] : &S.results[S.n_results];
        memset(r, 0, sizeof(*r));
        r->fn = fn;
        r->any = n == 3 || !strcmp(t[2], "*");
        if (n == 4 && !r->any) {
            if (t[2][0] != '{' || strlen(t[2]) >= sizeof(r->guid))
                return "selector must be {GUID} or *";
            strcpy(r->guid, t[2]);
        }
        if (parse_ulong(t[n - 1], &ul))
            return "bad code";
        r->code = (DWORD)ul;
        if (is_delay)
            S.n_delays++;
        else
            S.n_results++;
    } else if (!strcmp(k, "grow")) {
        int fn;
        NEED(3);
        fn = fn_lookup(t[1]);
        if (fn < 0 || fn > F_GPAI)
            return "grow applies to a sizing function";
        if (parse_ulong(t[2], &ul))
            return "bad count";
        S.grow_left[fn] = (unsigned)ul;
    } else if (!strcmp(k, "quirk")) {
        NEED(2);
        if (!strcmp(t[1], "numadapters0"))
            S.quirk_numadapters0 = 1;
        else if (!strcmp(t[1], "gaa-no-wins"))
            S.quirk_gaa_no_wins = 1;
        else
            return "unknown quirk";
    } else if (!strcmp(k, "next-context")) {
        NEED(2);
        if (parse_ulong(t[1], &ul))
            return "bad number";
        S.next_context = (ULONG)ul;
    }
    /* ---- adapters ---- */
    else if (!strcmp(k, "adapter")) {
        NEED(2);
        if (S.n_ad == SIM_MAX_ADAPTERS)
            return "too many adapters";
        if (t[1][0] != '{' || strlen(t[1]) >= sizeof(a->guid))
            return "adapter needs a {GUID}";
        a = *cur = &S.ad[S.n_ad++];
        memset(a, 0, sizeof(*a));
        strcpy(a->guid, t[1]);
        a->index = (ULONG)S.n_ad + 1;
        a->iftype = IF_TYPE_ETHERNET_CSMACD;
        a->connected = 1;
        a->netbios = 1;
        a->ipv4_enabled = 1;
        a->autoconfig = 1;
    } else if (!strcmp(k, "name")) {
        NEED(2);
        NEED_ADAPTER();
        if (utf8_to_wide(t[1], a->name, SIM_TEXT))
            return "name is not valid UTF-8 (or too long)";
    } else if (!strcmp(k, "description")) {
        NEED(2);
        NEED_ADAPTER();
        if (utf8_to_wide(t[1], a->desc, SIM_TEXT))
            return "description is not valid UTF-8 (or too long)";
    } else if (!strcmp(k, "dns-suffix")) {
        NEED(2);
        NEED_ADAPTER();
        if (utf8_to_wide(t[1], a->dns_suffix, SIM_TEXT))
            return "dns-suffix is not valid UTF-8 (or too long)";
    } else if (!strcmp(k, "index")) {
        NEED(2);
        NEED_ADAPTER();
        if (parse_ulong(t[1], &ul) || ul == 0)
            return "bad index";
        a->index = (ULONG)ul;
    } else if (!strcmp(k, "type")) {
        NEED(2);
        NEED_ADAPTER();
        if (parse_type(t[1], &a->iftype))
            return "bad type";
    } else if (!strcmp(k, "mac")) {
        NEED(2);
        NEED_ADAPTER();
        if (parse_mac(t[1], a->mac, &a->maclen))
            return "bad MAC address";
    } else if (!strcmp(k, "dhcp")) {
        NEED(2);
        NEED_ADAPTER();
        if (parse_bool(t[1], &a->dhcp))
            return "bad yes/no";
    } else if (!strcmp(k, "netbios")) {
        NEED(2);
        NEED_ADAPTER();
        if (parse_bool(t[1], &a->netbios))
            return "bad yes/no";
    } else if (!strcmp(k, "autoconfig")) {
        NEED(2);
        NEED_ADAPTER();
        if (parse_bool(t[1], &a->autoconfig))
            return "bad yes/no";
    } else if (!strcmp(k, "ipv4-enabled")) {
        NEED(2);
        NEED_ADAPTER();
        if (parse_bool(t[1], &a->ipv4_enabled))
            return "bad yes/no";
    } else if (!strcmp(k, "media")) {
        NEED(2);
        NEED_ADAPTER();
        if (!strcmp(t[1], "connected"))
            a->connected = 1;
        else if (!strcmp(t[1], "disconnected"))
            a->connected = 0;
        else
            return "media is connected or disconnected";
    } else if (!strcmp(k, "ipv4")) {
        sim_v4 *v;
        NEED_ADAPTER();
        if (n != 3 && n != 5)
            return "usage: ipv4 ADDRESS MASK [context N]";
        if (a->orig.n_v4 == SIM_MAX_V4)
            return "too many ipv4";
        v = &a->orig.v4[a->orig.n_v4];
        if (parse_ip4(t[1], v->addr))
            return "bad IPv4 address";
        if (parse_mask(t[2], v->mask))
            return "bad mask";
        if (n == 5) {
            if (strcmp(t[3], "context") || parse_ulong(t[4], &ul))
                return "usage: ipv4 ADDRESS MASK [context N]";
            v->context = (ULONG)ul;
        } else {
            v->context = 0; /* assigned after parsing */
        }
        a->orig.n_v4++;
    } else if (!strcmp(k, "ipv6")) {
        sim_v6 *v;
        NEED_ADAPTER();
        if (n != 3 && n != 4)
            return "usage: ipv6 ADDRESS PREFIX [public|temporary|manual|dhcp]";
        if (a->n_v6 == SIM_MAX_V6)
            return "too many ipv6";
        v = &a->v6[a->n_v6];
        if (parse_ip6(t[1], v->addr))
            return "bad IPv6 address";
        if (parse_ulong(t[2], &ul) || ul > 128)
            return "bad prefix length";
        v->prefix = (unsigned)ul;
        v->origin = V6_PUBLIC;
        if (n == 4) {
            if (!strcmp(t[3], "public"))
                v->origin = V6_PUBLIC;
            else if (!strcmp(t[3], "temporary"))
                v->origin = V6_TEMPORARY;
            else if (!strcmp(t[3], "manual"))
                v->origin = V6_MANUAL;
            else if (!strcmp(t[3], "dhcp"))
                v->origin = V6_DHCP;
            else
                return "ipv6 origin is public, temporary, manual or dhcp";
        }
        a->n_v6++;
    } else if (!strcmp(k, "ipv6-index")) {
        NEED(2);
        NEED_ADAPTER();
        if (parse_ulong(t[1], &ul) || ul == 0)
            return "bad index";
        a->ipv6_index = (ULONG)ul;
    } else if (!strcmp(k, "wins")) {
        NEED_ADAPTER();
        if (n < 2 || n - 1 > SIM_MAX_LIST)
            return "usage: wins PRIMARY [SECONDARY [MORE...]] (up to 8)";
        for (a->n_wins = 0; a->n_wins < n - 1; a->n_wins++)
            if (parse_ip4(t[a->n_wins + 1], a->wins[a->n_wins]) || ip4_is_zero(a->wins[a->n_wins]))
                return "bad IPv4 address";
    } else if (!strcmp(k, "dhcpv6-iaid")) {
        NEED(2);
        NEED_ADAPTER();
        if (parse_ulong(t[1], &ul))
            return "bad IAID";
        a->dhcpv6_iaid = (ULONG)ul;
    } else if (!strcmp(k, "dhcpv6-duid")) {
        const char *q = t[1];
        NEED(2);
        NEED_ADAPTER();
        a->duid_len = 0;
        while (*q) {
            int h = hexval(q[0]), l = h >= 0 ? hexval(q[1]) : -1;
            if (h < 0 || l < 0 || a->duid_len == MAX_DHCPV6_DUID_LENGTH)
                return "bad DUID (hex bytes, dash separated)";
            a->duid[a->duid_len++] = (BYTE)(h << 4 | l);
            q += 2;
            if (*q == '-' || *q == ':')
                q++;
            else if (*q)
                return "bad DUID (hex bytes, dash separated)";
        }
    } else if (!strcmp(k, "search-list")) {
        int i;
        NEED_ADAPTER();
        for (i = 1; i < n; i++) {
            if (a->n_suffixes == SIM_MAX_SUFFIXES)
                return "too many search-list suffixes";
            if (utf8_to_wide(t[i], a->suffixes[a->n_suffixes], MAX_DNS_SUFFIX_STRING_LENGTH))
                return "search-list suffix is not valid UTF-8 (or too long)";
            a->n_suffixes++;
        }
    } else if (!strcmp(k, "gateway")) {
        NEED(2);
        NEED_ADAPTER();
        if (a->orig.n_gw == SIM_MAX_LIST)
            return "too many gateways";
        if (parse_ip(t[1], &a->orig.gw[a->orig.n_gw]))
            return "bad address";
        a->orig.n_gw++;
    } else if (!strcmp(k, "dns")) {
        NEED(2);
        NEED_ADAPTER();
        if (a->n_dns == SIM_MAX_LIST)
            return "too many dns";
        if (parse_ip(t[1], &a->dns[a->n_dns]))
            return "bad address";
        a->n_dns++;
    } else if (!strcmp(k, "dhcp-server")) {
        NEED(2);
        NEED_ADAPTER();
        if (parse_ip4(t[1], a->orig.server))
            return "bad IPv4 address";
        a->orig.has_server = 1;
    } else if (!strcmp(k, "lease")) {
        NEED(3);
        NEED_ADAPTER();
        if (parse_ll(t[1], &a->orig.obtained) || parse_ll(t[2], &a->orig.expires))
            return "usage: lease OBTAINED EXPIRES (Unix seconds)";
    } else if (!strcmp(k, "renew-address")) {
        NEED(3);
        NEED_ADAPTER();
        if (parse_ip4(t[1], a->renew_addr) || parse_mask(t[2], a->renew_mask))
            return "usage: renew-address ADDRESS MASK";
        a->has_renew_addr = 1;
    } else if (!strcmp(k, "renew-lease")) {
        NEED(3);
        NEED_ADAPTER();
        if (parse_ll(t[1], &a->renew_obtained) || parse_ll(t[2], &a->renew_expires))
            return "usage: renew-lease OBTAINED EXPIRES (Unix seconds)";
        a->has_renew_lease = 1;
    } else {
        return "unknown keyword";
    }
    return NULL;
#undef NEED
#undef NEED_ADAPTER
}

/* Replays the state file: release/renew/add/delete of earlier processes. */
static void replay_state(void)
{
    DWORD err = 0;
    char *text, *line, *next;
    if (!S.state_path[0])
        return;
    text = read_whole(S.state_path, &err);
    if (!text)
        return; /* no state yet */
    S.replaying = 1;
    for (line = text; line && *line; line = next) {
        char *tok[MAX_TOK];
        int n;
        sim_adapter *a;
        next = strchr(line, '\n');
        if (next)
            *next++ = 0;
        n = tokenize(line, tok);
        if (n < 2)
            continue;
        if (!strcmp(tok[0], "release") && (a = adapter_by_guid(tok[1])) != NULL) {
            do_release(a);
        } else if (!strcmp(tok[0], "renew") && (a = adapter_by_guid(tok[1])) != NULL) {
            do_renew(a);
        } else if (!strcmp(tok[0], "add") && n == 5 && (a = adapter_by_guid(tok[1])) != NULL) {
            BYTE ad[4], m[4];
            unsigned long c;
            if (!parse_ip4(tok[2], ad) && !parse_ip4(tok[3], m) && !parse_ulong(tok[4], &c))
                do_add(a, ad, m, (ULONG)c);
        } else if (!strcmp(tok[0], "delete")) {
            unsigned long c;
            int slot;
            if (!parse_ulong(tok[1], &c) && (a = adapter_by_context((ULONG)c, &slot)) != NULL)
                do_delete(a, slot);
        }
    }
    S.replaying = 0;
    free(text);
}

static void load_scenario(void)
{
    WCHAR path[MAX_PATH + 8];
    DWORD err = 0;
    char *text, *line, *next;
    int lineno = 0, i, j;
    sim_adapter *cur = NULL;
    ULONG ctx = 1;

    memset(&S, 0, sizeof(S));
    S.loaded = 1;
    S.host.node_type = HYBRID_NODETYPE;
    S.host.enable_dns = 0;
    env_path(L"IPCFG_SIM_LOG", S.log_path, sizeof(S.log_path) / sizeof(S.log_path[0]));
    env_path(L"IPCFG_SIM_STATE", S.state_path, sizeof(S.state_path) / sizeof(S.state_path[0]));
    env_path(L"IPCFG_SIM_SCENARIO", path, sizeof(path) / sizeof(path[0]));
    if (!path[0]) {
        S.load_error = ERROR_FILE_NOT_FOUND;
        sim_complain("iphlpapi_sim: IPCFG_SIM_SCENARIO is not set");
        return;
    }
    text = read_whole(path, &err);
    if (!text) {
        char p8[MAX_PATH * 3];
        utf16_to_utf8(path, p8, (int)sizeof(p8));
        S.load_error = err ? err : ERROR_GEN_FAILURE;
        sim_complain("iphlpapi_sim: cannot read scenario %s (error %lu)", p8, (unsigned long)err);
        return;
    }
    line = text;
    if ((unsigned char)line[0] == 0xEF && (unsigned char)line[1] == 0xBB && (unsigned char)line[2] == 0xBF)
        line += 3;
    for (; line && *line; line = next) {
        char *tok[MAX_TOK];
        int n;
        const char *msg;
        size_t len;
        lineno++;
        next = strchr(line, '\n');
        if (next)
            *next++ = 0;
        len = strlen(line);
        if (len && line[len - 1] == '\r')
            line[len - 1] = 0;
        n = tokenize(line, tok);
        if (n < 0) {
            msg = "bad quoting or too many tokens";
        } else if (n == 0) {
            continue;
        } else {
            msg = scenario_line(tok, n, &cur);
        }
        if (msg) {
            S.load_error = ERROR_GEN_FAILURE;
            sim_complain("iphlpapi_sim: scenario line %d: %s", lineno, msg);
            free(text);
            return;
        }
    }
    free(text);

    /* Defaults: NTE contexts numbered in file order unless given, the
     * friendly name defaults to the GUID's adapter description. */
    for (i = 0; i < S.n_ad; i++)
        for (j = 0; j < S.ad[i].orig.n_v4; j++)
            if (S.ad[i].orig.v4[j].context >= ctx)
                ctx = S.ad[i].orig.v4[j].context + 1;
    for (i = 0; i < S.n_ad; i++) {
        sim_adapter *a = &S.ad[i];
        for (j = 0; j < a->orig.n_v4; j++)
            if (a->orig.v4[j].context == 0)
                a->orig.v4[j].context = ctx++;
        if (!a->name[0])
            MultiByteToWideChar(CP_UTF8, 0, a->guid, -1, a->name, SIM_TEXT);
        a->cur = a->orig;
    }
    if (!S.next_context)
        S.next_context = ctx > 100 ? ctx : 100;
    replay_state();
}

static void ensure_loaded(void)
{
    if (!S.loaded)
        load_scenario();
}

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved);
BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    (void)inst;
    (void)reserved;
    if (reason == DLL_PROCESS_ATTACH)
        InitializeCriticalSection(&sim_lock);
    else if (reason == DLL_PROCESS_DETACH)
        DeleteCriticalSection(&sim_lock);
    return TRUE;
}

/* ------------------------------------------------------------------ */
/* Buffer layout                                                       */
/* ------------------------------------------------------------------ */

/* The structures are laid out twice: once into a scratch buffer to learn
 * the size, once into the caller's buffer.  All pointers point into the
 * buffer being filled. */
typedef struct arena {
    BYTE *base;
    size_t off, cap;
    int overflow;
} arena;

static void *arena_get(arena *ar, size_t size, size_t align)
{
    size_t off = (ar->off + align - 1) & ~(align - 1);
    if (off + size > ar->cap) {
        ar->overflow = 1;
        ar->off = off + size;
        return NULL;
    }
    ar->off = off + size;
    return ar->base + off;
}

#define SCRATCH_SIZE (256u * 1024u)

static WCHAR *arena_wstr(arena *ar, const WCHAR *s)
{
    size_t n = (wcslen(s) + 1) * sizeof(WCHAR);
    WCHAR *p = (WCHAR *)arena_get(ar, n, sizeof(WCHAR));
    if (p)
        memcpy(p, s, n);
    return p;
}

static char *arena_str(arena *ar, const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = (char *)arena_get(ar, n, 1);
    if (p)
        memcpy(p, s, n);
    return p;
}

static int arena_sockaddr(arena *ar, const sim_ip *ip, ULONG scope, SOCKET_ADDRESS *out)
{
    if (!ip->v6) {
        struct sockaddr_in *sa = (struct sockaddr_in *)arena_get(ar, sizeof(*sa), 8);
        if (!sa)
            return -1;
        memset(sa, 0, sizeof(*sa));
        sa->sin_family = AF_INET;
        memcpy(&sa->sin_addr, ip->b, 4);
        out->lpSockaddr = (LPSOCKADDR)sa;
        out->iSockaddrLength = (INT)sizeof(*sa);
    } else {
        struct sockaddr_in6 *sa = (struct sockaddr_in6 *)arena_get(ar, sizeof(*sa), 8);
        if (!sa)
            return -1;
        memset(sa, 0, sizeof(*sa));
        sa->sin6_family = AF_INET6;
        memcpy(&sa->sin6_addr, ip->b, 16);
        sa->sin6_scope_id = scope;
        out->lpSockaddr = (LPSOCKADDR)sa;
        out->iSockaddrLength = (INT)sizeof(*sa);
    }
    return 0;
}

static int ip6_is_linklocal(const BYTE b[16])
{
    return b[0] == 0xfe && (b[1] & 0xc0) == 0x80;
}

static int mask_prefix(const BYTE m[4])
{
    unsigned long v = (unsigned long)m[0] << 24 | (unsigned long)m[1] << 16 | (unsigned long)m[2] << 8 | m[3];
    int p = 0;
    while (v & 0x80000000UL) {
        p++;
        v = (v << 1) & 0xffffffffUL;
    }
    return p;
}

static ULONG lease_lifetime(const sim_adapter *a)
{
    if (!a->dhcp || a->cur.expires <= a->cur.obtained)
        return 0xffffffffUL;
    return (ULONG)(a->cur.expires - a->cur.obtained);
}

/* Lays out the GetAdaptersAddresses answer; returns 0 or -1 (no room). */
static int layout_gaa(arena *ar, ULONG family, ULONG flags)
{
    IP_ADAPTER_ADDRESSES *prev = NULL;
    int i, j;
    for (i = 0; i < S.n_ad; i++) {
        const sim_adapter *a = &S.ad[i];
        IP_ADAPTER_ADDRESSES *p = (IP_ADAPTER_ADDRESSES *)arena_get(ar, sizeof(*p), 8);
        void **link;
        if (!p)
            return -1;
        memset(p, 0, sizeof(*p));
        if (prev)
            prev->Next = p;
        prev = p;
        p->Length = (ULONG)sizeof(*p);
        p->IfIndex = a->ipv4_enabled ? a->index : 0;
        p->Ipv6IfIndex = v6_index(a);
        if (!(p->AdapterName = arena_str(ar, a->guid)))
            return -1;

        /* unicast addresses */
        link = (void **)&p->FirstUnicastAddress;
        if (!(flags & GAA_FLAG_SKIP_UNICAST)) {
            if (family != AF_INET6 && a->ipv4_enabled) {
                for (j = 0; j < a->cur.n_v4; j++) {
                    const sim_v4 *v = &a->cur.v4[j];
                    IP_ADAPTER_UNICAST_ADDRESS *u;
                    sim_ip ip;
                    if (ip4_is_zero(v->addr))
                        continue; /* Windows lists no 0.0.0.0 */
                    u = (IP_ADAPTER_UNICAST_ADDRESS *)arena_get(ar, sizeof(*u), 8);
                    if (!u)
                        return -1;
                    memset(u, 0, sizeof(*u));
                    memset(&ip, 0, sizeof(ip));
                    memcpy(ip.b, v->addr, 4);
                    if (arena_sockaddr(ar, &ip, 0, &u->Address))
                        return -1;
                    u->Length = (ULONG)sizeof(*u);
                    u->PrefixOrigin = a->dhcp && j == 0 ? IpPrefixOriginDhcp : IpPrefixOriginManual;
                    u->SuffixOrigin = a->dhcp && j == 0 ? IpSuffixOriginDhcp : IpSuffixOriginManual;
                    u->DadState = a->connected ? IpDadStatePreferred : IpDadStateTentative;
                    u->ValidLifetime = u->PreferredLifetime = u->LeaseLifetime =
                        j == 0 ? lease_lifetime(a) : 0xffffffffUL;
                    u->OnLinkPrefixLength = (UINT8)mask_prefix(v->mask);
                    *link = u;
                    link = (void **)&u->Next;
                }
            }
            if (family != AF_INET) {
                for (j = 0; j < a->n_v6; j++) {
                    IP_ADAPTER_UNICAST_ADDRESS *u = (IP_ADAPTER_UNICAST_ADDRESS *)arena_get(ar, sizeof(*u), 8);
                    sim_ip ip;
                    if (!u)
                        return -1;
                    memset(u, 0, sizeof(*u));
                    memset(&ip, 0, sizeof(ip));
                    ip.v6 = 1;
                    memcpy(ip.b, a->v6[j].addr, 16);
                    if (arena_sockaddr(ar, &ip, ip6_is_linklocal(ip.b) ? v6_index(a) : 0, &u->Address))
                        return -1;
                    u->Length = (ULONG)sizeof(*u);
                    /* link-local: well-known prefix; public: a router
                     * advertisement's prefix, the suffix from the link-layer
                     * address; temporary: a router advertisement's prefix
                     * and a random suffix (NL_SUFFIX_ORIGIN's "anonymous"
                     * address); manual; DHCPv6 */
                    if (ip6_is_linklocal(ip.b)) {
                        u->PrefixOrigin = IpPrefixOriginWellKnown;
                        u->SuffixOrigin = IpSuffixOriginLinkLayerAddress;
                    } else if (a->v6[j].origin == V6_TEMPORARY) {
                        u->PrefixOrigin = IpPrefixOriginRouterAdvertisement;
                        u->SuffixOrigin = IpSuffixOriginRandom;
                    } else if (a->v6[j].origin == V6_MANUAL) {
                        u->PrefixOrigin = IpPrefixOriginManual;
                        u->SuffixOrigin = IpSuffixOriginManual;
                    } else if (a->v6[j].origin == V6_DHCP) {
                        u->PrefixOrigin = IpPrefixOriginDhcp;
                        u->SuffixOrigin = IpSuffixOriginDhcp;
                    } else {
                        u->PrefixOrigin = IpPrefixOriginRouterAdvertisement;
                        u->SuffixOrigin = IpSuffixOriginLinkLayerAddress;
                    }
                    u->DadState = a->connected ? IpDadStatePreferred : IpDadStateTentative;
                    u->ValidLifetime = u->PreferredLifetime = u->LeaseLifetime = 0xffffffffUL;
                    u->OnLinkPrefixLength = (UINT8)a->v6[j].prefix;
                    *link = u;
                    link = (void **)&u->Next;
                }
            }
        }

        /* DNS servers */
        if (!(flags & GAA_FLAG_SKIP_DNS_SERVER)) {
            link = (void **)&p->FirstDnsServerAddress;
            for (j = 0; j < a->n_dns; j++) {
                IP_ADAPTER_DNS_SERVER_ADDRESS *d;
                if ((family == AF_INET && a->dns[j].v6) || (family == AF_INET6 && !a->dns[j].v6))
                    continue;
                d = (IP_ADAPTER_DNS_SERVER_ADDRESS *)arena_get(ar, sizeof(*d), 8);
                if (!d)
                    return -1;
                memset(d, 0, sizeof(*d));
                d->Length = (ULONG)sizeof(*d);
                if (arena_sockaddr(ar, &a->dns[j], a->dns[j].scope, &d->Address))
                    return -1;
                *link = d;
                link = (void **)&d->Next;
            }
        }

        /* gateways (only on request, as Windows does) */
        if (flags & GAA_FLAG_INCLUDE_GATEWAYS) {
            link = (void **)&p->FirstGatewayAddress;
            for (j = 0; j < a->cur.n_gw; j++) {
                IP_ADAPTER_GATEWAY_ADDRESS *g;
                if ((family == AF_INET && a->cur.gw[j].v6) || (family == AF_INET6 && !a->cur.gw[j].v6))
                    continue;
                g = (IP_ADAPTER_GATEWAY_ADDRESS *)arena_get(ar, sizeof(*g), 8);
                if (!g)
                    return -1;
                memset(g, 0, sizeof(*g));
                g->Length = (ULONG)sizeof(*g);
                if (arena_sockaddr(ar, &a->cur.gw[j], a->cur.gw[j].scope, &g->Address))
                    return -1;
                *link = g;
                link = (void **)&g->Next;
            }
        }

        /* WINS servers, every one (only on request, as Windows does) */
        if ((flags & GAA_FLAG_INCLUDE_WINS_INFO) && !S.quirk_gaa_no_wins) {
            link = (void **)&p->FirstWinsServerAddress;
            for (j = 0; j < a->n_wins && family != AF_INET6; j++) {
                IP_ADAPTER_WINS_SERVER_ADDRESS_LH *w;
                sim_ip ip;
                w = (IP_ADAPTER_WINS_SERVER_ADDRESS_LH *)arena_get(ar, sizeof(*w), 8);
                if (!w)
                    return -1;
                memset(w, 0, sizeof(*w));
                memset(&ip, 0, sizeof(ip));
                memcpy(ip.b, a->wins[j], 4);
                w->Length = (ULONG)sizeof(*w);
                if (arena_sockaddr(ar, &ip, 0, &w->Address))
                    return -1;
                *link = w;
                link = (void **)&w->Next;
            }
        }

        if (!(p->DnsSuffix = arena_wstr(ar, a->dns_suffix)) || !(p->Description = arena_wstr(ar, a->desc)) ||
            !(p->FriendlyName = arena_wstr(ar, (flags & GAA_FLAG_SKIP_FRIENDLY_NAME) ? L"" : a->name)))
            return -1;
        memcpy(p->PhysicalAddress, a->mac, sizeof(p->PhysicalAddress));
        p->PhysicalAddressLength = a->maclen;
        p->Flags = IP_ADAPTER_DDNS_ENABLED | IP_ADAPTER_REGISTER_ADAPTER_SUFFIX;
        if (a->dhcp)
            p->Flags |= IP_ADAPTER_DHCP_ENABLED;
        if (a->netbios)
            p->Flags |= IP_ADAPTER_NETBIOS_OVER_TCPIP_ENABLED;
        if (a->ipv4_enabled)
            p->Flags |= IP_ADAPTER_IPV4_ENABLED;
        if (a->n_v6)
            p->Flags |= IP_ADAPTER_IPV6_ENABLED;
        p->Mtu = is_loopback(a) ? 0xffffffffUL : 1500;
        p->IfType = a->iftype;
        p->OperStatus = a->connected ? IfOperStatusUp : IfOperStatusDown;
        for (j = 0; j < 16; j++)
            p->ZoneIndices[j] = j < 2 ? a->index : (j == 14 || j == 15 ? 1 : 0);
        p->TransmitLinkSpeed = p->ReceiveLinkSpeed = a->connected ? 1000000000ULL : 0xffffffffffffffffULL;
        p->Ipv4Metric = p->Ipv6Metric = 25;
        p->Luid.Info.IfType = a->iftype;
        p->Luid.Info.NetLuidIndex = a->index;
        if (a->dhcp && a->cur.has_server) {
            sim_ip ip;
            memset(&ip, 0, sizeof(ip));
            memcpy(ip.b, a->cur.server, 4);
            if (arena_sockaddr(ar, &ip, 0, &p->Dhcpv4Server))
                return -1;
        }
        memcpy(p->Dhcpv6ClientDuid, a->duid, a->duid_len);
        p->Dhcpv6ClientDuidLength = a->duid_len;
        p->Dhcpv6Iaid = a->dhcpv6_iaid;
        {
            IP_ADAPTER_DNS_SUFFIX **sl = &p->FirstDnsSuffix;
            for (j = 0; j < a->n_suffixes; j++) {
                IP_ADAPTER_DNS_SUFFIX *x = (IP_ADAPTER_DNS_SUFFIX *)arena_get(ar, sizeof(*x), 8);
                if (!x)
                    return -1;
                memset(x, 0, sizeof(*x));
                wcscpy(x->String, a->suffixes[j]);
                *sl = x;
                sl = &x->Next;
            }
        }
        p->CompartmentId = 1;
        p->ConnectionType = NET_IF_CONNECTION_DEDICATED;
        p->TunnelType = TUNNEL_TYPE_NONE;
    }
    return 0;
}

static void set_addr_string(IP_ADDR_STRING *s, const BYTE *addr, const BYTE *mask, ULONG ctx)
{
    char b[20];
    memset(s, 0, sizeof(*s));
    if (addr)
        strcpy(s->IpAddress.String, ip4_str(addr, b));
    if (mask)
        strcpy(s->IpMask.String, ip4_str(mask, b));
    s->Context = ctx;
}

static const BYTE zero4[4] = {0, 0, 0, 0};

static int adapters_info_count(void)
{
    int i, n = 0;
    for (i = 0; i < S.n_ad; i++)
        if (!is_loopback(&S.ad[i]) && S.ad[i].ipv4_enabled)
            n++;
    return n;
}

/* What Windows writes: on a 32-bit system the structure is 640 bytes with
 * 32-bit lease times whatever this compiler's time_t (adapter_info32.h). */
#ifdef _WIN64
#define ADAPTER_INFO_SIZE sizeof(IP_ADAPTER_INFO)
#else
#define ADAPTER_INFO_SIZE IPCFG_WIN_AI32_SIZE
#endif

static void set_lease_times(IP_ADAPTER_INFO *p, long long obtained, long long expires)
{
#ifdef _WIN64
    p->LeaseObtained = (time_t)obtained;
    p->LeaseExpires = (time_t)expires;
#else
    ipcfg_win_lease32_write(p, obtained, expires);
#endif
}

static int layout_gai(arena *ar)
{
    IP_ADAPTER_INFO *prev = NULL;
    int i, j;
    for (i = 0; i < S.n_ad; i++) {
        const sim_adapter *a = &S.ad[i];
        IP_ADAPTER_INFO *p;
        IP_ADDR_STRING *tail;
        if (is_loopback(a) || !a->ipv4_enabled)
            continue; /* GetAdaptersInfo lists no loopback */
        p = (IP_ADAPTER_INFO *)arena_get(ar, ADAPTER_INFO_SIZE, 8);
        if (!p)
            return -1;
        memset(p, 0, ADAPTER_INFO_SIZE);
        if (prev)
            prev->Next = p;
        prev = p;
        p->ComboIndex = a->index;
        strncpy(p->AdapterName, a->guid, sizeof(p->AdapterName) - 1);
        if (!WideCharToMultiByte(CP_ACP, 0, a->desc, -1, p->Description, (int)sizeof(p->Description), NULL, NULL))
            p->Description[0] = 0;
        p->AddressLength = a->maclen > MAX_ADAPTER_ADDRESS_LENGTH ? MAX_ADAPTER_ADDRESS_LENGTH : a->maclen;
        memcpy(p->Address, a->mac, MAX_ADAPTER_ADDRESS_LENGTH);
        p->Index = a->index;
        p->Type = a->iftype;
        p->DhcpEnabled = (UINT)a->dhcp;
        p->CurrentIpAddress = NULL;
        /* IpAddressList: always at least one entry (0.0.0.0 when none) */
        if (a->cur.n_v4 == 0)
            set_addr_string(&p->IpAddressList, zero4, zero4, 0);
        tail = NULL;
        for (j = 0; j < a->cur.n_v4; j++) {
            IP_ADDR_STRING *s = j == 0 ? &p->IpAddressList : (IP_ADDR_STRING *)arena_get(ar, sizeof(*s), 8);
            if (!s)
                return -1;
            set_addr_string(s, a->cur.v4[j].addr, a->cur.v4[j].mask, a->cur.v4[j].context);
            if (tail)
                tail->Next = s;
            tail = s;
        }
        /* GatewayList: IPv4 only; "0.0.0.0" when there is none */
        tail = NULL;
        for (j = 0; j < a->cur.n_gw; j++) {
            IP_ADDR_STRING *s;
            if (a->cur.gw[j].v6)
                continue;
            s = tail ? (IP_ADDR_STRING *)arena_get(ar, sizeof(*s), 8) : &p->GatewayList;
            if (!s)
                return -1;
            set_addr_string(s, a->cur.gw[j].b, (const BYTE *)"\xff\xff\xff\xff", 0);
            if (tail)
                tail->Next = s;
            tail = s;
        }
        if (!tail)
            set_addr_string(&p->GatewayList, zero4, zero4, 0);
        if (a->dhcp && a->cur.has_server)
            set_addr_string(&p->DhcpServer, a->cur.server, (const BYTE *)"\xff\xff\xff\xff", 0);
        else
            set_addr_string(&p->DhcpServer, NULL, NULL, 0);
        /* two slots: a third WINS server and later are only in
         * GetAdaptersAddresses' list */
        p->HaveWins = a->n_wins > 0 ? TRUE : FALSE;
        set_addr_string(&p->PrimaryWinsServer, a->n_wins > 0 ? a->wins[0] : NULL, NULL, 0);
        set_addr_string(&p->SecondaryWinsServer, a->n_wins > 1 ? a->wins[1] : NULL, NULL, 0);
        set_lease_times(p, a->dhcp ? a->cur.obtained : 0, a->dhcp ? a->cur.expires : 0);
    }
    return 0;
}

static int layout_gnp(arena *ar)
{
    FIXED_INFO *f = (FIXED_INFO *)arena_get(ar, sizeof(*f), 8);
    IP_ADDR_STRING *tail = NULL;
    int i;
    if (!f)
        return -1;
    memset(f, 0, sizeof(*f));
    strcpy(f->HostName, S.host.host_name);
    strcpy(f->DomainName, S.host.domain);
    for (i = 0; i < S.host.n_dns; i++) {
        IP_ADDR_STRING *s = i == 0 ? &f->DnsServerList : (IP_ADDR_STRING *)arena_get(ar, sizeof(*s), 8);
        if (!s)
            return -1;
        set_addr_string(s, S.host.dns[i], NULL, 0);
        if (tail)
            tail->Next = s;
        tail = s;
    }
    f->CurrentDnsServer = NULL;
    f->NodeType = S.host.node_type;
    strcpy(f->ScopeId, S.host.scope_id);
    f->EnableRouting = S.host.routing;
    f->EnableProxy = S.host.wins_proxy;
    f->EnableDns = S.host.enable_dns;
    return 0;
}

/* GetPerAdapterInfo: the adapter GetAdaptersInfo would list (no loopback,
 * IPv4 enabled) with that IfIndex, or NULL. */
static sim_adapter *per_adapter_target(ULONG idx)
{
    int i;
    sim_adapter *a = adapter_by_index(idx);
    if (a && !is_loopback(a) && a->ipv4_enabled)
        return a;
    /* ASSUMPTION: an adapter without IPv4 (a tunnel, an IPv6-only adapter)
     * asked with its IPv6 interface index is answered too */
    for (i = 0; i < S.n_ad; i++)
        if (!is_loopback(&S.ad[i]) && v6_index(&S.ad[i]) == idx && idx != 0)
            return &S.ad[i];
    return NULL;
}

/* APIPA: an autoconfiguration adapter whose lease address is 169.254.x.x. */
static int autoconfig_active(const sim_adapter *a)
{
    return a->autoconfig && a->ipv4_enabled && a->cur.n_v4 > 0 && a->cur.v4[0].addr[0] == 169 &&
           a->cur.v4[0].addr[1] == 254;
}

/* Lays out IP_PER_ADAPTER_INFO for g_gpai_adapter: the flags, and the
 * adapter's IPv4 DNS servers as the DnsServerList chain (further entries
 * after the structure, inside the buffer); CurrentDnsServer points at the
 * first one (NULL when there is none). */
static const sim_adapter *g_gpai_adapter;
static int layout_gpai(arena *ar)
{
    const sim_adapter *a = g_gpai_adapter;
    IP_PER_ADAPTER_INFO *p = (IP_PER_ADAPTER_INFO *)arena_get(ar, sizeof(*p), 8);
    IP_ADDR_STRING *tail = NULL;
    int j;
    if (!p)
        return -1;
    memset(p, 0, sizeof(*p));
    p->AutoconfigEnabled = (UINT)a->autoconfig;
    p->AutoconfigActive = (UINT)autoconfig_active(a);
    for (j = 0; j < a->n_dns; j++) {
        IP_ADDR_STRING *x;
        if (a->dns[j].v6)
            continue;
        x = tail ? (IP_ADDR_STRING *)arena_get(ar, sizeof(*x), 8) : &p->DnsServerList;
        if (!x)
            return -1;
        set_addr_string(x, a->dns[j].b, NULL, 0);
        if (tail)
            tail->Next = x;
        tail = x;
    }
    p->CurrentDnsServer = tail ? &p->DnsServerList : NULL;
    return 0;
}

static int addrtable_rows(MIB_IPADDRROW *rows, int cap)
{
    int i, j, n = 0;
    for (i = 0; i < S.n_ad; i++) {
        const sim_adapter *a = &S.ad[i];
        if (!a->ipv4_enabled)
            continue;
        for (j = 0; j < a->cur.n_v4; j++) {
            if (rows && n < cap) {
                MIB_IPADDRROW *r = &rows[n];
                memset(r, 0, sizeof(*r));
                memcpy(&r->dwAddr, a->cur.v4[j].addr, 4);
                memcpy(&r->dwMask, a->cur.v4[j].mask, 4);
                r->dwIndex = a->index;
                r->dwBCastAddr = 1;
                r->dwReasmSize = 65535;
                r->wType = (unsigned short)((j == 0 ? MIB_IPADDR_PRIMARY : 0) | (a->dhcp && j == 0 ? MIB_IPADDR_DYNAMIC : 0) |
                                            (a->connected ? 0 : MIB_IPADDR_DISCONNECTED));
            }
            n++;
        }
    }
    return n;
}

static int interface_count(void)
{
    int i, n = 0;
    for (i = 0; i < S.n_ad; i++)
        if (!is_loopback(&S.ad[i]) && S.ad[i].ipv4_enabled)
            n++;
    return n;
}

static void tcpip_name(const sim_adapter *a, WCHAR *out)
{
    WCHAR g[64];
    MultiByteToWideChar(CP_UTF8, 0, a->guid, -1, g, 64);
    wcscpy(out, L"\\DEVICE\\TCPIP_");
    wcscat(out, g);
}

/* ------------------------------------------------------------------ */
/* Size-query contract shared by the six sizing functions              */
/* ------------------------------------------------------------------ */

/* Decides the answer of a sizing function given the size the data needs.
 * Returns NO_ERROR when the caller's buffer is big enough (and buf not
 * NULL), else the function's "too small" code after storing the size the
 * caller needs.  Applies the scenario's "grow" (the size grows between the
 * sizing call and the fill). */
static DWORD size_contract(int fn, const void *buf, PULONG psize, ULONG need, DWORD too_small)
{
    need += S.grow_pad[fn];
    if (buf && *psize >= need && S.grow_left[fn] > 0) {
        /* Would have succeeded, but the size grew meanwhile. */
        S.grow_left[fn]--;
        S.grow_pad[fn] += (*psize - need) + SIM_GROW_STEP;
        need = *psize + SIM_GROW_STEP;
    }
    if (!buf || *psize < need) {
        *psize = need;
        return too_small;
    }
    return NO_ERROR;
}

static int buf_fill(arena *ar, void *buf, ULONG size)
{
    ar->base = (BYTE *)buf;
    ar->off = 0;
    ar->cap = size;
    ar->overflow = 0;
    memset(buf, 0, size);
    return 0;
}

static ULONG measure(int (*layout)(arena *), DWORD *err)
{
    arena ar;
    BYTE *scratch = (BYTE *)malloc(SCRATCH_SIZE);
    ULONG need;
    if (!scratch) {
        *err = ERROR_NOT_ENOUGH_MEMORY;
        return 0;
    }
    buf_fill(&ar, scratch, SCRATCH_SIZE);
    if (layout(&ar) != 0) {
        free(scratch);
        *err = ERROR_NOT_ENOUGH_MEMORY;
        return 0;
    }
    need = (ULONG)ar.off;
    free(scratch);
    *err = 0;
    return need;
}

static ULONG g_gaa_family, g_gaa_flags;
static int layout_gaa_cb(arena *ar)
{
    return layout_gaa(ar, g_gaa_family, g_gaa_flags);
}

static void size_str(const PULONG p, char *out)
{
    if (p)
        sprintf(out, "%lu", (unsigned long)*p);
    else
        strcpy(out, "NULL");
}

/* ------------------------------------------------------------------ */
/* The exported functions                                              */
/* ------------------------------------------------------------------ */

ULONG WINAPI GetAdaptersAddresses(ULONG Family, ULONG Flags, PVOID Reserved, PIP_ADAPTER_ADDRESSES AdapterAddresses,
                                  PULONG SizePointer)
{
    char in[24], out[24];
    DWORD rc, code;
    EnterCriticalSection(&sim_lock);
    ensure_loaded();
    size_str(SizePointer, in);
    if (S.load_error)
        rc = ERROR_GEN_FAILURE;
    else if (configured_result(F_GAA, NULL, &code))
        rc = code;
    else if (!SizePointer || Reserved || (Family != AF_UNSPEC && Family != AF_INET && Family != AF_INET6))
        rc = ERROR_INVALID_PARAMETER;
    else if (S.n_ad == 0)
        rc = ERROR_NO_DATA;
    else {
        ULONG need;
        g_gaa_family = Family;
        g_gaa_flags = Flags;
        need = measure(layout_gaa_cb, &rc);
        if (!rc)
            rc = size_contract(F_GAA, AdapterAddresses, SizePointer, need, ERROR_BUFFER_OVERFLOW);
        if (!rc) {
            arena ar;
            buf_fill(&ar, AdapterAddresses, *SizePointer);
            rc = layout_gaa(&ar, Family, Flags) ? ERROR_BUFFER_OVERFLOW : NO_ERROR;
        }
    }
    size_str(SizePointer, out);
    sim_log("GetAdaptersAddresses Family=%lu Flags=0x%04lx buf=%s size=%s -> %lu size=%s", (unsigned long)Family,
            (unsigned long)Flags, AdapterAddresses ? "yes" : "NULL", in, (unsigned long)rc, out);
    LeaveCriticalSection(&sim_lock);
    return rc;
}

DWORD WINAPI GetAdaptersInfo(PIP_ADAPTER_INFO AdapterInfo, PULONG SizePointer)
{
    char in[24], out[24];
    DWORD rc, code;
    EnterCriticalSection(&sim_lock);
    ensure_loaded();
    size_str(SizePointer, in);
    if (S.load_error)
        rc = ERROR_GEN_FAILURE;
    else if (configured_result(F_GAI, NULL, &code))
        rc = code;
    else if (!SizePointer)
        rc = ERROR_INVALID_PARAMETER;
    else if (adapters_info_count() == 0)
        rc = ERROR_NO_DATA;
    else {
        ULONG need = measure(layout_gai, &rc);
        if (!rc)
            rc = size_contract(F_GAI, AdapterInfo, SizePointer, need, ERROR_BUFFER_OVERFLOW);
        if (!rc) {
            arena ar;
            buf_fill(&ar, AdapterInfo, *SizePointer);
            rc = layout_gai(&ar) ? ERROR_BUFFER_OVERFLOW : NO_ERROR;
        }
    }
    size_str(SizePointer, out);
    sim_log("GetAdaptersInfo buf=%s size=%s -> %lu size=%s", AdapterInfo ? "yes" : "NULL", in, (unsigned long)rc, out);
    LeaveCriticalSection(&sim_lock);
    return rc;
}

DWORD WINAPI GetNetworkParams(PFIXED_INFO pFixedInfo, PULONG pOutBufLen)
{
    char in[24], out[24];
    DWORD rc, code;
    EnterCriticalSection(&sim_lock);
    ensure_loaded();
    size_str(pOutBufLen, in);
    if (S.load_error)
        rc = ERROR_GEN_FAILURE;
    else if (configured_result(F_GNP, NULL, &code))
        rc = code;
    else if (!pOutBufLen)
        rc = ERROR_INVALID_PARAMETER;
    else {
        ULONG need = measure(layout_gnp, &rc);
        if (!rc)
            rc = size_contract(F_GNP, pFixedInfo, pOutBufLen, need, ERROR_BUFFER_OVERFLOW);
        if (!rc) {
            arena ar;
            buf_fill(&ar, pFixedInfo, *pOutBufLen);
            rc = layout_gnp(&ar) ? ERROR_BUFFER_OVERFLOW : NO_ERROR;
        }
    }
    size_str(pOutBufLen, out);
    sim_log("GetNetworkParams buf=%s size=%s -> %lu size=%s", pFixedInfo ? "yes" : "NULL", in, (unsigned long)rc, out);
    LeaveCriticalSection(&sim_lock);
    return rc;
}

static int row_cmp(const void *x, const void *y)
{
    const MIB_IPADDRROW *a = (const MIB_IPADDRROW *)x, *b = (const MIB_IPADDRROW *)y;
    int c = memcmp(&a->dwAddr, &b->dwAddr, 4); /* network order: bytewise */
    if (c)
        return c < 0 ? -1 : 1;
    return a->dwIndex < b->dwIndex ? -1 : a->dwIndex > b->dwIndex;
}

DWORD WINAPI GetIpAddrTable(PMIB_IPADDRTABLE pIpAddrTable, PULONG pdwSize, WINBOOL bOrder)
{
    char in[24], out[24];
    DWORD rc, code;
    EnterCriticalSection(&sim_lock);
    ensure_loaded();
    size_str(pdwSize, in);
    if (S.load_error)
        rc = ERROR_GEN_FAILURE;
    else if (configured_result(F_GIAT, NULL, &code))
        rc = code;
    else if (!pdwSize)
        rc = ERROR_INVALID_PARAMETER;
    else {
        int n = addrtable_rows(NULL, 0);
        ULONG need = (ULONG)(offsetof(MIB_IPADDRTABLE, table) + (size_t)(n ? n : 1) * sizeof(MIB_IPADDRROW));
        rc = size_contract(F_GIAT, pIpAddrTable, pdwSize, need, ERROR_INSUFFICIENT_BUFFER);
        if (!rc) {
            memset(pIpAddrTable, 0, *pdwSize);
            pIpAddrTable->dwNumEntries = (DWORD)addrtable_rows(pIpAddrTable->table, n);
            if (bOrder)
                qsort(pIpAddrTable->table, (size_t)n, sizeof(MIB_IPADDRROW), row_cmp);
        }
    }
    size_str(pdwSize, out);
    sim_log("GetIpAddrTable buf=%s size=%s order=%d -> %lu size=%s", pIpAddrTable ? "yes" : "NULL", in, (int)bOrder,
            (unsigned long)rc, out);
    LeaveCriticalSection(&sim_lock);
    return rc;
}

DWORD WINAPI GetInterfaceInfo(PIP_INTERFACE_INFO pIfTable, PULONG dwOutBufLen)
{
    char in[24], out[24];
    DWORD rc, code;
    int reported = 0;
    EnterCriticalSection(&sim_lock);
    ensure_loaded();
    size_str(dwOutBufLen, in);
    if (S.load_error)
        rc = ERROR_GEN_FAILURE;
    else if (configured_result(F_GII, NULL, &code))
        rc = code;
    else if (!dwOutBufLen)
        rc = ERROR_INVALID_PARAMETER;
    else if (interface_count() == 0 && !S.quirk_numadapters0)
        rc = ERROR_NO_DATA;
    else {
        int n = S.quirk_numadapters0 ? 0 : interface_count();
        ULONG need = (ULONG)(offsetof(IP_INTERFACE_INFO, Adapter) + (size_t)(n ? n : 1) * sizeof(IP_ADAPTER_INDEX_MAP));
        rc = size_contract(F_GII, pIfTable, dwOutBufLen, need, ERROR_INSUFFICIENT_BUFFER);
        if (!rc) {
            int i, k = 0;
            memset(pIfTable, 0, *dwOutBufLen);
            if (n == 0) {
                /* NumAdapters == 0: Adapter[0] is undefined.  Fill it with
                 * plausible garbage -- the map of the first DHCP adapter --
                 * so that a caller who reads it anyway goes on to release a
                 * real adapter, which the log then shows. */
                const sim_adapter *g = NULL;
                for (i = 0; i < S.n_ad && !g; i++)
                    if (!is_loopback(&S.ad[i]) && S.ad[i].dhcp)
                        g = &S.ad[i];
                pIfTable->Adapter[0].Index = g ? g->index : 0xCCCCCCCCUL;
                if (g)
                    tcpip_name(g, pIfTable->Adapter[0].Name);
                else
                    wcscpy(pIfTable->Adapter[0].Name, L"\\DEVICE\\TCPIP_{CCCCCCCC-CCCC-CCCC-CCCC-CCCCCCCCCCCC}");
            } else {
                for (i = 0; i < S.n_ad; i++) {
                    const sim_adapter *a = &S.ad[i];
                    if (is_loopback(a) || !a->ipv4_enabled)
                        continue;
                    pIfTable->Adapter[k].Index = a->index;
                    tcpip_name(a, pIfTable->Adapter[k].Name);
                    k++;
                }
            }
            pIfTable->NumAdapters = n;
            reported = 1;
        }
    }
    size_str(dwOutBufLen, out);
    if (reported)
        sim_log("GetInterfaceInfo buf=%s size=%s -> %lu size=%s NumAdapters=%ld", pIfTable ? "yes" : "NULL", in,
                (unsigned long)rc, out, (long)pIfTable->NumAdapters);
    else
        sim_log("GetInterfaceInfo buf=%s size=%s -> %lu size=%s", pIfTable ? "yes" : "NULL", in, (unsigned long)rc,
                out);
    LeaveCriticalSection(&sim_lock);
    return rc;
}

DWORD WINAPI GetPerAdapterInfo(ULONG IfIndex, PIP_PER_ADAPTER_INFO pPerAdapterInfo, PULONG pOutBufLen)
{
    char in[24], out[24];
    DWORD rc, code;
    sim_adapter *a;
    EnterCriticalSection(&sim_lock);
    ensure_loaded();
    size_str(pOutBufLen, in);
    a = S.load_error ? NULL : per_adapter_target(IfIndex);
    if (S.load_error)
        rc = ERROR_GEN_FAILURE;
    else if (configured_result(F_GPAI, a, &code))
        rc = code;
    else if (!pOutBufLen)
        rc = ERROR_INVALID_PARAMETER;
    else if (!a)
        rc = ERROR_NO_DATA; /* what Wine answers for an unknown index */
    else {
        ULONG need;
        g_gpai_adapter = a;
        need = measure(layout_gpai, &rc);
        if (!rc)
            rc = size_contract(F_GPAI, pPerAdapterInfo, pOutBufLen, need, ERROR_BUFFER_OVERFLOW);
        if (!rc) {
            arena ar;
            buf_fill(&ar, pPerAdapterInfo, *pOutBufLen);
            rc = layout_gpai(&ar) ? ERROR_BUFFER_OVERFLOW : NO_ERROR;
        }
    }
    size_str(pOutBufLen, out);
    if (rc == NO_ERROR)
        sim_log("GetPerAdapterInfo IfIndex=%lu buf=%s size=%s -> 0 size=%s AutoconfigEnabled=%u AutoconfigActive=%u",
                (unsigned long)IfIndex, pPerAdapterInfo ? "yes" : "NULL", in, out,
                pPerAdapterInfo->AutoconfigEnabled, pPerAdapterInfo->AutoconfigActive);
    else
        sim_log("GetPerAdapterInfo IfIndex=%lu buf=%s size=%s -> %lu size=%s", (unsigned long)IfIndex,
                pPerAdapterInfo ? "yes" : "NULL", in, (unsigned long)rc, out);
    LeaveCriticalSection(&sim_lock);
    return rc;
}

/* Resolves IP_ADAPTER_INDEX_MAP.Name ("\DEVICE\TCPIP_{GUID}"); the Name is
 * the only member used, as the reference says. */
static sim_adapter *adapter_by_map_name(const WCHAR *name)
{
    static const WCHAR prefix[] = L"\\DEVICE\\TCPIP_";
    const size_t plen = sizeof(prefix) / sizeof(prefix[0]) - 1;
    char guid[128];
    size_t len = 0;
    while (len < MAX_ADAPTER_NAME && name[len])
        len++;
    if (len == MAX_ADAPTER_NAME || len <= plen || _wcsnicmp(name, prefix, plen) != 0)
        return NULL;
    utf16_to_utf8(name + plen, guid, (int)sizeof(guid));
    return adapter_by_guid(guid);
}

static void map_desc(const IP_ADAPTER_INDEX_MAP *m, char *out, size_t cap)
{
    char name[MAX_ADAPTER_NAME * 3 + 1];
    WCHAR w[MAX_ADAPTER_NAME + 1];
    if (!m) {
        snprintf(out, cap, "AdapterInfo=NULL");
        return;
    }
    memcpy(w, m->Name, sizeof(m->Name));
    w[MAX_ADAPTER_NAME] = 0;
    utf16_to_utf8(w, name, (int)sizeof(name));
    snprintf(out, cap, "Index=%lu Name=%s", (unsigned long)m->Index, name[0] ? name : "(empty)");
}

/* "delay": a DHCP server that is slow to answer.  The call is logged when
 * it starts, and the lock is not held while it waits, so that a caller that
 * gives up (ipcfg's /timeout) can go on using the other functions. */
static void delay_then(int fn, const sim_adapter *a, const char *desc)
{
    DWORD ms;
    if (!match_rule(S.delays, S.n_delays, fn, a, &ms))
        return;
    sim_log("%s %s delay=%lu", fn_names[fn], desc, (unsigned long)ms);
    LeaveCriticalSection(&sim_lock);
    Sleep(ms);
    EnterCriticalSection(&sim_lock);
}

static DWORD release_renew(int fn, PIP_ADAPTER_INDEX_MAP AdapterInfo)
{
    char desc[600];
    DWORD rc, code;
    sim_adapter *a = NULL;
    EnterCriticalSection(&sim_lock);
    ensure_loaded();
    map_desc(AdapterInfo, desc, sizeof(desc));
    if (S.load_error)
        rc = ERROR_GEN_FAILURE;
    else if (!AdapterInfo || !AdapterInfo->Name[0])
        rc = ERROR_INVALID_PARAMETER;
    else if ((a = adapter_by_map_name(AdapterInfo->Name)) == NULL || is_loopback(a))
        rc = ERROR_INVALID_PARAMETER; /* Name not valid */
    else if (delay_then(fn, a, desc), configured_result(fn, a, &code))
        rc = code;
    else if (!a->dhcp)
        rc = ERROR_INVALID_PARAMETER;
    else if (!a->connected)
        rc = ERROR_NOT_READY;
    else if (fn == F_REL) {
        if (!a_is_released(a)) {
            do_release(a);
            sim_state_append("release %s", a->guid);
        }
        rc = NO_ERROR;
    } else {
        rc = do_renew(a);
        if (!rc)
            sim_state_append("renew %s", a->guid);
    }
    sim_log("%s %s -> %lu", fn_names[fn], desc, (unsigned long)rc);
    LeaveCriticalSection(&sim_lock);
    return rc;
}

DWORD WINAPI IpReleaseAddress(PIP_ADAPTER_INDEX_MAP AdapterInfo)
{
    return release_renew(F_REL, AdapterInfo);
}

DWORD WINAPI IpRenewAddress(PIP_ADAPTER_INDEX_MAP AdapterInfo)
{
    return release_renew(F_REN, AdapterInfo);
}

DWORD WINAPI AddIPAddress(IPAddr Address, IPMask IpMask, DWORD IfIndex, PULONG NTEContext, PULONG NTEInstance)
{
    char sa[20], sm[20];
    DWORD rc, code;
    sim_adapter *a;
    ULONG ctx = 0;
    EnterCriticalSection(&sim_lock);
    ensure_loaded();
    ip4_str_dw(Address, sa);
    ip4_str_dw(IpMask, sm);
    a = S.load_error ? NULL : adapter_by_index(IfIndex);
    if (S.load_error)
        rc = ERROR_GEN_FAILURE;
    else if (configured_result(F_ADD, a, &code))
        rc = code;
    else if (!NTEContext || !NTEInstance)
        rc = ERROR_INVALID_PARAMETER;
    else if (!a || is_loopback(a) || !a->ipv4_enabled)
        rc = ERROR_DEV_NOT_EXIST;
    else {
        BYTE ab[4], mb[4];
        int i, j, clash = 0;
        memcpy(ab, &Address, 4);
        memcpy(mb, &IpMask, 4);
        for (i = 0; i < S.n_ad; i++)
            for (j = 0; j < S.ad[i].cur.n_v4; j++)
                if (!memcmp(S.ad[i].cur.v4[j].addr, ab, 4))
                    clash = &S.ad[i] == a ? 1 : 2;
        if (ip4_is_zero(ab) || mask_prefix(mb) == 0)
            rc = ERROR_INVALID_PARAMETER;
        else if (clash == 1)
            rc = ERROR_DUP_DOMAINNAME;
        else if (clash == 2)
            rc = ERROR_OBJECT_ALREADY_EXISTS;
        else {
            ctx = S.next_context++;
            rc = do_add(a, ab, mb, ctx);
            if (!rc) {
                *NTEContext = ctx;
                *NTEInstance = 1;
                sim_state_append("add %s %s %s %lu", a->guid, sa, sm, (unsigned long)ctx);
            }
        }
    }
    if (rc == NO_ERROR)
        sim_log("AddIPAddress Address=%s Mask=%s IfIndex=%lu -> 0 NTEContext=%lu", sa, sm, (unsigned long)IfIndex,
                (unsigned long)ctx);
    else
        sim_log("AddIPAddress Address=%s Mask=%s IfIndex=%lu -> %lu", sa, sm, (unsigned long)IfIndex,
                (unsigned long)rc);
    LeaveCriticalSection(&sim_lock);
    return rc;
}

DWORD WINAPI DeleteIPAddress(ULONG NTEContext)
{
    DWORD rc, code;
    sim_adapter *a;
    int slot = 0;
    EnterCriticalSection(&sim_lock);
    ensure_loaded();
    a = S.load_error ? NULL : adapter_by_context(NTEContext, &slot);
    if (S.load_error)
        rc = ERROR_GEN_FAILURE;
    else if (configured_result(F_DEL, a, &code))
        rc = code;
    else if (!a)
        rc = ERROR_INVALID_PARAMETER;
    else {
        do_delete(a, slot);
        sim_state_append("delete %lu", (unsigned long)NTEContext);
        rc = NO_ERROR;
    }
    sim_log("DeleteIPAddress NTEContext=%lu -> %lu", (unsigned long)NTEContext, (unsigned long)rc);
    LeaveCriticalSection(&sim_lock);
    return rc;
}
