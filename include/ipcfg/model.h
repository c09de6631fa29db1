/* ipcfg — the neutral data model shared by the core, the formatter and the
 * platform backends.  Nothing in here knows about a platform: addresses are
 * plain bytes, names are UTF-8, times are Unix seconds (UTC).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_MODEL_H
#define IPCFG_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "ipcfg/compiler.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes double as the product's exit codes (docs/contract.md, "Exit codes"). */
typedef enum ipcfg_status {
    IPCFG_OK = 0,
    IPCFG_E_USAGE = 1,    /* command-line error */
    IPCFG_E_STATE = 2,    /* no adapter matched / none in a permissible state / not found */
    IPCFG_E_FAILED = 3,   /* any other system or protocol error */
    IPCFG_E_ACCESS = 4,   /* needs Administrator / root */
    IPCFG_E_TIMEOUT = 5,  /* DHCP server not contacted within the timeout */
    IPCFG_E_NOTSUP = 6,   /* not supported here */
    IPCFG_E_CONFLICT = 7  /* address already exists / declined */
} ipcfg_status;

/* Why an operation did not happen or failed; selects the failure line the
 * formatter prints (docs/contract.md, "Output"). */
typedef enum ipcfg_reason {
    IPCFG_R_NONE = 0,
    IPCFG_R_NO_ADAPTER_PERMISSIBLE, /* "The operation failed as no adapter is in the state permissible..." */
    IPCFG_R_MEDIA_DISCONNECTED,     /* "No operation can be performed on X while it has its media disconnected." */
    IPCFG_R_NOT_DHCP,               /* "Adapter X is not enabled for Dhcp." */
    IPCFG_R_DHCP_TIMEOUT,           /* "... unable to contact your DHCP server. Request has timed out." */
    IPCFG_R_ELEVATION,              /* "The requested operation requires elevation." */
    IPCFG_R_SYSTEM,                 /* "An error occurred while <verb>ing interface X : <text>" / plain text */
    IPCFG_R_NOT_FOUND,              /* adapter or address not found */
    IPCFG_R_EXISTS,                 /* address already exists */
    IPCFG_R_NOTSUP,                 /* not supported here */
    IPCFG_R_OTHER_CLIENT            /* peers: another DHCP client runs the adapter; text = the whole line */
} ipcfg_reason;

#define IPCFG_ERRTEXT_MAX 512

/* A failure as a backend reports it. `text` is the system's own message
 * (FormatMessage, strerror, netlink extack), one line, no trailing newline. */
typedef struct ipcfg_error {
    ipcfg_status status;
    ipcfg_reason reason;
    long sys_code;        /* Win32 error code, errno, or 0 */
    int has_sys_code;
    char text[IPCFG_ERRTEXT_MAX];
} ipcfg_error;

typedef enum ipcfg_family { IPCFG_AF_NONE = 0, IPCFG_AF_INET4 = 4, IPCFG_AF_INET6 = 6 } ipcfg_family;

typedef struct ipcfg_ip {
    ipcfg_family family;
    uint8_t bytes[16]; /* network order; 4 used for IPv4 */
    uint32_t scope_id; /* IPv6 zone (interface index) or 0 */
} ipcfg_ip;

typedef enum ipcfg_addr_state {
    IPCFG_ADDR_PREFERRED = 0,
    IPCFG_ADDR_DEPRECATED,
    IPCFG_ADDR_TENTATIVE,
    IPCFG_ADDR_DUPLICATE,
    IPCFG_ADDR_UNKNOWN_STATE
} ipcfg_addr_state;

typedef struct ipcfg_addr {
    ipcfg_ip ip;
    unsigned prefix_len;      /* IPv4: mask as prefix length; IPv6: prefix */
    ipcfg_addr_state state;
    int has_context;
    uint32_t context;         /* Windows NTE context */
    int64_t valid_lifetime;   /* seconds, -1 = infinite/unknown */
    /* ---- ipconfig address kinds ---- */
    int temporary;            /* IPv6 temporary (privacy) address: "Temporary IPv6 Address" */
    int autoconfigured;       /* IPv4 APIPA address: "Autoconfiguration IPv4 Address" */
} ipcfg_addr;

typedef enum ipcfg_if_type {
    IPCFG_IF_ETHERNET = 0,
    IPCFG_IF_WIRELESS,
    IPCFG_IF_TUNNEL,
    IPCFG_IF_PPP,
    IPCFG_IF_LOOPBACK,
    IPCFG_IF_UNKNOWN
} ipcfg_if_type;

/* Three-valued facts: a field the platform cannot know is left out. */
typedef enum ipcfg_tri { IPCFG_UNKNOWN = 0, IPCFG_NO = 1, IPCFG_YES = 2 } ipcfg_tri;

#define IPCFG_NAME_MAX 256
/* An adapter's name: a Windows friendly name has up to 256 UTF-16 units,
 * which is up to 768 bytes of UTF-8; never truncated, so it still matches. */
#define IPCFG_ADAPTER_NAME_MAX 1024
#define IPCFG_HWADDR_MAX 32
#define IPCFG_DUID_MAX 130            /* MAX_DHCPV6_DUID_LENGTH */
#define IPCFG_SEARCH_MAX 16
#define IPCFG_NTP_MAX 8               /* NTP servers shown per adapter */

/* A time that never comes: the end of an infinite lifetime (RFC 8415
 * §7.7, 0xffffffff) in a field of Unix seconds. */
#define IPCFG_TIME_NEVER INT64_MAX

/* ---- a DHCPv6 lease (RFC 8415) as a listing shows it ----
 * One IA_NA's addresses with their lifetimes, or a configuration-only
 * answer (Information-request, §18.2.6), with the DNS servers (RFC 3646
 * option 23) and the domain search list (option 24) it brought.  An
 * adapter holds at most one, by pointer (ipcfg_adapter.lease6), made in
 * its list's arena by ipcfg_adapter_add_lease6 only when there is one: a
 * record without one costs a NULL pointer.  The adapter's own DHCPv6 IAID
 * and client DUID (what ipconfig shows) are the adapter's fields, not the
 * lease's: a backend that fills a lease sets them too, from the lease it
 * holds. */
#define IPCFG_LEASE6_MAX_ADDRS 8   /* IA addresses of the IA_NA */
#define IPCFG_LEASE6_MAX_DNS 8     /* option 23 servers */
#define IPCFG_LEASE6_MAX_DOMAINS 8 /* option 24 names */

typedef enum ipcfg_lease6_state {
    IPCFG_LEASE6_BOUND = 0, /* addresses bound and current */
    IPCFG_LEASE6_STATELESS, /* configuration only: DNS servers and domains, no address */
    /* its time is over and nothing renewed it (the link down, no server
     * answering): kept for /json, nothing of it shown as current (no lease
     * lines, DNS servers or domains from it in /all; kept is IPCFG_NO) */
    IPCFG_LEASE6_EXPIRED
} ipcfg_lease6_state;

/* One IA address (§21.6).  Times are Unix seconds UTC; IPCFG_TIME_NEVER
 * for an infinite lifetime. */
typedef struct ipcfg_lease6_addr {
    ipcfg_ip ip;
    int64_t preferred_until; /* obtained + preferred lifetime */
    int64_t valid_until;     /* obtained + valid lifetime: /all's "Lease Expires" under the address */
} ipcfg_lease6_addr;

typedef struct ipcfg_lease6 {
    ipcfg_lease6_state state;
    int64_t obtained;            /* when the Reply arrived: /all's "Lease Obtained" under each address */
    int64_t expires;             /* bound: the last valid lifetime's end; stateless: the information
                                    refresh time (§21.23); IPCFG_TIME_NEVER for never */
    int64_t t1, t2;              /* bound: Renew and Rebind times (§21.4); IPCFG_TIME_NEVER for
                                    infinite and for a stateless lease */
    const uint8_t *server_duid;  /* the server's Server Identifier (§21.3), in the list's arena */
    size_t server_duid_len;      /* 0 = none (a configuration-only answer may have none) */
    ipcfg_ip server_address;     /* where its Reply came from (zone: the interface); family NONE = unknown */
    ipcfg_lease6_addr addrs[IPCFG_LEASE6_MAX_ADDRS];
    size_t n_addrs;              /* 0 when stateless */
    ipcfg_ip dns[IPCFG_LEASE6_MAX_DNS];
    size_t n_dns;
    const char *domains[IPCFG_LEASE6_MAX_DOMAINS]; /* in the list's arena */
    size_t n_domains;
    /* who holds it and whether a process keeps it renewed, as the DHCPv4
     * lease's lease_client, lease_kept and lease_keeper */
    char client[32];
    ipcfg_tri kept;
    char keeper[16];
} ipcfg_lease6;

/* A chunked bump allocator for the strings of a list (adapter names,
 * descriptions, suffixes, search lists) and of an address table: one
 * allocation per chunk, never per string; freed with its list.  Moving the
 * list (a struct copy) keeps every string where it is. */
typedef struct ipcfg_strchunk ipcfg_strchunk;
typedef struct ipcfg_strarena {
    ipcfg_strchunk *chunks; /* newest first */
    char *pos;              /* free space of the newest chunk */
    size_t left;
} ipcfg_strarena;

/* The adapter record holds its strings by pointer: never NULL once the
 * record was pushed (ipcfg_adapters_push) or set up (ipcfg_adapter_init);
 * "" = unknown/none, as before.  They point into the list's arena (set
 * them with the ipcfg_adapter_set_* functions below), into the record's
 * own block (ipcfg_adapter_copy), or at storage that outlives the record
 * (a string literal). */
typedef struct ipcfg_adapter {
    const char *name;                 /* friendly name (Windows) / ifname (Linux), UTF-8; never cut */
    const char *id;                   /* "{GUID}" (Windows) / ifname (Linux) */
    const char *description;          /* "" = unknown */
    const char *dns_suffix;           /* connection-specific DNS suffix */
    const char *const *conn_search;   /* "Connection-specific DNS Suffix Search List" */
    size_t n_conn_search;             /* at most IPCFG_SEARCH_MAX */
    void *own;                        /* a copy's own strings (ipcfg_adapter_copy); freed with the record */
    uint32_t ifindex;
    ipcfg_if_type type;
    uint8_t hwaddr[IPCFG_HWADDR_MAX];
    size_t hwaddr_len;                /* 0 = none */
    int media_connected;              /* 1 connected, 0 disconnected */
    int media_pending;                /* disconnected, but the link is administratively up: its
                                         carrier may be on its way (Linux: /renew waits for it a
                                         moment, docs/linux.md); 0 elsewhere */
    ipcfg_tri dhcp_enabled;
    ipcfg_tri autoconfig_enabled;
    ipcfg_tri netbios_enabled;

    /* ---- further ipconfig /all fields; unknown = left out ---- */
    int has_dhcpv6_iaid;
    uint32_t dhcpv6_iaid;             /* "DHCPv6 IAID" (decimal) */
    const uint8_t *dhcpv6_duid;       /* "DHCPv6 Client DUID": ipcfg_adapter_set_dhcpv6_duid */
    size_t dhcpv6_duid_len;           /* 0 = none (at most IPCFG_DUID_MAX) */
    ipcfg_lease6 *lease6;             /* the DHCPv6 lease; NULL = none (ipcfg_adapter_add_lease6) */

    ipcfg_addr *addrs;                /* IPv4 and IPv6, in platform order */
    size_t n_addrs, cap_addrs;
    ipcfg_ip *gateways;
    size_t n_gateways, cap_gateways;
    ipcfg_ip *dns_servers;
    size_t n_dns, cap_dns;
    /* WINS servers in the system's order: the first is "Primary WINS
     * Server", the second "Secondary WINS Server", the others its
     * continuation lines; none = no line */
    ipcfg_ip *wins_servers;
    size_t n_wins, cap_wins;

    int has_dhcp_server;
    ipcfg_ip dhcp_server;
    int has_lease;                    /* lease times known */
    int64_t lease_obtained;           /* Unix seconds UTC */
    int64_t lease_expires;
    /* The lease's time is over and nothing renewed it (Linux: ipcfg's
     * record, with the link down or no server answering): its times are
     * kept for /json, but nothing of it is shown as current (no DHCP
     * server, DNS servers or suffix from it; no lease lines in /all). */
    int lease_expired;
    /* peers: who holds the lease.  "" = unknown or none (the
     * platform's own client on Windows); "ipcfg" = ipcfg's own engine;
     * else another client on Linux: "systemd-networkd", "NetworkManager",
     * "dhclient", "dhcpcd", "unknown". */
    char lease_client[32];
    /* Whether a process keeps the lease renewed.  IPCFG_YES /
     * IPCFG_NO for a lease of ipcfg's own (Linux: its keeper runs, or
     * not); IPCFG_UNKNOWN otherwise (another client's, or the platform's
     * own service).  lease_keeper: "systemd" (the unit ipcfg@IF.service),
     * "ipcfg" (a detached keeper), "" none or unknown. */
    ipcfg_tri lease_kept;
    char lease_keeper[16];
    /* What a DHCPv4 lease carries that only /json shows (docs/json.md;
     * Linux: ipcfg's own lease, none when it has expired): NTP servers
     * (option 42), the captive-portal URI (option 114), the interface MTU
     * (option 26, 0 = none), and the name the client sent for the lease
     * (option 81).  Strings as above: "" = none. */
    ipcfg_ip *ntp_servers;            /* at most IPCFG_NTP_MAX (ipcfg_adapter_add_ntp); out of line: most
                                         adapters have none, and a listing holds thousands of records */
    size_t n_ntp, cap_ntp;
    unsigned dhcp_mtu;
    const char *captive_portal;
    const char *fqdn_sent;
} ipcfg_adapter;

typedef struct ipcfg_adapter_list {
    ipcfg_adapter *items;
    size_t n, cap;
    ipcfg_strarena strs;              /* the records' strings */
} ipcfg_adapter_list;

typedef struct ipcfg_host {
    char host_name[IPCFG_NAME_MAX];
    char primary_dns_suffix[IPCFG_NAME_MAX];
    char node_type[32];               /* "" = unknown (left out) */
    ipcfg_tri ip_routing;
    ipcfg_tri wins_proxy;
    char search_list[IPCFG_SEARCH_MAX][IPCFG_NAME_MAX];
    size_t n_search;
} ipcfg_host;

/* One row of the IPv4 address table (GetIpAddrTable / RTM_GETADDR). */
enum {
    IPCFG_AT_PRIMARY = 0x01,
    IPCFG_AT_SECONDARY = 0x02,
    IPCFG_AT_DYNAMIC = 0x04,
    IPCFG_AT_DISCONNECTED = 0x08,
    IPCFG_AT_DELETED = 0x40,
    IPCFG_AT_TRANSIENT = 0x80
};

typedef struct ipcfg_addrrow {
    ipcfg_ip addr;
    unsigned prefix_len;
    ipcfg_ip broadcast;     /* family NONE when there is none */
    uint32_t ifindex;
    const char *ifname;     /* "" if unknown; in the table's arena (ipcfg_addrtable_set_ifname) */
    uint32_t reasm_size;    /* 0 = unknown */
    unsigned flags;         /* IPCFG_AT_* */
} ipcfg_addrrow;

typedef struct ipcfg_addrtable {
    ipcfg_addrrow *rows;
    size_t n, cap;
    ipcfg_strarena strs;    /* the rows' interface names */
} ipcfg_addrtable;

/* ---- helpers (src/model; the file of each group in brackets) ---- */
/* [error.c] */
/* Sets *e afresh: status, reason and text (fmt NULL = none); no system
 * code, whatever an earlier use left there (ipcfg_error_sys adds one). */
void ipcfg_error_set(ipcfg_error *e, ipcfg_status st, ipcfg_reason r, const char *fmt, ...) IPCFG_PRINTF(4, 5);
/* The platform's own code of the failure (errno, Win32 error). */
void ipcfg_error_sys(ipcfg_error *e, long code);
void ipcfg_error_clear(ipcfg_error *e);

/* [adapter.c] */
ipcfg_adapter *ipcfg_adapters_push(ipcfg_adapter_list *l); /* ipcfg_adapter_init'ed; NULL on OOM */
void ipcfg_adapters_free(ipcfg_adapter_list *l);            /* the records, their arrays and strings */
/* A record not in a list (a test's, a copy): zeroed, every string "". */
void ipcfg_adapter_init(ipcfg_adapter *a);
void ipcfg_adapter_free(ipcfg_adapter *a);                  /* frees arrays and a copy's own strings */
/* Deep: arrays and strings; the copy's strings are its own (one block,
 * freed by ipcfg_adapter_free), whatever list it goes into.  0 ok, -1 OOM
 * (dst then holds nothing to free). */
int ipcfg_adapter_copy(ipcfg_adapter *dst, const ipcfg_adapter *src);

/* Strings of a record: s[0..len) (no NUL needed; it must hold none) is
 * copied whole into l's arena, NUL-terminated, and the field points at the
 * copy; a is any record whose strings l outlives (usually one of l's).  An
 * empty string takes no space.  Never cut.  0 ok; -1 out of memory, the
 * field unchanged. */
int ipcfg_adapter_set_name(ipcfg_adapter_list *l, ipcfg_adapter *a, const char *s, size_t len);
int ipcfg_adapter_set_id(ipcfg_adapter_list *l, ipcfg_adapter *a, const char *s, size_t len);
int ipcfg_adapter_set_description(ipcfg_adapter_list *l, ipcfg_adapter *a, const char *s, size_t len);
int ipcfg_adapter_set_dns_suffix(ipcfg_adapter_list *l, ipcfg_adapter *a, const char *s, size_t len);
int ipcfg_adapter_set_captive_portal(ipcfg_adapter_list *l, ipcfg_adapter *a, const char *s, size_t len);
int ipcfg_adapter_set_fqdn_sent(ipcfg_adapter_list *l, ipcfg_adapter *a, const char *s, size_t len);
/* Appends one entry to the search list (room for IPCFG_SEARCH_MAX, made
 * in l's arena by the first); -1 when out of memory or full. */
int ipcfg_adapter_add_conn_search(ipcfg_adapter_list *l, ipcfg_adapter *a, const char *s, size_t len);
/* The DHCPv6 client DUID: duid[0..len) copied into l's arena (len 0:
 * none).  -1 when out of memory or len > IPCFG_DUID_MAX, the field
 * unchanged. */
int ipcfg_adapter_set_dhcpv6_duid(ipcfg_adapter_list *l, ipcfg_adapter *a, const uint8_t *duid, size_t len);

/* [lease6.c] The DHCPv6 lease of a record: made in l's arena on the first
 * call (zeroed but expires, t1 and t2, which are IPCFG_TIME_NEVER; state
 * IPCFG_LEASE6_BOUND; server_address family NONE; kept IPCFG_UNKNOWN),
 * the same block on later calls.  NULL when out of memory. */
ipcfg_lease6 *ipcfg_adapter_add_lease6(ipcfg_adapter_list *l, ipcfg_adapter *a);
/* Into a lease: the server's DUID (copied into l's arena; -1 as for the
 * client DUID), one address, one DNS server, one domain (copied whole
 * into l's arena, never cut).  0 ok; -1 when out of memory or full (the
 * lease unchanged).  l is the list whose arena holds the lease. */
int ipcfg_lease6_set_server_duid(ipcfg_adapter_list *l, ipcfg_lease6 *ls, const uint8_t *duid, size_t len);
int ipcfg_lease6_add_addr(ipcfg_lease6 *ls, const ipcfg_ip *ip, int64_t preferred_until, int64_t valid_until);
int ipcfg_lease6_add_dns(ipcfg_lease6 *ls, const ipcfg_ip *ip);
int ipcfg_lease6_add_domain(ipcfg_adapter_list *l, ipcfg_lease6 *ls, const char *s, size_t len);

/* [alloc.c] The arena itself: a copy of s[0..len) and a NUL, or NULL on OOM. */
const char *ipcfg_strarena_dup(ipcfg_strarena *ar, const char *s, size_t len);
void *ipcfg_strarena_alloc(ipcfg_strarena *ar, size_t n); /* aligned for pointers; NULL on OOM */
void ipcfg_strarena_free(ipcfg_strarena *ar);
/* Test seam: every chunk comes from this (malloc by default), so that a
 * test can fail one (tests/unit/test_model.c). */
extern void *(*ipcfg_strarena_malloc)(size_t n);

/* [adapter.c] */
ipcfg_addr *ipcfg_adapter_add_addr(ipcfg_adapter *a);       /* zeroed; NULL on OOM */
int ipcfg_adapter_add_gateway(ipcfg_adapter *a, const ipcfg_ip *ip);
int ipcfg_adapter_add_dns(ipcfg_adapter *a, const ipcfg_ip *ip);
int ipcfg_adapter_add_wins(ipcfg_adapter *a, const ipcfg_ip *ip);
/* One more NTP server (/json only); none past IPCFG_NTP_MAX (0, nothing added). */
int ipcfg_adapter_add_ntp(ipcfg_adapter *a, const ipcfg_ip *ip);
/* [addrtable.c] */
ipcfg_addrrow *ipcfg_addrtable_push(ipcfg_addrtable *t); /* zeroed, ifname ""; NULL on OOM */
/* As ipcfg_adapter_set_name, into t's arena. */
int ipcfg_addrtable_set_ifname(ipcfg_addrtable *t, ipcfg_addrrow *r, const char *s, size_t len);
void ipcfg_addrtable_free(ipcfg_addrtable *t);
void ipcfg_addrtable_sort(ipcfg_addrtable *t); /* by address, then index */

/* [utf8.c] The length of the valid UTF-8 sequence at p, of which left
 * bytes are there: 1 for ASCII, up to 4; 0 when p starts none (RFC 3629: no
 * overlong form, no surrogate, nothing above U+10FFFF; left 0). */
size_t ipcfg_utf8_seq(const unsigned char *p, size_t left);
/* [utf8.c] Copies src (NULL = "") into dst[len], cut to len - 1 bytes, always
 * NUL-terminated (nothing is written when len is 0); a cut never ends
 * inside a UTF-8 character. */
void ipcfg_copy_str(char *dst, size_t len, const char *src);
/* Ends s (a buffer of size bytes that was filled to its end, such as a
 * truncated snprintf) visibly: the text is cut at a character boundary so
 * that mark ("...") fits after it.  ipcfg_error_set does this for a text
 * longer than IPCFG_ERRTEXT_MAX - 1 bytes. */
void ipcfg_utf8_cut(char *s, size_t size, const char *mark);

/* [ip.c] The value of one hexadecimal digit (either case), or -1. */
int ipcfg_hex_digit(char c);

void ipcfg_ip4(ipcfg_ip *ip, uint8_t a, uint8_t b, uint8_t c, uint8_t d);
void ipcfg_ip4_from_u32be(ipcfg_ip *ip, const uint8_t bytes[4]);
int ipcfg_ip_is_zero(const ipcfg_ip *ip);
int ipcfg_ip_equal(const ipcfg_ip *a, const ipcfg_ip *b);
int ipcfg_ip6_is_linklocal(const ipcfg_ip *ip);
/* Text forms (buffers of at least IPCFG_IPSTR_MAX). IPv6 per RFC 5952; no zone. */
#define IPCFG_IPSTR_MAX 64
const char *ipcfg_ip_str(const ipcfg_ip *ip, char *buf, size_t len);
/* Strict parsers: dotted quad with exactly four decimal parts (no octal,
 * no hex, no short forms); IPv6 per RFC 4291 text forms. 0 ok, -1 bad. */
int ipcfg_ip4_parse(const char *s, ipcfg_ip *out);
int ipcfg_ip6_parse(const char *s, ipcfg_ip *out);
/* prefix length -> dotted mask; dotted mask -> prefix (-1 if not contiguous) */
void ipcfg_prefix_to_mask(unsigned prefix, ipcfg_ip *mask);
int ipcfg_mask_to_prefix(const ipcfg_ip *mask);

/* [names.c] What the command line checks and the DHCP client sends: the
 * host name of /hostname (DHCPv4 options 12 and 81) and the user class of
 * /setclassid (option 77).  Both sides use these, so that nothing the
 * command line refuses is ever sent, and nothing read back from the state
 * directory is sent unchecked. */
#define IPCFG_HOSTNAME_MAX 253 /* a name's text without its trailing dot (RFC 1035 §2.3.4) */
/* A host or domain name of RFC 1035 §2.3.1 labels: ASCII letters, digits
 * and hyphens, 1 to 63 bytes each, none starting or ending with a hyphen,
 * at most IPCFG_HOSTNAME_MAX bytes in all, one trailing dot allowed (the
 * root alone, ".", is not a name).  1 valid, 0 not. */
int ipcfg_ldh_name_valid(const char *s, size_t len);

/* A DHCP user class (RFC 3004): UTF-8 text of at most IPCFG_CLASSID_MAX
 * bytes (bytes, as the option's length octet counts them: "é" is two)
 * without a control character (C0, DEL, C1).  "" is no class. */
#define IPCFG_CLASSID_MAX 255
typedef enum ipcfg_classid_fault {
    IPCFG_CLASSID_OK = 0,
    IPCFG_CLASSID_TOO_LONG, /* more than IPCFG_CLASSID_MAX bytes */
    IPCFG_CLASSID_CONTROL,  /* a control character at *at */
    IPCFG_CLASSID_NOT_UTF8  /* a byte at *at that starts no UTF-8 character */
} ipcfg_classid_fault;
/* What is wrong with s[0..len) as a user class; *at (may be NULL) gets the
 * offset of the offending byte. */
ipcfg_classid_fault ipcfg_classid_check(const char *s, size_t len, size_t *at);

#ifdef __cplusplus
}
#endif
#endif
