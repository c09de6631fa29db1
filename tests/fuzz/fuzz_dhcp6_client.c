/* ipcfg — libFuzzer target for the DHCPv6 client fed arbitrary answers
 * (src/dhcp6/dhcp6_client*.c behind ipcfg_dhcp6_client_receive), with fake
 * I/O.  The first input octet picks the state the answers arrive in (its
 * low nibble, modulo 9: Solicit, Solicit after the first RT, Request,
 * Renew, Rebind, Confirm, Information-request, Release, Decline), whether
 * duplicate address detection is waited for (bit 4) and then fails (bit
 * 5), whether saving the record fails (bit 6) and whether the source
 * address is known (bit 7).  The rest is a sequence of answers, each
 * behind a two-octet length; 20 ms pass between two.
 *
 * Invariants: what the client sends always parses; nothing is applied or
 * recorded but a lease that passes the client's own checks and that the
 * lease file holds; an ignored answer changes nothing; the timers stay
 * within the deadline; with no more answers, the operation ends within a
 * bounded number of timers.
 * SPDX-License-Identifier: MIT */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp6_client.h"
#include "dhcp6_msg.h"
#include "fuzz_dhcp6_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned effects;
static int save_fails;

static int f_send(void *ctx, const uint8_t *msg, size_t len)
{
    static ipcfg_dhcp6_msg m;
    (void)ctx;
    if (ipcfg_dhcp6_msg_parse(msg, len, &m, NULL) != 0 || m.xid != (FUZZ6_XID & 0xffffff))
        abort();
    return 0;
}

static void check_lease(const ipcfg_dhcp6_lease *l)
{
    static char text[8192];
    static ipcfg_dhcp6_lease back;

    if (l->state == IPCFG_DHCP6_LEASE_BOUND) {
        if (l->n_addrs == 0 || l->t1 > l->t2)
            abort();
        for (unsigned i = 0; i < l->n_addrs; i++)
            if (!ipcfg_dhcp6_addr_usable(l->addrs[i].addr) || l->addrs[i].valid == 0 ||
                l->addrs[i].preferred > l->addrs[i].valid)
                abort();
    }
    size_t n = ipcfg_dhcp6_lease_format(l, text, sizeof(text));
    if (n == 0 || ipcfg_dhcp6_lease_parse(text, n, &back, NULL, 0) != 0)
        abort();
}

static int f_apply(void *ctx, const ipcfg_dhcp6_lease *l, const ipcfg_dhcp6_lease *old, ipcfg_error *err)
{
    (void)ctx, (void)old, (void)err;
    effects++;
    check_lease(l);
    return 0;
}

static int f_unapply(void *ctx, const ipcfg_dhcp6_lease *l, ipcfg_error *err)
{
    (void)ctx, (void)l, (void)err;
    effects++;
    return 0;
}

static int f_save(void *ctx, const ipcfg_dhcp6_lease *l, ipcfg_error *err)
{
    (void)ctx;
    effects++;
    check_lease(l);
    if (save_fails) {
        ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "No space left on device.");
        return -1;
    }
    return 0;
}

static int f_dad(void *ctx, const uint8_t *addrs, unsigned n)
{
    (void)ctx, (void)addrs;
    if (n == 0 || n > IPCFG_DHCP6_MAX_ADDRS)
        abort();
    return 0;
}

static uint32_t f_random(void *ctx)
{
    (void)ctx;
    return FUZZ6_XID;
}

/* An answer taken belongs to the exchange: its transaction id, this
 * client's DUID, and the server asked when a message named one. */
static void check_taken(const uint8_t *msg, size_t len, ipcfg_dhcp6_state was, const uint8_t *asked,
                        size_t asked_len)
{
    static ipcfg_dhcp6_msg m;
    if (ipcfg_dhcp6_msg_parse(msg, len, &m, NULL) != 0 || m.xid != (FUZZ6_XID & 0xffffff) ||
        m.client_id_len != sizeof(T6_DUID) || memcmp(m.client_id, T6_DUID, sizeof(T6_DUID)) != 0 ||
        !(m.has & IPCFG_DHCP6_HAS_SERVERID))
        abort();
    if (m.type != (was == IPCFG_DHCP6_S_SOLICIT ? IPCFG_DHCP6_ADVERTISE : IPCFG_DHCP6_REPLY))
        abort();
    if ((was == IPCFG_DHCP6_S_REQUEST || was == IPCFG_DHCP6_S_RENEW || was == IPCFG_DHCP6_S_RELEASE ||
         was == IPCFG_DHCP6_S_DECLINE) &&
        (m.server_id_len != asked_len || memcmp(m.server_id, asked, asked_len) != 0))
        abort();
}

/* Puts the client into state st (see the head comment). */
static void enter(ipcfg_dhcp6_client *c, unsigned st, ipcfg_dhcp6_now *now)
{
    static uint8_t b[1024];
    ipcfg_dhcp6_lease rec;
    int64_t dl = now->mono_ms + 60000; /* past any run of answers: 2 octets each, 20 ms apart */

    fuzz6_lease(&rec, now->wall_s - 100);
    if (st == 4)
        rec.obtained = now->wall_s - 3000; /* past T2 2880 */
    switch (st) {
    case 0:
    case 1:
    case 2:
        ipcfg_dhcp6_client_start(c, IPCFG_DHCP6_OP_RENEW, NULL, 0, now, dl);
        if (st == 1) {
            now->mono_ms += 1200;
            ipcfg_dhcp6_client_timer(c, now); /* the first RT passes empty */
        } else if (st == 2) {
            size_t n = fuzz6_advertise(b, sizeof(b));
            if (ipcfg_dhcp6_client_receive(c, now, b, n, NULL, NULL) != 0 || c->state != IPCFG_DHCP6_S_REQUEST)
                abort();
        }
        return;
    case 3:
    case 4:
        ipcfg_dhcp6_client_start(c, IPCFG_DHCP6_OP_RENEW, &rec, 1, now, dl);
        return;
    case 5:
    case 6:
        ipcfg_dhcp6_client_start(c, st == 5 ? IPCFG_DHCP6_OP_CONFIRM : IPCFG_DHCP6_OP_INFORM, st == 5 ? &rec : NULL,
                                 1, now, dl);
        now->mono_ms += 1001;
        ipcfg_dhcp6_client_timer(c, now); /* past the start delay */
        return;
    case 7:
        ipcfg_dhcp6_client_start(c, IPCFG_DHCP6_OP_RELEASE, &rec, 1, now, dl);
        return;
    default:
        ipcfg_dhcp6_client_start_decline(c, &rec, rec.addrs[0].addr, 1, now, dl);
        return;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const ipcfg_dhcp6_state want[9] = {
        IPCFG_DHCP6_S_SOLICIT, IPCFG_DHCP6_S_SOLICIT, IPCFG_DHCP6_S_REQUEST, IPCFG_DHCP6_S_RENEW,
        IPCFG_DHCP6_S_REBIND,  IPCFG_DHCP6_S_CONFIRM, IPCFG_DHCP6_S_INFORM,  IPCFG_DHCP6_S_RELEASE,
        IPCFG_DHCP6_S_DECLINE};
    static ipcfg_dhcp6_client c;
    ipcfg_dhcp6_config cfg;
    ipcfg_dhcp6_io io;
    ipcfg_dhcp6_now now = {1000, 1764370000};

    if (size < 1)
        return 0;
    uint8_t ctl = data[0];
    unsigned st = (ctl & 15u) % 9u;
    data++;
    size--;
    fuzz6_config(&cfg, (ctl & 0x10) != 0);
    memset(&io, 0, sizeof(io));
    io.send = f_send;
    io.apply = f_apply;
    io.unapply = f_unapply;
    io.save = f_save;
    io.dad = f_dad;
    io.random = f_random;
    save_fails = (ctl & 0x40) != 0;
    ipcfg_dhcp6_client_init(&c, &cfg, &io);
    enter(&c, st, &now);
    if (c.state != want[st])
        abort();

    while (size >= 2 && !ipcfg_dhcp6_client_done(&c, NULL)) {
        size_t n = (size_t)data[0] << 8 | data[1];
        if (n > size - 2)
            n = size - 2;
        now.mono_ms += 20;
        now.wall_s = 1764370000 + now.mono_ms / 1000;
        unsigned before = effects;
        ipcfg_dhcp6_state was = c.state;
        uint8_t asked[IPCFG_DHCP6_DUID_MAX];
        size_t asked_len = c.server_len;
        memcpy(asked, c.server, asked_len);
        const char *why = NULL;
        if (ipcfg_dhcp6_client_receive(&c, &now, data + 2, n, (ctl & 0x80) ? FUZZ6_SERVER_LL : NULL, &why) != 0) {
            if (effects != before || why == NULL)
                abort(); /* an ignored answer changes nothing, and says why */
        } else {
            check_taken(data + 2, n, was, asked, asked_len);
        }
        if (c.state == IPCFG_DHCP6_S_DAD)
            ipcfg_dhcp6_client_dad_done(&c, &now, (ctl & 0x20) ? c.cand.addrs[0].addr : NULL, (ctl & 0x20) ? 1 : 0);
        int64_t w = ipcfg_dhcp6_client_next_wakeup(&c);
        if (w != INT64_MAX && w > c.deadline_ms)
            abort();
        data += 2 + n;
        size -= 2 + n;
    }
    /* and the rest of the operation runs out without an answer */
    for (int guard = 0; !ipcfg_dhcp6_client_done(&c, NULL); guard++) {
        int64_t w = ipcfg_dhcp6_client_next_wakeup(&c);
        if (w > c.deadline_ms || guard > 1000)
            abort();
        now.mono_ms = w > now.mono_ms ? w : now.mono_ms;
        now.wall_s = 1764370000 + now.mono_ms / 1000;
        ipcfg_dhcp6_client_timer(&c, &now);
    }
    return 0;
}
