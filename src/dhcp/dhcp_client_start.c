/* ipcfg — DHCPv4 client state machine: its start (RFC 2131 §3.1, §3.2,
 * §4.4.5, §4.4.6): what the recorded lease, its times and whether its
 * address is on the interface make of a /renew (INIT, INIT-REBOOT,
 * RENEWING, REBINDING) or a /release, and the state queries.  The
 * transitions, timers and replies are dhcp_client.c's.
 *
 * SPDX-License-Identifier: MIT
 */
#include "dhcp_client.h"
#include "dhcp_client_int.h"

#include <string.h>

void ipcfg_dhcp_client_init(ipcfg_dhcp_client *c, const ipcfg_dhcp_config *cfg, const ipcfg_dhcp_io *io)
{
    memset(c, 0, sizeof *c);
    c->cfg = *cfg;
    c->cfg.ifname[sizeof c->cfg.ifname - 1] = '\0';
    c->cfg.hostname[sizeof c->cfg.hostname - 1] = '\0';
    c->cfg.fqdn[sizeof c->cfg.fqdn - 1] = '\0';
    c->cfg.classid[sizeof c->cfg.classid - 1] = '\0';
    if (c->cfg.hwaddr_len > IPCFG_DHCP_HWADDR_MAX)
        c->cfg.hwaddr_len = IPCFG_DHCP_HWADDR_MAX;
    c->io = *io;
    c->state = IPCFG_DHCP_S_IDLE;
    c->next_ms = INT64_MAX;
}

/* §4.4.6: RELEASE of the recorded lease, unicast from its address (the
 * identity it was obtained with: dhcp_client_msg.c). */
static void send_release(ipcfg_dhcp_client *c, const ipcfg_dhcp_now *now)
{
    c->xid = ipcfg_dhcp_client_rnd(c);
    c->started_ms = now->mono_ms;
    ipcfg_dhcp_client_send(c, now, IPCFG_DHCPRELEASE);
}

/* The record names a hardware address the link no longer has. */
static int rec_other_hwaddr(const ipcfg_dhcp_client *c)
{
    return c->rec.hwaddr_len != 0 &&
           (c->rec.hwaddr_len != c->cfg.hwaddr_len || memcmp(c->rec.hwaddr, c->cfg.hwaddr, c->rec.hwaddr_len) != 0);
}

static void start_release(ipcfg_dhcp_client *c, int bound, int expired, int addr_present, const ipcfg_dhcp_now *now)
{
    ipcfg_error e;

    if (!bound) {
        ipcfg_error e2;
        memset(&e2, 0, sizeof e2);
        ipcfg_error_set(&e2, IPCFG_E_STATE, IPCFG_R_NO_ADAPTER_PERMISSIBLE, "no DHCP lease to release");
        ipcfg_dhcp_client_finish(c, &e2);
        return;
    }
    /* §4.4.6: RELEASE is unicast from the leased address; it can only be
     * sent while that address is on the interface, and an expired lease
     * is already free on the server. */
    if (!expired && addr_present)
        send_release(c, now);
    memset(&e, 0, sizeof e);
    if (addr_present && c->io.unapply && c->io.unapply(c->io.ctx, &c->rec, &e) != 0) {
        ipcfg_dhcp_client_finish_io(c, &e, "removing the address");
        return;
    }
    c->have_lease = 0;
    memset(&e, 0, sizeof e);
    if (ipcfg_dhcp_client_save_released(c, &e) != 0) {
        ipcfg_dhcp_client_finish_io(c, &e, "saving the lease record");
        return;
    }
    ipcfg_dhcp_client_finish_ok(c);
}

void ipcfg_dhcp_client_start(ipcfg_dhcp_client *c, ipcfg_dhcp_op op, const ipcfg_dhcp_lease *recorded,
                             int addr_present, const ipcfg_dhcp_now *now, int64_t deadline_ms)
{
    int bound, expired;

    c->op = op;
    c->deadline_ms = deadline_ms;
    c->anchor_mono = now->mono_ms;
    c->anchor_wall = now->wall_s;
    c->started_ms = now->mono_ms;
    c->attempt = 0;
    c->naks = c->declines = 0;
    c->heard_since_nak = 0;
    c->last_fail = FAIL_NONE;
    c->left_out = 0;
    c->refused = NULL;
    c->refused_malformed = 0;
    c->have_lease = c->rec_bound = c->dropped = 0;
    memset(&c->result, 0, sizeof c->result);
    memset(&c->offer, 0, sizeof c->offer);
    memset(&c->rec, 0, sizeof c->rec);
    if (recorded)
        c->rec = *recorded;
    bound = recorded && recorded->state == IPCFG_DHCP_LEASE_BOUND;
    /* the caller's clocks may know better than the wall clock (a resume
     * before the wall clock was set right): a lease they say ran out is
     * never taken for valid */
    expired = bound && (now->wall_s >= ipcfg_dhcp_lease_expires(recorded) ||
                        (op == IPCFG_DHCP_OP_RENEW && c->cfg.lapsed));

    if (op == IPCFG_DHCP_OP_RELEASE) {
        start_release(c, bound, expired, addr_present, now);
        return;
    }
    /* RFC 2131 §4.4.5 and the state diagram (figure 5): the lease's own
     * times choose the state. */
    if (bound && !expired && rec_other_hwaddr(c)) {
        /* The link's hardware address was changed since: the lease is
         * the old identity's (§2: a client is known by its client
         * identifier, else chaddr).  Released as that identity while its
         * address is here to send from, taken off, and a lease obtained
         * for the address the link has now: the server keeps one lease
         * for the interface, never two. */
        if (addr_present)
            send_release(c, now);
        c->have_lease = addr_present;
        c->rec_bound = 1;
        if (ipcfg_dhcp_client_drop_lease(c) != 0)
            return;
        ipcfg_dhcp_client_transition(c, now, IPCFG_DHCP_S_INIT);
    } else if (bound && expired) {
        c->have_lease = addr_present;
        c->rec_bound = 1;
        if (ipcfg_dhcp_client_drop_lease(c) != 0)
            return;
        ipcfg_dhcp_client_transition(c, now, IPCFG_DHCP_S_INIT);
    } else if (bound && (!addr_present || c->cfg.verify)) {
        /* §3.2: a client that "has previously been allocated a network
         * address" and still has it recorded verifies it (INIT-REBOOT);
         * so does one whose link came back (it may be on another network
         * now), with the address kept until a NAK says otherwise */
        c->rec_bound = 1;
        c->have_lease = addr_present;
        ipcfg_dhcp_client_transition(c, now, IPCFG_DHCP_S_INIT_REBOOT);
    } else if (bound) {
        c->rec_bound = 1;
        c->have_lease = 1;
        ipcfg_dhcp_client_transition(c, now, now->wall_s < ipcfg_dhcp_client_wall_at(&c->rec, c->rec.t2) ? IPCFG_DHCP_S_RENEWING
                                                                      : IPCFG_DHCP_S_REBINDING);
    } else {
        ipcfg_dhcp_client_transition(c, now, IPCFG_DHCP_S_INIT);
    }
}

int64_t ipcfg_dhcp_client_next_wakeup(const ipcfg_dhcp_client *c)
{
    if (c->state == IPCFG_DHCP_S_DONE || c->state == IPCFG_DHCP_S_IDLE)
        return INT64_MAX;
    return c->next_ms < c->deadline_ms ? c->next_ms : c->deadline_ms;
}

unsigned ipcfg_dhcp_client_left_out(const ipcfg_dhcp_client *c)
{
    return c->state == IPCFG_DHCP_S_DONE && c->result.status == IPCFG_OK ? c->left_out : 0u;
}

int ipcfg_dhcp_client_done(const ipcfg_dhcp_client *c, ipcfg_error *result)
{
    if (c->state != IPCFG_DHCP_S_DONE)
        return 0;
    if (result)
        *result = c->result;
    return 1;
}
