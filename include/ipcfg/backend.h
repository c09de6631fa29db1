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
} ipcfg_op_opts;

/* What /delete names: an address, or (Windows) an NTE context. */
typedef struct ipcfg_delete_target {
    int by_context;
    uint32_t context;
    ipcfg_ip addr;
} ipcfg_delete_target;

/* One adapter of a release/renew: the core fills ad (from its listing) and
 * family, the backend fills err. */
typedef struct ipcfg_dhcp_job {
    const ipcfg_adapter *ad;
    ipcfg_family family; /* IPCFG_AF_INET4: release, renew; IPCFG_AF_INET6: release6, renew6 */
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
};

/* Provided by exactly one platform backend (src/linux or src/win). */
int ipcfg_platform_backend(ipcfg_backend *out, ipcfg_error *err);

#ifdef __cplusplus
}
#endif
#endif
