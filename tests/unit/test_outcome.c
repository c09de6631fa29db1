/* The exit code of an outcome (outcome.c): pure, over outcome structs, no
 * output.  SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "outcome.h"

static ipcfg_adapter ads[4];

static void setup_adapters(void)
{
    static const char *const names[] = {"eth0", "eth1", "wlan0", "eth2"};
    for (size_t i = 0; i < sizeof(ads) / sizeof(ads[0]); i++) {
        ipcfg_adapter_init(&ads[i]);
        ads[i].name = names[i]; /* a literal outlives the record */
    }
}

static void result(ipcfg_result *r, size_t ad, int acted, int counts, ipcfg_status st, ipcfg_reason why)
{
    memset(r, 0, sizeof(*r));
    r->ad = &ads[ad];
    r->state = &ads[ad];
    r->acted = acted;
    r->counts = counts;
    ipcfg_error_clear(&r->err);
    if (st)
        ipcfg_error_set(&r->err, st, why, "x");
}

static void dhcp(ipcfg_outcome *o, ipcfg_verb verb, const ipcfg_result *r, size_t n)
{
    ipcfg_outcome_init(o, IPCFG_OC_DHCP, NULL);
    o->verb = verb;
    o->results = r;
    o->n_results = n;
}

static void dhcp_all_ok(void **s)
{
    (void)s;
    ipcfg_result r[2];
    ipcfg_outcome o;
    ipcfg_verdict v;
    result(&r[0], 0, 1, 1, IPCFG_OK, IPCFG_R_NONE);
    result(&r[1], 1, 1, 1, IPCFG_OK, IPCFG_R_NONE);
    dhcp(&o, IPCFG_V_RENEW, r, 2);
    ipcfg_outcome_verdict(&o, &v);
    assert_int_equal(v.code, 0);
    assert_false(v.has_error);
    assert_false(v.none_permissible);
}

/* The first failure in output order decides, not the worst or the last. */
static void dhcp_first_failure_wins(void **s)
{
    (void)s;
    ipcfg_result r[4];
    ipcfg_outcome o;
    ipcfg_verdict v;
    result(&r[0], 0, 1, 1, IPCFG_OK, IPCFG_R_NONE);
    result(&r[1], 1, 1, 1, IPCFG_E_TIMEOUT, IPCFG_R_DHCP_TIMEOUT);
    result(&r[2], 2, 1, 1, IPCFG_E_ACCESS, IPCFG_R_ELEVATION);
    result(&r[3], 3, 1, 1, IPCFG_E_FAILED, IPCFG_R_SYSTEM);
    dhcp(&o, IPCFG_V_RENEW, r, 4);
    ipcfg_outcome_verdict(&o, &v);
    assert_int_equal(v.code, IPCFG_E_TIMEOUT);
    assert_true(v.has_error);
    assert_int_equal(v.error.reason, IPCFG_R_DHCP_TIMEOUT);
    assert_string_equal(v.name, "eth1");
    /* swap the order: the other one decides */
    result(&r[1], 1, 1, 1, IPCFG_E_ACCESS, IPCFG_R_ELEVATION);
    result(&r[2], 2, 1, 1, IPCFG_E_TIMEOUT, IPCFG_R_DHCP_TIMEOUT);
    assert_int_equal(ipcfg_outcome_exit_code(&o), IPCFG_E_ACCESS);
}

/* A failure that does not count (a disconnected adapter of an implicit
 * selection) is reported but leaves the code to the others. */
static void dhcp_uncounted_failure_skipped(void **s)
{
    (void)s;
    ipcfg_result r[3];
    ipcfg_outcome o;
    ipcfg_verdict v;
    result(&r[0], 0, 0, 0, IPCFG_E_STATE, IPCFG_R_MEDIA_DISCONNECTED);
    result(&r[1], 1, 1, 1, IPCFG_OK, IPCFG_R_NONE);
    result(&r[2], 2, 1, 1, IPCFG_E_CONFLICT, IPCFG_R_EXISTS);
    dhcp(&o, IPCFG_V_RELEASE, r, 3);
    ipcfg_outcome_verdict(&o, &v);
    assert_int_equal(v.code, IPCFG_E_CONFLICT);
    assert_string_equal(v.name, "wlan0");
    /* and with no other failure the run succeeds */
    result(&r[2], 2, 1, 1, IPCFG_OK, IPCFG_R_NONE);
    ipcfg_outcome_verdict(&o, &v);
    assert_int_equal(v.code, 0);
    assert_false(v.has_error);
}

/* Nothing acted on and nothing counted: 2, "no adapter permissible". */
static void dhcp_none_permissible(void **s)
{
    (void)s;
    ipcfg_result r[1];
    ipcfg_outcome o;
    ipcfg_verdict v;
    dhcp(&o, IPCFG_V_RENEW, NULL, 0);
    ipcfg_outcome_verdict(&o, &v);
    assert_int_equal(v.code, IPCFG_E_STATE);
    assert_true(v.none_permissible);
    assert_int_equal(v.error.reason, IPCFG_R_NO_ADAPTER_PERMISSIBLE);
    assert_null(v.name);
    /* only an uncounted failure: still 2, still "none permissible" */
    result(&r[0], 0, 0, 0, IPCFG_E_STATE, IPCFG_R_MEDIA_DISCONNECTED);
    dhcp(&o, IPCFG_V_RENEW, r, 1);
    ipcfg_outcome_verdict(&o, &v);
    assert_int_equal(v.code, IPCFG_E_STATE);
    assert_true(v.none_permissible);
    /* a counted failure without any action (named static adapter) decides */
    result(&r[0], 0, 0, 1, IPCFG_E_STATE, IPCFG_R_NOT_DHCP);
    ipcfg_outcome_verdict(&o, &v);
    assert_int_equal(v.code, IPCFG_E_STATE);
    assert_false(v.none_permissible);
    assert_int_equal(v.error.reason, IPCFG_R_NOT_DHCP);
    assert_string_equal(v.name, "eth0");
}

static void whole_command_failure(void **s)
{
    (void)s;
    ipcfg_outcome o;
    ipcfg_verdict v;
    ipcfg_outcome_init(&o, IPCFG_OC_FAILED, NULL);
    ipcfg_error_set(&o.error, IPCFG_E_ACCESS, IPCFG_R_ELEVATION, NULL);
    ipcfg_outcome_verdict(&o, &v);
    assert_int_equal(v.code, IPCFG_E_ACCESS);
    assert_true(v.has_error);
    /* a failure without status is still a failure: 3 */
    ipcfg_error_clear(&o.error);
    o.error.reason = IPCFG_R_SYSTEM;
    assert_int_equal(ipcfg_outcome_exit_code(&o), IPCFG_E_FAILED);
}

static void add_delete_usage_and_listings(void **s)
{
    (void)s;
    ipcfg_outcome o;
    ipcfg_verdict v;
    ipcfg_outcome_init(&o, IPCFG_OC_ADD, NULL);
    o.op_adapter = "eth0";
    assert_int_equal(ipcfg_outcome_exit_code(&o), 0);
    ipcfg_error_set(&o.op_err, IPCFG_E_CONFLICT, IPCFG_R_EXISTS, "exists");
    ipcfg_outcome_verdict(&o, &v);
    assert_int_equal(v.code, IPCFG_E_CONFLICT);
    assert_string_equal(v.name, "eth0");

    ipcfg_outcome_init(&o, IPCFG_OC_DELETE, NULL);
    ipcfg_error_set(&o.op_err, IPCFG_E_STATE, IPCFG_R_NOT_FOUND, "gone");
    ipcfg_outcome_verdict(&o, &v);
    assert_int_equal(v.code, IPCFG_E_STATE);
    assert_null(v.name);

    ipcfg_outcome_init(&o, IPCFG_OC_USAGE, NULL);
    assert_int_equal(ipcfg_outcome_exit_code(&o), IPCFG_E_USAGE);

    static const ipcfg_outcome_kind ok[] = {IPCFG_OC_HELP, IPCFG_OC_VERSION, IPCFG_OC_LIST, IPCFG_OC_ADDRTABLE};
    for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        ipcfg_outcome_init(&o, ok[i], NULL);
        ipcfg_outcome_verdict(&o, &v);
        assert_int_equal(v.code, 0);
        assert_false(v.has_error);
    }
}

int main(void)
{
    setup_adapters();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dhcp_all_ok),           cmocka_unit_test(dhcp_first_failure_wins),
        cmocka_unit_test(dhcp_uncounted_failure_skipped), cmocka_unit_test(dhcp_none_permissible),
        cmocka_unit_test(whole_command_failure), cmocka_unit_test(add_delete_usage_and_listings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
