/* ipcfg — /release and /renew on Linux (see dhcp_run.h).
 *
 * For n selected interfaces: the privilege check before anything is sent,
 * one ipcfg_dhcp_client each, a lock per interface, the recorded lease,
 * and one poll() over every client's sockets and timers until all are done
 * or the one deadline passes.  Nothing sleeps: every wait is a poll() with
 * the nearest timer as its timeout.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "dhcp_run.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/rtnetlink.h>

#include "dhcp/dhcp_client.h"
#include "dhcp/dhcp_frame.h"
#include "dhcp_addrs.h"
#include "dhcp_apply.h"
#include "dhcp_close.h"
#include "dhcp_io.h"
#include "dhcp_store.h"
#include "error.h"
#include "nlreq.h"
#include "nlsock.h"
#include "caps.h"
#include "statedir.h"

#define DRAIN_MAX 32         /* datagrams read from one socket per wakeup */
#define GRACE_MS 500         /* past the deadline, a client that is not done is stopped */

typedef enum phase { P_LOCK = 0, P_RUN, P_DONE } phase;

struct run;

typedef struct jrt {
    struct run *run;
    ipcfg_dhcp_job *job;
    char ifname[IPCFG_DHCP_IFNAME_MAX];
    uint32_t ifindex;
    uint8_t hw[6];
    phase ph;
    ipcfg_lx_iflock lock;
    int64_t lock_retry_at; /* INT64_MAX: none */
    int waited;            /* the lock was taken by another run when we came */
    char note[IPCFG_ERRTEXT_MAX]; /* "" or a line for the result (a lease file ignored) */
    int pkt, udp, arp;     /* sockets, -1 when not open */
    int probing;
    uint8_t probe_addr[4];
    unsigned probes_sent;
    int64_t probe_next, probe_end;
    ipcfg_dhcp_client c;
} jrt;

typedef struct run {
    ipcfg_dhcp_op op;
    const char *dir;
    int64_t deadline;
    ipcfg_nlsock nl;
    int nl_open;
    ipcfg_lx_addr4s addrs; /* the IPv4 address dump, once needed */
    char hostname[64];
    unsigned probe_ms; /* the conflict probe's wait; 0: none (IPCFG_DHCP_PROBE_MS) */
    ipcfg_lx_closer slow; /* packet sockets done with (dhcp_close.c) */
    uint16_t ip_id;
    uint8_t buf[2048];
} run;

/* ---- time ---- */

static ipcfg_dhcp_now now_get(void)
{
    struct timespec m, w;
    ipcfg_dhcp_now n;

    clock_gettime(CLOCK_MONOTONIC, &m);
    clock_gettime(CLOCK_REALTIME, &w);
    n.mono_ms = (int64_t)m.tv_sec * 1000 + m.tv_nsec / 1000000;
    n.wall_s = (int64_t)w.tv_sec;
    return n;
}

/* The conflict probe's wait: IPCFG_DHCP_PROBE_MS, 0 to 10000 ms (0: no
 * probe), else IPCFG_LX_PROBE_WAIT_MS.  secure_getenv: a set-uid copy
 * keeps the default. */
static unsigned probe_wait_ms(void)
{
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

/* ---- the address dump (one for all interfaces) ---- */

static int addr_present(run *r, uint32_t ifindex, const ipcfg_dhcp_lease *l, int fresh)
{
    if (l->state != IPCFG_DHCP_LEASE_BOUND)
        return 0;
    if (fresh || !r->addrs.have)
        ipcfg_lx_addr4s_dump(&r->addrs, &r->nl);
    return ipcfg_lx_addr4s_has(&r->addrs, ifindex, l->address, l->prefix_len);
}

static void close_fd(int *fd)
{
    if (*fd >= 0)
        (void)close(*fd);
    *fd = -1;
}

/* ---- the engine's effects ---- */

static int io_send(void *ctx, const uint8_t *msg, size_t len, const ipcfg_dhcp_dest *to)
{
    static const uint8_t any[4] = {0, 0, 0, 0}, bcast[4] = {255, 255, 255, 255};
    jrt *j = ctx;
    run *r = j->run;
    const uint8_t *dst = to->broadcast ? bcast : to->dst;
    int e;

    if (to->has_src) {
        if (j->udp < 0) {
            j->udp = ipcfg_lx_dhcp_udp_socket(j->ifname);
            if (j->udp < 0)
                return -1;
        }
        e = ipcfg_lx_dhcp_udp_send(j->udp, (int)j->ifindex, to->src, dst, msg, len);
        return e == 0 ? 0 : -1;
    }
    if (j->pkt < 0) {
        j->pkt = ipcfg_lx_dhcp_packet_socket((int)j->ifindex);
        if (j->pkt < 0)
            return -1;
    }
    len = ipcfg_dhcp_frame_build(r->buf, sizeof r->buf, any, dst, IPCFG_DHCP_CLIENT_PORT, IPCFG_DHCP_SERVER_PORT,
                                 r->ip_id++, msg, len);
    if (len == 0)
        return -1;
    return ipcfg_lx_dhcp_packet_send(j->pkt, (int)j->ifindex, r->buf, len) == 0 ? 0 : -1;
}

static int probe_send(jrt *j)
{
    uint8_t pkt[28];
    size_t n = ipcfg_lx_arp_probe(pkt, sizeof pkt, j->hw, j->probe_addr);

    return ipcfg_lx_arp_send(j->arp, (int)j->ifindex, pkt, n);
}

static int io_probe(void *ctx, const uint8_t addr[4])
{
    jrt *j = ctx;
    ipcfg_dhcp_now now = now_get();

    if (j->arp < 0) {
        j->arp = ipcfg_lx_arp_socket((int)j->ifindex);
        if (j->arp < 0)
            return -1;
    }
    memcpy(j->probe_addr, addr, 4);
    if (probe_send(j) != 0)
        return -1;
    /* Nothing arrives for the DHCP packet socket while the address is
     * probed (a DECLINE reopens it).  Closing a packet socket waits for an
     * RCU grace period (synchronize_net in packet_release), several
     * milliseconds: spent here it overlaps the probe wait instead of
     * adding to the run's end. */
    close_fd(&j->pkt);
    j->probing = 1;
    j->probes_sent = 1;
    j->probe_next = now.mono_ms + IPCFG_LX_PROBE_INTERVAL_MS;
    j->probe_end = now.mono_ms + j->run->probe_ms;
    return 0;
}

/* Without a recorded lease (none, released, or a lease file lost or
 * corrupt), an IPv4 address on the interface that ipcfg marked as its own
 * (IFA_PROTO) is a lease nobody records any more: it is taken off before
 * the new lease goes on, so that it neither stays beside the new address
 * nor, once it expires, takes the new address and its routes with it. */
static int drop_stale(jrt *j, const ipcfg_dhcp_lease *lease, ipcfg_error *err)
{
    run *r = j->run;

    if (!r->addrs.have)
        ipcfg_lx_addr4s_dump(&r->addrs, &r->nl);
    for (size_t i = 0; i < r->addrs.n; i++) {
        const ipcfg_lx_addr4 *a = &r->addrs.v[i];
        ipcfg_dhcp_lease stale;
        int st;
        if (a->ifindex != j->ifindex || a->proto != IPCFG_LX_ADDR_PROTO ||
            (memcmp(a->a, lease->address, 4) == 0 && a->plen == lease->prefix_len))
            continue;
        memset(&stale, 0, sizeof(stale));
        stale.state = IPCFG_DHCP_LEASE_BOUND;
        ipcfg_copy_str(stale.ifname, sizeof(stale.ifname), j->ifname);
        memcpy(stale.address, a->a, 4);
        stale.prefix_len = a->plen;
        st = ipcfg_lx_dhcp_unapply(&r->nl, j->ifindex, &stale, err);
        if (st != 0)
            return st;
    }
    return 0;
}

static int io_apply(void *ctx, const ipcfg_dhcp_lease *lease, const ipcfg_dhcp_lease *old, ipcfg_error *err)
{
    jrt *j = ctx;

    if (old == NULL) {
        int st = drop_stale(j, lease, err);
        if (st != 0)
            return st;
    }
    return ipcfg_lx_dhcp_apply(&j->run->nl, j->ifindex, lease, old, now_get().wall_s, err);
}

static int io_unapply(void *ctx, const ipcfg_dhcp_lease *lease, ipcfg_error *err)
{
    jrt *j = ctx;

    return ipcfg_lx_dhcp_unapply(&j->run->nl, j->ifindex, lease, err);
}

static int io_save(void *ctx, const ipcfg_dhcp_lease *lease, ipcfg_error *err)
{
    jrt *j = ctx;

    return ipcfg_lx_lease_save(j->run->dir, lease, err);
}

static uint32_t io_random(void *ctx)
{
    uint32_t v = 0;

    (void)ctx;
    if (getrandom(&v, sizeof v, GRND_NONBLOCK) != (ssize_t)sizeof v) {
        struct timespec t;
        clock_gettime(CLOCK_MONOTONIC, &t);
        v = (uint32_t)t.tv_nsec ^ (uint32_t)getpid() << 16;
    }
    return v;
}

/* ---- one job ---- */

static void job_finish(jrt *j, const ipcfg_error *res)
{
    if (res != NULL)
        j->job->err = *res;
    /* A success carries the note as its text (backend.h: the core writes
     * it as one line, escaped like every byte it prints); a failure's own
     * line stands alone. */
    if (j->job->err.status == 0 && j->note[0] != '\0')
        ipcfg_copy_str(j->job->err.text, sizeof j->job->err.text, j->note);
    j->note[0] = '\0';
    ipcfg_lx_closer_add(&j->run->slow, &j->pkt);
    close_fd(&j->udp);
    ipcfg_lx_closer_add(&j->run->slow, &j->arp);
    j->probing = 0;
    ipcfg_lx_iflock_release(&j->lock);
    j->ph = P_DONE;
}

/* The lock is held: load the record and start the client. */
static void job_begin(jrt *j, const ipcfg_dhcp_now *now)
{
    run *r = j->run;
    ipcfg_dhcp_config cfg;
    ipcfg_dhcp_io io;
    ipcfg_dhcp_lease *rec = malloc(sizeof *rec);
    char why[512];
    int have, present = 0;

    if (rec == NULL) {
        ipcfg_error e;
        ipcfg_error_clear(&e);
        ipcfg_error_set(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "Out of memory.");
        job_finish(j, &e);
        return;
    }
    have = ipcfg_lx_lease_load(r->dir, j->ifname, rec, why, sizeof why);
    if (have < 0) /* corrupt or unreadable: said once in the result, then no lease */
        ipcfg_copy_str(j->note, sizeof j->note, why);
    if (have == 1)
        present = addr_present(r, j->ifindex, rec, j->waited);

    memset(&cfg, 0, sizeof cfg);
    ipcfg_copy_str(cfg.ifname, sizeof cfg.ifname, j->ifname);
    cfg.htype = 1;
    memcpy(cfg.hwaddr, j->hw, 6);
    cfg.hwaddr_len = 6;
    ipcfg_copy_str(cfg.hostname, sizeof cfg.hostname, r->hostname);
    cfg.probe_ms = r->probe_ms;
    memset(&io, 0, sizeof io);
    io.ctx = j;
    io.send = io_send;
    io.probe = io_probe;
    io.apply = io_apply;
    io.unapply = io_unapply;
    io.save = io_save;
    io.random = io_random;
    ipcfg_dhcp_client_init(&j->c, &cfg, &io);
    j->ph = P_RUN;
    ipcfg_dhcp_client_start(&j->c, r->op, have == 1 ? rec : NULL, present, now, r->deadline);
    free(rec);
}

static void job_try_lock(jrt *j, const ipcfg_dhcp_now *now)
{
    ipcfg_lx_lock_res lr = ipcfg_lx_iflock_try(&j->lock, j->ifname);

    j->lock_retry_at = INT64_MAX;
    switch (lr) {
    case IPCFG_LX_LOCK_HELD:
        job_begin(j, now);
        return;
    case IPCFG_LX_LOCK_WAIT:
        j->waited = 1;
        return;
    case IPCFG_LX_LOCK_RETRY:
        j->waited = 1;
        j->lock_retry_at = now->mono_ms + IPCFG_LX_LOCK_POLL_MS;
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
        job_finish(j, &e);
        return;
    }
    }
}

static void job_step(jrt *j, const ipcfg_dhcp_now *now)
{
    ipcfg_error res;

    if (j->ph == P_LOCK) {
        if (now->mono_ms >= j->run->deadline) {
            ipcfg_error_clear(&res);
            ipcfg_error_set(&res, IPCFG_E_TIMEOUT, IPCFG_R_SYSTEM,
                            "Another ipcfg run kept %s busy until the timeout; nothing was changed.", j->ifname);
            job_finish(j, &res);
        } else if (now->mono_ms >= j->lock_retry_at) {
            job_try_lock(j, now);
        }
    }
    if (j->ph != P_RUN)
        return;
    if (j->probing && now->mono_ms >= j->probe_end) {
        j->probing = 0;
        ipcfg_lx_closer_add(&j->run->slow, &j->arp);
        ipcfg_dhcp_client_probe_done(&j->c, now, 0);
    } else if (j->probing && j->probes_sent < IPCFG_LX_PROBE_COUNT && now->mono_ms >= j->probe_next) {
        j->probes_sent++;
        j->probe_next = now->mono_ms + IPCFG_LX_PROBE_INTERVAL_MS;
        (void)probe_send(j);
    }
    if (!ipcfg_dhcp_client_done(&j->c, NULL) && now->mono_ms >= ipcfg_dhcp_client_next_wakeup(&j->c))
        ipcfg_dhcp_client_timer(&j->c, now);
    ipcfg_error_clear(&res);
    if (ipcfg_dhcp_client_done(&j->c, &res)) {
        job_finish(j, &res);
    } else if (now->mono_ms >= j->run->deadline + GRACE_MS) {
        ipcfg_error_clear(&res);
        ipcfg_error_set(&res, IPCFG_E_TIMEOUT, IPCFG_R_DHCP_TIMEOUT, NULL);
        job_finish(j, &res);
    }
}

static int64_t job_next(const jrt *j)
{
    int64_t t = INT64_MAX;

    if (j->ph == P_LOCK) {
        t = j->run->deadline;
        if (j->lock_retry_at < t)
            t = j->lock_retry_at;
    } else if (j->ph == P_RUN) {
        t = ipcfg_dhcp_client_next_wakeup(&j->c);
        if (j->run->deadline + GRACE_MS < t)
            t = j->run->deadline + GRACE_MS;
        if (j->probing) {
            if (j->probe_end < t)
                t = j->probe_end;
            if (j->probes_sent < IPCFG_LX_PROBE_COUNT && j->probe_next < t)
                t = j->probe_next;
        }
    }
    return t;
}

/* ---- receiving ---- */

enum { K_PKT, K_UDP, K_ARP, K_LOCK };

static void on_readable(jrt *j, int kind)
{
    run *r = j->run;

    for (int i = 0; i < DRAIN_MAX && j->ph == P_RUN; i++) {
        ipcfg_dhcp_now now;
        const char *why = NULL;
        long n;

        if (kind == K_PKT) {
            ipcfg_dhcp_frame f;
            int partial = 0;
            if (j->pkt < 0)
                return;
            n = ipcfg_lx_dhcp_packet_recv(j->pkt, r->buf, sizeof r->buf, &partial);
            if (n < 0)
                return;
            if (n == 0 || ipcfg_dhcp_frame_parse(r->buf, (size_t)n, partial, &f, &why) != 0)
                continue;
            now = now_get();
            (void)ipcfg_dhcp_client_receive(&j->c, &now, f.payload, f.len, &why);
        } else if (kind == K_UDP) {
            ssize_t m;
            if (j->udp < 0)
                return;
            m = recv(j->udp, r->buf, sizeof r->buf, MSG_TRUNC);
            if (m < 0)
                return;
            if ((size_t)m > sizeof r->buf)
                continue;
            now = now_get();
            (void)ipcfg_dhcp_client_receive(&j->c, &now, r->buf, (size_t)m, &why);
        } else { /* K_ARP */
            ipcfg_lx_arp a;
            if (j->arp < 0)
                return;
            n = ipcfg_lx_arp_recv(j->arp, r->buf, sizeof r->buf);
            if (n < 0)
                return;
            if (n == 0 || !j->probing || ipcfg_lx_arp_parse(r->buf, (size_t)n, &a) != 0 ||
                !ipcfg_lx_arp_conflict(&a, j->hw, j->probe_addr))
                continue;
            j->probing = 0;
            ipcfg_lx_closer_add(&j->run->slow, &j->arp);
            now = now_get();
            ipcfg_dhcp_client_probe_done(&j->c, &now, 1);
            return;
        }
    }
}

/* ---- the loop ---- */

static void run_all(jrt *js, size_t n)
{
    struct pollfd *pfd = calloc(4 * n, sizeof *pfd);
    size_t *who = calloc(4 * n, sizeof *who);
    int *kind = calloc(4 * n, sizeof *kind);

    if (pfd == NULL || who == NULL || kind == NULL) {
        ipcfg_error e;
        ipcfg_error_clear(&e);
        ipcfg_error_set(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "Out of memory.");
        for (size_t i = 0; i < n; i++)
            if (js[i].ph != P_DONE)
                job_finish(&js[i], &e);
        goto out;
    }
    for (;;) {
        ipcfg_dhcp_now now = now_get();
        int64_t next = INT64_MAX;
        nfds_t np = 0;
        int active = 0, ms;

        for (size_t i = 0; i < n; i++) {
            jrt *j = &js[i];
            job_step(j, &now);
            if (j->ph == P_DONE)
                continue;
            active = 1;
            if (job_next(j) < next)
                next = job_next(j);
#define WATCH(fdv, k)                                                                                                  \
    do {                                                                                                               \
        if ((fdv) >= 0) {                                                                                              \
            pfd[np].fd = (fdv);                                                                                        \
            pfd[np].events = POLLIN;                                                                                   \
            pfd[np].revents = 0;                                                                                       \
            who[np] = i;                                                                                               \
            kind[np] = (k);                                                                                            \
            np++;                                                                                                      \
        }                                                                                                              \
    } while (0)
            if (j->ph == P_LOCK) {
                WATCH(j->lock.waitfd, K_LOCK);
            } else {
                WATCH(j->pkt, K_PKT);
                WATCH(j->udp, K_UDP);
                WATCH(j->arp, K_ARP);
            }
#undef WATCH
        }
        if (!active)
            break;
        now = now_get();
        if (next <= now.mono_ms)
            ms = 0;
        else if (next - now.mono_ms > INT_MAX)
            ms = INT_MAX;
        else
            ms = (int)(next - now.mono_ms);
        if (poll(pfd, np, ms) < 0 && errno != EINTR) {
            ipcfg_error e;
            ipcfg_error_clear(&e);
            (void)ipcfg_lx_fail_errno(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM, errno, "poll", NULL);
            for (size_t i = 0; i < n; i++)
                if (js[i].ph != P_DONE)
                    job_finish(&js[i], &e);
            break;
        }
        for (nfds_t k = 0; k < np; k++) {
            jrt *j = &js[who[k]];
            if (pfd[k].revents == 0)
                continue;
            if (kind[k] == K_LOCK) {
                if (j->ph == P_LOCK) {
                    ipcfg_dhcp_now t = now_get();
                    job_try_lock(j, &t);
                }
            } else if (j->ph == P_RUN) {
                on_readable(j, kind[k]);
            }
        }
    }
out:
    free(pfd);
    free(who);
    free(kind);
}

static void run_op(ipcfg_dhcp_op op, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o)
{
    ipcfg_dhcp_now now = now_get();
    unsigned timeout_s = (o != NULL && o->timeout_s != 0) ? o->timeout_s : IPCFG_LX_DHCP_TIMEOUT_DEFAULT_S;
    ipcfg_error e;
    jrt *js = NULL;
    run *r = NULL;
    size_t i;
    int st;

    ipcfg_error_clear(&e);
    for (i = 0; i < n; i++)
        ipcfg_error_clear(&jobs[i].err);
    if (n == 0)
        return;
    /* Privilege first, the kernel's answer (caps.c: CAP_NET_ADMIN and
     * CAP_NET_RAW over this network namespace): without it nothing is sent
     * and nothing changes. */
    {
        ipcfg_nlsock pnl;
        st = ipcfg_nlsock_open(&pnl);
        if (st != 0) {
            (void)ipcfg_lx_fail_errno(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM, -st, "Cannot open the rtnetlink socket", NULL);
            goto fail_all;
        }
        st = ipcfg_lx_check_change(&pnl, 1, &e);
        ipcfg_nlsock_close(&pnl);
        if (st != 0)
            goto fail_all;
    }
    r = calloc(1, sizeof *r);
    js = calloc(n, sizeof *js);
    if (r == NULL || js == NULL) {
        ipcfg_error_set(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "Out of memory.");
        goto fail_all;
    }
    r->op = op;
    r->dir = ipcfg_lx_state_dir();
    r->deadline = now.mono_ms + (int64_t)timeout_s * 1000;
    r->ip_id = (uint16_t)io_random(NULL);
    r->probe_ms = probe_wait_ms();
    if (gethostname(r->hostname, sizeof r->hostname) != 0)
        r->hostname[0] = '\0';
    r->hostname[sizeof r->hostname - 1] = '\0';
    if (op == IPCFG_DHCP_OP_RENEW && (st = ipcfg_lx_statedir_ensure(r->dir, &e)) != 0)
        goto fail_all;
    st = ipcfg_nlsock_open(&r->nl);
    if (st != 0) {
        (void)ipcfg_lx_fail_errno(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM, -st, "Cannot open the rtnetlink socket", NULL);
        goto fail_all;
    }
    r->nl_open = 1;

    for (i = 0; i < n; i++) {
        jrt *j = &js[i];
        const ipcfg_adapter *ad = jobs[i].ad;
        j->run = r;
        j->job = &jobs[i];
        j->pkt = j->udp = j->arp = -1;
        j->lock_retry_at = INT64_MAX;
        ipcfg_lx_iflock_init(&j->lock);
        ipcfg_copy_str(j->ifname, sizeof j->ifname, ad->name);
        j->ifindex = ad->ifindex;
        if (ad->hwaddr_len != 6 || strlen(ad->name) >= IPCFG_DHCP_IFNAME_MAX) {
            ipcfg_error_set(&e, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP,
                            "DHCP needs an Ethernet-type interface with a 6-byte hardware address; %s has none.",
                            ad->name);
            job_finish(j, &e);
            continue;
        }
        if (!ipcfg_dhcp_lease_ifname_ok(ad->name)) {
            /* the kernel allows control bytes in a name; the lease file
             * cannot hold them: refused before anything is sent or changed */
            ipcfg_error_set(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM,
                            "The name holds a control byte, a blank or '/', which ipcfg's lease file cannot "
                            "record; ipcfg does not run DHCP on it and nothing was changed.");
            job_finish(j, &e);
            continue;
        }
        memcpy(j->hw, ad->hwaddr, 6);
        j->ph = P_LOCK;
        job_try_lock(j, &now);
    }
    run_all(js, n);
    for (i = 0; i < n; i++)
        if (js[i].ph != P_DONE)
            job_finish(&js[i], NULL);
    ipcfg_lx_closer_release(&r->slow);
    ipcfg_nlsock_close(&r->nl);
    ipcfg_lx_addr4s_free(&r->addrs);
    free(r);
    free(js);
    return;

fail_all:
    for (i = 0; i < n; i++)
        jobs[i].err = e;
    if (r != NULL && r->nl_open)
        ipcfg_nlsock_close(&r->nl);
    free(r);
    free(js);
}

void ipcfg_lx_dhcp_release(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o)
{
    (void)b;
    run_op(IPCFG_DHCP_OP_RELEASE, jobs, n, o);
}

void ipcfg_lx_dhcp_renew(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o)
{
    (void)b;
    run_op(IPCFG_DHCP_OP_RENEW, jobs, n, o);
}
