/* ipcfg — /release and /renew on Linux: the privileged part of the
 * exchange (see exchange/exchange.h and docs/linux.md, "Process layout").
 *
 * For n selected interfaces: a lock per interface, the recorded lease,
 * whether its address is on the interface, then one engine process (the
 * unprivileged side, engine/engine.c) that runs every job and asks this side
 * for sockets and for every change (exchange/requests.c).  One poll() here over
 * the engine's requests and the lock waits until every job is done or the
 * one deadline passes.  Nothing sleeps: every wait is a poll() with the
 * nearest timer as its timeout.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "exchange/exchange.h"

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

#include "dhcp/dhcp_arp.h"
#include "exchange/job.h"
#include "wire/engine_wire.h"
#include "shared/error.h"
#include "shared/lock.h"
#include "shared/statedir.h"
#include "clock.h"

#define ENGINE_GRACE_MS 900 /* past the deadline, an engine that has not finished every job is stopped */

unsigned ipcfg_lx_probe_wait_ms(void)
{
    /* secure_getenv: a set-uid copy keeps the default */
    const char *v = secure_getenv("IPCFG_DHCP_PROBE_MS");
    char *end;
    unsigned long ms;

    if (v == NULL || *v < '0' || *v > '9')
        return IPCFG_DHCP_PROBE_WAIT_MS;
    errno = 0;
    ms = strtoul(v, &end, 10);
    if (errno != 0 || *end != '\0' || ms > 10000)
        return IPCFG_DHCP_PROBE_WAIT_MS;
    return (unsigned)ms;
}

/* ---- the engine ---- */

static int engine_start(exchange_run *r, ipcfg_lx_engine *given, ipcfg_error *e)
{
    int rc = 0;

    if (given != NULL && given->pid > 0 && given->ctl >= 0 && given->rpc >= 0) {
        r->engine = *given;
        given->ctl = given->rpc = -1; /* the exchange's to close */
        r->engine_given = given;
    } else {
        rc = ipcfg_lx_engine_start(&r->engine);
    }
    if (rc != 0)
        return ipcfg_lx_fail_errno(e, IPCFG_E_FAILED, IPCFG_R_SYSTEM, -rc, "Cannot start the DHCP engine process",
                                   NULL);
    r->engine_up = 1;
    return 0;
}

/* The engine is gone (or was stopped): every job it had not finished
 * fails with the reason. */
static void engine_lost(exchange_run *r, int killed)
{
    ipcfg_error e;
    int st = 0;

    if (!r->engine_up)
        return;
    r->engine_up = 0;
    (void)close(r->engine.ctl);
    (void)close(r->engine.rpc);
    if (r->engine_given != NULL)
        r->engine_given->pid = 0; /* reaped here, for its status */
    st = ipcfg_lx_engine_reap(r->engine.pid, killed);
    ipcfg_error_clear(&e);
    if (r->engine_error[0] != '\0') {
        ipcfg_error_set(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "%s", r->engine_error);
    } else if (!killed && WIFSIGNALED(st)) {
        ipcfg_error_set(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM,
                        "The DHCP engine process ended unexpectedly (killed by signal %d%s); nothing more was done.",
                        WTERMSIG(st), WTERMSIG(st) == SIGSYS ? ", SIGSYS: a system call its filter forbids" : "");
    } else {
        ipcfg_error_set(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM,
                        "The DHCP engine process ended unexpectedly; nothing more was done.");
    }
    ipcfg_lx_job_fail_all(r, &e);
}

/* ---- the loop ---- */

static int any_mid_commit(const exchange_run *r)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->jobs[i].ph == JOB_RUN && r->jobs[i].mid_commit)
            return 1;
    return 0;
}

/* The jobs' own timers at now (a lock's timeout and retry, a carrier's
 * wait), then what the loop waits for: the lock waits into pfd (the job's
 * index into who, *np counted up), the nearest timer into *next.  0 when
 * every job is done. */
static int jobs_due(exchange_run *r, int64_t now, struct pollfd *pfd, size_t *who, nfds_t *np, int64_t *next)
{
    int active = 0;

    for (size_t i = 0; i < r->n; i++) {
        exchange_job *j = &r->jobs[i];
        if (j->ph == JOB_LOCK && now >= r->deadline) {
            ipcfg_error e;
            ipcfg_error_clear(&e);
            ipcfg_error_set(&e, IPCFG_E_TIMEOUT, IPCFG_R_SYSTEM,
                            "Another ipcfg run kept %s busy until the timeout; nothing was changed.", j->ifname);
            ipcfg_lx_job_fail(j, &e);
        } else if (j->ph == JOB_LOCK && now >= j->lock_retry_at) {
            ipcfg_lx_job_try_lock(j, now);
        } else if (j->ph == JOB_CARRIER && now >= j->carrier_until) {
            ipcfg_lx_job_fail_media(j); /* as it was before the wait: disconnected */
        }
        if (j->ph == JOB_DONE)
            continue;
        active = 1;
        if (j->ph == JOB_CARRIER && j->carrier_until < *next)
            *next = j->carrier_until;
        if (j->ph == JOB_LOCK) {
            if (r->deadline < *next)
                *next = r->deadline;
            if (j->lock_retry_at < *next)
                *next = j->lock_retry_at;
            if (j->lock.waitfd >= 0) {
                pfd[*np].fd = j->lock.waitfd;
                pfd[*np].events = POLLIN;
                who[(*np)++] = i;
            }
        }
    }
    return active;
}

/* Returns 1 when interrupted. */
static int run_all(exchange_run *r, int interrupt_fd, int (*on_interrupt)(void *), void *ctx)
{
    struct pollfd *pfd = calloc(r->n + 4, sizeof(*pfd));
    size_t *who = calloc(r->n + 3, sizeof(*who));
    int interrupted = 0;

    if (pfd == NULL || who == NULL) {
        ipcfg_error e;
        ipcfg_error_clear(&e);
        ipcfg_error_set(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "Out of memory.");
        ipcfg_lx_job_fail_all(r, &e);
        goto out;
    }
    for (;;) {
        int64_t now = ipcfg_lx_clock_ms(CLOCK_MONOTONIC), next = INT64_MAX;
        nfds_t np = 0;
        int ms;

        if (!jobs_due(r, now, pfd, who, &np, &next))
            break;
        if (interrupted && !any_mid_commit(r)) {
            engine_lost(r, 1);
            ipcfg_error e;
            ipcfg_error_clear(&e);
            ipcfg_error_set(&e, IPCFG_E_FAILED, IPCFG_R_NONE, "interrupted");
            ipcfg_lx_job_fail_all(r, &e);
            break;
        }
        if (now >= r->deadline + ENGINE_GRACE_MS) {
            snprintf(r->engine_error, sizeof(r->engine_error), "The DHCP engine process did not finish by the timeout.");
            engine_lost(r, 1);
            continue;
        }
        if (r->deadline + ENGINE_GRACE_MS < next)
            next = r->deadline + ENGINE_GRACE_MS;
        size_t eng_slot = np, int_slot = np + 1, car_slot = np + 2, start_slot = np + 3;
        pfd[np].fd = r->engine_up ? r->engine.rpc : -1;
        pfd[np++].events = POLLIN;
        pfd[np].fd = interrupted ? -1 : interrupt_fd;
        pfd[np++].events = POLLIN;
        pfd[np].fd = r->carrier.fd;
        pfd[np++].events = POLLIN;
        pfd[np].fd = r->engine_up && r->starts_waiting != 0 ? r->engine.ctl : -1;
        pfd[np++].events = POLLOUT;
        ms = next <= now ? 0 : next - now > INT_MAX ? INT_MAX : (int)(next - now);
        if (poll(pfd, np, ms) < 0 && errno != EINTR) {
            ipcfg_error e;
            ipcfg_error_clear(&e);
            (void)ipcfg_lx_fail_errno(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM, errno, "poll", NULL);
            engine_lost(r, 1);
            ipcfg_lx_job_fail_all(r, &e);
            break;
        }
        if (pfd[int_slot].fd >= 0 && pfd[int_slot].revents != 0 &&
            (on_interrupt == NULL || on_interrupt(ctx) != 0))
            interrupted = 1;
        if (pfd[eng_slot].fd >= 0 && pfd[eng_slot].revents != 0) {
            exchange_job *done = NULL;
            int lost = ipcfg_lx_serve(r, &done) != 0;
            if (done != NULL) /* ended first: an engine lost after it reported stays reported */
                ipcfg_lx_job_end(done);
            for (size_t i = 0; i < r->n; i++)
                if (r->jobs[i].withdrawn)
                    ipcfg_lx_job_withdrawn(&r->jobs[i]);
            if (lost)
                engine_lost(r, r->engine_error[0] != '\0');
        }
        if (pfd[car_slot].fd >= 0 && pfd[car_slot].revents != 0)
            ipcfg_lx_carrier_read(&r->carrier, &r->nl, ipcfg_lx_job_on_carrier, r);
        if (pfd[start_slot].fd >= 0 && pfd[start_slot].revents != 0 && r->engine_up)
            ipcfg_lx_job_starts_flush(r);
        for (nfds_t k = 0; k < eng_slot; k++)
            if (pfd[k].revents != 0 && r->jobs[who[k]].ph == JOB_LOCK)
                ipcfg_lx_job_try_lock(&r->jobs[who[k]], ipcfg_lx_clock_ms(CLOCK_MONOTONIC));
    }
out:
    free(pfd);
    free(who);
    return interrupted;
}

/* ---- the exchange ---- */

/* Checks the job's interface; 0 when it can run DHCP. */
int ipcfg_lx_dhcp_exchange(ipcfg_dhcp_op op, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_lx_exchange_opts *o)
{
    unsigned timeout_s = o->timeout_s != 0 ? o->timeout_s : IPCFG_LX_DHCP_TIMEOUT_DEFAULT_S;
    ipcfg_error e;
    exchange_run *r = NULL;
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
    r->lapsed = o->lapsed;
    r->paced = o->paced;
    r->hooks = o->hooks;
    r->dir = ipcfg_lx_state_dir();
    r->deadline = ipcfg_lx_clock_ms(CLOCK_MONOTONIC) + (int64_t)timeout_s * 1000;
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
    int64_t now = ipcfg_lx_clock_ms(CLOCK_MONOTONIC);
    for (size_t i = 0; i < n; i++)
        if (ipcfg_lx_job_setup(r, &r->jobs[i], &jobs[i], i) == 0)
            ipcfg_lx_job_try_lock(&r->jobs[i], now);
    ipcfg_lx_job_carrier_watch(r);
    int need = 0;
    for (size_t i = 0; i < n; i++)
        need |= r->jobs[i].ph != JOB_DONE;
    if (need && engine_start(r, o->engine, &e) != 0)
        ipcfg_lx_job_fail_all(r, &e);
    for (size_t i = 0; i < n && r->engine_up; i++)
        if (r->jobs[i].ph == JOB_LOCK && (r->jobs[i].lock.held || r->jobs[i].shared))
            ipcfg_lx_job_begin(&r->jobs[i]);
    interrupted = run_all(r, o->interrupt_fd, o->on_interrupt, o->ctx);
    /* The engine ends when its ctl socket does (it closed each job's
     * sockets when it reported the job); reaped after the resolver and
     * the keeper had their turn, so that its exit overlaps them (the
     * command's own engine by its owner, after the output). */
    pid_t engine = r->engine_up && r->engine_given == NULL ? r->engine.pid : 0;
    if (r->engine_up) {
        (void)close(r->engine.ctl);
        (void)close(r->engine.rpc);
    }
    for (size_t i = 0; i < n; i++) {
        ipcfg_lx_job_after(r, &r->jobs[i]);
        ipcfg_lx_job_finish(&r->jobs[i]);
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

