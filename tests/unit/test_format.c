/* The formatter's building blocks: labelled lines, continuation lines,
 * times, failure lines, JSON strings.  SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "format.h"

static const char *const contract_labels[] = {
    "Host Name", "Primary Dns Suffix", "Node Type", "IP Routing Enabled", "WINS Proxy Enabled",
    "DNS Suffix Search List", "Media State", "Connection-specific DNS Suffix", "Description", "Physical Address",
    "DHCP Enabled", "Autoconfiguration Enabled", "Link-local IPv6 Address", "IPv6 Address", "IPv4 Address",
    "Subnet Mask", "Lease Obtained", "Lease Expires", "Default Gateway", "DHCP Server", "DNS Servers",
    "NetBIOS over Tcpip"};

static void labels_colon_at_37(void **s)
{
    (void)s;
    for (size_t i = 0; i < sizeof(contract_labels) / sizeof(contract_labels[0]); i++) {
        ipcfg_strbuf b;
        ipcfg_sb_init(&b);
        ipcfg_fmt_field(&b, contract_labels[i], "VALUE");
        const char *l = ipcfg_sb_str(&b);
        assert_int_equal(strlen(l), 39 + 5 + 1);
        assert_int_equal(l[37], ':');
        assert_int_equal(l[38], ' ');
        assert_memory_equal(l + 39, "VALUE\n", 6);
        assert_memory_equal(l, "   ", 3);
        assert_memory_equal(l + 3, contract_labels[i], strlen(contract_labels[i]));
        ipcfg_sb_free(&b);
    }
    /* exact strings of the contract, including its irregular leaders */
    ipcfg_strbuf b;
    ipcfg_sb_init(&b);
    ipcfg_fmt_field(&b, "Primary Dns Suffix", "");
    ipcfg_fmt_field(&b, "IP Routing Enabled", "No");
    ipcfg_fmt_field(&b, "Connection-specific DNS Suffix", "x");
    assert_string_equal(ipcfg_sb_str(&b), "   Primary Dns Suffix  . . . . . . . : \n"
                                          "   IP Routing Enabled. . . . . . . . : No\n"
                                          "   Connection-specific DNS Suffix  . : x\n");
    ipcfg_sb_reset(&b);
    /* a label ipconfig does not have still lines up */
    ipcfg_fmt_field(&b, "Zone", "z");
    assert_int_equal(ipcfg_sb_str(&b)[37], ':');
    ipcfg_sb_reset(&b);
    ipcfg_fmt_cont(&b, "198.206.243.28");
    assert_string_equal(ipcfg_sb_str(&b), "                                       198.206.243.28\n");
    ipcfg_sb_free(&b);
}

static void times(void **s)
{
    (void)s;
    char buf[64];
    ipcfg_fmt_time(buf, sizeof(buf), 1474265496); /* TZ=UTC0 from ctest */
    assert_string_equal(buf, "Monday, September 19, 2016 6:11:36 AM");
    ipcfg_fmt_time(buf, sizeof(buf), 1474632354);
    assert_string_equal(buf, "Friday, September 23, 2016 12:05:54 PM");
    ipcfg_fmt_time(buf, sizeof(buf), 0);
    assert_string_equal(buf, "Thursday, January 1, 1970 12:00:00 AM");
}

/* A lease whose time is over (Linux: the link down past its expiry): /all
 * shows nothing of it as current; /json keeps its times, marked expired
 * and not kept (docs/json.md). */
static void expired_lease(void **s)
{
    (void)s;
    ipcfg_adapter a;
    ipcfg_adapter_init(&a);
    a.name = "c0";
    a.type = IPCFG_IF_ETHERNET;
    a.media_connected = 1;
    a.dhcp_enabled = IPCFG_YES;
    a.has_lease = 1;
    a.lease_obtained = 1474265496;
    a.lease_expires = 1474265516;
    ipcfg_copy_str(a.lease_client, sizeof(a.lease_client), "ipcfg");
    a.lease_kept = IPCFG_NO;
    ipcfg_strbuf b;
    ipcfg_sb_init(&b);
    ipcfg_fmt_adapter(&b, &a, 1);
    assert_non_null(strstr(ipcfg_sb_str(&b), "Lease Obtained")); /* current: shown */
    ipcfg_sb_reset(&b);
    ipcfg_json_adapter(&b, &a, 1, 0);
    assert_non_null(strstr(ipcfg_sb_str(&b), "\"state\": \"bound\""));
    a.lease_expired = 1;
    ipcfg_sb_reset(&b);
    ipcfg_fmt_adapter(&b, &a, 1);
    assert_null(strstr(ipcfg_sb_str(&b), "Lease"));
    assert_non_null(strstr(ipcfg_sb_str(&b), "DHCP Enabled. . . . . . . . . . . : Yes\n"));
    ipcfg_sb_reset(&b);
    ipcfg_json_adapter(&b, &a, 1, 0);
    const char *j = ipcfg_sb_str(&b);
    assert_non_null(strstr(j, "\"expires_unix\": 1474265516"));
    assert_non_null(strstr(j, "\"state\": \"expired\""));
    assert_non_null(strstr(j, "\"kept\": false"));
    ipcfg_sb_free(&b);
}

static void failure_lines(void **s)
{
    (void)s;
    ipcfg_strbuf b;
    ipcfg_error e;
    ipcfg_sb_init(&b);
    ipcfg_error_clear(&e);
    ipcfg_error_set(&e, IPCFG_E_STATE, IPCFG_R_NOT_DHCP, NULL);
    ipcfg_fmt_failure(&b, "renew", "Ethernet", &e);
    assert_string_equal(ipcfg_sb_str(&b), "Adapter Ethernet is not enabled for Dhcp.");
    ipcfg_sb_reset(&b);
    ipcfg_error_set(&e, IPCFG_E_ACCESS, IPCFG_R_ELEVATION, NULL);
    ipcfg_fmt_failure(&b, "add", "Ethernet", &e);
    assert_string_equal(ipcfg_sb_str(&b), "The requested operation requires elevation.");
    ipcfg_sb_reset(&b);
    ipcfg_error_set(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "The parameter is incorrect.");
    ipcfg_fmt_failure(&b, "release", "Ethernet 2", &e);
    assert_string_equal(ipcfg_sb_str(&b), "An error occurred while releasing interface Ethernet 2 : The parameter is "
                                          "incorrect.");
    ipcfg_sb_reset(&b);
    ipcfg_fmt_failure(&b, "delete", NULL, &e);
    assert_string_equal(ipcfg_sb_str(&b), "Error: The parameter is incorrect.");
    ipcfg_sb_free(&b);
}

static void json_strings(void **s)
{
    (void)s;
    ipcfg_strbuf b;
    ipcfg_sb_init(&b);
    ipcfg_json_str(&b, "a\"b\\c\n\t\x01 caf\xc3\xa9 \xe2\x9c\x93");
    assert_string_equal(ipcfg_sb_str(&b), "\"a\\\"b\\\\c\\n\\t\\u0001 caf\xc3\xa9 \xe2\x9c\x93\"");
    ipcfg_sb_reset(&b);
    /* invalid UTF-8 never reaches the document: each bad byte is U+FFFD,
     * written as it is, like any other non-ASCII character */
    ipcfg_json_str(&b, "x\xff\xc3(\xed\xa0\x80\xf4\x90\x80\x80");
#define R "\xef\xbf\xbd"
    assert_string_equal(ipcfg_sb_str(&b), "\"x" R R "(" R R R R R R R "\"");
#undef R
    ipcfg_sb_free(&b);
}

static void json_to_ascii(void **state)
{
    (void)state;
    ipcfg_strbuf b;
    ipcfg_sb_init(&b);
    /* 2-, 3- and 4-byte sequences; U+1F600 as a surrogate pair; ASCII and
     * escapes already in the document stay as they are */
    ipcfg_json_str(&b, "caf\xc3\xa9 \xd0\x9f\xd0\xbe \xe2\x82\xac \xf0\x9f\x98\x80 a\"b\n");
    ipcfg_json_to_ascii(&b);
    assert_string_equal(ipcfg_sb_str(&b), "\"caf\\u00e9 \\u041f\\u043e \\u20ac \\ud83d\\ude00 a\\\"b\\n\"");
    ipcfg_sb_reset(&b);
    /* a stray byte (never written by ipcfg_json_str) is U+FFFD, the
     * document stays ASCII */
    ipcfg_sb_puts(&b, "\"\xff\xe2\x82\"");
    ipcfg_json_to_ascii(&b);
    assert_string_equal(ipcfg_sb_str(&b), "\"\\ufffd\\ufffd\\ufffd\"");
    ipcfg_sb_free(&b);
}

/* The address table sizes its columns from the content:
 * a long Type or a ten-digit index never shifts the columns. */
static void addrtable_columns_fit_content(void **s)
{
    (void)s;
    ipcfg_addrtable t = {0};
    ipcfg_addrrow *r = ipcfg_addrtable_push(&t);
    ipcfg_ip4(&r->addr, 10, 0, 0, 1);
    r->prefix_len = 24;
    r->ifindex = 2147483647u;
    r->flags = IPCFG_AT_SECONDARY | IPCFG_AT_DYNAMIC | IPCFG_AT_DISCONNECTED;
    ipcfg_addrtable_set_ifname(&t, r, "eth0", 4);
    r = ipcfg_addrtable_push(&t);
    ipcfg_ip4(&r->addr, 192, 168, 100, 200);
    ipcfg_ip4(&r->broadcast, 192, 168, 100, 255);
    r->prefix_len = 24;
    r->ifindex = 3;
    r->flags = IPCFG_AT_PRIMARY;
    ipcfg_addrtable_set_ifname(&t, r, "Local Area Connection* 3", strlen("Local Area Connection* 3"));
    ipcfg_strbuf b;
    ipcfg_sb_init(&b);
    ipcfg_fmt_addrtable(&b, &t);
    const char *text = ipcfg_sb_str(&b);
    const char *head = strstr(text, "   Address");
    assert_non_null(head);
    const char *l1 = strchr(head, '\n') + 1;
    const char *l2 = strchr(l1, '\n') + 1;
    size_t type_col = (size_t)(strstr(head, "Type") - head), if_col = (size_t)(strstr(head, "Interface") - head);
    size_t idx_end = (size_t)(strstr(head, "Index") - head) + 5;
    assert_memory_equal(l1 + type_col, "Secondary,Dynamic,Disconnected  ", 32);
    assert_memory_equal(l1 + if_col, "eth0\n", 5);
    assert_memory_equal(l2 + type_col, "Primary ", 8);
    assert_memory_equal(l2 + if_col, "Local Area Connection* 3\n", 26);
    /* the index right-aligned under "Index", a space before the widest */
    assert_memory_equal(l1 + idx_end - 10, "2147483647", 10);
    assert_int_equal(l1[idx_end - 11], ' ');
    assert_memory_equal(l2 + idx_end - 1, "3", 1);
    ipcfg_sb_free(&b);
    ipcfg_addrtable_free(&t);
}

/* The display form of text. */
static void display_form(void **s)
{
    (void)s;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"plain text\n", "plain text\n"},
        {"e\x1b[2J", "e\\x1b[2J"},
        {"tab\there", "tab\\x09here"},
        {"cr\r", "cr\\x0d"},
        {"del\x7f", "del\\x7f"},
        {"caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x98\x80", "caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x98\x80"},
        {"bad\xff", "bad\\xff"},
        {"cut\xe2\x9c", "cut\\xe2\\x9c"},
        {"overlong\xc0\xaf", "overlong\\xc0\\xaf"},
        {"surrogate\xed\xa0\x80", "surrogate\\xed\\xa0\\x80"},
        {"back\\slash", "back\\slash"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        ipcfg_strbuf b;
        ipcfg_sb_init(&b);
        ipcfg_text_display(&b, cases[i].in, strlen(cases[i].in));
        assert_string_equal(ipcfg_sb_str(&b), cases[i].out);
        ipcfg_sb_free(&b);
    }
    assert_int_equal(ipcfg_text_safe_span("ab\x1b", 3), 2);
    assert_int_equal(ipcfg_text_safe_span("a\xc3\xa9", 3), 3);
    assert_int_equal(ipcfg_text_safe_span("a\xc3", 2), 1); /* a character cut off at the end */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(labels_colon_at_37),
        cmocka_unit_test(times),
        cmocka_unit_test(expired_lease),
        cmocka_unit_test(failure_lines),
        cmocka_unit_test(json_strings),
        cmocka_unit_test(json_to_ascii),
        cmocka_unit_test(addrtable_columns_fit_content),
        cmocka_unit_test(display_form),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
