/* Adapter-name wildcards.  SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "wildcard.h"

#define M(p, n) assert_true(ipcfg_wildcard_match(p, n))
#define NM(p, n) assert_false(ipcfg_wildcard_match(p, n))

static void whole_name_literal(void **s)
{
    (void)s;
    M("Eth", "Eth");
    NM("Eth", "Ethernet 2");
    NM("Ethernet", "Eth");
    M("ethernet 2", "Ethernet 2");
    M("ETHERNET 2", "Ethernet 2");
    NM("Ethernet 2 ", "Ethernet 2");
}

static void stars(void **s)
{
    (void)s;
    M("Local*", "Local Area Connection");
    M("Local*", "Local");
    NM("Local*", "A Local");
    M("*Con*", "Local Area Connection");
    M("*con*", "Local Area Connection 2");
    NM("*Con*", "Ethernet");
    M("a*b*c", "aXbYbZc");
    M("a*b*c", "abc");
    NM("a*b*c", "aXbYbZcd");
    M("*c", "abcabc");
    M("**a**", "a");
    M("*", "");
    M("*", "anything at all");
    M("*?", "x");
    NM("*?", "");
    M("a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaab");
    NM("a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
}

static void question_marks(void **s)
{
    (void)s;
    M("eth?", "eth0");
    NM("eth?", "eth");
    NM("eth?", "eth10");
    M("eth??", "eth10");
    M("?", "\xc3\xa9"); /* one code point, two bytes */
    NM("??", "\xc3\xa9");
    M("Wi-Fi ?", "Wi-Fi \xe2\x9c\x93"); /* U+2713, three bytes */
}

static void empty_pattern(void **s)
{
    (void)s;
    M("", "");
    NM("", "eth0");
}

static void non_ascii_case(void **s)
{
    (void)s;
    M("caf\xc3\xa9", "CAF\xc3\x89");                                                 /* é / É */
    M("\xd0\xbb\xd0\xb2\xd1\x81*", "\xd0\x9b\xd0\x92\xd0\xa1 1");                    /* лвс* / ЛВС 1 */
    M("*\xce\xb4\xce\xaf\xce\xba\xcf\x84\xcf\x85\xce\xbf", "\xce\x94\xce\xaf\xce\xba\xcf\x84\xcf\x85\xce\xbf"); /* δίκτυο */
    M("\xc5\x82*", "\xc5\x81\xc4\x85" "cze");                                            /* ł* / Łącze */
    NM("caf\xc3\xa9", "cafe");
    /* invalid UTF-8 compares as raw bytes */
    M("a\xff", "a\xff");
    NM("a\xff", "a\xfe");
    M("a?", "a\xff");
}

static void has_meta(void **s)
{
    (void)s;
    assert_true(ipcfg_wildcard_has_meta("Eth*"));
    assert_true(ipcfg_wildcard_has_meta("eth?"));
    assert_false(ipcfg_wildcard_has_meta("Ethernet 2"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(whole_name_literal), cmocka_unit_test(stars),          cmocka_unit_test(question_marks),
        cmocka_unit_test(empty_pattern),      cmocka_unit_test(non_ascii_case), cmocka_unit_test(has_meta),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
