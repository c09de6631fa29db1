/* ipcfg — the DHCPv6 client under test: recording fakes of ipcfg_dhcp6_io,
 * an injected clock and random source, and the steps a test drives it
 * with (start, answer the last message, fire the next timer).  Included
 * by the client's test files after <cmocka.h>.  Header-only.
 * SPDX-License-Identifier: MIT */
#ifndef IPCFG_DHCP6_FAKE_H
#define IPCFG_DHCP6_FAKE_H

#include <stdio.h>
#include <string.h>

#include "dhcp6_client.h"
#include "dhcp6_msg.h"
#include "dhcp6_testutil.h"

#define W0 1764370000LL /* wall seconds at mono 0 */
#define MAXSENT 512

typedef struct sent6 {
    ipcfg_dhcp6_msg m;
    int64_t at_ms;
} sent6;

typedef struct fake6 {
    sent6 s[MAXSENT];
    unsigned n_sent;
    unsigned n_apply, n_unapply, n_save, n_dad;
    int apply_ret, unapply_ret, save_ret, dad_ret;
    ipcfg_dhcp6_lease applied, applied_old, unapplied, saved;
    int applied_old_null;
    uint8_t dad_addrs[8][16];
    unsigned n_dad_addrs;
    char log[128]; /* s send, a apply, u unapply, v save, d dad */
    uint32_t rnd;
    int rnd_fixed;
    uint32_t rnd_value;
} fake6;

static fake6 F;
static ipcfg_dhcp6_client C;
static ipcfg_dhcp6_now NOW;

static void logc(char ch)
{
    size_t n = strlen(F.log);
    if (n + 1 < sizeof(F.log)) {
        F.log[n] = ch;
        F.log[n + 1] = '\0';
    }
}

static int f_send(void *ctx, const uint8_t *msg, size_t len)
{
    (void)ctx;
    assert_true(F.n_sent < MAXSENT);
    sent6 *s = &F.s[F.n_sent++];
    assert_int_equal(ipcfg_dhcp6_msg_parse(msg, len, &s->m, NULL), 0); /* everything sent parses */
    s->at_ms = NOW.mono_ms;
    logc('s');
    return 0;
}

static void fail_err(ipcfg_error *err)
{
    ipcfg_error_set(err, IPCFG_E_ACCESS, IPCFG_R_ELEVATION, "denied");
}

static int f_apply(void *ctx, const ipcfg_dhcp6_lease *l, const ipcfg_dhcp6_lease *old, ipcfg_error *err)
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

static int f_unapply(void *ctx, const ipcfg_dhcp6_lease *l, ipcfg_error *err)
{
    (void)ctx;
    F.n_unapply++;
    F.unapplied = *l;
    logc('u');
    if (F.unapply_ret)
        fail_err(err);
    return F.unapply_ret;
}

static int f_save(void *ctx, const ipcfg_dhcp6_lease *l, ipcfg_error *err)
{
    char text[8192];
    ipcfg_dhcp6_lease back;
    (void)ctx;
    F.n_save++;
    F.saved = *l;
    logc('v');
    /* whatever the client records, the lease file holds, and reads back */
    size_t n = ipcfg_dhcp6_lease_format(l, text, sizeof(text));
    assert_true(n > 0);
    assert_int_equal(ipcfg_dhcp6_lease_parse(text, n, &back, NULL, 0), 0);
    if (F.save_ret)
        fail_err(err);
    return F.save_ret;
}

static int f_dad(void *ctx, const uint8_t *addrs, unsigned n)
{
    (void)ctx;
    F.n_dad++;
    F.n_dad_addrs = n < 8 ? n : 8;
    memcpy(F.dad_addrs, addrs, 16u * F.n_dad_addrs);
    logc('d');
    return F.dad_ret;
}

static uint32_t f_random(void *ctx)
{
    (void)ctx;
    if (F.rnd_fixed)
        return F.rnd_value;
    F.rnd ^= F.rnd << 13; /* xorshift32 */
    F.rnd ^= F.rnd >> 17;
    F.rnd ^= F.rnd << 5;
    return F.rnd;
}

static void set_time(int64_t mono)
{
    NOW.mono_ms = mono;
    NOW.wall_s = W0 + mono / 1000;
}

static void setup6(int dad, uint32_t seed)
{
    ipcfg_dhcp6_config cfg;
    ipcfg_dhcp6_io io;

    memset(&F, 0, sizeof(F));
    F.rnd = seed ? seed : 0x12345678u;
    memset(&cfg, 0, sizeof(cfg));
    strcpy(cfg.ifname, "eth0");
    cfg.iaid = T6_IAID;
    memcpy(cfg.duid, T6_DUID, sizeof(T6_DUID));
    cfg.duid_len = sizeof(T6_DUID);
    cfg.dad = dad;
    memset(&io, 0, sizeof(io));
    io.send = f_send;
    io.apply = f_apply;
    io.unapply = f_unapply;
    io.save = f_save;
    io.dad = f_dad;
    io.random = f_random;
    ipcfg_dhcp6_client_init(&C, &cfg, &io);
    set_time(0);
}

/* A bound lease obtained `age` seconds ago (t6_lease). */
static void mk_lease6(ipcfg_dhcp6_lease *l, int64_t age, uint32_t preferred, uint32_t valid)
{
    t6_lease(l, NOW.wall_s - age, preferred, valid);
}

static void start6(ipcfg_dhcp6_op op, const ipcfg_dhcp6_lease *rec, int applied, int64_t timeout_ms)
{
    ipcfg_dhcp6_client_start(&C, op, rec, applied, &NOW, NOW.mono_ms + timeout_ms);
}

static const ipcfg_dhcp6_msg *last_sent(void)
{
    assert_true(F.n_sent > 0);
    return &F.s[F.n_sent - 1].m;
}

static int rx6(const tsrv6 *s, const char **why)
{
    static uint8_t buf[65536];
    size_t n = tsrv6_build(s, buf, sizeof(buf));
    assert_true(n > 0);
    return ipcfg_dhcp6_client_receive(&C, &NOW, buf, n, T6_LL, why);
}

/* An answer of type to the last message sent, built from the defaults. */
static void answer_default(tsrv6 *s, uint8_t type)
{
    tsrv6_default(s, type, last_sent()->xid);
}

/* Moves the clock to the next wakeup and fires the timer. */
static void fire(void)
{
    int64_t w = ipcfg_dhcp6_client_next_wakeup(&C);
    assert_true(w != INT64_MAX);
    if (w > NOW.mono_ms)
        set_time(w);
    ipcfg_dhcp6_client_timer(&C, &NOW);
}

/* Fires timers until done; returns the result. */
static ipcfg_error run_out(void)
{
    ipcfg_error e;
    int guard = 0;
    while (!ipcfg_dhcp6_client_done(&C, &e)) {
        assert_true(++guard < 100000);
        fire();
    }
    return e;
}

static ipcfg_error result6(void)
{
    ipcfg_error e;
    memset(&e, 0, sizeof(e));
    assert_true(ipcfg_dhcp6_client_done(&C, &e));
    return e;
}

#endif
