/* ipcfg — the engine's DHCPv6 jobs (see engine/engine6.h).
 *
 * The client (src/dhcp6/dhcp6_client.h) sends every message to
 * All_DHCP_Relay_Agents_and_Servers, ff02::1:2 port 547 (RFC 8415 §7.1,
 * §14), from the interface's link-local address and port 546, on the
 * socket the privileged part bound to the interface; answers arrive on the
 * same socket and are parsed here only.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "engine/engine6.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"

#define DRAIN_MAX 32 /* datagrams read per wakeup */

static ipcfg_dhcp6_now now6(void)
{
    ipcfg_dhcp6_now n;

    n.mono_ms = ipcfg_lx_clock_ms(CLOCK_MONOTONIC);
    n.wall_s = ipcfg_lx_wall_s();
    return n;
}

/* One request with a DHCPv6 lease's text. */
static int call6(engine_job *j, uint32_t type, uint32_t arg, const ipcfg_dhcp6_lease *l, ipcfg_error *err,
                 int *saving)
{
    size_t tl = ipcfg_dhcp6_lease_format(l, ipcfg_lx_engine_text(j->e), IPCFG_LX_WIRE_TEXT_MAX + 1);

    if (tl == 0 || tl > IPCFG_LX_WIRE_TEXT_MAX) {
        ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "The DHCPv6 lease of %s could not be written out.",
                        j->ifname);
        return IPCFG_E_FAILED;
    }
    return ipcfg_lx_engine_call(j, type, arg, tl, NULL, err, NULL, saving);
}

static int io_send(void *ctx, const uint8_t *msg, size_t len)
{
    engine_job *j = ctx;
    struct sockaddr_in6 to;

    if (ipcfg_lx_engine_open_sock(j, IPCFG_LX_SOCK_UDP6, &j->udp) != 0)
        return -1;
    memset(&to, 0, sizeof(to));
    to.sin6_family = AF_INET6;
    to.sin6_port = htons(IPCFG_DHCP6_SERVER_PORT);
    (void)inet_pton(AF_INET6, "ff02::1:2", &to.sin6_addr);
    to.sin6_scope_id = j->ifindex;
    return sendto(j->udp, msg, len, MSG_DONTWAIT, (struct sockaddr *)&to, sizeof(to)) == (ssize_t)len ? 0 : -1;
}

static int io_apply(void *ctx, const ipcfg_dhcp6_lease *lease, const ipcfg_dhcp6_lease *old, ipcfg_error *err)
{
    return call6(ctx, IPCFG_LX_W_APPLY, old != NULL ? IPCFG_LX_APPLY_REPLACES : 0u, lease, err, NULL);
}

static int io_commit(void *ctx, const ipcfg_dhcp6_lease *lease, const ipcfg_dhcp6_lease *old, ipcfg_error *err,
                     int *saving)
{
    uint32_t how = IPCFG_LX_APPLY_SAVE | (old != NULL ? IPCFG_LX_APPLY_REPLACES : 0u);
    return call6(ctx, IPCFG_LX_W_APPLY, how, lease, err, saving);
}

static int io_unapply(void *ctx, const ipcfg_dhcp6_lease *lease, ipcfg_error *err)
{
    return call6(ctx, IPCFG_LX_W_UNAPPLY, 0, lease, err, NULL);
}

static int io_save(void *ctx, const ipcfg_dhcp6_lease *lease, ipcfg_error *err)
{
    return call6(ctx, IPCFG_LX_W_SAVE, 0, lease, err, NULL);
}

#define DAD_POLL_MS 50 /* how often the privileged part is asked for the detection's verdict */

/* Asks the privileged part (it alone reads rtnetlink) how the detection of
 * the watched addresses stands (again: not the first time); -1 when it
 * cannot be asked.  A verdict is kept for the job's next step
 * (dhcp6_client.h: never delivered from within io.dad); while it runs,
 * the next question is due in DAD_POLL_MS, the other jobs going on. */
static int dad_ask(engine_job *j, uint32_t again)
{
    char *t = ipcfg_lx_engine_text(j->e);
    size_t at = 0;
    int failed = 0;

    for (unsigned i = 0; i < j->n_dad; i++) {
        for (unsigned k = 0; k < 16; k++)
            at += (size_t)snprintf(t + at, 3, "%02x", j->dad_addrs[i][k]);
        t[at++] = '\n';
    }
    if (ipcfg_lx_engine_call(j, IPCFG_LX_W_DAD, again, at, NULL, NULL, NULL, &failed) != 0)
        return -1;
    if (failed < 0) {
        j->dad_next = ipcfg_lx_clock_ms(CLOCK_MONOTONIC) + DAD_POLL_MS;
        return 0;
    }
    j->dad_next = 0;
    j->n_dad_failed = 0;
    for (unsigned i = 0; i < j->n_dad; i++)
        if ((unsigned)failed & (1u << i))
            memcpy(j->dad_failed[j->n_dad_failed++], j->dad_addrs[i], 16);
    j->dad_pending = 1;
    return 0;
}

static int io_dad(void *ctx, const uint8_t *addrs, unsigned n)
{
    engine_job *j = ctx;

    if (n == 0 || n > IPCFG_DHCP6_MAX_ADDRS)
        return -1;
    memcpy(j->dad_addrs, addrs, 16 * (size_t)n);
    j->n_dad = n;
    return dad_ask(j, 0);
}

void ipcfg_lx_engine6_start(engine_job *j, const ipcfg_lx_wire_start *s, const char *rec, size_t rec_len)
{
    ipcfg_dhcp6_config cfg;
    ipcfg_dhcp6_io io;
    ipcfg_dhcp6_lease *l = malloc(sizeof(*l));
    char why[200];

    j->v6 = calloc(1, sizeof(*j->v6));
    if (j->v6 == NULL || l == NULL)
        _exit(1);
    int have = rec_len > 0 && ipcfg_dhcp6_lease_parse(rec, rec_len, l, why, sizeof(why)) == 0;
    memset(&cfg, 0, sizeof(cfg));
    ipcfg_copy_str(cfg.ifname, sizeof(cfg.ifname), j->ifname);
    cfg.iaid = s->iaid;
    cfg.duid_len = s->duid_len <= sizeof(cfg.duid) ? s->duid_len : 0;
    memcpy(cfg.duid, s->duid, cfg.duid_len);
    cfg.dad = 1; /* new addresses wait for the kernel's duplicate address detection (io_dad) */
    memset(&io, 0, sizeof(io));
    io.ctx = j;
    io.send = io_send;
    io.apply = io_apply;
    io.unapply = io_unapply;
    io.save = io_save;
    io.commit = io_commit;
    io.dad = io_dad;
    io.random = ipcfg_lx_engine_random;
    ipcfg_dhcp6_client_init(j->v6, &cfg, &io);
    ipcfg_dhcp6_now now = now6();
    /* the keeper verifies a kept lease after the link came back or the
     * host resumed with a Confirm (RFC 8415 §18.2.3); the client solicits
     * instead when the record has run out */
    ipcfg_dhcp6_op op = s->op == IPCFG_DHCP_OP_RELEASE ? IPCFG_DHCP6_OP_RELEASE
                        : s->verify                    ? IPCFG_DHCP6_OP_CONFIRM
                                                       : IPCFG_DHCP6_OP_RENEW;
    ipcfg_dhcp6_client_start(j->v6, op, have ? l : NULL, s->addr_present != 0, &now, s->deadline_ms);
    free(l);
}

/* The outcome; a success carries the client's note (what was dropped or
 * done besides) as its text. */
static void finish6(engine_job *j, ipcfg_error *res)
{
    const char *note = ipcfg_dhcp6_client_note(j->v6);

    if (res->status == 0 && note[0] != '\0')
        ipcfg_copy_str(res->text, sizeof(res->text), note);
    ipcfg_lx_engine_finish(j, 0, res);
}

void ipcfg_lx_engine6_step(engine_job *j)
{
    ipcfg_dhcp6_now now = now6();
    ipcfg_error res;

    if (j->dad_next != 0 && now.mono_ms >= j->dad_next && dad_ask(j, 1) != 0) {
        j->dad_next = 0; /* not to be asked: the kernel still runs it; bound */
        j->n_dad_failed = 0;
        j->dad_pending = 1;
    }
    if (j->dad_pending) {
        j->dad_pending = 0;
        ipcfg_dhcp6_client_dad_done(j->v6, &now, &j->dad_failed[0][0], j->n_dad_failed);
    }
    if (!ipcfg_dhcp6_client_done(j->v6, NULL) && now.mono_ms >= ipcfg_dhcp6_client_next_wakeup(j->v6))
        ipcfg_dhcp6_client_timer(j->v6, &now);
    ipcfg_error_clear(&res);
    if (ipcfg_dhcp6_client_done(j->v6, &res)) {
        finish6(j, &res);
    } else if (now.mono_ms >= j->deadline + IPCFG_LX_ENGINE_GRACE_MS) {
        ipcfg_error_clear(&res);
        ipcfg_error_set(&res, IPCFG_E_TIMEOUT, IPCFG_R_DHCP_TIMEOUT, NULL);
        ipcfg_lx_engine_finish(j, 0, &res);
    }
}

int64_t ipcfg_lx_engine6_next(const engine_job *j)
{
    if (j->dad_pending)
        return 0; /* the verdict is delivered at once */
    int64_t t = ipcfg_dhcp6_client_next_wakeup(j->v6);
    if (j->dad_next != 0 && j->dad_next < t)
        t = j->dad_next;
    return j->deadline + IPCFG_LX_ENGINE_GRACE_MS < t ? j->deadline + IPCFG_LX_ENGINE_GRACE_MS : t;
}

void ipcfg_lx_engine6_readable(engine_job *j)
{
    uint8_t *buf = j->e->buf;
    size_t cap = sizeof(j->e->buf);

    for (int i = 0; i < DRAIN_MAX && !j->done; i++) {
        struct sockaddr_in6 from;
        socklen_t fl = sizeof(from);
        const char *why = NULL;
        ssize_t m = recvfrom(j->udp, buf, cap, MSG_TRUNC | MSG_DONTWAIT, (struct sockaddr *)&from, &fl);

        if (m < 0)
            return;
        if ((size_t)m > cap || fl < sizeof(from) || from.sin6_family != AF_INET6)
            continue; /* longer than any answer the client takes whole, or from nowhere */
        ipcfg_dhcp6_now now = now6();
        (void)ipcfg_dhcp6_client_receive(j->v6, &now, buf, (size_t)m, from.sin6_addr.s6_addr, &why);
    }
}
