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
    "Subnet Mask", "Lease Obtained", "Lease Expires", "Default Gateway", "DHCP Server", "DHCPv6 IAID",
    "DHCPv6 Client DUID", "DNS Servers", "NetBIOS over Tcpip"};

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

/* ---- the DHCPv6 lease: where /all shows it (docs/verbs/all.md) ---- */

static void ip6(ipcfg_ip *ip, const char *s)
{
    assert_int_equal(ipcfg_ip6_parse(s, ip), 0);
}

/* An adapter with a DHCPv6 lease in list l: the kernel lists a SLAAC
 * address before the lease's (and a link-local one); the DHCPv4 side has
 * a DNS server and a search list of its own. */
static ipcfg_adapter *v6_adapter(ipcfg_adapter_list *l)
{
    ipcfg_adapter *a = ipcfg_adapters_push(l);
    ipcfg_adapter_set_name(l, a, "c0", 2);
    a->type = IPCFG_IF_ETHERNET;
    a->media_connected = 1;
    a->dhcp_enabled = IPCFG_NO;
    static const char *const addrs[] = {"2001:db8::5054:ff:fe00:1", "2001:db8::1d4", "fe80::1"};
    for (size_t i = 0; i < 3; i++) {
        ipcfg_addr *ad = ipcfg_adapter_add_addr(a);
        ip6(&ad->ip, addrs[i]);
        ad->prefix_len = i == 1 ? 128 : 64;
    }
    ipcfg_ip ip;
    ipcfg_ip4(&ip, 192, 0, 2, 53);
    ipcfg_adapter_add_dns(a, &ip);
    ipcfg_adapter_add_conn_search(l, a, "corp.example", 12);
    ipcfg_adapter_add_conn_search(l, a, "example", 7);
    a->has_dhcpv6_iaid = 1;
    a->dhcpv6_iaid = 351866565;
    ipcfg_adapter_set_dhcpv6_duid(l, a, (const uint8_t *)"\x00\x01\x00\x01\x2A\x15\xC3\x11\x1C\xD3\x05\xF1\x58\xE1",
                                  14);
    ipcfg_lease6 *ls = ipcfg_adapter_add_lease6(l, a);
    ls->obtained = 1474265496;
    ip6(&ip, "2001:db8::1d4");
    ipcfg_lease6_add_addr(ls, &ip, 1474265496 + 3600, 1474265496 + 7200);
    ls->expires = 1474265496 + 7200;
    ip6(&ip, "2001:db8::53");
    ipcfg_lease6_add_dns(ls, &ip);
    ipcfg_lease6_add_dns(ls, &ip); /* a server named twice */
    ip6(&ip, "2001:db8::54");
    ipcfg_lease6_add_dns(ls, &ip);
    ipcfg_lease6_add_domain(l, ls, "lab.example", 11);
    ipcfg_lease6_add_domain(l, ls, "CORP.Example", 12); /* the DHCPv4 list has it */
    ipcfg_lease6_add_domain(l, ls, "lab.example", 11);  /* and again */
    ipcfg_lease6_add_domain(l, ls, "v6.example", 10);
    return a;
}

static const char *fmt(ipcfg_strbuf *b, const ipcfg_adapter *a, int all)
{
    ipcfg_sb_reset(b);
    ipcfg_fmt_adapter(b, a, all);
    return ipcfg_sb_str(b);
}

/* The lease's address first among the IPv6 Address lines, its lease
 * lines under it (/all only), as in captures of Windows 10, 11 and
 * Server; IAID and DUID after DHCP Server's place, before DNS Servers;
 * the lease's DNS servers first, then the others, none twice; the search
 * list: the adapter's own, then the lease's domains not in it yet. */
static void lease6_all_layout(void **s)
{
    (void)s;
    ipcfg_adapter_list l = {0};
    ipcfg_adapter *a = v6_adapter(&l);
    ipcfg_strbuf b;
    ipcfg_sb_init(&b);
    assert_string_equal(fmt(&b, a, 1),
                        "\nEthernet adapter c0:\n\n"
                        "   Connection-specific DNS Suffix  . : \n"
                        "   Physical Address. . . . . . . . . : \n"
                        "   DHCP Enabled. . . . . . . . . . . : No\n"
                        "   IPv6 Address. . . . . . . . . . . : 2001:db8::1d4(Preferred) \n"
                        "   Lease Obtained. . . . . . . . . . : Monday, September 19, 2016 6:11:36 AM\n"
                        "   Lease Expires . . . . . . . . . . : Monday, September 19, 2016 8:11:36 AM\n"
                        "   IPv6 Address. . . . . . . . . . . : 2001:db8::5054:ff:fe00:1(Preferred) \n"
                        "   Link-local IPv6 Address . . . . . : fe80::1(Preferred) \n"
                        "   Default Gateway . . . . . . . . . : \n"
                        "   DHCPv6 IAID . . . . . . . . . . . : 351866565\n"
                        "   DHCPv6 Client DUID. . . . . . . . : 00-01-00-01-2A-15-C3-11-1C-D3-05-F1-58-E1\n"
                        "   DNS Servers . . . . . . . . . . . : 2001:db8::53\n"
                        "                                       2001:db8::54\n"
                        "                                       192.0.2.53\n"
                        "   Connection-specific DNS Suffix Search List :\n"
                        "                                       corp.example\n"
                        "                                       example\n"
                        "                                       lab.example\n"
                        "                                       v6.example\n");
    /* the brief listing: the same order, no lease lines */
    assert_string_equal(fmt(&b, a, 0), "\nEthernet adapter c0:\n\n"
                                       "   Connection-specific DNS Suffix  . : \n"
                                       "   IPv6 Address. . . . . . . . . . . : 2001:db8::1d4\n"
                                       "   IPv6 Address. . . . . . . . . . . : 2001:db8::5054:ff:fe00:1\n"
                                       "   Link-local IPv6 Address . . . . . : fe80::1\n"
                                       "   Default Gateway . . . . . . . . . : \n");
    /* JSON: the same merged lists */
    ipcfg_sb_reset(&b);
    ipcfg_json_adapter(&b, a, 1, 0);
    const char *j = ipcfg_sb_str(&b);
    assert_non_null(strstr(j, "\"dns_servers\": [\"2001:db8::53\", \"2001:db8::54\", \"192.0.2.53\"]"));
    assert_non_null(
        strstr(j, "\"dns_suffix_search_list\": [\"corp.example\", \"example\", \"lab.example\", \"v6.example\"]"));
    /* the lease object keeps the lease's own lists as the server gave them */
    assert_non_null(strstr(j, "\"domain_search_list\": [\"lab.example\", \"CORP.Example\", \"lab.example\", "
                              "\"v6.example\"]"));
    assert_non_null(strstr(j, "\"iaid\": 351866565,\n"));
    assert_non_null(strstr(j, "\"state\": \"bound\""));
    ipcfg_sb_free(&b);
    ipcfg_adapters_free(&l);
}

/* Without a DHCPv6 lease (Windows, always) the platform's lists are shown
 * exactly as it gave them, a repeat included (raw captures of Windows
 * show one). */
static void platform_lists_as_given(void **s)
{
    (void)s;
    ipcfg_adapter_list l = {0};
    ipcfg_adapter *a = v6_adapter(&l);
    a->lease6 = NULL;
    ipcfg_ip ip;
    ip6(&ip, "2001:db8::53");
    ipcfg_adapter_add_dns(a, &ip);
    ipcfg_ip4(&ip, 192, 0, 2, 53);
    ipcfg_adapter_add_dns(a, &ip);
    ipcfg_adapter_add_conn_search(&l, a, "example", 7);
    size_t pos = 0;
    const ipcfg_ip *d[5];
    size_t n = 0;
    while (n < 5 && (d[n] = ipcfg_view_dns_next(a, &pos)) != NULL)
        n++;
    assert_int_equal(n, 3);
    assert_ptr_equal(d[0], &a->dns_servers[0]);
    assert_ptr_equal(d[2], &a->dns_servers[2]);
    pos = 0;
    const char *t[5];
    n = 0;
    while (n < 5 && (t[n] = ipcfg_view_search_next(a, &pos)) != NULL)
        n++;
    assert_int_equal(n, 3);
    assert_string_equal(t[2], "example");
    /* a lease's server the platform also lists is shown once, first; the
     * platform's own list stays as it gave it */
    ipcfg_lease6 *ls = ipcfg_adapter_add_lease6(&l, a);
    ip6(&ip, "2001:db8::53");
    ipcfg_lease6_add_dns(ls, &ip);
    pos = 0;
    n = 0;
    while (n < 5 && (d[n] = ipcfg_view_dns_next(a, &pos)) != NULL)
        n++;
    assert_int_equal(n, 3);
    assert_ptr_equal(d[0], &ls->dns[0]);
    assert_ptr_equal(d[1], &a->dns_servers[0]);
    assert_ptr_equal(d[2], &a->dns_servers[2]);
    ipcfg_adapters_free(&l);
}

/* A DHCPv6 lease that expired shows nothing as current in /all: no lease
 * lines (even under an address the kernel still lists), no DNS servers
 * or domains from it; IAID and DUID stay (the adapter's identity).
 * /json keeps the record, "expired", not kept. */
static void expired_lease6(void **s)
{
    (void)s;
    ipcfg_adapter_list l = {0};
    ipcfg_adapter *a = v6_adapter(&l);
    a->lease6->state = IPCFG_LEASE6_EXPIRED;
    a->lease6->kept = IPCFG_NO;
    ipcfg_strbuf b;
    ipcfg_sb_init(&b);
    const char *t = fmt(&b, a, 1);
    assert_null(strstr(t, "Lease"));
    assert_null(strstr(t, "2001:db8::53"));
    assert_null(strstr(t, "lab.example"));
    assert_non_null(strstr(t, "   IPv6 Address. . . . . . . . . . . : 2001:db8::5054:ff:fe00:1(Preferred) \n"
                              "   IPv6 Address. . . . . . . . . . . : 2001:db8::1d4(Preferred) \n"));
    assert_non_null(strstr(t, "   DHCPv6 IAID . . . . . . . . . . . : 351866565\n"));
    assert_non_null(strstr(t, "   DNS Servers . . . . . . . . . . . : 192.0.2.53\n"
                              "   Connection-specific DNS Suffix Search List :\n"
                              "                                       corp.example\n"
                              "                                       example\n"));
    ipcfg_sb_reset(&b);
    ipcfg_json_adapter(&b, a, 1, 0);
    const char *j = ipcfg_sb_str(&b);
    assert_non_null(strstr(j, "\"state\": \"expired\""));
    assert_non_null(strstr(j, "\"kept\": false,\n"));
    assert_non_null(strstr(j, "\"dns_servers\": [\"2001:db8::53\", \"2001:db8::53\", \"2001:db8::54\"]"));
    assert_non_null(strstr(j, "\"dns_servers\": [\"192.0.2.53\"]"));
    assert_non_null(strstr(j, "\"dns_suffix_search_list\": [\"corp.example\", \"example\"]"));
    ipcfg_sb_free(&b);
    ipcfg_adapters_free(&l);
}

/* An infinite lifetime: /all shows it as Windows does, 2^32-1 seconds
 * after the lease was obtained; /json has null for each time that never
 * comes.  A configuration-only lease: no lease lines, its DNS servers and
 * domains shown, "stateless". */
static void lease6_infinite_and_stateless(void **s)
{
    (void)s;
    ipcfg_adapter_list l = {0};
    ipcfg_adapter *a = v6_adapter(&l);
    a->lease6->addrs[0].preferred_until = a->lease6->addrs[0].valid_until = IPCFG_TIME_NEVER;
    a->lease6->expires = IPCFG_TIME_NEVER;
    ipcfg_strbuf b;
    ipcfg_sb_init(&b);
    assert_non_null(strstr(fmt(&b, a, 1), "   Lease Expires . . . . . . . . . . : Thursday, October 26, 2152 12:39:51 PM\n"));
    ipcfg_sb_reset(&b);
    ipcfg_json_adapter(&b, a, 1, 0);
    const char *j = ipcfg_sb_str(&b);
    assert_non_null(strstr(j, "\"expires\": null,\n"));
    assert_non_null(strstr(j, "\"expires_unix\": null,\n"));
    assert_non_null(strstr(j, "\"t1\": null,\n"));
    assert_non_null(strstr(j, "{\"address\": \"2001:db8::1d4\", \"preferred_until\": null, \"preferred_until_unix\": "
                              "null, \"valid_until\": null, \"valid_until_unix\": null}"));
    assert_non_null(strstr(j, "\"obtained_unix\": 1474265496,\n"));

    a->lease6->state = IPCFG_LEASE6_STATELESS;
    a->lease6->n_addrs = 0;
    const char *t = fmt(&b, a, 1);
    assert_null(strstr(t, "Lease"));
    assert_non_null(strstr(t, "   DNS Servers . . . . . . . . . . . : 2001:db8::53\n"));
    assert_non_null(strstr(t, "                                       v6.example\n"));
    ipcfg_sb_reset(&b);
    ipcfg_json_adapter(&b, a, 1, 0);
    assert_non_null(strstr(ipcfg_sb_str(&b), "\"state\": \"stateless\""));
    assert_non_null(strstr(ipcfg_sb_str(&b), "\"addresses\": [],\n"));
    ipcfg_sb_free(&b);
    ipcfg_adapters_free(&l);
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
        cmocka_unit_test(lease6_all_layout),
        cmocka_unit_test(platform_lists_as_given),
        cmocka_unit_test(expired_lease6),
        cmocka_unit_test(lease6_infinite_and_stateless),
        cmocka_unit_test(failure_lines),
        cmocka_unit_test(json_strings),
        cmocka_unit_test(json_to_ascii),
        cmocka_unit_test(addrtable_columns_fit_content),
        cmocka_unit_test(display_form),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
