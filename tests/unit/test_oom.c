/* Lost output: an allocation failure at every point of a run (the Nth
 * buffer allocation fails, later ones succeed), and a sink that cannot
 * write.  Once output is lost nothing more reaches stdout (never a headless
 * or cut-off document), one line goes to stderr, and the run exits 3: for
 * listings, JSON, the address table, usage, help and version alike.
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

/* ---- the allocation-failure seam ---- */

static long g_alloc_calls, g_fail_at; /* fail the g_fail_at-th call (1-based); 0 = never */

static void *failing_realloc(void *p, size_t n)
{
    if (++g_alloc_calls == g_fail_at)
        return NULL;
    return realloc(p, n);
}

/* ---- a sink into fixed buffers (no allocation), optionally failing ---- */

typedef struct cap {
    char text[2][65536];
    size_t len[2];
    int calls[2];
    int fail_out; /* 0, IPCFG_SINK_FAILED or IPCFG_SINK_GONE for stdout */
} cap;

static cap g_cap;

static int capture(void *ctx, int is_err, const char *t, size_t n, ipcfg_error *err)
{
    cap *c = ctx;
    c->calls[is_err]++;
    if (!is_err && c->fail_out) {
        if (c->fail_out == IPCFG_SINK_FAILED) {
            ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "No space left on device");
            ipcfg_error_sys(err, 28);
        }
        return c->fail_out;
    }
    assert_true(c->len[is_err] + n < sizeof(c->text[0]));
    memcpy(c->text[is_err] + c->len[is_err], t, n);
    c->len[is_err] += n;
    c->text[is_err][c->len[is_err]] = '\0';
    return IPCFG_SINK_OK;
}

static int run(int argc, char **argv)
{
    memset(&g_cap, 0, sizeof(g_cap));
    ipcfg_sink sink = {capture, &g_cap, 0, 0};
    return ipcfg_main(argc, argv, fixture_backend_open, &sink);
}

static const char oom_line[] = "Error: out of memory; the output is incomplete.\n";

/* Every allocation point of one command line in turn. */
static void each_failure_point(int argc, char **argv)
{
    ipcfg_sb_realloc = failing_realloc;
    g_alloc_calls = 0;
    g_fail_at = 0;
    int want_rc = run(argc, argv);
    long total = g_alloc_calls;
    cap want = g_cap;
    assert_true(total > 0);
    for (long n = 1; n <= total; n++) {
        g_alloc_calls = 0;
        g_fail_at = n;
        int rc = run(argc, argv);
        /* stdout: nothing, or exactly what a run without failure writes
         * before the failure (a whole document); never a fragment */
        if (g_cap.len[0] && (g_cap.len[0] != want.len[0] || memcmp(g_cap.text[0], want.text[0], want.len[0]) != 0))
            fail_msg("%s: allocation %ld of %ld failed: stdout holds a fragment:\n%s", argv[1] ? argv[1] : "",
                     n, total, g_cap.text[0]);
        assert_int_equal(rc, IPCFG_E_FAILED);
        assert_non_null(strstr(g_cap.text[1], oom_line));
        /* one notice, however many buffers failed */
        assert_ptr_equal(strstr(g_cap.text[1], oom_line), strstr(g_cap.text[1], "Error: out of memory"));
        assert_null(strstr(strstr(g_cap.text[1], oom_line) + 1, "Error: out of memory"));
    }
    (void)want_rc;
}

#define ARGV(...)                                                                                                      \
    char *argv[] = {"ipcfg", __VA_ARGS__, NULL};                                                                       \
    int argc = (int)(sizeof(argv) / sizeof(argv[0])) - 1

static void *(*g_plain)(void *, size_t);

static int setup(void **s)
{
    (void)s;
    g_plain = ipcfg_sb_realloc;
    return 0;
}

static int teardown(void **s)
{
    (void)s;
    ipcfg_sb_realloc = g_plain;
    return 0;
}

static void oom_all_json(void **s)
{
    (void)s;
    ARGV("/all", "/json");
    each_failure_point(argc, argv);
    ipcfg_sb_realloc = g_plain;
}

static void oom_all_text(void **s)
{
    (void)s;
    ARGV("/all");
    each_failure_point(argc, argv);
    ipcfg_sb_realloc = g_plain;
}

static void oom_addrtable(void **s)
{
    (void)s;
    {
        ARGV("/addrtable");
        each_failure_point(argc, argv);
    }
    ipcfg_sb_realloc = g_plain;
    {
        ARGV("/addrtable", "/json");
        each_failure_point(argc, argv);
    }
    ipcfg_sb_realloc = g_plain;
}

static void oom_help_version_usage(void **s)
{
    (void)s;
    {
        ARGV("/?");
        each_failure_point(argc, argv);
    }
    ipcfg_sb_realloc = g_plain;
    {
        ARGV("/version", "/json");
        each_failure_point(argc, argv);
    }
    ipcfg_sb_realloc = g_plain;
    {
        ARGV("/bogus", "/json");
        each_failure_point(argc, argv);
    }
    ipcfg_sb_realloc = g_plain;
    {
        ARGV("/renew6", "/json");
        each_failure_point(argc, argv);
    }
    ipcfg_sb_realloc = g_plain;
}

static void oom_classid(void **s)
{
    (void)s;
    {
        ARGV("/showclassid", "*");
        each_failure_point(argc, argv);
    }
    ipcfg_sb_realloc = g_plain;
    {
        ARGV("/showclassid", "*", "/json");
        each_failure_point(argc, argv);
    }
    ipcfg_sb_realloc = g_plain;
    {
        ARGV("/setclassid", "*", "lab", "/json");
        each_failure_point(argc, argv);
    }
    ipcfg_sb_realloc = g_plain;
}

/* A sink that cannot write stdout: one line on stderr, exit 3, and nothing
 * more is handed to stdout after the first failure. */
static void lost_stdout_every_verb(void **s)
{
    (void)s;
    char *lines[][4] = {{"/all", NULL}, {"/all", "/json", NULL}, {"/addrtable", NULL}, {"/version", NULL},
                        {"/?", NULL},   {"/json", NULL},         {"/bogus", "/json", NULL},
                        {"/showclassid", "*", NULL}, {"/setclassid", "VPN", NULL}};
    for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
        char *argv[6] = {"ipcfg"};
        int argc = 1;
        for (int k = 0; lines[i][k]; k++)
            argv[argc++] = lines[i][k];
        argv[argc] = NULL;
        memset(&g_cap, 0, sizeof(g_cap));
        g_cap.fail_out = IPCFG_SINK_FAILED;
        ipcfg_sink sink = {capture, &g_cap, 0, 0};
        assert_int_equal(ipcfg_main(argc, argv, fixture_backend_open, &sink), IPCFG_E_FAILED);
        assert_int_equal(g_cap.calls[0], 1);
        static const char line[] = "Error: the output could not be written: No space left on device.\n";
        /* the line first (a usage error then writes its own lines) */
        assert_memory_equal(g_cap.text[1], line, sizeof(line) - 1);
        if (strcmp(argv[1], "/bogus") != 0)
            assert_string_equal(g_cap.text[1], line);

        /* the reader went away: the same, quietly */
        memset(&g_cap, 0, sizeof(g_cap));
        g_cap.fail_out = IPCFG_SINK_GONE;
        assert_int_equal(ipcfg_main(argc, argv, fixture_backend_open, &sink), IPCFG_E_FAILED);
        assert_int_equal(g_cap.calls[0], 1);
        assert_null(strstr(g_cap.text[1], "could not be written"));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(oom_all_json, setup, teardown),
        cmocka_unit_test_setup_teardown(oom_all_text, setup, teardown),
        cmocka_unit_test_setup_teardown(oom_addrtable, setup, teardown),
        cmocka_unit_test_setup_teardown(oom_help_version_usage, setup, teardown),
        cmocka_unit_test_setup_teardown(oom_classid, setup, teardown),
        cmocka_unit_test_setup_teardown(lost_stdout_every_verb, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
