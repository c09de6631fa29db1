/* Command-line parsing: every verb, prefix, case, missing and extra
 * arguments, /timeout values.  SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include <stdio.h>

#include "cli.h"

static char msg[512];

/* Parses a NULL-terminated list of arguments. */
static int parse_v(ipcfg_cmd *c, const char *a0, ...)
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
    return ipcfg_cli_parse(argc, argv, c, msg, sizeof(msg));
}
#define PARSE(c, ...) parse_v(c, __VA_ARGS__, (const char *)NULL)

static void no_args_is_show(void **s)
{
    (void)s;
    ipcfg_cmd c;
    char *argv[] = {"ipcfg", NULL};
    assert_int_equal(ipcfg_cli_parse(1, argv, &c, msg, sizeof(msg)), 0);
    assert_int_equal(c.verb, IPCFG_V_SHOW);
    assert_int_equal(c.json, 0);
}

static void every_verb_every_prefix_and_case(void **s)
{
    (void)s;
    static const struct {
        const char *name;
        ipcfg_verb v;
    } verbs[] = {{"all", IPCFG_V_ALL},           {"release", IPCFG_V_RELEASE},   {"renew", IPCFG_V_RENEW},
                 {"addrtable", IPCFG_V_ADDRTABLE}, {"release6", IPCFG_V_RELEASE6}, {"renew6", IPCFG_V_RENEW6},
                 {"flushdns", IPCFG_V_FLUSHDNS},   {"displaydns", IPCFG_V_DISPLAYDNS}, {"version", IPCFG_V_VERSION},
                 {"registerdns", IPCFG_V_REGISTERDNS}};
    static const char *const prefixes[] = {"/", "-", "--"};
    for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
        for (size_t p = 0; p < 3; p++) {
            char arg[32], upper[32];
            snprintf(arg, sizeof(arg), "%s%s", prefixes[p], verbs[i].name);
            snprintf(upper, sizeof(upper), "%s", arg);
            for (char *q = upper; *q; q++)
                if (*q >= 'a' && *q <= 'z')
                    *q = (char)(*q - 32);
            ipcfg_cmd c;
            assert_int_equal(PARSE(&c, arg), 0);
            assert_int_equal(c.verb, verbs[i].v);
            assert_int_equal(PARSE(&c, upper), 0);
            assert_int_equal(c.verb, verbs[i].v);
        }
    }
}

static void help_forms(void **s)
{
    (void)s;
    static const char *const forms[] = {"/?", "-?", "/help", "--help", "-h", "/HELP", "-help"};
    for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
        ipcfg_cmd c;
        assert_int_equal(PARSE(&c, forms[i]), 0);
        assert_int_equal(c.verb, IPCFG_V_HELP);
    }
    ipcfg_cmd c;
    /* help wins even next to other arguments */
    assert_int_equal(PARSE(&c, "/all", "/?"), 0);
    assert_int_equal(c.verb, IPCFG_V_HELP);
    /* /h is an abbreviation, not a switch */
    assert_int_equal(PARSE(&c, "/h"), IPCFG_E_USAGE);
    assert_int_equal(PARSE(&c, "--h"), IPCFG_E_USAGE);
}

static void no_abbreviations_or_unknown(void **s)
{
    (void)s;
    ipcfg_cmd c;
    static const char *const bad[] = {"/a", "/al", "/rel", "/allx", "/", "-", "---", "/jso", "/renew66", "/timeout"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(PARSE(&c, bad[i]), IPCFG_E_USAGE);
        assert_string_equal(msg, ""); /* the generic line + usage */
    }
    assert_int_equal(PARSE(&c, "all"), IPCFG_E_USAGE);          /* positional before any verb */
    assert_int_equal(PARSE(&c, "/all", "/renew"), IPCFG_E_USAGE); /* two verbs */
    assert_int_equal(PARSE(&c, "/all", "eth0"), IPCFG_E_USAGE);   /* extra argument */
    assert_int_equal(PARSE(&c, "/addrtable", "x"), IPCFG_E_USAGE);
    assert_int_equal(PARSE(&c, "/version", "x"), IPCFG_E_USAGE);
    assert_int_equal(PARSE(&c, "/flushdns", "eth0"), IPCFG_E_USAGE); /* the DNS verbs take no argument */
    assert_int_equal(PARSE(&c, "/displaydns", "x"), IPCFG_E_USAGE);
    assert_int_equal(PARSE(&c, "/flush"), IPCFG_E_USAGE);
    assert_int_equal(PARSE(&c, "/flushdns", "/displaydns"), IPCFG_E_USAGE);
    assert_int_equal(PARSE(&c, "/registerdns", "eth0"), IPCFG_E_USAGE); /* no adapter: every lease */
    assert_int_equal(PARSE(&c, "/register"), IPCFG_E_USAGE);
    assert_int_equal(PARSE(&c, "/showclass"), IPCFG_E_USAGE);
    assert_int_equal(PARSE(&c, "/classid"), IPCFG_E_USAGE);
    assert_int_equal(PARSE(&c, "/setclassid6", "x"), IPCFG_E_USAGE);
    assert_int_equal(PARSE(&c, "/showclassid"), IPCFG_E_USAGE); /* the adapter is required */
    assert_string_equal(msg, "");
    assert_int_equal(PARSE(&c, "/setclassid"), IPCFG_E_USAGE);
    assert_string_equal(msg, "");
    assert_int_equal(PARSE(&c, "/showclassid", "a", "b"), IPCFG_E_USAGE);
    assert_int_equal(PARSE(&c, "/setclassid", "a", "b", "c"), IPCFG_E_USAGE);
    assert_int_equal(PARSE(&c, "/showclassid", "a", "/setclassid"), IPCFG_E_USAGE); /* two verbs */
    assert_int_equal(PARSE(&c, "/show"), IPCFG_E_USAGE); /* the listing's name is not a switch */
    assert_int_equal(PARSE(&c, "/h"), IPCFG_E_USAGE);    /* only -h is help */
}

/* The names every verb goes by in JSON ("command") */
static void verb_names(void **s)
{
    (void)s;
    static const struct {
        ipcfg_verb v;
        const char *name;
    } names[] = {{IPCFG_V_SHOW, "show"},         {IPCFG_V_ALL, "all"},           {IPCFG_V_RELEASE, "release"},
                 {IPCFG_V_RENEW, "renew"},       {IPCFG_V_ADDRTABLE, "addrtable"}, {IPCFG_V_ADD, "add"},
                 {IPCFG_V_DELETE, "delete"},     {IPCFG_V_RELEASE6, "release6"},  {IPCFG_V_RENEW6, "renew6"},
                 {IPCFG_V_FLUSHDNS, "flushdns"}, {IPCFG_V_DISPLAYDNS, "displaydns"}, {IPCFG_V_HELP, "help"},
                 {IPCFG_V_VERSION, "version"},   {IPCFG_V_REGISTERDNS, "registerdns"},
                 {IPCFG_V_SHOWCLASSID, "showclassid"}, {IPCFG_V_SETCLASSID, "setclassid"}};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        assert_string_equal(ipcfg_verb_name(names[i].v), names[i].name);
    assert_string_equal(ipcfg_verb_name((ipcfg_verb)99), "?");
    /* with /json, in any order */
    ipcfg_cmd c;
    assert_int_equal(PARSE(&c, "/json", "-FlushDNS"), 0);
    assert_int_equal(c.verb, IPCFG_V_FLUSHDNS);
    assert_true(c.json);
}

static void json_combines_with_any_verb(void **s)
{
    (void)s;
    ipcfg_cmd c;
    assert_int_equal(PARSE(&c, "/json"), 0);
    assert_int_equal(c.verb, IPCFG_V_SHOW);
    assert_true(c.json);
    assert_int_equal(PARSE(&c, "--JSON", "/all"), 0);
    assert_int_equal(c.verb, IPCFG_V_ALL);
    assert_true(c.json);
    assert_int_equal(PARSE(&c, "/renew", "Eth*", "-json"), 0);
    assert_int_equal(c.verb, IPCFG_V_RENEW);
    assert_string_equal(c.adapter, "Eth*");
    assert_true(c.json);
}

static void release_renew_adapter(void **s)
{
    (void)s;
    ipcfg_cmd c;
    assert_int_equal(PARSE(&c, "/release"), 0);
    assert_null(c.adapter);
    assert_int_equal(PARSE(&c, "/release", "Ethernet 2"), 0);
    assert_string_equal(c.adapter, "Ethernet 2");
    assert_int_equal(PARSE(&c, "/renew", "a", "b"), IPCFG_E_USAGE);
    assert_int_equal(PARSE(&c, "/renew", ""), IPCFG_E_USAGE);
    assert_string_equal(msg, "Error: the adapter name is empty.");
    assert_int_equal(PARSE(&c, "/renew6", "Eth*"), 0);
    assert_int_equal(c.verb, IPCFG_V_RENEW6);
}

static void timeout_values(void **s)
{
    (void)s;
    ipcfg_cmd c;
    assert_int_equal(PARSE(&c, "/renew", "/timeout:30"), 0);
    assert_true(c.has_timeout);
    assert_int_equal(c.timeout_s, 30);
    assert_int_equal(PARSE(&c, "/TIMEOUT:1", "/release"), 0);
    assert_int_equal(c.timeout_s, 1);
    assert_int_equal(PARSE(&c, "/renew", "/timeout:3600"), 0);
    assert_int_equal(c.timeout_s, 3600);
    static const char *const bad[] = {"/timeout:0",   "/timeout:-5", "/timeout:3601", "/timeout:99999999999999999999",
                                      "/timeout:abc", "/timeout:5s", "/timeout: 5",   "/timeout:+5"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(PARSE(&c, "/renew", bad[i]), IPCFG_E_USAGE);
        assert_non_null(strstr(msg, "invalid timeout"));
        assert_non_null(strstr(msg, bad[i] + 9)); /* names the bad value */
    }
    assert_int_equal(PARSE(&c, "/renew", "/timeout:"), IPCFG_E_USAGE);
    assert_int_equal(PARSE(&c, "/renew", "/timeout"), IPCFG_E_USAGE);
}

static void add_forms(void **s)
{
    (void)s;
    ipcfg_cmd c;
    char a[64];
    assert_int_equal(PARSE(&c, "/add", "Ethernet 2", "10.0.0.5", "255.255.255.0"), 0);
    assert_int_equal(c.verb, IPCFG_V_ADD);
    assert_string_equal(c.adapter, "Ethernet 2");
    assert_string_equal(ipcfg_ip_str(&c.add_addr, a, sizeof(a)), "10.0.0.5");
    assert_int_equal(c.add_prefix, 24);
    assert_int_equal(PARSE(&c, "/add", "eth0", "10.0.0.5", "/16"), 0);
    assert_int_equal(c.add_prefix, 16);
    assert_int_equal(PARSE(&c, "-ADD", "eth0", "10.0.0.5", "32"), 0);
    assert_int_equal(c.add_prefix, 32);
    assert_int_equal(PARSE(&c, "/add", "eth0", "10.0.0.5", "255.255.255.255"), 0);
    assert_int_equal(c.add_prefix, 32);
    /* missing arguments */
    assert_int_equal(PARSE(&c, "/add"), IPCFG_E_USAGE);
    assert_int_equal(PARSE(&c, "/add", "eth0"), IPCFG_E_USAGE);
    assert_int_equal(PARSE(&c, "/add", "eth0", "10.0.0.5"), IPCFG_E_USAGE);
    assert_int_equal(PARSE(&c, "/add", "eth0", "10.0.0.5", "24", "x"), IPCFG_E_USAGE);
    /* bad addresses name the argument */
    static const char *const badaddr[] = {"10.0.0.300", "10.0.0", "10.0.0.5.6", "010.0.0.5", "0x0a.0.0.5",
                                          "10..0.5",    "",       "fe80::1",    "167772165", " 10.0.0.5"};
    for (size_t i = 0; i < sizeof(badaddr) / sizeof(badaddr[0]); i++) {
        assert_int_equal(PARSE(&c, "/add", "eth0", badaddr[i], "24"), IPCFG_E_USAGE);
        char want[80];
        snprintf(want, sizeof(want), "\"%s\"", badaddr[i]);
        assert_non_null(strstr(msg, want));
    }
    static const char *const notunicast[] = {"0.0.0.0", "224.0.0.1", "255.255.255.255", "240.1.2.3"};
    for (size_t i = 0; i < sizeof(notunicast) / sizeof(notunicast[0]); i++) {
        assert_int_equal(PARSE(&c, "/add", "eth0", notunicast[i], "24"), IPCFG_E_USAGE);
        assert_non_null(strstr(msg, "unicast"));
    }
    /* bad masks name the argument */
    static const char *const badmask[] = {"255.0.255.0", "255.255.255.1", "0.0.0.0", "33",  "/33", "0",
                                          "/0",          "024",           "-24",     "abc", "24x"};
    for (size_t i = 0; i < sizeof(badmask) / sizeof(badmask[0]); i++) {
        assert_int_equal(PARSE(&c, "/add", "eth0", "10.0.0.5", badmask[i]), IPCFG_E_USAGE);
        char want[80];
        snprintf(want, sizeof(want), "\"%s\"", badmask[i]);
        assert_non_null(strstr(msg, want));
        assert_non_null(strstr(msg, "subnet mask"));
    }
}

static void delete_forms(void **s)
{
    (void)s;
    ipcfg_cmd c;
    char a[64];
    assert_int_equal(PARSE(&c, "/delete", "10.0.0.5"), 0);
    assert_false(c.del_by_context);
    assert_string_equal(ipcfg_ip_str(&c.del_addr, a, sizeof(a)), "10.0.0.5");
    assert_int_equal(PARSE(&c, "/delete", "42"), 0);
    assert_true(c.del_by_context);
    assert_int_equal(c.del_context, 42);
    assert_int_equal(PARSE(&c, "/delete", "4294967295"), 0);
    assert_int_equal(c.del_context, 4294967295u);
    assert_int_equal(PARSE(&c, "/delete", "4294967296"), IPCFG_E_USAGE);
    assert_non_null(strstr(msg, "\"4294967296\""));
    assert_int_equal(PARSE(&c, "/delete", "10.0.0.256"), IPCFG_E_USAGE);
    assert_non_null(strstr(msg, "\"10.0.0.256\""));
    assert_int_equal(PARSE(&c, "/delete"), IPCFG_E_USAGE);
    assert_int_equal(PARSE(&c, "/delete", "1", "2"), IPCFG_E_USAGE);
}

/* "--" ends the switches; a switch where an argument belongs is an error
 * with a hint to use "--" (docs/wildcards.md). */
static void dashdash_and_switches_in_argument_positions(void **s)
{
    (void)s;
    ipcfg_cmd c;
    assert_int_equal(PARSE(&c, "--"), 0);
    assert_int_equal(c.verb, IPCFG_V_SHOW);
    assert_int_equal(PARSE(&c, "/add", "--", "-help", "10.61.0.1", "24"), 0);
    assert_int_equal(c.verb, IPCFG_V_ADD);
    assert_string_equal(c.adapter, "-help");
    assert_int_equal(PARSE(&c, "/release", "--", "-h"), 0);
    assert_string_equal(c.adapter, "-h");
    assert_int_equal(PARSE(&c, "/renew", "/json", "--", "/all"), 0);
    assert_string_equal(c.adapter, "/all");
    assert_true(c.json);
    assert_int_equal(PARSE(&c, "/add", "--", "/json", "10.0.0.5", "24"), 0);
    assert_string_equal(c.adapter, "/json");
    assert_false(c.json);
    /* after "--" even help is an argument */
    assert_int_equal(PARSE(&c, "/release", "--", "/?"), 0);
    assert_string_equal(c.adapter, "/?");

    /* a switch where an argument belongs: exit 1 with the hint, never help */
    static const char *const in_slot[][5] = {
        {"/add", "-help", "10.61.0.1", "24", NULL}, {"/add", "-h", "10.61.0.1", "24", NULL},
        {"/release", "-h", NULL},                   {"/renew", "/?", NULL},
        {"/release", "/all", NULL},                 {"/renew", "-eth0", NULL},
        {"/add", "/json", "10.61.0.1", "24", NULL}, {"/delete", "/json", NULL},
    };
    for (size_t i = 0; i < sizeof(in_slot) / sizeof(in_slot[0]); i++) {
        const char *const *v = in_slot[i];
        int rc = v[2] == NULL ? PARSE(&c, v[0], v[1]) : PARSE(&c, v[0], v[1], v[2], v[3]);
        assert_int_equal(rc, IPCFG_E_USAGE);
        char want[80];
        snprintf(want, sizeof(want), "Error: \"%s\" is a switch where ", v[1]);
        assert_true(strncmp(msg, want, strlen(want)) == 0);
        assert_non_null(strstr(msg, "put -- before it."));
    }
    assert_int_equal(PARSE(&c, "/delete", "/json"), IPCFG_E_USAGE);
    assert_non_null(strstr(msg, "where an address or context is expected"));
    /* options where an optional argument could stand stay options */
    assert_int_equal(PARSE(&c, "/release", "/json"), 0);
    assert_null(c.adapter);
    assert_true(c.json);
    assert_int_equal(PARSE(&c, "/add", "/json", "eth0", "10.0.0.5", "24"), 0);
    assert_string_equal(c.adapter, "eth0");
    /* help outside an argument position still wins */
    assert_int_equal(PARSE(&c, "-h", "/add", "x", "10.0.0.5", "24"), 0);
    assert_int_equal(c.verb, IPCFG_V_HELP);
    assert_int_equal(PARSE(&c, "/add", "x", "10.0.0.5", "24", "-h"), 0);
    assert_int_equal(c.verb, IPCFG_V_HELP);
    assert_int_equal(PARSE(&c, "/bogus", "/?"), 0);
    assert_int_equal(c.verb, IPCFG_V_HELP);
}

/* No interface can hold an address of 0.0.0.0/8, nor the network or
 * broadcast address of its subnet (prefix /30 or shorter). */
static void add_rejects_network_and_broadcast(void **s)
{
    (void)s;
    ipcfg_cmd c;
    assert_int_equal(PARSE(&c, "/add", "eth0", "0.1.2.3", "24"), IPCFG_E_USAGE);
    assert_string_equal(msg, "Error: \"0.1.2.3\" is in 0.0.0.0/8 (\"this network\"), which no interface can hold.");
    assert_int_equal(PARSE(&c, "/add", "eth0", "1.2.3.255", "24"), IPCFG_E_USAGE);
    assert_string_equal(msg, "Error: \"1.2.3.255\" is the broadcast address of 1.2.3.0/24.");
    assert_int_equal(PARSE(&c, "/add", "eth0", "1.2.3.0", "255.255.255.0"), IPCFG_E_USAGE);
    assert_string_equal(msg, "Error: \"1.2.3.0\" is the network address of 1.2.3.0/24.");
    assert_int_equal(PARSE(&c, "/add", "eth0", "10.0.0.3", "/30"), IPCFG_E_USAGE);
    assert_non_null(strstr(msg, "broadcast address of 10.0.0.0/30"));
    assert_int_equal(PARSE(&c, "/add", "eth0", "10.0.0.4", "30"), IPCFG_E_USAGE);
    assert_non_null(strstr(msg, "network address of 10.0.0.4/30"));
    assert_int_equal(PARSE(&c, "/add", "eth0", "10.255.255.255", "8"), IPCFG_E_USAGE);
    /* /31 and /32 have neither */
    assert_int_equal(PARSE(&c, "/add", "eth0", "10.0.0.4", "31"), 0);
    assert_int_equal(PARSE(&c, "/add", "eth0", "10.0.0.5", "31"), 0);
    assert_int_equal(PARSE(&c, "/add", "eth0", "10.0.0.0", "32"), 0);
    assert_int_equal(PARSE(&c, "/add", "eth0", "10.0.0.255", "32"), 0);
    /* ordinary hosts */
    assert_int_equal(PARSE(&c, "/add", "eth0", "1.2.3.254", "24"), 0);
    assert_int_equal(PARSE(&c, "/add", "eth0", "1.2.3.1", "24"), 0);
    assert_int_equal(PARSE(&c, "/add", "eth0", "1.0.0.0", "16"), IPCFG_E_USAGE);
    assert_int_equal(PARSE(&c, "/add", "eth0", "1.0.1.0", "16"), 0);
}

/* /showclassid adapter and /setclassid adapter [classid]: one adapter
 * argument (a name or a wildcard), the class optional (none or "" clears
 * it); every prefix and case. */
static void classid_forms(void **s)
{
    (void)s;
    ipcfg_cmd c;
    static const char *const show[] = {"/showclassid", "-SHOWCLASSID", "--ShowClassId"};
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(PARSE(&c, show[i], "Ethernet 2"), 0);
        assert_int_equal(c.verb, IPCFG_V_SHOWCLASSID);
        assert_string_equal(c.adapter, "Ethernet 2");
        assert_null(c.classid);
    }
    assert_int_equal(PARSE(&c, "/showclassid", "*", "/json"), 0);
    assert_string_equal(c.adapter, "*");
    assert_true(c.json);
    static const char *const set[] = {"/setclassid", "-SETCLASSID", "--SetClassID"};
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(PARSE(&c, set[i], "eth0", "lab-floor3"), 0);
        assert_int_equal(c.verb, IPCFG_V_SETCLASSID);
        assert_string_equal(c.adapter, "eth0");
        assert_string_equal(c.classid, "lab-floor3");
    }
    /* no class, or an empty one: cleared */
    assert_int_equal(PARSE(&c, "/setclassid", "eth0"), 0);
    assert_string_equal(c.classid, "");
    assert_int_equal(PARSE(&c, "/setclassid", "eth0", ""), 0);
    assert_string_equal(c.classid, "");
    /* an option where the optional class could stand stays an option */
    assert_int_equal(PARSE(&c, "/setclassid", "eth0", "/json"), 0);
    assert_string_equal(c.classid, "");
    assert_true(c.json);
    /* any printable text: blanks, shell characters, non-ASCII */
    assert_int_equal(PARSE(&c, "/setclassid", "Wi-Fi*", "Lab $(id); `x` caf\xc3\xa9 \xe2\x9c\x93"), 0);
    assert_string_equal(c.classid, "Lab $(id); `x` caf\xc3\xa9 \xe2\x9c\x93");
    /* a class that starts like a switch: after "--" */
    assert_int_equal(PARSE(&c, "/setclassid", "eth0", "-lab"), IPCFG_E_USAGE);
    assert_string_equal(msg, "Error: \"-lab\" is a switch where a class ID is expected; to give an argument that "
                             "starts with / or -, put -- before it.");
    assert_int_equal(PARSE(&c, "/setclassid", "eth0", "--", "-lab"), 0);
    assert_string_equal(c.classid, "-lab");
    assert_int_equal(PARSE(&c, "/showclassid", "-eth0"), IPCFG_E_USAGE);
    assert_non_null(strstr(msg, "where an adapter name is expected"));
    assert_int_equal(PARSE(&c, "/showclassid", ""), IPCFG_E_USAGE);
    assert_string_equal(msg, "Error: the adapter name is empty.");
    assert_int_equal(PARSE(&c, "/setclassid", "", "x"), IPCFG_E_USAGE);
    assert_string_equal(msg, "Error: the adapter name is empty.");
}

/* The class is at most 255 bytes (the bytes count, as DHCP option 77's
 * length octet counts them), UTF-8 text without control characters. */
static void classid_limits(void **s)
{
    (void)s;
    ipcfg_cmd c;
    char big[300];
    memset(big, 'x', 255);
    big[255] = '\0';
    assert_int_equal(PARSE(&c, "/setclassid", "eth0", big), 0);
    assert_int_equal(strlen(c.classid), 255);
    big[255] = 'x';
    big[256] = '\0';
    assert_int_equal(PARSE(&c, "/setclassid", "eth0", big), IPCFG_E_USAGE);
    assert_string_equal(msg, "Error: the class ID is 256 bytes long; at most 255 bytes are allowed.");
    /* 128 characters, 256 bytes: too long; 127 and one ASCII byte: 255, fine */
    for (size_t i = 0; i < 256; i += 2) {
        big[i] = '\xc3';
        big[i + 1] = '\xa9';
    }
    big[256] = '\0';
    assert_int_equal(PARSE(&c, "/setclassid", "eth0", big), IPCFG_E_USAGE);
    assert_non_null(strstr(msg, "256 bytes long"));
    big[254] = 'x';
    big[255] = '\0';
    assert_int_equal(PARSE(&c, "/setclassid", "eth0", big), 0);

    static const struct {
        const char *arg, *want;
    } bad[] = {
        {"a\tb", "Error: the class ID holds a control character (byte 2); it must be printable text."},
        {"lab\n", "Error: the class ID holds a control character (byte 4); it must be printable text."},
        {"\x1b[2J", "Error: the class ID holds a control character (byte 1); it must be printable text."},
        {"ab\x7f", "Error: the class ID holds a control character (byte 3); it must be printable text."},
        {"x\xc2\x9b" "1m", "Error: the class ID holds a control character (byte 2); it must be printable text."},
        {"caf\xe9", "Error: the class ID is not valid UTF-8 text (byte 4)."},
        {"\xff", "Error: the class ID is not valid UTF-8 text (byte 1)."},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(PARSE(&c, "/setclassid", "eth0", bad[i].arg), IPCFG_E_USAGE);
        assert_string_equal(msg, bad[i].want);
    }
    /* the first error is kept; help still wins */
    assert_int_equal(PARSE(&c, "/setclassid", "eth0", "a\tb", "/timeout:0"), IPCFG_E_USAGE);
    assert_non_null(strstr(msg, "invalid timeout"));
    assert_int_equal(PARSE(&c, "/setclassid", "eth0", "a\tb", "/?"), 0);
    assert_int_equal(c.verb, IPCFG_V_HELP);
}

/* /hostname:NAME anywhere on the line, in every prefix style and case;
 * "/hostname:" sends none; a name that is not a host name is a
 * command-line error naming it. */
static void hostname_forms(void **s)
{
    (void)s;
    ipcfg_cmd c;
    assert_int_equal(PARSE(&c, "/renew", "eth0", "/hostname:web01"), 0);
    assert_true(c.has_hostname);
    assert_string_equal(c.hostname, "web01");
    assert_string_equal(c.adapter, "eth0");
    assert_int_equal(PARSE(&c, "/renew", "eth0"), 0);
    assert_false(c.has_hostname);
    assert_null(c.hostname);
    assert_int_equal(PARSE(&c, "-HOSTNAME:Web01.Corp.Example.", "/renew"), 0);
    assert_string_equal(c.hostname, "Web01.Corp.Example.");
    assert_int_equal(PARSE(&c, "--HostName:a-1.b2", "/registerdns"), 0);
    assert_int_equal(c.verb, IPCFG_V_REGISTERDNS);
    assert_string_equal(c.hostname, "a-1.b2");
    /* where the optional adapter could stand, it stays an option */
    assert_int_equal(PARSE(&c, "/renew", "/hostname:web01", "eth0"), 0);
    assert_string_equal(c.adapter, "eth0");
    assert_string_equal(c.hostname, "web01");
    /* none */
    assert_int_equal(PARSE(&c, "/renew", "/hostname:"), 0);
    assert_true(c.has_hostname);
    assert_string_equal(c.hostname, "");
    /* /registerdns registers a name: "none" is for /renew */
    assert_int_equal(PARSE(&c, "/registerdns", "/hostname:"), IPCFG_E_USAGE);
    assert_string_equal(msg, "Error: /registerdns registers a name; /hostname: without one is for /renew.");
    /* accepted with any verb, as /timeout is; used by /renew and /registerdns */
    assert_int_equal(PARSE(&c, "/all", "/hostname:web01"), 0);
    assert_int_equal(c.verb, IPCFG_V_ALL);
    /* no colon: an unknown switch */
    assert_int_equal(PARSE(&c, "/renew", "eth0", "/hostname"), IPCFG_E_USAGE);
    assert_string_equal(msg, "");
    assert_int_equal(PARSE(&c, "/renew", "/hostname"), IPCFG_E_USAGE); /* where the adapter could stand */
    assert_non_null(strstr(msg, "\"/hostname\" is a switch where an adapter name is expected"));
    assert_int_equal(PARSE(&c, "/renew", "/hostnam:x"), IPCFG_E_USAGE);

    char label64[80], name254[300], ok253[300];
    memset(label64, 'a', 64);
    label64[64] = '\0';
    memset(ok253, 'a', 253);
    ok253[63] = ok253[127] = ok253[191] = '.';
    ok253[253] = '\0';
    memcpy(name254, ok253, 254);
    name254[253] = 'b';
    name254[254] = '\0';
    static char arg[400];
    snprintf(arg, sizeof(arg), "/hostname:%s", ok253);
    assert_int_equal(PARSE(&c, "/renew", arg), 0);
    assert_int_equal(strlen(c.hostname), 253);
    const char *const bad[] = {"bad_name", "-web", "web-", "a..b", ".", ".web", "web..", "caf\xc3\xa9", "a b",
                               "a;b", "$(id)", "a\x1b", "*", label64, name254};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        snprintf(arg, sizeof(arg), "/hostname:%s", bad[i]);
        assert_int_equal(PARSE(&c, "/renew", "eth0", arg), IPCFG_E_USAGE);
        char want[300];
        snprintf(want, sizeof(want), "Error: \"%.40s", bad[i]);
        assert_true(strncmp(msg, want, strlen(want)) == 0);
        assert_non_null(strstr(msg, "is not a valid host name"));
    }
    /* the first error is kept: the host name before the timeout, and the
     * other way round */
    assert_int_equal(PARSE(&c, "/renew", "/hostname:a_b", "/timeout:0"), IPCFG_E_USAGE);
    assert_non_null(strstr(msg, "\"a_b\" is not a valid host name"));
    assert_int_equal(PARSE(&c, "/renew", "/timeout:0", "/hostname:a_b"), IPCFG_E_USAGE);
    assert_non_null(strstr(msg, "invalid timeout"));
    assert_int_equal(PARSE(&c, "/?", "/renew", "/hostname:a_b"), 0);
    assert_int_equal(c.verb, IPCFG_V_HELP);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_args_is_show),
        cmocka_unit_test(every_verb_every_prefix_and_case),
        cmocka_unit_test(help_forms),
        cmocka_unit_test(no_abbreviations_or_unknown),
        cmocka_unit_test(verb_names),
        cmocka_unit_test(json_combines_with_any_verb),
        cmocka_unit_test(release_renew_adapter),
        cmocka_unit_test(timeout_values),
        cmocka_unit_test(add_forms),
        cmocka_unit_test(delete_forms),
        cmocka_unit_test(dashdash_and_switches_in_argument_positions),
        cmocka_unit_test(add_rejects_network_and_broadcast),
        cmocka_unit_test(classid_forms),
        cmocka_unit_test(classid_limits),
        cmocka_unit_test(hostname_forms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
