/* ipcfg — the DHCPv6 client's start: what the recorded lease, its times
 * and whether it is applied make of each operation (RFC 8415 §18.2.3-
 * §18.2.7).  The transitions, timers and answers are dhcp6_client.c's and
 * dhcp6_client_rx.c's.
 *
 * SPDX-License-Identifier: MIT
 */
#include "dhcp6_client.h"
#include "dhcp6_client_int.h"
#include "dhcp6_duid.h"

#include <string.h>

void ipcfg_dhcp6_client_init(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_config *cfg, const ipcfg_dhcp6_io *io)
{
    memset(c, 0, sizeof(*c));
    c->cfg = *cfg;
    c->cfg.ifname[sizeof(c->cfg.ifname) - 1] = '\0';
    if (c->cfg.duid_len > IPCFG_DHCP6_DUID_MAX)
        c->cfg.duid_len = IPCFG_DHCP6_DUID_MAX;
    c->io = *io;
    c->state = IPCFG_DHCP6_S_IDLE;
    c->next_ms = INT64_MAX;
    c->sol_max_rt_ms = IPCFG_DHCP6_SOL_MAX_RT;
    c->inf_max_rt_ms = IPCFG_DHCP6_INF_MAX_RT;
}

/* A fresh operation; -1 (finished) when the client has no DUID to send:
 * every message carries it (§16). */
static int reset(ipcfg_dhcp6_client *c, ipcfg_dhcp6_op op, const ipcfg_dhcp6_lease *recorded,
                 const ipcfg_dhcp6_now *now, int64_t deadline_ms)
{
    c->op = op;
    c->deadline_ms = deadline_ms;
    c->anchor_mono = now->mono_ms;
    c->anchor_wall = now->wall_s;
    c->tx = 0;
    c->have_lease = c->rec_bound = c->dropped = 0;
    c->have_cand = c->noaddrs = c->from_noaddrs = 0;
    c->restarts = 0;
    c->n_declined = 0;
    c->refusal[0] = c->note[0] = '\0';
    c->outcome = IPCFG_DHCP6_OUT_NONE;
    memset(&c->result, 0, sizeof(c->result));
    memset(&c->cand, 0, sizeof(c->cand));
    memset(&c->rec, 0, sizeof(c->rec));
    if (recorded)
        c->rec = *recorded;
    if (!ipcfg_dhcp6_duid_valid(c->cfg.duid, c->cfg.duid_len)) {
        ipcfg_error e;
        memset(&e, 0, sizeof(e));
        ipcfg_error_set(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "no valid DHCPv6 client DUID");
        ipcfg_dhcp6_client_finish(c, &e, IPCFG_DHCP6_OUT_NONE);
        return -1;
    }
    return 0;
}

/* §18.2.7.  A bound lease: its addresses off the interface first ("The
 * client MUST stop using all of the leases being released before the
 * client begins the Release message exchange process"), then Release to
 * its server until a Reply or REL_MAX_RC transmissions.  An expired one
 * sends nothing (the server has freed it); a stateless record has no
 * binding to release: its configuration is withdrawn.  Nothing recorded,
 * or released: status 2. */
static void start_release(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_now *now, int applied)
{
    ipcfg_error e;
    int bound = c->rec.state == IPCFG_DHCP6_LEASE_BOUND;

    if (!bound && c->rec.state != IPCFG_DHCP6_LEASE_STATELESS) {
        memset(&e, 0, sizeof(e));
        ipcfg_error_set(&e, IPCFG_E_STATE, IPCFG_R_NO_ADAPTER_PERMISSIBLE, "no DHCPv6 lease to release");
        ipcfg_dhcp6_client_finish(c, &e, IPCFG_DHCP6_OUT_NONE);
        return;
    }
    memset(&e, 0, sizeof(e));
    if (applied && c->io.unapply && c->io.unapply(c->io.ctx, &c->rec, &e) != 0) {
        ipcfg_dhcp6_client_finish_io(c, &e, "removing the address");
        return;
    }
    if (bound && now->wall_s < ipcfg_dhcp6_lease_expires(&c->rec)) {
        ipcfg_dhcp6_client_transition(c, now, IPCFG_DHCP6_S_RELEASE);
        return;
    }
    ipcfg_dhcp6_client_finish_released(c);
}

void ipcfg_dhcp6_client_start(ipcfg_dhcp6_client *c, ipcfg_dhcp6_op op, const ipcfg_dhcp6_lease *recorded,
                              int applied, const ipcfg_dhcp6_now *now, int64_t deadline_ms)
{
    if (reset(c, op, recorded, now, deadline_ms) != 0)
        return;
    int bound = c->rec.state == IPCFG_DHCP6_LEASE_BOUND;
    int expired = bound && now->wall_s >= ipcfg_dhcp6_lease_expires(&c->rec);

    if (op == IPCFG_DHCP6_OP_RELEASE) {
        start_release(c, now, applied);
        return;
    }
    if (bound && expired) {
        /* §18.2.5: all valid lifetimes over, "the client uses the Solicit
         * message to locate a new DHCP server" */
        c->have_lease = applied;
        c->rec_bound = 1;
        if (ipcfg_dhcp6_client_drop(c) == 0)
            ipcfg_dhcp6_client_transition(c, now, IPCFG_DHCP6_S_SOLICIT);
        return;
    }
    if (bound) {
        c->rec_bound = 1;
        c->have_lease = applied;
        if (op == IPCFG_DHCP6_OP_CONFIRM) {
            ipcfg_dhcp6_client_transition(c, now, IPCFG_DHCP6_S_CONFIRM);
            return;
        }
        /* §18.2.4 before T2 (Renew to the lease's server: /renew6 asks now,
         * not at T1), §18.2.5 from T2 (Rebind to any server).  A lease whose
         * addresses are no longer on the interface is renewed the same way:
         * the Reply gives them back with fresh lifetimes. */
        ipcfg_dhcp6_client_transition(c, now, now->wall_s < ipcfg_dhcp6_lease_at(&c->rec, c->rec.t2)
                                                  ? IPCFG_DHCP6_S_RENEW
                                                  : IPCFG_DHCP6_S_REBIND);
        return;
    }
    /* a stateless record's configuration, when applied, is what a new
     * lease replaces */
    c->have_lease = c->rec.state == IPCFG_DHCP6_LEASE_STATELESS && applied;
    ipcfg_dhcp6_client_transition(c, now, op == IPCFG_DHCP6_OP_INFORM ? IPCFG_DHCP6_S_INFORM : IPCFG_DHCP6_S_SOLICIT);
}

void ipcfg_dhcp6_client_start_decline(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_lease *recorded,
                                      const uint8_t *failed, unsigned n_failed, const ipcfg_dhcp6_now *now,
                                      int64_t deadline_ms)
{
    if (reset(c, IPCFG_DHCP6_OP_RENEW, recorded, now, deadline_ms) != 0)
        return;
    if (recorded == NULL || recorded->state != IPCFG_DHCP6_LEASE_BOUND || n_failed == 0) {
        ipcfg_error e;
        memset(&e, 0, sizeof(e));
        ipcfg_error_set(&e, IPCFG_E_STATE, IPCFG_R_NO_ADAPTER_PERMISSIBLE, "no DHCPv6 address to decline");
        ipcfg_dhcp6_client_finish(c, &e, IPCFG_DHCP6_OUT_NONE);
        return;
    }
    c->cand = c->rec;
    c->have_lease = 1;
    c->rec_bound = 1;
    ipcfg_dhcp6_client_decline(c, now, failed, n_failed);
}
