/* The core over a mock backend (CMocka will_return/mock): selection,
 * skipped adapters, per-adapter failures, exit-code precedence.
 * SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "ipcfg/core.h"
#include "strbuf.h"

/* ---- the mock backend ---- */

static ipcfg_adapter_list g_model;
static ipcfg_strbuf g_out, g_err;

static int mock_list(ipcfg_backend *b, ipcfg_host *h, ipcfg_adapter_list *out, ipcfg_error *err)
{
    (void)b;
    int st = mock_type(int);
    if (st) {
        ipcfg_error_set(err, (ipcfg_status)st, st == IPCFG_E_ACCESS ? IPCFG_R_ELEVATION : IPCFG_R_SYSTEM,
                        "listing failed");
        return st;
    }
    if (h) {
        ipcfg_adapter_list unused = {0};
        fixture_model(h, &unused); /* the host block only; adapters below */
        ipcfg_adapters_free(&unused);
    }
    for (size_t i = 0; i < g_model.n; i++) {
        ipcfg_adapter *a = ipcfg_adapters_push(out);
        assert_non_null(a);
        assert_int_equal(ipcfg_adapter_copy(a, &g_model.items[i]), 0);
    }
    return 0;
}

/* An operation's result: status and reason from the test's queue. */
static int op_result(const char *name, ipcfg_error *err)
{
    check_expected(name);
    int st = mock_type(int);
    if (st) {
        ipcfg_reason r = mock_type(int);
        ipcfg_error_set(err, (ipcfg_status)st, r, "system text %d", st);
        ipcfg_error_sys(err, 1000 + st);
    }
    return st;
}

/* The /hostname a release or renew was handed (-1: none was called) */
static int g_seen_hostname_set = -1;
static const char *g_seen_hostname;

static void seen(const ipcfg_op_opts *o)
{
    g_seen_hostname_set = o->hostname_set;
    g_seen_hostname = o->hostname;
}

static void mock_release(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o)
{
    (void)b;
    seen(o);
    for (size_t i = 0; i < n; i++)
        op_result(jobs[i].ad->name, &jobs[i].err);
}

static const char *g_note; /* a success's note from the backend, or NULL */

static void mock_renew(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o)
{
    (void)b;
    seen(o);
    for (size_t i = 0; i < n; i++) {
        check_expected(o->timeout_s);
        if (op_result(jobs[i].ad->name, &jobs[i].err) == 0 && g_note != NULL)
            ipcfg_copy_str(jobs[i].err.text, sizeof(jobs[i].err.text), g_note);
    }
}

static int mock_add(ipcfg_backend *b, const ipcfg_adapter *ad, const ipcfg_ip *addr, unsigned prefix,
                    uint32_t *context, int *has_context, ipcfg_error *err)
{
    (void)b;
    (void)addr;
    check_expected(prefix);
    *context = 77;
    *has_context = 1;
    const char *name = ad->name;
    return op_result(name, err);
}

static int mock_delete(ipcfg_backend *b, const ipcfg_delete_target *t, ipcfg_error *err)
{
    (void)b;
    const char *name = t->by_context ? "context" : "address";
    return op_result(name, err);
}

static int g_no_release, g_open_fails, g_renew_obtains, g_check, g_case_sensitive, g_gone;

/* A name no adapter has: the queue says 0 (nothing held under it), 1
 * (withdrawn: the note in err.text) or a failure status. */
static int mock_release_gone(ipcfg_backend *b, const char *name, const ipcfg_op_opts *o, ipcfg_error *err)
{
    (void)b;
    (void)o;
    check_expected(name);
    int st = mock_type(int);
    if (st == 1)
        ipcfg_error_set(err, IPCFG_OK, IPCFG_R_NONE, "Adapter %s no longer exists: withdrawn.", name);
    else if (st > 1)
        ipcfg_error_set(err, (ipcfg_status)st, IPCFG_R_SYSTEM, "could not withdraw");
    return st > 1 ? -1 : st;
}

/* /flushdns: g_flush is the status the mock answers (0: flushed
 * "test-cache"; 3: after one flushed); /displaydns: always 6 */
static int g_flush;

static int mock_flush_dns(ipcfg_backend *b, ipcfg_dns_flush *out, ipcfg_error *err)
{
    (void)b;
    function_called();
    out->n = 0;
    if (g_flush == 0 || g_flush == IPCFG_E_FAILED)
        out->caches[out->n++] = "test-cache";
    if (g_flush == IPCFG_E_ACCESS)
        ipcfg_error_set(err, IPCFG_E_ACCESS, IPCFG_R_ELEVATION, "The requested operation requires elevation (root).");
    else if (g_flush == IPCFG_E_NOTSUP)
        ipcfg_error_set(err, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP, "No DNS cache runs on this host.");
    else if (g_flush != 0)
        ipcfg_error_set(err, (ipcfg_status)g_flush, IPCFG_R_SYSTEM, "Could not flush the DNS Resolver Cache: boom.");
    return g_flush;
}

static int mock_display_dns(ipcfg_backend *b, ipcfg_error *err)
{
    (void)b;
    ipcfg_error_set(err, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP, "/displaydns is not supported: the test says why.");
    return IPCFG_E_NOTSUP;
}

/* The DHCP client's own verbs.  g_no_client: the operations left NULL;
 * g_why: not_supported answers (else NULL, the core's line);
 * g_sends_hostname: sends_hostname. */
static int g_no_client, g_why, g_sends_hostname;

/* /registerdns: each job as renew's (a DHCPv6 job's name checked as
 * "NAME/6"), the /hostname it was handed checked */
static void mock_register_dns(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o)
{
    (void)b;
    for (size_t i = 0; i < n; i++) {
        char name[IPCFG_ADAPTER_NAME_MAX + 8];
        check_expected(o->hostname_set);
        if (o->hostname_set)
            check_expected(o->hostname);
        snprintf(name, sizeof(name), "%s%s", jobs[i].ad->name, jobs[i].family == IPCFG_AF_INET6 ? "/6" : "");
        if (op_result(name, &jobs[i].err) == 0 && g_note != NULL)
            ipcfg_copy_str(jobs[i].err.text, sizeof(jobs[i].err.text), g_note);
    }
}

/* /showclassid: the class the queue says ("" none) or, for NULL, a
 * failure of the queue's status */
static int mock_show_classid(ipcfg_backend *b, const ipcfg_adapter *ad, char *out, size_t cap, ipcfg_error *err)
{
    (void)b;
    check_expected(ad->name);
    assert_true(cap >= IPCFG_CLASSID_MAX + 1);
    const char *cls = mock_ptr_type(const char *);
    if (cls == NULL) {
        int st = mock_type(int);
        ipcfg_error_set(err, (ipcfg_status)st, IPCFG_R_SYSTEM, "the store says no");
        return st;
    }
    snprintf(out, cap, "%s", cls);
    return 0;
}

static int mock_set_classid(ipcfg_backend *b, const ipcfg_adapter *ad, const char *classid, ipcfg_error *err)
{
    (void)b;
    check_expected(classid);
    return op_result(ad->name, err);
}

static void mock_not_supported(ipcfg_backend *b, ipcfg_client_op op, ipcfg_error *err)
{
    (void)b;
    ipcfg_error_set(err, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP, "not here: the test says why (%d).", (int)op);
}

/* The privilege check: g_check 1 = allowed, 2 = denied (0: no check_change). */
static int mock_check(ipcfg_backend *b, int dhcp, ipcfg_error *err)
{
    (void)b;
    check_expected(dhcp);
    if (g_check == 1)
        return 0;
    ipcfg_error_set(err, IPCFG_E_ACCESS, IPCFG_R_ELEVATION, "The requested operation requires elevation.");
    return IPCFG_E_ACCESS;
}

static int g_v6; /* the backend has a DHCPv6 client (release6, renew6) */

/* release6 and renew6: every job is a DHCPv6 one */
static void mock_dhcp6(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o)
{
    (void)b;
    (void)o;
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(jobs[i].family, IPCFG_AF_INET6);
        op_result(jobs[i].ad->name, &jobs[i].err);
    }
}

static int mock_open(ipcfg_backend *b, ipcfg_error *err)
{
    function_called();
    if (g_open_fails) {
        ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "cannot load the platform library");
        return IPCFG_E_FAILED;
    }
    memset(b, 0, sizeof(*b));
    b->title = "Test IP Configuration";
    b->platform = "test";
    b->list = mock_list;
    b->release = g_no_release ? NULL : mock_release;
    b->renew = g_no_release ? NULL : mock_renew;
    b->release6 = g_v6 ? mock_dhcp6 : NULL;
    b->renew6 = g_v6 ? mock_dhcp6 : NULL;
    b->renew_obtains = g_renew_obtains;
    b->names_case_sensitive = g_case_sensitive;
    b->add_address = mock_add;
    b->delete_address = mock_delete;
    b->check_change = g_check ? mock_check : NULL;
    b->release_gone = g_gone ? mock_release_gone : NULL;
    b->flush_dns = g_no_release ? NULL : mock_flush_dns;
    b->display_dns = g_no_release ? NULL : mock_display_dns;
    b->register_dns = g_no_client ? NULL : mock_register_dns;
    b->show_classid = g_no_client ? NULL : mock_show_classid;
    b->set_classid = g_no_client ? NULL : mock_set_classid;
    b->sends_hostname = g_sends_hostname;
    b->not_supported = g_why ? mock_not_supported : NULL;
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
    char *argv[16];
    int argc = 0;
    argv[argc++] = "ipcfg";
    va_list ap;
    va_start(ap, a0);
    for (const char *a = a0; a && argc < 15; a = va_arg(ap, const char *))
        argv[argc++] = (char *)a;
    va_end(ap);
    argv[argc] = NULL;
    ipcfg_sb_reset(&g_out);
    ipcfg_sb_reset(&g_err);
    ipcfg_sink sink = {collect, NULL, 0, 0};
    return ipcfg_main(argc, argv, mock_open, &sink);
}
#define RUN(...) run_v(__VA_ARGS__, (const char *)NULL)
#define OUT ipcfg_sb_str(&g_out)
#define ERR ipcfg_sb_str(&g_err)

static int setup(void **s)
{
    (void)s;
    memset(&g_model, 0, sizeof(g_model));
    fixture_model(NULL, &g_model);
    g_no_release = 0;
    g_v6 = 0;
    g_open_fails = 0;
    g_renew_obtains = 0;
    g_note = NULL;
    g_check = 0;
    g_case_sensitive = 0;
    g_gone = 1;
    g_flush = 0;
    g_no_client = 0;
    g_why = 0;
    g_sends_hostname = 1;
    g_seen_hostname_set = -1;
    g_seen_hostname = NULL;
    return 0;
}

static int teardown(void **s)
{
    (void)s;
    ipcfg_adapters_free(&g_model);
    return 0;
}

static ipcfg_adapter *model_adapter(const char *name)
{
    for (size_t i = 0; i < g_model.n; i++)
        if (strcmp(g_model.items[i].name, name) == 0)
            return &g_model.items[i];
    fail_msg("no adapter %s", name);
    return NULL;
}

/* A second connected DHCP adapter, for multi-adapter runs. */
static void add_dhcp_adapter(const char *name, const char *id)
{
    ipcfg_adapter *a = ipcfg_adapters_push(&g_model);
    assert_int_equal(ipcfg_adapter_set_name(&g_model, a, name, strlen(name)), 0);
    assert_int_equal(ipcfg_adapter_set_id(&g_model, a, id, strlen(id)), 0);
    a->type = IPCFG_IF_ETHERNET;
    a->media_connected = 1;
    a->dhcp_enabled = IPCFG_YES;
    ipcfg_addr *ad = ipcfg_adapter_add_addr(a);
    ipcfg_ip4(&ad->ip, 10, 9, 9, 9);
    ad->prefix_len = 24;
}

/* ---- tests ---- */

static void usage_error_opens_no_backend(void **s)
{
    (void)s;
    assert_int_equal(RUN("/bogus"), 1);
    assert_true(strncmp(ERR, "Error: unrecognized or incomplete command line.\n", 48) == 0);
    assert_non_null(strstr(ERR, "USAGE:"));
    assert_string_equal(OUT, "");
    assert_int_equal(RUN("/add", "eth0", "10.0.0.300", "24"), 1);
    assert_string_equal(ERR, "Error: \"10.0.0.300\" is not a valid IPv4 address.\n");
    /* with /json a document on stdout as well */
    assert_int_equal(RUN("/a", "/json"), 1);
    assert_non_null(strstr(OUT, "\"exit_code\": 1"));
}

static void help_and_version(void **s)
{
    (void)s;
    assert_int_equal(RUN("/?"), 0);
    assert_non_null(strstr(OUT, "USAGE:"));
    assert_string_equal(ERR, "");
    assert_int_equal(RUN("--version"), 0);
    assert_true(strncmp(OUT, "ipcfg ", 6) == 0);
    assert_int_equal(RUN("/version", "/json"), 0);
    assert_non_null(strstr(OUT, "\"command\": \"version\""));
    assert_non_null(strstr(OUT, "\"exit_code\": 0"));
}

static void listing_drops_loopback(void **s)
{
    (void)s;
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    assert_int_equal(RUN("/all"), 0);
    assert_null(strstr(OUT, "Loopback"));
    assert_non_null(strstr(OUT, "\nEthernet adapter Ethernet 2:\n"));
    assert_non_null(strstr(OUT, "\nTunnel adapter Local Area Connection* 3:\n"));
    assert_true(strncmp(OUT, "\nTest IP Configuration\n\n", 24) == 0);
}

static void listing_failure_exit_code(void **s)
{
    (void)s;
    expect_function_call(mock_open);
    will_return(mock_list, IPCFG_E_ACCESS);
    assert_int_equal(RUN("/all"), 4);
    assert_string_equal(ERR, "listing failed\n");
    expect_function_call(mock_open);
    will_return(mock_list, IPCFG_E_FAILED);
    assert_int_equal(run_v(NULL), 3);
    assert_string_equal(ERR, "Error: listing failed\n");
}

static void release_all_dhcp_adapters(void **s)
{
    (void)s;
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    expect_string(op_result, name, "Ethernet 2");
    will_return(op_result, 0);
    will_return(mock_list, 0); /* the listing after the operation */
    assert_int_equal(RUN("/release"), 0);
    /* the disconnected DHCP adapter is noted; the static one skipped silently */
    assert_string_equal(ERR, "No operation can be performed on Wi-Fi Caf\xc3\xa9 \xe2\x9c\x93 while it has its media "
                             "disconnected.\n");
    assert_non_null(strstr(OUT, "\nEthernet adapter Ethernet 2:\n"));
    assert_null(strstr(OUT, "Local Area"));
}

static void release_named_static(void **s)
{
    (void)s;
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    assert_int_equal(RUN("/release", "Local*"), 2);
    assert_string_equal(ERR, "Adapter Local Area Connection* 3 is not enabled for Dhcp.\n");
}

/* A /renew of the one adapter name, without /timeout: the backend is
 * asked once and answers status (with reason when it is a failure); the
 * listing after it is read. */
static void expect_one_renew(const char *name, int status, int reason)
{
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    expect_value(mock_renew, o->timeout_s, 0);
    expect_string(op_result, name, name);
    will_return(op_result, status);
    if (status)
        will_return(op_result, reason);
    will_return(mock_list, 0);
}

/* Where the platform starts DHCP with /renew (Linux), a named adapter
 * without DHCP is asked for a lease; /release of it, and /renew with no
 * name, still leave it alone. */
static void renew_named_static_obtains(void **s)
{
    (void)s;
    g_renew_obtains = 1;
    expect_one_renew("Local Area Connection* 3", 0, 0);
    assert_int_equal(RUN("/renew", "Local*"), 0);
    assert_string_equal(ERR, "");
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    assert_int_equal(RUN("/release", "Local*"), 2);
    assert_string_equal(ERR, "Adapter Local Area Connection* 3 is not enabled for Dhcp.\n");
}

/* A success may carry a note (the Linux backend: a lease file it ignored):
 * one line on stderr, escaped like all output, exit 0; backends never
 * print it themselves. */
static void renew_success_with_note(void **s)
{
    (void)s;
    g_note = "The lease file /st\x1b[2J/eth.lease is corrupt or truncated (line 1); it is ignored.";
    expect_one_renew("Ethernet 2", 0, 0);
    assert_int_equal(RUN("/renew", "Ethernet 2"), 0);
    assert_string_equal(ERR, "The lease file /st\\x1b[2J/eth.lease is corrupt or truncated (line 1); it is ignored.\n");
    assert_non_null(strstr(OUT, "Ethernet adapter Ethernet 2:"));
}

static void renew_named_disconnected(void **s)
{
    (void)s;
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    assert_int_equal(RUN("/renew", "wi-fi*"), 2);
    assert_string_equal(ERR, "No operation can be performed on Wi-Fi Caf\xc3\xa9 \xe2\x9c\x93 while it has its media "
                             "disconnected.\n");
}

/* A link that is up but has no carrier yet (media_pending: carrier is
 * still being negotiated) goes to the backend's renew, which waits for it
 * a moment; the backend's "media disconnected" then reads exactly as the
 * core's own.  /release does not wait. */
static void renew_waits_for_pending_media(void **s)
{
    (void)s;
    model_adapter("Wi-Fi Caf\xc3\xa9 \xe2\x9c\x93")->media_pending = 1;
    expect_one_renew("Wi-Fi Caf\xc3\xa9 \xe2\x9c\x93", IPCFG_E_STATE, IPCFG_R_MEDIA_DISCONNECTED);
    assert_int_equal(RUN("/renew", "wi-fi*"), 2);
    assert_string_equal(ERR, "No operation can be performed on Wi-Fi Caf\xc3\xa9 \xe2\x9c\x93 while it has its media "
                             "disconnected.\n");
    assert_null(strstr(OUT, "adapter Wi-Fi"));
    /* the carrier came: renewed */
    expect_one_renew("Wi-Fi Caf\xc3\xa9 \xe2\x9c\x93", 0, 0);
    assert_int_equal(RUN("/renew", "wi-fi*"), 0);
    assert_string_equal(ERR, "");
    /* /release: disconnected at once */
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    assert_int_equal(RUN("/release", "wi-fi*"), 2);
    assert_non_null(strstr(ERR, "media disconnected"));
}

static void no_match_is_not_permissible(void **s)
{
    (void)s;
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    assert_int_equal(RUN("/renew", "Eth"), 2); /* whole-name match: "Eth" is not "Ethernet 2" */
    assert_string_equal(ERR, "The operation failed as no adapter is in the state permissible for this operation.\n");
}

/* The run of a /release of "c2", which no adapter has: the backend's
 * answer for it. */
static void expect_gone(int answer)
{
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    expect_string(mock_release_gone, name, "c2");
    will_return(mock_release_gone, answer);
}

/* /release of a literal name that no adapter has: the backend withdraws
 * what it still holds under it (an interface deleted or renamed); only
 * that verb, only a name without wildcards. */
static void release_gone_name(void **s)
{
    (void)s;
    expect_gone(1);
    assert_int_equal(RUN("/release", "c2"), 0);
    assert_string_equal(ERR, "Adapter c2 no longer exists: withdrawn.\n");
    assert_string_equal(OUT, "\nTest IP Configuration\n\n");
    expect_gone(1);
    assert_int_equal(RUN("/release", "c2", "/json"), 0);
    assert_non_null(strstr(OUT, "\"adapter\": \"c2\",\n      \"result\": \"ok\""));
    assert_non_null(strstr(OUT, "\"state\": null"));
    assert_non_null(strstr(OUT, "\"exit_code\": 0,\n  \"error\": null"));
    /* nothing held under it: the usual answer */
    expect_gone(0);
    assert_int_equal(RUN("/release", "c2"), 2);
    assert_string_equal(ERR, "The operation failed as no adapter is in the state permissible for this operation.\n");
    /* a failure is the name's */
    expect_gone(IPCFG_E_TIMEOUT);
    assert_int_equal(RUN("/release", "c2"), 5);
    assert_string_equal(ERR, "An error occurred while releasing interface c2 : could not withdraw\n");
    /* never for a wildcard, /renew, or a name an adapter has */
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    assert_int_equal(RUN("/release", "c*"), 2);
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    assert_int_equal(RUN("/renew", "c2"), 2);
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    expect_string(op_result, name, "Ethernet 2");
    will_return(op_result, 0);
    will_return(mock_list, 0); /* the listing after the operation */
    assert_int_equal(RUN("/release", "Ethernet 2"), 0);
}

static void already_released_is_skipped(void **s)
{
    (void)s;
    ipcfg_adapter *a = model_adapter("Ethernet 2");
    for (size_t i = 0; i < a->n_addrs; i++)
        if (a->addrs[i].ip.family == IPCFG_AF_INET4)
            memset(a->addrs[i].ip.bytes, 0, 4);
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    assert_int_equal(RUN("/release", "Ethernet 2"), 2);
    assert_string_equal(ERR, "The operation failed as no adapter is in the state permissible for this operation.\n");
}

static void first_failure_in_output_order(void **s)
{
    (void)s;
    add_dhcp_adapter("Ethernet 3", "{3}");
    add_dhcp_adapter("Ethernet 4", "{4}");
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    expect_value(mock_renew, o->timeout_s, 9);
    expect_string(op_result, name, "Ethernet 2");
    will_return(op_result, 0);
    expect_value(mock_renew, o->timeout_s, 9);
    expect_string(op_result, name, "Ethernet 3");
    will_return(op_result, IPCFG_E_TIMEOUT);
    will_return(op_result, IPCFG_R_DHCP_TIMEOUT);
    expect_value(mock_renew, o->timeout_s, 9);
    expect_string(op_result, name, "Ethernet 4");
    will_return(op_result, IPCFG_E_FAILED);
    will_return(op_result, IPCFG_R_SYSTEM);
    will_return(mock_list, 0);
    assert_int_equal(RUN("/renew", "eth*", "/timeout:9"), 5);
    assert_string_equal(ERR, "An error occurred while renewing interface Ethernet 3 : unable to contact your DHCP "
                             "server. Request has timed out.\n"
                             "An error occurred while renewing interface Ethernet 4 : system text 3\n");
    assert_non_null(strstr(OUT, "Ethernet adapter Ethernet 2:"));
    assert_null(strstr(OUT, "Ethernet adapter Ethernet 3:"));
}

static void each_exit_code_propagates(void **s)
{
    (void)s;
    static const struct {
        int st;
        ipcfg_reason r;
        const char *line;
    } cases[] = {
        {IPCFG_E_STATE, IPCFG_R_NO_ADAPTER_PERMISSIBLE,
         "The operation failed as no adapter is in the state permissible for this operation.\n"},
        {IPCFG_E_FAILED, IPCFG_R_SYSTEM, "An error occurred while releasing interface Ethernet 2 : system text 3\n"},
        {IPCFG_E_ACCESS, IPCFG_R_ELEVATION, "system text 4\n"},
        {IPCFG_E_TIMEOUT, IPCFG_R_DHCP_TIMEOUT,
         "An error occurred while renewing interface Ethernet 2 : unable to contact your DHCP server. Request has "
         "timed out.\n"},
        {IPCFG_E_NOTSUP, IPCFG_R_NOTSUP, "An error occurred while releasing interface Ethernet 2 : system text 6\n"},
        {IPCFG_E_CONFLICT, IPCFG_R_SYSTEM, "An error occurred while releasing interface Ethernet 2 : system text 7\n"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        expect_function_call(mock_open);
        will_return(mock_list, 0);
        expect_string(op_result, name, "Ethernet 2");
        will_return(op_result, cases[i].st);
        will_return(op_result, cases[i].r);
        will_return(mock_list, 0);
        assert_int_equal(RUN("/release", "Ethernet 2"), cases[i].st);
        assert_string_equal(ERR, cases[i].line);
    }
}

static void missing_backend_op_is_not_supported(void **s)
{
    (void)s;
    g_no_release = 1;
    expect_function_call(mock_open);
    assert_int_equal(RUN("/renew"), 6);
    assert_string_equal(ERR, "Error: DHCP renew is not supported on this platform yet.\n");
}

/* A backend with a DHCPv6 client gets /release6 and /renew6 as jobs of
 * family IPCFG_AF_INET6, selected and reported as /release and /renew are
 * (the IPv4 release's "already released" skip is the backend's to say). */
static void ipv6_verbs_reach_a_dhcp6_backend(void **s)
{
    (void)s;
    g_v6 = 1;
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    expect_string(op_result, name, "Ethernet 2");
    will_return(op_result, 0);
    will_return(mock_list, 0);
    assert_int_equal(RUN("/renew6", "Ethernet 2"), 0);
    assert_non_null(strstr(OUT, "\nEthernet adapter Ethernet 2:\n"));
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    expect_string(op_result, name, "Ethernet 2");
    will_return(op_result, IPCFG_E_FAILED);
    will_return(op_result, IPCFG_R_SYSTEM);
    will_return(mock_list, 0);
    assert_int_equal(RUN("/release6", "Ethernet 2"), 3);
    assert_non_null(strstr(ERR, "An error occurred while releasing interface Ethernet 2 : system text 3"));
}

static void ipv6_verbs_not_supported(void **s)
{
    (void)s;
    expect_function_call(mock_open);
    assert_int_equal(RUN("/release6"), 6);
    assert_non_null(strstr(ERR, "no interface for IPv6 release/renew exists in this tool"));
    expect_function_call(mock_open);
    assert_int_equal(RUN("/renew6", "/json"), 6);
    assert_non_null(strstr(OUT, "\"exit_code\": 6"));
    assert_non_null(strstr(OUT, "\"reason\": \"not_supported\""));
    /* no backend needed: still 6 where the backend cannot be opened */
    g_open_fails = 1;
    expect_function_call(mock_open);
    assert_int_equal(RUN("/renew6"), 6);
    assert_non_null(strstr(ERR, "no interface for IPv6 release/renew exists in this tool"));
    expect_function_call(mock_open);
    assert_int_equal(RUN("/all"), 3);
    assert_string_equal(ERR, "Error: cannot load the platform library\n");
}

static void flushdns_outcomes(void **s)
{
    (void)s;
    /* flushed: the title and ipconfig's line; the JSON names the caches */
    expect_function_call(mock_open);
    expect_function_call(mock_flush_dns);
    assert_int_equal(RUN("/flushdns"), 0);
    assert_string_equal(OUT, "\nTest IP Configuration\n\nSuccessfully flushed the DNS Resolver Cache.\n");
    assert_string_equal(ERR, "");
    expect_function_call(mock_open);
    expect_function_call(mock_flush_dns);
    assert_int_equal(RUN("/flushdns", "/json"), 0);
    char want[256];
    snprintf(want, sizeof(want),
             "{\n  \"ipcfg_version\": \"%s\",\n  \"platform\": \"test\",\n  \"command\": \"flushdns\",\n"
             "  \"flushed\": [\"test-cache\"],\n  \"exit_code\": 0,\n  \"error\": null\n}\n",
             ipcfg_version);
    assert_string_equal(OUT, want);
    assert_string_equal(ERR, "");
    /* no privilege: 4, the backend's line */
    g_flush = IPCFG_E_ACCESS;
    expect_function_call(mock_open);
    expect_function_call(mock_flush_dns);
    assert_int_equal(RUN("/flushdns"), 4);
    assert_string_equal(OUT, "");
    assert_string_equal(ERR, "The requested operation requires elevation (root).\n");
    /* nothing to flush: 6, with "flushed": [] */
    g_flush = IPCFG_E_NOTSUP;
    expect_function_call(mock_open);
    expect_function_call(mock_flush_dns);
    assert_int_equal(RUN("/flushdns", "/json"), 6);
    assert_non_null(strstr(OUT, "\"flushed\": [],\n  \"exit_code\": 6,"));
    assert_non_null(strstr(OUT, "\"reason\": \"not_supported\""));
    assert_string_equal(ERR, "Error: No DNS cache runs on this host.\n");
    /* a failure after one cache was flushed: 3, and that one is named */
    g_flush = IPCFG_E_FAILED;
    expect_function_call(mock_open);
    expect_function_call(mock_flush_dns);
    assert_int_equal(RUN("/flushdns", "/json"), 3);
    assert_non_null(strstr(OUT, "\"flushed\": [\"test-cache\"],\n  \"exit_code\": 3,"));
    assert_string_equal(ERR, "Error: Could not flush the DNS Resolver Cache: boom.\n");
}

static void displaydns_and_missing_operations(void **s)
{
    (void)s;
    expect_function_call(mock_open);
    assert_int_equal(RUN("/displaydns"), 6);
    assert_string_equal(OUT, "");
    assert_string_equal(ERR, "Error: /displaydns is not supported: the test says why.\n");
    expect_function_call(mock_open);
    assert_int_equal(RUN("/displaydns", "/json"), 6);
    assert_non_null(strstr(OUT, "\"command\": \"displaydns\",\n  \"exit_code\": 6,"));
    /* a backend without the operations: 6 all the same */
    g_no_release = 1;
    expect_function_call(mock_open);
    assert_int_equal(RUN("/flushdns"), 6);
    assert_string_equal(ERR, "Error: /flushdns is not supported on this platform.\n");
    expect_function_call(mock_open);
    assert_int_equal(RUN("/displaydns"), 6);
    assert_string_equal(ERR, "Error: /displaydns is not supported on this platform.\n");
}

static void add_selects_exactly_one(void **s)
{
    (void)s;
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    expect_value(mock_add, prefix, 24);
    expect_string(op_result, name, "Ethernet 2");
    will_return(op_result, 0);
    assert_int_equal(RUN("/add", "ethernet 2", "10.0.0.5", "255.255.255.0"), 0);
    assert_string_equal(OUT, "Added 10.0.0.5, subnet mask 255.255.255.0, to Ethernet 2 (NTE context 77).\n");

    expect_function_call(mock_open);
    will_return(mock_list, 0);
    assert_int_equal(RUN("/add", "*", "10.0.0.5", "24"), 1);
    assert_non_null(strstr(ERR, "/add needs exactly one"));

    expect_function_call(mock_open);
    will_return(mock_list, 0);
    assert_int_equal(RUN("/add", "nope", "10.0.0.5", "24"), 2);
    assert_string_equal(ERR, "Error: no adapter matches \"nope\".\n");

    expect_function_call(mock_open);
    will_return(mock_list, 0);
    expect_value(mock_add, prefix, 16);
    expect_string(op_result, name, "Ethernet 2");
    will_return(op_result, IPCFG_E_CONFLICT);
    will_return(op_result, IPCFG_R_EXISTS);
    assert_int_equal(RUN("/add", "Ethernet 2", "10.0.0.5", "/16", "/json"), 7);
    assert_non_null(strstr(OUT, "\"reason\": \"already_exists\""));
    assert_non_null(strstr(OUT, "\"system_code\": 1007"));
}

/* An exact name wins over wildcard matching:
 * case-sensitive bytes where the backend says so (Linux), case-insensitive
 * otherwise (Windows, whose names may hold a literal `*`). */
static void exact_name_wins(void **s)
{
    (void)s;
    add_dhcp_adapter("abc", "abc");
    add_dhcp_adapter("ABC", "ABC");
    add_dhcp_adapter("x?y", "x?y");
    add_dhcp_adapter("xzy", "xzy");
    add_dhcp_adapter("-help", "-help");
    add_dhcp_adapter("Local Area Connection 3", "lac3"); /* the fixture has "Local Area Connection* 3" */
    g_case_sensitive = 1;
    static const char *const names[] = {"abc", "ABC", "x?y", "xzy"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        expect_function_call(mock_open);
        will_return(mock_list, 0);
        expect_value(mock_add, prefix, 24);
        expect_string(op_result, name, names[i]);
        will_return(op_result, 0);
        assert_int_equal(RUN("/add", names[i], "10.61.0.1", "24"), 0);
        char want[96];
        snprintf(want, sizeof(want), "Added 10.61.0.1, subnet mask 255.255.255.0, to %s (NTE", names[i]);
        assert_non_null(strstr(OUT, want));
    }
    /* no exact name: the wildcard match, case-insensitive as before */
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    assert_int_equal(RUN("/add", "Abc", "10.61.0.1", "24"), 1);
    assert_non_null(strstr(ERR, "\"Abc\" matches 2 adapters (\"abc\", \"ABC\")"));
    /* "--" names an adapter that looks like a switch */
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    expect_value(mock_add, prefix, 24);
    expect_string(op_result, name, "-help");
    will_return(op_result, 0);
    assert_int_equal(RUN("/add", "--", "-help", "10.61.0.1", "24"), 0);
    /* without it: the hint, exit 1, no backend; with /json one document */
    assert_int_equal(RUN("/add", "-help", "10.61.0.1", "24"), 1);
    assert_string_equal(OUT, "");
    assert_non_null(strstr(ERR, "\"-help\" is a switch where an adapter name is expected"));
    assert_int_equal(RUN("/add", "-help", "10.61.0.1", "24", "/json"), 1);
    assert_true(strncmp(OUT, "{\n", 2) == 0);
    assert_non_null(strstr(OUT, "\"exit_code\": 1"));
    assert_null(strstr(OUT, "USAGE"));
    assert_null(strstr(OUT + 1, "\n{"));
    /* release of an exact name acts on that adapter only */
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    expect_string(op_result, name, "x?y");
    will_return(op_result, 0);
    will_return(mock_list, 0);
    assert_int_equal(RUN("/release", "x?y"), 0);

    /* Windows: case-insensitive exact names; a literal `*` */
    g_case_sensitive = 0;
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    assert_int_equal(RUN("/release", "local area connection* 3"), 2); /* the static one only */
    assert_string_equal(ERR, "Adapter Local Area Connection* 3 is not enabled for Dhcp.\n");
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    assert_int_equal(RUN("/add", "abc", "10.61.0.1", "24"), 1);
    assert_non_null(strstr(ERR, "matches 2 adapters"));
}

/* Control characters in names and patterns are shown escaped (\xHH) in
 * text output and error lines, and the JSON error.message is exactly the
 * stderr line. */
static void control_characters_escaped(void **s)
{
    (void)s;
    add_dhcp_adapter("e\x1b[2J", "esc");
    add_dhcp_adapter("bad\xff\x7f", "bad");
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    assert_int_equal(run_v((const char *)NULL), 0);
    assert_non_null(strstr(OUT, "\nEthernet adapter e\\x1b[2J:\n"));
    assert_non_null(strstr(OUT, "\nEthernet adapter bad\\xff\\x7f:\n"));
    assert_null(strchr(OUT, '\x1b'));
    assert_null(strchr(OUT, '\x7f'));
    assert_null(strchr(OUT, '\xff'));
    /* typed as it is, the name still matches */
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    expect_string(op_result, name, "e\x1b[2J");
    will_return(op_result, 0);
    will_return(mock_list, 0);
    assert_int_equal(RUN("/release", "e\x1b[2J"), 0);
    /* a pattern is echoed escaped; error.message is the stderr line */
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    assert_int_equal(RUN("/add", "x\x1b]0;pwned\x07\xfe", "10.61.0.1", "24", "/json"), 2);
    assert_string_equal(ERR, "Error: no adapter matches \"x\\x1b]0;pwned\\x07\\xfe\".\n");
    assert_non_null(strstr(OUT, "\"message\": \"Error: no adapter matches \\\"x\\\\x1b]0;pwned\\\\x07\\\\xfe\\\".\""));
    /* the adapter key keeps the name itself (JSON escapes, U+FFFD) */
    assert_non_null(strstr(OUT, "\"adapter\": \"x\\u001b]0;pwned\\u0007\xef\xbf\xbd\""));
}

/* A message longer than IPCFG_ERRTEXT_MAX ends visibly, at a character
 * boundary, on stderr and in JSON. */
static void long_message_ends_visibly(void **s)
{
    (void)s;
    char name[700];
    size_t p = 0;
    name[p++] = 'x';
    while (p + 3 < sizeof(name)) {
        memcpy(name + p, "\xe2\x9c\x93", 3);
        p += 3;
    }
    name[p] = '\0';
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    assert_int_equal(RUN("/add", name, "10.61.0.1", "24", "/json"), 2);
    size_t n = strlen(ERR);
    assert_true(n > 400 && n < IPCFG_ERRTEXT_MAX + 16);
    assert_string_equal(ERR + n - 4, "...\n");
    assert_null(strstr(ERR, "\\x")); /* no byte of a cut character */
    assert_non_null(strstr(OUT, "...\",\n    \"system_code\""));
    assert_null(strstr(OUT, "\xef\xbf\xbd")); /* no U+FFFD from a cut character */
}

static void delete_paths(void **s)
{
    (void)s;
    expect_function_call(mock_open);
    expect_string(op_result, name, "address");
    will_return(op_result, IPCFG_E_STATE);
    will_return(op_result, IPCFG_R_NOT_FOUND);
    assert_int_equal(RUN("/delete", "10.0.0.5"), 2);
    assert_string_equal(ERR, "Error: system text 2\n");
    expect_function_call(mock_open);
    expect_string(op_result, name, "context");
    will_return(op_result, 0);
    assert_int_equal(RUN("/delete", "12"), 0);
    assert_string_equal(OUT, "Deleted NTE context 12.\n");
}

static void json_release_document(void **s)
{
    (void)s;
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    expect_string(op_result, name, "Ethernet 2");
    will_return(op_result, 0);
    will_return(mock_list, 0);
    assert_int_equal(RUN("/release", "*", "/json"), 2);
    assert_non_null(strstr(OUT, "\"command\": \"release\""));
    assert_non_null(strstr(OUT, "\"result\": \"ok\""));
    assert_non_null(strstr(OUT, "\"reason\": \"media_disconnected\""));
    assert_non_null(strstr(OUT, "\"reason\": \"not_dhcp_enabled\""));
    assert_non_null(strstr(OUT, "\"exit_code\": 2,\n  \"error\""));
}

/* Privilege first: a change is answered 4 before any adapter is listed or
 * any argument resolved (no mock_list, no operation is queued: calling
 * them fails the test). */
static void privilege_before_selection(void **s)
{
    (void)s;
    g_check = 2;
    expect_function_call(mock_open);
    expect_value(mock_check, dhcp, 1);
    assert_int_equal(RUN("/renew", "nosuch"), 4);
    assert_string_equal(ERR, "The requested operation requires elevation.\n");
    assert_string_equal(OUT, "");
    expect_function_call(mock_open);
    expect_value(mock_check, dhcp, 1);
    assert_int_equal(RUN("/release", "*"), 4);
    expect_function_call(mock_open);
    expect_value(mock_check, dhcp, 0);
    assert_int_equal(RUN("/delete", "1.2.3.4"), 4);
    expect_function_call(mock_open);
    expect_value(mock_check, dhcp, 0);
    assert_int_equal(RUN("/add", "nosuch", "10.0.0.1", "24"), 4);
    expect_function_call(mock_open);
    expect_value(mock_check, dhcp, 0);
    assert_int_equal(RUN("/add", "nosuch", "10.0.0.1", "24", "/json"), 4);
    assert_non_null(strstr(OUT, "\"reason\": \"access_denied\""));
    /* listings never ask */
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    assert_int_equal(RUN("/all"), 0);
    /* allowed: the command goes on as before */
    g_check = 1;
    expect_function_call(mock_open);
    expect_value(mock_check, dhcp, 1);
    will_return(mock_list, 0);
    assert_int_equal(RUN("/renew", "nosuch"), 2);
    expect_function_call(mock_open);
    expect_value(mock_check, dhcp, 0);
    expect_string(op_result, name, "address");
    will_return(op_result, 0);
    assert_int_equal(RUN("/delete", "1.2.3.4"), 0);
}


/* ---- the DHCP client's own verbs ---- */

/* /registerdns: the adapters /renew without an argument takes (the
 * disconnected one noted, the static ones left alone), all handed to the
 * backend's register_dns; ipconfig's line when every one succeeded. */
static void registerdns_renews_every_lease(void **s)
{
    (void)s;
    g_check = 1;
    expect_function_call(mock_open);
    expect_value(mock_check, dhcp, 1);
    will_return(mock_list, 0);
    expect_value(mock_register_dns, o->hostname_set, 0);
    expect_string(op_result, name, "Ethernet 2");
    will_return(op_result, 0);
    will_return(mock_list, 0); /* the state after it */
    assert_int_equal(RUN("/registerdns"), 0);
    assert_string_equal(OUT, "\nTest IP Configuration\n\nRegistration of the DNS resource records for all adapters "
                             "of this computer has been initiated.\n");
    assert_string_equal(ERR, "No operation can be performed on Wi-Fi Caf\xc3\xa9 \xe2\x9c\x93 while it has its media "
                             "disconnected.\n");
    /* /json: renew's document, "command": "registerdns" */
    expect_function_call(mock_open);
    expect_value(mock_check, dhcp, 1);
    will_return(mock_list, 0);
    expect_value(mock_register_dns, o->hostname_set, 1);
    expect_string(mock_register_dns, o->hostname, "web01.corp.example");
    expect_string(op_result, name, "Ethernet 2");
    will_return(op_result, 0);
    will_return(mock_list, 0);
    assert_int_equal(RUN("/registerdns", "/json", "/hostname:web01.corp.example"), 0);
    assert_non_null(strstr(OUT, "\"command\": \"registerdns\",\n  \"results\": [\n    {\n      \"adapter\": \"Ethernet "
                                "2\",\n      \"result\": \"ok\",\n      \"exit_code\": 0,\n      \"error\": null,\n "
                                "     \"state\": {"));
    assert_non_null(strstr(OUT, "\"reason\": \"media_disconnected\""));
    assert_non_null(strstr(OUT, "\n  \"exit_code\": 0,\n  \"error\": null\n}\n"));
    assert_null(strstr(OUT, "Registration"));
}

/* An adapter with its DHCPv6 lease in the state given, DHCP (v4) enabled or not. */
static void add_lease6_adapter(const char *name, const char *id, int dhcp, ipcfg_lease6_state st)
{
    add_dhcp_adapter(name, id);
    ipcfg_adapter *a = model_adapter(name);
    a->dhcp_enabled = dhcp ? IPCFG_YES : IPCFG_NO;
    ipcfg_lease6 *l6 = ipcfg_adapter_add_lease6(&g_model, a);
    assert_non_null(l6);
    l6->state = st;
}

/* One /registerdns run over the adapters of registerdns_renews_dhcpv6_leases:
 * its four jobs in order, Ethernet 3's DHCPv4 and DHCPv6 jobs answering
 * st4 and st6 (0, or a failure with reason r4, r6), the others success. */
static int registerdns_four_jobs(int st4, ipcfg_reason r4, int st6, ipcfg_reason r6)
{
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    expect_value_count(mock_register_dns, o->hostname_set, 0, 4);
    expect_string(op_result, name, "Ethernet 2");
    will_return(op_result, 0);
    expect_string(op_result, name, "Ethernet 3");
    will_return(op_result, st4);
    if (st4)
        will_return(op_result, r4);
    expect_string(op_result, name, "Ethernet 3/6");
    will_return(op_result, st6);
    if (st6)
        will_return(op_result, r6);
    expect_string(op_result, name, "Ethernet 4/6");
    will_return(op_result, 0);
    will_return(mock_list, 0);
    return RUN("/registerdns");
}

/* /registerdns renews every lease: an adapter's DHCPv4 job (DHCP enabled)
 * then its DHCPv6 job (a bound lease6), an adapter with only a bound
 * DHCPv6 lease too, an expired or configuration-only one never; an
 * adapter's result is its first failure, else a success with every note. */
static void registerdns_renews_dhcpv6_leases(void **s)
{
    (void)s;
    add_lease6_adapter("Ethernet 3", "{3}", 1, IPCFG_LEASE6_BOUND);
    add_lease6_adapter("Ethernet 4", "{4}", 0, IPCFG_LEASE6_BOUND);
    add_lease6_adapter("Ethernet 5", "{5}", 0, IPCFG_LEASE6_EXPIRED);
    add_lease6_adapter("Ethernet 6", "{6}", 0, IPCFG_LEASE6_STATELESS);
    g_note = "kept.";
    assert_int_equal(registerdns_four_jobs(0, IPCFG_R_NONE, 0, IPCFG_R_NONE), 0);
    assert_non_null(strstr(OUT, "for all adapters of this computer has been initiated.\n"));
    assert_string_equal(ERR, "kept.\nNo operation can be performed on Wi-Fi Caf\xc3\xa9 \xe2\x9c\x93 while it has its media "
                             "disconnected.\nkept. kept.\nkept.\n");
    /* the DHCPv6 job failed, the DHCPv4 one did not: the adapter failed */
    g_note = NULL;
    assert_int_equal(registerdns_four_jobs(0, IPCFG_R_NONE, IPCFG_E_TIMEOUT, IPCFG_R_DHCP_TIMEOUT), 5);
    assert_string_equal(OUT, "\nTest IP Configuration\n\n"
                             "Registration of the DNS resource records for adapter Ethernet 2 has been initiated.\n"
                             "Registration of the DNS resource records for adapter Ethernet 4 has been initiated.\n");
    assert_non_null(strstr(ERR, "An error occurred while renewing interface Ethernet 3 : unable to contact your "
                                "DHCP server. Request has timed out.\n"));
    /* both failed: the DHCPv4 job's failure is the adapter's */
    assert_int_equal(registerdns_four_jobs(IPCFG_E_FAILED, IPCFG_R_SYSTEM, IPCFG_E_TIMEOUT, IPCFG_R_DHCP_TIMEOUT), 3);
    assert_non_null(strstr(ERR, "An error occurred while renewing interface Ethernet 3 : system text 3"));
    assert_null(strstr(ERR, "timed out"));
}

/* Exit codes as /renew's: the first failure in output order; the adapters
 * that did succeed are named on stdout, each failure one line on stderr;
 * nothing DHCP-enabled: 2. */
static void registerdns_failures(void **s)
{
    (void)s;
    add_dhcp_adapter("Ethernet 3", "{3}");
    add_dhcp_adapter("Ethernet 4", "{4}");
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    expect_value_count(mock_register_dns, o->hostname_set, 0, 3);
    expect_string(op_result, name, "Ethernet 2");
    will_return(op_result, 0);
    expect_string(op_result, name, "Ethernet 3");
    will_return(op_result, IPCFG_E_TIMEOUT);
    will_return(op_result, IPCFG_R_DHCP_TIMEOUT);
    expect_string(op_result, name, "Ethernet 4");
    will_return(op_result, 0);
    will_return(mock_list, 0);
    assert_int_equal(RUN("/registerdns"), 5);
    assert_string_equal(OUT, "\nTest IP Configuration\n\n"
                             "Registration of the DNS resource records for adapter Ethernet 2 has been initiated.\n"
                             "Registration of the DNS resource records for adapter Ethernet 4 has been initiated.\n");
    assert_string_equal(ERR, "No operation can be performed on Wi-Fi Caf\xc3\xa9 \xe2\x9c\x93 while it has its media "
                             "disconnected.\n"
                             "An error occurred while renewing interface Ethernet 3 : unable to contact your DHCP "
                             "server. Request has timed out.\n");
    /* the JSON error of a failed adapter reads as /renew's */
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    expect_value_count(mock_register_dns, o->hostname_set, 0, 3);
    expect_string(op_result, name, "Ethernet 2");
    will_return(op_result, IPCFG_E_FAILED);
    will_return(op_result, IPCFG_R_SYSTEM);
    expect_string(op_result, name, "Ethernet 3");
    will_return(op_result, 0);
    expect_string(op_result, name, "Ethernet 4");
    will_return(op_result, 0);
    will_return(mock_list, 0);
    assert_int_equal(RUN("/registerdns", "/json"), 3);
    assert_non_null(strstr(OUT, "\"message\": \"An error occurred while renewing interface Ethernet 2 : system text "
                                "3\""));
    /* no adapter with DHCP: 2, nothing handed over */
    model_adapter("Ethernet 2")->dhcp_enabled = IPCFG_NO;
    model_adapter("Ethernet 3")->dhcp_enabled = IPCFG_NO;
    model_adapter("Ethernet 4")->dhcp_enabled = IPCFG_NO;
    model_adapter("Wi-Fi Caf\xc3\xa9 \xe2\x9c\x93")->dhcp_enabled = IPCFG_NO;
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    assert_int_equal(RUN("/registerdns"), 2);
    assert_string_equal(OUT, "\nTest IP Configuration\n\n");
    assert_string_equal(ERR, "The operation failed as no adapter is in the state permissible for this operation.\n");
}

/* What the platform does not do is 6 with its reason, before the
 * privilege is asked or anything listed (nothing else is queued: a call
 * would fail the test); the privilege is 4 before anything is listed. */
static void client_verbs_refused_first(void **s)
{
    (void)s;
    g_check = 2;
    g_no_client = 1;
    g_why = 1;
    static const struct {
        const char *verb, *arg, *want;
    } cases[] = {
        {"/registerdns", NULL, "Error: not here: the test says why (1).\n"},
        {"/showclassid", "*", "Error: not here: the test says why (2).\n"},
        {"/setclassid", "*", "Error: not here: the test says why (3).\n"},
    };
    for (size_t i = 0; i < 3; i++) {
        expect_function_call(mock_open);
        assert_int_equal(cases[i].arg ? RUN(cases[i].verb, cases[i].arg) : RUN(cases[i].verb), 6);
        assert_string_equal(OUT, "");
        assert_string_equal(ERR, cases[i].want);
    }
    expect_function_call(mock_open);
    assert_int_equal(RUN("/setclassid", "nosuch", "x", "/json"), 6);
    assert_non_null(strstr(OUT, "\"command\": \"setclassid\",\n  \"exit_code\": 6,\n  \"error\": {\n    \"reason\": "
                                "\"not_supported\""));
    /* /hostname a platform cannot send: 6 for /renew and /registerdns */
    g_no_client = 0;
    g_sends_hostname = 0;
    expect_function_call(mock_open);
    assert_int_equal(RUN("/renew", "nosuch", "/hostname:web01"), 6);
    assert_string_equal(ERR, "Error: not here: the test says why (4).\n");
    expect_function_call(mock_open);
    assert_int_equal(RUN("/registerdns", "/hostname:web01"), 6);
    assert_string_equal(ERR, "Error: not here: the test says why (4).\n");
    /* without a reason of the platform's: the core's line */
    g_why = 0;
    expect_function_call(mock_open);
    assert_int_equal(RUN("/renew", "/hostname:"), 6);
    assert_string_equal(ERR, "Error: /hostname is not supported on this platform yet.\n");
    g_no_client = 1;
    expect_function_call(mock_open);
    assert_int_equal(RUN("/registerdns"), 6);
    assert_string_equal(ERR, "Error: /registerdns is not supported on this platform yet.\n");
    expect_function_call(mock_open);
    assert_int_equal(RUN("/showclassid", "x"), 6);
    assert_string_equal(ERR, "Error: /showclassid is not supported on this platform yet.\n");
    expect_function_call(mock_open);
    assert_int_equal(RUN("/setclassid", "x"), 6);
    assert_string_equal(ERR, "Error: /setclassid is not supported on this platform yet.\n");
    /* supported: the privilege first, whatever the arguments name */
    g_no_client = 0;
    g_sends_hostname = 1;
    expect_function_call(mock_open);
    expect_value(mock_check, dhcp, 1);
    assert_int_equal(RUN("/registerdns", "/hostname:web01"), 4);
    assert_string_equal(ERR, "The requested operation requires elevation.\n");
    expect_function_call(mock_open);
    expect_value(mock_check, dhcp, 0);
    assert_int_equal(RUN("/setclassid", "nosuch", "lab"), 4);
    assert_string_equal(OUT, "");
    expect_function_call(mock_open);
    expect_value(mock_check, dhcp, 0);
    assert_int_equal(RUN("/setclassid", "*", "/json"), 4);
    assert_non_null(strstr(OUT, "\"reason\": \"access_denied\""));
}

/* /hostname reaches renew (and register_dns, above) as the choice; without
 * it nothing is chosen; /release does not send names. */
static void hostname_reaches_renew(void **s)
{
    (void)s;
    expect_one_renew("Ethernet 2", 0, 0);
    assert_int_equal(RUN("/renew", "Ethernet 2", "/hostname:Web01"), 0);
    assert_int_equal(g_seen_hostname_set, 1);
    assert_string_equal(g_seen_hostname, "Web01");
    expect_one_renew("Ethernet 2", 0, 0);
    assert_int_equal(RUN("/hostname:", "/renew", "Ethernet 2"), 0);
    assert_int_equal(g_seen_hostname_set, 1);
    assert_string_equal(g_seen_hostname, "");
    expect_one_renew("Ethernet 2", 0, 0);
    assert_int_equal(RUN("/renew", "Ethernet 2"), 0);
    assert_int_equal(g_seen_hostname_set, 0);
    assert_null(g_seen_hostname);
    /* /release: accepted, not handed on, whatever the platform sends */
    g_sends_hostname = 0;
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    expect_string(op_result, name, "Ethernet 2");
    will_return(op_result, 0);
    will_return(mock_list, 0);
    assert_int_equal(RUN("/release", "Ethernet 2", "/hostname:web01"), 0);
    assert_int_equal(g_seen_hostname_set, 0);
    /* a bad name: 1, no backend */
    assert_int_equal(RUN("/renew", "/hostname:web_01"), 1);
    assert_non_null(strstr(ERR, "\"web_01\" is not a valid host name"));
}

static void expect_show(const char *name, const char *cls, int status)
{
    expect_string(mock_show_classid, ad->name, name);
    will_return(mock_show_classid, cls);
    if (!cls)
        will_return(mock_show_classid, status);
}

/* /showclassid: every listed adapter the argument selects (a wildcard
 * too), in listing order, each with its class; needs no privilege. */
static void showclassid_layout(void **s)
{
    (void)s;
    g_check = 2; /* never asked */
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    expect_show("Ethernet 2", "engineering", 0);
    assert_int_equal(RUN("/showclassid", "ethernet 2"), 0);
    assert_string_equal(OUT, "\nTest IP Configuration\n\n\nDHCP Class ID for Adapter \"Ethernet 2\":\n\n"
                             "   DHCP ClassID Name . . . . . . . . : engineering\n");
    assert_string_equal(ERR, "");
    /* "*": the four listed adapters (not loopback); none set: an empty
     * value; a failure: one line on stderr, the others still shown */
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    expect_show("Ethernet 2", "engineering", 0);
    expect_show("Wi-Fi Caf\xc3\xa9 \xe2\x9c\x93", "", 0);
    expect_show("Local Area Connection* 3", NULL, IPCFG_E_FAILED);
    expect_show("VPN", "Lab \xe2\x9c\x93 (west)", 0);
    assert_int_equal(RUN("/showclassid", "*"), 3);
    assert_string_equal(OUT, "\nTest IP Configuration\n\n"
                             "\nDHCP Class ID for Adapter \"Ethernet 2\":\n\n"
                             "   DHCP ClassID Name . . . . . . . . : engineering\n"
                             "\nDHCP Class ID for Adapter \"Wi-Fi Caf\xc3\xa9 \xe2\x9c\x93\":\n\n"
                             "   DHCP ClassID Name . . . . . . . . : \n"
                             "\nDHCP Class ID for Adapter \"VPN\":\n\n"
                             "   DHCP ClassID Name . . . . . . . . : Lab \xe2\x9c\x93 (west)\n");
    assert_string_equal(ERR, "Failed to obtain the DHCP class ID for adapter \"Local Area Connection* 3\": the store "
                             "says no\n");
    /* /json: the class per adapter, null when none is set or on failure */
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    expect_show("Wi-Fi Caf\xc3\xa9 \xe2\x9c\x93", "", 0);
    assert_int_equal(RUN("/showclassid", "w*", "/json"), 0);
    char want[1024];
    snprintf(want, sizeof(want),
             "{\n  \"ipcfg_version\": \"%s\",\n  \"platform\": \"test\",\n  \"command\": \"showclassid\",\n"
             "  \"results\": [\n"
             "    {\n      \"adapter\": \"Wi-Fi Caf\xc3\xa9 \xe2\x9c\x93\",\n      \"result\": \"ok\",\n"
             "      \"exit_code\": 0,\n      \"error\": null,\n      \"classid\": null\n    }\n"
             "  ],\n  \"exit_code\": 0,\n  \"error\": null\n}\n",
             ipcfg_version);
    assert_string_equal(OUT, want);
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    expect_show("Ethernet 2", "engineering", 0);
    expect_show("Wi-Fi Caf\xc3\xa9 \xe2\x9c\x93", "", 0);
    expect_show("Local Area Connection* 3", NULL, IPCFG_E_FAILED);
    expect_show("VPN", "Lab \xe2\x9c\x93 (west)", 0);
    assert_int_equal(RUN("/showclassid", "*", "/json"), 3);
    assert_non_null(strstr(OUT, "\"error\": null,\n      \"classid\": \"engineering\"\n    },"));
    assert_non_null(strstr(OUT, "\"message\": \"Failed to obtain the DHCP class ID for adapter \\\"Local Area "
                                "Connection* 3\\\": the store says no\","));
    assert_non_null(strstr(OUT, "\"classid\": \"Lab \xe2\x9c\x93 (west)\"\n    }\n  ],\n  \"exit_code\": 3,"));
    assert_string_equal(ERR, "Failed to obtain the DHCP class ID for adapter \"Local Area Connection* 3\": the store "
                             "says no\n");
}

/* A store that hands back what no class may hold is a failure, never
 * shown; a name nothing matches is 2. */
static void showclassid_refusals(void **s)
{
    (void)s;
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    expect_show("VPN", "x\x1b[2Jy", 0);
    assert_int_equal(RUN("/showclassid", "VPN", "/json"), 3);
    assert_string_equal(ERR, "Failed to obtain the DHCP class ID for adapter \"VPN\": the class ID kept for it is "
                             "not valid text.\n");
    assert_non_null(strstr(OUT, "\"classid\": null"));
    assert_null(strstr(OUT, "\x1b"));
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    assert_int_equal(RUN("/showclassid", "nope*"), 2);
    assert_string_equal(OUT, "");
    assert_string_equal(ERR, "Error: no adapter matches \"nope*\".\n");
    expect_function_call(mock_open);
    will_return(mock_list, 0);
    assert_int_equal(RUN("/showclassid", "Loopback*", "/json"), 2); /* loopback is never listed */
    assert_non_null(strstr(OUT, "\"results\": [],\n  \"exit_code\": 2,\n  \"error\": {\n    \"reason\": "
                                "\"not_found\",\n    \"message\": \"Error: no adapter matches \\\"Loopback*\\\".\""));
}

/* /setclassid: the privilege (dhcp 0), then every adapter selected, each
 * with ipconfig's line; none or "" clears; failures one line each. */
static void setclassid_outcomes(void **s)
{
    (void)s;
    g_check = 1;
    expect_function_call(mock_open);
    expect_value(mock_check, dhcp, 0);
    will_return(mock_list, 0);
    expect_string(mock_set_classid, classid, "lab floor 3");
    expect_string(op_result, name, "Ethernet 2");
    will_return(op_result, 0);
    assert_int_equal(RUN("/setclassid", "Eth*", "lab floor 3"), 0);
    assert_string_equal(OUT, "\nTest IP Configuration\n\nDHCP ClassId successfully modified for adapter \"Ethernet 2\"\n");
    assert_string_equal(ERR, "");
    /* cleared: the class handed over is "", the JSON's class null */
    expect_function_call(mock_open);
    expect_value(mock_check, dhcp, 0);
    will_return(mock_list, 0);
    expect_string(mock_set_classid, classid, "");
    expect_string(op_result, name, "Ethernet 2");
    will_return(op_result, 0);
    assert_int_equal(RUN("/setclassid", "Ethernet 2", "/json"), 0);
    char want[1024];
    snprintf(want, sizeof(want),
             "{\n  \"ipcfg_version\": \"%s\",\n  \"platform\": \"test\",\n  \"command\": \"setclassid\",\n"
             "  \"classid\": null,\n  \"results\": [\n"
             "    {\n      \"adapter\": \"Ethernet 2\",\n      \"result\": \"ok\",\n      \"exit_code\": 0,\n"
             "      \"error\": null\n    }\n  ],\n  \"exit_code\": 0,\n  \"error\": null\n}\n",
             ipcfg_version);
    assert_string_equal(OUT, want);
    /* a wildcard sets every match; the first failure decides the code */
    expect_function_call(mock_open);
    expect_value(mock_check, dhcp, 0);
    will_return(mock_list, 0);
    expect_string_count(mock_set_classid, classid, "lab", 4);
    expect_string(op_result, name, "Ethernet 2");
    will_return(op_result, 0);
    expect_string(op_result, name, "Wi-Fi Caf\xc3\xa9 \xe2\x9c\x93");
    will_return(op_result, IPCFG_E_FAILED);
    will_return(op_result, IPCFG_R_SYSTEM);
    expect_string(op_result, name, "Local Area Connection* 3");
    will_return(op_result, IPCFG_E_ACCESS);
    will_return(op_result, IPCFG_R_ELEVATION);
    expect_string(op_result, name, "VPN");
    will_return(op_result, 0);
    assert_int_equal(RUN("/setclassid", "*", "lab", "/json"), 3);
    assert_string_equal(ERR, "DHCP ClassId was not modified for adapter \"Wi-Fi Caf\xc3\xa9 \xe2\x9c\x93\": system "
                             "text 3\nsystem text 4\n");
    assert_non_null(strstr(OUT, "\"classid\": \"lab\",\n  \"results\": ["));
    assert_non_null(strstr(OUT, "\"exit_code\": 3,\n  \"error\": {\n    \"reason\": \"system_error\",\n    "
                                "\"message\": \"DHCP ClassId was not modified for adapter \\\"Wi-Fi"));
    /* nothing matches: 2, nothing set */
    expect_function_call(mock_open);
    expect_value(mock_check, dhcp, 0);
    will_return(mock_list, 0);
    assert_int_equal(RUN("/setclassid", "nope", "lab"), 2);
    assert_string_equal(ERR, "Error: no adapter matches \"nope\".\n");
    /* a bad class: 1, no backend */
    assert_int_equal(RUN("/setclassid", "Ethernet 2", "a\tb"), 1);
    assert_string_equal(ERR, "Error: the class ID holds a control character (byte 2); it must be printable text.\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(usage_error_opens_no_backend, setup, teardown),
        cmocka_unit_test_setup_teardown(help_and_version, setup, teardown),
        cmocka_unit_test_setup_teardown(listing_drops_loopback, setup, teardown),
        cmocka_unit_test_setup_teardown(listing_failure_exit_code, setup, teardown),
        cmocka_unit_test_setup_teardown(release_all_dhcp_adapters, setup, teardown),
        cmocka_unit_test_setup_teardown(release_named_static, setup, teardown),
        cmocka_unit_test_setup_teardown(renew_named_static_obtains, setup, teardown),
        cmocka_unit_test_setup_teardown(renew_success_with_note, setup, teardown),
        cmocka_unit_test_setup_teardown(renew_named_disconnected, setup, teardown),
        cmocka_unit_test_setup_teardown(renew_waits_for_pending_media, setup, teardown),
        cmocka_unit_test_setup_teardown(no_match_is_not_permissible, setup, teardown),
        cmocka_unit_test_setup_teardown(release_gone_name, setup, teardown),
        cmocka_unit_test_setup_teardown(already_released_is_skipped, setup, teardown),
        cmocka_unit_test_setup_teardown(first_failure_in_output_order, setup, teardown),
        cmocka_unit_test_setup_teardown(each_exit_code_propagates, setup, teardown),
        cmocka_unit_test_setup_teardown(missing_backend_op_is_not_supported, setup, teardown),
        cmocka_unit_test_setup_teardown(ipv6_verbs_not_supported, setup, teardown),
        cmocka_unit_test_setup_teardown(ipv6_verbs_reach_a_dhcp6_backend, setup, teardown),
        cmocka_unit_test_setup_teardown(add_selects_exactly_one, setup, teardown),
        cmocka_unit_test_setup_teardown(exact_name_wins, setup, teardown),
        cmocka_unit_test_setup_teardown(control_characters_escaped, setup, teardown),
        cmocka_unit_test_setup_teardown(long_message_ends_visibly, setup, teardown),
        cmocka_unit_test_setup_teardown(delete_paths, setup, teardown),
        cmocka_unit_test_setup_teardown(json_release_document, setup, teardown),
        cmocka_unit_test_setup_teardown(privilege_before_selection, setup, teardown),
        cmocka_unit_test_setup_teardown(flushdns_outcomes, setup, teardown),
        cmocka_unit_test_setup_teardown(displaydns_and_missing_operations, setup, teardown),
        cmocka_unit_test_setup_teardown(registerdns_renews_every_lease, setup, teardown),
        cmocka_unit_test_setup_teardown(registerdns_failures, setup, teardown),
        cmocka_unit_test_setup_teardown(registerdns_renews_dhcpv6_leases, setup, teardown),
        cmocka_unit_test_setup_teardown(client_verbs_refused_first, setup, teardown),
        cmocka_unit_test_setup_teardown(hostname_reaches_renew, setup, teardown),
        cmocka_unit_test_setup_teardown(showclassid_layout, setup, teardown),
        cmocka_unit_test_setup_teardown(showclassid_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(setclassid_outcomes, setup, teardown),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    ipcfg_sb_free(&g_out);
    ipcfg_sb_free(&g_err);
    return rc;
}
