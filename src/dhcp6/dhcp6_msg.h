/* ipcfg — DHCPv6 messages: building and parsing (RFC 8415 §8, §21; RFC
 * 3646 options 23 and 24).
 *
 * Pure functions over byte buffers; no I/O.  The parser reads untrusted
 * bytes: every length is checked before use (a signed remaining length per
 * container, as libmnl walks netlink attributes) and a malformed message is
 * rejected whole (nothing of it is returned), with a one-line reason.
 * Unknown options are skipped after their length is checked (RFC 8415
 * §16: "Clients ... MUST NOT discard messages that contain unknown
 * options").
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_DHCP6_MSG_H
#define IPCFG_DHCP6_MSG_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* RFC 8415 §7.2: "Clients MUST listen for DHCP messages on UDP port 546
 * ... clients MUST send DHCP messages to UDP destination port 547". */
#define IPCFG_DHCP6_CLIENT_PORT 546
#define IPCFG_DHCP6_SERVER_PORT 547
/* §7.1 All_DHCP_Relay_Agents_and_Servers, ff02::1:2: where every message
 * of the client goes (§14). */
extern const uint8_t ipcfg_dhcp6_all_servers[16];

#define IPCFG_DHCP6_HDR_LEN 4      /* §8: msg-type, 3-octet transaction-id */
#define IPCFG_DHCP6_MSG_MAX 65535  /* the largest message the parser takes */
/* §11.1: "The length of the DUID (not including the type code) is at
 * least 1 octet and at most 128 octets." */
#define IPCFG_DHCP6_DUID_MIN 3
#define IPCFG_DHCP6_DUID_MAX 130
#define IPCFG_DHCP6_INFINITE 0xffffffffu /* §7.7 "infinity" */

/* What a parsed message keeps at most; more is checked and skipped. */
#define IPCFG_DHCP6_MAX_IA 4        /* IA_NA options */
#define IPCFG_DHCP6_MAX_ADDRS 8     /* IA Address options per IA_NA */
#define IPCFG_DHCP6_MAX_DNS 8       /* option 23 servers */
#define IPCFG_DHCP6_MAX_DOMAINS 8   /* option 24 names */
#define IPCFG_DHCP6_MAX_ORO 32      /* option 6 codes */
#define IPCFG_DHCP6_DOMAIN_MAX 254  /* a name's text (IPCFG_DNS_NAME_MAX) and its NUL */
#define IPCFG_DHCP6_STATUS_TEXT_MAX 128
#define IPCFG_DHCP6_NOTE_MAX 128

/* §7.3 message types. */
enum {
    IPCFG_DHCP6_SOLICIT = 1,
    IPCFG_DHCP6_ADVERTISE = 2,
    IPCFG_DHCP6_REQUEST = 3,
    IPCFG_DHCP6_CONFIRM = 4,
    IPCFG_DHCP6_RENEW = 5,
    IPCFG_DHCP6_REBIND = 6,
    IPCFG_DHCP6_REPLY = 7,
    IPCFG_DHCP6_RELEASE = 8,
    IPCFG_DHCP6_DECLINE = 9,
    IPCFG_DHCP6_RECONFIGURE = 10,
    IPCFG_DHCP6_INFORMATION_REQUEST = 11,
    IPCFG_DHCP6_RELAY_FORW = 12,
    IPCFG_DHCP6_RELAY_REPL = 13
};

/* Option codes (RFC 8415 §21, RFC 3646 §3 and §4). */
enum {
    IPCFG_DHCP6_OPT_CLIENTID = 1,
    IPCFG_DHCP6_OPT_SERVERID = 2,
    IPCFG_DHCP6_OPT_IA_NA = 3,
    IPCFG_DHCP6_OPT_IAADDR = 5,
    IPCFG_DHCP6_OPT_ORO = 6,
    IPCFG_DHCP6_OPT_PREFERENCE = 7,
    IPCFG_DHCP6_OPT_ELAPSED_TIME = 8,
    IPCFG_DHCP6_OPT_STATUS_CODE = 13,
    IPCFG_DHCP6_OPT_RAPID_COMMIT = 14,
    IPCFG_DHCP6_OPT_DNS_SERVERS = 23,
    IPCFG_DHCP6_OPT_DOMAIN_LIST = 24,
    IPCFG_DHCP6_OPT_INFO_REFRESH_TIME = 32,
    IPCFG_DHCP6_OPT_SOL_MAX_RT = 82,
    IPCFG_DHCP6_OPT_INF_MAX_RT = 83
};

/* §21.13, table 3: status codes. */
enum {
    IPCFG_DHCP6_ST_SUCCESS = 0,
    IPCFG_DHCP6_ST_UNSPECFAIL = 1,
    IPCFG_DHCP6_ST_NOADDRSAVAIL = 2,
    IPCFG_DHCP6_ST_NOBINDING = 3,
    IPCFG_DHCP6_ST_NOTONLINK = 4,
    IPCFG_DHCP6_ST_USEMULTICAST = 5,
    IPCFG_DHCP6_ST_NOPREFIXAVAIL = 6
};

/* Which options a parsed message carried (ipcfg_dhcp6_msg.has). */
enum {
    IPCFG_DHCP6_HAS_CLIENTID = 1u << 0,
    IPCFG_DHCP6_HAS_SERVERID = 1u << 1,
    IPCFG_DHCP6_HAS_IA_NA = 1u << 2,
    IPCFG_DHCP6_HAS_ORO = 1u << 3,
    IPCFG_DHCP6_HAS_PREFERENCE = 1u << 4,
    IPCFG_DHCP6_HAS_ELAPSED = 1u << 5,
    IPCFG_DHCP6_HAS_STATUS = 1u << 6,
    IPCFG_DHCP6_HAS_RAPID_COMMIT = 1u << 7,
    IPCFG_DHCP6_HAS_DNS = 1u << 8,
    IPCFG_DHCP6_HAS_DOMAINS = 1u << 9,
    IPCFG_DHCP6_HAS_INFO_REFRESH = 1u << 10,
    IPCFG_DHCP6_HAS_SOL_MAX_RT = 1u << 11,
    IPCFG_DHCP6_HAS_INF_MAX_RT = 1u << 12,
    /* option 23 was present with a length that is not a multiple of 16:
     * it was dropped (RFC 3646 §3), and the note says so */
    IPCFG_DHCP6_HAS_BAD_DNS = 1u << 13
};

/* A Status Code option (§21.13).  Absent means Success (§7.5). */
typedef struct ipcfg_dhcp6_status {
    int present;
    uint16_t code;
    char text[IPCFG_DHCP6_STATUS_TEXT_MAX]; /* for a log line: printable ASCII, the rest '?' */
} ipcfg_dhcp6_status;

/* An IA Address option (§21.6), host byte order for the numbers. */
typedef struct ipcfg_dhcp6_iaaddr {
    uint8_t addr[16];
    uint32_t preferred, valid;
    ipcfg_dhcp6_status status;
} ipcfg_dhcp6_iaaddr;

/* An IA_NA option (§21.4). */
typedef struct ipcfg_dhcp6_ia {
    uint32_t iaid, t1, t2;
    ipcfg_dhcp6_status status;
    ipcfg_dhcp6_iaaddr addrs[IPCFG_DHCP6_MAX_ADDRS];
    uint8_t n_addrs;      /* the first IPCFG_DHCP6_MAX_ADDRS */
    uint16_t n_addrs_seen; /* how many the option held */
} ipcfg_dhcp6_ia;

/* A parsed message: the header and the options ipcfg knows, each already
 * length-checked. */
typedef struct ipcfg_dhcp6_msg {
    uint8_t type;
    uint32_t xid;         /* 24 bits */
    unsigned has;         /* IPCFG_DHCP6_HAS_* */
    uint8_t client_id[IPCFG_DHCP6_DUID_MAX];
    uint8_t client_id_len;
    uint8_t server_id[IPCFG_DHCP6_DUID_MAX];
    uint8_t server_id_len;
    ipcfg_dhcp6_status status; /* the top-level Status Code */
    uint8_t preference;   /* option 7; 0 when absent (§18.2.9) */
    uint16_t elapsed;     /* option 8, hundredths of a second */
    uint16_t oro[IPCFG_DHCP6_MAX_ORO];
    uint8_t n_oro;
    ipcfg_dhcp6_ia ia[IPCFG_DHCP6_MAX_IA];
    uint8_t n_ia;
    uint8_t dns[IPCFG_DHCP6_MAX_DNS][16];
    uint8_t n_dns;        /* the first IPCFG_DHCP6_MAX_DNS different ones of option 23 */
    uint16_t n_dns_seen;  /* how many option 23 held */
    char domains[IPCFG_DHCP6_MAX_DOMAINS][IPCFG_DHCP6_DOMAIN_MAX]; /* option 24, each a valid name */
    uint8_t n_domains;
    uint32_t info_refresh; /* option 32, seconds */
    uint32_t sol_max_rt;   /* option 82, seconds (the client checks the range) */
    uint32_t inf_max_rt;   /* option 83 */
    /* One line on what was dropped of an accepted message (a name in
     * option 24 that is not a valid domain name, option 23 of a bad
     * length, more names than kept); "" when nothing was. */
    char note[IPCFG_DHCP6_NOTE_MAX];
} ipcfg_dhcp6_msg;

/* Parses buf[0..len).  0 ok; -1 rejected, *why (may be NULL) a static
 * one-line reason.  On -1, *m is zeroed: nothing half-read escapes.
 * Rejected: a message shorter than its header or over
 * IPCFG_DHCP6_MSG_MAX; a relay or unknown message type (§16: "MUST
 * discard any received DHCP messages with an unknown message type"); an
 * option header or an option's data running past the end of the message
 * or of its container (IA_NA, IA Address); a known option of a wrong
 * length (client or server identifier outside 3-130 octets, IA_NA under
 * 12, IA Address under 24, Status Code under 2, Preference not 1, Elapsed
 * Time not 2, option 32, 82 or 83 not 4, ORO of an odd length, Rapid
 * Commit not 0); a single-instance option repeated (§21: "each option may
 * appear only ... once"), two IA_NAs with one IAID, one address twice in
 * an IA_NA; option 24 whose encoding runs past its end or uses
 * compression (§10).  Names of option 24 that are not valid domain names
 * (ipcfg_dns_name_valid) and option 23 of a length that is not a multiple
 * of 16 are dropped, not the message (see note). */
int ipcfg_dhcp6_msg_parse(const uint8_t *buf, size_t len, ipcfg_dhcp6_msg *m, const char **why);

/* Building.  begin writes the header (4 octets); opt appends one option;
 * open appends an option header whose length close fills in once its
 * contents (encapsulated options) are appended: *mark remembers where it
 * starts.  Each returns the new length, or 0 when cap is too small or at
 * is 0 (a failed step before it), so that a chain of calls needs one check
 * at its end. */
size_t ipcfg_dhcp6_build_begin(uint8_t *buf, size_t cap, uint8_t type, uint32_t xid);
size_t ipcfg_dhcp6_build_opt(uint8_t *buf, size_t cap, size_t at, uint16_t code, const void *val, size_t len);
size_t ipcfg_dhcp6_build_open(uint8_t *buf, size_t cap, size_t at, uint16_t code, size_t *mark);
size_t ipcfg_dhcp6_build_close(uint8_t *buf, size_t at, size_t mark);

/* ---- address checks (the client, the lease file) ------------------------- */

/* 1 when a may be assigned to an interface by DHCPv6: a unicast address
 * that is not unspecified, loopback, link-local (fe80::/10), IPv4-mapped
 * (::ffff:0:0/96) or in ::/96. */
int ipcfg_dhcp6_addr_usable(const uint8_t a[16]);
/* 1 when a may be handed to the resolver: not multicast, not IPv4-mapped,
 * not in ::/96 (unspecified, loopback); link-local is allowed (the lease
 * belongs to one interface). */
int ipcfg_dhcp6_dns_usable(const uint8_t a[16]);

uint16_t ipcfg_dhcp6_get16(const uint8_t *p);
uint32_t ipcfg_dhcp6_get32(const uint8_t *p);
void ipcfg_dhcp6_put16(uint8_t *p, uint16_t v);
void ipcfg_dhcp6_put32(uint8_t *p, uint32_t v);

/* The name of a status code for a log line ("NoAddrsAvail"), or
 * "status N" in buf for one the RFC does not name. */
const char *ipcfg_dhcp6_status_name(uint16_t code, char *buf, size_t cap);

#ifdef __cplusplus
}
#endif
#endif
