/* ipcfg — /release of an interface name that no interface has any more:
 * deleted, renamed, or moved to another network namespace while ipcfg
 * kept a lease on it.  Nothing can be sent there; what ipcfg holds under
 * the name is withdrawn so that nothing of it outlives the interface: the
 * lease keeper (stopped, as /release stops it), the DNS servers it handed
 * to the resolver (resolvconf's entry NAME.ipcfg, resolved's link), and a
 * bound lease record (recorded as released: the interface, if it comes
 * back, starts from INIT).  The DHCP server is not told; it frees the
 * lease at its expiry.  An address left on a renamed interface keeps its
 * lifetime (the kernel removes it at the lease's expiry), or goes with
 * the next /renew there (exchange/requests.c: a lease nobody records).
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "command/release_gone.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "exchange/exchange.h"
#include "exchange/lease_store.h"
#include "command/keeper_control.h"
#include "shared/lease_changed.h"
#include "shared/resolver.h"
#include "shared/statedir.h"
#include "clock.h"

/* The lease record l as released: its interface, hardware address and
 * client identifier, nothing else (what the engine records for a
 * release). */
static void as_released(const ipcfg_dhcp_lease *l, ipcfg_dhcp_lease *r)
{
    memset(r, 0, sizeof(*r));
    r->state = IPCFG_DHCP_LEASE_RELEASED;
    memcpy(r->ifname, l->ifname, sizeof(r->ifname));
    memcpy(r->hwaddr, l->hwaddr, sizeof(r->hwaddr));
    r->hwaddr_len = l->hwaddr_len;
    memcpy(r->client_id, l->client_id, sizeof(r->client_id));
    r->client_id_len = l->client_id_len;
}

/* The line of what was done, for the result. */
static void said(ipcfg_error *err, const char *name, int kept, int dns, int bound)
{
    const char *parts[3];
    size_t n = 0;
    char what[400];
    size_t at = 0;

    if (kept)
        parts[n++] = "stopped its lease keeper";
    if (dns)
        parts[n++] = "took its DNS servers back from the resolver";
    if (bound)
        parts[n++] = "recorded its lease as released (the DHCP server was not told: it frees the lease when "
                     "it expires)";
    what[0] = '\0';
    for (size_t i = 0; i < n; i++)
        at += (size_t)snprintf(what + at, sizeof(what) - at, "%s%s", i == 0 ? "" : i + 1 == n ? " and " : ", ",
                               parts[i]);
    ipcfg_error_clear(err);
    ipcfg_error_set(err, IPCFG_OK, IPCFG_R_NONE, "Adapter %s no longer exists: ipcfg %s.", name, what);
}

int ipcfg_lx_dhcp_release_gone(ipcfg_backend *b, const char *name, const ipcfg_op_opts *o, ipcfg_error *err)
{
    const char *dir = ipcfg_lx_state_dir();
    unsigned timeout_s = o != NULL && o->timeout_s != 0 ? o->timeout_s : IPCFG_LX_DHCP_TIMEOUT_DEFAULT_S;
    int64_t deadline = ipcfg_lx_clock_ms(CLOCK_MONOTONIC) + (int64_t)timeout_s * 1000;
    ipcfg_dhcp_lease rec, rel;
    ipcfg_lx_iflock lk;
    char why[512], note[IPCFG_ERRTEXT_MAX];
    int keep_fd = -1, st = 0;

    (void)b;
    if (strlen(name) >= IPCFG_DHCP_IFNAME_MAX || !ipcfg_dhcp_lease_ifname_ok(name))
        return 0; /* never a lease file, a keeper or a resolver entry */
    int bound = ipcfg_lx_lease_load(dir, name, &rec, why, sizeof(why)) == 1 &&
                rec.state == IPCFG_DHCP_LEASE_BOUND && strcmp(rec.ifname, name) == 0;
    int dns = ipcfg_lx_dns_handed(name);
    int kept = ipcfg_lx_keeper_pid(name) > 0;
    if (!bound && !dns && !kept)
        return 0;
    /* before anything changes: the released record can be written, the
     * keeper stops, no other ipcfg run works on the name */
    if (bound && ipcfg_lx_statedir_ensure(dir, err) != 0)
        return -1;
    if (ipcfg_lx_keeper_stop(name, deadline, &keep_fd, err) != 0)
        return -1;
    ipcfg_lx_iflock_init(&lk);
    int64_t left = deadline - ipcfg_lx_clock_ms(CLOCK_MONOTONIC);
    if (ipcfg_lx_iflock_acquire(&lk, name, left > 0 ? (int)left : 0) != 0) {
        ipcfg_lx_keeper_unhold(&keep_fd);
        ipcfg_error_set(err, IPCFG_E_TIMEOUT, IPCFG_R_SYSTEM,
                        "Another ipcfg run kept %s busy until the timeout; nothing was changed.", name);
        return -1;
    }
    /* the keeper took the DNS servers back as it ended (keeper/keeper.c); what
     * no keeper was there to take goes now */
    ipcfg_lx_lease_changed(name, NULL, note, sizeof(note));
    if (bound) {
        as_released(&rec, &rel);
        st = ipcfg_lx_lease_save(dir, &rel, err);
    }
    ipcfg_lx_keeper_unhold(&keep_fd);
    ipcfg_lx_iflock_release(&lk);
    if (st != 0)
        return -1;
    said(err, name, kept, dns, bound);
    return 1;
}
