/* DHCP messages: building, parsing, RFC 3396 concatenation, overload,
 * and every malformed case rejected whole.  SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "dhcp_msg.h"
#include "dhcp_testutil.h"

static uint8_t buf[2048];

/* A message with the fixed header and cookie; options written by hand
 * from offset 240.  Returns 240. */
static size_t raw_begin(void)
{
    ipcfg_dhcp_hdr h;
    memset(&h, 0, sizeof h);
    h.op = IPCFG_BOOTREPLY;
    h.htype = 1;
    h.hlen = 6;
    h.xid = 0x01020304;
    memcpy(h.chaddr, T_MAC, 6);
    memcpy(h.yiaddr, T_ADDR, 4);
    memset(buf, 0, sizeof buf);
    return ipcfg_dhcp_build_begin(buf, sizeof buf, &h);
}

static size_t put(size_t at, const uint8_t *b, size_t n)
{
    memcpy(buf + at, b, n);
    return at + n;
}

static void assert_rejected(size_t len, const char *want_substr)
{
    ipcfg_dhcp_msg m;
    const char *why = NULL;
    static const ipcfg_dhcp_msg zero;

    memset(&m, 0xa5, sizeof m);
    assert_int_equal(ipcfg_dhcp_msg_parse(buf, len, &m, &why), -1);
    assert_non_null(why);
    if (want_substr)
        assert_non_null(strstr(why, want_substr));
    assert_memory_equal(&m, &zero, sizeof m); /* nothing half-read escapes */
}

static void roundtrip_reply(void **st)
{
    tsrv s;
    ipcfg_dhcp_msg m;
    const char *why = "x";
    static const uint8_t routes[] = {24, 198, 51, 100, 192, 0, 2, 254, 0, 192, 0, 2, 1};
    size_t n;

    (void)st;
    tsrv_default(&s, IPCFG_DHCPACK, 0xdeadbeef);
    s.has_t1 = s.has_t2 = 1;
    s.t1 = 1000;
    s.t2 = 2000;
    s.n_dns = 2;
    memcpy(s.dns[1], T_SERVER2, 4);
    s.routes121 = routes;
    s.routes121_len = sizeof routes;
    s.domain = "example.com";
    s.message = "hello\x01";
    n = tsrv_build(&s, buf, sizeof buf);
    assert_int_equal(n, 326); /* longer than the BOOTP minimum: not padded */
    assert_int_equal(ipcfg_dhcp_msg_parse(buf, n, &m, &why), 0);
    assert_null(why);
    assert_int_equal(m.h.op, IPCFG_BOOTREPLY);
    assert_int_equal(m.h.xid, 0xdeadbeef);
    assert_memory_equal(m.h.chaddr, T_MAC, 6);
    assert_memory_equal(m.h.yiaddr, T_ADDR, 4);
    assert_int_equal(m.type, IPCFG_DHCPACK);
    assert_memory_equal(m.server_id, T_SERVER, 4);
    assert_int_equal(ipcfg_dhcp_mask_prefix(m.mask), 24);
    assert_int_equal(m.lease_time, 3600);
    assert_int_equal(m.t1, 1000);
    assert_int_equal(m.t2, 2000);
    assert_int_equal(m.n_routers, 1);
    assert_memory_equal(m.routers[0], T_ROUTER, 4);
    assert_int_equal(m.n_dns, 2);
    assert_memory_equal(m.dns[1], T_SERVER2, 4);
    assert_string_equal(m.domain, "example.com");
    assert_string_equal(m.message, "hello?");
    assert_int_equal(m.n_routes, 2);
    assert_int_equal(m.routes[0].prefix_len, 24);
    assert_memory_equal(m.routes[0].dest, ((const uint8_t[]){198, 51, 100, 0}), 4);
    assert_memory_equal(m.routes[0].gateway, T_ROUTER, 4);
    assert_int_equal(m.routes[1].prefix_len, 0);
    assert_memory_equal(m.routes[1].dest, ((const uint8_t[]){0, 0, 0, 0}), 4);
    assert_memory_equal(m.routes[1].gateway, T_SERVER, 4);
    assert_true(m.has & IPCFG_HAS_T1);
    assert_false(m.has & IPCFG_HAS_OVERLOAD);
    assert_false(m.has & IPCFG_HAS_CLIENT_ID);
}

static void roundtrip_request(void **st)
{
    ipcfg_dhcp_hdr h;
    ipcfg_dhcp_msg m;
    static const uint8_t prl[] = {1, 3, 6, 12, 15, 28, 51, 54, 58, 59, 121};
    uint8_t t = IPCFG_DHCPREQUEST, cid[7] = {1};
    size_t at;

    (void)st;
    memcpy(cid + 1, T_MAC, 6);
    memset(&h, 0, sizeof h);
    h.op = IPCFG_BOOTREQUEST;
    h.htype = 1;
    h.hlen = 6;
    h.xid = 42;
    h.secs = 3;
    memcpy(h.ciaddr, T_ADDR, 4);
    memcpy(h.chaddr, T_MAC, 6);
    at = ipcfg_dhcp_build_begin(buf, sizeof buf, &h);
    at = ipcfg_dhcp_build_opt(buf, sizeof buf, at, IPCFG_OPT_MSG_TYPE, &t, 1);
    at = ipcfg_dhcp_build_opt(buf, sizeof buf, at, IPCFG_OPT_CLIENT_ID, cid, sizeof cid);
    at = ipcfg_dhcp_build_opt(buf, sizeof buf, at, IPCFG_OPT_HOST_NAME, "host", 4);
    at = ipcfg_dhcp_build_opt(buf, sizeof buf, at, IPCFG_OPT_PARAM_LIST, prl, sizeof prl);
    at = ipcfg_dhcp_build_end(buf, sizeof buf, at);
    assert_int_equal(at, 300);
    assert_int_equal(ipcfg_dhcp_msg_parse(buf, at, &m, NULL), 0);
    assert_int_equal(m.h.op, IPCFG_BOOTREQUEST);
    assert_int_equal(m.h.secs, 3);
    assert_memory_equal(m.h.ciaddr, T_ADDR, 4);
    assert_int_equal(m.type, IPCFG_DHCPREQUEST);
    assert_int_equal(m.client_id_len, 7);
    assert_memory_equal(m.client_id, cid, 7);
    assert_string_equal(m.host_name, "host");
    assert_int_equal(m.n_param_list, sizeof prl);
    assert_memory_equal(m.param_list, prl, sizeof prl);
    assert_false(m.has & (IPCFG_HAS_SERVER_ID | IPCFG_HAS_REQUESTED_IP));
}

/* RFC 3396 §5: a value longer than 255 octets is split on building and
 * concatenated on parsing. */
static void long_option_split_and_joined(void **st)
{
    uint8_t routes[32 * 9], t = IPCFG_DHCPACK;
    ipcfg_dhcp_msg m;
    ipcfg_dhcp_hdr h;
    size_t at, i;

    (void)st;
    for (i = 0; i < 32; i++) { /* 32 /32 host routes: 9 octets each, 288 in all */
        uint8_t *r = routes + 9 * i;
        r[0] = 32;
        r[1] = 10, r[2] = 1, r[3] = (uint8_t)i, r[4] = 7;
        memcpy(r + 5, T_ROUTER, 4);
    }
    memset(&h, 0, sizeof h);
    h.op = 2;
    at = ipcfg_dhcp_build_begin(buf, sizeof buf, &h);
    at = ipcfg_dhcp_build_opt(buf, sizeof buf, at, IPCFG_OPT_MSG_TYPE, &t, 1);
    assert_int_equal(at, 243);
    at = ipcfg_dhcp_build_opt(buf, sizeof buf, at, IPCFG_OPT_CLASSLESS_ROUTES, routes, sizeof routes);
    assert_int_equal(at, 243 + 2 + 255 + 2 + 33);
    assert_int_equal(buf[243], 121);
    assert_int_equal(buf[244], 255);
    assert_int_equal(buf[243 + 257], 121);
    assert_int_equal(buf[243 + 258], 33);
    at = ipcfg_dhcp_build_end(buf, sizeof buf, at);
    assert_int_equal(ipcfg_dhcp_msg_parse(buf, at, &m, NULL), 0);
    assert_int_equal(m.n_routes, 32);
    for (i = 0; i < 32; i++) {
        assert_int_equal(m.routes[i].prefix_len, 32);
        assert_int_equal(m.routes[i].dest[2], i);
        assert_memory_equal(m.routes[i].gateway, T_ROUTER, 4);
    }
    /* a value that does not fit is refused, not cut */
    assert_int_equal(ipcfg_dhcp_build_opt(buf, 300, 243, IPCFG_OPT_CLASSLESS_ROUTES, routes, sizeof routes), 0);
    /* a zero-length option is written as such */
    assert_int_equal(ipcfg_dhcp_build_opt(buf, sizeof buf, 243, 80, NULL, 0), 245);
    assert_int_equal(buf[244], 0);
}

/* RFC 3396 §7: two instances of a fixed-size list concatenate in order. */
static void split_instances_concatenated(void **st)
{
    static const uint8_t opts[] = {53, 1, 5, 6, 4, 1, 1, 1, 1, 3, 4, 192, 0, 2, 1, 6, 4, 2, 2, 2, 2, 255};
    /* a 4-octet value split 2+2 over two instances */
    static const uint8_t opts2[] = {53, 1, 5, 51, 2, 0, 0, 51, 2, 0x0e, 0x10, 255};
    ipcfg_dhcp_msg m;
    size_t at = raw_begin();

    (void)st;
    at = put(at, opts, sizeof opts);
    assert_int_equal(ipcfg_dhcp_msg_parse(buf, at, &m, NULL), 0);
    assert_int_equal(m.n_dns, 2);
    assert_memory_equal(m.dns[0], ((const uint8_t[]){1, 1, 1, 1}), 4);
    assert_memory_equal(m.dns[1], ((const uint8_t[]){2, 2, 2, 2}), 4);
    assert_int_equal(m.n_routers, 1);

    at = put(raw_begin(), opts2, sizeof opts2);
    assert_int_equal(ipcfg_dhcp_msg_parse(buf, at, &m, NULL), 0);
    assert_true(m.has & IPCFG_HAS_LEASE_TIME);
    assert_int_equal(m.lease_time, 3600);
}

/* An option spanning the options field and the file field (overload 1):
 * the options field first, then file (RFC 3396 §7). */
static void option_spanning_options_and_file(void **st)
{
    /* route 0/0 via 192.0.2.254 split as [0 192 0] + [2 254] */
    static const uint8_t opts[] = {53, 1, 5, 52, 1, 1, 121, 3, 0, 192, 0, 255};
    static const uint8_t file[] = {121, 2, 2, 254, 15, 3, 'a', '.', 'b', 255};
    ipcfg_dhcp_msg m;
    size_t at = raw_begin();

    (void)st;
    memcpy(buf + IPCFG_DHCP_OFF_FILE, file, sizeof file);
    at = put(at, opts, sizeof opts);
    assert_int_equal(ipcfg_dhcp_msg_parse(buf, at, &m, NULL), 0);
    assert_int_equal(m.overload, 1);
    assert_int_equal(m.n_routes, 1);
    assert_int_equal(m.routes[0].prefix_len, 0);
    assert_memory_equal(m.routes[0].gateway, T_ROUTER, 4);
    assert_string_equal(m.domain, "a.b");
}

/* Overload 3: options in both file and sname, concatenated in the order
 * options, file, sname. */
static void overload_file_and_sname(void **st)
{
    static const uint8_t opts[] = {52, 1, 3, 6, 4, 1, 1, 1, 1, 255};
    static const uint8_t file[] = {53, 1, 2, 6, 4, 2, 2, 2, 2, 54, 4, 192, 0, 2, 1, 255};
    static const uint8_t sname[] = {6, 4, 3, 3, 3, 3, 0, 0, 255};
    ipcfg_dhcp_msg m;
    size_t at = raw_begin();

    (void)st;
    memcpy(buf + IPCFG_DHCP_OFF_FILE, file, sizeof file);
    memcpy(buf + IPCFG_DHCP_OFF_SNAME, sname, sizeof sname);
    at = put(at, opts, sizeof opts);
    assert_int_equal(ipcfg_dhcp_msg_parse(buf, at, &m, NULL), 0);
    assert_int_equal(m.type, IPCFG_DHCPOFFER); /* the type itself may sit in file */
    assert_int_equal(m.n_dns, 3);
    assert_int_equal(m.dns[0][0], 1);
    assert_int_equal(m.dns[1][0], 2);
    assert_int_equal(m.dns[2][0], 3);
    assert_memory_equal(m.server_id, T_SERVER, 4);

    /* only sname (overload 2): file is a file name and not read */
    buf[242] = 2;
    memset(buf + IPCFG_DHCP_OFF_FILE, 'x', IPCFG_DHCP_FILE_LEN);
    memcpy(buf + IPCFG_DHCP_OFF_SNAME, (const uint8_t[]){53, 1, 2, 255}, 4);
    assert_int_equal(ipcfg_dhcp_msg_parse(buf, at, &m, NULL), 0);
    assert_int_equal(m.n_dns, 1);
    assert_int_equal(m.type, IPCFG_DHCPOFFER);

    /* without overload, options-like bytes in file are never read */
    at = raw_begin();
    memcpy(buf + IPCFG_DHCP_OFF_FILE, file, sizeof file);
    at = put(at, (const uint8_t[]){53, 1, 5, 255}, 4);
    assert_int_equal(ipcfg_dhcp_msg_parse(buf, at, &m, NULL), 0);
    assert_int_equal(m.n_dns, 0);
    assert_int_equal(m.type, IPCFG_DHCPACK);
}

static void malformed_structure(void **st)
{
    size_t at;

    (void)st;
    /* length past the end */
    at = put(raw_begin(), (const uint8_t[]){53, 1, 2, 6, 8, 1, 2, 3, 4}, 9);
    assert_rejected(at, "past the end");
    /* truncated option: a code without its length octet */
    at = put(raw_begin(), (const uint8_t[]){53, 1, 2, 6}, 4);
    assert_rejected(at, "truncated");
    /* missing end option */
    at = put(raw_begin(), (const uint8_t[]){53, 1, 2, 0, 0}, 5);
    assert_rejected(at, "missing end");
    /* wrong magic cookie */
    at = put(raw_begin(), (const uint8_t[]){53, 1, 2, 255}, 4);
    buf[IPCFG_DHCP_OFF_COOKIE + 3] = 98;
    assert_rejected(at, "cookie");
    /* missing message type */
    at = put(raw_begin(), (const uint8_t[]){54, 4, 192, 0, 2, 1, 255}, 7);
    assert_rejected(at, "message type");
    /* shorter than header + cookie + end */
    raw_begin();
    assert_rejected(IPCFG_DHCP_OFF_OPTIONS, "shorter");
    assert_rejected(100, "shorter");
    assert_rejected(0, "shorter");
    /* hlen over 16 */
    at = put(raw_begin(), (const uint8_t[]){53, 1, 2, 255}, 4);
    buf[2] = 17;
    assert_rejected(at, "hardware address length");
    /* too long */
    assert_rejected(IPCFG_DHCP_MSG_MAX + 1, "too long");
}

static void malformed_lengths(void **st)
{
    static const struct {
        uint8_t opt[14];
        size_t n;
    } bad[] = {
        {{53, 0, 255}, 3},                        /* zero-length message type */
        {{53, 2, 2, 2, 255}, 5},                  /* two-octet message type */
        {{53, 1, 0, 255}, 4},                     /* type 0 */
        {{53, 1, 2, 54, 0, 255}, 6},              /* zero-length server identifier */
        {{53, 1, 2, 54, 3, 1, 2, 3, 255}, 9},     /* short server identifier */
        {{53, 1, 2, 1, 0, 255}, 6},               /* zero-length subnet mask */
        {{53, 1, 2, 3, 0, 255}, 6},               /* zero-length router */
        {{53, 1, 2, 3, 5, 1, 2, 3, 4, 5, 255}, 11}, /* router not a multiple of 4 */
        {{53, 1, 2, 6, 0, 255}, 6},               /* zero-length DNS */
        {{53, 1, 2, 51, 0, 255}, 6},              /* zero-length lease time */
        {{53, 1, 2, 51, 2, 1, 1, 255}, 8},        /* short lease time */
        {{53, 1, 2, 58, 0, 255}, 6},              /* zero-length T1 */
        {{53, 1, 2, 59, 5, 1, 1, 1, 1, 1, 255}, 11}, /* long T2 */
        {{53, 1, 2, 61, 1, 1, 255}, 7},           /* one-octet client identifier */
        {{53, 1, 2, 55, 0, 255}, 6},              /* zero-length parameter list */
        {{53, 1, 2, 56, 0, 255}, 6},              /* zero-length message */
        {{53, 1, 2, 50, 0, 255}, 6},              /* zero-length requested address */
        {{53, 1, 2, 28, 0, 255}, 6},              /* zero-length broadcast */
        {{53, 1, 2, 121, 0, 255}, 6},             /* zero-length classless routes */
        {{53, 1, 2, 121, 5, 33, 1, 1, 1, 1, 255}, 11}, /* route width 33 */
        {{53, 1, 2, 121, 7, 8, 10, 1, 1, 1, 1, 9, 255}, 13}, /* trailing octet after a route */
        {{53, 1, 2, 121, 5, 8, 10, 1, 1, 1, 255}, 11}, /* route cut short */
        {{53, 1, 2, 52, 1, 0, 255}, 7},           /* overload 0 */
        {{53, 1, 2, 52, 1, 4, 255}, 7},           /* overload 4 */
        {{53, 1, 2, 52, 2, 1, 1, 255}, 8},        /* overload of length 2 */
        {{53, 1, 2, 52, 1, 1, 52, 1, 1, 255}, 10}, /* overload twice */
    };
    size_t i, at;

    (void)st;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        at = put(raw_begin(), bad[i].opt, bad[i].n);
        if (bad[i].opt[3] == 52) { /* give the file field a valid end so only the overload is wrong */
            buf[IPCFG_DHCP_OFF_FILE] = 255;
            buf[IPCFG_DHCP_OFF_SNAME] = 255;
        }
        print_message("case %zu\n", i);
        assert_rejected(at, NULL);
    }
}

/* A name a server sends (options 12, 15) that is no DNS name (dns_name.h)
 * is left out, never the whole message: the address still binds. */
static const char *const hostile_names[] = {
    "x$(touch${IFS}/tmp/PWNED)", "a`id`.example", "a;reboot", "a|b", "a'b", "a\"b", "a\nnameserver 192.0.2.66",
    "a%b", "a..b", ".a", "a b", "-a.example", "a-.example", "",
    /* 254 bytes: one more than a name holds */
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa."
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
};

static void names_left_out_not_fatal(void **st)
{
    ipcfg_dhcp_msg m;
    const char *why;
    size_t i, at;

    (void)st;
    assert_int_equal(strlen(hostile_names[sizeof hostile_names / sizeof hostile_names[0] - 1]), 254);
    for (i = 0; i < sizeof hostile_names / sizeof hostile_names[0]; i++) {
        const char *n = hostile_names[i];
        uint8_t t = IPCFG_DHCPACK;
        print_message("case %zu\n", i);
        for (int code = IPCFG_OPT_HOST_NAME; code <= IPCFG_OPT_DOMAIN; code += IPCFG_OPT_DOMAIN - IPCFG_OPT_HOST_NAME) {
            at = raw_begin();
            at = ipcfg_dhcp_build_opt(buf, sizeof buf, at, IPCFG_OPT_MSG_TYPE, &t, 1);
            at = ipcfg_dhcp_build_opt(buf, sizeof buf, at, (uint8_t)code, n, strlen(n));
            at = ipcfg_dhcp_build_end(buf, sizeof buf, at);
            why = "x";
            assert_int_equal(ipcfg_dhcp_msg_parse(buf, at, &m, &why), 0);
            assert_null(why);
            assert_false(m.has & (IPCFG_HAS_DOMAIN | IPCFG_HAS_HOST_NAME));
            assert_string_equal(m.domain, "");
            assert_string_equal(m.host_name, "");
            assert_int_equal(m.left_out, code == IPCFG_OPT_DOMAIN ? IPCFG_DHCP_LEFT_DOMAIN : 0u);
        }
    }
    /* a NUL inside; trailing NULs (some servers send them) and a trailing
     * dot are not part of the name */
    at = put(raw_begin(), (const uint8_t[]){53, 1, 5, 15, 3, 'a', 0, 'b', 12, 4, 'h', '.', 0, 0, 255}, 15);
    assert_int_equal(ipcfg_dhcp_msg_parse(buf, at, &m, NULL), 0);
    assert_int_equal(m.left_out, IPCFG_DHCP_LEFT_DOMAIN);
    assert_string_equal(m.host_name, "h");
    at = put(raw_begin(), (const uint8_t[]){53, 1, 5, 15, 6, 'a', '.', 'b', '.', 0, 0, 255}, 12);
    assert_int_equal(ipcfg_dhcp_msg_parse(buf, at, &m, NULL), 0);
    assert_int_equal(m.left_out, 0);
    assert_true(m.has & IPCFG_HAS_DOMAIN);
    assert_string_equal(m.domain, "a.b");
}

static void malformed_overload(void **st)
{
    size_t at;

    (void)st;
    /* option 52 inside file: an overload loop */
    at = put(raw_begin(), (const uint8_t[]){53, 1, 2, 52, 1, 1, 255}, 7);
    memcpy(buf + IPCFG_DHCP_OFF_FILE, (const uint8_t[]){52, 1, 3, 255}, 4);
    assert_rejected(at, "overload inside");
    /* option 52 inside sname */
    at = put(raw_begin(), (const uint8_t[]){53, 1, 2, 52, 1, 3, 255}, 7);
    memcpy(buf + IPCFG_DHCP_OFF_FILE, (const uint8_t[]){255}, 1);
    memcpy(buf + IPCFG_DHCP_OFF_SNAME, (const uint8_t[]){52, 1, 1, 255}, 4);
    assert_rejected(at, "overload inside");
    /* file without an end option */
    at = put(raw_begin(), (const uint8_t[]){53, 1, 2, 52, 1, 1, 255}, 7);
    memset(buf + IPCFG_DHCP_OFF_FILE, 0, IPCFG_DHCP_FILE_LEN);
    assert_rejected(at, "missing end");
    /* an option in sname running past the field */
    at = put(raw_begin(), (const uint8_t[]){53, 1, 2, 52, 1, 2, 255}, 7);
    buf[IPCFG_DHCP_OFF_SNAME + 60] = 6;
    buf[IPCFG_DHCP_OFF_SNAME + 61] = 4;
    assert_rejected(at, "past the end");
}

static void address_checks(void **st)
{
    uint8_t m[4];
    unsigned p;

    (void)st;
    for (p = 0; p <= 32; p++) {
        ipcfg_dhcp_prefix_mask(p, m);
        assert_int_equal(ipcfg_dhcp_mask_prefix(m), (int)p);
    }
    assert_int_equal(ipcfg_dhcp_mask_prefix((const uint8_t[]){255, 0, 255, 0}), -1);
    assert_int_equal(ipcfg_dhcp_mask_prefix((const uint8_t[]){255, 255, 255, 253}), -1);
    assert_int_equal(ipcfg_dhcp_mask_prefix((const uint8_t[]){0, 0, 0, 1}), -1);

    assert_true(ipcfg_dhcp_unicast_ok(T_ADDR));
    assert_false(ipcfg_dhcp_unicast_ok((const uint8_t[]){0, 0, 0, 0}));
    assert_false(ipcfg_dhcp_unicast_ok((const uint8_t[]){255, 255, 255, 255}));
    assert_false(ipcfg_dhcp_unicast_ok((const uint8_t[]){127, 0, 0, 1}));
    assert_false(ipcfg_dhcp_unicast_ok((const uint8_t[]){224, 0, 0, 1}));
    assert_false(ipcfg_dhcp_unicast_ok((const uint8_t[]){239, 255, 255, 250}));
    assert_false(ipcfg_dhcp_unicast_ok((const uint8_t[]){240, 0, 0, 1}));
    assert_true(ipcfg_dhcp_unicast_ok((const uint8_t[]){223, 255, 255, 254}));

    assert_true(ipcfg_dhcp_host_ok(T_ADDR, 24));
    assert_false(ipcfg_dhcp_host_ok((const uint8_t[]){192, 0, 2, 0}, 24));   /* network */
    assert_false(ipcfg_dhcp_host_ok((const uint8_t[]){192, 0, 2, 255}, 24)); /* broadcast */
    assert_true(ipcfg_dhcp_host_ok((const uint8_t[]){192, 0, 2, 255}, 23));
    assert_false(ipcfg_dhcp_host_ok((const uint8_t[]){192, 0, 2, 3}, 30));
    assert_true(ipcfg_dhcp_host_ok((const uint8_t[]){192, 0, 2, 0}, 31));    /* RFC 3021 */
    assert_true(ipcfg_dhcp_host_ok((const uint8_t[]){192, 0, 2, 1}, 31));
    assert_true(ipcfg_dhcp_host_ok((const uint8_t[]){192, 0, 2, 0}, 32));
    assert_true(ipcfg_dhcp_host_ok((const uint8_t[]){192, 0, 2, 255}, 32));
    assert_false(ipcfg_dhcp_host_ok(T_ADDR, 0));
    assert_false(ipcfg_dhcp_host_ok(T_ADDR, 33));
    assert_false(ipcfg_dhcp_host_ok((const uint8_t[]){127, 0, 0, 1}, 8));
}

static void build_limits(void **st)
{
    ipcfg_dhcp_hdr h;

    (void)st;
    memset(&h, 0, sizeof h);
    assert_int_equal(ipcfg_dhcp_build_begin(buf, 239, &h), 0);
    assert_int_equal(ipcfg_dhcp_build_begin(buf, 240, &h), 240);
    assert_int_equal(ipcfg_dhcp_build_opt(buf, 242, 240, 53, "\x01", 1), 0);
    assert_int_equal(ipcfg_dhcp_build_opt(buf, 243, 240, 53, "\x01", 1), 243);
    assert_int_equal(ipcfg_dhcp_build_opt(buf, 243, 0, 53, "\x01", 1), 0); /* an earlier failure carries */
    assert_int_equal(ipcfg_dhcp_build_end(buf, 299, 243), 0);
    assert_int_equal(ipcfg_dhcp_build_end(buf, 300, 243), 300);
    assert_int_equal(ipcfg_dhcp_build_end(buf, 300, 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(roundtrip_reply),
        cmocka_unit_test(roundtrip_request),
        cmocka_unit_test(long_option_split_and_joined),
        cmocka_unit_test(split_instances_concatenated),
        cmocka_unit_test(option_spanning_options_and_file),
        cmocka_unit_test(overload_file_and_sname),
        cmocka_unit_test(malformed_structure),
        cmocka_unit_test(malformed_lengths),
        cmocka_unit_test(malformed_overload),
        cmocka_unit_test(names_left_out_not_fatal),
        cmocka_unit_test(address_checks),
        cmocka_unit_test(build_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
