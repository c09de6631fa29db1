/* ipcfg — the privileged part's answers to a DHCPv6 job's requests (see
 * exchange/exchange_state.h and wire/engine_wire.h).
 *
 * As for DHCPv4 (exchange/requests.c), the engine is not trusted: every
 * lease it sends is read with the lease file's strict parser
 * (ipcfg_dhcp6_lease_parse), must name the job's interface and identity,
 * and its addresses are checked again where they are installed
 * (exchange/apply.c); a lease is recorded only as it was installed, only
 * what this job installed or the record held is removed, and a success is
 * believed only when this side saw it happen.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "exchange/exchange_state.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>

#include <linux/if_addr.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "exchange/apply.h"
#include "exchange/sockets.h"
#include "netlink/nlreq.h"
#include "shared/error.h"

static int lease_of(exchange_job *j, const char *text, size_t len, ipcfg_dhcp6_lease *l)
{
    char why[200];

    if (ipcfg_dhcp6_lease_parse(text, len, l, why, sizeof(why)) != 0)
        return -1;
    /* this job's interface, and the identity its START gave */
    return strcmp(l->ifname, j->ifname) == 0 && l->iaid == j->iaid6 ? 0 : -1;
}

/* Every address of l is one this job installed or the record held. */
static int known(const exchange_job *j, const ipcfg_dhcp6_lease *l)
{
    for (unsigned i = 0; i < l->n_addrs; i++)
        if (!((j->has_installed && ipcfg_dhcp6_lease_holds(&j->installed6, l->addrs[i].addr)) ||
              (j->has_rec && ipcfg_dhcp6_lease_holds(&j->rec6, l->addrs[i].addr))))
            return 0;
    return 1;
}

static int same_text(const ipcfg_dhcp6_lease *a, const ipcfg_dhcp6_lease *b)
{
    char ta[IPCFG_LX_WIRE_TEXT_MAX + 1], tb[IPCFG_LX_WIRE_TEXT_MAX + 1];
    size_t la = ipcfg_dhcp6_lease_format(a, ta, sizeof(ta)), lb = ipcfg_dhcp6_lease_format(b, tb, sizeof(tb));

    return la != 0 && la == lb && memcmp(ta, tb, la) == 0;
}

static int live(const ipcfg_dhcp6_lease *l)
{
    return l->state == IPCFG_DHCP6_LEASE_BOUND || l->state == IPCFG_DHCP6_LEASE_STATELESS;
}

static int serve_open(exchange_run *r, exchange_job *j, uint32_t kind)
{
    ipcfg_error e;

    if (kind != IPCFG_LX_SOCK_UDP6 || j->opens >= IPCFG_LX_OPENS_MAX)
        return ipcfg_lx_refuse(r, "open a socket a DHCPv6 exchange does not need");
    j->opens++;
    int fd = ipcfg_lx_dhcp6_udp_socket(j->ifname, (int)j->ifindex);
    if (fd < 0) {
        ipcfg_error_clear(&e);
        (void)ipcfg_lx_fail_errno(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM, -fd, "Cannot open the DHCPv6 socket", NULL);
        return ipcfg_lx_reply(r, e.status, 0, &e, -1);
    }
    int rc = ipcfg_lx_reply(r, 0, 0, NULL, fd);
    (void)close(fd);
    return rc;
}

static int save6(exchange_run *r, exchange_job *j, const ipcfg_dhcp6_lease *l, ipcfg_error *e)
{
    int st = ipcfg_lx_lease6_save(r->dir, l, e);
    if (st == 0) {
        j->saved_bound = live(l);
        j->saved_released = l->state == IPCFG_DHCP6_LEASE_RELEASED;
    }
    j->mid_commit = 0;
    return st;
}

static int serve_apply(exchange_run *r, exchange_job *j, const ipcfg_dhcp6_lease *l, uint32_t how)
{
    ipcfg_error e;
    const ipcfg_dhcp6_lease *old = (how & IPCFG_LX_APPLY_REPLACES) && j->has_installed ? &j->installed6 : NULL;

    if (!live(l))
        return ipcfg_lx_refuse(r, "install a DHCPv6 lease that is neither bound nor configuration only");
    ipcfg_error_clear(&e);
    int st = ipcfg_lx_dhcp6_apply(&r->nl, j->ifindex, l, old, ipcfg_lx_wall_s(), &e);
    j->installed6 = *l;
    j->has_installed = 1;
    j->saved_bound = 0;
    j->mid_commit = st == 0;
    if (st == 0 && (how & IPCFG_LX_APPLY_SAVE)) {
        st = save6(r, j, l, &e);
        return ipcfg_lx_reply(r, st, st != 0, &e, -1);
    }
    return ipcfg_lx_reply(r, st, 0, &e, -1);
}

static int serve_unapply(exchange_run *r, exchange_job *j, const ipcfg_dhcp6_lease *l)
{
    ipcfg_error e;

    if (!live(l) || !known(j, l))
        return ipcfg_lx_refuse(r, "remove an address this job did not install");
    ipcfg_error_clear(&e);
    int st = ipcfg_lx_dhcp6_unapply(&r->nl, j->ifindex, l, &e);
    if (st == 0 && j->has_installed && (l->n_addrs == 0 || ipcfg_dhcp6_lease_holds(&j->installed6, l->addrs[0].addr))) {
        j->has_installed = 0;
        j->saved_bound = 0;
    }
    j->mid_commit = 0;
    int rc = ipcfg_lx_reply(r, st, 0, &e, -1);
    if (st == 0 && !j->has_installed)
        j->withdrawn = 1; /* the loop tells the lease-change hook now */
    return rc;
}

static int serve_save(exchange_run *r, exchange_job *j, const ipcfg_dhcp6_lease *l)
{
    ipcfg_error e;

    if (live(l) && !(j->has_installed && same_text(l, &j->installed6)))
        return ipcfg_lx_refuse(r, "record a lease it did not install");
    ipcfg_error_clear(&e);
    return ipcfg_lx_reply(r, save6(r, j, l, &e), 0, &e, -1);
}

/* The engine's note on a success (src/dhcp6's words, made safe by the
 * wire's check) as a sentence of the result. */
static void note_of(exchange_job *j, const char *text)
{
    char line[IPCFG_ERRTEXT_MAX];
    size_t n = strlen(text);

    if (n == 0)
        return;
    snprintf(line, sizeof(line), "DHCPv6: %s%s", text, text[n - 1] == '.' ? "" : ".");
    ipcfg_lx_note_add(j, line);
}

static void serve_done(exchange_job *j, ipcfg_error *res)
{
    int renew = j->run->op == IPCFG_DHCP_OP_RENEW;

    if (res->status == IPCFG_OK && !(renew ? (j->saved_bound && j->has_installed) : j->saved_released))
        ipcfg_error_set(res, IPCFG_E_FAILED, IPCFG_R_SYSTEM,
                        "The DHCP engine reported a success that did not happen; nothing more was done.");
    if (res->status == IPCFG_OK) {
        note_of(j, res->text);
        res->text[0] = '\0';
    }
    j->job->err = *res;
}

/* ---- duplicate address detection (RFC 4862 §5.4; RFC 8415 §18.2.10.1) ---- */

/* A number from /proc/sys/net/ipv6/<what>/<ifname>/<key>; dflt when unread. */
static long ipv6_sysctl(const char *what, const char *ifname, const char *key, long dflt)
{
    char path[256], buf[32];
    long v = dflt;

    if ((size_t)snprintf(path, sizeof(path), "/proc/sys/net/ipv6/%s/%s/%s", what, ifname, key) >= sizeof(path))
        return dflt;
    FILE *f = fopen(path, "re");
    if (f == NULL)
        return dflt;
    if (fgets(buf, sizeof(buf), f) != NULL)
        v = strtol(buf, NULL, 10);
    (void)fclose(f);
    return v;
}

typedef struct dad_watch {
    uint32_t ifindex;
    const uint8_t (*addrs)[16];
    unsigned n;
    unsigned seen, tentative, failed; /* bit i: the i-th address */
} dad_watch;

static int on_addr6(void *ctx, const ipcfg_nl_addr *na)
{
    dad_watch *w = ctx;
    const uint8_t *a = na->has_local ? na->local : na->address;

    if (na->family != AF_INET6 || na->addr_len != 16 || na->ifindex != w->ifindex)
        return 0;
    for (unsigned i = 0; i < w->n; i++) {
        if (memcmp(a, w->addrs[i], 16) != 0)
            continue;
        w->seen |= 1u << i;
        if (na->flags & IFA_F_DADFAILED)
            w->failed |= 1u << i;
        else if (na->flags & IFA_F_TENTATIVE)
            w->tentative |= 1u << i;
    }
    return 0;
}

/* One dump: 0, or -1 when it could not be read. */
static int dad_look(ipcfg_nlsock *nl, dad_watch *w)
{
    ipcfg_nl_visitor v;
    ipcfg_nl_result res;
    ipcfg_nlreq req;

    w->seen = w->tentative = w->failed = 0;
    memset(&v, 0, sizeof(v));
    v.ctx = w;
    v.on_addr = on_addr6;
    ipcfg_nlreq_getaddr(&req, AF_INET6);
    return ipcfg_nlsock_transact(nl, req.buf, req.len, &v, &res) == 0 && res.done && res.error == 0 ? 0 : -1;
}

/* The addresses of the text: lines of 32 lowercase hex digits, each an
 * address this job installed.  Their count, or 0 when malformed. */
static unsigned dad_addrs(const exchange_job *j, const char *text, size_t len, uint8_t out[][16])
{
    unsigned n = 0;

    if (len % 33 != 0)
        return 0;
    for (size_t at = 0; at < len; at += 33) {
        if (n == IPCFG_DHCP6_MAX_ADDRS || text[at + 32] != '\n' || !j->has_installed)
            return 0;
        for (unsigned k = 0; k < 16; k++) {
            unsigned v;
            char hx[3] = {text[at + 2 * k], text[at + 2 * k + 1], '\0'};
            if (!isxdigit((unsigned char)hx[0]) || !isxdigit((unsigned char)hx[1]) || isupper((unsigned char)hx[0]) ||
                isupper((unsigned char)hx[1]) || sscanf(hx, "%2x", &v) != 1)
                return 0;
            out[n][k] = (uint8_t)v;
        }
        if (!ipcfg_dhcp6_lease_holds(&j->installed6, out[n]))
            return 0;
        n++;
    }
    return n;
}

/* The kernel's verdict on the addresses just installed: each one
 * tentative until its detection ends, marked dadfailed (or, having a
 * finite lifetime, deleted) when another host answered for it.  One look
 * per request, never a wait here (the exchange's other jobs go on): arg 0
 * starts the watch, bounded by the interface's own schedule
 * (DupAddrDetectTransmits probes RetransTimer apart, after a delay of up
 * to MAX_RTR_SOLICITATION_DELAY, 1 s) with a margin, and by the run's
 * deadline; arg 1 asks again.  The answer: -1 while an address is still
 * tentative, else which were found in use.  An interface without
 * detection (accept_dad 0 or dad_transmits 0) answers 0 at once. */
static int serve_dad(exchange_run *r, exchange_job *j, const char *text, size_t len, uint32_t again)
{
    uint8_t addrs[IPCFG_DHCP6_MAX_ADDRS][16];
    unsigned n = dad_addrs(j, text, len, addrs);
    dad_watch w = {j->ifindex, (const uint8_t(*)[16])addrs, n, 0, 0, 0};

    if (n == 0 || (again && j->dad_until == 0))
        return ipcfg_lx_refuse(r, "watch addresses this job did not install");
    if (!again) {
        long transmits = ipv6_sysctl("conf", j->ifname, "dad_transmits", 1);
        if (ipv6_sysctl("conf", j->ifname, "accept_dad", 1) <= 0 || transmits <= 0)
            return ipcfg_lx_reply(r, 0, 0, NULL, -1);
        long retrans = ipv6_sysctl("neigh", j->ifname, "retrans_time_ms", 1000);
        j->dad_until = ipcfg_lx_clock_ms(CLOCK_MONOTONIC) + transmits * (retrans > 0 ? retrans : 1000) + 1000 + 500;
        if (j->dad_until > r->deadline)
            j->dad_until = r->deadline;
    }
    if (dad_look(&r->nl, &w) != 0)
        return ipcfg_lx_reply(r, 0, 0, NULL, -1); /* unreadable: the kernel still runs it; bound */
    if (w.tentative != 0 && ipcfg_lx_clock_ms(CLOCK_MONOTONIC) < j->dad_until)
        return ipcfg_lx_reply(r, 0, -1, NULL, -1);
    j->dad_until = 0;
    w.failed |= ((1u << n) - 1u) & ~w.seen;
    return ipcfg_lx_reply(r, 0, (int)w.failed, NULL, -1);
}

int ipcfg_lx_serve6(exchange_run *r, exchange_job *j, const ipcfg_lx_wire_req *req, const char *text,
                    exchange_job **done)
{
    ipcfg_dhcp6_lease l;

    switch (req->type) {
    case IPCFG_LX_W_OPEN:
        return serve_open(r, j, req->arg);
    case IPCFG_LX_W_DONE: {
        ipcfg_error res = req->err;
        serve_done(j, &res);
        *done = j;
        return ipcfg_lx_reply(r, 0, 0, NULL, -1);
    }
    case IPCFG_LX_W_DAD:
        return serve_dad(r, j, text, req->text_len, req->arg);
    default:
        break;
    }
    if (lease_of(j, text, req->text_len, &l) != 0)
        return ipcfg_lx_refuse(r, "act on a lease that is malformed or of another interface");
    if (req->type == IPCFG_LX_W_APPLY)
        return serve_apply(r, j, &l, req->arg);
    if (req->type == IPCFG_LX_W_UNAPPLY)
        return serve_unapply(r, j, &l);
    return serve_save(r, j, &l);
}
