/* ipcfg — unit tests of the keeper's and the privilege separation's pure
 * pieces: the systemd unit name of an interface (systemd-escape), the link
 * and address notifications (nlevent.c), and the privileged side's check
 * of what the engine sends (dhcp_wire.c).  No sockets, no privileges.  (The
 * retry time after a failed renewal is the engine's: tests/dhcp.)
 * SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE 1
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <linux/if.h>
#include <linux/if_arp.h>
#include <linux/rtnetlink.h>

#include "wire/engine_wire.h"
#include "keeper/keeper.h"
#include "command/keeper_control.h"
#include "nlbuild.h"
#include "netlink/nlevent.h"

/* what `systemd-escape` makes of the names (checked against systemd 252) */
static void unit_names_escaped(void **st)
{
    static const char *const cases[][2] = {
        {"eth0", "ipcfg@eth0.service"},         {"br-lan", "ipcfg@br\\x2dlan.service"},
        {"eth0.100", "ipcfg@eth0.100.service"}, {".x", "ipcfg@\\x2ex.service"},
        {"a:b", "ipcfg@a:b.service"},           {"wl_1", "ipcfg@wl_1.service"},
        {"\xc3\xa9", "ipcfg@\\xc3\\xa9.service"}};
    char buf[300];

    (void)st;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        ipcfg_lx_unit_name(cases[i][0], buf, sizeof(buf));
        assert_string_equal(buf, cases[i][1]);
    }
}

typedef struct seen {
    int links, dellinks, addrs, deladdrs;
    uint32_t last_ifindex;
    int stop_at; /* nonzero: return nonzero on that event */
} seen;

static int on_ev(void *ctx, const ipcfg_nl_event *ev)
{
    seen *s = ctx;
    switch (ev->type) {
    case RTM_NEWLINK: s->links++; s->last_ifindex = ev->link.ifindex; break;
    case RTM_DELLINK: s->dellinks++; break;
    case RTM_NEWADDR: s->addrs++; s->last_ifindex = ev->addr.ifindex; break;
    case RTM_DELADDR: s->deladdrs++; break;
    default: fail();
    }
    int n = s->links + s->dellinks + s->addrs + s->deladdrs;
    return s->stop_at != 0 && n == s->stop_at;
}

static void events_walked(void **st)
{
    static const uint8_t hw[6] = {2, 0, 0, 0, 0, 1}, a4[4] = {10, 0, 0, 5}, b4[4] = {10, 0, 0, 255};
    nlb b;
    seen s;

    (void)st;
    nlb_init(&b);
    nlb_link(&b, 0, 7, ARPHRD_ETHER, IFF_UP, "c0", 6, hw, 6, NULL);
    nlb_end(&b);
    size_t second = b.len;
    nlb_addr(&b, 0, AF_INET, 24, 0, 0, RT_SCOPE_UNIVERSE, 7, a4, b4, 100, 200);
    nlb_end(&b);
    nlb_u16at(&b, second + 4, RTM_DELADDR);
    nlb_begin(&b, RTM_NEWROUTE, 0, 0, 0); /* another type: skipped */
    nlb_raw(&b, "\0\0\0\0\0\0\0\0\0\0\0\0", 12);
    nlb_end(&b);
    memset(&s, 0, sizeof(s));
    assert_int_equal(ipcfg_nl_parse_events(b.buf, b.len, on_ev, &s), 0);
    assert_int_equal(s.links, 1);
    assert_int_equal(s.deladdrs, 1);
    assert_int_equal(s.addrs + s.dellinks, 0);

    /* the callback stops the walk */
    memset(&s, 0, sizeof(s));
    s.stop_at = 1;
    assert_int_equal(ipcfg_nl_parse_events(b.buf, b.len, on_ev, &s), -2);
    assert_int_equal(s.deladdrs, 0);

    /* a length past the datagram, a truncated header: malformed */
    memset(&s, 0, sizeof(s));
    assert_int_equal(ipcfg_nl_parse_events(b.buf, second + 10, on_ev, &s), -1);
    assert_int_equal(s.links, 1); /* what came before stands */
    nlb_u32at(&b, 0, (uint32_t)b.len + 4);
    memset(&s, 0, sizeof(s));
    assert_int_equal(ipcfg_nl_parse_events(b.buf, b.len, on_ev, &s), -1);
    assert_int_equal(s.links, 0);
    assert_int_equal(ipcfg_nl_parse_events(b.buf, 0, on_ev, &s), 0);
}

static size_t mk(uint8_t *buf, uint32_t type, uint32_t arg, const char *text)
{
    ipcfg_lx_wire_req r;
    size_t tl = text ? strlen(text) : 0;
    memset(&r, 0, sizeof(r));
    r.type = type;
    r.arg = arg;
    r.text_len = (uint32_t)tl;
    memcpy(buf, &r, sizeof(r));
    if (tl)
        memcpy(buf + sizeof(r), text, tl);
    return sizeof(r) + tl;
}

static void wire_requests_checked(void **st)
{
    static uint8_t buf[sizeof(ipcfg_lx_wire_req) + 64];
    ipcfg_lx_wire_req r;
    const char *text, *why;
    size_t n;

    (void)st;
    n = mk(buf, IPCFG_LX_W_OPEN, IPCFG_LX_SOCK_UDP, NULL);
    assert_int_equal(ipcfg_lx_wire_req_decode(buf, n, &r, &text, &why), 0);
    assert_int_equal(r.arg, IPCFG_LX_SOCK_UDP);
    n = mk(buf, IPCFG_LX_W_OPEN, 9, NULL);
    assert_int_equal(ipcfg_lx_wire_req_decode(buf, n, &r, &text, &why), -1);
    assert_string_equal(why, "asking for an unknown kind of socket");
    n = mk(buf, IPCFG_LX_W_APPLY, 0, "ipcfg-lease 1\n");
    assert_int_equal(ipcfg_lx_wire_req_decode(buf, n, &r, &text, &why), 0);
    assert_memory_equal(text, "ipcfg-lease 1\n", 14);
    assert_int_equal(ipcfg_lx_wire_req_decode(buf, n - 1, &r, &text, &why), -1); /* text_len says more */
    assert_string_equal(why, "with a text length that does not match the message");
    assert_null(text);
    n = mk(buf, IPCFG_LX_W_SAVE, 0, "ab");
    buf[sizeof(ipcfg_lx_wire_req)] = '\0';
    assert_int_equal(ipcfg_lx_wire_req_decode(buf, n, &r, &text, &why), -1);
    assert_string_equal(why, "with a NUL in its text");
    n = mk(buf, IPCFG_LX_W_UNAPPLY, 0, NULL);
    assert_int_equal(ipcfg_lx_wire_req_decode(buf, n, &r, &text, &why), -1);
    assert_string_equal(why, "without a lease");
    /* DHCPv6: its socket, and the addresses whose detection is watched */
    n = mk(buf, IPCFG_LX_W_OPEN, IPCFG_LX_SOCK_UDP6, NULL);
    assert_int_equal(ipcfg_lx_wire_req_decode(buf, n, &r, &text, &why), 0);
    n = mk(buf, IPCFG_LX_W_DAD, 0, "20010db8007700000000000000000142\n");
    assert_int_equal(ipcfg_lx_wire_req_decode(buf, n, &r, &text, &why), 0);
    assert_int_equal(r.text_len, 33);
    n = mk(buf, IPCFG_LX_W_DAD, 0, NULL);
    assert_int_equal(ipcfg_lx_wire_req_decode(buf, n, &r, &text, &why), -1);
    assert_string_equal(why, "without the addresses to watch");
    n = mk(buf, IPCFG_LX_W_DAD, 1, "20010db8007700000000000000000142\n"); /* asked again */
    assert_int_equal(ipcfg_lx_wire_req_decode(buf, n, &r, &text, &why), 0);
    n = mk(buf, IPCFG_LX_W_DAD, 2, "20010db8007700000000000000000142\n");
    assert_int_equal(ipcfg_lx_wire_req_decode(buf, n, &r, &text, &why), -1);
    n = mk(buf, 99, 0, NULL);
    assert_int_equal(ipcfg_lx_wire_req_decode(buf, n, &r, &text, &why), -1);
    assert_string_equal(why, "of an unknown type");
    assert_int_equal(ipcfg_lx_wire_req_decode(buf, 3, &r, &text, &why), -1);
    assert_string_equal(why, "shorter than a request");

    /* an outcome: a known status only, its text made printable */
    n = mk(buf, IPCFG_LX_W_DONE, 0, NULL);
    memcpy(&r, buf, sizeof(r));
    r.err.status = IPCFG_E_FAILED;
    r.err.reason = IPCFG_R_SYSTEM;
    memset(r.err.text, 'x', sizeof(r.err.text));
    r.err.text[3] = '\n';
    memcpy(buf, &r, sizeof(r));
    assert_int_equal(ipcfg_lx_wire_req_decode(buf, n, &r, &text, &why), 0);
    assert_int_equal(r.err.text[3], '?');
    assert_int_equal(strlen(r.err.text), sizeof(r.err.text) - 1);
    r.err.status = (ipcfg_status)12345;
    memcpy(buf, &r, sizeof(r));
    assert_int_equal(ipcfg_lx_wire_req_decode(buf, n, &r, &text, &why), -1);
    assert_string_equal(why, "with an outcome that is no status");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(unit_names_escaped),
        cmocka_unit_test(events_walked),
        cmocka_unit_test(wire_requests_checked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
