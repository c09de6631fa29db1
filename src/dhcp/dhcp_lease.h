/* ipcfg — the DHCPv4 lease record: what ipcfg keeps of a lease (one file
 * per interface), its text form and its times.  Pure; the state machine
 * (dhcp_client.h) obtains and renews it, the Linux backend stores and
 * applies it.  The options it holds are the codec's (dhcp_msg.h).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_DHCP_LEASE_H
#define IPCFG_DHCP_LEASE_H

#include <stddef.h>
#include <stdint.h>

#include "dhcp_msg.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The lease file's first line: "ipcfg-lease 1".  A later format that adds
 * or changes keys gets a new version number; a DHCPv6 lease is another
 * file with its own first line (src/dhcp6/dhcp6_lease.h). */
#define IPCFG_DHCP_LEASE_MAGIC "ipcfg-lease"
#define IPCFG_DHCP_LEASE_VERSION 2 /* 1: without the keys of dhcp_lease_opts.c (still read, and written for a lease without them) */

#define IPCFG_DHCP_IFNAME_MAX 64
#define IPCFG_DHCP_HWADDR_MAX 16

/* Which name the client sends in options 12 and 81 (the /hostname choice,
 * kept with the lease): the host's own name as it is when the message is
 * sent, a name given, or none. */
typedef enum ipcfg_dhcp_name_choice {
    IPCFG_DHCP_NAME_HOST = 0,
    IPCFG_DHCP_NAME_GIVEN = 1,
    IPCFG_DHCP_NAME_NONE = 2
} ipcfg_dhcp_name_choice;

typedef enum ipcfg_dhcp_lease_state {
    IPCFG_DHCP_LEASE_BOUND = 1,    /* the address is (meant to be) on the interface */
    IPCFG_DHCP_LEASE_RELEASED = 2  /* released: the interface stays DHCP-enabled */
} ipcfg_dhcp_lease_state;

/* A lease as ipcfg records it (one file per interface) and applies it.
 * A released record keeps the interface name, hardware address and client
 * identifier; its address fields are all zero. */
typedef struct ipcfg_dhcp_lease {
    ipcfg_dhcp_lease_state state;
    char ifname[IPCFG_DHCP_IFNAME_MAX];
    uint8_t hwaddr[IPCFG_DHCP_HWADDR_MAX];
    uint8_t hwaddr_len;
    uint8_t client_id[IPCFG_DHCP_CLIENTID_MAX]; /* option 61 as sent: type byte + value */
    uint8_t client_id_len;

    uint8_t address[4];      /* yiaddr */
    uint8_t prefix_len;      /* from option 1 (a contiguous mask) */
    uint8_t server_id[4];    /* option 54: the issuing server */
    uint8_t routers[IPCFG_DHCP_MAX_ROUTERS][4]; /* option 3 */
    uint8_t n_routers;
    ipcfg_dhcp_route routes[IPCFG_DHCP_MAX_ROUTES]; /* option 121 (wins over option 3) */
    uint8_t n_routes;
    uint8_t dns[IPCFG_DHCP_MAX_DNS][4]; /* option 6 */
    uint8_t n_dns;
    char domain[IPCFG_DHCP_DOMAIN_MAX]; /* option 15 ("" = none) */
    /* Options the lease carries that ipcfg shows (and, for 119 and 26,
     * applies); each passed its check in the engine and passes it again
     * where the lease file is read (lease file version 2). */
    char search[IPCFG_DHCP_MAX_SEARCH][IPCFG_DHCP_NAME_CAP]; /* option 119, no repeats, no trailing dot */
    uint8_t n_search;
    uint8_t ntp[IPCFG_DHCP_MAX_NTP][4]; /* option 42 */
    uint8_t n_ntp;
    uint16_t mtu;                       /* option 26; 0 = none */
    char captive_portal[IPCFG_DHCP_URI_CAP]; /* option 114 ("" = none) */
    /* What this lease was obtained sending: the option 81 name ("" = no
     * options 12 and 81 were sent), and the /hostname choice it came from,
     * which the lease's renewals keep. */
    char fqdn[IPCFG_DHCP_NAME_CAP];
    ipcfg_dhcp_name_choice name_choice;

    uint32_t lease_time;     /* seconds; IPCFG_DHCP_INFINITE = permanent */
    uint32_t t1, t2;         /* seconds after obtained (options 58/59 or the RFC 2131 §4.4.5 defaults) */
    int64_t obtained;        /* Unix seconds UTC when the REQUEST that got the ACK was first sent
                                (RFC 2131 §4.4.1: lease times count from the request) */
} ipcfg_dhcp_lease;

/* expires = obtained + lease_time; INT64_MAX for an infinite lease. */
int64_t ipcfg_dhcp_lease_expires(const ipcfg_dhcp_lease *l);
/* The Unix time off seconds after obtained: INT64_MAX when off is
 * infinite (IPCFG_DHCP_INFINITE, RFC 2131 §3.3) or the sum would
 * overflow.  A lease's expiry, T1 and T2, and the kept lease's timeline
 * (dhcp_keep.h, whose times may be a DHCPv6 lease's: its infinity is the
 * same 0xffffffff, RFC 8415 §7.7) count from obtained with this. */
int64_t ipcfg_dhcp_time_at(int64_t obtained, uint32_t off);

/* The lease file: human-readable, versioned text ("ipcfg-lease 1" first
 * line, then "key value" lines).  format: writes at most cap bytes
 * (NUL-terminated); returns the length, or 0 when cap is too small.
 * parse: a strict parser over untrusted bytes (every line and value checked;
 * a truncated or corrupt file is rejected whole, never half-read); 0 ok,
 * -1 rejected with a one-line reason in why (no trailing newline). */
size_t ipcfg_dhcp_lease_format(const ipcfg_dhcp_lease *l, char *buf, size_t cap);
/* May the file hold this interface name?  Not empty, shorter than
 * IPCFG_DHCP_IFNAME_MAX, no control byte, DEL, blank or '/' (the kernel
 * allows control bytes in a name).  format returns 0 for a record whose
 * name it cannot hold; the Linux backend refuses DHCP on such an interface
 * before anything is sent. */
int ipcfg_dhcp_lease_ifname_ok(const char *ifname);
int ipcfg_dhcp_lease_parse(const char *buf, size_t len, ipcfg_dhcp_lease *out, char *why, size_t why_len);

/* A lease's T1 and T2 (seconds after it was obtained) from the server's
 * options 58 and 59 (NULL: not sent): taken when
 * ipcfg_dhcp_lease_times_ok, else the RFC 2131 §4.4.5 defaults (0.5 and
 * 0.875 of the lease); infinite for an infinite lease. */
void ipcfg_dhcp_lease_times(uint32_t lease, const uint32_t *t1, const uint32_t *t2, uint32_t *out_t1,
                            uint32_t *out_t2);
/* 1 when 0 < t1 < t2 < lease (all infinite for an infinite lease). */
int ipcfg_dhcp_lease_times_ok(uint32_t lease, uint32_t t1, uint32_t t2);

#ifdef __cplusplus
}
#endif
#endif
