/* ipcfg — command-line parsing.  Pure: no I/O, no platform.
 * SPDX-License-Identifier: MIT */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Every verb: its name (the switch, and "command" in JSON), whether that
 * name is a switch, and how many arguments it takes (at least, at most). */
static const struct verb_info {
    const char *name;
    int is_switch;
    int min_args, max_args;
} verbs[] = {
    [IPCFG_V_SHOW] = {"show", 0, 0, 0},
    [IPCFG_V_ALL] = {"all", 1, 0, 0},
    [IPCFG_V_RELEASE] = {"release", 1, 0, 1},
    [IPCFG_V_RENEW] = {"renew", 1, 0, 1},
    [IPCFG_V_ADDRTABLE] = {"addrtable", 1, 0, 0},
    [IPCFG_V_ADD] = {"add", 1, 3, 3},
    [IPCFG_V_DELETE] = {"delete", 1, 1, 1},
    [IPCFG_V_RELEASE6] = {"release6", 1, 0, 1},
    [IPCFG_V_RENEW6] = {"renew6", 1, 0, 1},
    [IPCFG_V_FLUSHDNS] = {"flushdns", 1, 0, 0},
    [IPCFG_V_DISPLAYDNS] = {"displaydns", 1, 0, 0},
    [IPCFG_V_REGISTERDNS] = {"registerdns", 1, 0, 0},
    [IPCFG_V_SHOWCLASSID] = {"showclassid", 1, 1, 1},
    [IPCFG_V_SETCLASSID] = {"setclassid", 1, 1, 2},
    [IPCFG_V_HELP] = {"help", 0, 0, 0}, /* its switches: /?, /help, -h (below) */
    [IPCFG_V_VERSION] = {"version", 1, 0, 0},
};
#define N_VERBS (sizeof(verbs) / sizeof(verbs[0]))

const char *ipcfg_verb_name(ipcfg_verb v)
{
    return (size_t)v < N_VERBS && verbs[v].name ? verbs[v].name : "?";
}

static int ascii_ieq(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x + 32);
        if (y >= 'A' && y <= 'Z')
            y = (char)(y + 32);
        if (x != y)
            return 0;
    }
    return 1;
}

/* The text after a switch prefix ("/", "-" or "--"), or NULL when the
 * argument is not switch-shaped.  A slash or dash followed by a digit is a
 * value (a prefix length such as "/24"), not a switch. */
static const char *switch_body(const char *a)
{
    const char *b;
    if (a[0] == '-' && a[1] == '-')
        b = a + 2;
    else if (a[0] == '/' || a[0] == '-')
        b = a + 1;
    else
        return NULL;
    if (*b >= '0' && *b <= '9')
        return NULL;
    return b;
}

IPCFG_PRINTF(3, 4)
static int set_msg(char *msg, size_t len, const char *fmt, ...)
{
    if (msg && len) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(msg, len, fmt, ap);
        va_end(ap);
        if (n >= (int)len)
            ipcfg_utf8_cut(msg, len, "..."); /* never inside a character, and visibly */
    }
    return IPCFG_E_USAGE;
}

/* Whole seconds 1..IPCFG_TIMEOUT_MAX, decimal digits only. */
static int parse_timeout(const char *v, unsigned *out)
{
    unsigned long n = 0;
    if (!*v)
        return -1;
    for (const char *p = v; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        n = n * 10 + (unsigned long)(*p - '0');
        if (n > IPCFG_TIMEOUT_MAX)
            return -1;
    }
    if (n == 0)
        return -1;
    *out = (unsigned)n;
    return 0;
}

static int parse_u32(const char *v, uint32_t *out)
{
    unsigned long long n = 0;
    if (!*v)
        return -1;
    for (const char *p = v; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        n = n * 10 + (unsigned long long)(*p - '0');
        if (n > 0xffffffffull)
            return -1;
    }
    *out = (uint32_t)n;
    return 0;
}

/* "255.255.255.0", "/24" or "24" -> prefix length 1..32. */
static int parse_mask(const char *v, unsigned *prefix)
{
    ipcfg_ip m;
    if (ipcfg_ip4_parse(v, &m) == 0) {
        int p = ipcfg_mask_to_prefix(&m);
        if (p < 1)
            return -1;
        *prefix = (unsigned)p;
        return 0;
    }
    if (*v == '/')
        v++;
    uint32_t n;
    if (strlen(v) > 2 || parse_u32(v, &n) != 0 || n < 1 || n > 32 || (v[0] == '0'))
        return -1;
    *prefix = n;
    return 0;
}

/* A unicast IPv4 address an interface can hold. */
static int unicast4(const ipcfg_ip *ip)
{
    uint8_t a = ip->bytes[0];
    if (ipcfg_ip_is_zero(ip) || a >= 224)
        return 0;
    return 1;
}

/* How many arguments a verb takes at most (its argument slots). */
static int slots(ipcfg_verb v)
{
    return (size_t)v < N_VERBS ? verbs[v].max_args : 0;
}

/* The verb whose switch is b[0..n), or -1. */
static int verb_switch(const char *b, size_t n)
{
    for (size_t k = 0; k < N_VERBS; k++)
        if (verbs[k].is_switch && strlen(verbs[k].name) == n && ascii_ieq(b, verbs[k].name, n))
            return (int)k;
    return -1;
}

/* The message for a switch that stands where an argument of verb v is
 * expected (slot k, 0-based). */
static int switch_in_slot(char *msg, size_t len, const char *arg, ipcfg_verb v, int k)
{
    const char *what = v == IPCFG_V_DELETE                  ? "an address or context"
                       : v == IPCFG_V_SETCLASSID && k == 1 ? "a class ID"
                       : v != IPCFG_V_ADD || k == 0        ? "an adapter name"
                       : k == 1                     ? "an address"
                                                    : "a subnet mask";
    return set_msg(msg, len,
                   "Error: \"%s\" is a switch where %s is expected; to give an argument that starts with / or -, "
                   "put -- before it.",
                   arg, what);
}

/* An address an interface can hold in its subnet: not in 0.0.0.0/8 (RFC
 * 1122 "this network"), and with a prefix of /30 or shorter neither the
 * subnet's network address (host part all zeros) nor its broadcast address
 * (all ones); /31 (RFC 3021) and /32 have neither. */
static int host_address(const ipcfg_ip *ip, unsigned prefix, const char *arg, char *msg, size_t len)
{
    if (ip->bytes[0] == 0)
        return set_msg(msg, len, "Error: \"%s\" is in 0.0.0.0/8 (\"this network\"), which no interface can hold.",
                       arg);
    if (prefix > 30)
        return 0;
    uint32_t a = (uint32_t)ip->bytes[0] << 24 | (uint32_t)ip->bytes[1] << 16 | (uint32_t)ip->bytes[2] << 8 |
                 ip->bytes[3];
    uint32_t host = (1u << (32 - prefix)) - 1;
    if ((a & host) != 0 && (a & host) != host)
        return 0;
    ipcfg_ip net;
    char n[IPCFG_IPSTR_MAX];
    uint32_t na = a & ~host;
    ipcfg_ip4(&net, (uint8_t)(na >> 24), (uint8_t)(na >> 16), (uint8_t)(na >> 8), (uint8_t)na);
    return set_msg(msg, len, "Error: \"%s\" is the %s address of %s/%u.", arg,
                   (a & host) ? "broadcast" : "network", ipcfg_ip_str(&net, n, sizeof(n)), prefix);
}

/* /hostname:NAME: the name sent in DHCP options 12 and 81 (model.h,
 * ipcfg_ldh_name_valid), or nothing at all after the colon: send none. */
static int parse_hostname(const char *v, ipcfg_cmd *cmd, char *msg, size_t len)
{
    if (*v && !ipcfg_ldh_name_valid(v, strlen(v)))
        return set_msg(msg, len,
                       "Error: \"%s\" is not a valid host name: give labels of letters, digits and hyphens, 1 to 63 "
                       "characters each, not starting or ending with a hyphen, at most 253 characters in all "
                       "(or /hostname: to send none).",
                       v);
    cmd->has_hostname = 1;
    cmd->hostname = v;
    return 0;
}

/* The class of /setclassid: at most 255 bytes of UTF-8 text (what DHCP
 * option 77 carries; the bytes count, not the characters), without a
 * control character (docs/verbs/setclassid.md). */
static int parse_classid(const char *v, ipcfg_cmd *cmd, char *msg, size_t len)
{
    size_t at = 0;
    size_t n = strlen(v);
    switch (ipcfg_classid_check(v, n, &at)) {
    case IPCFG_CLASSID_OK:
        cmd->classid = v;
        return 0;
    case IPCFG_CLASSID_TOO_LONG:
        return set_msg(msg, len, "Error: the class ID is %zu bytes long; at most %d bytes are allowed.", n,
                       IPCFG_CLASSID_MAX);
    case IPCFG_CLASSID_CONTROL:
        return set_msg(msg, len, "Error: the class ID holds a control character (byte %zu); it must be printable text.",
                       at + 1);
    case IPCFG_CLASSID_NOT_UTF8:
        break;
    }
    return set_msg(msg, len, "Error: the class ID is not valid UTF-8 text (byte %zu).", at + 1);
}

/* The options that may stand anywhere (/json, /timeout:N, /hostname:NAME):
 * 1 when b (a switch's text after its prefix) is one of them, taken into
 * cmd, or a bad value reported in *bad (the first error is kept); 0 when
 * it is no option. */
static int take_option(const char *b, ipcfg_cmd *cmd, int *bad, char *msg, size_t len)
{
    size_t blen = strlen(b);
    int rc = 0;
    if (blen > 8 && ascii_ieq(b, "timeout:", 8)) {
        if (parse_timeout(b + 8, &cmd->timeout_s) != 0)
            rc = set_msg(*bad ? NULL : msg, len, "Error: invalid timeout \"%s\": give a whole number of seconds from 1 to 3600.",
                         b + 8);
        else
            cmd->has_timeout = 1;
    } else if (blen >= 9 && ascii_ieq(b, "hostname:", 9)) {
        rc = parse_hostname(b + 9, cmd, *bad ? NULL : msg, len);
    } else if (blen == 4 && ascii_ieq(b, "json", 4)) {
        cmd->json = 1;
    } else {
        return 0;
    }
    if (rc && !*bad)
        *bad = rc;
    return 1;
}

/* The arguments of the verb (npos of them, in pos), once the command line
 * has been read. */
static int verb_args(ipcfg_cmd *cmd, const char *const *pos, int npos, char *msg, size_t msglen)
{
    if (npos < verbs[cmd->verb].min_args || npos > verbs[cmd->verb].max_args)
        return IPCFG_E_USAGE;
    switch (cmd->verb) {
    case IPCFG_V_SHOW:
    case IPCFG_V_ALL:
    case IPCFG_V_ADDRTABLE:
    case IPCFG_V_REGISTERDNS:
        /* it registers names: "send none" is for /renew alone */
        if (cmd->has_hostname && cmd->hostname[0] == '\0')
            return set_msg(msg, msglen, "Error: /registerdns registers a name; /hostname: without one is for /renew.");
        return 0;
    case IPCFG_V_FLUSHDNS:
    case IPCFG_V_DISPLAYDNS:
    case IPCFG_V_VERSION:
    case IPCFG_V_HELP:
        return 0; /* no argument */
    case IPCFG_V_RELEASE:
    case IPCFG_V_RENEW:
    case IPCFG_V_RELEASE6:
    case IPCFG_V_RENEW6:
    case IPCFG_V_SHOWCLASSID:
    case IPCFG_V_SETCLASSID:
        if (npos >= 1) {
            if (pos[0][0] == '\0')
                return set_msg(msg, msglen, "Error: the adapter name is empty.");
            cmd->adapter = pos[0];
        }
        if (cmd->verb != IPCFG_V_SETCLASSID)
            return 0;
        cmd->classid = ""; /* none: the class is cleared */
        return npos == 2 ? parse_classid(pos[1], cmd, msg, msglen) : 0;
    case IPCFG_V_ADD:
        if (pos[0][0] == '\0')
            return set_msg(msg, msglen, "Error: the adapter name is empty.");
        cmd->adapter = pos[0];
        if (ipcfg_ip4_parse(pos[1], &cmd->add_addr) != 0)
            return set_msg(msg, msglen, "Error: \"%s\" is not a valid IPv4 address.", pos[1]);
        if (!unicast4(&cmd->add_addr))
            return set_msg(msg, msglen, "Error: \"%s\" is not a unicast IPv4 address.", pos[1]);
        if (parse_mask(pos[2], &cmd->add_prefix) != 0)
            return set_msg(msg, msglen,
                           "Error: \"%s\" is not a valid subnet mask (use a contiguous mask such as "
                           "255.255.255.0, or a prefix length from 1 to 32).",
                           pos[2]);
        return host_address(&cmd->add_addr, cmd->add_prefix, pos[1], msg, msglen);
    case IPCFG_V_DELETE:
        if (ipcfg_ip4_parse(pos[0], &cmd->del_addr) == 0)
            return 0;
        if (parse_u32(pos[0], &cmd->del_context) == 0) {
            cmd->del_by_context = 1;
            return 0;
        }
        return set_msg(msg, msglen, "Error: \"%s\" is neither an IPv4 address nor an NTE context number.",
                       pos[0]);
    }
    return IPCFG_E_USAGE;
}

int ipcfg_cli_parse(int argc, char *const *argv, ipcfg_cmd *cmd, char *msg, size_t msglen)
{
    const char *pos[4];
    int npos = 0, have_verb = 0, help = 0, bad = 0, dashdash = 0;
    const char *option_in_slot = NULL; /* an option where an argument was expected */
    int option_slot = 0;

    memset(cmd, 0, sizeof(*cmd));
    if (msg && msglen)
        msg[0] = '\0';

    /* One pass; the first error is kept (bad) and returned at the end,
     * because help wins over everything else, as in ipconfig.  "--" ends
     * the switches: every later argument is an argument, whatever it looks
     * like.  A switch that stands where the verb expects an argument (a
     * name starting with - or /) is an error with a hint to use "--", not
     * help or another verb (docs/wildcards.md). */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!dashdash && strcmp(a, "--") == 0) {
            dashdash = 1;
            continue;
        }
        const char *b = dashdash ? NULL : switch_body(a);
        if (!b) {
            if (!have_verb || npos == 4) {
                if (!bad)
                    bad = IPCFG_E_USAGE;
                continue;
            }
            pos[npos++] = a;
            continue;
        }
        int in_slot = have_verb && npos < slots(cmd->verb);
        size_t blen = strlen(b);
        int is_help = strcmp(b, "?") == 0 || (blen == 4 && ascii_ieq(b, "help", 4)) ||
                      (a[0] == '-' && a[1] != '-' && blen == 1 && ascii_ieq(b, "h", 1));
        if (is_help && !in_slot) {
            help = 1;
            continue;
        }
        int verb = verb_switch(b, blen);
        if (verb < 0 && take_option(b, cmd, &bad, msg, msglen)) {
            if (in_slot && !option_in_slot) {
                option_in_slot = a;
                option_slot = npos;
            }
            continue;
        }
        if (in_slot) {
            /* help, a verb or an unknown switch where an argument belongs */
            if (!bad)
                bad = switch_in_slot(msg, msglen, a, cmd->verb, npos);
            continue;
        }
        if (verb < 0 || have_verb) {
            if (!bad)
                bad = IPCFG_E_USAGE; /* unknown, an abbreviation, or two verbs */
            continue;
        }
        have_verb = 1;
        cmd->verb = (ipcfg_verb)verb;
    }
    if (help) {
        memset(cmd, 0, sizeof(*cmd));
        cmd->verb = IPCFG_V_HELP;
        if (msg && msglen)
            msg[0] = '\0';
        return 0;
    }
    if (bad)
        return bad;
    /* /add /json 10.0.0.5 24: the option took the adapter's place */
    if (option_in_slot && cmd->verb == IPCFG_V_ADD && npos < 3)
        return switch_in_slot(msg, msglen, option_in_slot, cmd->verb, option_slot);
    if (option_in_slot && cmd->verb == IPCFG_V_DELETE && npos < 1)
        return switch_in_slot(msg, msglen, option_in_slot, cmd->verb, option_slot);
    return verb_args(cmd, pos, npos, msg, msglen);
}
