/* ipcfg — the lease keeper (see keeper/keeper.h; docs/linux.md, "Keeping a
 * lease").
 *
 * One process per interface and network namespace (the record lock of
 * wire/keeper_protocol.h).  Idle it waits in one poll() on a signalfd (SIGTERM,
 * SIGINT, SIGHUP), an rtnetlink socket bound to the link and
 * IPv4 and IPv6 address groups, a timerfd on the boot clock (T1, T2, the expiry:
 * the lease's own times counted on CLOCK_BOOTTIME, which runs on while
 * the host is suspended, so a host that resumes wakes to a timer that is
 * due), a timerfd on the wall clock that only the kernel's cancel wakes
 * (the clock set, the host resumed: then dhcp_keep.c says how long it
 * slept) and its status socket; nothing else wakes it.  Every
 * exchange is ipcfg_lx_dhcp_exchange, with the engine confined in a
 * process of its own, as for the command.  It keeps the interface's
 * DHCPv4 lease and its DHCPv6 lease, each a slot with its own timeline
 * (one state machine, dhcp/dhcp_keep.h) and its own exchanges (a DHCPv6
 * job: Renew, Rebind, Solicit, Confirm, RFC 8415 §18.2); a lease released
 * is dropped, and with neither left to keep the keeper stops.  What
 * rtnetlink says of the interface (the link, its addresses, their events)
 * is keeper/keeper_link.c's; a slot's record is keeper/keeper_slot.c's.
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

#ifdef IPCFG_TEST_HOOKS
/* Test builds only: the seconds of simulated sleep in the file that
 * IPCFG_TEST_KEEPER_ASLEEP names (none: 0).  Added to the boot clock, they
 * are what a suspend of that long looks like to the keeper: the boot
 * clock ahead of the monotonic one.  SIGUSR1 makes the keeper look. */
static int64_t test_asleep_ms(void)
{
    const char *f = getenv("IPCFG_TEST_KEEPER_ASLEEP");
    char b[32];
    FILE *fp;
    long long s = 0;

    if (f == NULL || (fp = fopen(f, "re")) == NULL)
        return 0;
    if (fgets(b, sizeof(b), fp) != NULL)
        s = strtoll(b, NULL, 10);
    (void)fclose(fp);
    return s > 0 && s < (1LL << 31) ? (int64_t)s * 1000 : 0;
}
#endif

/* The keeper's one look at its clocks (boot first: ipcfg_dhcp_clocks). */
static void clocks(keeper *k, ipcfg_dhcp_clocks *c)
{
    c->boot_ms = ipcfg_lx_clock_ms(CLOCK_BOOTTIME);
    c->mono_ms = ipcfg_lx_clock_ms(CLOCK_MONOTONIC);
    c->wall_s = ipcfg_lx_wall_s();
#ifdef IPCFG_TEST_HOOKS
    k->skew_ms = test_asleep_ms();
#endif
    c->boot_ms += k->skew_ms;
}

static void read_signals(keeper *k)
{
    struct signalfd_siginfo si;

    while (read(k->sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
        if (si.ssi_signo == IPCFG_LX_KEEPER_SIG_STOP || si.ssi_signo == SIGINT)
            k->stop = 1;
        else if (si.ssi_signo == IPCFG_LX_KEEPER_SIG_RELOAD)
            ipcfg_lx_keeper_feed(k, IPCFG_DHCP_KEEP_EV_RELOAD, 0); /* a /renew of the command */
        /* SIGUSR1 (test builds): nothing but a look at the clocks */
    }
}

/* During an exchange: stop it for what cannot wait. */
static int interrupt(void *ctx)
{
    keeper *k = ctx;

    int verify = 0;

    read_signals(k);
    ipcfg_lx_keeper_read_events(k);
    for (int i = 0; i < IPCFG_LX_KEEPER_LEASES; i++)
        verify |= k->lease[i].active && k->lease[i].tl.verify;
    return k->stop || verify || k->check_other;
}

/* Another client runs the interface: the keeper stops, and the lease's
 * DNS servers go with it as it ends (the other client hands over its
 * own). */
static void yield_to(keeper *k, const char *who)
{
    ipcfg_lx_klog(LOG_NOTICE, "%s runs the interface now: the keeper stops (ipcfg never fights it)", who);
    k->stop = 1;
}

/* ---- one exchange ---- */

/* What the log calls the slot's lease: "lease" (DHCPv4, as ever) or
 * "DHCPv6 lease". */
static const char *fam(const keeper_lease *s)
{
    return s->family == IPCFG_AF_INET6 ? "DHCPv6 lease" : "lease";
}

static int exchange(keeper *k, const keeper_lease *s, ipcfg_dhcp_keep_do what, int *interrupted)
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
    job.family = s->family;
    memset(&x, 0, sizeof(x));
    x.timeout_s = IPCFG_LX_KEEP_XCHG_S;
    x.verify = what == IPCFG_DHCP_KEEP_VERIFY; /* DHCPv6: a Confirm (RFC 8415 §18.2.3) */
    x.lapsed = what == IPCFG_DHCP_KEEP_OBTAIN;
    x.paced = 1; /* RFC 2131 §4.4.5: a kept lease retransmits by the time left */
    x.interrupt_fd = k->intr;
    x.on_interrupt = interrupt;
    x.ctx = k;
    *interrupted = ipcfg_lx_dhcp_exchange(IPCFG_DHCP_OP_RENEW, &job, 1, &x);
    if (!*interrupted && job.err.status != 0)
        ipcfg_lx_klog(LOG_WARNING, "the %s was not renewed: %s", fam(s),
                      job.err.text[0] ? job.err.text : "(no reason)");
    else if (job.err.status == 0 && job.err.text[0] != '\0')
        ipcfg_lx_klog(LOG_NOTICE, "%s", job.err.text);
    return (int)job.err.status;
}

/* next: boot-clock ms (INT64_MAX: none), shown on the wall clock. */
static void status(keeper *k, const ipcfg_dhcp_clocks *c, int64_t next)
{
    char msg[400], when[40] = "-", v4[80] = "", v6[80] = "";
    const keeper_lease *s = &k->lease[IPCFG_LX_KEEPER_V4], *s6 = &k->lease[IPCFG_LX_KEEPER_V6];
    time_t t = (time_t)(c->wall_s + (next - c->boot_ms) / 1000);
    struct tm tm;

    if (next < INT64_MAX / 2 && gmtime_r(&t, &tm) != NULL)
        strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S UTC", &tm);
    int b4 = s->active && ipcfg_lx_keeper_slot_bound(s), b6 = s6->active && ipcfg_lx_keeper_slot_bound(s6);
    if (!k->up)
        snprintf(msg, sizeof(msg), "STATUS=%s: waiting for the link", k->ifname);
    else if (!b4 && !b6)
        snprintf(msg, sizeof(msg), "STATUS=%s: no lease; next attempt %s", k->ifname, when);
    else {
        if (b4) {
            const uint8_t *sv = s->rec.server_id;
            ipcfg_lx_keeper_slot_show(s, v4, sizeof(v4));
            snprintf(v4 + strlen(v4), sizeof(v4) - strlen(v4), " from %u.%u.%u.%u", sv[0], sv[1], sv[2], sv[3]);
        }
        if (b6) {
            memcpy(v6, "DHCPv6 ", 8);
            ipcfg_lx_keeper_slot_show(s6, v6 + 7, sizeof(v6) - 7);
        }
        snprintf(msg, sizeof(msg), "STATUS=%s: %s%s%s; next renewal %s", k->ifname, v4, b4 && b6 ? ", " : "", v6,
                 when);
    }
    ipcfg_lx_knotify(msg);
}

/* Feeds s's timeline ev at the clocks now. */
static ipcfg_dhcp_keep_act feed(keeper *k, keeper_lease *s, ipcfg_dhcp_keep_ev_kind kind, ipcfg_dhcp_clocks *c)
{
    ipcfg_dhcp_keep_ev ev = {kind, ipcfg_lx_keeper_slot_times(s), k->up, 0};

    clocks(k, c);
    return ipcfg_dhcp_keep_step(&s->tl, &ev, c);
}

/* One look at a kept lease: its timeline says what is due
 * (ipcfg_dhcp_keep_step), the keeper does it.  Returns 1 when it ran an
 * exchange (or stops), else 0 with the boot-clock time of the next look
 * in *next (INT64_MAX: none). */
static int look(keeper *k, keeper_lease *s, ipcfg_dhcp_clocks *c, int64_t *next)
{
    ipcfg_dhcp_keep_act act;
    int interrupted = 0;

    for (;;) {
        if (s->reread) {
            ipcfg_lx_keeper_slot_load(k, s);
            (void)feed(k, s, IPCFG_DHCP_KEEP_EV_RECORD, c);
        }
        act = feed(k, s, IPCFG_DHCP_KEEP_EV_LOOK, c);
        if (act.asleep_ms <= 0)
            break;
        /* a resume: the boot clock ran on while the monotonic one stood
         * still; the record is read again and looked at anew */
        ipcfg_lx_klog(LOG_INFO, "the host resumed after %lld s asleep: the %s is verified",
                      (long long)(act.asleep_ms / 1000), fam(s));
        s->reread = 1;
    }
    if (act.dns == IPCFG_DHCP_KEEP_DNS_WITHDRAW)
        ipcfg_lx_keeper_slot_dns(k, s, 0); /* an exchange that saw the expiry took them back already */
    *next = act.next_ms;
    if (act.what == IPCFG_DHCP_KEEP_WAIT)
        return 0;
    if (act.what == IPCFG_DHCP_KEEP_STOP) {
        /* released: this lease is dropped; the keeper ends with none left */
        ipcfg_lx_klog(LOG_INFO, "the %s was released: it is no longer kept", fam(s));
        s->active = 0;
        return 1;
    }
    const char *who = ipcfg_lx_keeper_other_client(k);
    if (who != NULL) {
        yield_to(k, who);
        return 1;
    }
    k->check_other = 0;
    int st = exchange(k, s, act.what, &interrupted);
    if (interrupted) {
        (void)feed(k, s, IPCFG_DHCP_KEEP_EV_STOPPED, c);
        return 1;
    }
    ipcfg_lx_keeper_slot_load(k, s);
    (void)feed(k, s, st == 0 ? IPCFG_DHCP_KEEP_EV_BOUND : IPCFG_DHCP_KEEP_EV_FAILED, c);
    if (st == 0 && ipcfg_lx_keeper_slot_bound(s)) {
        char shown[80];
        ipcfg_lx_keeper_slot_show(s, shown, sizeof(shown));
        ipcfg_lx_klog(LOG_INFO, "%s %s for %u s, renewal in %u s", fam(s), shown, s->times.lifetime,
                      s->times.t1);
    }
    return 1;
}

/* ---- set-up ---- */

static void ready(void);

/* The interface is not there (yet): an enabled unit may start before a
 * driver or udev makes it.  The keeper holds the interface's lock and
 * waits for a link of that name to appear, on the rtnetlink link group it
 * is subscribed to already (no polling), ready meanwhile so that a start
 * that waits for it does not hang; SIGTERM ends the wait.  0: the
 * interface is there now; -1: stopped. */
static int wait_for_link(keeper *k)
{
    char msg[160];

    ipcfg_lx_klog(LOG_INFO, "there is no such interface yet: the keeper waits for it to appear");
    snprintf(msg, sizeof(msg), "STATUS=%s: waiting for the interface to appear", k->ifname);
    ipcfg_lx_knotify(msg);
    ready();
    while (!k->stop) {
        struct pollfd p[2] = {{k->sigfd, POLLIN, 0}, {k->evfd, POLLIN, 0}};
        if (poll(p, 2, -1) < 0 && errno != EINTR)
            return -1;
        if (p[0].revents)
            read_signals(k);
        if (!k->stop && p[1].revents && ipcfg_lx_keeper_link_appeared(k)) {
            ipcfg_lx_klog(LOG_INFO, "the interface appeared");
            return 0;
        }
    }
    return -1;
}

static int setup(keeper *k, const char *ifname)
{
    char why[400];
    sigset_t set;
    struct sockaddr_nl sa;
    struct sockaddr_un un;
    struct flock fl;
    ipcfg_error err;

    ipcfg_copy_str(k->ifname, sizeof(k->ifname), ifname);
    k->lockfd = k->sigfd = k->evfd = k->tfd = k->bfd = k->lsock = k->intr = -1;
    /* the set of leases it keeps: the DHCPv4 lease and the DHCPv6 one
     * (docs/development.md) */
    k->lease[IPCFG_LX_KEEPER_V4].family = IPCFG_AF_INET4;
    k->lease[IPCFG_LX_KEEPER_V6].family = IPCFG_AF_INET6;
    for (int i = 0; i < IPCFG_LX_KEEPER_LEASES; i++)
        ipcfg_dhcp_keep_init(&k->lease[i].tl);
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
#ifdef IPCFG_TEST_HOOKS
    sigaddset(&set, SIGUSR1); /* a look at the (simulated) clocks: test_asleep_ms */
#endif
    sigaddset(&set, IPCFG_LX_KEEPER_SIG_RELOAD);
    if (sigprocmask(SIG_BLOCK, &set, NULL) != 0 ||
        (k->sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK)) < 0)
        return 3;
    k->evfd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_ROUTE);
    memset(&sa, 0, sizeof(sa));
    sa.nl_family = AF_NETLINK;
    sa.nl_groups = RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR;
    if (k->evfd < 0 || bind(k->evfd, (struct sockaddr *)&sa, sizeof(sa)) != 0)
        return 3;
    /* the deadlines on the boot clock, which counts time suspended (a
     * suspended host wakes to a timer that is due); the wall clock's timer
     * only says that the clock was set or the host resumed */
    k->tfd = timerfd_create(CLOCK_REALTIME, TFD_CLOEXEC | TFD_NONBLOCK);
    k->bfd = timerfd_create(CLOCK_BOOTTIME, TFD_CLOEXEC | TFD_NONBLOCK);
    k->intr = epoll_create1(EPOLL_CLOEXEC);
    if (k->tfd < 0 || k->bfd < 0 || k->intr < 0)
        return 3;
    struct epoll_event ee = {.events = EPOLLIN};
    ee.data.fd = k->sigfd;
    if (epoll_ctl(k->intr, EPOLL_CTL_ADD, k->sigfd, &ee) != 0)
        return 3;
    ee.data.fd = k->evfd;
    if (epoll_ctl(k->intr, EPOLL_CTL_ADD, k->evfd, &ee) != 0)
        return 3;
    /* subscribed first, then read: no change falls in between */
    if (ipcfg_lx_keeper_link_query(k) != 0 && wait_for_link(k) != 0)
        return -1;
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

/* next: the boot-clock time of the next deadline (INT64_MAX: none). */
static void arm(keeper *k, const ipcfg_dhcp_clocks *c, int64_t next)
{
    struct itimerspec its;

    /* absolute on the boot clock (less the test builds' simulated sleep):
     * it fires on time across a suspend, and at once on the resume if the
     * deadline passed while the host slept */
    memset(&its, 0, sizeof(its));
    if (next < INT64_MAX) {
        int64_t at = next - k->skew_ms;
        if (at < 1)
            at = 1;
        its.it_value.tv_sec = (time_t)(at / 1000);
        its.it_value.tv_nsec = (long)(at % 1000) * 1000000L;
    }
    (void)timerfd_settime(k->bfd, TFD_TIMER_ABSTIME, &its, NULL);
    /* far ahead on the wall clock, only to be cancelled: the kernel
     * cancels it when the clock is set and when the host resumes
     * (timerfd_resume), so the keeper looks at its clocks at once then */
    memset(&its, 0, sizeof(its));
    its.it_value.tv_sec = (time_t)(c->wall_s + 86400 * 365);
    (void)timerfd_settime(k->tfd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &its, NULL);
}

/* The start of a kept lease: its record as the keeper finds it (at the
 * keeper's start, or a lease not kept until a /renew or /renew6 recorded
 * one).  Sets s->active: 0 released, or nothing to keep. */
static void start(keeper *k, keeper_lease *s)
{
    ipcfg_dhcp_clocks c;

    ipcfg_lx_keeper_slot_load(k, s);
    ipcfg_dhcp_keep_init(&s->tl);
    ipcfg_dhcp_keep_ev ev = {IPCFG_DHCP_KEEP_EV_START, ipcfg_lx_keeper_slot_times(s), k->up, 0};
    ev.addr_present = ipcfg_lx_keeper_slot_present(k, s);
    clocks(k, &c);
    ipcfg_dhcp_keep_act act = ipcfg_dhcp_keep_step(&s->tl, &ev, &c);
    s->active = act.what != IPCFG_DHCP_KEEP_STOP;
    if (!s->active)
        return;
    if (act.dns == IPCFG_DHCP_KEEP_DNS_RESTORE)
        ipcfg_lx_keeper_slot_dns(k, s, 1); /* nothing is done when they are there */
    if (act.link_set_up) {
        ipcfg_lx_klog(LOG_INFO, "the %s's address is not on the interface: the %s is verified", fam(s), fam(s));
        if (!k->admin_up) {
            int er = ipcfg_lx_keeper_link_set_up(k);
            if (er != 0)
                ipcfg_lx_klog(LOG_WARNING, "cannot set the link up (%s)", strerror(-er));
            else
                ipcfg_lx_klog(LOG_INFO, "the link was down: set up");
        }
    }
}

/* The leases kept at the start: a bound DHCPv6 lease (a configuration
 * alone is not kept, nor obtained), and the DHCPv4 lease unless released,
 * or, with no record of it, unless the DHCPv6 lease is the one to keep (a
 * keeper started for an interface with nothing obtains a DHCPv4 lease). */
static int start_all(keeper *k)
{
    keeper_lease *s4 = &k->lease[IPCFG_LX_KEEPER_V4], *s6 = &k->lease[IPCFG_LX_KEEPER_V6];

    start(k, s6);
    s6->active = s6->active && ipcfg_lx_keeper_slot_bound(s6);
    start(k, s4);
    s4->active = s4->active && (s4->have || !s6->active);
    return s4->active || s6->active;
}

/* A lease not kept whose record was read again (a /renew or /renew6 of
 * the command recorded one): kept from now when it is bound. */
static void adopt(keeper *k)
{
    for (int i = 0; i < IPCFG_LX_KEEPER_LEASES; i++) {
        keeper_lease *s = &k->lease[i];
        if (s->active || !s->reread)
            continue;
        ipcfg_lx_keeper_slot_load(k, s);
        if (ipcfg_lx_keeper_slot_bound(s)) {
            start(k, s);
            if (s->active)
                ipcfg_lx_klog(LOG_INFO, "keeping the %s too", fam(s));
        }
    }
}

/* Waits for what comes next (a signal, an event, a timer, a status
 * request) and takes it in. */
static int wait_next(keeper *k)
{
    struct pollfd p[5] = {{k->sigfd, POLLIN, 0}, {k->evfd, POLLIN, 0}, {k->tfd, POLLIN, 0},
                          {k->bfd, POLLIN, 0},   {k->lsock, POLLIN, 0}};
    if (poll(p, k->lsock >= 0 ? 5 : 4, -1) < 0 && errno != EINTR)
        return -1;
    if (p[0].revents)
        read_signals(k);
    if (p[1].revents)
        ipcfg_lx_keeper_read_events(k);
    for (int i = 2; i <= 3; i++) {
        uint64_t ticks;
        if (p[i].revents) {
            /* ECANCELED: the clock was set or the host resumed; looked at anew */
            (void)!read(p[i].fd, &ticks, sizeof(ticks));
            for (int j = 0; j < IPCFG_LX_KEEPER_LEASES; j++)
                k->lease[j].reread = 1;
        }
    }
    if (k->lsock >= 0 && p[4].revents) {
        int c = accept4(k->lsock, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (c >= 0)
            (void)close(c);
    }
    return 0;
}

/* The keeper's life once it holds the interface; its exit status. */
static int keep(keeper *k)
{
    if (!start_all(k)) {
        ipcfg_lx_klog(LOG_INFO, "the lease was released: there is nothing to keep; the keeper stops");
        ready();
        return 0;
    }
    ready();
    ipcfg_lx_klog(LOG_INFO, "keeping the lease (process %ld)", (long)getpid());
    while (!k->stop) {
        ipcfg_dhcp_clocks now;
        int64_t next = INT64_MAX, at;
        int ran = 0, kept = 0;
        if (k->check_other) {
            const char *who = ipcfg_lx_keeper_other_client(k);
            k->check_other = 0;
            if (who != NULL) {
                yield_to(k, who);
                break;
            }
        }
        adopt(k);
        clocks(k, &now);
        for (int i = 0; i < IPCFG_LX_KEEPER_LEASES && !ran; i++) {
            if (!k->lease[i].active)
                continue;
            ran = look(k, &k->lease[i], &now, &at);
            next = at < next ? at : next;
        }
        for (int i = 0; i < IPCFG_LX_KEEPER_LEASES; i++)
            kept |= k->lease[i].active;
        if (!kept) {
            ipcfg_lx_klog(LOG_INFO, "neither lease is left to keep; the keeper stops");
            break;
        }
        if (ran)
            continue;
        arm(k, &now, next);
        status(k, &now, next);
        if (wait_next(k) != 0)
            break;
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
        ipcfg_lx_keeper_slot_dns(&k, &k.lease[IPCFG_LX_KEEPER_V4], 0);
        if (k.lease[IPCFG_LX_KEEPER_V6].active)
            ipcfg_lx_keeper_slot_dns(&k, &k.lease[IPCFG_LX_KEEPER_V6], 0);
        ipcfg_lx_knotify("STOPPING=1");
        ipcfg_lx_klog(LOG_INFO, "the keeper stops");
    }
    return rc < 0 ? 0 : rc;
}
