/* ipcfg — the leases of other DHCP clients (systemd-networkd,
 * NetworkManager, ISC dhclient, dhcpcd), read-only, and who runs each
 * interface.
 *
 * The parsers are pure functions over a buffer (every length and field
 * checked; a malformed file or block yields nothing); peers/peer_view.c does the
 * file reads (one directory scan per peer directory per listing) and puts
 * the facts on the adapters.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_PEERS_PEER_LEASE_H
#define IPCFG_LINUX_PEERS_PEER_LEASE_H

#include <stddef.h>
#include <stdint.h>

#include "ipcfg/model.h"
#include "netlink/nlparse.h"

/* IFA_PROTO of the addresses ipcfg's own DHCP engine adds: the engine's
 * IPCFG_LX_ADDR_PROTO (src/linux/exchange/apply.h, which peers/peer_view.c includes
 * first); this fallback, the same value, serves the parsers' fuzz builds. */
#ifndef IPCFG_LX_ADDR_PROTO
#define IPCFG_LX_ADDR_PROTO 0x69
#endif

/* The client names shown (adapter.lease_client, JSON lease.client). */
#define IPCFG_PEER_NETWORKD "systemd-networkd"
#define IPCFG_PEER_NM "NetworkManager"
#define IPCFG_PEER_DHCLIENT "dhclient"
#define IPCFG_PEER_DHCPCD "dhcpcd"
#define IPCFG_PEER_UNKNOWN "unknown"
#define IPCFG_PEER_IPCFG "ipcfg"

/* Where the clients keep their leases; each is prefixed with
 * IPCFG_PEER_ROOT (environment, default ""). */
#define IPCFG_PEER_DIR_NETWORKD "/run/systemd/netif/leases"
#define IPCFG_PEER_DIR_NM "/var/lib/NetworkManager"
#define IPCFG_PEER_DIR_DHCLIENT "/var/lib/dhcp"
#define IPCFG_PEER_DIR_DHCPCD "/var/lib/dhcpcd"
/* pid files: dhcpcd's per-interface IFNAME-4.pid / IFNAME.pid, dhclient's
 * dhclient.IFNAME.pid / dhclient-IFNAME.pid (ifupdown), NetworkManager's
 * dhclient-IFNAME.pid.  The process is checked in /proc (not prefixed). */
#define IPCFG_PEER_RUN_DHCPCD "/run/dhcpcd"
#define IPCFG_PEER_RUN "/run"
#define IPCFG_PEER_RUN_NM "/run/NetworkManager"

#define IPCFG_PEER_FILE_MAX (1024 * 1024) /* larger lease files are not read */
#define IPCFG_PEER_DNS_MAX 8
#define IPCFG_PEER_IFNAME_MAX 64

/* One lease as a client's file records it.  Only what the file says is
 * set; the has_* flags tell which. */
typedef struct ipcfg_lx_peer_lease {
    const char *client;              /* IPCFG_PEER_* */
    char ifname[IPCFG_PEER_IFNAME_MAX]; /* "" = by ifindex (networkd) */
    uint32_t ifindex;                /* networkd: the file name; else 0 */
    int has_addr;
    uint8_t addr[4];
    int has_server;
    uint8_t server[4];
    int has_obtained, has_expires;
    int64_t obtained, expires;       /* Unix seconds */
    int infinite;                    /* the lease never expires */
    uint8_t dns[IPCFG_PEER_DNS_MAX][4];
    size_t n_dns;
    char domain[IPCFG_NAME_MAX];     /* "" = none */
    int running; /* not a lease: the client's pid file names a live process for ifname */
} ipcfg_lx_peer_lease;

/* systemd-networkd (and NetworkManager's internal client): KEY=VALUE lines.
 * ADDRESS is required.  LIFETIME (seconds, or a systemd time span such as
 * "1h 30min", or "infinity") with the file's mtime gives the times.
 * 0 ok, -1 unusable. */
int ipcfg_lx_peer_parse_networkd(const char *text, size_t len, int64_t mtime, ipcfg_lx_peer_lease *out);

/* ISC dhclient lease database: `lease { ... }` blocks.  on_lease is called
 * for every complete, valid block (fixed-address present, every statement
 * well formed), in file order; a block without an `interface` statement
 * gets default_ifname (may be NULL or "": such a block is skipped).
 * Returns the number of valid blocks, -1 when the file is not a lease
 * database at all (nothing is reported then). */
typedef void (*ipcfg_lx_peer_cb)(void *ctx, const ipcfg_lx_peer_lease *l);
int ipcfg_lx_peer_parse_dhclient(const char *text, size_t len, const char *default_ifname, ipcfg_lx_peer_cb on_lease,
                                 void *ctx);

/* dhcpcd: the raw BOOTP/DHCP message the server sent (RFC 2131).  The
 * address is yiaddr (ciaddr for an INFORM answer), the times come from
 * option 51 and the file's mtime.  0 ok, -1 malformed. */
int ipcfg_lx_peer_parse_dhcpcd(const uint8_t *buf, size_t len, int64_t mtime, ipcfg_lx_peer_lease *out);

/* Helpers shared by the parsers (pure). */
/* A dotted quad s[0..len): four decimal parts 0..255, no leading zeros
 * beyond "0". 0 ok, -1 bad. */
int ipcfg_lx_peer_ip4(const char *s, size_t len, uint8_t out[4]);
/* A domain name s[0..len) as shown: letters, digits, '-', '_', '.', at most
 * 253 characters, not empty.  Copied to out (IPCFG_NAME_MAX) on 0. */
int ipcfg_lx_peer_domain(const char *s, size_t len, char *out);

/* ---- the listing ---- */

/* The IPv4 addresses seen in the listing's address dump, with what the
 * adapter model does not keep: IFA_PROTO and the valid lifetime. */
typedef struct ipcfg_lx_peer_addr {
    uint32_t ifindex;
    uint8_t addr[4];
    int finite;    /* a valid lifetime that is not forever */
    int ipcfg_own; /* IFA_PROTO == IPCFG_LX_ADDR_PROTO */
} ipcfg_lx_peer_addr;

typedef struct ipcfg_lx_peer_addrs {
    ipcfg_lx_peer_addr *v;
    size_t n, cap;
} ipcfg_lx_peer_addrs;

/* Records one address of the dump (IPv4 only). 0 ok, -1 out of memory. */
int ipcfg_lx_peer_note_addr(ipcfg_lx_peer_addrs *pa, const ipcfg_nl_addr *na);
void ipcfg_lx_peer_addrs_free(ipcfg_lx_peer_addrs *pa);

/* The directory prefixed to every peer path: IPCFG_PEER_ROOT, or "". */
const char *ipcfg_lx_peer_root(void);

/* The backend's client_command (peers/peer_command.c): the command that does what
 * /release (release = 1) or /renew asked with the client named in
 * a->lease_client, into buf ("" when there is none). */
void ipcfg_lx_client_command(const ipcfg_adapter *a, int release, char *buf, size_t len);

/* Decides who runs each adapter of l and shows that client's lease:
 * reads the peer directories under root once, then for each adapter
 * (ifindex order, as the listing keeps it) applies the rules of
 * docs/linux.md, "Other DHCP clients".  now: the current time.  Always
 * succeeds (unreadable files count as absent); -1 only when out of memory.
 * Sorts pa by ifindex. */
int ipcfg_lx_peer_view_fill(ipcfg_adapter_list *l, ipcfg_lx_peer_addrs *pa, const char *root, int64_t now);

/* A pid file's content: a decimal pid > 1 and an optional newline.
 * 0 ok, -1 bad (pure). */
int ipcfg_lx_peer_parse_pid(const char *text, size_t len, long *pid);

/* The same decision for one adapter, from leases already read (pure: the
 * unit tests drive it).  pa must be sorted by ifindex (view_fill sorts it);
 * leases[0..n) are every lease read, of any interface.  A lease's DNS
 * suffix goes into strs' arena.  0 ok, -1 out of memory. */
int ipcfg_lx_peer_decide(ipcfg_adapter_list *strs, ipcfg_adapter *a, const ipcfg_lx_peer_addrs *pa,
                         const ipcfg_lx_peer_lease *leases, size_t n, int64_t now);

/* For the lease keeper: the other client that runs interface ifname
 * (ifindex) now, by the listing's rules (ipcfg_lx_peer_decide) but for
 * rule 3, ipcfg's own lease file: an interface with an address of
 * ipcfg's mark is never another client's, so the keeper and the listing
 * agree on who runs it.  pa: the IPv4 addresses of the interface (an
 * address dump; others are ignored).  One of the IPCFG_PEER_* names but
 * IPCFG_PEER_IPCFG, or NULL for none.  Reads the peer directories under
 * ipcfg_lx_peer_root(). */
const char *ipcfg_lx_peer_other_client(const char *ifname, uint32_t ifindex, const ipcfg_lx_peer_addrs *pa,
                                       int64_t now);

#endif
