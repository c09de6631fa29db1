/* ipcfg — libFuzzer target for a received frame's whole path: the
 * IPv4/UDP parser (src/dhcp/dhcp_frame.c), then the client state machine
 * (ipcfg_dhcp_client_receive) in one of its receiving states, with fake
 * I/O.  The first input octet picks the state (bit 0 and bits 4-6, modulo
 * 5: REQUESTING, RENEWING, INIT (SELECTING), REBINDING, INIT-REBOOT), the
 * partial-checksum flag (bit 1), whether probing is on (bit 2), the
 * probe's outcome (bit 3) and whether saving the lease record fails (bit
 * 7: a full or read-only state directory, after which the engine undoes
 * what it applied); the rest is the frame as a packet socket delivers it.  Invariants: nothing is applied or saved but a lease that
 * passes the engine's own checks, never from another server in
 * REQUESTING/RENEWING, and the client's timers stay within the deadline.
 * SPDX-License-Identifier: MIT */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp_client.h"
#include "dhcp_frame.h"
#include "dhcp_msg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_XID 0x11223344u /* every xid the fake random source hands out */

static const uint8_t MAC[6] = {0x02, 0x00, 0x5e, 0x10, 0x20, 0x30};
static const uint8_t ADDR[4] = {192, 0, 2, 10}, SERVER[4] = {192, 0, 2, 1};

static unsigned n_apply, n_save, n_unapply;
static int save_fails;

static int f_send(void *ctx, const uint8_t *msg, size_t len, const ipcfg_dhcp_dest *to)
{
    static ipcfg_dhcp_msg m;
    (void)ctx, (void)to;
    if (ipcfg_dhcp_msg_parse(msg, len, &m, NULL) != 0)
        abort(); /* what the client sends always parses */
    return 0;
}

static int f_probe(void *ctx, const uint8_t addr[4])
{
    (void)ctx, (void)addr;
    return 0;
}

static void check_lease(const ipcfg_dhcp_lease *l)
{
    char buf[4096];
    static ipcfg_dhcp_lease back;
    size_t n;

    if (l->state != IPCFG_DHCP_LEASE_BOUND || !ipcfg_dhcp_host_ok(l->address, l->prefix_len) ||
        !ipcfg_dhcp_unicast_ok(l->server_id) || l->lease_time < IPCFG_DHCP_MIN_LEASE)
        abort();
    /* whatever the engine binds, the lease file can hold */
    n = ipcfg_dhcp_lease_format(l, buf, sizeof buf);
    if (n == 0 || ipcfg_dhcp_lease_parse(buf, n, &back, NULL, 0) != 0 || memcmp(&back, l, sizeof back) != 0)
        abort();
}

static int f_apply(void *ctx, const ipcfg_dhcp_lease *l, const ipcfg_dhcp_lease *old, ipcfg_error *err)
{
    (void)ctx, (void)old, (void)err;
    n_apply++;
    check_lease(l);
    return 0;
}

static int f_unapply(void *ctx, const ipcfg_dhcp_lease *l, ipcfg_error *err)
{
    (void)ctx, (void)l, (void)err;
    n_unapply++;
    return 0;
}

static int f_save(void *ctx, const ipcfg_dhcp_lease *l, ipcfg_error *err)
{
    (void)ctx;
    n_save++;
    if (l->state == IPCFG_DHCP_LEASE_BOUND)
        check_lease(l);
    if (save_fails) {
        ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "No space left on device.");
        return -1;
    }
    return 0;
}

static uint32_t f_random(void *ctx)
{
    (void)ctx;
    return FUZZ_XID;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static ipcfg_dhcp_client c;
    ipcfg_dhcp_config cfg;
    ipcfg_dhcp_io io;
    ipcfg_dhcp_lease rec;
    ipcfg_dhcp_now now = {1000, 1764370000};
    ipcfg_dhcp_frame f;
    const char *why;
    uint8_t ctl;
    int st;

    if (size < 1)
        return 0;
    ctl = data[0];
    data++;
    size--;
    st = ((ctl & 1) | ((ctl >> 3) & 14)) % 5;

    memset(&cfg, 0, sizeof cfg);
    memcpy(cfg.ifname, "eth0", 5);
    cfg.htype = 1;
    memcpy(cfg.hwaddr, MAC, 6);
    cfg.hwaddr_len = 6;
    memcpy(cfg.hostname, "fuzz", 5);
    cfg.probe_ms = (ctl & 4) ? 200 : 0;
    cfg.paced = (ctl & 2) != 0; /* the keeper's RFC 2131 §4.4.5 retransmissions (with the checksum bit) */
    memset(&io, 0, sizeof io);
    io.send = f_send;
    io.probe = f_probe;
    io.apply = f_apply;
    io.unapply = f_unapply;
    io.save = f_save;
    io.random = f_random;
    n_apply = n_save = n_unapply = 0;
    save_fails = (ctl & 0x80) != 0;
    ipcfg_dhcp_client_init(&c, &cfg, &io);

    memset(&rec, 0, sizeof rec);
    rec.state = IPCFG_DHCP_LEASE_BOUND;
    memcpy(rec.ifname, "eth0", 5);
    memcpy(rec.hwaddr, MAC, 6);
    rec.hwaddr_len = 6;
    memcpy(rec.address, ADDR, 4);
    rec.prefix_len = 24;
    memcpy(rec.server_id, SERVER, 4);
    rec.lease_time = 3600;
    rec.t1 = 1800;
    rec.t2 = 3150;
    rec.obtained = now.wall_s - 100;

    if (st == 1) {
        ipcfg_dhcp_client_start(&c, IPCFG_DHCP_OP_RENEW, &rec, 1, &now, now.mono_ms + 30000);
        if (c.state != IPCFG_DHCP_S_RENEWING)
            abort();
    } else if (st == 2) {
        ipcfg_dhcp_client_start(&c, IPCFG_DHCP_OP_RENEW, NULL, 0, &now, now.mono_ms + 30000);
        if (c.state != IPCFG_DHCP_S_INIT)
            abort();
    } else if (st == 3) {
        rec.obtained = now.wall_s - 3200; /* past T2, before the expiry */
        ipcfg_dhcp_client_start(&c, IPCFG_DHCP_OP_RENEW, &rec, 1, &now, now.mono_ms + 30000);
        if (c.state != IPCFG_DHCP_S_REBINDING)
            abort();
    } else if (st == 4) {
        ipcfg_dhcp_client_start(&c, IPCFG_DHCP_OP_RENEW, &rec, 0, &now, now.mono_ms + 30000);
        if (c.state != IPCFG_DHCP_S_INIT_REBOOT)
            abort();
    } else {
        /* INIT, then an OFFER from SERVER: REQUESTING */
        static uint8_t offer[400];
        ipcfg_dhcp_hdr h;
        uint8_t t = IPCFG_DHCPOFFER, v[4] = {0, 0, 0x0e, 0x10}, mask[4] = {255, 255, 255, 0};
        size_t at;
        ipcfg_dhcp_client_start(&c, IPCFG_DHCP_OP_RENEW, NULL, 0, &now, now.mono_ms + 30000);
        memset(&h, 0, sizeof h);
        h.op = IPCFG_BOOTREPLY;
        h.htype = 1;
        h.hlen = 6;
        h.xid = FUZZ_XID;
        memcpy(h.yiaddr, ADDR, 4);
        memcpy(h.chaddr, MAC, 6);
        at = ipcfg_dhcp_build_begin(offer, sizeof offer, &h);
        at = ipcfg_dhcp_build_opt(offer, sizeof offer, at, IPCFG_OPT_MSG_TYPE, &t, 1);
        at = ipcfg_dhcp_build_opt(offer, sizeof offer, at, IPCFG_OPT_SERVER_ID, SERVER, 4);
        at = ipcfg_dhcp_build_opt(offer, sizeof offer, at, IPCFG_OPT_LEASE_TIME, v, 4);
        at = ipcfg_dhcp_build_opt(offer, sizeof offer, at, IPCFG_OPT_SUBNET_MASK, mask, 4);
        at = ipcfg_dhcp_build_end(offer, sizeof offer, at);
        if (ipcfg_dhcp_client_receive(&c, &now, offer, at, &why) != 0 || c.state != IPCFG_DHCP_S_REQUESTING)
            abort();
    }

    now.mono_ms += 10;
    if (ipcfg_dhcp_frame_parse(data, size, (ctl & 2) != 0, &f, &why) != 0)
        return 0;
    if (f.payload < data || f.payload + f.len > data + size)
        abort();
    if (ipcfg_dhcp_client_receive(&c, &now, f.payload, f.len, &why) == 0) {
        static ipcfg_dhcp_msg m;
        if (ipcfg_dhcp_msg_parse(f.payload, f.len, &m, NULL) != 0 || m.h.xid != FUZZ_XID ||
            memcmp(m.h.chaddr, MAC, 6) != 0)
            abort();
        /* only the server we talk to is heard in REQUESTING and RENEWING */
        if ((st == 0 || st == 1) && memcmp(m.server_id, SERVER, 4) != 0)
            abort();
        /* SELECTING takes an OFFER and nothing else, and requests it */
        if (st == 2 && (m.type != IPCFG_DHCPOFFER || c.state != IPCFG_DHCP_S_REQUESTING ||
                        memcmp(c.offer.address, m.h.yiaddr, 4) != 0))
            abort();
        if (st != 2 && m.type != IPCFG_DHCPACK && m.type != IPCFG_DHCPNAK)
            abort();
    } else if (n_apply || n_save || n_unapply) {
        abort(); /* an ignored frame changes nothing */
    }
    /* what a lease leaves out is said only of a lease that bound */
    if (ipcfg_dhcp_client_left_out(&c) != 0 && !(ipcfg_dhcp_client_done(&c, NULL) && c.result.status == IPCFG_OK))
        abort();
    if (ipcfg_dhcp_client_next_wakeup(&c) != INT64_MAX && ipcfg_dhcp_client_next_wakeup(&c) > c.deadline_ms)
        abort();
    if (c.state == IPCFG_DHCP_S_PROBING) {
        ipcfg_dhcp_client_probe_done(&c, &now, ctl & 8);
    }
    /* and the rest of the operation runs out without a reply */
    {
        int guard = 0;
        while (!ipcfg_dhcp_client_done(&c, NULL)) {
            int64_t w = ipcfg_dhcp_client_next_wakeup(&c);
            if (w > c.deadline_ms || ++guard > 1000)
                abort();
            now.mono_ms = w > now.mono_ms ? w : now.mono_ms;
            now.wall_s = 1764370000 + now.mono_ms / 1000;
            ipcfg_dhcp_client_timer(&c, &now);
        }
    }
    return 0;
}
