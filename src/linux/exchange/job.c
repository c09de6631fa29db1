/* ipcfg — one job of an exchange, on the privileged side: its checks and
 * the caller's hook before it, its lock, its carrier, its START to the
 * engine, its end, and the hooks after it (see exchange/job.h).
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "exchange/job.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "exchange/job6.h"
#include "exchange/names.h"
#include "shared/error.h"
#include "shared/lease_changed.h"
#include "shared/lock.h"
#include "wire/engine_wire.h"

/* ---- one job ---- */

/* Its START is no longer waiting for the engine's socket. */
static void start_drop(exchange_job *j)
{
    if (j->start == NULL)
        return;
    free(j->start);
    j->start = NULL;
    j->run->starts_waiting--;
}

/* What the caller's before hook holds, let go. */
static void hold_release(exchange_job *j)
{
    if (j->hold >= 0)
        (void)close(j->hold);
    j->hold = -1;
}

/* The job of this run, other than j, on j's interface that is in the
 * state asked: holding the interface lock (shared 0), or running under
 * it (shared 1, not done).  NULL: none. */
static exchange_job *same_if(exchange_job *j, int shared)
{
    exchange_run *r = j->run;

    for (size_t i = 0; i < r->n; i++) {
        exchange_job *o = &r->jobs[i];
        if (o == j || strcmp(o->ifname, j->ifname) != 0)
            continue;
        if (shared ? o->shared && o->ph != JOB_DONE : o->lock.held)
            return o;
    }
    return NULL;
}

/* The job's locks let go: what the caller's hook holds (the keeper lock a
 * /release holds), then the interface lock, unless another job of this
 * run still runs under it: it is handed over to that one, so that no
 * other run comes in between. */
static void job_unlock(exchange_job *j)
{
    /* the keeper lock first: a /renew that waited for the interface finds
     * no stopping /release in the way of the keeper it starts */
    hold_release(j);
    if (j->shared) {
        j->shared = 0; /* the holder's, not this job's to let go */
        return;
    }
    exchange_job *o = j->lock.held ? same_if(j, 1) : NULL;
    if (o != NULL) {
        o->lock = j->lock;
        o->shared = 0;
        ipcfg_lx_iflock_init(&j->lock);
        return;
    }
    ipcfg_lx_iflock_release(&j->lock);
}

/* The job ends with the result already in j->job->err. */
void ipcfg_lx_job_end(exchange_job *j)
{
    start_drop(j);
    j->ph = JOB_DONE;
    job_unlock(j);
}

void ipcfg_lx_job_fail(exchange_job *j, const ipcfg_error *e)
{
    if (j->ph == JOB_DONE)
        return;
    j->job->err = *e;
    ipcfg_lx_job_end(j);
}

/* Every job not done yet ends with e. */
void ipcfg_lx_job_fail_all(exchange_run *r, const ipcfg_error *e)
{
    for (size_t i = 0; i < r->n; i++)
        ipcfg_lx_job_fail(&r->jobs[i], e);
}

static void engine_gone(exchange_job *j)
{
    ipcfg_error e;
    ipcfg_error_clear(&e);
    ipcfg_error_set(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "The DHCP engine process is gone.");
    ipcfg_lx_job_fail(j, &e);
}

/* The jobs' START messages go to the engine without waiting: the engine
 * takes them between its own requests, which this side must go on
 * answering meanwhile (one poll serves both), so a START that finds the
 * socket full waits for room there (POLLOUT), within the run's deadline,
 * never in a blocking send. */
static void start_send(exchange_job *j, const uint8_t *msg, size_t len)
{
    exchange_run *r = j->run;
    int rc = r->starts_waiting != 0 ? -EAGAIN : ipcfg_lx_wire_try_send(r->engine.ctl, msg, len);

    if (rc == -EAGAIN && (j->start = malloc(len)) != NULL) {
        memcpy(j->start, msg, len);
        j->start_len = len;
        r->starts_waiting++;
    } else if (rc != 0) {
        engine_gone(j);
    }
}

/* Room on the engine's socket: the waiting STARTs, in job order. */
void ipcfg_lx_job_starts_flush(exchange_run *r)
{
    for (size_t i = 0; i < r->n && r->starts_waiting != 0; i++) {
        exchange_job *j = &r->jobs[i];
        if (j->start == NULL)
            continue;
        int rc = ipcfg_lx_wire_try_send(r->engine.ctl, j->start, j->start_len);
        if (rc == -EAGAIN)
            return;
        start_drop(j);
        if (rc != 0)
            engine_gone(j);
    }
}

/* The lock is held: the record, its address, and the job to the engine. */
void ipcfg_lx_job_begin(exchange_job *j)
{
    exchange_run *r = j->run;
    ipcfg_lx_wire_start s;
    uint8_t msg[IPCFG_LX_WIRE_MAX];
    char why[512];
    size_t tl = 0;

    if (j->family == IPCFG_AF_INET6) {
        ipcfg_error e;
        ipcfg_error_clear(&e);
        size_t len = ipcfg_lx_job6_start(j, msg, sizeof(msg), &e);
        if (len == 0) {
            ipcfg_lx_job_fail(j, &e);
            return;
        }
        j->ph = JOB_RUN;
        start_send(j, msg, len);
        return;
    }
    int have = ipcfg_lx_lease_load(r->dir, j->ifname, &j->rec, why, sizeof(why));
    if (have < 0) /* corrupt or unreadable: said once in the result, then no lease */
        ipcfg_copy_str(j->note, sizeof(j->note), why);
    j->has_rec = have == 1;
    j->rec_present = j->has_rec && ipcfg_lx_addr_present(r, j->ifindex, &j->rec, j->waited);
    if (j->rec_present) {
        j->installed = j->rec;
        j->has_installed = 1;
    }
    memset(&s, 0, sizeof(s));
    s.type = IPCFG_LX_W_START;
    s.version = IPCFG_LX_WIRE_VERSION;
    s.family = IPCFG_AF_INET4;
    s.job = j->id;
    s.op = (uint32_t)r->op;
    s.ifindex = j->ifindex;
    s.deadline_ms = r->deadline;
    s.probe_ms = r->probe_ms;
    memcpy(s.hw, j->hw, 6);
    s.addr_present = (uint8_t)j->rec_present;
    s.verify = (uint8_t)(r->verify != 0);
    s.lapsed = (uint8_t)(r->lapsed != 0);
    s.paced = (uint8_t)(r->paced != 0);
    ipcfg_copy_str(s.ifname, sizeof(s.ifname), j->ifname);
    ipcfg_lx_start_names(r, j, &s); /* options 12, 81, 77 (exchange/names.c) */
    if (j->has_rec) {
        tl = ipcfg_dhcp_lease_format(&j->rec, (char *)msg + sizeof(s), sizeof(msg) - sizeof(s));
        if (tl == 0)
            j->has_rec = j->rec_present = j->has_installed = 0;
    }
    s.rec_len = (uint32_t)tl;
    memcpy(msg, &s, sizeof(s));
    j->ph = JOB_RUN;
    start_send(j, msg, sizeof(s) + tl);
}

void ipcfg_lx_job_try_lock(exchange_job *j, int64_t now)
{
    ipcfg_lx_lock_res lr;

    if (same_if(j, 0) != NULL) {
        /* the interface's other job of this run holds it: the two run side
         * by side (their leases, files and addresses are each its own
         * family's), a wait of its own let go */
        ipcfg_lx_iflock_release(&j->lock);
        j->shared = 1;
        lr = IPCFG_LX_LOCK_HELD;
    } else {
        lr = ipcfg_lx_iflock_try(&j->lock, j->ifname);
    }
    j->lock_retry_at = INT64_MAX;
    switch (lr) {
    case IPCFG_LX_LOCK_HELD:
        if (j->carrier_until != 0)
            j->ph = JOB_CARRIER; /* its link's carrier first (on_carrier) */
        else if (j->run->engine_up)
            ipcfg_lx_job_begin(j);
        return;
    case IPCFG_LX_LOCK_WAIT:
        j->waited = 1;
        return;
    case IPCFG_LX_LOCK_RETRY:
        j->waited = 1;
        j->lock_retry_at = now + IPCFG_LX_LOCK_POLL_MS;
        return;
    case IPCFG_LX_LOCK_ERROR:
    default: {
        int err_no = errno;
        ipcfg_error e;
        ipcfg_error_clear(&e);
        /* shared/lock.c's sentence: an unusable lock directory or file, or the errno */
        ipcfg_error_set(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "Cannot lock the interface against other ipcfg runs. %s",
                        j->lock.why);
        ipcfg_error_sys(&e, err_no);
        ipcfg_lx_job_fail(j, &e);
        return;
    }
    }
}

/* ---- the carrier ---- */

void ipcfg_lx_job_fail_media(exchange_job *j)
{
    ipcfg_error e;

    ipcfg_error_clear(&e);
    ipcfg_error_set(&e, IPCFG_E_STATE, IPCFG_R_MEDIA_DISCONNECTED, NULL);
    ipcfg_lx_job_fail(j, &e);
}

/* A link's state, now or as it changed, for the jobs that await its
 * carrier (holding their lock already, or still waiting for it): the
 * carrier came, the exchange begins (once the engine is up); the link went
 * down or away, no carrier is coming: disconnected. */
void ipcfg_lx_job_on_carrier(void *ctx, uint32_t ifindex, int up, int admin_up, int gone)
{
    exchange_run *r = ctx;

    for (size_t i = 0; i < r->n; i++) {
        exchange_job *j = &r->jobs[i];
        if (j->carrier_until == 0 || j->ifindex != ifindex || (j->ph != JOB_LOCK && j->ph != JOB_CARRIER))
            continue;
        if (up) {
            j->carrier_until = 0;
            if (j->ph == JOB_CARRIER) {
                j->ph = JOB_LOCK; /* its lock held: begun with the others, or now */
                if (r->engine_up)
                    ipcfg_lx_job_begin(j);
            }
        } else if (gone || !admin_up) {
            ipcfg_lx_job_fail_media(j);
        }
    }
}

/* Watches the links whose carrier a job awaits (none: nothing is opened);
 * a watch that cannot be opened fails those jobs as disconnected. */
void ipcfg_lx_job_carrier_watch(exchange_run *r)
{
    int waiting = 0;

    r->carrier.fd = -1;
    for (size_t i = 0; i < r->n; i++)
        waiting |= r->jobs[i].ph != JOB_DONE && r->jobs[i].carrier_until != 0;
    if (waiting && ipcfg_lx_carrier_open(&r->carrier, &r->nl, ipcfg_lx_job_on_carrier, r) != 0)
        for (size_t i = 0; i < r->n; i++)
            if (r->jobs[i].ph != JOB_DONE && r->jobs[i].carrier_until != 0)
                ipcfg_lx_job_fail_media(&r->jobs[i]);
}

/* The engine withdrew the job's lease (expired, refused by a NAK): the
 * lease-change hook is told now, not when the exchange ends (the
 * keeper's goes on looking for a new lease). */
void ipcfg_lx_job_withdrawn(exchange_job *j)
{
    char note[IPCFG_ERRTEXT_MAX];

    j->withdrawn = 0;
    if (j->family == IPCFG_AF_INET6)
        ipcfg_lx_lease6_changed(j->ifname, NULL, note, sizeof(note));
    else
        ipcfg_lx_lease_changed(j->ifname, NULL, note, sizeof(note));
    if (note[0] != '\0' && j->note[0] == '\0')
        ipcfg_copy_str(j->note, sizeof(j->note), note);
}

/* ---- after the exchange: the lease-change hook, the caller's ---- */

void ipcfg_lx_job_after(exchange_run *r, exchange_job *j)
{
    char line[IPCFG_ERRTEXT_MAX];
    const ipcfg_dhcp_lease *lease = j->has_installed ? &j->installed : NULL;

    if (!j->has_rec && !j->has_installed)
        return; /* never began, or nothing recorded nor installed */
    line[0] = '\0';
    if (j->family == IPCFG_AF_INET6)
        ipcfg_lx_job6_changed(j, line, sizeof(line));
    else
        ipcfg_lx_lease_changed(j->ifname, lease, line, sizeof(line));
    ipcfg_lx_note_add(j, line);
    if (r->hooks != NULL && r->hooks->after != NULL) {
        int bound = j->family == IPCFG_AF_INET6
                        ? j->has_installed && ipcfg_dhcp6_lease_bound(&j->installed6)
                        : lease != NULL;
        line[0] = '\0';
        r->hooks->after(r->hooks->ctx, r->op, j->family, j->ifname, bound, line, sizeof(line));
        ipcfg_lx_note_add(j, line);
    }
}

void ipcfg_lx_job_finish(exchange_job *j)
{
    /* A success carries the note as its text (command/backend.h: the core writes
     * it as one line, escaped like every byte it prints); a failure's own
     * line stands alone. */
    if (j->job->err.status == 0 && j->note[0] != '\0')
        ipcfg_copy_str(j->job->err.text, sizeof(j->job->err.text), j->note);
    hold_release(j);
}

int ipcfg_lx_job_setup(exchange_run *r, exchange_job *j, ipcfg_dhcp_job *job, size_t id)
{
    const ipcfg_adapter *ad = job->ad;
    ipcfg_error e;

    j->run = r;
    j->job = job;
    j->id = (uint32_t)id;
    j->hold = -1;
    j->lock_retry_at = INT64_MAX;
    ipcfg_lx_iflock_init(&j->lock);
    ipcfg_copy_str(j->ifname, sizeof(j->ifname), ad->name);
    j->ifindex = ad->ifindex;
    ipcfg_error_clear(&e);
    j->family = job->family == IPCFG_AF_INET6 ? IPCFG_AF_INET6 : IPCFG_AF_INET4;
    if (ad->hwaddr_len != 6 || strlen(ad->name) >= IPCFG_DHCP_IFNAME_MAX) {
        ipcfg_error_set(&e, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP,
                        "DHCP needs an Ethernet-type interface with a 6-byte hardware address; %s has none.", ad->name);
        ipcfg_lx_job_fail(j, &e);
        return -1;
    }
    if (!ipcfg_dhcp_lease_ifname_ok(ad->name)) {
        /* the kernel allows control bytes in a name; the lease file
         * cannot hold them: refused before anything is sent or changed */
        ipcfg_error_set(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM,
                        "The name holds a control byte, a blank or '/', which ipcfg's lease file cannot "
                        "record; ipcfg does not run DHCP on it and nothing was changed.");
        ipcfg_lx_job_fail(j, &e);
        return -1;
    }
    memcpy(j->hw, ad->hwaddr, 6);
    if (r->hooks != NULL && r->hooks->before != NULL &&
        r->hooks->before(r->hooks->ctx, r->op, j->ifname, r->deadline, &j->hold, &e) != 0) {
        ipcfg_lx_job_fail(j, &e);
        return -1;
    }
    j->ph = JOB_LOCK;
    /* a link set up a moment ago: its carrier may be on its way (a veth
     * pair's in a moment, a NIC's after autonegotiation); a renew waits
     * for it, at most IPCFG_LX_CARRIER_WAIT_MS and never past the deadline */
    if (r->op == IPCFG_DHCP_OP_RENEW && !ad->media_connected && ad->media_pending) {
        int64_t until = ipcfg_lx_clock_ms(CLOCK_MONOTONIC) + IPCFG_LX_CARRIER_WAIT_MS;
        j->carrier_until = until < r->deadline ? until : r->deadline;
    }
    return 0;
}
