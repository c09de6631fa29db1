/* ipcfg — the neutral platform backend interface.
 *
 * A backend fills the model and carries out operations; it never prints and
 * knows no output format.  The core decides which adapters an operation
 * applies to; release and renew get all of them in one call.
 *
 * Every operation returns an ipcfg_status (0 = success) and, on failure,
 * fills *err: status, the reason (which contract line applies), the
 * platform's error code and its one-line text.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_BACKEND_H
#define IPCFG_BACKEND_H

#include "ipcfg/model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ipcfg_op_opts {
    unsigned timeout_s; /* 0 = the platform's default */
    /* /hostname (renew and register_dns only; docs/verbs/renew.md): which
     * name the DHCP client sends in DHCPv4 option 12 (host name, RFC 2132
     * §3.14: the name up to its first dot) and option 81 (client FQDN, RFC
     * 4702: the whole name, a partial name for the server to complete when
     * it has no dot, §3.1).  hostname_set 0: no /hostname was given, each
     * adapter keeps the choice kept with its lease state (the host's own
     * name, as it is when a message is sent, unless an earlier /hostname
     * chose otherwise).  hostname_set 1: hostname is the new choice, a name
     * that passed ipcfg_ldh_name_valid, or "" to send neither option; the
     * backend keeps it with each adapter's lease state, so that the lease
     * keeper's renewals, rebinds and new leases, and later /renew and
     * /registerdns runs without /hostname, send the same, until a /hostname
     * changes it or /release ends the lease (the next lease starts again
     * with the host's own name).  Only where the backend says sends_hostname. */
    int hostname_set;
    const char *hostname;
} ipcfg_op_opts;

/* What /delete names: an address, or (Windows) an NTE context. */
typedef struct ipcfg_delete_target {
    int by_context;
    uint32_t context;
    ipcfg_ip addr;
} ipcfg_delete_target;

/* One lease of an adapter to release or renew: the core fills ad (from its
 * listing) and family, the backend fills err.  /registerdns may give an
 * adapter two jobs in a row, its DHCPv4 one then its DHCPv6 one. */
typedef struct ipcfg_dhcp_job {
    const ipcfg_adapter *ad;
    ipcfg_family family; /* IPCFG_AF_INET4: release, renew; IPCFG_AF_INET6: release6, renew6;
                            register_dns: either */
    ipcfg_error err; /* status 0 = success; a success may carry a note in
                        err.text (one line, printed on stderr by the core,
                        escaped like all output; the exit code stays 0) */
} ipcfg_dhcp_job;

/* What /flushdns flushed: the names of the resolver caches, in the order
 * they were flushed ("systemd-resolved"). */
#define IPCFG_DNS_CACHES_MAX 4
typedef struct ipcfg_dns_flush {
    const char *caches[IPCFG_DNS_CACHES_MAX]; /* static strings */
    size_t n;
} ipcfg_dns_flush;

/* The DHCP client's own verbs and options, which a platform may leave
 * undone (its operation NULL, or sends_hostname 0): what not_supported
 * explains. */
typedef enum ipcfg_client_op {
    IPCFG_CLIENT_REGISTER_DNS = 1, /* /registerdns */
    IPCFG_CLIENT_SHOW_CLASSID,     /* /showclassid */
    IPCFG_CLIENT_SET_CLASSID,      /* /setclassid */
    IPCFG_CLIENT_HOSTNAME          /* /hostname:NAME with /renew or /registerdns */
} ipcfg_client_op;

typedef struct ipcfg_backend ipcfg_backend;

struct ipcfg_backend {
    const char *title;     /* "Windows IP Configuration" / "Linux IP Configuration" */
    const char *platform;  /* "windows" / "linux" (JSON) */
    void *ctx;             /* backend private state */

    /* May this process change the network configuration?  0 yes, else
     * the status (IPCFG_E_ACCESS with the elevation line) and *err.  The
     * core asks it first for /add, /delete, /release and /renew, before
     * any argument is resolved or any adapter selected (docs/contract.md: the
     * answer does not depend on what the arguments name).  dhcp: the
     * change is a release or renew (which also sends packets).  Changes
     * nothing.  NULL = the platform answers per operation (Windows: the
     * IP Helper API's answer). */
    int (*check_change)(ipcfg_backend *b, int dhcp, ipcfg_error *err);

    /* Every adapter, loopback included (the core drops it from listings).
     * host may be NULL when the host block is not wanted. */
    int (*list)(ipcfg_backend *b, ipcfg_host *host, ipcfg_adapter_list *out, ipcfg_error *err);

    /* The IPv4 address table, loopback included. */
    int (*addrtable)(ipcfg_backend *b, ipcfg_addrtable *out, ipcfg_error *err);

    /* Add addr/prefix to adapter; *context receives the NTE context where
     * the platform has one (*has_context = 1). */
    int (*add_address)(ipcfg_backend *b, const ipcfg_adapter *ad, const ipcfg_ip *addr,
                       unsigned prefix_len, uint32_t *context, int *has_context, ipcfg_error *err);

    /* Remove an address added by add_address. */
    int (*delete_address)(ipcfg_backend *b, const ipcfg_delete_target *t, ipcfg_error *err);

    /* DHCPv4 release/renew of the selected adapters.  The backend acts on
     * all n jobs concurrently, within one deadline for the whole call
     * (o->timeout_s seconds, 0 = the platform's default; docs/contract.md: the
     * timeout bounds the whole command, not each adapter), and fills every
     * job's err (status 0 = success).  NULL = not supported on this
     * platform (the core answers exit code 6). */
    void (*release)(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o);
    void (*renew)(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o);
    /* The same for DHCPv6 (RFC 8415: Release; Renew, Rebind or Solicit),
     * jobs of family IPCFG_AF_INET6 (/release6, /renew6).  NULL = no
     * DHCPv6 client on this platform: the core answers exit code 6 with
     * its reason, as it must on Windows (the IP Helper API has no such
     * call) and does on Linux until its DHCPv6 client is wired in
     * (docs/development.md, "Adding DHCPv6"). */
    void (*release6)(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o);
    void (*renew6)(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o);
    /* /release of a name (no wildcard) that no adapter has: what the
     * platform still holds under it (Linux: the DNS servers it handed to
     * the resolver, the lease keeper, the lease record of an interface
     * deleted, renamed or moved to another network namespace) is
     * withdrawn.  0: nothing is held under that name (the core answers as
     * for any name that matches nothing); 1: withdrawn, err->text one
     * line saying what was done (status 0); -1: failed, *err filled.
     * NULL: nothing is ever held under a gone name (Windows). */
    int (*release_gone)(ipcfg_backend *b, const char *name, const ipcfg_op_opts *o, ipcfg_error *err);
    /* 1: /renew of a named adapter that has DHCP off asks for a new lease
     * (Linux: that is how DHCP is started on an interface, docs/contract.md);
     * 0: it is "not enabled for Dhcp" (Windows). */
    int renew_obtains;
    /* The command that does what /release (release = 1) or /renew asked,
     * with the DHCP client that runs adapter a (a->lease_client names
     * it), into buf ("" when there is none).  NULL: no other clients. */
    void (*client_command)(const ipcfg_adapter *a, int release, char *buf, size_t len);
    /* 1: adapter names are case-sensitive bytes (Linux interface names);
     * 0: names compare case-insensitively (Windows friendly names).  An
     * adapter argument equal to a name in this sense selects exactly the
     * adapters of that name, before any wildcard matching (docs/wildcards.md). */
    int names_case_sensitive;

    /* /flushdns: flushes every resolver cache of this host that the
     * platform can reach, after its own privilege check (before anything
     * is asked; IPCFG_E_ACCESS), and names them in *out.  IPCFG_E_NOTSUP
     * with the reason where no cache runs or the platform cannot flush
     * one (Windows: the DNS client's call is outside iphlpapi and ws2_32).
     * A cache flushed before another one failed stays in *out. */
    int (*flush_dns)(ipcfg_backend *b, ipcfg_dns_flush *out, ipcfg_error *err);
    /* /displaydns: no platform lists its resolver cache through what ipcfg
     * may use; the answer is IPCFG_E_NOTSUP with the platform's reason
     * in *err. */
    int (*display_dns)(ipcfg_backend *b, ipcfg_error *err);

    void (*destroy)(ipcfg_backend *b);

    /* ---- the DHCP client's own verbs (docs/verbs/registerdns.md,
     * showclassid.md, setclassid.md) ---- */

    /* /registerdns: renews the DHCP leases of the selected adapters (the
     * core selects as for /renew without an adapter: every adapter with
     * DHCP enabled, and every adapter whose listing shows a bound DHCPv6
     * lease (lease6), those another DHCP client runs and disconnected ones
     * left out with a note), one job a lease: an adapter's DHCPv4 job
     * (DHCP enabled), then its DHCPv6 job (a bound lease6), both under the
     * one deadline.  A DHCPv4 job sends the adapter's name again so that its
     * DHCP server registers the adapter's DNS records afresh (option 81
     * with the flags that ask the server to update the A and PTR records,
     * RFC 4702 §2.1): the name is o->hostname where hostname_set, else the
     * choice kept with the adapter's lease state, else the host's own name
     * as it is now (a renamed host registers its new name); an adapter
     * whose kept choice is "no name" is renewed without one.  A DHCPv6
     * job is renew6's (a Renew of the bound lease; o->hostname is for the
     * DHCPv4 jobs only: where the platform sends no Client FQDN option, RFC
     * 4704, the server registers from its own binding).  The core makes
     * one result of an adapter's jobs (its first failure, else a success).
     * The rest is renew's contract: all n jobs at once under one deadline,
     * every job's err filled, the same statuses and reasons.
     * Needs the privilege of renew (the core asks check_change(b, 1, ...)
     * first).  NULL: not carried out here (the core answers 6, with
     * not_supported's reason). */
    void (*register_dns)(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o);

    /* /showclassid: the DHCP user class (DHCPv4 option 77, RFC 3004) that
     * ipcfg's DHCP client sends for adapter ad, into out (cap at least
     * IPCFG_CLASSID_MAX + 1 bytes): "" when none is set.  The class is
     * kept per adapter in the platform's own store (Linux: the state
     * directory, readable without privilege), set by set_classid; what is
     * read back that fails ipcfg_classid_check is a failure (IPCFG_E_FAILED,
     * naming where it is kept), never shown or sent.  Needs no privilege
     * and changes nothing.  0, or the status with *err.  NULL: not carried
     * out here (6). */
    int (*show_classid)(ipcfg_backend *b, const ipcfg_adapter *ad, char *out, size_t cap, ipcfg_error *err);

    /* /setclassid: keeps classid (it passed ipcfg_classid_check; "" clears
     * the class) as adapter ad's user class, atomically: the old class or
     * the new one, never a mix.  From then on the DHCP client sends it, as
     * one RFC 3004 user class instance in DHCPv4 option 77 (two option 77
     * occurrences, concatenated per RFC 3396, when a 255-byte class makes
     * the option longer than 255 bytes), in every DISCOVER and REQUEST of
     * that adapter: /renew's, /registerdns's and the lease keeper's, which
     * reads it at each exchange.  Nothing is sent now: the class takes
     * effect at the adapter's next exchange (docs/verbs/setclassid.md).  A
     * class outlives /release; it is kept by adapter name.  The core asks
     * check_change(b, 0, ...) first; a store that cannot be written is the
     * status with *err (IPCFG_E_ACCESS for a permission).  NULL: not
     * carried out here (6). */
    int (*set_classid)(ipcfg_backend *b, const ipcfg_adapter *ad, const char *classid, ipcfg_error *err);

    /* 1: renew and register_dns carry out o->hostname (Linux); 0: a
     * /hostname with /renew or /registerdns is answered 6 before anything
     * is asked or changed (Windows: IpRenewAddress sends the computer's own
     * name and no call of the IP Helper API chooses another). */
    int sends_hostname;

    /* Why this platform leaves op undone: one line into *err, status
     * IPCFG_E_NOTSUP, reason IPCFG_R_NOTSUP (Windows: the DHCP Client
     * service's calls are in dhcpcsvc.dll, outside iphlpapi and ws2_32).
     * Asked before anything is listed or changed.  NULL, or *err left
     * clear: the core's own line ("... is not supported on this platform
     * yet."). */
    void (*not_supported)(ipcfg_backend *b, ipcfg_client_op op, ipcfg_error *err);
};

/* Provided by exactly one platform backend (src/linux or src/win). */
int ipcfg_platform_backend(ipcfg_backend *out, ipcfg_error *err);

#ifdef __cplusplus
}
#endif
#endif
