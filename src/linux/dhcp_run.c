/* ipcfg — /release and /renew on Linux: the privileged part of the
 * exchange (see dhcp_run.h and docs/linux.md, "Process layout").
 *
 * For n selected interfaces: a lock per interface, the recorded lease,
 * whether its address is on the interface, then one engine process (the
 * unprivileged side, dhcp_engine.c) that runs every job and asks this side
 * for sockets and for every change (dhcp_serve.c).  One poll() here over
 * the engine's requests and the lock waits until every job is done or the
 * one deadline passes.  Nothing sleeps: every wait is a poll() with the
 * nearest timer as its timeout.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "dhcp_run.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "backend.h"
#include "dhcp_names.h"
#include "dhcp_priv.h"
#include "dhcp_wire.h"
#include "error.h"
#include "keeper_ctl.h"
#include "lock.h"
#include "resolver.h"
#include "statedir.h"

#define ENGINE_GRACE_MS 900 /* past the deadline, an engine that has not finished every job is stopped */

static int64_t mono_ms(void)
{
    struct timespec m;
    clock_gettime(CLOCK_MONOTONIC, &m);
    return (int64_t)m.tv_sec * 1000 + m.tv_nsec / 1000000;
}

unsigned ipcfg_lx_probe_wait_ms(void)
{
    /* secure_getenv: a set-uid copy keeps the default */
    const char *v = secure_getenv("IPCFG_DHCP_PROBE_MS");
    char *end;
    unsigned long ms;

    if (v == NULL || *v < '0' || *v > '9')
        return IPCFG_LX_PROBE_WAIT_MS;
    errno = 0;
    ms = strtoul(v, &end, 10);
    if (errno != 0 || *end != '\0' || ms > 10000)
        return IPCFG_LX_PROBE_WAIT_MS;
    return (unsigned)ms;
}

/* ---- one job ---- */

/* Its START is no longer waiting for the engine's socket. */
static void start_drop(pjob *j)
{
    if (j->start == NULL)
        return;
    free(j->start);
    j->start = NULL;
    j->run->starts_waiting--;
}

static void job_fail(pjob *j, const ipcfg_error *e)
{
    if (j->ph == PP_DONE)
        return;
    start_drop(j);
    j->job->err = *e;
    j->ph = PP_DONE;
    ipcfg_lx_job_unlock(j);
}

void ipcfg_lx_job_unlock(pjob *j)
{
    /* the keeper lock first: a /renew that waited for the interface finds
     * no stopping /release in the way of the keeper it starts */
    ipcfg_lx_keeper_unhold(&j->keep_fd);
    ipcfg_lx_iflock_release(&j->lock);
}

static void engine_gone(pjob *j)
{
    ipcfg_error e;
    ipcfg_error_clear(&e);
    ipcfg_error_set(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "The DHCP engine process is gone.");
    job_fail(j, &e);
}

/* The jobs' START messages go to the engine without waiting: the engine
 * takes them between its own requests, which this side must go on
 * answering meanwhile (one poll serves both), so a START that finds the
 * socket full waits for room there (POLLOUT), within the run's deadline,
 * never in a blocking send. */
static void start_send(pjob *j, const uint8_t *msg, size_t len)
{
    prun *r = j->run;
    int rc = r->starts_waiting != 0 ? -EAGAIN : ipcfg_lx_wire_try_send(r->eng.ctl, msg, len);

    if (rc == -EAGAIN && (j->start = malloc(len)) != NULL) {
        memcpy(j->start, msg, len);
        j->start_len = len;
        r->starts_waiting++;
    } else if (rc != 0) {
        engine_gone(j);
    }
}

/* Room on the engine's socket: the waiting STARTs, in job order. */
static void starts_flush(prun *r)
{
    for (size_t i = 0; i < r->n && r->starts_waiting != 0; i++) {
        pjob *j = &r->jobs[i];
        if (j->start == NULL)
            continue;
        int rc = ipcfg_lx_wire_try_send(r->eng.ctl, j->start, j->start_len);
        if (rc == -EAGAIN)
            return;
        start_drop(j);
        if (rc != 0)
            engine_gone(j);
    }
}

/* The lock is held: the record, its address, and the job to the engine. */
static void job_begin(pjob *j)
{
    prun *r = j->run;
    ipcfg_lx_wire_start s;
    uint8_t msg[IPCFG_LX_WIRE_MAX];
    char why[512];
    size_t tl = 0;

    int have = ipcfg_lx_lease_load(r->dir, j->ifname, &j->rec, why, sizeof(why));
    if (have < 0) /* corrupt or unreadable: said once in the result, then no lease */
        ipcfg_copy_str(j->note, sizeof(j->note), why);
    j->has_rec = have == 1;
    j->rec_present = j->has_rec && ipcfg_lx_addr_present(r, j->ifindex, &j->rec, j->waited);
    if (j->rec_present) {
        j->kern = j->rec;
        j->has_kern = 1;
    }
    memset(&s, 0, sizeof(s));
    s.type = IPCFG_LX_W_START;
    s.job = j->id;
    s.op = (uint32_t)r->op;
    s.ifindex = j->ifindex;
    s.deadline_ms = r->deadline;
    s.probe_ms = r->probe_ms;
    memcpy(s.hw, j->hw, 6);
    s.addr_present = (uint8_t)j->rec_present;
    s.verify = (uint8_t)(r->verify != 0);
    s.paced = (uint8_t)(r->paced != 0);
    ipcfg_copy_str(s.ifname, sizeof(s.ifname), j->ifname);
    ipcfg_lx_start_names(r, j, &s); /* options 12, 81, 77 (dhcp_names.c) */
    if (j->has_rec) {
        tl = ipcfg_dhcp_lease_format(&j->rec, (char *)msg + sizeof(s), sizeof(msg) - sizeof(s));
        if (tl == 0)
            j->has_rec = j->rec_present = j->has_kern = 0;
    }
    s.rec_len = (uint32_t)tl;
    memcpy(msg, &s, sizeof(s));
    j->ph = PP_RUN;
    start_send(j, msg, sizeof(s) + tl);
}

static void job_try_lock(pjob *j, int64_t now)
{
    ipcfg_lx_lock_res lr = ipcfg_lx_iflock_try(&j->lock, j->ifname);

    j->lock_retry_at = INT64_MAX;
    switch (lr) {
    case IPCFG_LX_LOCK_HELD:
        if (j->carrier_until != 0)
            j->ph = PP_CARRIER; /* its link's carrier first (on_carrier) */
        else if (j->run->eng_up)
            job_begin(j);
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
        /* lock.c's sentence: an unusable lock directory or file, or the errno */
        ipcfg_error_set(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "Cannot lock the interface against other ipcfg runs. %s",
                        j->lock.why);
        ipcfg_error_sys(&e, err_no);
        job_fail(j, &e);
        return;
    }
    }
}

/* ---- the carrier ---- */

static void fail_media(pjob *j)
{
    ipcfg_error e;

    ipcfg_error_clear(&e);
    ipcfg_error_set(&e, IPCFG_E_STATE, IPCFG_R_MEDIA_DISCONNECTED, NULL);
    job_fail(j, &e);
}

/* A link's state, now or as it changed, for the jobs that await its
 * carrier (holding their lock already, or still waiting for it): the
 * carrier came, the exchange begins (once the engine is up); the link went
 * down or away, no carrier is coming: disconnected. */
static void on_carrier(void *ctx, uint32_t ifindex, int up, int admin_up, int gone)
{
    prun *r = ctx;

    for (size_t i = 0; i < r->n; i++) {
        pjob *j = &r->jobs[i];
        if (j->carrier_until == 0 || j->ifindex != ifindex || (j->ph != PP_LOCK && j->ph != PP_CARRIER))
            continue;
        if (up) {
            j->carrier_until = 0;
            if (j->ph == PP_CARRIER) {
                j->ph = PP_LOCK; /* its lock held: begun with the others, or now */
                if (r->eng_up)
                    job_begin(j);
            }
        } else if (gone || !admin_up) {
            fail_media(j);
        }
    }
}

/* Watches the links whose carrier a job awaits (none: nothing is opened);
 * a watch that cannot be opened fails those jobs as disconnected. */
static void carrier_start(prun *r)
{
    int waiting = 0;

    r->carrier.fd = -1;
    for (size_t i = 0; i < r->n; i++)
        waiting |= r->jobs[i].ph != PP_DONE && r->jobs[i].carrier_until != 0;
    if (waiting && ipcfg_lx_carrier_open(&r->carrier, &r->nl, on_carrier, r) != 0)
        for (size_t i = 0; i < r->n; i++)
            if (r->jobs[i].ph != PP_DONE && r->jobs[i].carrier_until != 0)
                fail_media(&r->jobs[i]);
}

/* ---- the engine ---- */

static int engine_start(prun *r, ipcfg_lx_engine *given, ipcfg_error *e)
{
    int rc = 0;

    if (given != NULL && given->pid > 0 && given->ctl >= 0 && given->rpc >= 0) {
        r->eng = *given;
        given->ctl = given->rpc = -1; /* the exchange's to close */
        r->eng_given = given;
    } else {
        rc = ipcfg_lx_engine_start(&r->eng);
    }
    if (rc != 0)
        return ipcfg_lx_fail_errno(e, IPCFG_E_FAILED, IPCFG_R_SYSTEM, -rc, "Cannot start the DHCP engine process",
                                   NULL);
    r->eng_up = 1;
    return 0;
}

/* The engine is gone (or was stopped): every job it had not finished
 * fails with the reason. */
static void engine_lost(prun *r, int killed)
{
    ipcfg_error e;
    int st = 0;

    if (!r->eng_up)
        return;
    r->eng_up = 0;
    (void)close(r->eng.ctl);
    (void)close(r->eng.rpc);
    if (r->eng_given != NULL)
        r->eng_given->pid = 0; /* reaped here, for its status */
    st = ipcfg_lx_engine_reap(r->eng.pid, killed);
    ipcfg_error_clear(&e);
    if (r->eng_error[0] != '\0') {
        ipcfg_error_set(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "%s", r->eng_error);
    } else if (!killed && WIFSIGNALED(st)) {
        ipcfg_error_set(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM,
                        "The DHCP engine process ended unexpectedly (killed by signal %d%s); nothing more was done.",
                        WTERMSIG(st), WTERMSIG(st) == SIGSYS ? ", SIGSYS: a system call its filter forbids" : "");
    } else {
        ipcfg_error_set(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM,
                        "The DHCP engine process ended unexpectedly; nothing more was done.");
    }
    for (size_t i = 0; i < r->n; i++)
        job_fail(&r->jobs[i], &e);
}

/* ---- the loop ---- */

static int any_mid_commit(const prun *r)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->jobs[i].ph == PP_RUN && r->jobs[i].mid_commit)
            return 1;
    return 0;
}

/* Returns 1 when interrupted. */
static int run_all(prun *r, int interrupt_fd, int (*on_interrupt)(void *), void *ctx)
{
    struct pollfd *pfd = calloc(r->n + 4, sizeof(*pfd));
    size_t *who = calloc(r->n + 3, sizeof(*who));
    int interrupted = 0;

    if (pfd == NULL || who == NULL) {
        ipcfg_error e;
        ipcfg_error_clear(&e);
        ipcfg_error_set(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "Out of memory.");
        for (size_t i = 0; i < r->n; i++)
            job_fail(&r->jobs[i], &e);
        goto out;
    }
    for (;;) {
        int64_t now = mono_ms(), next = INT64_MAX;
        nfds_t np = 0;
        int active = 0, ms;

        for (size_t i = 0; i < r->n; i++) {
            pjob *j = &r->jobs[i];
            if (j->ph == PP_LOCK && now >= r->deadline) {
                ipcfg_error e;
                ipcfg_error_clear(&e);
                ipcfg_error_set(&e, IPCFG_E_TIMEOUT, IPCFG_R_SYSTEM,
                                "Another ipcfg run kept %s busy until the timeout; nothing was changed.", j->ifname);
                job_fail(j, &e);
            } else if (j->ph == PP_LOCK && now >= j->lock_retry_at) {
                job_try_lock(j, now);
            } else if (j->ph == PP_CARRIER && now >= j->carrier_until) {
                fail_media(j); /* as it was before the wait: disconnected */
            }
            if (j->ph == PP_DONE)
                continue;
            active = 1;
            if (j->ph == PP_CARRIER && j->carrier_until < next)
                next = j->carrier_until;
            if (j->ph == PP_LOCK) {
                if (r->deadline < next)
                    next = r->deadline;
                if (j->lock_retry_at < next)
                    next = j->lock_retry_at;
                if (j->lock.waitfd >= 0) {
                    pfd[np].fd = j->lock.waitfd;
                    pfd[np].events = POLLIN;
                    who[np++] = i;
                }
            }
        }
        if (!active)
            break;
        if (interrupted && !any_mid_commit(r)) {
            engine_lost(r, 1);
            ipcfg_error e;
            ipcfg_error_clear(&e);
            ipcfg_error_set(&e, IPCFG_E_FAILED, IPCFG_R_NONE, "interrupted");
            for (size_t i = 0; i < r->n; i++)
                job_fail(&r->jobs[i], &e);
            break;
        }
        if (now >= r->deadline + ENGINE_GRACE_MS) {
            snprintf(r->eng_error, sizeof(r->eng_error), "The DHCP engine process did not finish by the timeout.");
            engine_lost(r, 1);
            continue;
        }
        if (r->deadline + ENGINE_GRACE_MS < next)
            next = r->deadline + ENGINE_GRACE_MS;
        size_t eng_slot = np, int_slot = np + 1, car_slot = np + 2, start_slot = np + 3;
        pfd[np].fd = r->eng_up ? r->eng.rpc : -1;
        pfd[np++].events = POLLIN;
        pfd[np].fd = interrupted ? -1 : interrupt_fd;
        pfd[np++].events = POLLIN;
        pfd[np].fd = r->carrier.fd;
        pfd[np++].events = POLLIN;
        pfd[np].fd = r->eng_up && r->starts_waiting != 0 ? r->eng.ctl : -1;
        pfd[np++].events = POLLOUT;
        ms = next <= now ? 0 : next - now > INT_MAX ? INT_MAX : (int)(next - now);
        if (poll(pfd, np, ms) < 0 && errno != EINTR) {
            ipcfg_error e;
            ipcfg_error_clear(&e);
            (void)ipcfg_lx_fail_errno(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM, errno, "poll", NULL);
            engine_lost(r, 1);
            for (size_t i = 0; i < r->n; i++)
                job_fail(&r->jobs[i], &e);
            break;
        }
        if (pfd[int_slot].fd >= 0 && pfd[int_slot].revents != 0 &&
            (on_interrupt == NULL || on_interrupt(ctx) != 0))
            interrupted = 1;
        if (pfd[eng_slot].fd >= 0 && pfd[eng_slot].revents != 0 && ipcfg_lx_serve(r) != 0)
            engine_lost(r, r->eng_error[0] != '\0');
        if (pfd[car_slot].fd >= 0 && pfd[car_slot].revents != 0)
            ipcfg_lx_carrier_read(&r->carrier, &r->nl, on_carrier, r);
        if (pfd[start_slot].fd >= 0 && pfd[start_slot].revents != 0 && r->eng_up)
            starts_flush(r);
        for (nfds_t k = 0; k < eng_slot; k++)
            if (pfd[k].revents != 0 && r->jobs[who[k]].ph == PP_LOCK)
                job_try_lock(&r->jobs[who[k]], mono_ms());
    }
out:
    free(pfd);
    free(who);
    return interrupted;
}

/* ---- after the exchange: the resolver, the keeper ---- */

void ipcfg_lx_note_add(pjob *j, const char *line)
{
    size_t have = strlen(j->note);

    if (line[0] == '\0')
        return;
    if (have == 0)
        ipcfg_copy_str(j->note, sizeof(j->note), line);
    else if (have + 1 < sizeof(j->note))
        snprintf(j->note + have, sizeof(j->note) - have, " %s", line);
}

static void after_job(prun *r, pjob *j, int from_keeper)
{
    char line[IPCFG_ERRTEXT_MAX];

    if (!j->has_rec && !j->has_kern)
        return; /* never began, or nothing recorded nor installed */
    line[0] = '\0';
    ipcfg_lx_dns_update(j->ifname, j->has_kern ? &j->kern : NULL, line, sizeof(line));
    ipcfg_lx_note_add(j, line);
    if (!from_keeper && r->op == IPCFG_DHCP_OP_RENEW && j->has_kern) {
        line[0] = '\0';
        ipcfg_lx_keeper_ensure(j->ifname, line, sizeof(line));
        ipcfg_lx_note_add(j, line);
    }
}

static void finish_job(pjob *j)
{
    /* A success carries the note as its text (backend.h: the core writes
     * it as one line, escaped like every byte it prints); a failure's own
     * line stands alone. */
    if (j->job->err.status == 0 && j->note[0] != '\0')
        ipcfg_copy_str(j->job->err.text, sizeof(j->job->err.text), j->note);
    ipcfg_lx_keeper_unhold(&j->keep_fd);
}

/* ---- the exchange ---- */

/* Checks the job's interface; 0 when it can run DHCP. */
static int job_setup(prun *r, pjob *j, ipcfg_dhcp_job *job, size_t id, const ipcfg_lx_xopts *o)
{
    const ipcfg_adapter *ad = job->ad;
    ipcfg_error e;

    j->run = r;
    j->job = job;
    j->id = (uint32_t)id;
    j->keep_fd = -1;
    j->lock_retry_at = INT64_MAX;
    ipcfg_lx_iflock_init(&j->lock);
    ipcfg_copy_str(j->ifname, sizeof(j->ifname), ad->name);
    j->ifindex = ad->ifindex;
    ipcfg_error_clear(&e);
    if (ad->hwaddr_len != 6 || strlen(ad->name) >= IPCFG_DHCP_IFNAME_MAX) {
        ipcfg_error_set(&e, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP,
                        "DHCP needs an Ethernet-type interface with a 6-byte hardware address; %s has none.", ad->name);
        job_fail(j, &e);
        return -1;
    }
    if (!ipcfg_dhcp_lease_ifname_ok(ad->name)) {
        /* the kernel allows control bytes in a name; the lease file
         * cannot hold them: refused before anything is sent or changed */
        ipcfg_error_set(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM,
                        "The name holds a control byte, a blank or '/', which ipcfg's lease file cannot "
                        "record; ipcfg does not run DHCP on it and nothing was changed.");
        job_fail(j, &e);
        return -1;
    }
    memcpy(j->hw, ad->hwaddr, 6);
    /* /release stops the interface's keeper first and keeps any other
     * from starting until the lease is released */
    if (r->op == IPCFG_DHCP_OP_RELEASE && !o->from_keeper &&
        ipcfg_lx_keeper_stop(j->ifname, r->deadline, &j->keep_fd, &e) != 0) {
        job_fail(j, &e);
        return -1;
    }
    /* /renew leaves a lease kept, never silently not: a keeper that
     * could not start is said before anything is sent or changed */
    if (r->op == IPCFG_DHCP_OP_RENEW && !o->from_keeper && ipcfg_lx_keeper_usable(j->ifname, &e) != 0) {
        job_fail(j, &e);
        return -1;
    }
    j->ph = PP_LOCK;
    /* a link set up a moment ago: its carrier may be on its way (a veth
     * pair's in a moment, a NIC's after autonegotiation); a renew waits
     * for it, at most IPCFG_LX_CARRIER_WAIT_MS and never past the deadline */
    if (r->op == IPCFG_DHCP_OP_RENEW && !ad->media_connected && ad->media_pending) {
        int64_t until = mono_ms() + IPCFG_LX_CARRIER_WAIT_MS;
        j->carrier_until = until < r->deadline ? until : r->deadline;
    }
    return 0;
}

int ipcfg_lx_dhcp_exchange(ipcfg_dhcp_op op, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_lx_xopts *o)
{
    unsigned timeout_s = o->timeout_s != 0 ? o->timeout_s : IPCFG_LX_DHCP_TIMEOUT_DEFAULT_S;
    ipcfg_error e;
    prun *r = NULL;
    int interrupted = 0, st;

    ipcfg_error_clear(&e);
    for (size_t i = 0; i < n; i++)
        ipcfg_error_clear(&jobs[i].err);
    if (n == 0)
        return 0;
    if (n > IPCFG_LX_WIRE_JOBS_MAX) {
        ipcfg_error_set(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "Too many interfaces for one run (at most %u).",
                        (unsigned)IPCFG_LX_WIRE_JOBS_MAX);
        goto fail_all;
    }
    r = calloc(1, sizeof(*r));
    if (r == NULL || (r->jobs = calloc(n, sizeof(*r->jobs))) == NULL) {
        ipcfg_error_set(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "Out of memory.");
        goto fail_all;
    }
    r->n = n;
    r->op = op;
    r->verify = o->verify;
    r->paced = o->from_keeper; /* RFC 2131 §4.4.5's retransmissions for a kept lease */
    r->dir = ipcfg_lx_state_dir();
    r->deadline = mono_ms() + (int64_t)timeout_s * 1000;
    r->probe_ms = ipcfg_lx_probe_wait_ms();
    if (gethostname(r->hostname, sizeof(r->hostname)) != 0)
        r->hostname[0] = '\0';
    r->hostname[sizeof(r->hostname) - 1] = '\0';
    r->hostname_set = o->hostname_set;
    r->hostname_given = o->hostname;
    /* the record must be writable before anything is sent or changed:
     * a /renew's new lease, a /release's released record */
    if ((st = ipcfg_lx_statedir_ensure(r->dir, &e)) != 0)
        goto fail_all;
    st = ipcfg_nlsock_open(&r->nl);
    if (st != 0) {
        (void)ipcfg_lx_fail_errno(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM, -st, "Cannot open the rtnetlink socket", NULL);
        goto fail_all;
    }
    r->nl_open = 1;

    /* the locks first (the first attempt creates the lock directory, in
     * which the engine's empty root directory lives), then the engine,
     * then the jobs whose lock is held */
    int64_t now = mono_ms();
    for (size_t i = 0; i < n; i++)
        if (job_setup(r, &r->jobs[i], &jobs[i], i, o) == 0)
            job_try_lock(&r->jobs[i], now);
    carrier_start(r);
    int need = 0;
    for (size_t i = 0; i < n; i++)
        need |= r->jobs[i].ph != PP_DONE;
    if (need && engine_start(r, o->engine, &e) != 0) {
        for (size_t i = 0; i < n; i++)
            job_fail(&r->jobs[i], &e);
    }
    for (size_t i = 0; i < n && r->eng_up; i++)
        if (r->jobs[i].ph == PP_LOCK && r->jobs[i].lock.held)
            job_begin(&r->jobs[i]);
    interrupted = run_all(r, o->interrupt_fd, o->on_interrupt, o->ctx);
    /* The engine ends when its ctl socket does (it closed each job's
     * sockets when it reported the job); reaped after the resolver and
     * the keeper had their turn, so that its exit overlaps them (the
     * command's own engine by its owner, after the output). */
    pid_t engine = r->eng_up && r->eng_given == NULL ? r->eng.pid : 0;
    if (r->eng_up) {
        (void)close(r->eng.ctl);
        (void)close(r->eng.rpc);
    }
    for (size_t i = 0; i < n; i++) {
        after_job(r, &r->jobs[i], o->from_keeper);
        finish_job(&r->jobs[i]);
    }
    if (engine > 0)
        (void)ipcfg_lx_engine_reap(engine, 0);
    ipcfg_lx_carrier_close(&r->carrier);
    ipcfg_nlsock_close(&r->nl);
    ipcfg_lx_addr4s_free(&r->addrs);
    free(r->jobs);
    free(r);
    return interrupted;

fail_all:
    for (size_t i = 0; i < n; i++)
        jobs[i].err = e;
    if (r != NULL) {
        if (r->nl_open)
            ipcfg_nlsock_close(&r->nl);
        free(r->jobs);
    }
    free(r);
    return 0;
}

static void run_cmd(ipcfg_backend *b, ipcfg_dhcp_op op, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o)
{
    ipcfg_lx_ctx *c = b->ctx;
    ipcfg_lx_xopts x;

    /* The core asked check_change (the kernel's answer: CAP_NET_ADMIN and
     * CAP_NET_RAW over this network namespace) before it selected the
     * adapters: without the privilege nothing got here. */
    memset(&x, 0, sizeof(x));
    x.timeout_s = o != NULL ? o->timeout_s : 0;
    x.interrupt_fd = -1;
    x.engine = &c->eng;
    x.hostname_set = o != NULL && o->hostname_set && op == IPCFG_DHCP_OP_RENEW;
    x.hostname = x.hostname_set ? o->hostname : NULL;
    (void)ipcfg_lx_dhcp_exchange(op, jobs, n, &x);
}

void ipcfg_lx_dhcp_release(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o)
{
    run_cmd(b, IPCFG_DHCP_OP_RELEASE, jobs, n, o);
}

void ipcfg_lx_dhcp_renew(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o)
{
    run_cmd(b, IPCFG_DHCP_OP_RENEW, jobs, n, o);
}
