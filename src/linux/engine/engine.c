/* ipcfg — the engine process of a DHCP exchange (see engine/engine.h).
 *
 * Confined by its own first steps (engine/confine.c): no root, no
 * capability, an empty root directory and a seccomp filter; it can only
 * use the sockets it is handed.  Every effect is a request to the privileged part
 * (wire/engine_wire.h), answered before the engine goes on.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "engine/engine.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "dhcp/dhcp_arp.h"
#include "dhcp/dhcp_client.h"
#include "clock.h"
#include "dhcp/dhcp_frame.h"
#include "engine/confine.h"
#include "engine/engine6.h"
#include "engine/engine_call.h"
#include "engine/packet_io.h"
#include "wire/engine_wire.h"

#define DRAIN_MAX 32 /* datagrams read from one socket per wakeup */
#define GRACE_MS IPCFG_LX_ENGINE_GRACE_MS

/* "now" for the state machine (dhcp_client.h) */
static ipcfg_dhcp_now now_get(void)
{
    ipcfg_dhcp_now n;

    n.mono_ms = ipcfg_lx_clock_ms(CLOCK_MONOTONIC);
    n.wall_s = ipcfg_lx_wall_s();
    return n;
}

/* ---- requests to the privileged part (engine/engine_call.c) ---- */

/* One request with a DHCPv4 lease's text (l NULL: none). */
static int call_step(engine_job *j, uint32_t type, uint32_t arg, const ipcfg_dhcp_lease *l, const ipcfg_error *outcome,
                     ipcfg_error *err, int *fd, int *saving)
{
    size_t tl = 0;

    if (l != NULL) {
        tl = ipcfg_dhcp_lease_format(l, ipcfg_lx_engine_text(j->e), IPCFG_LX_WIRE_TEXT_MAX + 1);
        if (tl == 0 || tl > IPCFG_LX_WIRE_TEXT_MAX) {
            if (err != NULL)
                ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "The lease of %s could not be written out.",
                                j->ifname);
            return IPCFG_E_FAILED;
        }
    }
    return ipcfg_lx_engine_call(j, type, arg, tl, outcome, err, fd, saving);
}

static int call(engine_job *j, uint32_t type, uint32_t arg, const ipcfg_dhcp_lease *l, const ipcfg_error *outcome,
                ipcfg_error *err, int *fd)
{
    return call_step(j, type, arg, l, outcome, err, fd, NULL);
}

/* The engine cannot go on (its confinement failed): tells the privileged
 * side why (an ABORT) and exits the process. */
static void engine_fail(int rpc, const char *why)
{
    ipcfg_lx_wire_req req;

    memset(&req, 0, sizeof(req));
    req.type = IPCFG_LX_W_ABORT;
    ipcfg_error_set(&req.err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "The DHCP engine process %s.", why);
    (void)ipcfg_lx_wire_send(rpc, &req, sizeof(req), -1);
    _exit(1);
}

/* ---- the engine's effects (ipcfg_dhcp_io) ---- */

static int io_send(void *ctx, const uint8_t *msg, size_t len, const ipcfg_dhcp_dest *to)
{
    static const uint8_t any[4] = {0, 0, 0, 0}, bcast[4] = {255, 255, 255, 255};
    engine_job *j = ctx;
    const uint8_t *dst = to->broadcast ? bcast : to->dst;

    if (to->has_src) {
        if (ipcfg_lx_engine_open_sock(j, IPCFG_LX_SOCK_UDP, &j->udp) != 0)
            return -1;
        return ipcfg_lx_dhcp_udp_send(j->udp, (int)j->ifindex, to->src, dst, msg, len) == 0 ? 0 : -1;
    }
    if (ipcfg_lx_engine_open_sock(j, IPCFG_LX_SOCK_PACKET, &j->pkt) != 0)
        return -1;
    len = ipcfg_dhcp_frame_build(j->e->buf, sizeof(j->e->buf), any, dst, IPCFG_DHCP_CLIENT_PORT,
                                 IPCFG_DHCP_SERVER_PORT, j->e->ip_id++, msg, len);
    if (len == 0)
        return -1;
    return ipcfg_lx_dhcp_packet_send(j->pkt, (int)j->ifindex, j->e->buf, len) == 0 ? 0 : -1;
}

static int probe_send(engine_job *j)
{
    uint8_t pkt[IPCFG_DHCP_ARP_LEN];
    size_t n = ipcfg_dhcp_arp_probe(pkt, sizeof(pkt), j->hw, j->probe.addr);

    return ipcfg_lx_arp_send(j->arp, (int)j->ifindex, pkt, n);
}

/* The probe starts with its first ARP probe, at once; one that cannot be
 * sent is no probe (the client binds without it). */
static int io_probe(void *ctx, const uint8_t addr[4])
{
    engine_job *j = ctx;
    ipcfg_dhcp_now now = now_get();

    if (ipcfg_lx_engine_open_sock(j, IPCFG_LX_SOCK_ARP, &j->arp) != 0)
        return -1;
    ipcfg_dhcp_probe_start(&j->probe, addr, now.mono_ms, j->probe_ms);
    if (ipcfg_dhcp_probe_step(&j->probe, now.mono_ms) != IPCFG_DHCP_PROBE_SEND || probe_send(j) != 0) {
        ipcfg_dhcp_probe_stop(&j->probe);
        return -1;
    }
    return 0;
}

static int io_apply(void *ctx, const ipcfg_dhcp_lease *lease, const ipcfg_dhcp_lease *old, ipcfg_error *err)
{
    return call(ctx, IPCFG_LX_W_APPLY, old != NULL, lease, NULL, err, NULL);
}

static int io_commit(void *ctx, const ipcfg_dhcp_lease *lease, const ipcfg_dhcp_lease *old, ipcfg_error *err,
                     int *saving)
{
    uint32_t how = IPCFG_LX_APPLY_SAVE | (old != NULL ? IPCFG_LX_APPLY_REPLACES : 0u);
    return call_step(ctx, IPCFG_LX_W_APPLY, how, lease, NULL, err, NULL, saving);
}

static int io_unapply(void *ctx, const ipcfg_dhcp_lease *lease, ipcfg_error *err)
{
    return call(ctx, IPCFG_LX_W_UNAPPLY, 0, lease, NULL, err, NULL);
}

static int io_save(void *ctx, const ipcfg_dhcp_lease *lease, ipcfg_error *err)
{
    return call(ctx, IPCFG_LX_W_SAVE, 0, lease, NULL, err, NULL);
}

/* ---- one job ---- */

static void job_finish(engine_job *j, const ipcfg_error *res)
{
    ipcfg_lx_engine_finish(j, ipcfg_dhcp_client_left_out(&j->v4), res);
}

static void on_start(engine *e)
{
    ipcfg_lx_wire_start s;
    ipcfg_dhcp_lease rec;
    ipcfg_dhcp_config cfg;
    ipcfg_dhcp_io io;
    char why[200];
    long n = ipcfg_lx_wire_recv(e->ctl, e->msg, sizeof(e->msg), NULL);

    if (n <= 0 && n != -EAGAIN)
        _exit(0); /* the privileged part is done (or gone) */
    if (n < (long)sizeof(s))
        return;
    memcpy(&s, e->msg, sizeof(s));
    if (s.type != IPCFG_LX_W_START || s.rec_len > (size_t)n - sizeof(s))
        return;
    if (e->n == e->cap) {
        size_t nc = e->cap ? e->cap * 2 : 4;
        engine_job **q = realloc(e->jobs, nc * sizeof(*q));
        if (q == NULL)
            _exit(1);
        e->jobs = q;
        e->cap = nc;
    }
    engine_job *j = calloc(1, sizeof(*j));
    if (j == NULL)
        _exit(1);
    e->jobs[e->n++] = j;
    j->e = e;
    j->id = s.job;
    s.ifname[sizeof(s.ifname) - 1] = '\0';
    s.hostname[sizeof(s.hostname) - 1] = '\0';
    s.fqdn[sizeof(s.fqdn) - 1] = '\0';
    s.classid[sizeof(s.classid) - 1] = '\0';
    ipcfg_copy_str(j->ifname, sizeof(j->ifname), s.ifname);
    j->ifindex = s.ifindex;
    memcpy(j->hw, s.hw, 6);
    j->deadline = s.deadline_ms;
    j->probe_ms = s.probe_ms;
    j->pkt = j->udp = j->arp = -1;
    j->family = (ipcfg_family)s.family;
    if (s.version != IPCFG_LX_WIRE_VERSION || (j->family != IPCFG_AF_INET4 && j->family != IPCFG_AF_INET6)) {
        ipcfg_error err;
        ipcfg_error_clear(&err);
        ipcfg_error_set(&err, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP,
                        "The DHCP engine runs DHCPv4 and DHCPv6 jobs of its own version only; this one was refused.");
        job_finish(j, &err);
        return;
    }
    if (j->family == IPCFG_AF_INET6) {
        ipcfg_lx_engine6_start(j, &s, (const char *)e->msg + sizeof(s), s.rec_len);
        return;
    }

    int have = s.rec_len > 0 &&
               ipcfg_dhcp_lease_parse((const char *)e->msg + sizeof(s), s.rec_len, &rec, why, sizeof(why)) == 0;
    memset(&cfg, 0, sizeof(cfg));
    ipcfg_copy_str(cfg.ifname, sizeof(cfg.ifname), j->ifname);
    cfg.htype = 1;
    memcpy(cfg.hwaddr, j->hw, 6);
    cfg.hwaddr_len = 6;
    ipcfg_copy_str(cfg.hostname, sizeof(cfg.hostname), s.hostname);
    ipcfg_copy_str(cfg.fqdn, sizeof(cfg.fqdn), s.fqdn);
    ipcfg_copy_str(cfg.classid, sizeof(cfg.classid), s.classid);
    cfg.name_choice = s.name_choice <= IPCFG_DHCP_NAME_NONE ? (ipcfg_dhcp_name_choice)s.name_choice : IPCFG_DHCP_NAME_NONE;
    cfg.probe_ms = s.probe_ms;
    cfg.verify = s.verify != 0;
    cfg.lapsed = s.lapsed != 0;
    cfg.paced = s.paced != 0;
    memset(&io, 0, sizeof(io));
    io.ctx = j;
    io.send = io_send;
    io.probe = io_probe;
    io.apply = io_apply;
    io.unapply = io_unapply;
    io.save = io_save;
    io.commit = io_commit;
    io.random = ipcfg_lx_engine_random;
    ipcfg_dhcp_client_init(&j->v4, &cfg, &io);
    ipcfg_dhcp_now now = now_get();
    ipcfg_dhcp_client_start(&j->v4, (ipcfg_dhcp_op)s.op, have ? &rec : NULL, s.addr_present != 0, &now,
                            s.deadline_ms);
}

static void job_step(engine_job *j, const ipcfg_dhcp_now *now)
{
    ipcfg_error res;

    if (j->v6 != NULL) {
        ipcfg_lx_engine6_step(j);
        return;
    }
    switch (ipcfg_dhcp_probe_step(&j->probe, now->mono_ms)) {
    case IPCFG_DHCP_PROBE_FREE:
        ipcfg_dhcp_client_probe_done(&j->v4, now, 0);
        break;
    case IPCFG_DHCP_PROBE_SEND:
        (void)probe_send(j);
        break;
    case IPCFG_DHCP_PROBE_IDLE:
        break;
    }
    if (!ipcfg_dhcp_client_done(&j->v4, NULL) && now->mono_ms >= ipcfg_dhcp_client_next_wakeup(&j->v4))
        ipcfg_dhcp_client_timer(&j->v4, now);
    ipcfg_error_clear(&res);
    if (ipcfg_dhcp_client_done(&j->v4, &res)) {
        job_finish(j, &res);
    } else if (now->mono_ms >= j->deadline + GRACE_MS) {
        ipcfg_error_clear(&res);
        ipcfg_error_set(&res, IPCFG_E_TIMEOUT, IPCFG_R_DHCP_TIMEOUT, NULL);
        job_finish(j, &res);
    }
}

static int64_t job_next(const engine_job *j)
{
    if (j->v6 != NULL)
        return ipcfg_lx_engine6_next(j);
    int64_t t = ipcfg_dhcp_client_next_wakeup(&j->v4);

    if (j->deadline + GRACE_MS < t)
        t = j->deadline + GRACE_MS;
    if (ipcfg_dhcp_probe_next(&j->probe) < t)
        t = ipcfg_dhcp_probe_next(&j->probe);
    return t;
}

/* ---- receiving: everything the network sends is parsed here ---- */

enum { K_PKT, K_UDP, K_ARP };

static void test_hook_forbidden(void)
{
#ifdef IPCFG_TEST_HOOKS
    /* test builds only: a system call the filter forbids, made where the
     * engine parses a packet; the filter kills the process (SIGSYS) */
    if (getenv("IPCFG_TEST_ENGINE_FORBIDDEN") != NULL)
        (void)syscall(SYS_openat, AT_FDCWD, "/", O_RDONLY | O_CLOEXEC);
#endif
}

static void on_readable(engine_job *j, int kind)
{
    uint8_t *buf = j->e->buf;
    size_t cap = sizeof(j->e->buf);

    if (j->v6 != NULL) {
        if (kind == K_UDP)
            ipcfg_lx_engine6_readable(j);
        return;
    }
    for (int i = 0; i < DRAIN_MAX && !j->done; i++) {
        ipcfg_dhcp_now now;
        const char *why = NULL;
        long n;

        if (kind == K_PKT) {
            ipcfg_dhcp_frame f;
            int partial = 0;
            n = ipcfg_lx_dhcp_packet_recv(j->pkt, buf, cap, &partial);
            if (n < 0)
                return;
            test_hook_forbidden();
            if (n == 0 || ipcfg_dhcp_frame_parse(buf, (size_t)n, partial, &f, &why) != 0)
                continue;
            now = now_get();
            (void)ipcfg_dhcp_client_receive(&j->v4, &now, f.payload, f.len, &why);
        } else if (kind == K_UDP) {
            ssize_t m = recv(j->udp, buf, cap, MSG_TRUNC | MSG_DONTWAIT);
            if (m < 0)
                return;
            test_hook_forbidden();
            if ((size_t)m > cap)
                continue;
            now = now_get();
            (void)ipcfg_dhcp_client_receive(&j->v4, &now, buf, (size_t)m, &why);
        } else { /* K_ARP */
            n = ipcfg_lx_arp_recv(j->arp, buf, cap);
            if (n < 0)
                return;
            if (n == 0 || !ipcfg_dhcp_probe_heard(&j->probe, buf, (size_t)n, j->hw))
                continue;
            now = now_get();
            ipcfg_dhcp_client_probe_done(&j->v4, &now, 1);
            return;
        }
    }
}

/* ---- the loop ---- */

void ipcfg_lx_engine_main(int ctl, int rpc, pid_t parent, const char *empty_dir)
{
    static engine e;
    struct pollfd *pfd = NULL;
    size_t *who = NULL, pcap = 0;
    int *kind = NULL;
    const char *why = "";

    /* nothing of the privileged side's is kept */
    if (ipcfg_lx_confine_fds(ctl, rpc) != 0)
        engine_fail(rpc, "cannot close its descriptors");
    e.ctl = ctl;
    e.rpc = rpc;
    e.ip_id = (uint16_t)ipcfg_lx_engine_random(NULL);
    /* The command forks the engine when its privilege check passes, so
     * that the confinement overlaps its listing: it comes before the
     * first job arrives, long before anything from the network is read. */
    if (ipcfg_lx_confine(empty_dir, parent, &why) != 0)
        engine_fail(rpc, why);
    for (;;) {
        ipcfg_dhcp_now now = now_get();
        int64_t next = INT64_MAX;
        nfds_t np = 0;

        if (pcap < 1 + 3 * e.n) {
            size_t nc = 4 + 6 * e.n;
            struct pollfd *p2 = realloc(pfd, nc * sizeof(*p2));
            size_t *w2 = p2 ? realloc(who, nc * sizeof(*w2)) : NULL;
            int *k2 = w2 ? realloc(kind, nc * sizeof(*k2)) : NULL;
            if (p2 != NULL)
                pfd = p2;
            if (w2 != NULL)
                who = w2;
            if (k2 == NULL)
                _exit(1);
            kind = k2;
            pcap = nc;
        }
        pfd[np].fd = ctl;
        pfd[np].events = POLLIN;
        np++;
        for (size_t i = 0; i < e.n; i++) {
            engine_job *j = e.jobs[i];
            if (!j->done)
                job_step(j, &now);
            if (j->done)
                continue;
            if (job_next(j) < next)
                next = job_next(j);
            int fds[3] = {j->pkt, j->udp, j->arp};
            for (int k = 0; k < 3; k++) {
                if (fds[k] < 0)
                    continue;
                pfd[np].fd = fds[k];
                pfd[np].events = POLLIN;
                who[np] = i;
                kind[np] = k;
                np++;
            }
        }
        now = now_get();
        int ms = next == INT64_MAX ? -1 : next <= now.mono_ms ? 0 : next - now.mono_ms > INT_MAX ? INT_MAX
                                                                                                 : (int)(next - now.mono_ms);
        if (poll(pfd, np, ms) < 0 && errno != EINTR)
            _exit(1);
        for (nfds_t k = 1; k < np; k++)
            if (pfd[k].revents != 0 && !e.jobs[who[k]]->done)
                on_readable(e.jobs[who[k]], kind[k]);
        if (pfd[0].revents != 0)
            on_start(&e);
    }
}
