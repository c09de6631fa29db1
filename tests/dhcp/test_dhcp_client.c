/* The DHCP client state machine, driven through recording fakes of
 * ipcfg_dhcp_io: the bytes it sends (fields and options present or
 * absent, unicast or broadcast, xids), the order of its effects, the
 * state chosen from a lease's times, the checks on replies, and the
 * outcome rules at the deadline.  SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "dhcp_client.h"
#include "dhcp_keep.h"
#include "dhcp_msg.h"
#include "dhcp_testutil.h"

#define W0 1764370000LL /* wall seconds at mono 0 */
#define MAXSENT 256

typedef struct sent {
    ipcfg_dhcp_msg m;
    ipcfg_dhcp_dest to;
    int64_t at_ms;
    size_t len;
} sent;

typedef struct fake {
    sent s[MAXSENT];
    unsigned n_sent;
    unsigned n_probe, n_apply, n_unapply, n_save;
    uint8_t probe_addr[4];
    int probe_ret, apply_ret, unapply_ret, save_ret;
    ipcfg_dhcp_lease applied, applied_old, unapplied, saved;
    int applied_old_null;
    char log[64]; /* s send, p probe, a apply, u unapply, v save */
    uint32_t rnd;
    int rnd_fixed;
    uint32_t rnd_value;
} fake;

static fake F;
static ipcfg_dhcp_client C;
static ipcfg_dhcp_now NOW;

static void logc(char c)
{
    size_t n = strlen(F.log);
    if (n + 1 < sizeof F.log) {
        F.log[n] = c;
        F.log[n + 1] = '\0';
    }
}

static int f_send(void *ctx, const uint8_t *msg, size_t len, const ipcfg_dhcp_dest *to)
{
    sent *s;
    (void)ctx;
    assert_true(F.n_sent < MAXSENT);
    s = &F.s[F.n_sent++];
    assert_int_equal(ipcfg_dhcp_msg_parse(msg, len, &s->m, NULL), 0); /* everything sent parses */
    assert_true(len >= IPCFG_DHCP_BOOTP_MIN);
    s->to = *to;
    s->at_ms = NOW.mono_ms;
    s->len = len;
    logc('s');
    return 0;
}

static int f_probe(void *ctx, const uint8_t addr[4])
{
    (void)ctx;
    F.n_probe++;
    memcpy(F.probe_addr, addr, 4);
    logc('p');
    return F.probe_ret;
}

static void fail_err(ipcfg_error *err)
{
    ipcfg_error_set(err, IPCFG_E_ACCESS, IPCFG_R_ELEVATION, "denied");
}

static int f_apply(void *ctx, const ipcfg_dhcp_lease *l, const ipcfg_dhcp_lease *old, ipcfg_error *err)
{
    (void)ctx;
    F.n_apply++;
    F.applied = *l;
    F.applied_old_null = old == NULL;
    if (old)
        F.applied_old = *old;
    logc('a');
    if (F.apply_ret)
        fail_err(err);
    return F.apply_ret;
}

static int f_unapply(void *ctx, const ipcfg_dhcp_lease *l, ipcfg_error *err)
{
    (void)ctx;
    F.n_unapply++;
    F.unapplied = *l;
    logc('u');
    if (F.unapply_ret)
        fail_err(err);
    return F.unapply_ret;
}

static int f_save(void *ctx, const ipcfg_dhcp_lease *l, ipcfg_error *err)
{
    (void)ctx;
    F.n_save++;
    F.saved = *l;
    logc('v');
    if (F.save_ret)
        fail_err(err);
    return F.save_ret;
}

static uint32_t f_random(void *ctx)
{
    (void)ctx;
    if (F.rnd_fixed)
        return F.rnd_value;
    /* xorshift32: different on every call */
    F.rnd ^= F.rnd << 13;
    F.rnd ^= F.rnd >> 17;
    F.rnd ^= F.rnd << 5;
    return F.rnd;
}

static void setup(unsigned probe_ms, uint32_t seed)
{
    ipcfg_dhcp_config cfg;
    ipcfg_dhcp_io io;

    memset(&F, 0, sizeof F);
    F.rnd = seed ? seed : 0x12345678u;
    memset(&cfg, 0, sizeof cfg);
    strcpy(cfg.ifname, "eth0");
    cfg.htype = 1;
    memcpy(cfg.hwaddr, T_MAC, 6);
    cfg.hwaddr_len = 6;
    strcpy(cfg.hostname, "myhost");
    cfg.probe_ms = probe_ms;
    memset(&io, 0, sizeof io);
    io.send = f_send;
    io.probe = f_probe;
    io.apply = f_apply;
    io.unapply = f_unapply;
    io.save = f_save;
    io.random = f_random;
    ipcfg_dhcp_client_init(&C, &cfg, &io);
    NOW.mono_ms = 0;
    NOW.wall_s = W0;
}

static void set_time(int64_t mono)
{
    NOW.mono_ms = mono;
    NOW.wall_s = W0 + mono / 1000;
}

/* A bound lease recorded `age` seconds ago. */
static void mk_lease(ipcfg_dhcp_lease *l, int64_t age, uint32_t lease_time)
{
    memset(l, 0, sizeof *l);
    l->state = IPCFG_DHCP_LEASE_BOUND;
    strcpy(l->ifname, "eth0");
    memcpy(l->hwaddr, T_MAC, 6);
    l->hwaddr_len = 6;
    l->client_id[0] = 1;
    memcpy(l->client_id + 1, T_MAC, 6);
    l->client_id_len = 7;
    memcpy(l->address, T_ADDR, 4);
    l->prefix_len = 24;
    memcpy(l->server_id, T_SERVER, 4);
    memcpy(l->routers[0], T_ROUTER, 4);
    l->n_routers = 1;
    l->lease_time = lease_time;
    l->t1 = lease_time == IPCFG_DHCP_INFINITE ? lease_time : lease_time / 2;
    l->t2 = lease_time == IPCFG_DHCP_INFINITE ? lease_time : lease_time / 8 * 7;
    l->obtained = NOW.wall_s - age;
}

static void start(ipcfg_dhcp_op op, const ipcfg_dhcp_lease *rec, int present, int64_t timeout_ms)
{
    ipcfg_dhcp_client_start(&C, op, rec, present, &NOW, NOW.mono_ms + timeout_ms);
}

static int rx(const tsrv *s, const char **why)
{
    uint8_t buf[1500];
    size_t n = tsrv_build(s, buf, sizeof buf);
    assert_true(n > 0);
    return ipcfg_dhcp_client_receive(&C, &NOW, buf, n, why);
}

/* A reply of type to the last message sent. */
static int reply(uint8_t type, const char **why)
{
    tsrv s;
    tsrv_default(&s, type, F.s[F.n_sent - 1].m.h.xid);
    return rx(&s, why);
}

static const sent *last(void)
{
    assert_true(F.n_sent > 0);
    return &F.s[F.n_sent - 1];
}

static void fire(void)
{
    int64_t w = ipcfg_dhcp_client_next_wakeup(&C);
    assert_true(w != INT64_MAX);
    set_time(w);
    ipcfg_dhcp_client_timer(&C, &NOW);
}

static ipcfg_error result(void)
{
    ipcfg_error e;
    memset(&e, 0, sizeof e);
    assert_true(ipcfg_dhcp_client_done(&C, &e));
    return e;
}

static void run_to_end(void)
{
    int guard = 0;
    while (!ipcfg_dhcp_client_done(&C, NULL)) {
        assert_true(++guard < 10000);
        fire();
    }
}

static int has_opt(const ipcfg_dhcp_msg *m, unsigned bit)
{
    return (m->has & bit) != 0;
}

static void assert_client_id(const ipcfg_dhcp_msg *m)
{
    assert_true(has_opt(m, IPCFG_HAS_CLIENT_ID));
    assert_int_equal(m->client_id_len, 7);
    assert_int_equal(m->client_id[0], 1);
    assert_memory_equal(m->client_id + 1, T_MAC, 6);
}

static void assert_zero4(const uint8_t *a)
{
    static const uint8_t z[4];
    assert_memory_equal(a, z, 4);
}

/* ---- INIT: DISCOVER, OFFER, REQUEST, ACK ------------------------------------------- */

static void init_full_exchange(void **st)
{
    static const uint8_t prl[] = {1, 3, 6, 12, 15, 28, 51, 54, 58, 59, 121, 119, 26, 42, 114};
    const sent *d, *r;
    ipcfg_error e;

    (void)st;
    setup(0, 0);
    set_time(5000);
    start(IPCFG_DHCP_OP_RENEW, NULL, 0, 30000);
    assert_int_equal(C.state, IPCFG_DHCP_S_INIT);
    assert_int_equal(F.n_sent, 1); /* no start-up delay */
    d = last();
    assert_int_equal(d->at_ms, 5000);
    assert_int_equal(d->m.type, IPCFG_DHCPDISCOVER);
    assert_int_equal(d->m.h.op, IPCFG_BOOTREQUEST);
    assert_int_equal(d->m.h.htype, 1);
    assert_int_equal(d->m.h.hlen, 6);
    assert_memory_equal(d->m.h.chaddr, T_MAC, 6);
    assert_zero4(d->m.h.ciaddr);
    assert_true(d->to.broadcast);
    assert_false(d->to.has_src);
    assert_client_id(&d->m);
    assert_string_equal(d->m.host_name, "myhost");
    assert_int_equal(d->m.n_param_list, sizeof prl);
    assert_memory_equal(d->m.param_list, prl, sizeof prl);
    assert_false(has_opt(&d->m, IPCFG_HAS_SERVER_ID | IPCFG_HAS_REQUESTED_IP));

    set_time(5300);
    assert_int_equal(reply(IPCFG_DHCPOFFER, NULL), 0);
    assert_int_equal(C.state, IPCFG_DHCP_S_REQUESTING);
    assert_int_equal(F.n_sent, 2);
    r = last();
    assert_int_equal(r->m.type, IPCFG_DHCPREQUEST);
    assert_int_equal(r->m.h.xid, d->m.h.xid); /* table 5: the OFFER's xid */
    assert_int_equal(r->m.h.secs, d->m.h.secs);
    assert_zero4(r->m.h.ciaddr);
    assert_true(r->to.broadcast);
    assert_false(r->to.has_src);
    assert_true(has_opt(&r->m, IPCFG_HAS_REQUESTED_IP));
    assert_memory_equal(r->m.requested_ip, T_ADDR, 4);
    assert_true(has_opt(&r->m, IPCFG_HAS_SERVER_ID));
    assert_memory_equal(r->m.server_id, T_SERVER, 4);
    assert_client_id(&r->m);
    assert_string_equal(r->m.host_name, "myhost");

    set_time(7900);
    assert_int_equal(reply(IPCFG_DHCPACK, NULL), 0);
    e = result();
    assert_int_equal(e.status, IPCFG_OK);
    assert_string_equal(F.log, "ssav");
    assert_true(F.applied_old_null);
    assert_memory_equal(&F.saved, &F.applied, sizeof F.saved);
    assert_int_equal(F.saved.state, IPCFG_DHCP_LEASE_BOUND);
    assert_string_equal(F.saved.ifname, "eth0");
    assert_memory_equal(F.saved.address, T_ADDR, 4);
    assert_int_equal(F.saved.prefix_len, 24);
    assert_memory_equal(F.saved.server_id, T_SERVER, 4);
    assert_int_equal(F.saved.n_routers, 1);
    assert_memory_equal(F.saved.routers[0], T_ROUTER, 4);
    assert_int_equal(F.saved.n_dns, 1);
    assert_memory_equal(F.saved.dns[0], T_DNS, 4);
    assert_int_equal(F.saved.lease_time, 3600);
    assert_int_equal(F.saved.t1, 1800); /* §4.4.5 defaults */
    assert_int_equal(F.saved.t2, 3150);
    assert_true(F.saved.obtained == W0 + 5); /* when the REQUEST went out */
    assert_int_equal(F.saved.client_id_len, 7);
    assert_memory_equal(F.saved.hwaddr, T_MAC, 6);
    assert_true(ipcfg_dhcp_client_next_wakeup(&C) == INT64_MAX);
    /* done: further input and timers change nothing */
    assert_int_equal(reply(IPCFG_DHCPACK, NULL), -1);
    ipcfg_dhcp_client_timer(&C, &NOW);
    assert_string_equal(F.log, "ssav");
}

static void retransmissions_keep_xid(void **st)
{
    unsigned i;
    uint32_t xid;

    (void)st;
    setup(0, 0);
    start(IPCFG_DHCP_OP_RENEW, NULL, 0, 60000);
    xid = last()->m.h.xid;
    for (i = 0; i < 4; i++)
        fire();
    assert_int_equal(F.n_sent, 5);
    for (i = 0; i < 5; i++) {
        assert_int_equal(F.s[i].m.type, IPCFG_DHCPDISCOVER);
        assert_int_equal(F.s[i].m.h.xid, xid);
    }
    /* first retry after about a second, then doubling */
    assert_in_range(F.s[1].at_ms - F.s[0].at_ms, 750, 1250);
    assert_in_range(F.s[2].at_ms - F.s[1].at_ms, 1500, 2500);
    assert_in_range(F.s[3].at_ms - F.s[2].at_ms, 3000, 5000);
    assert_in_range(F.s[4].at_ms - F.s[3].at_ms, 7000, 9000);
    /* secs counts from the start of the exchange */
    assert_int_equal(F.s[4].m.h.secs, F.s[4].at_ms / 1000);
    /* an OFFER then: the REQUEST keeps xid; its retransmissions too; after
     * four unanswered REQUESTs: INIT again with a new xid */
    assert_int_equal(reply(IPCFG_DHCPOFFER, NULL), 0);
    for (i = 0; i < 4; i++) {
        assert_int_equal(last()->m.type, IPCFG_DHCPREQUEST);
        assert_int_equal(last()->m.h.xid, xid);
        fire();
    }
    assert_int_equal(C.state, IPCFG_DHCP_S_INIT);
    assert_int_equal(last()->m.type, IPCFG_DHCPDISCOVER);
    assert_int_not_equal(last()->m.h.xid, xid);
    assert_int_equal(F.n_apply + F.n_save + F.n_unapply, 0);
}

/* ---- the state chosen from the lease's own times ---------------------------------- */

static void renewing_before_t2(void **st)
{
    ipcfg_dhcp_lease rec;
    const sent *r;
    uint32_t xid;
    static const int64_t ages[] = {0, 100, 1799, 1800, 3149}; /* before T1, at T1, just before T2 */
    size_t i;

    (void)st;
    for (i = 0; i < sizeof ages / sizeof ages[0]; i++) {
        setup(500, 0);
        set_time(1000);
        mk_lease(&rec, ages[i], 3600);
        start(IPCFG_DHCP_OP_RENEW, &rec, 1, 30000);
        assert_int_equal(C.state, IPCFG_DHCP_S_RENEWING);
        r = last();
        assert_int_equal(r->m.type, IPCFG_DHCPREQUEST);
        assert_memory_equal(r->m.h.ciaddr, T_ADDR, 4);
        assert_false(r->to.broadcast); /* unicast to the issuing server */
        assert_memory_equal(r->to.dst, T_SERVER, 4);
        assert_true(r->to.has_src);
        assert_memory_equal(r->to.src, T_ADDR, 4);
        assert_false(has_opt(&r->m, IPCFG_HAS_REQUESTED_IP));
        assert_false(has_opt(&r->m, IPCFG_HAS_SERVER_ID));
        assert_client_id(&r->m);
        xid = r->m.h.xid;
        fire();
        assert_int_equal(last()->m.h.xid, xid);
        assert_false(last()->to.broadcast);
        set_time(3000);
        assert_int_equal(reply(IPCFG_DHCPACK, NULL), 0);
        assert_int_equal(result().status, IPCFG_OK);
        assert_string_equal(F.log, "ssav"); /* the same address: not probed */
        assert_false(F.applied_old_null);
        assert_memory_equal(&F.applied_old, &rec, sizeof rec);
        assert_true(F.saved.obtained == W0 + 1);
    }
}

static void rebinding_from_t2(void **st)
{
    ipcfg_dhcp_lease rec;
    const sent *r;
    tsrv s;

    (void)st;
    setup(500, 0);
    mk_lease(&rec, 3150, 3600);
    start(IPCFG_DHCP_OP_RENEW, &rec, 1, 30000);
    assert_int_equal(C.state, IPCFG_DHCP_S_REBINDING);
    r = last();
    assert_int_equal(r->m.type, IPCFG_DHCPREQUEST);
    assert_memory_equal(r->m.h.ciaddr, T_ADDR, 4);
    assert_true(r->to.broadcast);
    assert_true(r->to.has_src);
    assert_memory_equal(r->to.src, T_ADDR, 4);
    assert_false(has_opt(&r->m, IPCFG_HAS_REQUESTED_IP | IPCFG_HAS_SERVER_ID));
    /* any server may answer a REBINDING broadcast */
    tsrv_default(&s, IPCFG_DHCPACK, r->m.h.xid);
    memcpy(s.server, T_SERVER2, 4);
    assert_int_equal(rx(&s, NULL), 0);
    assert_int_equal(result().status, IPCFG_OK);
    assert_memory_equal(F.saved.server_id, T_SERVER2, 4);
    assert_int_equal(F.n_probe, 0);
}

static void expired_or_released_is_init(void **st)
{
    ipcfg_dhcp_lease rec;

    (void)st;
    /* expired, address still there: removed first, then DISCOVER */
    setup(0, 0);
    mk_lease(&rec, 3600, 3600);
    start(IPCFG_DHCP_OP_RENEW, &rec, 1, 5000);
    assert_int_equal(C.state, IPCFG_DHCP_S_INIT);
    assert_string_equal(F.log, "us");
    assert_int_equal(last()->m.type, IPCFG_DHCPDISCOVER);
    /* nobody answers: the record stops claiming the lease */
    run_to_end();
    assert_int_equal(result().status, IPCFG_E_TIMEOUT);
    assert_int_equal(F.saved.state, IPCFG_DHCP_LEASE_RELEASED);
    assert_int_equal(F.saved.client_id_len, 7);
    assert_zero4(F.saved.address);

    /* expired and gone: no unapply */
    setup(0, 0);
    mk_lease(&rec, 4000, 3600);
    start(IPCFG_DHCP_OP_RENEW, &rec, 0, 5000);
    assert_int_equal(C.state, IPCFG_DHCP_S_INIT);
    assert_string_equal(F.log, "s");

    /* a released record: INIT, broadcast, any server */
    setup(0, 0);
    mk_lease(&rec, 10, 3600);
    rec.state = IPCFG_DHCP_LEASE_RELEASED;
    start(IPCFG_DHCP_OP_RENEW, &rec, 0, 5000);
    assert_int_equal(C.state, IPCFG_DHCP_S_INIT);
    assert_string_equal(F.log, "s");
    assert_true(last()->to.broadcast);
}

static void init_reboot_when_address_gone(void **st)
{
    ipcfg_dhcp_lease rec;
    const sent *r;
    uint32_t xid;

    (void)st;
    setup(500, 0);
    mk_lease(&rec, 100, 3600);
    start(IPCFG_DHCP_OP_RENEW, &rec, 0, 30000);
    assert_int_equal(C.state, IPCFG_DHCP_S_INIT_REBOOT);
    r = last();
    assert_int_equal(r->m.type, IPCFG_DHCPREQUEST);
    assert_zero4(r->m.h.ciaddr);
    assert_true(r->to.broadcast);
    assert_false(r->to.has_src);
    assert_true(has_opt(&r->m, IPCFG_HAS_REQUESTED_IP));
    assert_memory_equal(r->m.requested_ip, T_ADDR, 4);
    assert_false(has_opt(&r->m, IPCFG_HAS_SERVER_ID));
    assert_int_equal(reply(IPCFG_DHCPACK, NULL), 0);
    assert_int_equal(result().status, IPCFG_OK);
    assert_string_equal(F.log, "sav"); /* recorded address: not probed */
    assert_true(F.applied_old_null);   /* nothing installed to replace */

    /* silence: three REQUESTs, then INIT with a new xid */
    setup(0, 0);
    start(IPCFG_DHCP_OP_RENEW, &rec, 0, 30000);
    xid = last()->m.h.xid;
    fire();
    fire();
    assert_int_equal(C.state, IPCFG_DHCP_S_INIT_REBOOT);
    assert_int_equal(last()->m.h.xid, xid);
    fire();
    assert_int_equal(C.state, IPCFG_DHCP_S_INIT);
    assert_int_equal(F.n_sent, 4);
    assert_int_equal(last()->m.type, IPCFG_DHCPDISCOVER);
    assert_int_not_equal(last()->m.h.xid, xid);
}

/* The keeper's verify (link back, resume): INIT-REBOOT even with the
 * address still on the interface (RFC 2131 §3.2: a client that may have
 * moved "MUST" verify); unanswered, the unexpired lease is kept and renewed
 * (§3.2 step 3: it "MAY choose to use the previously allocated network
 * address ... for the remainder of the unexpired lease"). */
static void verify_init_reboot_then_renew(void **st)
{
    ipcfg_dhcp_lease rec;
    const sent *r;

    (void)st;
    setup(0, 0);
    C.cfg.verify = 1;
    mk_lease(&rec, 100, 3600);
    start(IPCFG_DHCP_OP_RENEW, &rec, 1, 30000);
    assert_int_equal(C.state, IPCFG_DHCP_S_INIT_REBOOT);
    r = last();
    assert_int_equal(r->m.type, IPCFG_DHCPREQUEST);
    assert_zero4(r->m.h.ciaddr);
    assert_true(r->to.broadcast);
    assert_true(has_opt(&r->m, IPCFG_HAS_REQUESTED_IP));
    assert_int_equal(reply(IPCFG_DHCPACK, NULL), 0);
    assert_int_equal(result().status, IPCFG_OK);

    /* silence: the verify gives way to RENEWING (unicast, ciaddr set) */
    setup(0, 0);
    C.cfg.verify = 1;
    start(IPCFG_DHCP_OP_RENEW, &rec, 1, 30000);
    fire();
    fire();
    assert_int_equal(C.state, IPCFG_DHCP_S_INIT_REBOOT);
    fire();
    assert_int_equal(C.state, IPCFG_DHCP_S_RENEWING);
    r = last();
    assert_int_equal(r->m.type, IPCFG_DHCPREQUEST);
    assert_memory_equal(r->m.h.ciaddr, T_ADDR, 4);
    assert_false(r->to.broadcast);

    /* without verify, the same record with its address present renews */
    setup(0, 0);
    start(IPCFG_DHCP_OP_RENEW, &rec, 1, 30000);
    assert_int_equal(C.state, IPCFG_DHCP_S_RENEWING);
}

/* After a resume, the keeper's timeline (dhcp_keep.c, the clocks
 * injected) decides and the state machine does it: */
static ipcfg_dhcp_keep_do resume_decides(const ipcfg_dhcp_lease *rec, int64_t asleep_ms, int64_t wall_on_s)
{
    ipcfg_dhcp_keep k;
    ipcfg_dhcp_clocks c = {7000000, 3000000, NOW.wall_s};
    int64_t at;

    ipcfg_dhcp_keep_init(&k);
    (void)ipcfg_dhcp_keep_sample(&k, &c);
    ipcfg_dhcp_keep_anchor4(&k, rec, &c);
    c.boot_ms += 500 + asleep_ms;
    c.mono_ms += 500;
    c.wall_s += wall_on_s;
    assert_int_equal(ipcfg_dhcp_keep_sample(&k, &c), asleep_ms);
    ipcfg_dhcp_keep_anchor4(&k, rec, &c); /* the lease file read again: the same lease */
    ipcfg_dhcp_keep_in in = {c.boot_ms, 1, 1 /* resumed: a verify is asked */, 0};
    ipcfg_dhcp_keep_do what = ipcfg_dhcp_keep_next(&k, &in, &at);
    NOW.wall_s = c.wall_s;
    C.cfg.verify = what == IPCFG_DHCP_KEEP_VERIFY;
    C.cfg.lapsed = what == IPCFG_DHCP_KEEP_OBTAIN;
    return what;
}

/* Asleep past the expiry: obtained afresh (INIT, a DISCOVER first, the
 * old address taken off), never a REQUEST for the old lease as if it
 * were valid, even where the wall clock came back from the resume
 * behind (it says the lease has 9 minutes left). */
static void resume_expired_obtains_afresh(void **st)
{
    ipcfg_dhcp_lease rec;

    (void)st;
    setup(0, 0);
    mk_lease(&rec, 10, 600);
    assert_int_equal(resume_decides(&rec, 700000, 1), IPCFG_DHCP_KEEP_OBTAIN);
    start(IPCFG_DHCP_OP_RENEW, &rec, 1, 30000);
    assert_int_equal(C.state, IPCFG_DHCP_S_INIT);
    assert_int_equal(F.n_sent, 1);
    assert_int_equal(last()->m.type, IPCFG_DHCPDISCOVER);
    assert_int_equal(F.n_unapply, 1);
    assert_memory_equal(F.unapplied.address, T_ADDR, 4);
    /* the same, the wall clock right: the same */
    setup(0, 0);
    mk_lease(&rec, 10, 600);
    assert_int_equal(resume_decides(&rec, 700000, 700), IPCFG_DHCP_KEEP_OBTAIN);
    start(IPCFG_DHCP_OP_RENEW, &rec, 1, 30000);
    assert_int_equal(C.state, IPCFG_DHCP_S_INIT);
    assert_int_equal(last()->m.type, IPCFG_DHCPDISCOVER);
    /* without lapsed, the wall clock that lags would have renewed it */
    setup(0, 0);
    mk_lease(&rec, 10, 600);
    NOW.wall_s += 1;
    start(IPCFG_DHCP_OP_RENEW, &rec, 1, 30000);
    assert_int_equal(C.state, IPCFG_DHCP_S_RENEWING);
}

/* Asleep briefly: the unexpired lease verified at once (INIT-REBOOT: a
 * broadcast REQUEST with the address requested, no ciaddr, no server
 * identifier, RFC 2131 §4.3.2), the address kept meanwhile. */
static void resume_unexpired_verifies(void **st)
{
    ipcfg_dhcp_lease rec;
    const sent *r;

    (void)st;
    setup(0, 0);
    mk_lease(&rec, 10, 600);
    assert_int_equal(resume_decides(&rec, 60000, 60), IPCFG_DHCP_KEEP_VERIFY);
    start(IPCFG_DHCP_OP_RENEW, &rec, 1, 30000);
    assert_int_equal(C.state, IPCFG_DHCP_S_INIT_REBOOT);
    r = last();
    assert_int_equal(r->m.type, IPCFG_DHCPREQUEST);
    assert_true(r->to.broadcast);
    assert_zero4(r->m.h.ciaddr);
    assert_true(has_opt(&r->m, IPCFG_HAS_REQUESTED_IP));
    assert_false(has_opt(&r->m, IPCFG_HAS_SERVER_ID));
    assert_int_equal(F.n_unapply, 0);
    assert_int_equal(reply(IPCFG_DHCPACK, NULL), 0);
    assert_int_equal(result().status, IPCFG_OK);
}

/* Asleep past T1 or T2 (not the expiry): due at once.  Without a verify
 * the keeper renews (RENEWING, unicast) or rebinds (REBINDING,
 * broadcast); after a resume it verifies first, and an unanswered verify
 * goes on renewing or rebinding by the lease's times. */
static void resume_past_t1_t2(void **st)
{
    ipcfg_dhcp_keep k;
    ipcfg_dhcp_lease rec;
    int64_t at;

    (void)st;
    setup(0, 0);
    mk_lease(&rec, 10, 600);
    ipcfg_dhcp_clocks c = {7000000, 3000000, NOW.wall_s};
    ipcfg_dhcp_keep_init(&k);
    ipcfg_dhcp_keep_anchor4(&k, &rec, &c);
    ipcfg_dhcp_keep_in in = {c.boot_ms + 300000, 1, 0, 0}; /* T1 = 300 s after obtained, 290 s from now */
    assert_int_equal(ipcfg_dhcp_keep_next(&k, &in, &at), IPCFG_DHCP_KEEP_RENEW);
    NOW.wall_s += 300;
    start(IPCFG_DHCP_OP_RENEW, &rec, 1, 30000);
    assert_int_equal(C.state, IPCFG_DHCP_S_RENEWING);
    assert_false(last()->to.broadcast);
    assert_memory_equal(last()->m.h.ciaddr, T_ADDR, 4);

    setup(0, 0);
    in.boot_ms = c.boot_ms + 520000; /* T2 = 525 s after obtained */
    assert_int_equal(ipcfg_dhcp_keep_next(&k, &in, &at), IPCFG_DHCP_KEEP_REBIND);
    NOW.wall_s += 520;
    start(IPCFG_DHCP_OP_RENEW, &rec, 1, 30000);
    assert_int_equal(C.state, IPCFG_DHCP_S_REBINDING);
    assert_true(last()->to.broadcast);
    assert_memory_equal(last()->m.h.ciaddr, T_ADDR, 4);

    /* resumed past T2: verified first; unanswered, rebinding */
    setup(0, 0);
    mk_lease(&rec, 10, 600);
    assert_int_equal(resume_decides(&rec, 520000, 520), IPCFG_DHCP_KEEP_VERIFY);
    start(IPCFG_DHCP_OP_RENEW, &rec, 1, 30000);
    assert_int_equal(C.state, IPCFG_DHCP_S_INIT_REBOOT);
    for (int i = 0; i < 3; i++) { /* fire(), the wall clock kept past T2 */
        int64_t w = ipcfg_dhcp_client_next_wakeup(&C);
        NOW.wall_s += (w - NOW.mono_ms) / 1000;
        NOW.mono_ms = w;
        ipcfg_dhcp_client_timer(&C, &NOW);
    }
    assert_int_equal(C.state, IPCFG_DHCP_S_REBINDING);
    assert_true(last()->to.broadcast);
    assert_memory_equal(last()->m.h.ciaddr, T_ADDR, 4);
}

/* The link's hardware address changed since the lease was recorded (ip
 * link set IF address ...): the lease belongs to the old identity (RFC
 * 2131 §2: a client is known by its client identifier, else chaddr).  It
 * is released as that identity while its address is here to send from,
 * taken off, and a lease is obtained for the address the link has now;
 * the server is left holding one lease for the interface. */
static void hwaddr_changed_releases_then_obtains(void **st)
{
    static const uint8_t old_mac[6] = {0x02, 0x11, 0x22, 0x33, 0x44, 0x55};
    ipcfg_dhcp_lease rec;
    const sent *r;

    (void)st;
    setup(0, 0);
    mk_lease(&rec, 100, 3600);
    memcpy(rec.hwaddr, old_mac, 6);
    memcpy(rec.client_id + 1, old_mac, 6);
    start(IPCFG_DHCP_OP_RENEW, &rec, 1, 30000);
    assert_int_equal(C.state, IPCFG_DHCP_S_INIT);
    assert_int_equal(F.n_sent, 2);
    r = &F.s[0];
    assert_int_equal(r->m.type, IPCFG_DHCPRELEASE);
    assert_memory_equal(r->m.h.chaddr, old_mac, 6); /* the identity the lease was obtained with */
    assert_memory_equal(r->m.client_id, rec.client_id, 7);
    assert_memory_equal(r->m.h.ciaddr, T_ADDR, 4);
    assert_true(r->to.has_src);
    assert_memory_equal(r->to.dst, T_SERVER, 4);
    assert_memory_equal(&F.unapplied, &rec, sizeof rec);
    r = last();
    assert_int_equal(r->m.type, IPCFG_DHCPDISCOVER);
    assert_memory_equal(r->m.h.chaddr, T_MAC, 6);
    assert_client_id(&r->m);
    assert_string_equal(F.log, "sus");
    assert_int_equal(reply(IPCFG_DHCPOFFER, NULL), 0);
    assert_int_equal(reply(IPCFG_DHCPACK, NULL), 0);
    assert_int_equal(result().status, IPCFG_OK);
    assert_true(F.applied_old_null); /* the old lease is gone: nothing to replace */
    assert_memory_equal(F.saved.hwaddr, T_MAC, 6);
    assert_int_equal(F.saved.client_id_len, 7);
    assert_memory_equal(F.saved.client_id + 1, T_MAC, 6);

    /* its address not here: nothing to send from, so no RELEASE; the
     * lease is obtained afresh, never verified (INIT-REBOOT) as the new
     * identity */
    setup(0, 0);
    start(IPCFG_DHCP_OP_RENEW, &rec, 0, 30000);
    assert_int_equal(C.state, IPCFG_DHCP_S_INIT);
    assert_string_equal(F.log, "s");
    assert_int_equal(last()->m.type, IPCFG_DHCPDISCOVER);
    /* nobody answers: the old lease is recorded as given up */
    run_to_end();
    assert_int_equal(result().status, IPCFG_E_TIMEOUT);
    assert_int_equal(F.saved.state, IPCFG_DHCP_LEASE_RELEASED);

    /* a verify (the keeper's, link back) changes nothing of that */
    setup(0, 0);
    C.cfg.verify = 1;
    start(IPCFG_DHCP_OP_RENEW, &rec, 1, 30000);
    assert_int_equal(C.state, IPCFG_DHCP_S_INIT);
    assert_string_equal(F.log, "sus");

    /* /release of such a lease speaks as the identity that holds it */
    setup(0, 0);
    start(IPCFG_DHCP_OP_RELEASE, &rec, 1, 10000);
    assert_int_equal(result().status, IPCFG_OK);
    assert_int_equal(last()->m.type, IPCFG_DHCPRELEASE);
    assert_memory_equal(last()->m.h.chaddr, old_mac, 6);
}

/* T2 and the expiry passing during the command move RENEWING on. */
static void renewing_to_rebinding_to_init(void **st)
{
    ipcfg_dhcp_lease rec;
    uint32_t xid;
    int guard = 0;

    (void)st;
    setup(0, 0);
    mk_lease(&rec, 3140, 3600); /* T2 in 10 s, expiry in 460 s */
    rec.lease_time = 3155;      /* expiry in 15 s */
    rec.t2 = 3150;
    start(IPCFG_DHCP_OP_RENEW, &rec, 1, 60000);
    assert_int_equal(C.state, IPCFG_DHCP_S_RENEWING);
    xid = last()->m.h.xid;
    while (C.state == IPCFG_DHCP_S_RENEWING) {
        assert_true(++guard < 100);
        fire();
        assert_true(NOW.mono_ms <= 10000);
    }
    assert_int_equal(C.state, IPCFG_DHCP_S_REBINDING);
    assert_true(NOW.mono_ms == 10000); /* exactly at T2 */
    assert_true(last()->to.broadcast);
    assert_int_not_equal(last()->m.h.xid, xid);
    while (C.state == IPCFG_DHCP_S_REBINDING) {
        assert_true(++guard < 100);
        fire();
    }
    assert_int_equal(C.state, IPCFG_DHCP_S_INIT);
    assert_true(NOW.mono_ms == 15000); /* exactly at the expiry */
    assert_int_equal(F.n_unapply, 1);
    assert_int_equal(last()->m.type, IPCFG_DHCPDISCOVER);
    assert_false(last()->to.has_src);
}

/* ---- NAK -------------------------------------------------------------------------- */

static void nak_drops_lease_and_restarts(void **st)
{
    ipcfg_dhcp_lease rec;
    uint32_t xid;
    tsrv s;

    (void)st;
    setup(0, 0);
    mk_lease(&rec, 100, 3600);
    start(IPCFG_DHCP_OP_RENEW, &rec, 1, 30000);
    xid = last()->m.h.xid;
    set_time(200);
    assert_int_equal(reply(IPCFG_DHCPNAK, NULL), 0);
    assert_int_equal(C.state, IPCFG_DHCP_S_INIT);
    assert_string_equal(F.log, "sus");
    assert_memory_equal(&F.unapplied, &rec, sizeof rec);
    assert_int_equal(last()->m.type, IPCFG_DHCPDISCOVER);
    assert_int_not_equal(last()->m.h.xid, xid);
    /* a new lease from another server, another address */
    tsrv_default(&s, IPCFG_DHCPOFFER, last()->m.h.xid);
    memcpy(s.server, T_SERVER2, 4);
    s.yiaddr[3] = 77;
    assert_int_equal(rx(&s, NULL), 0);
    assert_memory_equal(last()->m.server_id, T_SERVER2, 4);
    s.type = IPCFG_DHCPACK;
    assert_int_equal(rx(&s, NULL), 0);
    assert_int_equal(result().status, IPCFG_OK);
    assert_string_equal(F.log, "sussav");
    assert_true(F.applied_old_null); /* the old one is gone already */
    assert_int_equal(F.saved.address[3], 77);
}

static void nak_from_other_server_ignored(void **st)
{
    ipcfg_dhcp_lease rec;
    const char *why = NULL;
    tsrv s;

    (void)st;
    /* RENEWING: only the issuing server */
    setup(0, 0);
    mk_lease(&rec, 100, 3600);
    start(IPCFG_DHCP_OP_RENEW, &rec, 1, 30000);
    tsrv_default(&s, IPCFG_DHCPNAK, last()->m.h.xid);
    memcpy(s.server, T_SERVER2, 4);
    assert_int_equal(rx(&s, &why), -1);
    assert_non_null(strstr(why, "another server"));
    assert_int_equal(C.state, IPCFG_DHCP_S_RENEWING);
    assert_int_equal(F.n_unapply, 0);
    /* a NAK without server identifier counts for nothing either */
    s.no_server = 1;
    assert_int_equal(rx(&s, &why), -1);
    assert_int_equal(C.state, IPCFG_DHCP_S_RENEWING);

    /* REQUESTING: only the selected server */
    setup(0, 0);
    start(IPCFG_DHCP_OP_RENEW, NULL, 0, 30000);
    assert_int_equal(reply(IPCFG_DHCPOFFER, NULL), 0);
    tsrv_default(&s, IPCFG_DHCPNAK, last()->m.h.xid);
    memcpy(s.server, T_SERVER2, 4);
    assert_int_equal(rx(&s, &why), -1);
    assert_int_equal(C.state, IPCFG_DHCP_S_REQUESTING);
    memcpy(s.server, T_SERVER, 4);
    assert_int_equal(rx(&s, &why), 0);
    assert_int_equal(C.state, IPCFG_DHCP_S_INIT);
    assert_int_equal(F.n_unapply, 0); /* nothing was installed */
}

/* The first valid OFFER is taken; later ones are not. */
static void first_offer_wins(void **st)
{
    const char *why = NULL;
    tsrv s;

    (void)st;
    setup(0, 0);
    start(IPCFG_DHCP_OP_RENEW, NULL, 0, 30000);
    tsrv_default(&s, IPCFG_DHCPOFFER, last()->m.h.xid);
    memcpy(s.server, T_SERVER2, 4);
    s.yiaddr[3] = 20;
    assert_int_equal(rx(&s, NULL), 0);
    assert_memory_equal(last()->m.server_id, T_SERVER2, 4);
    assert_int_equal(last()->m.requested_ip[3], 20);
    assert_int_equal(reply(IPCFG_DHCPOFFER, &why), -1); /* from T_SERVER, too late */
    assert_non_null(strstr(why, "neither a DHCPACK nor a DHCPNAK"));
    assert_int_equal(F.n_sent, 2);
    s.type = IPCFG_DHCPACK;
    assert_int_equal(rx(&s, NULL), 0);
    assert_int_equal(result().status, IPCFG_OK);
    assert_int_equal(F.saved.address[3], 20);
    assert_memory_equal(F.saved.server_id, T_SERVER2, 4);
}

/* REBINDING broadcasts: a NAK from any server counts. */
static void rebinding_nak_from_any_server(void **st)
{
    ipcfg_dhcp_lease rec;
    tsrv s;

    (void)st;
    setup(0, 0);
    mk_lease(&rec, 3200, 3600);
    start(IPCFG_DHCP_OP_RENEW, &rec, 1, 30000);
    assert_int_equal(C.state, IPCFG_DHCP_S_REBINDING);
    tsrv_default(&s, IPCFG_DHCPNAK, last()->m.h.xid);
    memcpy(s.server, T_SERVER2, 4);
    assert_int_equal(rx(&s, NULL), 0);
    assert_int_equal(C.state, IPCFG_DHCP_S_INIT);
    assert_string_equal(F.log, "sus");
}

static void server_id_change_rejected(void **st)
{
    const char *why = NULL;
    tsrv s;

    (void)st;
    setup(0, 0);
    start(IPCFG_DHCP_OP_RENEW, NULL, 0, 30000);
    assert_int_equal(reply(IPCFG_DHCPOFFER, NULL), 0);
    tsrv_default(&s, IPCFG_DHCPACK, last()->m.h.xid);
    memcpy(s.server, T_SERVER2, 4);
    assert_int_equal(rx(&s, &why), -1);
    assert_non_null(strstr(why, "another server"));
    s.no_server = 1;
    assert_int_equal(rx(&s, &why), -1);
    /* an ACK for another address than requested */
    tsrv_default(&s, IPCFG_DHCPACK, last()->m.h.xid);
    s.yiaddr[3] = 99;
    assert_int_equal(rx(&s, &why), -1);
    assert_non_null(strstr(why, "another address"));
    assert_int_equal(C.state, IPCFG_DHCP_S_REQUESTING);
    assert_int_equal(F.n_apply, 0);
    assert_int_equal(reply(IPCFG_DHCPACK, NULL), 0);
    assert_int_equal(result().status, IPCFG_OK);
}

/* The rule at the deadline after NAKs (see dhcp_client.c). */
static void nak_outcomes(void **st)
{
    ipcfg_dhcp_lease rec;
    ipcfg_error e;
    tsrv s;

    (void)st;
    /* NAK, then silence: the server cannot be contacted for a new lease: 5 */
    setup(0, 0);
    mk_lease(&rec, 100, 3600);
    start(IPCFG_DHCP_OP_RENEW, &rec, 1, 10000);
    assert_int_equal(reply(IPCFG_DHCPNAK, NULL), 0);
    run_to_end();
    e = result();
    assert_int_equal(e.status, IPCFG_E_TIMEOUT);
    assert_int_equal(e.reason, IPCFG_R_DHCP_TIMEOUT);
    assert_int_equal(F.saved.state, IPCFG_DHCP_LEASE_RELEASED); /* the NAKed lease is not kept */
    assert_int_equal(F.n_unapply, 1);

    /* NAK, OFFER, REQUEST, NAK again, silence: 3 */
    setup(0, 0);
    start(IPCFG_DHCP_OP_RENEW, &rec, 1, 10000);
    assert_int_equal(reply(IPCFG_DHCPNAK, NULL), 0);
    assert_int_equal(reply(IPCFG_DHCPOFFER, NULL), 0);
    assert_int_equal(reply(IPCFG_DHCPNAK, NULL), 0);
    run_to_end();
    e = result();
    assert_int_equal(e.status, IPCFG_E_FAILED);
    assert_int_equal(e.reason, IPCFG_R_SYSTEM);
    assert_non_null(strstr(e.text, "NAK"));

    /* NAK, then an OFFER whose REQUEST is never answered: 3 */
    setup(0, 0);
    start(IPCFG_DHCP_OP_RENEW, &rec, 1, 10000);
    assert_int_equal(reply(IPCFG_DHCPNAK, NULL), 0);
    assert_int_equal(reply(IPCFG_DHCPOFFER, NULL), 0);
    run_to_end();
    assert_int_equal(result().status, IPCFG_E_FAILED);

    /* NAK, then only an OFFER that cannot be bound (bad address): 3 */
    setup(0, 0);
    start(IPCFG_DHCP_OP_RENEW, &rec, 1, 10000);
    assert_int_equal(reply(IPCFG_DHCPNAK, NULL), 0);
    tsrv_default(&s, IPCFG_DHCPOFFER, last()->m.h.xid);
    memset(s.yiaddr, 0, 4);
    assert_int_equal(rx(&s, NULL), -1);
    run_to_end();
    assert_int_equal(result().status, IPCFG_E_FAILED);

    /* NAK in INIT-REBOOT (from any server), then a new lease: 0 */
    setup(0, 0);
    start(IPCFG_DHCP_OP_RENEW, &rec, 0, 10000);
    tsrv_default(&s, IPCFG_DHCPNAK, last()->m.h.xid);
    memcpy(s.server, T_SERVER2, 4);
    assert_int_equal(rx(&s, NULL), 0);
    assert_int_equal(F.n_unapply, 0); /* the address was not there */
    assert_int_equal(reply(IPCFG_DHCPOFFER, NULL), 0);
    assert_int_equal(reply(IPCFG_DHCPACK, NULL), 0);
    assert_int_equal(result().status, IPCFG_OK);
    assert_int_equal(F.saved.state, IPCFG_DHCP_LEASE_BOUND);

    /* a server that NAKs every REQUEST: stops after four NAKs, 3 */
    setup(0, 0);
    start(IPCFG_DHCP_OP_RENEW, NULL, 0, 60000);
    for (int i = 0; i < 4; i++) {
        assert_false(ipcfg_dhcp_client_done(&C, NULL));
        assert_int_equal(reply(IPCFG_DHCPOFFER, NULL), 0);
        assert_int_equal(reply(IPCFG_DHCPNAK, NULL), 0);
    }
    e = result();
    assert_int_equal(e.status, IPCFG_E_FAILED);
    assert_true(NOW.mono_ms < 60000);
}

/* ---- probing and DECLINE ---------------------------------------------------------- */

static void conflict_declines_and_takes_next_offer(void **st)
{
    const sent *d;
    uint32_t xid;
    tsrv s;

    (void)st;
    setup(500, 0);
    start(IPCFG_DHCP_OP_RENEW, NULL, 0, 30000);
    assert_int_equal(reply(IPCFG_DHCPOFFER, NULL), 0);
    assert_int_equal(reply(IPCFG_DHCPACK, NULL), 0);
    assert_int_equal(C.state, IPCFG_DHCP_S_PROBING);
    assert_int_equal(F.n_probe, 1);
    assert_memory_equal(F.probe_addr, T_ADDR, 4);
    assert_true(ipcfg_dhcp_client_next_wakeup(&C) == 30000); /* only the deadline */
    xid = last()->m.h.xid;
    set_time(600);
    ipcfg_dhcp_client_probe_done(&C, &NOW, 1);
    assert_string_equal(F.log, "sspss");
    d = &F.s[2];
    assert_int_equal(d->m.type, IPCFG_DHCPDECLINE);
    assert_zero4(d->m.h.ciaddr);
    assert_true(d->to.broadcast);
    assert_false(d->to.has_src);
    assert_memory_equal(d->m.requested_ip, T_ADDR, 4);
    assert_memory_equal(d->m.server_id, T_SERVER, 4);
    assert_client_id(&d->m);
    assert_false(has_opt(&d->m, IPCFG_HAS_HOST_NAME | IPCFG_HAS_PARAM_LIST | IPCFG_HAS_LEASE_TIME));
    assert_int_equal(d->m.h.secs, 0);
    /* back to INIT at once, with a new xid */
    assert_int_equal(C.state, IPCFG_DHCP_S_INIT);
    assert_int_equal(last()->m.type, IPCFG_DHCPDISCOVER);
    assert_true(last()->at_ms == 600);
    assert_int_not_equal(last()->m.h.xid, xid);
    /* the next offer is another address: probed, free, bound */
    tsrv_default(&s, IPCFG_DHCPOFFER, last()->m.h.xid);
    s.yiaddr[3] = 11;
    assert_int_equal(rx(&s, NULL), 0);
    s.type = IPCFG_DHCPACK;
    assert_int_equal(rx(&s, NULL), 0);
    assert_int_equal(F.n_probe, 2);
    assert_int_equal(F.probe_addr[3], 11);
    ipcfg_dhcp_client_probe_done(&C, &NOW, 0);
    assert_int_equal(result().status, IPCFG_OK);
    assert_string_equal(F.log, "sspssspav");
    assert_int_equal(F.saved.address[3], 11);
    /* a late verdict changes nothing */
    ipcfg_dhcp_client_probe_done(&C, &NOW, 1);
    assert_int_equal(F.n_sent, 5);
}

static void conflict_outcomes(void **st)
{
    ipcfg_error e;

    (void)st;
    /* a conflict, then no lease by the deadline: 7 */
    setup(500, 0);
    start(IPCFG_DHCP_OP_RENEW, NULL, 0, 10000);
    assert_int_equal(reply(IPCFG_DHCPOFFER, NULL), 0);
    assert_int_equal(reply(IPCFG_DHCPACK, NULL), 0);
    ipcfg_dhcp_client_probe_done(&C, &NOW, 1);
    run_to_end();
    e = result();
    assert_int_equal(e.status, IPCFG_E_CONFLICT);
    assert_int_equal(e.reason, IPCFG_R_EXISTS);
    assert_int_equal(F.n_apply + F.n_save, 0);

    /* every offer in use: ends after four declines */
    setup(500, 0);
    start(IPCFG_DHCP_OP_RENEW, NULL, 0, 60000);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(reply(IPCFG_DHCPOFFER, NULL), 0);
        assert_int_equal(reply(IPCFG_DHCPACK, NULL), 0);
        ipcfg_dhcp_client_probe_done(&C, &NOW, 1);
    }
    assert_int_equal(result().status, IPCFG_E_CONFLICT);
    assert_int_equal(F.n_sent, 4 * 3);

    /* probing with no verdict by the deadline: 5 */
    setup(500, 0);
    start(IPCFG_DHCP_OP_RENEW, NULL, 0, 10000);
    assert_int_equal(reply(IPCFG_DHCPOFFER, NULL), 0);
    assert_int_equal(reply(IPCFG_DHCPACK, NULL), 0);
    run_to_end();
    assert_int_equal(result().status, IPCFG_E_TIMEOUT);
    assert_true(NOW.mono_ms == 10000);

    /* a probe that cannot start: bound without it */
    setup(500, 0);
    F.probe_ret = -1;
    start(IPCFG_DHCP_OP_RENEW, NULL, 0, 10000);
    assert_int_equal(reply(IPCFG_DHCPOFFER, NULL), 0);
    assert_int_equal(reply(IPCFG_DHCPACK, NULL), 0);
    assert_int_equal(result().status, IPCFG_OK);
    assert_string_equal(F.log, "sspav");
}

/* ---- deadline ---------------------------------------------------------------------- */

static void timeout_keeps_valid_lease(void **st)
{
    ipcfg_dhcp_lease rec;
    ipcfg_error e;
    unsigned i;

    (void)st;
    setup(0, 0);
    set_time(2000);
    mk_lease(&rec, 100, 3600);
    start(IPCFG_DHCP_OP_RENEW, &rec, 1, 20000);
    run_to_end();
    e = result();
    assert_int_equal(e.status, IPCFG_E_TIMEOUT);
    assert_int_equal(e.reason, IPCFG_R_DHCP_TIMEOUT);
    assert_true(NOW.mono_ms == 22000);
    assert_int_equal(F.n_apply + F.n_unapply + F.n_save, 0); /* nothing touched */
    assert_true(F.n_sent >= 5);
    for (i = 0; i < F.n_sent; i++) {
        assert_false(F.s[i].to.broadcast);
        assert_true(F.s[i].at_ms < 22000);
    }

    /* nothing recorded, nobody answers: 5 */
    setup(0, 0);
    start(IPCFG_DHCP_OP_RENEW, NULL, 0, 3000);
    run_to_end();
    assert_int_equal(result().status, IPCFG_E_TIMEOUT);
    assert_int_equal(F.n_save, 0);

    /* a reply after the deadline is not taken */
    setup(0, 0);
    start(IPCFG_DHCP_OP_RENEW, NULL, 0, 3000);
    set_time(3000);
    assert_int_equal(reply(IPCFG_DHCPOFFER, NULL), -1);
    assert_int_equal(result().status, IPCFG_E_TIMEOUT);
    assert_int_equal(F.n_sent, 1);
}

/* A server that answers, but only with replies ipcfg refuses, is not "a
 * server that could not be contacted": at the deadline, status 3 and one
 * line saying why its last answer was refused.  Nothing at all, or only
 * replies that are not ours (another xid): 5 as before. */
static void refused_replies_outcome(void **st)
{
    static const struct {
        int what; /* 0 the OFFER is bad, 1 the ACK is bad */
        uint32_t lease;
        uint8_t mask3;   /* 0: the mask 0.0.0.0 */
        uint8_t yi3;     /* the address's last octet */
        const char *want;
    } c[] = {
        {0, 0, 255, 10, "lease time"},   {0, 1, 255, 10, "lease time"},  {0, 3600, 0, 10, "subnet mask"},
        {0, 3600, 255, 255, "address"},  {0, 3600, 255, 0, "address"},   {1, 1, 255, 10, "lease time"},
        {1, 3600, 255, 11, "another address"},
    };
    ipcfg_dhcp_lease rec;
    ipcfg_error e;
    tsrv s;

    (void)st;
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        print_message("case %zu\n", i);
        setup(0, 0);
        start(IPCFG_DHCP_OP_RENEW, NULL, 0, 5000);
        if (c[i].what == 1)
            assert_int_equal(reply(IPCFG_DHCPOFFER, NULL), 0);
        tsrv_default(&s, c[i].what ? IPCFG_DHCPACK : IPCFG_DHCPOFFER, last()->m.h.xid);
        s.lease = c[i].lease;
        s.mask[0] = s.mask[1] = s.mask[2] = c[i].mask3 ? 255 : 0;
        s.mask[3] = 0;
        s.yiaddr[3] = c[i].yi3;
        assert_int_equal(rx(&s, NULL), -1);
        run_to_end();
        e = result();
        assert_int_equal(e.status, IPCFG_E_FAILED);
        assert_int_equal(e.reason, IPCFG_R_SYSTEM);
        assert_non_null(strstr(e.text, "answered"));
        if (strstr(e.text, c[i].want) == NULL)
            fail_msg("case %zu: \"%s\" lacks \"%s\"", i, e.text, c[i].want);
        assert_null(strchr(e.text, '\n'));
        assert_int_equal(F.n_apply + F.n_save, 0);
    }

    /* a duplicate option 51: malformed, yet a server's answer to us */
    setup(0, 0);
    start(IPCFG_DHCP_OP_RENEW, NULL, 0, 5000);
    {
        uint8_t buf[600], v[4], t = IPCFG_DHCPOFFER;
        ipcfg_dhcp_hdr h;
        memset(&h, 0, sizeof h);
        h.op = IPCFG_BOOTREPLY;
        h.htype = 1;
        h.hlen = 6;
        h.xid = last()->m.h.xid;
        memcpy(h.chaddr, T_MAC, 6);
        memcpy(h.yiaddr, T_ADDR, 4);
        size_t at = ipcfg_dhcp_build_begin(buf, sizeof buf, &h);
        at = ipcfg_dhcp_build_opt(buf, sizeof buf, at, IPCFG_OPT_MSG_TYPE, &t, 1);
        at = ipcfg_dhcp_build_opt(buf, sizeof buf, at, IPCFG_OPT_SERVER_ID, T_SERVER, 4);
        ipcfg_dhcp_put32(v, 3600);
        at = ipcfg_dhcp_build_opt(buf, sizeof buf, at, IPCFG_OPT_LEASE_TIME, v, 4);
        at = ipcfg_dhcp_build_opt(buf, sizeof buf, at, IPCFG_OPT_LEASE_TIME, v, 4);
        at = ipcfg_dhcp_build_end(buf, sizeof buf, at);
        assert_int_equal(ipcfg_dhcp_client_receive(&C, &NOW, buf, at, NULL), -1);
        /* cut short, with our xid: a server's answer too; garbage is not */
        assert_int_equal(ipcfg_dhcp_client_receive(&C, &NOW, buf, 100, NULL), -1);
        memset(buf, 0x5a, sizeof buf);
        assert_int_equal(ipcfg_dhcp_client_receive(&C, &NOW, buf, sizeof buf, NULL), -1);
    }
    run_to_end();
    e = result();
    assert_int_equal(e.status, IPCFG_E_FAILED);
    assert_non_null(strstr(e.text, "answered"));
    assert_non_null(strstr(e.text, "shorter")); /* the last one of ours */

    /* replies for another exchange (xid) or client do not count: 5 */
    setup(0, 0);
    start(IPCFG_DHCP_OP_RENEW, NULL, 0, 5000);
    tsrv_default(&s, IPCFG_DHCPOFFER, last()->m.h.xid ^ 1);
    s.lease = 1;
    assert_int_equal(rx(&s, NULL), -1);
    tsrv_default(&s, IPCFG_DHCPOFFER, last()->m.h.xid);
    s.chaddr[5] ^= 1;
    assert_int_equal(rx(&s, NULL), -1);
    run_to_end();
    assert_int_equal(result().status, IPCFG_E_TIMEOUT);

    /* a refused answer and then a valid OFFER whose REQUEST goes
     * unanswered: the last answer was taken, so it is 5 */
    setup(0, 0);
    start(IPCFG_DHCP_OP_RENEW, NULL, 0, 5000);
    tsrv_default(&s, IPCFG_DHCPOFFER, last()->m.h.xid);
    s.lease = 1;
    assert_int_equal(rx(&s, NULL), -1);
    assert_int_equal(reply(IPCFG_DHCPOFFER, NULL), 0);
    run_to_end();
    assert_int_equal(result().status, IPCFG_E_TIMEOUT);

    /* a renewal refused: the lease is kept, and it is 3 */
    setup(0, 0);
    mk_lease(&rec, 100, 3600);
    start(IPCFG_DHCP_OP_RENEW, &rec, 1, 5000);
    tsrv_default(&s, IPCFG_DHCPACK, last()->m.h.xid);
    s.lease = 1;
    assert_int_equal(rx(&s, NULL), -1);
    run_to_end();
    e = result();
    assert_int_equal(e.status, IPCFG_E_FAILED);
    assert_non_null(strstr(e.text, "lease time"));
    assert_int_equal(F.n_apply + F.n_unapply + F.n_save, 0);

    /* refused answers, then a valid one: bound */
    setup(0, 0);
    start(IPCFG_DHCP_OP_RENEW, NULL, 0, 5000);
    tsrv_default(&s, IPCFG_DHCPOFFER, last()->m.h.xid);
    memset(s.yiaddr, 0, 4);
    assert_int_equal(rx(&s, NULL), -1);
    assert_int_equal(reply(IPCFG_DHCPOFFER, NULL), 0);
    tsrv_default(&s, IPCFG_DHCPACK, last()->m.h.xid);
    memset(s.yiaddr, 0, 4);
    assert_int_equal(rx(&s, NULL), -1);
    assert_int_equal(reply(IPCFG_DHCPACK, NULL), 0);
    assert_int_equal(result().status, IPCFG_OK);
}

/* "The back-off schedule always fits the timeout": for many timeouts and
 * random streams, every transmission happens before the deadline, no
 * timer lies past it, the gaps follow the schedule, and the operation
 * ends exactly at the deadline with status 5. */
static void backoff_fits_timeout(void **st)
{
    uint32_t seed;
    int64_t timeout;

    (void)st;
    for (seed = 1; seed < 40; seed++) {
        for (timeout = 1; timeout <= 200000; timeout = timeout * 3 / 2 + 7) {
            unsigned i;
            setup(0, seed * 2654435761u);
            if (seed % 3 == 0) {
                F.rnd_fixed = 1;
                F.rnd_value = seed % 2 ? 0 : UINT32_MAX;
            }
            set_time((int64_t)seed * 1000);
            start(IPCFG_DHCP_OP_RENEW, NULL, 0, timeout);
            while (!ipcfg_dhcp_client_done(&C, NULL)) {
                int64_t w = ipcfg_dhcp_client_next_wakeup(&C);
                assert_true(w <= C.deadline_ms);
                assert_true(w >= NOW.mono_ms);
                fire();
            }
            assert_true(NOW.mono_ms == (int64_t)seed * 1000 + timeout);
            assert_int_equal(result().status, IPCFG_E_TIMEOUT);
            for (i = 0; i < F.n_sent; i++) {
                assert_true(F.s[i].at_ms < C.deadline_ms);
                if (i > 0) {
                    int64_t gap = F.s[i].at_ms - F.s[i - 1].at_ms;
                    unsigned k = i - 1;
                    int64_t base = k >= 3 ? 8000 : 1000 << k, j = base / 4 < 1000 ? base / 4 : 1000;
                    assert_in_range(gap, base - j, base + j);
                }
            }
        }
    }
}

static void backoff_values(void **st)
{
    static const uint32_t rs[] = {0, 1, 250, 251, 500, 501, 1000, 2000, 2001, 0x7fffffff, UINT32_MAX};
    size_t i;
    unsigned a;

    (void)st;
    for (i = 0; i < sizeof rs / sizeof rs[0]; i++) {
        assert_in_range(ipcfg_dhcp_backoff_ms(0, rs[i]), 750, 1250);
        assert_in_range(ipcfg_dhcp_backoff_ms(1, rs[i]), 1500, 2500);
        assert_in_range(ipcfg_dhcp_backoff_ms(2, rs[i]), 3000, 5000);
        for (a = 3; a < 100; a++)
            assert_in_range(ipcfg_dhcp_backoff_ms(a, rs[i]), 7000, 9000);
        assert_in_range(ipcfg_dhcp_backoff_ms(UINT32_MAX, rs[i]), 7000, 9000);
    }
    /* the jitter covers its whole range */
    assert_int_equal(ipcfg_dhcp_backoff_ms(0, 0), 750);
    assert_int_equal(ipcfg_dhcp_backoff_ms(0, 500), 1250);
    assert_int_equal(ipcfg_dhcp_backoff_ms(3, 0), 7000);
    assert_int_equal(ipcfg_dhcp_backoff_ms(3, 2000), 9000);
}

/* ---- checks on replies ------------------------------------------------------------- */

static void identity_checks(void **st)
{
    const char *why;
    tsrv s;
    uint8_t buf[600];
    size_t n;

    (void)st;
    setup(0, 0);
    start(IPCFG_DHCP_OP_RENEW, NULL, 0, 30000);
#define BAD(field_change, want)                                                                                        \
    do {                                                                                                               \
        tsrv_default(&s, IPCFG_DHCPOFFER, last()->m.h.xid);                                                            \
        field_change;                                                                                                  \
        why = NULL;                                                                                                    \
        assert_int_equal(rx(&s, &why), -1);                                                                            \
        assert_non_null(why);                                                                                          \
        assert_non_null(strstr(why, want));                                                                            \
        assert_int_equal(C.state, IPCFG_DHCP_S_INIT);                                                                  \
    } while (0)
    BAD(s.xid ^= 1, "transaction");
    BAD(s.chaddr[5] ^= 1, "hardware address");
    BAD(s.op = IPCFG_BOOTREQUEST, "BOOTREPLY");
    BAD(s.htype = 6, "hardware type");
    BAD(s.hlen = 5, "hardware type");
    BAD(s.no_type = 1, "message type");
    BAD(s.type = IPCFG_DHCPACK, "not a DHCPOFFER");
    BAD(s.type = IPCFG_DHCPNAK, "not a DHCPOFFER");
#undef BAD
    /* wrong magic cookie */
    tsrv_default(&s, IPCFG_DHCPOFFER, last()->m.h.xid);
    n = tsrv_build(&s, buf, sizeof buf);
    buf[IPCFG_DHCP_OFF_COOKIE] = 0;
    assert_int_equal(ipcfg_dhcp_client_receive(&C, &NOW, buf, n, &why), -1);
    assert_non_null(strstr(why, "cookie"));
    /* truncated message */
    buf[IPCFG_DHCP_OFF_COOKIE] = 99;
    assert_int_equal(ipcfg_dhcp_client_receive(&C, &NOW, buf, 250, &why), -1);
    assert_int_equal(ipcfg_dhcp_client_receive(&C, &NOW, buf, n, &why), 0);
    assert_int_equal(C.state, IPCFG_DHCP_S_REQUESTING);
    assert_int_equal(F.n_sent, 2); /* none of the bad ones made it send */
}

/* An OFFER is refused (still INIT, nothing sent) when its lease fails a
 * sanity check; /31 and /32 pass. */
static void offer_sanity(void **st)
{
    static const struct {
        uint8_t yi[4];
        uint8_t mask[4];
        uint32_t lease;
        int no_lease, no_server;
        uint8_t server0;
        const char *want;
    } bad[] = {
        {{0, 0, 0, 0}, {255, 255, 255, 0}, 3600, 0, 0, 0, "address"},
        {{255, 255, 255, 255}, {255, 255, 255, 0}, 3600, 0, 0, 0, "address"},
        {{127, 0, 0, 1}, {255, 0, 0, 0}, 3600, 0, 0, 0, "address"},
        {{224, 0, 0, 5}, {255, 255, 255, 0}, 3600, 0, 0, 0, "address"},
        {{240, 0, 0, 1}, {255, 255, 255, 0}, 3600, 0, 0, 0, "address"},
        {{192, 0, 2, 0}, {255, 255, 255, 0}, 3600, 0, 0, 0, "address"},
        {{192, 0, 2, 255}, {255, 255, 255, 0}, 3600, 0, 0, 0, "address"},
        {{10, 0, 0, 3}, {255, 255, 255, 252}, 3600, 0, 0, 0, "address"},
        {{192, 0, 2, 10}, {255, 0, 255, 0}, 3600, 0, 0, 0, "mask"},
        {{192, 0, 2, 10}, {0, 0, 0, 0}, 3600, 0, 0, 0, "mask"},
        {{192, 0, 2, 10}, {255, 255, 255, 0}, 0, 0, 0, 0, "lease time"},
        {{192, 0, 2, 10}, {255, 255, 255, 0}, 9, 0, 0, 0, "lease time"},
        {{192, 0, 2, 10}, {255, 255, 255, 0}, 3600, 1, 0, 0, "lease time"},
        {{192, 0, 2, 10}, {255, 255, 255, 0}, 3600, 0, 1, 0, "server identifier"},
        {{192, 0, 2, 10}, {255, 255, 255, 0}, 3600, 0, 0, 127, "server identifier"},
    };
    const char *why;
    tsrv s;
    size_t i;

    (void)st;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        setup(0, 0);
        start(IPCFG_DHCP_OP_RENEW, NULL, 0, 30000);
        tsrv_default(&s, IPCFG_DHCPOFFER, last()->m.h.xid);
        memcpy(s.yiaddr, bad[i].yi, 4);
        memcpy(s.mask, bad[i].mask, 4);
        s.lease = bad[i].lease;
        s.no_lease = bad[i].no_lease;
        s.no_server = bad[i].no_server;
        if (bad[i].server0)
            s.server[0] = bad[i].server0;
        why = NULL;
        print_message("case %zu\n", i);
        assert_int_equal(rx(&s, &why), -1);
        assert_non_null(why);
        if (strstr(why, bad[i].want) == NULL)
            fail_msg("case %zu: \"%s\" lacks \"%s\"", i, why, bad[i].want);
        assert_int_equal(C.state, IPCFG_DHCP_S_INIT);
        assert_int_equal(F.n_sent, 1);
    }
}

/* want_ok: 1 bound, 0 the ACK refused, -1 the OFFER refused already. */
static void bind_with(tsrv *s, int want_ok)
{
    setup(0, 0);
    start(IPCFG_DHCP_OP_RENEW, NULL, 0, 30000);
    s->xid = last()->m.h.xid;
    s->type = IPCFG_DHCPOFFER;
    assert_int_equal(rx(s, NULL), want_ok < 0 ? -1 : 0);
    if (want_ok < 0) {
        assert_int_equal(C.state, IPCFG_DHCP_S_INIT);
        return;
    }
    s->type = IPCFG_DHCPACK;
    assert_int_equal(rx(s, NULL), want_ok ? 0 : -1);
    if (!want_ok)
        assert_int_equal(C.state, IPCFG_DHCP_S_REQUESTING);
}

static void ack_sanity(void **st)
{
    static const uint8_t routes[] = {0, 192, 0, 2, 254, 16, 10, 1, 0, 0, 0, 0};
    static const uint8_t bad_route[] = {0, 127, 0, 0, 1};
    tsrv s;

    (void)st;
    /* /31: both addresses are hosts */
    tsrv_default(&s, 0, 0);
    memcpy(s.yiaddr, ((const uint8_t[]){192, 0, 2, 0}), 4);
    s.mask[3] = 254;
    bind_with(&s, 1);
    assert_int_equal(F.saved.prefix_len, 31);
    /* /32 */
    tsrv_default(&s, 0, 0);
    memcpy(s.yiaddr, ((const uint8_t[]){192, 0, 2, 255}), 4);
    s.mask[3] = 255;
    bind_with(&s, 1);
    assert_int_equal(F.saved.prefix_len, 32);
    /* infinite lease: permanent */
    tsrv_default(&s, 0, 0);
    s.lease = IPCFG_DHCP_INFINITE;
    bind_with(&s, 1);
    assert_true(F.saved.lease_time == IPCFG_DHCP_INFINITE);
    assert_true(F.saved.t1 == IPCFG_DHCP_INFINITE);
    assert_true(F.saved.t2 == IPCFG_DHCP_INFINITE);
    assert_true(ipcfg_dhcp_lease_expires(&F.saved) == INT64_MAX);
    /* server T1/T2 kept when in order, defaults when not */
    tsrv_default(&s, 0, 0);
    s.has_t1 = s.has_t2 = 1;
    s.t1 = 600;
    s.t2 = 1200;
    bind_with(&s, 1);
    assert_int_equal(F.saved.t1, 600);
    assert_int_equal(F.saved.t2, 1200);
    s.t1 = 1300;
    bind_with(&s, 1);
    assert_int_equal(F.saved.t1, 1800);
    assert_int_equal(F.saved.t2, 3150);
    /* classless routes win over option 3 (RFC 3442) */
    tsrv_default(&s, 0, 0);
    s.routes121 = routes;
    s.routes121_len = sizeof routes;
    bind_with(&s, 1);
    assert_int_equal(F.saved.n_routers, 0);
    assert_int_equal(F.saved.n_routes, 2);
    assert_memory_equal(F.saved.routes[0].gateway, T_ROUTER, 4);
    assert_int_equal(F.saved.routes[1].prefix_len, 16);
    /* unusable DNS server addresses are left out */
    tsrv_default(&s, 0, 0);
    s.n_dns = 4;
    memcpy(s.dns[0], ((const uint8_t[]){255, 255, 84, 255}), 4);
    memcpy(s.dns[1], T_DNS, 4);
    memcpy(s.dns[2], ((const uint8_t[]){127, 0, 0, 53}), 4);
    memcpy(s.dns[3], T_SERVER2, 4);
    bind_with(&s, 1);
    assert_int_equal(F.saved.n_dns, 2);
    assert_memory_equal(F.saved.dns[0], T_DNS, 4);
    assert_memory_equal(F.saved.dns[1], T_SERVER2, 4);
    /* an ACK is refused without a mask, or with a bad router or route */
    tsrv_default(&s, 0, 0);
    s.no_mask = 1;
    bind_with(&s, 0);
    tsrv_default(&s, 0, 0);
    memcpy(s.routers[0], ((const uint8_t[]){0, 0, 0, 0}), 4);
    bind_with(&s, -1);
    tsrv_default(&s, 0, 0);
    memcpy(s.routers[0], ((const uint8_t[]){127, 0, 0, 1}), 4);
    bind_with(&s, -1);
    tsrv_default(&s, 0, 0);
    s.routes121 = bad_route;
    s.routes121_len = sizeof bad_route;
    bind_with(&s, -1);
    assert_int_equal(F.n_apply, 0);
}

/* A domain name that is no DNS name (dns_name.h) is left out of the lease,
 * which still binds; the client says what it left out. */
static void hostile_domain_left_out(void **st)
{
    static const char *const bad[] = {"x$(touch${IFS}/tmp/PWNED)", "a`id`", "a;b", "a|b", "a'b", "a..b", "a%b"};
    char text[IPCFG_ERRTEXT_MAX];
    tsrv s;

    (void)st;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        tsrv_default(&s, 0, 0);
        s.domain = bad[i];
        bind_with(&s, 1);
        assert_int_equal(result().status, IPCFG_OK);
        assert_string_equal(F.saved.domain, "");
        assert_memory_equal(F.saved.address, T_ADDR, 4);
        assert_int_equal(ipcfg_dhcp_client_left_out(&C), IPCFG_DHCP_LEFT_DOMAIN);
    }
    assert_true(ipcfg_dhcp_left_out_text(IPCFG_DHCP_LEFT_DOMAIN, text, sizeof text) > 0);
    assert_non_null(strstr(text, "domain name (option 15)"));
    assert_null(strchr(text, '\n'));
    assert_int_equal(ipcfg_dhcp_left_out_text(0, text, sizeof text), 0);
    assert_string_equal(text, "");
    /* a valid one is kept, and nothing is said */
    tsrv_default(&s, 0, 0);
    s.domain = "corp.example.com";
    bind_with(&s, 1);
    assert_string_equal(F.saved.domain, "corp.example.com");
    assert_int_equal(ipcfg_dhcp_client_left_out(&C), 0);
}

/* RFC 2131 §4.4.5: T1 and T2 from the server only when 0 < T1 < T2 < the
 * lease time; otherwise (T1 = T2 = 0 made a keeper renew without pause)
 * both are the defaults, 0.5 and 0.875 of the lease. */
static void server_times_checked(void **st)
{
    static const struct {
        int has_t1, has_t2;
        uint32_t t1, t2, want_t1, want_t2;
    } c[] = {
        {1, 1, 0, 0, 60, 105},     {1, 1, 50, 50, 60, 105}, {1, 1, 100, 50, 60, 105}, {1, 1, 30, 120, 60, 105},
        {1, 1, 30, 130, 60, 105},  {1, 1, 0, 90, 60, 105},  {1, 0, 0, 0, 60, 105},    {0, 1, 0, 0, 60, 105},
        {1, 0, 110, 0, 60, 105},   {1, 1, 30, 90, 30, 90},  {1, 0, 40, 0, 40, 105},   {0, 1, 0, 100, 60, 100},
        {1, 1, 119, 119, 60, 105}, {1, 1, 1, 119, 1, 119},
    };
    tsrv s;

    (void)st;
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        tsrv_default(&s, 0, 0);
        s.lease = 120;
        s.has_t1 = c[i].has_t1;
        s.has_t2 = c[i].has_t2;
        s.t1 = c[i].t1;
        s.t2 = c[i].t2;
        print_message("case %zu\n", i);
        bind_with(&s, 1);
        assert_int_equal(F.saved.t1, c[i].want_t1);
        assert_int_equal(F.saved.t2, c[i].want_t2);
    }
    /* the shortest lease's defaults are in order too */
    tsrv_default(&s, 0, 0);
    s.lease = 10;
    bind_with(&s, 1);
    assert_int_equal(F.saved.t1, 5);
    assert_int_equal(F.saved.t2, 8);
}

/* §4.4.5: "the client SHOULD wait one-half of the remaining time until T2
 * (in RENEWING state) and one-half of the remaining lease time (in
 * REBINDING state), down to a minimum of 60 seconds, before
 * retransmitting" -- never past the end. */
static void retry_halves_with_floor(void **st)
{
    (void)st;
    assert_true(ipcfg_dhcp_retry_ms(1000, 1000 + 7200000) == 1000 + 3600000);
    assert_true(ipcfg_dhcp_retry_ms(1000, 1000 + 100000) == 1000 + 60000);
    assert_true(ipcfg_dhcp_retry_ms(1000, 1000 + 30000) == 1000 + 30000);
    assert_true(ipcfg_dhcp_retry_ms(1000, 1000 + 121000) == 1000 + 60500);
    assert_true(ipcfg_dhcp_retry_ms(1000, 1000) == 1000);
    assert_true(ipcfg_dhcp_retry_ms(1000, 500) == 1000);
    assert_true(ipcfg_dhcp_retry_ms(0, INT64_MAX) == INT64_MAX / 2);
}

/* The keeper's exchanges (cfg.paced): RENEWING and REBINDING retransmit
 * as §4.4.5 says, not with the command's back-off: with a 120 s lease
 * whose T1 (60 s) has come, one REQUEST, the next at T2 (rebinding, 45 s
 * later: less than the 60 s floor is left), then none until the expiry. */
static void paced_renewing_and_rebinding(void **st)
{
    ipcfg_dhcp_lease rec;

    (void)st;
    setup(0, 0);
    C.cfg.paced = 1;
    mk_lease(&rec, 60, 120); /* T1 60, T2 105 */
    start(IPCFG_DHCP_OP_RENEW, &rec, 1, 60000);
    assert_int_equal(C.state, IPCFG_DHCP_S_RENEWING);
    assert_int_equal(F.n_sent, 1);
    assert_true(ipcfg_dhcp_client_next_wakeup(&C) == 45000);
    fire();
    assert_int_equal(C.state, IPCFG_DHCP_S_REBINDING);
    assert_int_equal(F.n_sent, 2);
    assert_true(last()->to.broadcast);
    assert_true(ipcfg_dhcp_client_next_wakeup(&C) == 60000); /* the expiry lies past the deadline */
    run_to_end();
    assert_int_equal(F.n_sent, 2);
    assert_int_equal(result().status, IPCFG_E_TIMEOUT);
    /* a long lease: one REQUEST in a minute's exchange */
    setup(0, 0);
    C.cfg.paced = 1;
    mk_lease(&rec, 1800, 3600);
    start(IPCFG_DHCP_OP_RENEW, &rec, 1, 60000);
    run_to_end();
    assert_int_equal(F.n_sent, 1);
    /* the command's own renew is not paced: it retransmits within its timeout */
    setup(0, 0);
    mk_lease(&rec, 1800, 3600);
    start(IPCFG_DHCP_OP_RENEW, &rec, 1, 60000);
    run_to_end();
    assert_true(F.n_sent >= 6);
}

/* ---- release ------------------------------------------------------------------------ */

static void release_bound(void **st)
{
    ipcfg_dhcp_lease rec;
    const sent *r;

    (void)st;
    setup(0, 0);
    mk_lease(&rec, 100, 3600);
    rec.client_id[6] ^= 0xff; /* the recorded identity is the one released */
    start(IPCFG_DHCP_OP_RELEASE, &rec, 1, 10000);
    assert_int_equal(result().status, IPCFG_OK);
    assert_string_equal(F.log, "suv");
    r = last();
    assert_int_equal(r->m.type, IPCFG_DHCPRELEASE);
    assert_memory_equal(r->m.h.ciaddr, T_ADDR, 4);
    assert_false(r->to.broadcast);
    assert_memory_equal(r->to.dst, T_SERVER, 4);
    assert_true(r->to.has_src);
    assert_memory_equal(r->to.src, T_ADDR, 4);
    assert_int_equal(r->m.h.secs, 0);
    /* ciaddr, server identifier, client identifier, nothing else */
    assert_int_equal(r->m.has, IPCFG_HAS_SERVER_ID | IPCFG_HAS_CLIENT_ID);
    assert_memory_equal(r->m.server_id, T_SERVER, 4);
    assert_int_equal(r->m.client_id_len, 7);
    assert_memory_equal(r->m.client_id, rec.client_id, 7);
    assert_memory_equal(&F.unapplied, &rec, sizeof rec);
    assert_int_equal(F.saved.state, IPCFG_DHCP_LEASE_RELEASED);
    assert_string_equal(F.saved.ifname, "eth0");
    assert_memory_equal(F.saved.hwaddr, T_MAC, 6);
    assert_memory_equal(F.saved.client_id, rec.client_id, 7);
    assert_zero4(F.saved.address);
    assert_zero4(F.saved.server_id);
    assert_int_equal(F.saved.n_routers, 0);
    /* the saved record formats and parses */
    {
        char buf[1024];
        ipcfg_dhcp_lease back;
        size_t n = ipcfg_dhcp_lease_format(&F.saved, buf, sizeof buf);
        assert_int_equal(ipcfg_dhcp_lease_parse(buf, n, &back, NULL, 0), 0);
        assert_memory_equal(&back, &F.saved, sizeof back);
    }
}

static void release_nothing(void **st)
{
    ipcfg_dhcp_lease rec;
    ipcfg_error e;

    (void)st;
    setup(0, 0);
    start(IPCFG_DHCP_OP_RELEASE, NULL, 0, 10000);
    e = result();
    assert_int_equal(e.status, IPCFG_E_STATE);
    assert_string_equal(F.log, "");

    setup(0, 0);
    mk_lease(&rec, 100, 3600);
    rec.state = IPCFG_DHCP_LEASE_RELEASED;
    start(IPCFG_DHCP_OP_RELEASE, &rec, 0, 10000);
    assert_int_equal(result().status, IPCFG_E_STATE);
    assert_string_equal(F.log, "");

    /* an expired lease: nothing on the wire, the leftovers removed */
    setup(0, 0);
    mk_lease(&rec, 4000, 3600);
    start(IPCFG_DHCP_OP_RELEASE, &rec, 1, 10000);
    assert_int_equal(result().status, IPCFG_OK);
    assert_string_equal(F.log, "uv");
    assert_int_equal(F.saved.state, IPCFG_DHCP_LEASE_RELEASED);

    /* the address already gone: no RELEASE can leave from it */
    setup(0, 0);
    mk_lease(&rec, 100, 3600);
    start(IPCFG_DHCP_OP_RELEASE, &rec, 0, 10000);
    assert_int_equal(result().status, IPCFG_OK);
    assert_string_equal(F.log, "v");
}

/* ---- I/O failures --------------------------------------------------------------------- */

/* io.commit (the confined engine's one round trip): apply, then save */
static int f_commit(void *ctx, const ipcfg_dhcp_lease *l, const ipcfg_dhcp_lease *old, ipcfg_error *err,
                    int *saving)
{
    *saving = 0;
    if (f_apply(ctx, l, old, err) != 0)
        return F.apply_ret;
    *saving = 1;
    return f_save(ctx, l, err);
}

/* The same outcomes through io.commit as through apply and save. */
static void commit_failures(void **st)
{
    static const char *const want[] = {"ssav", "ssau", "ssavu", "sava"};
    ipcfg_dhcp_lease rec;

    (void)st;
    for (int k = 0; k < 4; k++) {
        setup(0, 0);
        C.io.commit = f_commit;
        F.apply_ret = k == 1 ? IPCFG_E_ACCESS : 0;
        F.save_ret = k >= 2 ? IPCFG_E_ACCESS : 0;
        if (k == 3) {
            mk_lease(&rec, 100, 3600);
            start(IPCFG_DHCP_OP_RENEW, &rec, 1, 10000);
        } else {
            start(IPCFG_DHCP_OP_RENEW, NULL, 0, 10000);
            assert_int_equal(reply(IPCFG_DHCPOFFER, NULL), 0);
        }
        assert_int_equal(reply(IPCFG_DHCPACK, NULL), 0);
        ipcfg_error e = result();
        assert_int_equal(e.status, k == 0 ? IPCFG_OK : IPCFG_E_ACCESS);
        assert_string_equal(F.log, want[k]);
    }
    assert_int_equal(F.applied.obtained, rec.obtained); /* the renewal's record applied again */
}

static void io_failures(void **st)
{
    ipcfg_dhcp_lease rec;
    ipcfg_error e;

    (void)st;
    /* apply fails (part of it may be in place: an address whose route the
     * kernel refused): the new lease is not saved, and what was applied is
     * taken off again */
    setup(0, 0);
    F.apply_ret = IPCFG_E_ACCESS;
    start(IPCFG_DHCP_OP_RENEW, NULL, 0, 10000);
    assert_int_equal(reply(IPCFG_DHCPOFFER, NULL), 0);
    assert_int_equal(reply(IPCFG_DHCPACK, NULL), 0);
    e = result();
    assert_int_equal(e.status, IPCFG_E_ACCESS);
    assert_string_equal(F.log, "ssau");
    assert_memory_equal(F.unapplied.address, F.applied.address, 4); /* the offer that failed */

    /* apply fails on a renewal: the recorded lease is applied again */
    setup(0, 0);
    F.apply_ret = IPCFG_E_ACCESS;
    mk_lease(&rec, 100, 3600);
    start(IPCFG_DHCP_OP_RENEW, &rec, 1, 10000);
    assert_int_equal(reply(IPCFG_DHCPACK, NULL), 0);
    assert_int_equal(result().status, IPCFG_E_ACCESS);
    assert_string_equal(F.log, "saa");
    assert_int_equal(F.applied.obtained, rec.obtained);
    assert_false(F.applied_old_null);

    /* save fails (a full or read-only state directory): the new lease is
     * taken off again, the interface left as it was */
    setup(0, 0);
    F.save_ret = IPCFG_E_ACCESS;
    start(IPCFG_DHCP_OP_RENEW, NULL, 0, 10000);
    assert_int_equal(reply(IPCFG_DHCPOFFER, NULL), 0);
    assert_int_equal(reply(IPCFG_DHCPACK, NULL), 0);
    assert_int_equal(result().status, IPCFG_E_ACCESS);
    assert_string_equal(F.log, "ssavu");
    assert_memory_equal(F.unapplied.address, F.saved.address, 4);

    /* save fails on a renewal: the recorded lease is applied again over
     * the new one */
    setup(0, 0);
    F.save_ret = IPCFG_E_ACCESS;
    mk_lease(&rec, 100, 3600);
    start(IPCFG_DHCP_OP_RENEW, &rec, 1, 10000);
    assert_int_equal(reply(IPCFG_DHCPACK, NULL), 0);
    assert_int_equal(result().status, IPCFG_E_ACCESS);
    assert_string_equal(F.log, "sava");
    assert_int_equal(F.applied.obtained, rec.obtained);
    assert_false(F.applied_old_null);

    /* unapply fails on release: not recorded as released */
    setup(0, 0);
    F.unapply_ret = IPCFG_E_ACCESS;
    mk_lease(&rec, 100, 3600);
    start(IPCFG_DHCP_OP_RELEASE, &rec, 1, 10000);
    assert_int_equal(result().status, IPCFG_E_ACCESS);
    assert_string_equal(F.log, "su");

    /* unapply fails after a NAK */
    setup(0, 0);
    F.unapply_ret = IPCFG_E_ACCESS;
    start(IPCFG_DHCP_OP_RENEW, &rec, 1, 10000);
    assert_int_equal(reply(IPCFG_DHCPNAK, NULL), 0);
    assert_int_equal(result().status, IPCFG_E_ACCESS);
    assert_string_equal(F.log, "su");

    /* save fails on release */
    setup(0, 0);
    F.save_ret = IPCFG_E_ACCESS;
    start(IPCFG_DHCP_OP_RELEASE, &rec, 1, 10000);
    assert_int_equal(result().status, IPCFG_E_ACCESS);
    assert_string_equal(F.log, "suv");
}

static int f_apply_silent(void *ctx, const ipcfg_dhcp_lease *l, const ipcfg_dhcp_lease *old, ipcfg_error *err)
{
    (void)ctx, (void)l, (void)old, (void)err;
    logc('a');
    return -1;
}

static void silent_failure_is_3(void **st)
{
    (void)st;
    setup(0, 0);
    C.io.apply = f_apply_silent;
    start(IPCFG_DHCP_OP_RENEW, NULL, 0, 10000);
    assert_int_equal(reply(IPCFG_DHCPOFFER, NULL), 0);
    assert_int_equal(reply(IPCFG_DHCPACK, NULL), 0);
    assert_int_equal(result().status, IPCFG_E_FAILED);
    assert_int_equal(result().reason, IPCFG_R_SYSTEM);
    assert_string_equal(F.log, "ssau");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(init_full_exchange),
        cmocka_unit_test(retransmissions_keep_xid),
        cmocka_unit_test(renewing_before_t2),
        cmocka_unit_test(rebinding_from_t2),
        cmocka_unit_test(expired_or_released_is_init),
        cmocka_unit_test(init_reboot_when_address_gone),
        cmocka_unit_test(verify_init_reboot_then_renew),
        cmocka_unit_test(resume_expired_obtains_afresh),
        cmocka_unit_test(resume_unexpired_verifies),
        cmocka_unit_test(resume_past_t1_t2),
        cmocka_unit_test(hwaddr_changed_releases_then_obtains),
        cmocka_unit_test(commit_failures),
        cmocka_unit_test(renewing_to_rebinding_to_init),
        cmocka_unit_test(nak_drops_lease_and_restarts),
        cmocka_unit_test(nak_from_other_server_ignored),
        cmocka_unit_test(first_offer_wins),
        cmocka_unit_test(rebinding_nak_from_any_server),
        cmocka_unit_test(server_id_change_rejected),
        cmocka_unit_test(nak_outcomes),
        cmocka_unit_test(conflict_declines_and_takes_next_offer),
        cmocka_unit_test(conflict_outcomes),
        cmocka_unit_test(timeout_keeps_valid_lease),
        cmocka_unit_test(refused_replies_outcome),
        cmocka_unit_test(backoff_fits_timeout),
        cmocka_unit_test(backoff_values),
        cmocka_unit_test(identity_checks),
        cmocka_unit_test(offer_sanity),
        cmocka_unit_test(ack_sanity),
        cmocka_unit_test(hostile_domain_left_out),
        cmocka_unit_test(server_times_checked),
        cmocka_unit_test(retry_halves_with_floor),
        cmocka_unit_test(paced_renewing_and_rebinding),
        cmocka_unit_test(release_bound),
        cmocka_unit_test(release_nothing),
        cmocka_unit_test(io_failures),
        cmocka_unit_test(silent_failure_is_3),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
