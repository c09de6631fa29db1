/* ipcfg — the lease record's text form.  See dhcp_lease.h and docs/dhcp.md.
 *
 *   ipcfg-lease 1         (2 when a key of dhcp_lease_opts.c is present)
 *   interface eth0
 *   state bound
 *   hwaddr 02:00:00:00:00:01
 *   client-id 01020000000001
 *   address 192.0.2.10/24
 *   server 192.0.2.1
 *   router 192.0.2.1
 *   route 198.51.100.0/24 192.0.2.254
 *   dns 192.0.2.53
 *   domain example.com
 *   lease-time 3600
 *   t1 1800
 *   t2 3150
 *   obtained 1764370000
 *   expires 1764373600
 *   end
 *
 * The parser is strict: the version line first, `end` last followed by
 * nothing but its newline (a torn write is never accepted), every value
 * checked, single keys at most once, unknown keys rejected (a later
 * format that adds keys changes the version number), no NUL or control
 * bytes, lines of at most IPCFG_LEASE_LINE_MAX octets.
 *
 * SPDX-License-Identifier: MIT
 */
#include "dhcp_lease.h"
#include "dhcp_lease_int.h"
#include "dhcp_msg.h"
#include "dns_name.h"
#include "ipcfg/model.h"

#include <stdio.h>
#include <string.h>

#define IPCFG_LEASE_LINE_MAX 512
/* The latest "obtained" time accepted: 9999-12-31T23:59:59Z. */
#define IPCFG_LEASE_MAX_TIME 253402300799LL

/* ---- formatting ------------------------------------------------------------- */

typedef struct outbuf {
    char *buf;
    size_t cap, len;
    int full;
} outbuf;

static void put(outbuf *o, const char *s, size_t n)
{
    if (o->full || n >= o->cap - o->len) {
        o->full = 1;
        return;
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    o->buf[o->len] = '\0';
}

static void puts_(outbuf *o, const char *s)
{
    put(o, s, strlen(s));
}

static void putf_ip(outbuf *o, const char *key, const uint8_t a[4])
{
    char t[64];
    int n = snprintf(t, sizeof t, "%s %u.%u.%u.%u", key, a[0], a[1], a[2], a[3]);
    put(o, t, (size_t)n);
}

static void putf_u(outbuf *o, const char *key, uint32_t v)
{
    char t[64];
    int n;
    if (v == IPCFG_DHCP_INFINITE)
        n = snprintf(t, sizeof t, "%s infinite\n", key);
    else
        n = snprintf(t, sizeof t, "%s %lu\n", key, (unsigned long)v);
    put(o, t, (size_t)n);
}

static void put_hex(outbuf *o, const uint8_t *p, size_t n, int colons)
{
    static const char hx[] = "0123456789abcdef";
    size_t i;
    for (i = 0; i < n; i++) {
        char t[3];
        size_t k = 0;
        if (colons && i > 0)
            t[k++] = ':';
        t[k++] = hx[p[i] >> 4];
        t[k++] = hx[p[i] & 15];
        put(o, t, k);
    }
}

/* The interface value's bytes: any but blanks, control bytes, DEL and '/'. */
static int ifname_bytes_ok(const char *v, size_t n)
{
    if (n == 0 || n >= IPCFG_DHCP_IFNAME_MAX)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)v[i] <= 0x20 || v[i] == 0x7f || v[i] == '/')
            return 0;
    return 1;
}

int ipcfg_dhcp_lease_ifname_ok(const char *ifname)
{
    return ifname_bytes_ok(ifname, ipcfg_dhcp_text_len(ifname, IPCFG_DHCP_IFNAME_MAX));
}

size_t ipcfg_dhcp_lease_format(const ipcfg_dhcp_lease *l, char *buf, size_t cap)
{
    outbuf o;
    char t[64];
    int n;
    unsigned i;
    size_t n2;

    if (cap == 0)
        return 0;
    o.buf = buf;
    o.cap = cap;
    o.len = 0;
    o.full = 0;
    buf[0] = '\0';
    /* never a file the parser rejects */
    if (!ipcfg_dhcp_lease_ifname_ok(l->ifname) ||
        (l->domain[0] != '\0' && !ipcfg_dns_name_valid(l->domain, ipcfg_dhcp_text_len(l->domain, sizeof l->domain))))
        return 0;

    n = snprintf(t, sizeof t, "%s %d\n", IPCFG_DHCP_LEASE_MAGIC,
                 ipcfg_dhcp_lease_has_opts(l) ? IPCFG_DHCP_LEASE_VERSION : 1);
    put(&o, t, (size_t)n);
    puts_(&o, "interface ");
    put(&o, l->ifname, ipcfg_dhcp_text_len(l->ifname, sizeof l->ifname));
    puts_(&o, l->state == IPCFG_DHCP_LEASE_BOUND ? "\nstate bound\n" : "\nstate released\n");
    puts_(&o, "hwaddr ");
    put_hex(&o, l->hwaddr, l->hwaddr_len < sizeof l->hwaddr ? l->hwaddr_len : sizeof l->hwaddr, 1);
    puts_(&o, "\n");
    if (l->client_id_len) {
        puts_(&o, "client-id ");
        put_hex(&o, l->client_id, l->client_id_len < sizeof l->client_id ? l->client_id_len : sizeof l->client_id, 0);
        puts_(&o, "\n");
    }
    if (l->state == IPCFG_DHCP_LEASE_BOUND) {
        putf_ip(&o, "address", l->address);
        n = snprintf(t, sizeof t, "/%u\n", (unsigned)l->prefix_len);
        put(&o, t, (size_t)n);
        putf_ip(&o, "server", l->server_id);
        puts_(&o, "\n");
        for (i = 0; i < l->n_routers && i < IPCFG_DHCP_MAX_ROUTERS; i++) {
            putf_ip(&o, "router", l->routers[i]);
            puts_(&o, "\n");
        }
        for (i = 0; i < l->n_routes && i < IPCFG_DHCP_MAX_ROUTES; i++) {
            const ipcfg_dhcp_route *r = &l->routes[i];
            putf_ip(&o, "route", r->dest);
            n = snprintf(t, sizeof t, "/%u %u.%u.%u.%u\n", (unsigned)r->prefix_len, r->gateway[0], r->gateway[1],
                         r->gateway[2], r->gateway[3]);
            put(&o, t, (size_t)n);
        }
        for (i = 0; i < l->n_dns && i < IPCFG_DHCP_MAX_DNS; i++) {
            putf_ip(&o, "dns", l->dns[i]);
            puts_(&o, "\n");
        }
        if (l->domain[0]) {
            puts_(&o, "domain ");
            put(&o, l->domain, ipcfg_dhcp_text_len(l->domain, sizeof l->domain));
            puts_(&o, "\n");
        }
        n2 = o.full ? (size_t)-1 : ipcfg_dhcp_lease_opts_format(l, o.buf + o.len, o.cap - o.len);
        o.full |= n2 == (size_t)-1;
        o.len += o.full ? 0 : n2;
        putf_u(&o, "lease-time", l->lease_time);
        putf_u(&o, "t1", l->t1);
        putf_u(&o, "t2", l->t2);
        n = snprintf(t, sizeof t, "obtained %lld\n", (long long)l->obtained);
        put(&o, t, (size_t)n);
        if (l->lease_time == IPCFG_DHCP_INFINITE)
            n = snprintf(t, sizeof t, "expires never\n");
        else
            n = snprintf(t, sizeof t, "expires %lld\n", (long long)ipcfg_dhcp_lease_expires(l));
        put(&o, t, (size_t)n);
    }
    puts_(&o, "end\n");
    if (o.full) {
        buf[0] = '\0';
        return 0;
    }
    return o.len;
}

/* ---- parsing ------------------------------------------------------------------ */

/* Hex pairs, colon-separated (colons) or not; 1..max octets. */
/* The state's words, compared from a table: a memcmp with a literal is
 * compiled into an immediate whose bytes ("boun") read as a misspelling to
 * a package checker's strings scan (lintian spelling-error-in-binary). */
static int parse_state(const char *v, size_t vn, ipcfg_dhcp_lease_state *out)
{
    static const struct {
        const char *word;
        ipcfg_dhcp_lease_state state;
    } states[] = {{"bound", IPCFG_DHCP_LEASE_BOUND}, {"released", IPCFG_DHCP_LEASE_RELEASED}};

    for (size_t i = 0; i < sizeof(states) / sizeof(states[0]); i++) {
        if (strlen(states[i].word) == vn && strncmp(v, states[i].word, vn) == 0) {
            *out = states[i].state;
            return 0;
        }
    }
    return -1;
}

static int parse_hex(const char *s, size_t n, int colons, uint8_t *dst, size_t max, uint8_t *len)
{
    size_t i = 0, k = 0;

    while (i < n) {
        int hi, lo;
        if (k > 0 && colons) {
            if (s[i] != ':')
                return -1;
            i++;
        }
        if (n - i < 2 || k >= max)
            return -1;
        hi = ipcfg_hex_digit(s[i]);
        lo = ipcfg_hex_digit(s[i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        dst[k++] = (uint8_t)(hi << 4 | lo);
        i += 2;
    }
    if (k == 0)
        return -1;
    *len = (uint8_t)k;
    return 0;
}

static int parse_time(const char *s, size_t n, uint32_t *v)
{
    unsigned long long x;

    if (n == 8 && memcmp(s, "infinite", 8) == 0) {
        *v = IPCFG_DHCP_INFINITE;
        return 0;
    }
    if (ipcfg_dhcp_lease_dec(s, n, IPCFG_DHCP_INFINITE - 1u, &x))
        return -1;
    *v = (uint32_t)x;
    return 0;
}

/* Keys: single ones are seen at most once (bit in `seen`). */
enum {
    K_INTERFACE = 1u << 0,
    K_STATE = 1u << 1,
    K_HWADDR = 1u << 2,
    K_CLIENT_ID = 1u << 3,
    K_ADDRESS = 1u << 4,
    K_SERVER = 1u << 5,
    K_DOMAIN = 1u << 6,
    K_LEASE_TIME = 1u << 7,
    K_T1 = 1u << 8,
    K_T2 = 1u << 9,
    K_OBTAINED = 1u << 10,
    K_EXPIRES = 1u << 11,
    K_ROUTER = 1u << 12,  /* repeatable */
    K_ROUTE = 1u << 13,   /* repeatable */
    K_DNS = 1u << 14,     /* repeatable */
    K_V2 = 1u << 15       /* not a key: the file is of version 2 */
};

#define K_BOUND_ONLY (IPCFG_LEASE_OPTS_BITS | K_ADDRESS | K_SERVER | K_DOMAIN | K_LEASE_TIME | K_T1 | K_T2 | K_OBTAINED | K_EXPIRES | K_ROUTER | K_ROUTE | K_DNS)
#define K_BOUND_NEEDED (K_ADDRESS | K_SERVER | K_LEASE_TIME | K_T1 | K_T2 | K_OBTAINED | K_EXPIRES)
#define K_ALWAYS_NEEDED (K_INTERFACE | K_STATE | K_HWADDR)

static const struct {
    const char *name;
    unsigned bit;
} keys[] = {
    {"interface", K_INTERFACE}, {"state", K_STATE},   {"hwaddr", K_HWADDR},         {"client-id", K_CLIENT_ID},
    {"address", K_ADDRESS},     {"server", K_SERVER}, {"domain", K_DOMAIN},         {"lease-time", K_LEASE_TIME},
    {"t1", K_T1},               {"t2", K_T2},         {"obtained", K_OBTAINED},     {"expires", K_EXPIRES},
    {"router", K_ROUTER},       {"route", K_ROUTE},   {"dns", K_DNS},
};

static void why_set(char *why, size_t why_len, unsigned line, const char *msg)
{
    if (why && why_len) {
        if (line)
            snprintf(why, why_len, "line %u: %s", line, msg);
        else
            snprintf(why, why_len, "%s", msg);
    }
}

/* One more address of a repeatable key (router, dns): a unicast address,
 * at most max of them. */
static int parse_addr_item(const char *v, size_t vn, uint8_t (*list)[4], uint8_t *n, unsigned max,
                           const char *too_many, const char **msg)
{
    if (*n >= max) {
        *msg = too_many;
        return -1;
    }
    if (ipcfg_dhcp_lease_ip(v, vn, list[*n]) || !ipcfg_dhcp_unicast_ok(list[*n]))
        return -1;
    (*n)++;
    return 0;
}

/* One more "route DEST/LEN GATEWAY" (option 121's, RFC 3442). */
static int parse_route(const char *v, size_t vn, ipcfg_dhcp_lease *l, const char **msg)
{
    ipcfg_dhcp_route *r;
    const char *sp2 = memchr(v, ' ', vn);
    uint8_t mask[4];
    int k;
    if (l->n_routes >= IPCFG_DHCP_MAX_ROUTES) {
        *msg = "too many routes";
        return -1;
    }
    if (sp2 == NULL)
        return -1;
    r = &l->routes[l->n_routes];
    if (ipcfg_dhcp_lease_prefix(v, (size_t)(sp2 - v), r->dest, &r->prefix_len) ||
        ipcfg_dhcp_lease_ip(sp2 + 1, vn - (size_t)(sp2 - v) - 1, r->gateway))
        return -1;
    ipcfg_dhcp_prefix_mask(r->prefix_len, mask);
    for (k = 0; k < 4; k++)
        if (r->dest[k] & ~mask[k])
            return -1; /* host bits set past the prefix */
    if (ipcfg_dhcp_get32(r->gateway) != 0 && !ipcfg_dhcp_unicast_ok(r->gateway))
        return -1;
    l->n_routes++;
    return 0;
}

/* One "key value" line (no newline).  Returns 0 or -1 with *msg set. */
static int parse_line(const char *s, size_t n, ipcfg_dhcp_lease *l, unsigned *seen, int64_t *expires,
                      int *expires_never, const char **msg)
{
    const char *sp = memchr(s, ' ', n), *v;
    size_t kn, vn, i;
    unsigned bit = 0;
    unsigned long long x;

    if (sp == NULL || sp == s) {
        *msg = "not a \"key value\" line";
        return -1;
    }
    kn = (size_t)(sp - s);
    v = sp + 1;
    vn = n - kn - 1;
    if (vn == 0) {
        *msg = "empty value";
        return -1;
    }
    for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strlen(keys[i].name) == kn && memcmp(keys[i].name, s, kn) == 0)
            bit = keys[i].bit;
    if (bit == 0) {
        /* the keys of version 2 (dhcp_lease_opts.c), only in such a file */
        int r = (*seen & K_V2) ? ipcfg_dhcp_lease_opts_line(s, kn, v, vn, l, seen, msg) : 1;
        if (r == 1)
            *msg = "unknown key";
        return r == 0 ? 0 : -1;
    }
    if ((*seen & bit) && !(bit & (K_ROUTER | K_ROUTE | K_DNS))) {
        *msg = "key repeated";
        return -1;
    }
    *seen |= bit;
    *msg = "bad value";
    switch (bit) {
    case K_INTERFACE:
        if (vn >= sizeof l->ifname || !ifname_bytes_ok(v, vn))
            return -1;
        memcpy(l->ifname, v, vn);
        l->ifname[vn] = '\0';
        return 0;
    case K_STATE:
        return parse_state(v, vn, &l->state);
    case K_HWADDR:
        return parse_hex(v, vn, 1, l->hwaddr, sizeof l->hwaddr, &l->hwaddr_len);
    case K_CLIENT_ID:
        /* RFC 2132 §9.14: at least two octets (type and value) */
        if (parse_hex(v, vn, 0, l->client_id, sizeof l->client_id, &l->client_id_len) || l->client_id_len < 2)
            return -1;
        return 0;
    case K_ADDRESS:
        if (ipcfg_dhcp_lease_prefix(v, vn, l->address, &l->prefix_len) || !ipcfg_dhcp_host_ok(l->address, l->prefix_len))
            return -1;
        return 0;
    case K_SERVER:
        if (ipcfg_dhcp_lease_ip(v, vn, l->server_id) || !ipcfg_dhcp_unicast_ok(l->server_id))
            return -1;
        return 0;
    case K_ROUTER:
        return parse_addr_item(v, vn, l->routers, &l->n_routers, IPCFG_DHCP_MAX_ROUTERS, "too many routers", msg);
    case K_ROUTE:
        return parse_route(v, vn, l, msg);
    case K_DNS:
        return parse_addr_item(v, vn, l->dns, &l->n_dns, IPCFG_DHCP_MAX_DNS, "too many DNS servers", msg);
    case K_DOMAIN:
        /* a DNS name, as the engine takes it from the server: what reaches
         * the resolver is checked here again (the file, and every lease the
         * engine hands the privileged side, are read with this parser) */
        if (vn >= sizeof l->domain || !ipcfg_dns_name_valid(v, vn))
            return -1;
        memcpy(l->domain, v, vn);
        l->domain[vn] = '\0';
        return 0;
    case K_LEASE_TIME:
        return parse_time(v, vn, &l->lease_time);
    case K_T1:
        return parse_time(v, vn, &l->t1);
    case K_T2:
        return parse_time(v, vn, &l->t2);
    case K_OBTAINED:
        if (ipcfg_dhcp_lease_dec(v, vn, (unsigned long long)IPCFG_LEASE_MAX_TIME, &x))
            return -1;
        l->obtained = (int64_t)x;
        return 0;
    case K_EXPIRES:
        if (vn == 5 && memcmp(v, "never", 5) == 0) {
            *expires_never = 1;
            return 0;
        }
        if (ipcfg_dhcp_lease_dec(v, vn, (unsigned long long)INT64_MAX, &x))
            return -1;
        *expires = (int64_t)x;
        return 0;
    default:
        return -1;
    }
}

/* What a whole record must hold beyond its lines: NULL, or why not. */
static const char *record_check(const ipcfg_dhcp_lease *l, unsigned seen, int64_t expires, int expires_never)
{
    if ((seen & K_ALWAYS_NEEDED) != K_ALWAYS_NEEDED)
        return "interface, state or hwaddr missing";
    if (l->state == IPCFG_DHCP_LEASE_RELEASED)
        return (seen & K_BOUND_ONLY) ? "a released record carries lease values" : NULL;
    const char *opts_msg = NULL;
    if (ipcfg_dhcp_lease_opts_check(l, seen, &opts_msg))
        return opts_msg;
    if ((seen & K_BOUND_NEEDED) != K_BOUND_NEEDED)
        return "a bound record without address, server, times or expiry";
    if (l->lease_time == IPCFG_DHCP_INFINITE) {
        if (l->t1 != IPCFG_DHCP_INFINITE || l->t2 != IPCFG_DHCP_INFINITE || !expires_never)
            return "an infinite lease needs infinite t1, t2 and \"expires never\"";
        return NULL;
    }
    /* RFC 2131 §4.4.5: 0 < T1 < T2 < the lease time (dhcp_time.c) */
    if (l->lease_time < IPCFG_DHCP_MIN_LEASE || !ipcfg_dhcp_lease_times_ok(l->lease_time, l->t1, l->t2))
        return "t1, t2 and lease-time out of order";
    if (expires_never || expires != ipcfg_dhcp_lease_expires(l))
        return "expires does not match obtained + lease-time";
    return NULL;
}

int ipcfg_dhcp_lease_parse(const char *buf, size_t len, ipcfg_dhcp_lease *out, char *why, size_t why_len)
{
    static const char head[] = IPCFG_DHCP_LEASE_MAGIC " ";
    ipcfg_dhcp_lease l;
    unsigned seen = 0, line = 0;
    int64_t expires = -1;
    int expires_never = 0, ended = 0;
    const char *msg = NULL;
    size_t at = 0;

    memset(&l, 0, sizeof l);
    if (why && why_len)
        why[0] = '\0';
    if (len == 0 || buf[len - 1] != '\n') {
        why_set(why, why_len, 0, len == 0 ? "empty file" : "truncated (no final newline)");
        goto bad;
    }
    if (memchr(buf, '\0', len) != NULL) {
        why_set(why, why_len, 0, "NUL byte in the file");
        goto bad;
    }
    while (at < len) {
        const char *s = buf + at, *nl = memchr(s, '\n', len - at);
        size_t n = (size_t)(nl - s), i; /* nl is never NULL: the buffer ends with '\n' */

        line++;
        at += n + 1;
        if (n > IPCFG_LEASE_LINE_MAX) {
            msg = "line too long";
            goto badline;
        }
        for (i = 0; i < n; i++)
            if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) {
                msg = "control byte";
                goto badline;
            }
        if (line == 1) {
            unsigned long long ver;
            if (n < sizeof head || memcmp(s, head, sizeof head - 1) != 0) {
                msg = "not an ipcfg lease file";
                goto badline;
            }
            if (ipcfg_dhcp_lease_dec(s + sizeof head - 1, n - (sizeof head - 1), 1000000, &ver) || ver < 1 ||
                ver > IPCFG_DHCP_LEASE_VERSION) {
                msg = "unsupported lease file version";
                goto badline;
            }
            seen |= ver >= 2 ? K_V2 : 0u;
            continue;
        }
        if (n == 3 && memcmp(s, "end", 3) == 0) {
            if (at != len) {
                msg = "data after end";
                goto badline;
            }
            ended = 1;
            break;
        }
        if (parse_line(s, n, &l, &seen, &expires, &expires_never, &msg))
            goto badline;
    }
    if (!ended) {
        why_set(why, why_len, 0, "truncated (no end line)");
        goto bad;
    }
    msg = record_check(&l, seen, expires, expires_never);
    if (msg != NULL) {
        why_set(why, why_len, 0, msg);
        goto bad;
    }
    *out = l;
    return 0;
badline:
    why_set(why, why_len, line, msg);
bad:
    memset(out, 0, sizeof *out);
    return -1;
}
