/* ipcfg — unit tests of the resolv.conf parser (src/linux/resolvconf.c).
 * SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "command/resolvconf.h"

static ipcfg_resolv rc;

/* Parses a heap copy of exactly strlen(s) bytes (no NUL for the parser to
 * lean on). */
static void parse(const char *s)
{
    size_t n = strlen(s);
    char *m = malloc(n ? n : 1);
    assert_non_null(m);
    memcpy(m, s, n);
    ipcfg_resolv_parse(m, n, &rc);
    free(m);
}

static void test_empty(void **state)
{
    (void)state;
    parse("");
    assert_string_equal(rc.domain, "");
    assert_int_equal(rc.n_search, 0);
    ipcfg_resolv_parse(NULL, 0, &rc);
    assert_int_equal(rc.n_search, 0);
    parse("nameserver 10.0.0.1\noptions ndots:2\n");
    assert_string_equal(rc.domain, "");
    assert_int_equal(rc.n_search, 0);
}

static void test_domain(void **state)
{
    (void)state;
    parse("nameserver 10.0.0.1\ndomain corp.example.com\n");
    assert_string_equal(rc.domain, "corp.example.com");
    assert_int_equal(rc.n_search, 1);
    assert_string_equal(rc.search[0], "corp.example.com");
    /* Tabs, CRLF, trailing words, no final newline. */
    parse("domain\t  lab.example  ignored\r\n");
    assert_string_equal(rc.domain, "lab.example");
    parse("domain x.example");
    assert_string_equal(rc.domain, "x.example");
}

static void test_search(void **state)
{
    (void)state;
    parse("search a.example b.example\tc.example\n");
    assert_string_equal(rc.domain, "");
    assert_int_equal(rc.n_search, 3);
    assert_string_equal(rc.search[0], "a.example");
    assert_string_equal(rc.search[1], "b.example");
    assert_string_equal(rc.search[2], "c.example");
}

static void test_last_wins(void **state)
{
    (void)state;
    parse("domain d.example\nsearch s1.example s2.example\n");
    assert_string_equal(rc.domain, "");
    assert_int_equal(rc.n_search, 2);
    assert_string_equal(rc.search[0], "s1.example");
    parse("search s1.example s2.example\ndomain d.example\n");
    assert_string_equal(rc.domain, "d.example");
    assert_int_equal(rc.n_search, 1);
    assert_string_equal(rc.search[0], "d.example");
    parse("search one.example\nsearch two.example\n");
    assert_int_equal(rc.n_search, 1);
    assert_string_equal(rc.search[0], "two.example");
    /* An empty search line changes nothing. */
    parse("search one.example\nsearch   \n");
    assert_int_equal(rc.n_search, 1);
    assert_string_equal(rc.search[0], "one.example");
}

static void test_comments_and_keywords(void **state)
{
    (void)state;
    parse("# domain commented.example\n; search semi.example\n  domain indented.example\n"
          "domainx bad.example\nsearch\n");
    assert_string_equal(rc.domain, "");
    assert_int_equal(rc.n_search, 0);
    parse("search good.example\n#search bad.example\n");
    assert_int_equal(rc.n_search, 1);
    assert_string_equal(rc.search[0], "good.example");
}

static void test_limits(void **state)
{
    char buf[8192], name[400];
    size_t i, n = 0;
    (void)state;

    n += (size_t)snprintf(buf + n, sizeof(buf) - n, "search");
    for (i = 0; i < IPCFG_SEARCH_MAX + 5; i++)
        n += (size_t)snprintf(buf + n, sizeof(buf) - n, " d%zu.example", i);
    buf[n++] = '\n';
    buf[n] = '\0';
    parse(buf);
    assert_int_equal(rc.n_search, IPCFG_SEARCH_MAX);
    assert_string_equal(rc.search[0], "d0.example");
    assert_string_equal(rc.search[IPCFG_SEARCH_MAX - 1], "d15.example");

    /* A name too long for the model is skipped, not truncated. */
    memset(name, 'a', sizeof(name) - 1);
    name[sizeof(name) - 1] = '\0';
    snprintf(buf, sizeof(buf), "search %s ok.example\ndomain %s\n", name, name);
    parse(buf);
    assert_string_equal(rc.domain, "");
    assert_int_equal(rc.n_search, 1);
    assert_string_equal(rc.search[0], "ok.example");

    /* Exactly IPCFG_NAME_MAX - 1 bytes fits. */
    memset(name, 'b', IPCFG_NAME_MAX - 1);
    name[IPCFG_NAME_MAX - 1] = '\0';
    snprintf(buf, sizeof(buf), "domain %s\n", name);
    parse(buf);
    assert_int_equal(strlen(rc.domain), IPCFG_NAME_MAX - 1);
}

static void test_control_bytes(void **state)
{
    static const char in[] = "search a\x01.example b.example\ndomain c\0d.example\n";
    (void)state;
    ipcfg_resolv_parse(in, sizeof(in) - 1, &rc);
    /* The domain line's only word holds a NUL: ignored, the search wins. */
    assert_string_equal(rc.domain, "");
    assert_int_equal(rc.n_search, 1);
    assert_string_equal(rc.search[0], "b.example");
}

/* Past the limit only complete lines count: never a cut word. */
static void test_whole_lines(void **state)
{
    (void)state;
    const char *t = "search a\nsearch example.com\n";
    size_t n = strlen(t);
    assert_int_equal(ipcfg_resolv_whole_lines(t, n, n), n);
    assert_int_equal(ipcfg_resolv_whole_lines(t, n, n + 10), n);
    assert_int_equal(ipcfg_resolv_whole_lines(t, n, 12), 9); /* "search exa" would straddle */
    assert_int_equal(ipcfg_resolv_whole_lines(t, n, 9), 9);
    assert_int_equal(ipcfg_resolv_whole_lines(t, n, 8), 0);
    assert_int_equal(ipcfg_resolv_whole_lines(t, n, 0), 0);
    ipcfg_resolv_parse(t, ipcfg_resolv_whole_lines(t, n, 20), &rc);
    assert_int_equal(rc.n_search, 1);
    assert_string_equal(rc.search[0], "a");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_whole_lines),
        cmocka_unit_test(test_domain),
        cmocka_unit_test(test_search),
        cmocka_unit_test(test_last_wins),
        cmocka_unit_test(test_comments_and_keywords),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_control_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
