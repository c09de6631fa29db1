/* ipcfg — the Linux platform backend on rtnetlink: its lifetime and its
 * operations.  Which file holds what (docs/development.md):
 *   command/list.c        listing (link, address and route dumps)
 *   command/addrtable.c   the IPv4 address table
 *   command/address.c     /add and /delete (shared/secondaries.c: the guard)
 *   shared/error.c       errno and netlink answers -> status, reason, text
 *   command/host.c, command/sysfs.c, shared/caps.c, shared/statedir.c      what is read from files
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "command/backend.h"
#include "shared/caps.h"
#include "command/release_gone.h"
#include "command/dnscache.h"
#include "exchange/names.h"
#include "peers/peer_lease.h"
#include "shared/error.h"

/* ---- privilege: the kernel's answer (shared/caps.c) ---- */

static int lx_check_change(ipcfg_backend *b, int dhcp, ipcfg_error *err)
{
    ipcfg_lx_ctx *x = b->ctx;
    int rc = ipcfg_lx_check_change(&x->nl, dhcp, err);

    /* The engine process starts now, so that its start and confinement
     * overlap the listing the core does next (exchange/engine_spawn.c).  Not started
     * here (an error): the exchange tries once more and reports it. */
    if (rc == 0 && dhcp && x->engine.pid == 0)
        (void)ipcfg_lx_engine_start(&x->engine);
    return rc;
}

/* ---- lifetime ---- */

static void lx_destroy(ipcfg_backend *b)
{
    ipcfg_lx_ctx *x = b->ctx;

    if (x != NULL) {
        ipcfg_lx_engine_leave(&x->engine);
        ipcfg_nlsock_close(&x->nl);
        free(x);
    }
    b->ctx = NULL;
}

int ipcfg_platform_backend(ipcfg_backend *out, ipcfg_error *err)
{
    ipcfg_lx_ctx *x;
    int e;

    memset(out, 0, sizeof(*out));
    x = calloc(1, sizeof(*x));
    if (x == NULL)
        return ipcfg_lx_fail_oom(err);
    x->engine.ctl = x->engine.rpc = -1;
    e = ipcfg_nlsock_open(&x->nl);
    if (e != 0) {
        free(x);
        return ipcfg_lx_fail_errno(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, -e, "Cannot open the rtnetlink socket", NULL);
    }
    out->title = "Linux IP Configuration";
    out->platform = "linux";
    out->ctx = x;
    out->check_change = lx_check_change;
    out->list = ipcfg_lx_list;
    out->addrtable = ipcfg_lx_addrtable;
    out->add_address = ipcfg_lx_add_address;
    out->delete_address = ipcfg_lx_delete_address;
    out->release = ipcfg_lx_dhcp_release; /* ipcfg's DHCPv4 client (command/dhcp_ops.c) */
    out->renew = ipcfg_lx_dhcp_renew;
    out->release6 = ipcfg_lx_dhcp_release6; /* the engine's DHCPv6 client (src/dhcp6) */
    out->renew6 = ipcfg_lx_dhcp_renew6;
    out->release_gone = ipcfg_lx_dhcp_release_gone; /* a name deleted, renamed or moved away (release_gone.c) */
    out->client_command = ipcfg_lx_client_command; /* peers/peer_command.c */
    /* /registerdns is a renew of every lease, the DHCPv4 and DHCPv6 jobs
     * of an interface side by side in one exchange under its one lock
     * (exchange/job.c): each REQUEST carries the name again in options 12
     * and 81 (exchange/names.c), from which the server registers it (RFC
     * 4702, flag S); the DHCPv6 client sends no name (no option 39, RFC
     * 4704): its Renew lets the server register from its own binding */
    out->register_dns = ipcfg_lx_dhcp_renew;
    out->show_classid = ipcfg_lx_show_classid; /* exchange/names.c */
    out->set_classid = ipcfg_lx_set_classid;
    out->sends_hostname = 1;
    out->renew_obtains = 1; /* /renew of a named interface without a lease starts DHCP there */
    out->names_case_sensitive = 1; /* interface names are bytes: "abc" and "ABC" are two interfaces */
    out->flush_dns = ipcfg_lx_flush_dns; /* command/dnscache.c */
    out->display_dns = ipcfg_lx_display_dns;
    out->destroy = lx_destroy;
    return 0;
}
