/* ipcfg — the DHCPv6 lease record and its file.
 *
 * What ipcfg keeps of a DHCPv6 lease on one interface (one IA_NA, RFC
 * 8415 §21.4) or of a configuration-only answer (Information-request,
 * §18.2.6), and the lease file: human-readable, versioned text with a
 * strict parser over untrusted bytes.  Pure, no system calls.
 *
 *   ipcfg-lease6 1
 *   interface eth0
 *   state bound
 *   iaid 351866565
 *   client-duid 000100012a15c3111cd305f158e1
 *   server-duid 00010001c0a80001020000000001
 *   server-address fe80::1
 *   address 2001:db8::10 3600 7200
 *   t1 1800
 *   t2 2880
 *   dns 2001:db8::53
 *   domain example.com
 *   obtained 1764370000
 *   expires 1764377200
 *   end
 *
 * (docs/dhcp.md, "DHCPv6", gives every key and rule.)
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_DHCP6_LEASE_H
#define IPCFG_DHCP6_LEASE_H

#include <stddef.h>
#include <stdint.h>

#include "dhcp6_msg.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The lease file's first line: "ipcfg-lease6 1" (beside the DHCPv4
 * record's "ipcfg-lease 1", src/dhcp/dhcp_lease.h). */
#define IPCFG_DHCP6_LEASE_MAGIC "ipcfg-lease6"
#define IPCFG_DHCP6_LEASE_VERSION 1

#define IPCFG_DHCP6_IFNAME_MAX 64
/* §7.6 IRT_MINIMUM: the shortest information refresh time */
#define IPCFG_DHCP6_IRT_MINIMUM 600u

typedef enum ipcfg_dhcp6_lease_state {
    IPCFG_DHCP6_LEASE_BOUND = 1,     /* addresses (meant to be) on the interface */
    IPCFG_DHCP6_LEASE_RELEASED = 2,  /* released: the interface stays DHCPv6-enabled */
    IPCFG_DHCP6_LEASE_STATELESS = 3  /* configuration only (Information-request): DNS, domains */
} ipcfg_dhcp6_lease_state;

/* One address of the IA_NA, lifetimes in seconds after `obtained`
 * (IPCFG_DHCP6_INFINITE: infinite); preferred <= valid, valid > 0. */
typedef struct ipcfg_dhcp6_lease_addr {
    uint8_t addr[16];
    uint32_t preferred, valid;
} ipcfg_dhcp6_lease_addr;

/* A released record keeps interface, IAID and client DUID only; a
 * stateless one adds the server (when known), DNS, domains, refresh and
 * obtained; a bound one has everything but refresh. */
typedef struct ipcfg_dhcp6_lease {
    ipcfg_dhcp6_lease_state state;
    char ifname[IPCFG_DHCP6_IFNAME_MAX];
    uint32_t iaid;
    uint8_t client_duid[IPCFG_DHCP6_DUID_MAX]; /* the DUID the lease was obtained with */
    uint8_t client_duid_len;
    uint8_t server_duid[IPCFG_DHCP6_DUID_MAX]; /* the server's Server Identifier */
    uint8_t server_duid_len;                   /* 0: none (a stateless record may have none) */
    /* the address the server's Reply came from (link-local, or a relay's):
     * every message goes to ff02::1:2 (§14), this is for the record */
    uint8_t server_addr[16];
    int has_server_addr;
    ipcfg_dhcp6_lease_addr addrs[IPCFG_DHCP6_MAX_ADDRS];
    uint8_t n_addrs;
    uint32_t t1, t2;       /* seconds after obtained (§21.4), t1 <= t2 */
    uint32_t refresh;      /* stateless: information refresh time (§21.23) */
    int64_t obtained;      /* Unix seconds UTC when the Reply arrived: §21.4 and §21.6 count
                              T1, T2 and lifetimes "since reception of the message" */
    uint8_t dns[IPCFG_DHCP6_MAX_DNS][16];
    uint8_t n_dns;
    char domains[IPCFG_DHCP6_MAX_DOMAINS][IPCFG_DHCP6_DOMAIN_MAX];
    uint8_t n_domains;
} ipcfg_dhcp6_lease;

/* obtained + off seconds; INT64_MAX when off is infinite. */
int64_t ipcfg_dhcp6_lease_at(const ipcfg_dhcp6_lease *l, uint32_t off);
/* 1 when l is a bound lease with an address (what the keeper keeps and
 * the kernel holds; a configuration-only record is not). */
int ipcfg_dhcp6_lease_bound(const ipcfg_dhcp6_lease *l);
/* 1 when l is bound and a is one of its addresses. */
int ipcfg_dhcp6_lease_holds(const ipcfg_dhcp6_lease *l, const uint8_t a[16]);
/* The longest valid lifetime of l's addresses, seconds after obtained
 * (IPCFG_DHCP6_INFINITE: never ends; 0: none). */
uint32_t ipcfg_dhcp6_lease_last_valid(const ipcfg_dhcp6_lease *l);
/* When the lease ends: bound, when its last address's valid lifetime
 * runs out (§21.4: "When the valid lifetimes of all of the addresses in an
 * IA_NA have expired, the IA_NA can be considered as having expired");
 * stateless, at the refresh time; INT64_MAX for never; INT64_MIN for a
 * released record. */
int64_t ipcfg_dhcp6_lease_expires(const ipcfg_dhcp6_lease *l);

/* May the file hold this interface name?  Not empty, shorter than
 * IPCFG_DHCP6_IFNAME_MAX, no control byte, DEL, blank or '/'. */
int ipcfg_dhcp6_lease_ifname_ok(const char *ifname);

/* format writes at most cap bytes (NUL-terminated) and returns the length,
 * or 0 when cap is too small or the record breaks a rule the parser
 * checks (it never writes a file it would reject).  parse is strict: a
 * torn or corrupt file is rejected whole, never half-read; 0 ok, -1
 * rejected with a one-line reason in why (out zeroed). */
size_t ipcfg_dhcp6_lease_format(const ipcfg_dhcp6_lease *l, char *buf, size_t cap);
int ipcfg_dhcp6_lease_parse(const char *buf, size_t len, ipcfg_dhcp6_lease *out, char *why, size_t why_len);

#ifdef __cplusplus
}
#endif
#endif
