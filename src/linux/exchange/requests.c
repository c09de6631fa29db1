/* ipcfg — the privileged part's answers to the DHCP engine's requests
 * (see exchange/exchange_state.h and wire/engine_wire.h).
 *
 * The engine is not trusted: every lease it sends is read with the lease
 * file's strict parser, must name the job's interface, and is checked
 * against what this side knows the job has done.  A lease is recorded
 * only as it was installed; only what this job installed or what the
 * lease file recorded is removed; a success is believed only when this
 * side saw it happen.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "exchange/exchange_state.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "exchange/apply.h"
#include "exchange/mtu.h"
#include "exchange/sockets.h"
#include "wire/engine_wire.h"
#include "shared/error.h"

/* The lease in a request: parsed strictly, for this job's interface. */
static int lease_of(exchange_job *j, const char *text, size_t len, ipcfg_dhcp_lease *l)
{
    char why[200];

    if (ipcfg_dhcp_lease_parse(text, len, l, why, sizeof(why)) != 0)
        return -1;
    return strcmp(l->ifname, j->ifname) == 0 ? 0 : -1;
}

static int same_addr(const ipcfg_dhcp_lease *a, const ipcfg_dhcp_lease *b)
{
    return memcmp(a->address, b->address, 4) == 0 && a->prefix_len == b->prefix_len;
}

/* Two bound leases are the same record when their texts are. */
static int same_lease(const ipcfg_dhcp_lease *a, const ipcfg_dhcp_lease *b)
{
    char ta[IPCFG_LX_WIRE_TEXT_MAX + 1], tb[IPCFG_LX_WIRE_TEXT_MAX + 1];
    size_t la = ipcfg_dhcp_lease_format(a, ta, sizeof(ta)), lb = ipcfg_dhcp_lease_format(b, tb, sizeof(tb));

    return la != 0 && la == lb && memcmp(ta, tb, la) == 0;
}

/* Without anything installed by this job (no record, released, lost), an
 * IPv4 address on the interface that ipcfg marked as its own (IFA_PROTO)
 * is a lease nobody records any more: taken off before the new lease goes
 * on, so that it neither stays beside the new address nor, once it
 * expires, takes the new address and its routes with it. */
static int drop_stale(exchange_job *j, const ipcfg_dhcp_lease *lease, ipcfg_error *err)
{
    exchange_run *r = j->run;

    if (!r->addrs.have)
        ipcfg_lx_addr4s_dump(&r->addrs, &r->nl);
    for (size_t i = 0; i < r->addrs.n; i++) {
        const ipcfg_lx_addr4 *a = &r->addrs.v[i];
        ipcfg_dhcp_lease stale;
        if (a->ifindex != j->ifindex || a->proto != IPCFG_LX_ADDR_PROTO ||
            (memcmp(a->a, lease->address, 4) == 0 && a->plen == lease->prefix_len))
            continue;
        memset(&stale, 0, sizeof(stale));
        stale.state = IPCFG_DHCP_LEASE_BOUND;
        ipcfg_copy_str(stale.ifname, sizeof(stale.ifname), j->ifname);
        memcpy(stale.address, a->a, 4);
        stale.prefix_len = a->plen;
        int st = ipcfg_lx_dhcp_unapply(&r->nl, j->ifindex, &stale, err);
        if (st != 0)
            return st;
    }
    return 0;
}

static int serve_open(exchange_run *r, exchange_job *j, uint32_t kind)
{
    ipcfg_error e;
    int fd;

    if (j->opens >= IPCFG_LX_OPENS_MAX)
        return ipcfg_lx_refuse(r, "open more sockets than an exchange needs");
    j->opens++;
    switch (kind) {
    case IPCFG_LX_SOCK_PACKET:
        fd = ipcfg_lx_dhcp_packet_socket((int)j->ifindex);
        break;
    case IPCFG_LX_SOCK_UDP:
        fd = ipcfg_lx_dhcp_udp_socket(j->ifname);
        break;
    default:
        fd = ipcfg_lx_arp_socket((int)j->ifindex);
        break;
    }
    if (fd < 0) {
        ipcfg_error_clear(&e);
        (void)ipcfg_lx_fail_errno(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM, -fd, "Cannot open a DHCP socket", NULL);
        return ipcfg_lx_reply(r, e.status, 0, &e, -1);
    }
    /* The engine's copy is the last reference once this one is closed,
     * so this close never waits for a packet socket's release. */
    int rc = ipcfg_lx_reply(r, 0, 0, NULL, fd);
    (void)close(fd);
    return rc;
}

/* Records l (bound or released): 0 or the status, with *e. */
static int save_lease(exchange_run *r, exchange_job *j, const ipcfg_dhcp_lease *l, ipcfg_error *e)
{
    int st = ipcfg_lx_lease_save(r->dir, l, e);
    if (st == 0) {
        j->saved_bound = l->state == IPCFG_DHCP_LEASE_BOUND;
        j->saved_released = l->state == IPCFG_DHCP_LEASE_RELEASED;
    }
    j->mid_commit = 0;
    return st;
}

/* The lease's MTU with it (l NULL: the lease ended, the link's own back). */
static void lease_mtu(exchange_run *r, exchange_job *j, const ipcfg_dhcp_lease *l)
{
    char note[IPCFG_ERRTEXT_MAX];

    if (l != NULL)
        ipcfg_lx_mtu_apply(r->dir, j->ifname, j->ifindex, l, note, sizeof(note));
    else
        ipcfg_lx_mtu_restore(r->dir, j->ifname, j->ifindex, note, sizeof(note));
    if (note[0] != '\0')
        ipcfg_lx_note_add(j, note);
}

static int serve_apply(exchange_run *r, exchange_job *j, const ipcfg_dhcp_lease *l, uint32_t how)
{
    ipcfg_error e;
    const ipcfg_dhcp_lease *old = (how & IPCFG_LX_APPLY_REPLACES) && j->has_installed ? &j->installed : NULL;
    int st = 0;

    if (l->state != IPCFG_DHCP_LEASE_BOUND)
        return ipcfg_lx_refuse(r, "install a lease that is not bound");
    ipcfg_error_clear(&e);
    if (old == NULL)
        st = drop_stale(j, l, &e);
    if (st == 0)
        st = ipcfg_lx_dhcp_apply(&r->nl, j->ifindex, l, old, ipcfg_lx_wall_s(), &e);
    if (st == 0)
        lease_mtu(r, j, l);
    /* Whole or in part, the kernel may hold it now: it is what an undo
     * or a removal names next. */
    j->installed = *l;
    j->has_installed = 1;
    j->saved_bound = 0;
    j->mid_commit = st == 0;
    /* and recorded at once when asked: one round trip for the commit */
    if (st == 0 && (how & IPCFG_LX_APPLY_SAVE)) {
        st = save_lease(r, j, l, &e);
        return ipcfg_lx_reply(r, st, st != 0, &e, -1);
    }
    return ipcfg_lx_reply(r, st, 0, &e, -1);
}

static int serve_unapply(exchange_run *r, exchange_job *j, const ipcfg_dhcp_lease *l)
{
    ipcfg_error e;

    if (l->state != IPCFG_DHCP_LEASE_BOUND ||
        !((j->has_installed && same_addr(l, &j->installed)) ||
          (j->has_rec && j->rec.state == IPCFG_DHCP_LEASE_BOUND && same_addr(l, &j->rec))))
        return ipcfg_lx_refuse(r, "remove an address this job did not install");
    ipcfg_error_clear(&e);
    int st = ipcfg_lx_dhcp_unapply(&r->nl, j->ifindex, l, &e);
    if (st == 0 && j->has_installed && same_addr(l, &j->installed)) {
        j->has_installed = 0;
        j->saved_bound = 0;
    }
    j->mid_commit = 0;
    int rc = ipcfg_lx_reply(r, st, 0, &e, -1);
    /* the lease is gone (expired, refused by a NAK): the loop tells the
     * lease-change hook now rather than when the exchange ends (the
     * keeper's goes on looking for a new lease); the link's own MTU is
     * back at once */
    if (st == 0 && !j->has_installed) {
        lease_mtu(r, j, NULL);
        j->withdrawn = 1;
    }
    return rc;
}

static int serve_save(exchange_run *r, exchange_job *j, const ipcfg_dhcp_lease *l)
{
    ipcfg_error e;

    if (l->state == IPCFG_DHCP_LEASE_BOUND && !(j->has_installed && same_lease(l, &j->installed)))
        return ipcfg_lx_refuse(r, "record a lease it did not install");
    ipcfg_error_clear(&e);
    int st = save_lease(r, j, l, &e);
    return ipcfg_lx_reply(r, st, 0, &e, -1);
}

/* A job's outcome as the engine reports it, believed as far as this side
 * saw it: a renew succeeded when a bound lease was installed and recorded,
 * a release when a released record was written. */
static void serve_done(exchange_job *j, ipcfg_error *res, uint32_t left_out)
{
    if (res->status == IPCFG_OK &&
        !(j->run->op == IPCFG_DHCP_OP_RENEW ? (j->saved_bound && j->has_installed) : j->saved_released))
        ipcfg_error_set(res, IPCFG_E_FAILED, IPCFG_R_SYSTEM,
                        "The DHCP engine reported a success that did not happen; nothing more was done.");
    /* what the server sent that the lease left out: one line of this
     * side's own words (the engine names it, it writes no text here) */
    if (res->status == IPCFG_OK && left_out != 0) {
        char line[IPCFG_ERRTEXT_MAX];
        if (ipcfg_dhcp_left_out_text(left_out, line, sizeof(line)) > 0)
            ipcfg_lx_note_add(j, line);
    }
    j->job->err = *res;
}

int ipcfg_lx_serve(exchange_run *r, exchange_job **done)
{
    uint8_t buf[IPCFG_LX_WIRE_MAX];
    ipcfg_lx_wire_req req;
    ipcfg_dhcp_lease l;
    const char *text, *why = NULL;
    long n = ipcfg_lx_wire_recv(r->engine.rpc, buf, sizeof(buf), NULL);

    if (n == -EAGAIN)
        return 0;
    if (n <= 0)
        return -1; /* gone */
    if (ipcfg_lx_wire_req_decode(buf, (size_t)n, &req, &text, &why) != 0) {
        snprintf(r->engine_error, sizeof(r->engine_error), "The DHCP engine sent a request %s; it was stopped.", why);
        return -1;
    }
    if (req.type == IPCFG_LX_W_ABORT) {
        snprintf(r->engine_error, sizeof(r->engine_error), "%s", req.err.text);
        return -1;
    }
    if (req.job >= r->n || r->jobs[req.job].ph != JOB_RUN) {
        snprintf(r->engine_error, sizeof(r->engine_error), "The DHCP engine sent a request for a job it does not run; "
                                                     "it was stopped.");
        return -1;
    }
    exchange_job *j = &r->jobs[req.job];
    if (j->family == IPCFG_AF_INET6)
        return ipcfg_lx_serve6(r, j, &req, text, done);
    switch (req.type) {
    case IPCFG_LX_W_OPEN:
        return serve_open(r, j, req.arg);
    case IPCFG_LX_W_DONE:
        serve_done(j, &req.err, req.arg);
        *done = j;
        return ipcfg_lx_reply(r, 0, 0, NULL, -1);
    default:
        break;
    }
    if (lease_of(j, text, req.text_len, &l) != 0)
        return ipcfg_lx_refuse(r, "act on a lease that is malformed or of another interface");
    if (req.type == IPCFG_LX_W_APPLY)
        return serve_apply(r, j, &l, req.arg);
    if (req.type == IPCFG_LX_W_UNAPPLY)
        return serve_unapply(r, j, &l);
    return serve_save(r, j, &l);
}

int ipcfg_lx_addr_present(exchange_run *r, uint32_t ifindex, const ipcfg_dhcp_lease *l, int fresh)
{
    if (l->state != IPCFG_DHCP_LEASE_BOUND)
        return 0;
    if (fresh || !r->addrs.have)
        ipcfg_lx_addr4s_dump(&r->addrs, &r->nl);
    return ipcfg_lx_addr4s_has(&r->addrs, ifindex, l->address, l->prefix_len);
}
