/* The text checks of dns_name.h and the DNS wire form of names: what a
 * server may put in a name or URI, and every malformed encoding.
 * SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "dns_name.h"

static int name_ok(const char *s)
{
    return ipcfg_dns_name_valid(s, strlen(s));
}

static int uri_ok(const char *s)
{
    return ipcfg_dns_uri_valid(s, strlen(s));
}

static void names_valid(void **st)
{
    (void)st;
    assert_true(name_ok("corp.example.com"));
    assert_true(name_ok("corp.example.com.")); /* fully qualified */
    assert_true(name_ok("a"));
    assert_true(name_ok("xn--bcher-kva.example"));
    assert_true(name_ok("1st-floor.Example.ORG"));

    char longest[254]; /* 253 bytes: 63.63.63.61 */
    memset(longest, 'a', 253);
    longest[63] = longest[127] = longest[191] = '.';
    longest[253] = '\0';
    assert_true(name_ok(longest));
}

static void names_refused(void **st)
{
    (void)st;
    /* what a shell, resolvconf's parser or resolvectl would act on */
    static const char *const bad[] = {
        "x$(touch${IFS}/tmp/PWNED)", "k$(id>/tmp/f)", "a`id`", "a;b", "a|b", "a&b", "a'b", "a\"b", "a\nb",
        "a b", "a\tb", "100%", "a\\b", "a<b", "a>b", "a_b", "-rf", "a.-b", "a-.b", "b-",
        /* empty labels, the root alone, a second trailing dot */
        "", ".", "..", "a..b", ".a", "a..",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_false(name_ok(bad[i]));
    assert_false(ipcfg_dns_name_valid(NULL, 0));
    assert_false(ipcfg_dns_name_valid("ab\0c", 4)); /* a NUL inside */
    assert_false(ipcfg_dns_name_valid("\xc3\xa9t\xc3\xa9", 6)); /* not ASCII */

    char label[70];
    memset(label, 'a', 64);
    label[64] = '\0';
    assert_false(name_ok(label)); /* a 64-byte label */
    label[63] = '\0';
    assert_true(name_ok(label));

    char big[300];
    memset(big, 'a', 254);
    big[63] = big[127] = big[191] = '.';
    big[254] = '\0';
    assert_false(name_ok(big)); /* 254 bytes */
    big[253] = '.';
    assert_true(name_ok(big)); /* 253 and a trailing dot */
}

static void uris(void **st)
{
    (void)st;
    assert_true(uri_ok("https://portal.example.net/login?x=1#a"));
    assert_true(uri_ok("https:"));
    static const char *const bad[] = {
        "http://portal.example.net/", "HTTPS://x", "https://a b", "https://a'b", "https://a\"b",
        "https://$(id)", "https://a`id`", "https://a;b", "https://a|b", "https://a&b", "https://a<b",
        "https://a>b", "https://a\\b", "https://a\nb", "https://\x7f", "https://\xc3\xa9", "", "https",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_false(uri_ok(bad[i]));
    char big[300] = "https://";
    memset(big + 8, 'a', 248);
    big[256] = '\0'; /* 256 bytes */
    assert_false(uri_ok(big));
    big[255] = '\0';
    assert_true(uri_ok(big));
    assert_false(ipcfg_dns_uri_valid(NULL, 0));
}

static void decode_plain(void **st)
{
    (void)st;
    static const uint8_t w[] = {4, 'c', 'o', 'r', 'p', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0, 3, 'c', 'o', 'm', 0, 0};
    char out[256];
    size_t off = 0;
    assert_int_equal(ipcfg_dns_name_decode(w, sizeof(w), &off, 0, out, sizeof(out)), 12);
    assert_string_equal(out, "corp.example");
    assert_int_equal(off, 14);
    assert_int_equal(ipcfg_dns_name_decode(w, sizeof(w), &off, 0, out, sizeof(out)), 3);
    assert_string_equal(out, "com");
    assert_int_equal(ipcfg_dns_name_decode(w, sizeof(w), &off, 0, out, sizeof(out)), 0); /* the root */
    assert_string_equal(out, "");
    assert_int_equal(off, sizeof(w));
    assert_int_equal(ipcfg_dns_name_decode(w, sizeof(w), &off, 0, out, sizeof(out)), -1); /* nothing left */
}

/* RFC 3397 §2's own example: eng.apple.com., marketing.apple.com. */
static void decode_compressed(void **st)
{
    (void)st;
    static const uint8_t w[] = {3, 'e', 'n', 'g', 5, 'a', 'p', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0,
                                9, 'm', 'a', 'r', 'k', 'e', 't', 'i', 'n', 'g', 0xc0, 0x04};
    char out[256];
    size_t off = 0;
    assert_int_equal(ipcfg_dns_name_decode(w, sizeof(w), &off, 1, out, sizeof(out)), 13);
    assert_string_equal(out, "eng.apple.com");
    assert_int_equal(ipcfg_dns_name_decode(w, sizeof(w), &off, 1, out, sizeof(out)), 19);
    assert_string_equal(out, "marketing.apple.com");
    assert_int_equal(off, sizeof(w));

    off = 15; /* without compression the pointer is refused */
    assert_int_equal(ipcfg_dns_name_decode(w, sizeof(w), &off, 0, out, sizeof(out)), -1);
    assert_int_equal(off, 15); /* unchanged on failure */
}

static void decode_refused(void **st)
{
    (void)st;
    char out[256];
    size_t off;
    /* a pointer to itself, a forward pointer, a two-step loop */
    static const uint8_t self[] = {0xc0, 0x00};
    static const uint8_t fwd[] = {0xc0, 0x02, 1, 'a', 0};
    static const uint8_t loop[] = {1, 'a', 0xc0, 0x04, 1, 'b', 0xc0, 0x00};
    static const uint8_t cut_label[] = {5, 'a', 'b'};
    static const uint8_t no_end[] = {1, 'a'};
    static const uint8_t cut_ptr[] = {1, 'a', 0xc0};
    static const uint8_t ext_label[] = {0x41, 'a', 0};
    static const uint8_t nul_inside[] = {3, 'a', 0, 'b', 0};
    struct {
        const uint8_t *w;
        size_t len;
        size_t start;
    } cases[] = {
        {self, sizeof(self), 0},       {fwd, sizeof(fwd), 0},         {loop, sizeof(loop), 4},
        {cut_label, sizeof(cut_label), 0}, {no_end, sizeof(no_end), 0}, {cut_ptr, sizeof(cut_ptr), 0},
        {ext_label, sizeof(ext_label), 0}, {nul_inside, sizeof(nul_inside), 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        off = cases[i].start;
        assert_int_equal(ipcfg_dns_name_decode(cases[i].w, cases[i].len, &off, 1, out, sizeof(out)), -1);
    }

    /* over 255 wire bytes: five labels of 63 */
    uint8_t big[5 * 64 + 1];
    for (size_t i = 0; i < 5; i++) {
        big[i * 64] = 63;
        memset(big + i * 64 + 1, 'a', 63);
    }
    big[5 * 64] = 0;
    off = 0;
    assert_int_equal(ipcfg_dns_name_decode(big, sizeof(big), &off, 0, out, sizeof(out)), -1);
    /* four labels of 63 = 256 wire bytes with the zero label: refused too */
    big[4 * 64] = 0;
    off = 0;
    assert_int_equal(ipcfg_dns_name_decode(big, 4 * 64 + 1, &off, 0, out, sizeof(out)), -1);
    /* 3 x 63 + 61 = 254 + 1 zero label = 255: the longest name */
    big[3 * 64] = 61;
    big[3 * 64 + 62] = 0;
    off = 0;
    assert_int_equal(ipcfg_dns_name_decode(big, 3 * 64 + 63, &off, 0, out, sizeof(out)), 253);
    assert_true(ipcfg_dns_name_valid(out, 253));
    /* a small output buffer is refused, never cut */
    off = 0;
    assert_int_equal(ipcfg_dns_name_decode(big, 3 * 64 + 63, &off, 0, out, 253), -1);
}

static void encode(void **st)
{
    (void)st;
    uint8_t w[300];
    static const uint8_t want[] = {4, 'h', 'o', 's', 't', 4, 'c', 'o', 'r', 'p', 2, 'e', 'x', 0};
    assert_int_equal(ipcfg_dns_name_encode("host.corp.ex", w, sizeof(w)), sizeof(want));
    assert_memory_equal(w, want, sizeof(want));
    assert_int_equal(ipcfg_dns_name_encode("host.corp.ex.", w, sizeof(w)), sizeof(want));
    assert_memory_equal(w, want, sizeof(want));
    assert_int_equal(ipcfg_dns_name_encode("host.corp.ex", w, sizeof(want) - 1), 0);
    assert_int_equal(ipcfg_dns_name_encode("bad name", w, sizeof(w)), 0);
    assert_int_equal(ipcfg_dns_name_encode(NULL, w, sizeof(w)), 0);

    /* the round trip */
    char out[256];
    size_t off = 0;
    size_t n = ipcfg_dns_name_encode("a.b-c.d", w, sizeof(w));
    assert_int_equal(ipcfg_dns_name_decode(w, n, &off, 0, out, sizeof(out)), 7);
    assert_string_equal(out, "a.b-c.d");
    assert_int_equal(off, n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(names_valid),       cmocka_unit_test(names_refused),  cmocka_unit_test(uris),
        cmocka_unit_test(decode_plain),      cmocka_unit_test(decode_compressed),
        cmocka_unit_test(decode_refused),    cmocka_unit_test(encode),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
