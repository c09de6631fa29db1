/* ipcfg — the lease keeper (see keeper/keeper.h; docs/linux.md, "Keeping a
 * lease").
 *
 * One process per interface and network namespace (the record lock of
 * wire/keeper_protocol.h).  Idle it waits in one poll() on a signalfd (SIGTERM,
 * SIGINT, SIGHUP), an rtnetlink socket bound to the link and
 * IPv4 address groups, a timerfd on the wall clock (T1, T2, the expiry:
 * the lease's own times; absolute, so a suspended host wakes to a timer
 * that is due) and its status socket; nothing else wakes it.  Every
 * exchange is ipcfg_lx_dhcp_exchange, with the engine confined in a
 * process of its own, as for the command.  What rtnetlink says of the
 * interface (the link, its addresses, their events) is keeper/keeper_link.c's.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "keeper/keeper.h"
#include "keeper/keeper_int.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <sys/un.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "shared/caps.h"
#include "exchange/exchange.h"
#include "exchange/lease_store.h"
#include "wire/keeper_protocol.h"
#include "keeper/keeper_log.h"
#include "shared/lease_changed.h"
#include "shared/statedir.h"
#include "clock.h"

static long long lease_at(const ipcfg_dhcp_lease *l, uint32_t off)
{
    if (off == IPCFG_DHCP_INFINITE || l->lease_time == IPCFG_DHCP_INFINITE)
        return (long long)1 << 62;
    return (long long)l->obtained + off;
}

static void read_signals(keeper *k)
{
    struct signalfd_siginfo si;

    while (read(k->sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
        if (si.ssi_signo == IPCFG_LX_KEEPER_SIG_STOP || si.ssi_signo == SIGINT)
            k->stop = 1;
        else if (si.ssi_signo == IPCFG_LX_KEEPER_SIG_RELOAD) {
            k->reload = 1;
            /* a /renew of the command: the lease file is read again at
             * the top of the loop, and an earlier failure forgotten */
            k->retry_at = 0;
            k->backoff = IPCFG_LX_KEEP_BACKOFF_MIN_S;
        }
    }
}

/* During an exchange: stop it for what cannot wait. */
static int interrupt(void *ctx)
{
    keeper *k = ctx;

    read_signals(k);
    ipcfg_lx_keeper_read_events(k);
    return k->stop || k->need_verify || k->check_other;
}

static void resumed(keeper *k)
{
    int64_t gap = ipcfg_lx_clock_ms(CLOCK_BOOTTIME) - ipcfg_lx_clock_ms(CLOCK_MONOTONIC);

    if (k->gap_ms != 0 && gap - k->gap_ms > 2000) {
        ipcfg_lx_klog(LOG_INFO, "the host was suspended: the lease is verified");
        k->need_verify = k->reload = 1;
    }
    k->gap_ms = gap;
}

/* Another client runs the interface: the keeper stops, and the lease's
 * DNS servers go with it as it ends (the other client hands over its
 * own). */
static void yield_to(keeper *k, const char *who)
{
    ipcfg_lx_klog(LOG_NOTICE, "%s runs the interface now: the keeper stops (ipcfg never fights it)", who);
    k->stop = 1;
}

/* The lease's DNS servers to the resolver (lease NULL: taken back); what
 * a failure says goes to the log. */
static void dns(keeper *k, const ipcfg_dhcp_lease *lease)
{
    char note[IPCFG_ERRTEXT_MAX];

    ipcfg_lx_lease_changed(k->ifname, lease, note, sizeof(note));
    if (note[0] != '\0')
        ipcfg_lx_klog(LOG_NOTICE, "%s", note);
}

/* ---- one exchange ---- */

static int exchange(keeper *k, int verify, int *interrupted)
{
    ipcfg_adapter ad;
    ipcfg_dhcp_job job;
    ipcfg_lx_exchange_opts x;

    ipcfg_adapter_init(&ad);
    ad.name = k->ifname;
    ad.ifindex = k->ifindex;
    memcpy(ad.hwaddr, k->hw, 6);
    ad.hwaddr_len = 6;
    memset(&job, 0, sizeof(job));
    job.ad = &ad;
    job.family = IPCFG_AF_INET4;
    memset(&x, 0, sizeof(x));
    x.timeout_s = IPCFG_LX_KEEP_XCHG_S;
    x.verify = verify;
    x.paced = 1; /* RFC 2131 §4.4.5: a kept lease retransmits by the time left */
    x.interrupt_fd = k->intr;
    x.on_interrupt = interrupt;
    x.ctx = k;
    *interrupted = ipcfg_lx_dhcp_exchange(IPCFG_DHCP_OP_RENEW, &job, 1, &x);
    if (!*interrupted && job.err.status != 0)
        ipcfg_lx_klog(LOG_WARNING, "the lease was not renewed: %s", job.err.text[0] ? job.err.text : "(no reason)");
    else if (job.err.status == 0 && job.err.text[0] != '\0')
        ipcfg_lx_klog(LOG_NOTICE, "%s", job.err.text);
    return (int)job.err.status;
}

static void load(keeper *k)
{
    char why[512];

    k->have = ipcfg_lx_lease_load(ipcfg_lx_state_dir(), k->ifname, &k->rec, why, sizeof(why)) == 1;
}

static int bound(const keeper *k)
{
    return k->have && k->rec.state == IPCFG_DHCP_LEASE_BOUND;
}

static void status(keeper *k, long long next)
{
    char msg[400], when[40] = "-";
    const uint8_t *a = k->rec.address, *s = k->rec.server_id;
    time_t t = (time_t)next;
    struct tm tm;

    if (next > 0 && next < (long long)1 << 40 && gmtime_r(&t, &tm) != NULL)
        strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S UTC", &tm);
    if (!k->up)
        snprintf(msg, sizeof(msg), "STATUS=%s: waiting for the link", k->ifname);
    else if (bound(k))
        snprintf(msg, sizeof(msg), "STATUS=%s: %u.%u.%u.%u/%u from %u.%u.%u.%u; next renewal %s", k->ifname, a[0], a[1],
                 a[2], a[3], k->rec.prefix_len, s[0], s[1], s[2], s[3], when);
    else
        snprintf(msg, sizeof(msg), "STATUS=%s: no lease; next attempt %s", k->ifname, when);
    ipcfg_lx_knotify(msg);
}

/* After an exchange that did not renew: when to try again. */
static void after_failure(keeper *k, long long now)
{
    if (bound(k) && now < ipcfg_dhcp_lease_expires(&k->rec)) {
        long long t2 = lease_at(&k->rec, k->rec.t2), end = now < t2 ? t2 : ipcfg_dhcp_lease_expires(&k->rec);
        k->retry_at = ipcfg_dhcp_retry_ms(now * 1000, end * 1000) / 1000; /* RFC 2131 §4.4.5 */
        return;
    }
    k->retry_at = now + k->backoff;
    k->backoff = k->backoff * 2 > IPCFG_LX_KEEP_BACKOFF_MAX_S ? IPCFG_LX_KEEP_BACKOFF_MAX_S : k->backoff * 2;
}

/* One pass: the exchange that is due, else the time of the next one (0:
 * none).  Returns 1 when it ran an exchange. */
static int step(keeper *k, long long *next)
{
    long long now = ipcfg_lx_keeper_wall_now();
    int interrupted = 0;

    *next = 0;
    if (k->reload) {
        load(k);
        k->reload = 0;
    }
    int expired = bound(k) && now >= ipcfg_dhcp_lease_expires(&k->rec);
    if (expired && !k->dns_gone) {
        /* an expired lease's DNS servers go, link or not (an exchange
         * that saw the expiry took them back already) */
        dns(k, NULL);
        k->dns_gone = 1;
    }
    if (!k->up) {
        /* nothing can be sent: the next thing is the expiry */
        if (bound(k) && !expired)
            *next = ipcfg_dhcp_lease_expires(&k->rec);
        return 0;
    }
    long long t1 = bound(k) ? lease_at(&k->rec, k->rec.t1) : 0;
    if (!(!bound(k) || expired || k->need_verify || (now >= t1 && now >= k->retry_at))) {
        *next = t1 > k->retry_at ? t1 : k->retry_at;
        return 0;
    }
    if ((!bound(k) || expired) && now < k->retry_at) {
        *next = k->retry_at;
        return 0;
    }
    const char *who = ipcfg_lx_keeper_other_client(k);
    if (who != NULL) {
        yield_to(k, who);
        return 1;
    }
    int verify = k->need_verify && bound(k) && !expired;
    k->need_verify = 0;
    k->check_other = 0;
    int st = exchange(k, verify, &interrupted);
    if (interrupted)
        return 1;
    load(k);
    if (st == 0) {
        k->retry_at = 0;
        k->backoff = IPCFG_LX_KEEP_BACKOFF_MIN_S;
        k->dns_gone = 0;
        const uint8_t *a = k->rec.address;
        ipcfg_lx_klog(LOG_INFO, "lease %u.%u.%u.%u/%u for %u s, renewal in %u s", a[0], a[1], a[2], a[3],
                      k->rec.prefix_len, k->rec.lease_time, k->rec.t1);
    } else {
        after_failure(k, ipcfg_lx_keeper_wall_now());
    }
    return 1;
}

/* ---- set-up ---- */

static int setup(keeper *k, const char *ifname)
{
    char why[400];
    sigset_t set;
    struct sockaddr_nl sa;
    struct sockaddr_un un;
    struct flock fl;
    ipcfg_error err;

    ipcfg_copy_str(k->ifname, sizeof(k->ifname), ifname);
    k->lockfd = k->sigfd = k->evfd = k->tfd = k->lsock = k->intr = -1;
    k->backoff = IPCFG_LX_KEEP_BACKOFF_MIN_S;
    k->reload = 1;
    if (ipcfg_nlsock_open(&k->nl) != 0)
        return 3;
    ipcfg_error_clear(&err);
    if (ipcfg_lx_check_change(&k->nl, 1, &err) != 0) {
        ipcfg_lx_klog(LOG_ERR, "%s", err.text);
        return err.status == IPCFG_E_ACCESS ? 4 : 3;
    }
    /* exactly one keeper: the record lock, held for the process's life */
    k->lockfd = ipcfg_lx_keeper_lockfile(ifname, why, sizeof(why));
    if (k->lockfd < 0) {
        ipcfg_lx_klog(LOG_ERR, "%s", why);
        return 3;
    }
    memset(&fl, 0, sizeof(fl));
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    if (fcntl(k->lockfd, F_SETLK, &fl) != 0) {
        ipcfg_lx_klog(LOG_INFO, "another keeper (process %ld) keeps the interface already",
                      (long)ipcfg_lx_keeper_pid(ifname));
        return -1;
    }
    k->held = 1;
    char pid[24];
    int n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
    if (ftruncate(k->lockfd, 0) != 0 || pwrite(k->lockfd, pid, (size_t)n, 0) != n)
        ipcfg_lx_klog(LOG_WARNING, "cannot write its pid into the lock file");

    sigemptyset(&set);
    sigaddset(&set, IPCFG_LX_KEEPER_SIG_STOP);
    sigaddset(&set, SIGINT);
    sigaddset(&set, IPCFG_LX_KEEPER_SIG_RELOAD);
    if (sigprocmask(SIG_BLOCK, &set, NULL) != 0 ||
        (k->sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK)) < 0)
        return 3;
    k->evfd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_ROUTE);
    memset(&sa, 0, sizeof(sa));
    sa.nl_family = AF_NETLINK;
    sa.nl_groups = RTMGRP_LINK | RTMGRP_IPV4_IFADDR;
    if (k->evfd < 0 || bind(k->evfd, (struct sockaddr *)&sa, sizeof(sa)) != 0)
        return 3;
    k->tfd = timerfd_create(CLOCK_REALTIME, TFD_CLOEXEC | TFD_NONBLOCK);
    k->intr = epoll_create1(EPOLL_CLOEXEC);
    if (k->tfd < 0 || k->intr < 0)
        return 3;
    struct epoll_event ee = {.events = EPOLLIN};
    ee.data.fd = k->sigfd;
    if (epoll_ctl(k->intr, EPOLL_CTL_ADD, k->sigfd, &ee) != 0)
        return 3;
    ee.data.fd = k->evfd;
    if (epoll_ctl(k->intr, EPOLL_CTL_ADD, k->evfd, &ee) != 0)
        return 3;
    /* subscribed first, then read: no change falls in between */
    if (ipcfg_lx_keeper_link_query(k) != 0) {
        ipcfg_lx_klog(LOG_INFO, "there is no such interface; the keeper stops");
        return -1;
    }
    /* the status socket: `ipcfg /all` asks it who keeps the lease
     * (its peer's credentials); best effort, anyone may take the name */
    memset(&un, 0, sizeof(un));
    un.sun_family = AF_UNIX;
    n = ipcfg_lx_keeper_sockname(ifname, un.sun_path + 1, sizeof(un.sun_path) - 1);
    k->lsock = n < 0 ? -1 : socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (k->lsock >= 0 && (bind(k->lsock, (struct sockaddr *)&un,
                               (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + (size_t)n)) != 0 ||
                          listen(k->lsock, 8) != 0)) {
        (void)close(k->lsock);
        k->lsock = -1;
    }
    k->gap_ms = ipcfg_lx_clock_ms(CLOCK_BOOTTIME) - ipcfg_lx_clock_ms(CLOCK_MONOTONIC);
    return 0;
}

/* Tells whoever started it (the command, through IPCFG_KEEPER_READY_FD;
 * systemd, through READY=1) that the keeper holds the interface. */
static void ready(void)
{
    const char *v = getenv(IPCFG_LX_KEEPER_READY_ENV);

    if (v != NULL && strcmp(v, IPCFG_LX_KEEPER_READY_FD_STR) == 0) {
        (void)!write(IPCFG_LX_KEEPER_READY_FD, "1", 1);
        (void)close(IPCFG_LX_KEEPER_READY_FD);
    }
    unsetenv(IPCFG_LX_KEEPER_READY_ENV);
    ipcfg_lx_knotify("READY=1");
}

static void arm(keeper *k, long long next)
{
    struct itimerspec its;

    memset(&its, 0, sizeof(its));
    if (next > 0) {
        its.it_value.tv_sec = (time_t)(next < (long long)1 << 40 ? next : (long long)1 << 40);
        if (its.it_value.tv_sec == 0)
            its.it_value.tv_sec = 1;
    }
    /* absolute on the wall clock, where the lease's times are: a clock
     * that is set (or a host that resumes) cancels or fires it at once */
    (void)timerfd_settime(k->tfd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &its, NULL);
}

/* The keeper's life once it holds the interface; its exit status. */
static int keep(keeper *k)
{
    load(k);
    k->reload = 0;
    if (k->have && k->rec.state == IPCFG_DHCP_LEASE_RELEASED) {
        /* `ipcfg /release` was the last word (a keeper restarted by
         * systemd after it, or enabled for a released interface) */
        ipcfg_lx_klog(LOG_INFO, "the lease was released: there is nothing to keep; the keeper stops");
        ready();
        return 0;
    }
    if (bound(k) && ipcfg_lx_keeper_wall_now() < ipcfg_dhcp_lease_expires(&k->rec) - 1) {
        if (ipcfg_lx_keeper_addr_present(k)) {
            /* a keeper started again (a restarted unit, a /renew after
             * one ended): the DNS servers it took back as it ended go
             * back to the resolver (nothing is done when they are there) */
            dns(k, &k->rec);
        } else {
            /* a boot (the unit enabled), or the address taken off while no
             * keeper ran: the recorded lease is verified at once
             * (INIT-REBOOT, RFC 2131 §3.2), on a link brought up if nobody
             * set it up */
            ipcfg_lx_klog(LOG_INFO, "the lease's address is not on the interface: the lease is verified");
            k->need_verify = 1;
            if (!k->admin_up) {
                int er = ipcfg_lx_keeper_link_set_up(k);
                if (er != 0)
                    ipcfg_lx_klog(LOG_WARNING, "cannot set the link up (%s)", strerror(-er));
                else
                    ipcfg_lx_klog(LOG_INFO, "the link was down: set up");
            }
        }
    }
    ready();
    ipcfg_lx_klog(LOG_INFO, "keeping the lease (process %ld)", (long)getpid());
    while (!k->stop) {
        long long next = 0;
        resumed(k);
        if (k->check_other) {
            const char *who = ipcfg_lx_keeper_other_client(k);
            k->check_other = 0;
            if (who != NULL) {
                yield_to(k, who);
                break;
            }
        }
        if (step(k, &next) != 0)
            continue;
        arm(k, next);
        status(k, next);
        struct pollfd p[4] = {{k->sigfd, POLLIN, 0}, {k->evfd, POLLIN, 0}, {k->tfd, POLLIN, 0}, {k->lsock, POLLIN, 0}};
        if (poll(p, k->lsock >= 0 ? 4 : 3, -1) < 0 && errno != EINTR)
            break;
        if (p[0].revents)
            read_signals(k);
        if (p[1].revents)
            ipcfg_lx_keeper_read_events(k);
        if (p[2].revents) {
            uint64_t ticks;
            (void)!read(k->tfd, &ticks, sizeof(ticks)); /* ECANCELED: the clock was set; looked at anew */
            k->reload = 1;
        }
        if (k->lsock >= 0 && p[3].revents) {
            int c = accept4(k->lsock, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
            if (c >= 0)
                (void)close(c);
        }
    }
    return 0;
}

int ipcfg_lx_keeper_main(const char *ifname)
{
    static keeper k; /* its buffers are off the stack */
    int rc;

    ipcfg_lx_klog_open(ifname);
    if (!ipcfg_dhcp_lease_ifname_ok(ifname)) {
        ipcfg_lx_klog(LOG_ERR, "not an interface name ipcfg can keep a lease for");
        return 1;
    }
    rc = setup(&k, ifname);
    if (rc == 0)
        rc = keep(&k);
    else
        ready();
    if (k.held) {
        /* No lease's DNS servers outlive it: whatever ends a keeper that
         * held the interface (a SIGTERM, late or not; the interface gone,
         * renamed or moved; another client; a failure), nothing keeps the
         * lease any more.  A keeper that found another one holding the
         * interface leaves them to that one. */
        dns(&k, NULL);
        ipcfg_lx_knotify("STOPPING=1");
        ipcfg_lx_klog(LOG_INFO, "the keeper stops");
    }
    return rc < 0 ? 0 : rc;
}
