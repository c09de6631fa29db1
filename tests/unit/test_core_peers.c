/* The core's answer for adapters another DHCP client runs, over
 * a small mock backend: named -> exit 2 with one line naming the client and
 * the command the backend gives, the backend never called; unnamed ->
 * skipped with that line as a note (not a failure);
 * nothing left -> "no adapter is in the state permissible" (2); JSON
 * reason and lease.client.
 * SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "ipcfg/core.h"
#include "strbuf.h"

static ipcfg_strbuf g_out, g_err;
static int g_calls;
static const char *g_clients[3]; /* lease_client of eth0, eth1, eth2 */

static int mock_list(ipcfg_backend *b, ipcfg_host *h, ipcfg_adapter_list *out, ipcfg_error *err)
{
    (void)b;
    (void)h;
    (void)err;
    for (int i = 0; i < 3; i++) {
        ipcfg_adapter *a = ipcfg_adapters_push(out);
        ipcfg_ip ip;
        assert_non_null(a);
        char nm[8];
        snprintf(nm, sizeof nm, "eth%d", i);
        assert_int_equal(ipcfg_adapter_set_name(out, a, nm, strlen(nm)), 0);
        assert_int_equal(ipcfg_adapter_set_id(out, a, nm, strlen(nm)), 0);
        a->ifindex = (uint32_t)i + 2;
        a->media_connected = 1;
        a->dhcp_enabled = g_clients[i] ? IPCFG_YES : IPCFG_NO;
        ipcfg_copy_str(a->lease_client, sizeof a->lease_client, g_clients[i]);
        ipcfg_addr *ad = ipcfg_adapter_add_addr(a);
        assert_non_null(ad);
        ipcfg_ip4(&ip, 10, 0, (uint8_t)i, 5);
        ad->ip = ip;
        ad->prefix_len = 24;
        if (g_clients[i] && strcmp(g_clients[i], "unknown") != 0) {
            a->has_lease = 1;
            a->lease_obtained = 1000;
            a->lease_expires = 1600;
        }
    }
    return 0;
}

static void mock_op(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o)
{
    (void)b;
    (void)o;
    for (size_t i = 0; i < n; i++) {
        g_calls++;
        /* never an adapter that another client runs */
        assert_true(jobs[i].ad->lease_client[0] == '\0' || strcmp(jobs[i].ad->lease_client, "ipcfg") == 0);
        ipcfg_error_clear(&jobs[i].err);
    }
}

/* The backend's client_command: a stand-in table (the Linux one is
 * tested in tests/linux/unit/test_peers.c). */
static void mock_command(const ipcfg_adapter *a, int release, char *buf, size_t len)
{
    if (strcmp(a->lease_client, "dhcpcd") == 0)
        snprintf(buf, len, "dhcpcd %s %s", release ? "-k" : "-n", a->name);
    else if (strcmp(a->lease_client, "dhclient") == 0)
        snprintf(buf, len, release ? "dhclient -r %s" : "dhclient -r %s && dhclient %s", a->name, a->name);
}

static int mock_open(ipcfg_backend *b, ipcfg_error *err)
{
    (void)err;
    memset(b, 0, sizeof(*b));
    b->title = "Test IP Configuration";
    b->platform = "test";
    b->list = mock_list;
    b->release = mock_op;
    b->renew = mock_op;
    b->client_command = mock_command;
    return 0;
}

static int collect(void *ctx, int is_err, const char *t, size_t n, ipcfg_error *err)
{
    (void)ctx;
    (void)err;
    ipcfg_sb_putn(is_err ? &g_err : &g_out, t, n);
    return IPCFG_SINK_OK;
}

static int run_v(const char *a0, ...)
{
    char *argv[8];
    int argc = 0;
    argv[argc++] = "ipcfg";
    va_list ap;
    va_start(ap, a0);
    for (const char *a = a0; a && argc < 7; a = va_arg(ap, const char *))
        argv[argc++] = (char *)a;
    va_end(ap);
    argv[argc] = NULL;
    ipcfg_sb_reset(&g_out);
    ipcfg_sb_reset(&g_err);
    g_calls = 0;
    ipcfg_sink sink = {collect, NULL, 0, 0};
    return ipcfg_main(argc, argv, mock_open, &sink);
}
#define RUN(...) run_v(__VA_ARGS__, (const char *)NULL)
#define OUT ipcfg_sb_str(&g_out)
#define ERR ipcfg_sb_str(&g_err)

static int setup(void **s)
{
    (void)s;
    g_clients[0] = g_clients[1] = g_clients[2] = NULL;
    return 0;
}

static void named_is_refused(void **s)
{
    (void)s;
    static const struct {
        const char *client, *renew, *release;
    } cases[] = {
        {"dhcpcd", "Adapter eth1 is run by dhcpcd; use \"dhcpcd -n eth1\" instead.\n",
         "Adapter eth1 is run by dhcpcd; use \"dhcpcd -k eth1\" instead.\n"},
        {"NetworkManager", /* no command from the backend */
         "Adapter eth1 is run by NetworkManager; use that client instead.\n",
         "Adapter eth1 is run by NetworkManager; use that client instead.\n"},
        {"dhclient", "Adapter eth1 is run by dhclient; use \"dhclient -r eth1 && dhclient eth1\" instead.\n",
         "Adapter eth1 is run by dhclient; use \"dhclient -r eth1\" instead.\n"},
        {"unknown",
         "Adapter eth1 is run by another DHCP client (its IPv4 address has a lifetime); use that client instead.\n",
         "Adapter eth1 is run by another DHCP client (its IPv4 address has a lifetime); use that client instead.\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        g_clients[1] = cases[i].client;
        assert_int_equal(RUN("/renew", "eth1"), 2);
        assert_string_equal(ERR, cases[i].renew);
        assert_int_equal(g_calls, 0);
        assert_int_equal(RUN("/release", "eth1"), 2);
        assert_string_equal(ERR, cases[i].release);
        assert_int_equal(g_calls, 0);
    }
}

static void unnamed_skips(void **s)
{
    (void)s;
    g_clients[0] = "ipcfg";
    g_clients[1] = "dhcpcd";
    assert_int_equal(RUN("/renew"), 0);
    assert_int_equal(g_calls, 1); /* eth0 only */
    assert_string_equal(ERR, "Adapter eth1 is run by dhcpcd; use \"dhcpcd -n eth1\" instead.\n");
    /* nothing left to act on: the contract's exit 2 */
    g_clients[0] = NULL;
    assert_int_equal(RUN("/release"), 2);
    assert_int_equal(g_calls, 0);
    assert_string_equal(ERR, "Adapter eth1 is run by dhcpcd; use \"dhcpcd -k eth1\" instead.\n"
                             "The operation failed as no adapter is in the state permissible for this operation.\n");
    /* wildcards name them too: refused, the rest acted on */
    g_clients[0] = "ipcfg";
    assert_int_equal(RUN("/renew", "eth*"), 2);
    assert_int_equal(g_calls, 1);
    assert_non_null(strstr(ERR, "Adapter eth1 is run by dhcpcd"));
}

static void json_names_client(void **s)
{
    (void)s;
    g_clients[1] = "dhcpcd";
    assert_int_equal(RUN("/renew", "eth1", "/json"), 2);
    assert_non_null(strstr(OUT, "\"reason\": \"other_dhcp_client\""));
    assert_non_null(strstr(OUT, "\"exit_code\": 2"));
    assert_non_null(strstr(OUT, "\"client\": \"dhcpcd\""));
    assert_int_equal(RUN("/all", "/json"), 0);
    assert_non_null(strstr(OUT, "\"client\": \"dhcpcd\""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(named_is_refused, setup),
        cmocka_unit_test_setup(unnamed_skips, setup),
        cmocka_unit_test_setup(json_names_client, setup),
    };
    int r = cmocka_run_group_tests(tests, NULL, NULL);
    ipcfg_sb_free(&g_out);
    ipcfg_sb_free(&g_err);
    return r;
}
