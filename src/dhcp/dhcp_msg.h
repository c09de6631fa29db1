/* ipcfg — BOOTP/DHCP messages: building and parsing (RFC 2131, RFC 2132,
 * RFC 3396 long options, RFC 3442 classless static routes).
 *
 * Pure functions over byte buffers; no I/O.  The parser reads untrusted
 * bytes: every length is checked before use and a malformed message is
 * rejected whole (nothing of it is returned), with a one-line reason.  A
 * well-formed option whose text is no DNS name (options 12, 15) is left
 * out instead (ipcfg_dhcp_msg.left_out): the rest of the message stands.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_DHCP_MSG_H
#define IPCFG_DHCP_MSG_H

#include <stddef.h>
#include <stdint.h>

#include "dhcp_addr.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What a message may carry of the options a lease keeps (the first ones
 * of each; more are ignored). */
#define IPCFG_DHCP_MAX_ROUTERS 8
#define IPCFG_DHCP_MAX_DNS 8
#define IPCFG_DHCP_MAX_ROUTES 32   /* classless static routes (option 121) */
#define IPCFG_DHCP_DOMAIN_MAX 256  /* option 15, NUL-terminated */
#define IPCFG_DHCP_CLIENTID_MAX 64
#define IPCFG_DHCP_INFINITE 0xffffffffu /* lease time "infinity" (RFC 2131 §3.3) */
#define IPCFG_DHCP_MAX_SEARCH 8    /* option 119 names kept (glibc reads any number; Windows shows them all) */
#define IPCFG_DHCP_MAX_NTP 8       /* option 42 */
#define IPCFG_DHCP_NAME_CAP 254    /* a DNS name's text (IPCFG_DNS_NAME_MAX) and its NUL */
#define IPCFG_DHCP_URI_CAP 256     /* a URI's text (IPCFG_DNS_URI_MAX) and its NUL */
#define IPCFG_DHCP_CLASS_CAP 256   /* a user class (IPCFG_CLASSID_MAX bytes) and its NUL */

/* What a server sent that ipcfg left out of a lease: text that is not what
 * its option must carry (a domain that is no DNS name, dns_name.h).  The
 * lease still binds without it. */
enum {
    IPCFG_DHCP_LEFT_DOMAIN = 1u << 0,  /* option 15: no DNS name */
    IPCFG_DHCP_LEFT_SEARCH = 1u << 1,  /* option 119: malformed (RFC 3397 compression, a name too long) */
    IPCFG_DHCP_LEFT_MTU = 1u << 2,     /* option 26: not 2 bytes, or under 68 (RFC 2132 §5.1) */
    IPCFG_DHCP_LEFT_NTP = 1u << 3,     /* option 42: not a multiple of 4 bytes */
    IPCFG_DHCP_LEFT_PORTAL = 1u << 4,  /* option 114: not a printable https: URI */
    IPCFG_DHCP_LEFT_FQDN = 1u << 5,    /* option 81 in a reply: malformed, or a name that is none */
    IPCFG_DHCP_LEFT_SEARCH_NAME = 1u << 6 /* option 119 well formed: the names in it that are none (the rest kept) */
};

typedef struct ipcfg_dhcp_route {
    uint8_t dest[4];
    uint8_t prefix_len;  /* 0..32 */
    uint8_t gateway[4];  /* 0.0.0.0 = on-link */
} ipcfg_dhcp_route;

/* RFC 2131 §2, figure 1: the fixed part is 236 octets, then the options
 * field starts with the magic cookie 99.130.83.99 (RFC 2131 §3). */
#define IPCFG_DHCP_OFF_SNAME 44
#define IPCFG_DHCP_SNAME_LEN 64
#define IPCFG_DHCP_OFF_FILE 108
#define IPCFG_DHCP_FILE_LEN 128
#define IPCFG_DHCP_OFF_COOKIE 236
#define IPCFG_DHCP_OFF_OPTIONS 240
#define IPCFG_DHCP_MIN_LEN 241 /* cookie plus at least the end option */
/* RFC 1542 §3.3 / RFC 2131 §2: a BOOTP message is at least 300 octets;
 * ipcfg pads what it sends to that. */
#define IPCFG_DHCP_BOOTP_MIN 300
/* The largest message the parser takes (an Ethernet jumbo frame's worth). */
#define IPCFG_DHCP_MSG_MAX 9000

/* The shortest lease accepted (seconds): anything less cannot even be
 * renewed before it runs out; 0xffffffff (IPCFG_DHCP_INFINITE) is
 * permanent. */
#define IPCFG_DHCP_MIN_LEASE 10

#define IPCFG_BOOTREQUEST 1
#define IPCFG_BOOTREPLY 2

/* RFC 2132 §9.6, option 53 values. */
enum {
    IPCFG_DHCPDISCOVER = 1,
    IPCFG_DHCPOFFER = 2,
    IPCFG_DHCPREQUEST = 3,
    IPCFG_DHCPDECLINE = 4,
    IPCFG_DHCPACK = 5,
    IPCFG_DHCPNAK = 6,
    IPCFG_DHCPRELEASE = 7,
    IPCFG_DHCPINFORM = 8
};

/* RFC 2132 option codes that ipcfg builds, reads or shows. */
enum {
    IPCFG_OPT_PAD = 0,
    IPCFG_OPT_SUBNET_MASK = 1,
    IPCFG_OPT_ROUTER = 3,
    IPCFG_OPT_DNS = 6,
    IPCFG_OPT_HOST_NAME = 12,
    IPCFG_OPT_DOMAIN = 15,
    IPCFG_OPT_MTU = 26,           /* RFC 2132 §5.1 interface MTU */
    IPCFG_OPT_BROADCAST = 28,
    IPCFG_OPT_NTP = 42,           /* RFC 2132 §8.3 NTP servers */
    IPCFG_OPT_REQUESTED_IP = 50,
    IPCFG_OPT_LEASE_TIME = 51,
    IPCFG_OPT_OVERLOAD = 52,
    IPCFG_OPT_MSG_TYPE = 53,
    IPCFG_OPT_SERVER_ID = 54,
    IPCFG_OPT_PARAM_LIST = 55,
    IPCFG_OPT_MESSAGE = 56,
    IPCFG_OPT_T1 = 58,
    IPCFG_OPT_T2 = 59,
    IPCFG_OPT_CLIENT_ID = 61,
    IPCFG_OPT_USER_CLASS = 77,    /* RFC 3004 */
    IPCFG_OPT_FQDN = 81,          /* RFC 4702 client FQDN */
    IPCFG_OPT_CAPTIVE_PORTAL = 114, /* RFC 8910 */
    IPCFG_OPT_SEARCH = 119,       /* RFC 3397 domain search list */
    IPCFG_OPT_CLASSLESS_ROUTES = 121,
    IPCFG_OPT_END = 255
};

/* Which options a parsed message carried (ipcfg_dhcp_msg.has). */
enum {
    IPCFG_HAS_MASK = 1u << 0,
    IPCFG_HAS_ROUTERS = 1u << 1,
    IPCFG_HAS_DNS = 1u << 2,
    IPCFG_HAS_HOST_NAME = 1u << 3,
    IPCFG_HAS_DOMAIN = 1u << 4,
    IPCFG_HAS_BROADCAST = 1u << 5,
    IPCFG_HAS_REQUESTED_IP = 1u << 6,
    IPCFG_HAS_LEASE_TIME = 1u << 7,
    IPCFG_HAS_OVERLOAD = 1u << 8,
    IPCFG_HAS_SERVER_ID = 1u << 9,
    IPCFG_HAS_PARAM_LIST = 1u << 10,
    IPCFG_HAS_MESSAGE = 1u << 11,
    IPCFG_HAS_T1 = 1u << 12,
    IPCFG_HAS_T2 = 1u << 13,
    IPCFG_HAS_CLIENT_ID = 1u << 14,
    IPCFG_HAS_ROUTES = 1u << 15,
    IPCFG_HAS_SEARCH = 1u << 16,
    IPCFG_HAS_MTU = 1u << 17,
    IPCFG_HAS_NTP = 1u << 18,
    IPCFG_HAS_PORTAL = 1u << 19,
    IPCFG_HAS_FQDN = 1u << 20
};

/* RFC 4702 §2.1 flags of option 81. */
enum {
    IPCFG_FQDN_S = 0x01, /* the server updates the A record (and the PTR) */
    IPCFG_FQDN_O = 0x02, /* the server overrode the client's S (replies only) */
    IPCFG_FQDN_E = 0x04, /* the name is in canonical wire format (§2.3.1) */
    IPCFG_FQDN_N = 0x08  /* no server updates at all */
};

/* The fixed header (RFC 2131 §2, figure 1), host byte order for the
 * integers, network order for the addresses. */
typedef struct ipcfg_dhcp_hdr {
    uint8_t op, htype, hlen, hops;
    uint32_t xid;
    uint16_t secs, flags;
    uint8_t ciaddr[4], yiaddr[4], siaddr[4], giaddr[4];
    uint8_t chaddr[16];
} ipcfg_dhcp_hdr;

/* A parsed message: the header and the options ipcfg knows, each already
 * length-checked.  Options of other codes are walked (their lengths
 * checked) and skipped. */
typedef struct ipcfg_dhcp_msg {
    ipcfg_dhcp_hdr h;
    uint8_t type;   /* option 53 (always present in an accepted message) */
    unsigned has;   /* IPCFG_HAS_* */
    uint8_t overload; /* option 52: 1 file, 2 sname, 3 both */
    uint8_t mask[4];
    uint8_t routers[IPCFG_DHCP_MAX_ROUTERS][4];
    uint8_t n_routers;   /* the first IPCFG_DHCP_MAX_ROUTERS of option 3 */
    uint8_t dns[IPCFG_DHCP_MAX_DNS][4];
    uint8_t n_dns;       /* the first IPCFG_DHCP_MAX_DNS of option 6 */
    /* Options 12 and 15: a DNS name (ipcfg_dns_name_valid), trailing NULs
     * and a trailing dot dropped, NUL-terminated; "" when absent or left
     * out (not a name: see left_out) */
    char host_name[256];
    char domain[IPCFG_DHCP_DOMAIN_MAX];
    unsigned left_out;   /* IPCFG_DHCP_LEFT_*: names the message carried that are no DNS names */
    uint8_t broadcast[4];
    uint8_t requested_ip[4];
    uint32_t lease_time, t1, t2;
    uint8_t server_id[4];
    uint8_t param_list[255];
    uint8_t n_param_list;
    char message[256];   /* option 56, NUL-terminated */
    uint8_t client_id[IPCFG_DHCP_CLIENTID_MAX];
    uint8_t client_id_len; /* set (and IPCFG_HAS_CLIENT_ID) only when it fits */
    ipcfg_dhcp_route routes[IPCFG_DHCP_MAX_ROUTES];
    uint8_t n_routes;
    /* dhcp_opts.c: each well formed and valid, or left out (left_out) */
    char search[IPCFG_DHCP_MAX_SEARCH][IPCFG_DHCP_NAME_CAP]; /* option 119 */
    uint8_t n_search;
    uint16_t mtu;                        /* option 26 */
    uint8_t ntp[IPCFG_DHCP_MAX_NTP][4];  /* option 42, the first IPCFG_DHCP_MAX_NTP */
    uint8_t n_ntp;
    char captive_portal[IPCFG_DHCP_URI_CAP]; /* option 114 */
    uint8_t fqdn_flags;                  /* option 81 in a reply: its flags */
    char fqdn[IPCFG_DHCP_NAME_CAP];      /* and its name ("" = none, or a partial name) */
} ipcfg_dhcp_msg;

/* ---- the options of dhcp_opts.c: one parser each over an option's whole
 * (RFC 3396-concatenated) value, pure, fuzzed (tests/fuzz/fuzz_dhcp_opts.c).
 * Each returns 0 and fills its output, or -1 (the option is left out, not
 * the message) with nothing of it kept; option 119 may also return 1 (some
 * names left out, the others kept). */

/* Option 119 (RFC 3397 §2): names in DNS wire format, one after another,
 * compression pointers (RFC 1035 §4.1.4) counting from the start of the
 * concatenated value.  A loop, a forward pointer, a label past the end or
 * a name over 253 bytes of text rejects the whole option (-1, *n 0).  A
 * well-encoded name that fails ipcfg_dns_name_valid (the root name
 * included) is dropped alone: the return is then 1, with the valid names
 * in out (*n may be 0); 0 when every name was valid (*n at least 1).
 * Repeated names are kept once; at most max are kept, the rest dropped. */
int ipcfg_dhcp_opt_search(const uint8_t *v, size_t len, char (*out)[IPCFG_DHCP_NAME_CAP], uint8_t max, uint8_t *n);
/* Option 26 (RFC 2132 §5.1): exactly 2 bytes, at least 68. */
int ipcfg_dhcp_opt_mtu(const uint8_t *v, size_t len, uint16_t *mtu);
/* Option 42 (RFC 2132 §8.3): a non-empty multiple of 4 bytes; addresses no
 * host can have are skipped; at most max kept. */
int ipcfg_dhcp_opt_ntp(const uint8_t *v, size_t len, uint8_t (*out)[4], uint8_t max, uint8_t *n);
/* Option 114 (RFC 8910 §2.1): a URI that passes ipcfg_dns_uri_valid. */
int ipcfg_dhcp_opt_portal(const uint8_t *v, size_t len, char *out, size_t cap);
/* Option 81 as a server sends it back (RFC 4702 §2): flags, two RCODE
 * bytes, then a name, in canonical wire format when flag E is set (a
 * partial name ends without the zero label, §2.3.1), else ASCII text
 * (deprecated, §2.3.2); an empty name is allowed.  The name must pass
 * ipcfg_dns_name_valid. */
int ipcfg_dhcp_opt_fqdn(const uint8_t *v, size_t len, uint8_t *flags, char *out, size_t cap);
/* Builds the value of option 81 as ipcfg sends it (RFC 4702), as Windows
 * clients and NetworkManager build it: flags S (the server is asked to
 * update the A and PTR records, §2.1) and E (canonical wire format,
 * §2.3.1; the ASCII form of §2.3.2 is deprecated), RCODE1 and RCODE2 0
 * (§2.2), the name with its zero label when it holds a dot (fully
 * qualified), without when it does not (a partial name, which the server
 * completes with its own domain).  name must pass ipcfg_dns_name_valid.
 * Returns the length, 0 when it does not fit or is no name. */
size_t ipcfg_dhcp_opt_fqdn_build(const char *name, uint8_t *out, size_t cap);
/* Builds option 77 (RFC 3004 §4): one user class instance, its length
 * byte then its bytes.  len 1..255.  Returns the length (len + 1), 0 when
 * it does not fit. */
size_t ipcfg_dhcp_opt_user_class_build(const char *cls, size_t len, uint8_t *out, size_t cap);
/* Fills m's options of this file from the areas' concatenated values
 * (dhcp_msg.c calls it with its own concatenation); get returns the
 * instance count and the value, as concat does. */
typedef int (*ipcfg_dhcp_opt_get)(const void *areas, uint8_t code, uint8_t *out, size_t cap, size_t *len);
void ipcfg_dhcp_opts_parse(const void *areas, ipcfg_dhcp_opt_get get, ipcfg_dhcp_msg *m, uint8_t *val, size_t cap);

/* Parses buf[0..len).  0 ok; -1 rejected, *why (may be NULL) a static
 * one-line reason.  On -1, *m is zeroed: nothing half-read escapes. */
int ipcfg_dhcp_msg_parse(const uint8_t *buf, size_t len, ipcfg_dhcp_msg *m, const char **why);

/* Building: begin writes the fixed header and the magic cookie (240 octets);
 * opt appends one option, split into several instances of at most 255
 * octets when longer (RFC 3396 §5); end appends the end option and pads
 * to IPCFG_DHCP_BOOTP_MIN.  Each returns the new length, or 0 when cap is
 * too small (then the buffer content is unspecified). */
size_t ipcfg_dhcp_build_begin(uint8_t *buf, size_t cap, const ipcfg_dhcp_hdr *h);
size_t ipcfg_dhcp_build_opt(uint8_t *buf, size_t cap, size_t at, uint8_t code, const void *val, size_t len);
size_t ipcfg_dhcp_build_end(uint8_t *buf, size_t cap, size_t at);


#ifdef __cplusplus
}
#endif
#endif
