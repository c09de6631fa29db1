/* Line ends: with a sink that asks for CR LF (Windows, ipcfg_sink.crlf)
 * every line of text on stdout and stderr ends with CR LF and is otherwise
 * the LF text byte for byte; the JSON document keeps LF; a CR of the data
 * is still shown as \x0d; and when the copy with CR LF cannot be allocated
 * the same bytes still go out, line by line.
 * SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "ipcfg/core.h"
#include "strbuf.h"

typedef struct cap {
    char text[2][65536];
    size_t len[2];
    int calls[2];
} cap;

static int capture(void *ctx, int is_err, const char *t, size_t n, ipcfg_error *err)
{
    cap *c = ctx;
    (void)err;
    c->calls[is_err]++;
    assert_true(c->len[is_err] + n < sizeof(c->text[0]));
    memcpy(c->text[is_err] + c->len[is_err], t, n);
    c->len[is_err] += n;
    c->text[is_err][c->len[is_err]] = '\0';
    return IPCFG_SINK_OK;
}

static int run(cap *c, int crlf, int argc, char **argv)
{
    memset(c, 0, sizeof(*c));
    ipcfg_sink sink = {capture, c, 0, crlf};
    return ipcfg_main(argc, argv, fixture_backend_open, &sink);
}

/* s with every LF written as CR LF */
static char *with_crlf(const char *s)
{
    char *r = malloc(strlen(s) * 2 + 1), *p = r;
    assert_non_null(r);
    for (; *s; s++) {
        if (*s == '\n')
            *p++ = '\r';
        *p++ = *s;
    }
    *p = '\0';
    return r;
}

/* Every LF of s follows a CR, and s holds no other CR. */
static void assert_crlf_only(const char *s)
{
    for (const char *p = s; *p; p++) {
        if (*p == '\n')
            assert_true(p > s && p[-1] == '\r');
        if (*p == '\r')
            assert_int_equal(p[1], '\n');
    }
}

#define ARGV(...)                                                                                                      \
    char *argv[] = {"ipcfg", __VA_ARGS__, NULL};                                                                       \
    int argc = (int)(sizeof(argv) / sizeof(argv[0])) - 1

/* The same run with LF and with CR LF: the CR LF text is the LF text with
 * each LF written as CR LF, on both streams; the exit code is the same. */
static void same_but_crlf(int argc, char **argv, int json)
{
    static cap lf, crlf;
    int rc_lf = run(&lf, 0, argc, argv);
    int rc_crlf = run(&crlf, 1, argc, argv);
    assert_int_equal(rc_lf, rc_crlf);
    assert_true(lf.len[0] + lf.len[1] > 0);
    for (int s = 0; s < 2; s++) {
        if (s == 0 && json) {
            /* the JSON document keeps LF: the same bytes */
            assert_string_equal(crlf.text[0], lf.text[0]);
            assert_null(strchr(crlf.text[0], '\r'));
            continue;
        }
        char *want = with_crlf(lf.text[s]);
        assert_string_equal(crlf.text[s], want);
        assert_crlf_only(crlf.text[s]);
        free(want);
    }
}

/* Command lines, each with whether its stdout is a JSON document. */
typedef struct line_case {
    const char *args[5];
    int json;
} line_case;

static void each_case(const line_case *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *argv[6] = {"ipcfg"};
        int argc = 1;
        for (int k = 0; c[i].args[k]; k++)
            argv[argc++] = (char *)c[i].args[k];
        argv[argc] = NULL;
        same_but_crlf(argc, argv, c[i].json);
    }
}

static void text_verbs(void **st)
{
    (void)st;
    static const line_case c[] = {
        {{NULL}, 0}, {{"/all", NULL}, 0}, {{"/addrtable", NULL}, 0}, {{"/?", NULL}, 0}, {{"/version", NULL}, 0},
    };
    each_case(c, sizeof(c) / sizeof(c[0]));
}

static void stderr_lines(void **st)
{
    (void)st;
    static const line_case c[] = {
        {{"/release", "Ethernet 2", NULL}, 0}, /* the fixture's release fails (exit 6): its line on stderr */
        {{"/bogus", NULL}, 0},                 /* the usage error and the usage, on stderr */
    };
    each_case(c, sizeof(c) / sizeof(c[0]));
}

static void json_keeps_lf(void **st)
{
    (void)st;
    static const line_case c[] = {
        {{"/all", "/json", NULL}, 1},
        /* the document on stdout keeps LF, the failure line on stderr takes CR LF */
        {{"/release", "Ethernet 2", "/json", NULL}, 1},
        {{"/bogus", "/json", NULL}, 1},
        {{"/?", "/json", NULL}, 0}, /* help is text even with /json */
    };
    each_case(c, sizeof(c) / sizeof(c[0]));
}

/* A CR inside a name stays \x0d: the only CRs are the line ends'. */
static void data_cr_escaped(void **st)
{
    (void)st;
    static cap c;
    ARGV("/add", "x\ry", "10.0.0.1", "24");
    assert_int_equal(run(&c, 1, argc, argv), IPCFG_E_STATE);
    assert_non_null(strstr(c.text[1], "\"x\\x0dy\""));
    assert_crlf_only(c.text[1]);
    assert_int_equal(c.text[1][c.len[1] - 2], '\r');
}

/* ---- allocation failures ---- */

static long g_alloc_calls, g_fail_at;
static void *(*g_plain)(void *, size_t);

static void *failing_realloc(void *p, size_t n)
{
    if (++g_alloc_calls == g_fail_at)
        return NULL;
    return realloc(p, n);
}

/* Every allocation of a CR LF run fails in turn: stdout then holds nothing
 * (the output is lost, with one notice ending in CR LF) or the whole
 * document, never a fragment; the copy with CR LF failing is one of the
 * points where the whole document still goes out (line by line). */
static void each_failure_point(int argc, char **argv)
{
    static cap want, got;
    g_plain = ipcfg_sb_realloc;
    ipcfg_sb_realloc = failing_realloc;
    g_alloc_calls = 0;
    g_fail_at = 0;
    int want_rc = run(&want, 1, argc, argv);
    long total = g_alloc_calls;
    int whole_despite_failure = 0;
    for (long n = 1; n <= total; n++) {
        g_alloc_calls = 0;
        g_fail_at = n;
        int rc = run(&got, 1, argc, argv);
        assert_crlf_only(got.text[0]);
        assert_crlf_only(got.text[1]);
        if (got.len[0] == 0) {
            assert_int_equal(rc, IPCFG_E_FAILED);
            assert_non_null(strstr(got.text[1], "Error: out of memory; the output is incomplete.\r\n"));
            continue;
        }
        assert_int_equal(got.len[0], want.len[0]);
        assert_memory_equal(got.text[0], want.text[0], want.len[0]);
        if (rc == want_rc) {
            whole_despite_failure = 1;
            assert_true(got.calls[0] > want.calls[0]); /* written line by line */
        }
    }
    ipcfg_sb_realloc = g_plain;
    assert_true(whole_despite_failure);
}

static void oom_crlf(void **st)
{
    (void)st;
    {
        ARGV("/all");
        each_failure_point(argc, argv);
    }
    {
        ARGV("/addrtable");
        each_failure_point(argc, argv);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_verbs),     cmocka_unit_test(stderr_lines), cmocka_unit_test(json_keeps_lf),
        cmocka_unit_test(data_cr_escaped), cmocka_unit_test(oom_crlf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
