/* The checks of model.h's [names.c]: the host name of /hostname (the
 * rules of the DHCP engine's name check, src/dhcp/dns_name.h, which this
 * test holds them to) and the user class of /setclassid; and
 * ipcfg_utf8_seq, on which the class check and the text output rest.
 * SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "dns_name.h"
#include "ipcfg/model.h"

static int name_ok(const char *s)
{
    return ipcfg_ldh_name_valid(s, strlen(s));
}

static void host_names(void **st)
{
    (void)st;
    static const char *const good[] = {"web01", "web01.corp.example", "web01.corp.example.", "a", "A-1",
                                       "1st-floor.Example.ORG", "xn--bcher-kva.example", "0"};
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
        assert_true(name_ok(good[i]));
    static const char *const bad[] = {"",    ".",    "..",  "a..b", ".a",  "a..",   "-web", "web-", "a.-b", "a-.b",
                                      "a_b", "a b",  "a;b", "$(id)", "a`b", "a\nb", "a/b",  "é",    "caf\xc3\xa9",
                                      "a\tb", "a@b", "a:b", "*",    "a*"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_false(name_ok(bad[i]));
    assert_false(ipcfg_ldh_name_valid(NULL, 0));
    assert_false(ipcfg_ldh_name_valid("ab\0c", 4));

    char label[70];
    memset(label, 'a', 64);
    label[64] = '\0';
    assert_false(name_ok(label)); /* a 64-byte label */
    label[63] = '\0';
    assert_true(name_ok(label));

    char n[260]; /* 253 bytes (63.63.63.61): the longest; with a dot 254 */
    memset(n, 'a', 253);
    n[63] = n[127] = n[191] = '.';
    n[253] = '\0';
    assert_true(name_ok(n));
    n[253] = '.';
    n[254] = '\0';
    assert_true(name_ok(n));
    n[253] = 'a';
    assert_false(name_ok(n)); /* 254 bytes without the dot */
}

/* One rule for /hostname and for the names a server sends: the model's
 * check answers as the DHCP engine's on names built from the characters
 * that matter (letters, digits, hyphen, dot, and what neither allows), of
 * every length around the limits. */
static void host_names_same_rules_as_the_engine(void **st)
{
    (void)st;
    static const char alphabet[] = "a-.0Z_ \xc3\x01";
    uint32_t x = 0x9e3779b9u;
    char s[300];
    for (int round = 0; round < 200000; round++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        size_t len = x % 24;
        if (round % 7 == 0)
            len = 240 + x % 20; /* around 253 and 254 */
        for (size_t i = 0; i < len; i++) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            /* mostly letters, so that long names stay plausible */
            s[i] = (x & 0xf) < 10 ? 'a' : alphabet[(x >> 4) % (sizeof(alphabet) - 1)];
            if (round % 7 == 0 && i % 60 == 59)
                s[i] = '.';
        }
        s[len] = '\0';
        if (ipcfg_ldh_name_valid(s, len) != ipcfg_dns_name_valid(s, len))
            fail_msg("the two name checks disagree on \"%s\" (%zu bytes)", s, len);
    }
}

static void class_ids(void **st)
{
    (void)st;
    size_t at = 99;
    assert_int_equal(ipcfg_classid_check("", 0, &at), IPCFG_CLASSID_OK);
    assert_int_equal(ipcfg_classid_check("lab", 3, &at), IPCFG_CLASSID_OK);
    assert_int_equal(ipcfg_classid_check("Lab Floor 3 (west) $x;`y`", 25, NULL), IPCFG_CLASSID_OK);
    assert_int_equal(ipcfg_classid_check("caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x98\x80", 14, &at), IPCFG_CLASSID_OK);
    assert_int_equal(ipcfg_classid_check("\xc2\xa0nbsp", 6, &at), IPCFG_CLASSID_OK); /* U+00A0 is no control */

    /* 255 bytes, counted as bytes: 127 two-byte characters and one more */
    char c[300];
    for (size_t i = 0; i < 254; i += 2) {
        c[i] = '\xc3';
        c[i + 1] = '\xa9';
    }
    c[254] = 'x';
    assert_int_equal(ipcfg_classid_check(c, 255, &at), IPCFG_CLASSID_OK);
    c[255] = 'y';
    assert_int_equal(ipcfg_classid_check(c, 256, &at), IPCFG_CLASSID_TOO_LONG);
    assert_int_equal(at, 255);
    memset(c, 'x', sizeof(c));
    assert_int_equal(ipcfg_classid_check(c, 300, NULL), IPCFG_CLASSID_TOO_LONG);

    static const struct {
        const char *s;
        size_t len, at;
        ipcfg_classid_fault f;
    } bad[] = {
        {"a\tb", 3, 1, IPCFG_CLASSID_CONTROL},      {"a\nb", 3, 1, IPCFG_CLASSID_CONTROL},
        {"\x1b[2J", 4, 0, IPCFG_CLASSID_CONTROL},   {"ab\x7f", 3, 2, IPCFG_CLASSID_CONTROL},
        {"a\0b", 3, 1, IPCFG_CLASSID_CONTROL},      {"x\xc2\x85y", 4, 1, IPCFG_CLASSID_CONTROL}, /* NEL, C1 */
        {"x\xc2\x9b", 3, 1, IPCFG_CLASSID_CONTROL}, /* CSI, C1 */
        {"a\xff", 2, 1, IPCFG_CLASSID_NOT_UTF8},    {"\xc3", 1, 0, IPCFG_CLASSID_NOT_UTF8},
        {"ab\xc0\xaf", 4, 2, IPCFG_CLASSID_NOT_UTF8}, /* overlong '/' */
        {"\xed\xa0\x80", 3, 0, IPCFG_CLASSID_NOT_UTF8}, /* a surrogate */
        {"\xf4\x90\x80\x80", 4, 0, IPCFG_CLASSID_NOT_UTF8}, /* above U+10FFFF */
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        at = 99;
        assert_int_equal(ipcfg_classid_check(bad[i].s, bad[i].len, &at), bad[i].f);
        assert_int_equal(at, bad[i].at);
    }
}

static void utf8_sequences(void **st)
{
    (void)st;
    assert_int_equal(ipcfg_utf8_seq((const unsigned char *)"a", 1), 1);
    assert_int_equal(ipcfg_utf8_seq((const unsigned char *)"", 0), 0);
    assert_int_equal(ipcfg_utf8_seq((const unsigned char *)"\xc3\xa9", 2), 2);
    assert_int_equal(ipcfg_utf8_seq((const unsigned char *)"\xc3\xa9", 1), 0); /* cut */
    assert_int_equal(ipcfg_utf8_seq((const unsigned char *)"\xe2\x9c\x93", 3), 3);
    assert_int_equal(ipcfg_utf8_seq((const unsigned char *)"\xf0\x9f\x98\x80", 4), 4);
    assert_int_equal(ipcfg_utf8_seq((const unsigned char *)"\x80", 1), 0);            /* continuation */
    assert_int_equal(ipcfg_utf8_seq((const unsigned char *)"\xc1\xbf", 2), 0);        /* overlong */
    assert_int_equal(ipcfg_utf8_seq((const unsigned char *)"\xe0\x9f\xbf", 3), 0);    /* overlong */
    assert_int_equal(ipcfg_utf8_seq((const unsigned char *)"\xf0\x8f\xbf\xbf", 4), 0); /* overlong */
    assert_int_equal(ipcfg_utf8_seq((const unsigned char *)"\xed\xbf\xbf", 3), 0);    /* surrogate */
    assert_int_equal(ipcfg_utf8_seq((const unsigned char *)"\xf5\x80\x80\x80", 4), 0);
    assert_int_equal(ipcfg_utf8_seq((const unsigned char *)"\xc3\x41", 2), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(host_names),
        cmocka_unit_test(host_names_same_rules_as_the_engine),
        cmocka_unit_test(class_ids),
        cmocka_unit_test(utf8_sequences),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
