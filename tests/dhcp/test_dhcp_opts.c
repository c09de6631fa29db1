/* DHCPv4 options 119, 26, 42, 114 and 81 read from a server, 81 and 77
 * sent, the lease keeping them (the record and its file, version 2 beside
 * version 1), and hostile values left out without losing the lease.
 * SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "dhcp_client.h"
#include "dhcp_client_int.h"
#include "dhcp_msg.h"
#include "dhcp_testutil.h"

static char names[IPCFG_DHCP_MAX_SEARCH][IPCFG_DHCP_NAME_CAP];

/* ---- option 119 ---- */

static void search_plain_and_compressed(void **st)
{
    /* RFC 3397 §3's example: eng.apple.com, marketing.apple.com */
    static const uint8_t v[] = {3, 'e', 'n', 'g', 5, 'a', 'p', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0,
                                9, 'm', 'a', 'r', 'k', 'e', 't', 'i', 'n', 'g', 0xc0, 4};
    static const uint8_t dup[] = {3, 'c', 'o', 'm', 0, 0xc0, 0, 3, 'o', 'r', 'g', 0};
    uint8_t n = 0;
    (void)st;
    assert_int_equal(ipcfg_dhcp_opt_search(v, sizeof v, names, IPCFG_DHCP_MAX_SEARCH, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(names[0], "eng.apple.com");
    assert_string_equal(names[1], "marketing.apple.com");
    /* a repeated name is kept once; max bounds what is kept */
    assert_int_equal(ipcfg_dhcp_opt_search(dup, sizeof dup, names, IPCFG_DHCP_MAX_SEARCH, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(names[1], "org");
    assert_int_equal(ipcfg_dhcp_opt_search(dup, sizeof dup, names, 1, &n), 0);
    assert_int_equal(n, 1);
}

static void search_hostile(void **st)
{
    static const uint8_t loop[] = {3, 'c', 'o', 'm', 0xc0, 0};          /* points at itself */
    static const uint8_t self[] = {0xc0, 0};                            /* pointer to its own place */
    static const uint8_t fwd[] = {3, 'c', 'o', 'm', 0xc0, 6, 3, 'n', 'e', 't', 0}; /* forward */
    static const uint8_t bad_text[] = {3, 'a', '$', 'b', 0};
    static const uint8_t shell[] = {6, 'x', '`', 'i', 'd', '`', 'x', 0};
    static const uint8_t root[] = {0};
    static const uint8_t trunc[] = {5, 'a', 'b', 0};
    static const uint8_t ok_then_junk[] = {3, 'c', 'o', 'm', 0, 7};
    uint8_t longname[400], n = 99;
    size_t at = 0;
    int k;
    (void)st;
    assert_int_equal(ipcfg_dhcp_opt_search(loop, sizeof loop, names, 8, &n), -1);
    assert_int_equal(n, 0);
    assert_int_equal(ipcfg_dhcp_opt_search(self, sizeof self, names, 8, &n), -1);
    assert_int_equal(ipcfg_dhcp_opt_search(fwd, sizeof fwd, names, 8, &n), -1);
    assert_int_equal(ipcfg_dhcp_opt_search(trunc, sizeof trunc, names, 8, &n), -1);
    assert_int_equal(ipcfg_dhcp_opt_search(ok_then_junk, sizeof ok_then_junk, names, 8, &n), -1);
    assert_int_equal(n, 0);
    assert_int_equal(ipcfg_dhcp_opt_search(root, 0, names, 8, &n), -1);
    /* well encoded but no DNS name: that name alone is dropped (1), here
     * the only one */
    n = 99;
    assert_int_equal(ipcfg_dhcp_opt_search(bad_text, sizeof bad_text, names, 8, &n), 1);
    assert_int_equal(n, 0);
    assert_int_equal(ipcfg_dhcp_opt_search(shell, sizeof shell, names, 8, &n), 1);
    assert_int_equal(n, 0);
    assert_int_equal(ipcfg_dhcp_opt_search(root, sizeof root, names, 8, &n), 1);
    assert_int_equal(n, 0);
    /* a name over 253 bytes of text: 5 labels of 63 = 319 bytes */
    for (k = 0; k < 5; k++) {
        longname[at] = 63;
        memset(longname + at + 1, 'a', 63);
        at += 64;
    }
    longname[at++] = 0;
    assert_int_equal(ipcfg_dhcp_opt_search(longname, at, names, 8, &n), -1);
    /* 4 labels of 63 = 255 bytes of text: one byte over as well */
    longname[4 * 64] = 0;
    assert_int_equal(ipcfg_dhcp_opt_search(longname, 4 * 64 + 1, names, 8, &n), -1);
    /* 3 labels of 63 and one of 61: 253 bytes, the longest name */
    longname[3 * 64] = 61;
    longname[3 * 64 + 62] = 0;
    assert_int_equal(ipcfg_dhcp_opt_search(longname, 3 * 64 + 63, names, 8, &n), 0);
    assert_int_equal(strlen(names[0]), 253);
}

static void search_bad_name_dropped_alone(void **st)
{
    /* corp.example, x`id`x, a pointer to "example" behind a shell label
     * (;rm;.example), the root name, -a.example (a hyphen first),
     * eng.example: the valid ones kept in order, the others dropped */
    static const uint8_t v[] = {4, 'c', 'o', 'r', 'p', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0,
                                6, 'x', '`', 'i', 'd', '`', 'x', 0,
                                4, ';', 'r', 'm', ';', 0xc0, 5,
                                0,
                                2, '-', 'a', 0xc0, 5,
                                3, 'e', 'n', 'g', 0xc0, 5};
    /* a valid name, a name that is none, then a forward pointer: the
     * malformed encoding still drops everything */
    static const uint8_t then_fwd[] = {3, 'c', 'o', 'm', 0, 3, 'a', '$', 'b', 0, 0xc0, 12, 3, 'n', 'e', 't', 0};
    /* only valid names, one repeated: 0, not 1 */
    static const uint8_t rep[] = {3, 'c', 'o', 'm', 0, 0xc0, 0};
    uint8_t n = 99;
    (void)st;
    assert_int_equal(ipcfg_dhcp_opt_search(v, sizeof v, names, IPCFG_DHCP_MAX_SEARCH, &n), 1);
    assert_int_equal(n, 2);
    assert_string_equal(names[0], "corp.example");
    assert_string_equal(names[1], "eng.example");
    assert_int_equal(ipcfg_dhcp_opt_search(then_fwd, sizeof then_fwd, names, IPCFG_DHCP_MAX_SEARCH, &n), -1);
    assert_int_equal(n, 0);
    assert_int_equal(ipcfg_dhcp_opt_search(rep, sizeof rep, names, IPCFG_DHCP_MAX_SEARCH, &n), 0);
    assert_int_equal(n, 1);
}

/* ---- options 26, 42, 114 ---- */

static void mtu_ntp_portal(void **st)
{
    static const uint8_t m1500[] = {0x05, 0xdc}, m67[] = {0, 67}, m3[] = {0, 5, 0xdc};
    static const uint8_t ntp[] = {192, 0, 2, 123, 224, 0, 0, 1, 198, 51, 100, 7};
    static const uint8_t ntp_bad[] = {192, 0, 2, 123, 1};
    uint8_t out[8][4], n = 0, garbage[255];
    uint16_t mtu = 0;
    char uri[IPCFG_DHCP_URI_CAP];
    const char *good = "https://portal.example/login?x=1";
    int i;
    (void)st;
    assert_int_equal(ipcfg_dhcp_opt_mtu(m1500, 2, &mtu), 0);
    assert_int_equal(mtu, 1500);
    assert_int_equal(ipcfg_dhcp_opt_mtu(m67, 2, &mtu), -1);
    assert_int_equal(ipcfg_dhcp_opt_mtu(m1500, 1, &mtu), -1);
    assert_int_equal(ipcfg_dhcp_opt_mtu(m3, 3, &mtu), -1);
    assert_int_equal(ipcfg_dhcp_opt_ntp(ntp, sizeof ntp, out, 8, &n), 0);
    assert_int_equal(n, 2); /* the multicast address skipped */
    assert_memory_equal(out[1], ntp + 8, 4);
    assert_int_equal(ipcfg_dhcp_opt_ntp(ntp_bad, sizeof ntp_bad, out, 8, &n), -1);
    assert_int_equal(ipcfg_dhcp_opt_ntp(ntp, 0, out, 8, &n), -1);
    assert_int_equal(ipcfg_dhcp_opt_portal((const uint8_t *)good, strlen(good), uri, sizeof uri), 0);
    assert_string_equal(uri, good);
    assert_int_equal(ipcfg_dhcp_opt_portal((const uint8_t *)"http://x.example/", 17, uri, sizeof uri), -1);
    assert_int_equal(ipcfg_dhcp_opt_portal((const uint8_t *)"https://x/$(id)", 15, uri, sizeof uri), -1);
    for (i = 0; i < 255; i++)
        garbage[i] = (uint8_t)(i * 37 + 11);
    memcpy(garbage, "https:", 6);
    assert_int_equal(ipcfg_dhcp_opt_portal(garbage, sizeof garbage, uri, sizeof uri), -1);
}

/* ---- option 81 both ways, option 77 ---- */

static void fqdn_reply_and_build(void **st)
{
    static const uint8_t full[] = {0x05, 0, 0, 2, 'w', 's', 4, 'c', 'o', 'r', 'p', 0};
    static const uint8_t partial[] = {0x05, 0xff, 0xff, 2, 'w', 's'};
    static const uint8_t ascii[] = {0x01, 0, 0, 'w', 's', '.', 'c', 'o', 'r', 'p', '.'};
    static const uint8_t empty[] = {0x03, 0, 0};
    static const uint8_t junk_after[] = {0x05, 0, 0, 2, 'w', 's', 0, 1};
    static const uint8_t ptr[] = {0x05, 0, 0, 2, 'w', 's', 0xc0, 3};
    static const uint8_t shell[] = {0x01, 0, 0, 'a', ';', 'b'};
    uint8_t f = 0, w[300];
    char name[IPCFG_DHCP_NAME_CAP];
    size_t n;
    (void)st;
    assert_int_equal(ipcfg_dhcp_opt_fqdn(full, sizeof full, &f, name, sizeof name), 0);
    assert_string_equal(name, "ws.corp");
    assert_int_equal(f, 0x05);
    assert_int_equal(ipcfg_dhcp_opt_fqdn(partial, sizeof partial, &f, name, sizeof name), 0);
    assert_string_equal(name, "ws");
    assert_int_equal(ipcfg_dhcp_opt_fqdn(ascii, sizeof ascii, &f, name, sizeof name), 0);
    assert_string_equal(name, "ws.corp");
    assert_int_equal(ipcfg_dhcp_opt_fqdn(empty, sizeof empty, &f, name, sizeof name), 0);
    assert_string_equal(name, "");
    assert_int_equal(ipcfg_dhcp_opt_fqdn(full, 2, &f, name, sizeof name), -1);
    assert_int_equal(ipcfg_dhcp_opt_fqdn(junk_after, sizeof junk_after, &f, name, sizeof name), -1);
    assert_int_equal(ipcfg_dhcp_opt_fqdn(ptr, sizeof ptr, &f, name, sizeof name), -1);
    assert_int_equal(ipcfg_dhcp_opt_fqdn(shell, sizeof shell, &f, name, sizeof name), -1);
    assert_string_equal(name, "");

    /* sent: flags S|E, RCODEs 0, canonical wire format */
    n = ipcfg_dhcp_opt_fqdn_build("ws.corp", w, sizeof w);
    assert_int_equal(n, sizeof full);
    assert_memory_equal(w, full, sizeof full);
    n = ipcfg_dhcp_opt_fqdn_build("ws", w, sizeof w); /* partial: no zero label */
    assert_int_equal(n, 6);
    assert_memory_equal(w + 3, partial + 3, 3);
    assert_int_equal(ipcfg_dhcp_opt_fqdn_build("ws_1", w, sizeof w), 0);
    assert_int_equal(ipcfg_dhcp_opt_fqdn_build("ws.corp", w, 8), 0);
    n = ipcfg_dhcp_opt_user_class_build("lab", 3, w, sizeof w);
    assert_int_equal(n, 4);
    assert_memory_equal(w, "\x03lab", 4);
    assert_int_equal(ipcfg_dhcp_opt_user_class_build("", 0, w, sizeof w), 0);
}

/* The value of every instance of code in a built message, concatenated
 * (RFC 3396); the instance count. */
static int find_opt(const uint8_t *b, size_t len, uint8_t code, uint8_t *out, size_t *olen)
{
    size_t i = IPCFG_DHCP_OFF_OPTIONS;
    int k = 0;

    *olen = 0;
    while (i < len && b[i] != IPCFG_OPT_END) {
        if (b[i] == IPCFG_OPT_PAD) {
            i++;
            continue;
        }
        if (b[i] == code) {
            memcpy(out + *olen, b + i + 2, b[i + 1]);
            *olen += b[i + 1];
            k++;
        }
        i += 2u + b[i + 1];
    }
    return k;
}

static ipcfg_dhcp_client C;

static void client_init(const char *fqdn, const char *classid)
{
    ipcfg_dhcp_config cfg;
    ipcfg_dhcp_io io;

    memset(&cfg, 0, sizeof cfg);
    memset(&io, 0, sizeof io);
    strcpy(cfg.ifname, "eth0");
    cfg.htype = 1;
    cfg.hwaddr_len = 6;
    memcpy(cfg.hwaddr, T_MAC, 6);
    strcpy(cfg.hostname, "ws-042");
    snprintf(cfg.fqdn, sizeof cfg.fqdn, "%s", fqdn);
    snprintf(cfg.classid, sizeof cfg.classid, "%s", classid);
    cfg.name_choice = IPCFG_DHCP_NAME_GIVEN;
    ipcfg_dhcp_client_init(&C, &cfg, &io);
}

static void discover_carries_81_and_77(void **st)
{
    ipcfg_dhcp_now now = {1000, 1764370000};
    ipcfg_dhcp_dest to;
    uint8_t v[600];
    char cls[256];
    size_t len, vl;
    int t;
    (void)st;
    client_init("ws-042.corp.example", "lab-floor3");
    for (t = IPCFG_DHCPDISCOVER; t <= IPCFG_DHCPREQUEST; t += 2) {
        C.state = IPCFG_DHCP_S_REQUESTING;
        len = ipcfg_dhcp_client_build(&C, &now, (uint8_t)t, &to);
        assert_true(len > 0);
        assert_int_equal(find_opt(C.msgbuf, len, IPCFG_OPT_FQDN, v, &vl), 1);
        assert_int_equal(vl, 3 + 21);
        assert_int_equal(v[0], IPCFG_FQDN_S | IPCFG_FQDN_E);
        assert_memory_equal(v + 3, "\x06ws-042\x04" "corp\x07" "example\x00", 21);
        assert_int_equal(find_opt(C.msgbuf, len, IPCFG_OPT_USER_CLASS, v, &vl), 1);
        assert_int_equal(vl, 11);
        assert_memory_equal(v, "\x0alab-floor3", 11);
        assert_int_equal(find_opt(C.msgbuf, len, IPCFG_OPT_HOST_NAME, v, &vl), 1);
        assert_int_equal(find_opt(C.msgbuf, len, IPCFG_OPT_PARAM_LIST, v, &vl), 1);
        assert_non_null(memchr(v, IPCFG_OPT_SEARCH, vl));
        assert_non_null(memchr(v, IPCFG_OPT_MTU, vl));
    }
    /* a 255-byte class: one user class of 256 bytes, in two instances */
    memset(cls, 'c', 255);
    cls[255] = '\0';
    client_init("", cls);
    len = ipcfg_dhcp_client_build(&C, &now, IPCFG_DHCPDISCOVER, &to);
    assert_true(len > 0);
    assert_int_equal(find_opt(C.msgbuf, len, IPCFG_OPT_USER_CLASS, v, &vl), 2);
    assert_int_equal(vl, 256);
    assert_int_equal(v[0], 255);
    assert_int_equal(find_opt(C.msgbuf, len, IPCFG_OPT_FQDN, v, &vl), 0);
    /* RELEASE carries neither (RFC 2131 table 5) */
    client_init("ws-042", "lab");
    len = ipcfg_dhcp_client_build(&C, &now, IPCFG_DHCPRELEASE, &to);
    assert_int_equal(find_opt(C.msgbuf, len, IPCFG_OPT_FQDN, v, &vl), 0);
    assert_int_equal(find_opt(C.msgbuf, len, IPCFG_OPT_USER_CLASS, v, &vl), 0);
}

/* ---- a reply through the parser into the lease ---- */

static uint8_t msg[2048];

static void ack_with(const uint8_t *extra, size_t n, ipcfg_dhcp_msg *m)
{
    tsrv s;
    size_t len;
    const char *why = NULL;

    tsrv_default(&s, IPCFG_DHCPACK, 0x01020304);
    s.domain = "corp.example";
    s.extra = extra;
    s.extra_len = n;
    len = tsrv_build(&s, msg, sizeof msg);
    assert_true(len > 0);
    assert_int_equal(ipcfg_dhcp_msg_parse(msg, len, m, &why), 0);
}

static const uint8_t GOOD_OPTS[] = {
    119, 20, 4, 'c', 'o', 'r', 'p', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0, 3, 'e', 'n', 'g', 0xc0, 0,
    26, 2, 0x23, 0x28, /* 9000 */
    42, 4, 192, 0, 2, 123,
    114, 24, 'h', 't', 't', 'p', 's', ':', '/', '/', 'p', 'o', 'r', 't', 'a', 'l', '.', 'e', 'x', 'a', 'm', 'p', 'l', 'e',
    '/', 'x',
};

static void ack_into_lease(void **st)
{
    ipcfg_dhcp_msg m;
    ipcfg_dhcp_lease l, back;
    char text[8192], why[128];
    size_t n;
    (void)st;
    ack_with(GOOD_OPTS, sizeof GOOD_OPTS, &m);
    assert_int_equal(m.left_out, 0);
    client_init("ws-042.corp.example", "");
    C.req_wall = 1764370000;
    assert_null(ipcfg_dhcp_client_check_lease(&C, &m, 1, &l));
    assert_int_equal(l.n_search, 2);
    assert_string_equal(l.search[0], "corp.example");
    assert_string_equal(l.search[1], "eng.corp.example");
    assert_int_equal(l.mtu, 9000);
    assert_int_equal(l.n_ntp, 1);
    assert_string_equal(l.captive_portal, "https://portal.example/x");
    assert_string_equal(l.fqdn, "ws-042.corp.example");
    assert_int_equal(l.name_choice, IPCFG_DHCP_NAME_GIVEN);
    /* the lease file: version 2, every value back */
    n = ipcfg_dhcp_lease_format(&l, text, sizeof text);
    assert_true(n > 0);
    assert_memory_equal(text, "ipcfg-lease 2\n", 14);
    assert_non_null(strstr(text, "\nsearch corp.example\nsearch eng.corp.example\nntp 192.0.2.123\nmtu 9000\n"
                                 "captive-portal https://portal.example/x\nfqdn ws-042.corp.example\nname given\n"));
    assert_int_equal(ipcfg_dhcp_lease_parse(text, n, &back, why, sizeof why), 0);
    assert_memory_equal(&back, &l, sizeof l);
}

static void hostile_options_left_out(void **st)
{
    /* 119 loop, 26 of 3 bytes, 42 of 5, 114 of 255 bytes of garbage, 81
     * with a shell name: every one left out, the lease binds */
    uint8_t ex[2 + 6 + 2 + 3 + 2 + 5 + 2 + 255 + 2 + 6], *p = ex;
    ipcfg_dhcp_msg m;
    ipcfg_dhcp_lease l;
    char line[IPCFG_ERRTEXT_MAX];
    int i;
    (void)st;
    memcpy(p, "\x77\x06\x03" "com\xc0\x00", 8);
    p += 8;
    memcpy(p, "\x1a\x03\x05\xdc\x00", 5);
    p += 5;
    memcpy(p, "\x2a\x05\xc0\x00\x02\x7b\x01", 7);
    p += 7;
    *p++ = 114;
    *p++ = 255;
    for (i = 0; i < 255; i++)
        *p++ = (uint8_t)(i * 151 + 7);
    memcpy(p, "\x51\x06\x01\x00\x00" "a;b", 8);
    ack_with(ex, sizeof ex, &m);
    assert_int_equal(m.left_out, IPCFG_DHCP_LEFT_SEARCH | IPCFG_DHCP_LEFT_MTU | IPCFG_DHCP_LEFT_NTP |
                                     IPCFG_DHCP_LEFT_PORTAL | IPCFG_DHCP_LEFT_FQDN);
    assert_string_equal(m.domain, "corp.example");
    client_init("ws-042", "");
    assert_null(ipcfg_dhcp_client_check_lease(&C, &m, 1, &l));
    assert_int_equal(l.n_search + l.n_ntp + l.mtu, 0);
    assert_string_equal(l.captive_portal, "");
    assert_true(ipcfg_dhcp_left_out_text(m.left_out, line, sizeof line) > 0);
    assert_string_equal(line, "The DHCP server's domain search list (option 119) is malformed (a compression loop or "
                              "forward pointer, a name too long); it was left out of the lease. Also left out, not "
                              "what its option must carry: the interface MTU (option 26), the NTP server list (option "
                              "42), the captive-portal URI (option 114) and the client FQDN answer (option 81).");
    ipcfg_dhcp_left_out_text(IPCFG_DHCP_LEFT_DOMAIN | IPCFG_DHCP_LEFT_FQDN, line, sizeof line);
    assert_string_equal(line, "The DHCP server's domain name (option 15) is not a valid DNS name; it was left out of "
                              "the lease. Also left out, not what its option must carry: the client FQDN answer (option "
                              "81).");
    ipcfg_dhcp_left_out_text(0x3f, line, sizeof line);
    assert_true(strlen(line) < 500);
    ipcfg_dhcp_left_out_text(IPCFG_DHCP_LEFT_MTU, line, sizeof line);
    assert_string_equal(line, "The DHCP server's interface MTU (option 26) is not 2 bytes of at least 68; it was left "
                              "out of the lease.");
    ipcfg_dhcp_left_out_text(IPCFG_DHCP_LEFT_DOMAIN, line, sizeof line);
    assert_string_equal(line, "The DHCP server's domain name (option 15) is not a valid DNS name; it was left out of "
                              "the lease.");
    ipcfg_dhcp_left_out_text(IPCFG_DHCP_LEFT_SEARCH_NAME, line, sizeof line);
    assert_string_equal(line, "The DHCP server's domain search list (option 119) holds a name that is not a valid DNS "
                              "name; each such name was left out of the lease, the others kept.");
    ipcfg_dhcp_left_out_text(IPCFG_DHCP_LEFT_DOMAIN | IPCFG_DHCP_LEFT_SEARCH_NAME | IPCFG_DHCP_LEFT_FQDN, line,
                             sizeof line);
    assert_string_equal(line, "The DHCP server's domain name (option 15) is not a valid DNS name; it was left out of "
                              "the lease. Also left out, not what its option must carry: the names of the domain "
                              "search list (option 119) that are not valid DNS names and the client FQDN answer "
                              "(option 81).");
    ipcfg_dhcp_left_out_text(0x7f, line, sizeof line);
    assert_true(strlen(line) < 600);
}

/* A search list with a name that is none beside valid ones: the valid
 * names reach the lease, the message says what went, the lease binds. */
static void search_bad_name_in_ack(void **st)
{
    static const uint8_t ex[] = {119, 17, 3, 'a', '$', 'b', 0, 4, 'c', 'o', 'r', 'p', 0, 3, 'e', 'n', 'g', 0xc0, 5};
    ipcfg_dhcp_msg m;
    ipcfg_dhcp_lease l;
    (void)st;
    ack_with(ex, sizeof ex, &m);
    assert_int_equal(m.left_out, IPCFG_DHCP_LEFT_SEARCH_NAME);
    assert_int_equal(m.n_search, 2);
    client_init("ws-042", "");
    assert_null(ipcfg_dhcp_client_check_lease(&C, &m, 1, &l));
    assert_int_equal(l.n_search, 2);
    assert_string_equal(l.search[0], "corp");
    assert_string_equal(l.search[1], "eng.corp");
}

/* ---- the lease file ---- */

#define V1                                                                                                             \
    "interface eth0\nstate bound\nhwaddr 02:00:5e:10:20:30\naddress 192.0.2.10/24\nserver 192.0.2.1\n"
#define TIMES "lease-time 3600\nt1 1800\nt2 3150\nobtained 1764370000\nexpires 1764373600\nend\n"

static int parse(const char *t, ipcfg_dhcp_lease *l, char *why)
{
    return ipcfg_dhcp_lease_parse(t, strlen(t), l, why, 128);
}

static void lease_file_versions(void **st)
{
    ipcfg_dhcp_lease l;
    char why[128], text[8192];
    (void)st;
    /* version 1 still reads, and a record without the new keys is written as 1 */
    assert_int_equal(parse("ipcfg-lease 1\n" V1 TIMES, &l, why), 0);
    assert_true(ipcfg_dhcp_lease_format(&l, text, sizeof text) > 0);
    assert_memory_equal(text, "ipcfg-lease 1\n", 14);
    assert_int_equal(l.name_choice, IPCFG_DHCP_NAME_HOST);
    /* version 2 keys only in version 2 */
    assert_int_equal(parse("ipcfg-lease 1\n" V1 "mtu 1500\n" TIMES, &l, why), -1);
    assert_non_null(strstr(why, "unknown key"));
    assert_int_equal(parse("ipcfg-lease 2\n" V1 "mtu 1500\nname none\n" TIMES, &l, why), 0);
    assert_int_equal(l.mtu, 1500);
    assert_int_equal(l.name_choice, IPCFG_DHCP_NAME_NONE);
    assert_int_equal(parse("ipcfg-lease 3\n" V1 TIMES, &l, why), -1);
    /* every value checked again */
    assert_int_equal(parse("ipcfg-lease 2\n" V1 "mtu 67\n" TIMES, &l, why), -1);
    assert_int_equal(parse("ipcfg-lease 2\n" V1 "mtu 01500\n" TIMES, &l, why), -1);
    assert_int_equal(parse("ipcfg-lease 2\n" V1 "search a$(id)b\n" TIMES, &l, why), -1);
    assert_int_equal(parse("ipcfg-lease 2\n" V1 "search a.example\nsearch a.example\n" TIMES, &l, why), -1);
    assert_int_equal(parse("ipcfg-lease 2\n" V1 "captive-portal http://x.example/\n" TIMES, &l, why), -1);
    assert_int_equal(parse("ipcfg-lease 2\n" V1 "captive-portal https://x/'q'\n" TIMES, &l, why), -1);
    assert_int_equal(parse("ipcfg-lease 2\n" V1 "ntp 224.0.0.1\n" TIMES, &l, why), -1);
    assert_int_equal(parse("ipcfg-lease 2\n" V1 "ntp 192.0.2.01\n" TIMES, &l, why), -1);
    assert_int_equal(parse("ipcfg-lease 2\n" V1 "fqdn ws_1\n" TIMES, &l, why), -1);
    assert_int_equal(parse("ipcfg-lease 2\n" V1 "name given\n" TIMES, &l, why), -1);
    assert_int_equal(parse("ipcfg-lease 2\n" V1 "name none\nfqdn ws\n" TIMES, &l, why), -1);
    assert_int_equal(parse("ipcfg-lease 2\n" V1 "name maybe\n" TIMES, &l, why), -1);
    assert_int_equal(parse("ipcfg-lease 2\n" V1 "mtu 1500\nmtu 1500\n" TIMES, &l, why), -1);
    /* lease values in a released record */
    assert_int_equal(parse("ipcfg-lease 2\ninterface eth0\nstate released\nhwaddr 02:00:5e:10:20:30\nmtu 1500\nend\n",
                           &l, why),
                     -1);
    assert_int_equal(parse("ipcfg-lease 2\ninterface eth0\nstate released\nhwaddr 02:00:5e:10:20:30\nend\n", &l, why), 0);
}

/* The largest record there can be still fits the engine's message to the
 * privileged side (IPCFG_LX_WIRE_TEXT_MAX, src/linux/dhcp_wire.h: 6144)
 * and reads back. */
static void lease_file_largest(void **st)
{
    static ipcfg_dhcp_lease l, back;
    static char text[16384];
    char why[128];
    size_t n;
    unsigned i;
    (void)st;
    assert_int_equal(parse("ipcfg-lease 1\n" V1 TIMES, &l, why), 0);
    for (i = 0; i < IPCFG_DHCP_MAX_ROUTERS; i++)
        ipcfg_dhcp_put32(l.routers[i], 0xc0000201u + i * 0x01000000u);
    l.n_routers = IPCFG_DHCP_MAX_ROUTERS;
    for (i = 0; i < IPCFG_DHCP_MAX_ROUTES; i++) {
        ipcfg_dhcp_put32(l.routes[i].dest, 0xc6336400u + i * 256u);
        l.routes[i].prefix_len = 24;
        ipcfg_dhcp_put32(l.routes[i].gateway, 0xc00002feu);
    }
    l.n_routes = IPCFG_DHCP_MAX_ROUTES;
    for (i = 0; i < IPCFG_DHCP_MAX_DNS; i++)
        ipcfg_dhcp_put32(l.dns[i], 0xdfffff01u + i);
    l.n_dns = IPCFG_DHCP_MAX_DNS;
    memset(l.domain, 'd', 63);
    l.domain[63] = '\0';
    for (i = 0; i < IPCFG_DHCP_MAX_SEARCH; i++) {
        /* 253 bytes: three labels of 63 and one of 61, each name its own */
        memset(l.search[i], 'a' + (int)i, 253);
        l.search[i][63] = l.search[i][127] = l.search[i][191] = '.';
        l.search[i][253] = '\0';
    }
    l.n_search = IPCFG_DHCP_MAX_SEARCH;
    for (i = 0; i < IPCFG_DHCP_MAX_NTP; i++)
        ipcfg_dhcp_put32(l.ntp[i], 0xcb007101u + i);
    l.n_ntp = IPCFG_DHCP_MAX_NTP;
    l.mtu = 65535;
    memcpy(l.captive_portal, "https:", 6);
    memset(l.captive_portal + 6, 'u', 249);
    memcpy(l.fqdn, l.search[0], sizeof l.fqdn);
    l.name_choice = IPCFG_DHCP_NAME_GIVEN;
    n = ipcfg_dhcp_lease_format(&l, text, sizeof text);
    assert_true(n > 0);
    print_message("the largest lease text: %zu bytes\n", n);
    assert_true(n <= 6144);
    assert_int_equal(ipcfg_dhcp_lease_parse(text, n, &back, why, sizeof why), 0);
    assert_memory_equal(&back, &l, sizeof l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(search_plain_and_compressed),
        cmocka_unit_test(search_hostile),
        cmocka_unit_test(search_bad_name_dropped_alone),
        cmocka_unit_test(mtu_ntp_portal),
        cmocka_unit_test(fqdn_reply_and_build),
        cmocka_unit_test(discover_carries_81_and_77),
        cmocka_unit_test(ack_into_lease),
        cmocka_unit_test(hostile_options_left_out),
        cmocka_unit_test(search_bad_name_in_ack),
        cmocka_unit_test(lease_file_versions),
        cmocka_unit_test(lease_file_largest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
