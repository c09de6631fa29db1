/* ipcfg — the DHCPv6 lease record's text form.  See dhcp6_lease.h and
 * docs/dhcp.md.
 *
 * The parser is strict: the envelope (dhcp6_text.c: the version line
 * first, "end" last followed by nothing but its newline, no control byte,
 * lines of at most 512 octets), then every value checked, single keys at
 * most once, unknown keys rejected (a later format that adds keys gets a
 * new version number), the keys of each state and nothing else, and the
 * informational `expires` equal to what the other values give.
 *
 * SPDX-License-Identifier: MIT
 */
#include "dhcp6_lease.h"

#include <stdio.h>
#include <string.h>

#include "dhcp6_text.h"
#include "dns_name.h"


int64_t ipcfg_dhcp6_lease_at(const ipcfg_dhcp6_lease *l, uint32_t off)
{
    if (off == IPCFG_DHCP6_INFINITE || l->obtained > INT64_MAX - (int64_t)off)
        return INT64_MAX;
    return l->obtained + (int64_t)off;
}

int ipcfg_dhcp6_lease_bound(const ipcfg_dhcp6_lease *l)
{
    return l->state == IPCFG_DHCP6_LEASE_BOUND && l->n_addrs > 0;
}

int ipcfg_dhcp6_lease_holds(const ipcfg_dhcp6_lease *l, const uint8_t a[16])
{
    for (unsigned i = 0; l->state == IPCFG_DHCP6_LEASE_BOUND && i < l->n_addrs && i < IPCFG_DHCP6_MAX_ADDRS; i++)
        if (memcmp(l->addrs[i].addr, a, 16) == 0)
            return 1;
    return 0;
}

uint32_t ipcfg_dhcp6_lease_last_valid(const ipcfg_dhcp6_lease *l)
{
    uint32_t last = 0;

    for (unsigned i = 0; i < l->n_addrs && i < IPCFG_DHCP6_MAX_ADDRS; i++)
        if (l->addrs[i].valid > last)
            last = l->addrs[i].valid;
    return last;
}

int64_t ipcfg_dhcp6_lease_expires(const ipcfg_dhcp6_lease *l)
{
    if (l->state == IPCFG_DHCP6_LEASE_STATELESS)
        return ipcfg_dhcp6_lease_at(l, l->refresh);
    if (l->state != IPCFG_DHCP6_LEASE_BOUND)
        return INT64_MIN;
    return ipcfg_dhcp6_lease_at(l, ipcfg_dhcp6_lease_last_valid(l));
}

/* The interface value's bytes: any but blanks, control bytes, DEL and '/'. */
static int ifname_ok(const char *v, size_t n)
{
    if (n == 0 || n >= IPCFG_DHCP6_IFNAME_MAX)
        return 0;
    while (n-- > 0) {
        unsigned char c = (unsigned char)v[n];
        if (c <= ' ' || c == 0x7f || c == '/')
            return 0;
    }
    return 1;
}

int ipcfg_dhcp6_lease_ifname_ok(const char *ifname)
{
    const char *z = memchr(ifname, '\0', IPCFG_DHCP6_IFNAME_MAX);
    return z != NULL && ifname_ok(ifname, (size_t)(z - ifname));
}

/* ---- formatting ------------------------------------------------------------- */

static const char *const state_names[] = {"", "bound", "released", "stateless"};

static void format_config(ipcfg_dhcp6_out *o, const ipcfg_dhcp6_lease *l)
{
    for (unsigned i = 0; i < l->n_dns && i < IPCFG_DHCP6_MAX_DNS; i++) {
        ipcfg_dhcp6_out_fmt(o, "dns ");
        ipcfg_dhcp6_out_ip6(o, l->dns[i]);
        ipcfg_dhcp6_out_fmt(o, "\n");
    }
    for (unsigned i = 0; i < l->n_domains && i < IPCFG_DHCP6_MAX_DOMAINS; i++)
        ipcfg_dhcp6_out_fmt(o, "domain %.*s\n", IPCFG_DHCP6_DOMAIN_MAX - 1, l->domains[i]);
    ipcfg_dhcp6_out_fmt(o, "obtained %lld\n", (long long)l->obtained);
    int64_t end = ipcfg_dhcp6_lease_expires(l);
    if (end == INT64_MAX)
        ipcfg_dhcp6_out_fmt(o, "expires never\n");
    else
        ipcfg_dhcp6_out_fmt(o, "expires %lld\n", (long long)end);
}

static void format_server(ipcfg_dhcp6_out *o, const ipcfg_dhcp6_lease *l)
{
    if (l->server_duid_len) {
        ipcfg_dhcp6_out_fmt(o, "server-duid ");
        ipcfg_dhcp6_out_hex(o, l->server_duid, l->server_duid_len);
        ipcfg_dhcp6_out_fmt(o, "\n");
    }
    if (l->has_server_addr) {
        ipcfg_dhcp6_out_fmt(o, "server-address ");
        ipcfg_dhcp6_out_ip6(o, l->server_addr);
        ipcfg_dhcp6_out_fmt(o, "\n");
    }
}

size_t ipcfg_dhcp6_lease_format(const ipcfg_dhcp6_lease *l, char *buf, size_t cap)
{
    ipcfg_dhcp6_out o;

    ipcfg_dhcp6_out_init(&o, buf, cap);
    if (l->state < IPCFG_DHCP6_LEASE_BOUND || l->state > IPCFG_DHCP6_LEASE_STATELESS ||
        !ipcfg_dhcp6_lease_ifname_ok(l->ifname) || l->client_duid_len > IPCFG_DHCP6_DUID_MAX ||
        l->server_duid_len > IPCFG_DHCP6_DUID_MAX)
        return 0;
    ipcfg_dhcp6_out_fmt(&o, "%s %d\ninterface %s\nstate %s\niaid %lu\nclient-duid ", IPCFG_DHCP6_LEASE_MAGIC,
                        IPCFG_DHCP6_LEASE_VERSION, l->ifname, state_names[l->state], (unsigned long)l->iaid);
    ipcfg_dhcp6_out_hex(&o, l->client_duid, l->client_duid_len);
    ipcfg_dhcp6_out_fmt(&o, "\n");
    if (l->state != IPCFG_DHCP6_LEASE_RELEASED)
        format_server(&o, l);
    if (l->state == IPCFG_DHCP6_LEASE_BOUND) {
        for (unsigned i = 0; i < l->n_addrs && i < IPCFG_DHCP6_MAX_ADDRS; i++) {
            ipcfg_dhcp6_out_fmt(&o, "address ");
            ipcfg_dhcp6_out_ip6(&o, l->addrs[i].addr);
            ipcfg_dhcp6_out_fmt(&o, " ");
            ipcfg_dhcp6_out_time(&o, l->addrs[i].preferred);
            ipcfg_dhcp6_out_fmt(&o, " ");
            ipcfg_dhcp6_out_time(&o, l->addrs[i].valid);
            ipcfg_dhcp6_out_fmt(&o, "\n");
        }
        ipcfg_dhcp6_out_fmt(&o, "t1 ");
        ipcfg_dhcp6_out_time(&o, l->t1);
        ipcfg_dhcp6_out_fmt(&o, "\nt2 ");
        ipcfg_dhcp6_out_time(&o, l->t2);
        ipcfg_dhcp6_out_fmt(&o, "\n");
    }
    if (l->state == IPCFG_DHCP6_LEASE_STATELESS) {
        ipcfg_dhcp6_out_fmt(&o, "refresh ");
        ipcfg_dhcp6_out_time(&o, l->refresh);
        ipcfg_dhcp6_out_fmt(&o, "\n");
    }
    if (l->state != IPCFG_DHCP6_LEASE_RELEASED)
        format_config(&o, l);
    ipcfg_dhcp6_out_fmt(&o, "end\n");
    size_t n = ipcfg_dhcp6_out_end(&o);
    /* never a file the parser rejects: the parser's rules, applied to
     * what was written */
    ipcfg_dhcp6_lease back;
    if (n == 0 || ipcfg_dhcp6_lease_parse(buf, n, &back, NULL, 0) != 0) {
        buf[0] = '\0';
        return 0;
    }
    return n;
}

/* ---- parsing ------------------------------------------------------------------ */

enum {
    K_INTERFACE,
    K_STATE,
    K_IAID,
    K_CLIENT_DUID,
    K_SERVER_DUID,
    K_SERVER_ADDRESS,
    K_ADDRESS,
    K_T1,
    K_T2,
    K_REFRESH,
    K_DNS,
    K_DOMAIN,
    K_OBTAINED,
    K_EXPIRES,
    K_COUNT
};
static const char *const key_names[K_COUNT] = {
    "interface", "state", "iaid", "client-duid", "server-duid", "server-address", "address",
    "t1",        "t2",    "refresh", "dns",      "domain",      "obtained",       "expires",
};
#define BIT(k) (1u << (k))
#define REPEATABLE (BIT(K_ADDRESS) | BIT(K_DNS) | BIT(K_DOMAIN))
#define ALWAYS (BIT(K_INTERFACE) | BIT(K_STATE) | BIT(K_IAID) | BIT(K_CLIENT_DUID))
/* the keys each state needs, and the keys it may have besides */
#define BOUND_NEEDS (ALWAYS | BIT(K_SERVER_DUID) | BIT(K_ADDRESS) | BIT(K_T1) | BIT(K_T2) | BIT(K_OBTAINED) | BIT(K_EXPIRES))
#define BOUND_MAY (BOUND_NEEDS | BIT(K_SERVER_ADDRESS) | BIT(K_DNS) | BIT(K_DOMAIN))
#define STATELESS_NEEDS (ALWAYS | BIT(K_REFRESH) | BIT(K_OBTAINED) | BIT(K_EXPIRES))
#define STATELESS_MAY (STATELESS_NEEDS | BIT(K_SERVER_DUID) | BIT(K_SERVER_ADDRESS) | BIT(K_DNS) | BIT(K_DOMAIN))

typedef struct reading {
    ipcfg_dhcp6_lease l;
    unsigned seen;
    int64_t expires;   /* -1: "never" */
} reading;

/* "ADDRESS PREFERRED VALID" (§21.6: "The client MUST discard any addresses
 * for which the preferred lifetime is greater than the valid lifetime";
 * a valid lifetime of 0 is no address). */
static int parse_address(reading *r, const char *v, size_t vn, const char **msg)
{
    const char *s1 = memchr(v, ' ', vn);
    const char *s2 = s1 ? memchr(s1 + 1, ' ', vn - (size_t)(s1 + 1 - v)) : NULL;
    ipcfg_dhcp6_lease_addr a;

    if (r->l.n_addrs >= IPCFG_DHCP6_MAX_ADDRS) {
        *msg = "too many addresses";
        return -1;
    }
    if (s2 == NULL || ipcfg_dhcp6_text_ip6(v, (size_t)(s1 - v), a.addr) != 0 || !ipcfg_dhcp6_addr_usable(a.addr) ||
        ipcfg_dhcp6_text_time(s1 + 1, (size_t)(s2 - s1 - 1), &a.preferred) != 0 ||
        ipcfg_dhcp6_text_time(s2 + 1, vn - (size_t)(s2 + 1 - v), &a.valid) != 0 || a.valid == 0 ||
        a.preferred > a.valid)
        return -1;
    for (unsigned i = 0; i < r->l.n_addrs; i++)
        if (memcmp(r->l.addrs[i].addr, a.addr, 16) == 0) {
            *msg = "address repeated";
            return -1;
        }
    r->l.addrs[r->l.n_addrs++] = a;
    return 0;
}

static int parse_dns(reading *r, const char *v, size_t vn, const char **msg)
{
    uint8_t a[16];

    if (r->l.n_dns >= IPCFG_DHCP6_MAX_DNS) {
        *msg = "too many DNS servers";
        return -1;
    }
    if (ipcfg_dhcp6_text_ip6(v, vn, a) != 0 || !ipcfg_dhcp6_dns_usable(a))
        return -1;
    for (unsigned i = 0; i < r->l.n_dns; i++)
        if (memcmp(r->l.dns[i], a, 16) == 0) {
            *msg = "DNS server repeated";
            return -1;
        }
    memcpy(r->l.dns[r->l.n_dns++], a, 16);
    return 0;
}

static int parse_domain(reading *r, const char *v, size_t vn, const char **msg)
{
    if (r->l.n_domains >= IPCFG_DHCP6_MAX_DOMAINS) {
        *msg = "too many domains";
        return -1;
    }
    if (vn >= IPCFG_DHCP6_DOMAIN_MAX || !ipcfg_dns_name_valid(v, vn))
        return -1;
    for (unsigned i = 0; i < r->l.n_domains; i++)
        if (strlen(r->l.domains[i]) == vn && memcmp(r->l.domains[i], v, vn) == 0) {
            *msg = "domain repeated";
            return -1;
        }
    memcpy(r->l.domains[r->l.n_domains], v, vn);
    r->l.domains[r->l.n_domains++][vn] = '\0';
    return 0;
}

static int parse_state(reading *r, const char *v, size_t vn)
{
    for (int s = IPCFG_DHCP6_LEASE_BOUND; s <= IPCFG_DHCP6_LEASE_STATELESS; s++)
        if (strlen(state_names[s]) == vn && memcmp(state_names[s], v, vn) == 0) {
            r->l.state = (ipcfg_dhcp6_lease_state)s;
            return 0;
        }
    return -1;
}

static int parse_value(reading *r, int k, const char *v, size_t vn, const char **msg)
{
    uint64_t x;

    switch (k) {
    case K_INTERFACE:
        if (!ifname_ok(v, vn))
            return -1;
        memcpy(r->l.ifname, v, vn);
        r->l.ifname[vn] = '\0';
        return 0;
    case K_STATE:
        return parse_state(r, v, vn);
    case K_IAID:
        if (ipcfg_dhcp6_text_dec(v, vn, 0xffffffffu, &x) != 0)
            return -1;
        r->l.iaid = (uint32_t)x;
        return 0;
    case K_CLIENT_DUID:
        return ipcfg_dhcp6_text_hex(v, vn, r->l.client_duid, IPCFG_DHCP6_DUID_MIN, IPCFG_DHCP6_DUID_MAX,
                                    &r->l.client_duid_len);
    case K_SERVER_DUID:
        return ipcfg_dhcp6_text_hex(v, vn, r->l.server_duid, IPCFG_DHCP6_DUID_MIN, IPCFG_DHCP6_DUID_MAX,
                                    &r->l.server_duid_len);
    case K_SERVER_ADDRESS:
        /* where a Reply can come from: not unspecified, not multicast */
        if (ipcfg_dhcp6_text_ip6(v, vn, r->l.server_addr) != 0 || !ipcfg_dhcp6_dns_usable(r->l.server_addr))
            return -1;
        r->l.has_server_addr = 1;
        return 0;
    case K_ADDRESS:
        return parse_address(r, v, vn, msg);
    case K_T1:
        return ipcfg_dhcp6_text_time(v, vn, &r->l.t1);
    case K_T2:
        return ipcfg_dhcp6_text_time(v, vn, &r->l.t2);
    case K_REFRESH:
        /* §21.23: never under IRT_MINIMUM */
        if (ipcfg_dhcp6_text_time(v, vn, &r->l.refresh) != 0 || r->l.refresh < IPCFG_DHCP6_IRT_MINIMUM)
            return -1;
        return 0;
    case K_DNS:
        return parse_dns(r, v, vn, msg);
    case K_DOMAIN:
        return parse_domain(r, v, vn, msg);
    case K_OBTAINED:
        if (ipcfg_dhcp6_text_dec(v, vn, (uint64_t)IPCFG_DHCP6_TIME_MAX, &x) != 0)
            return -1;
        r->l.obtained = (int64_t)x;
        return 0;
    default: /* K_EXPIRES */
        if (vn == 5 && memcmp(v, "never", 5) == 0) {
            r->expires = -1;
            return 0;
        }
        if (ipcfg_dhcp6_text_dec(v, vn, (uint64_t)INT64_MAX, &x) != 0)
            return -1;
        r->expires = (int64_t)x;
        return 0;
    }
}

static int lease_line(void *ctx, const char *key, size_t kn, const char *val, size_t vn, const char **msg)
{
    reading *r = ctx;
    int k = ipcfg_dhcp6_text_key(key_names, K_COUNT, key, kn);

    if (k < 0) {
        *msg = "unknown key";
        return -1;
    }
    if ((r->seen & BIT(k)) && !(REPEATABLE & BIT(k))) {
        *msg = "key repeated";
        return -1;
    }
    r->seen |= BIT(k);
    *msg = NULL;
    return parse_value(r, k, val, vn, msg);
}

/* The rules across lines, once every line is read: NULL, or why not. */
static const char *check_record(const reading *r)
{
    const ipcfg_dhcp6_lease *l = &r->l;
    unsigned needs = ALWAYS, may = ALWAYS;

    if ((r->seen & ALWAYS) != ALWAYS)
        return "interface, state, iaid or client-duid missing";
    if (l->state == IPCFG_DHCP6_LEASE_BOUND) {
        needs = BOUND_NEEDS;
        may = BOUND_MAY;
    } else if (l->state == IPCFG_DHCP6_LEASE_STATELESS) {
        needs = STATELESS_NEEDS;
        may = STATELESS_MAY;
    }
    if (r->seen & ~may)
        return "a key this state does not have";
    if ((r->seen & needs) != needs)
        return "a key this state needs is missing";
    if (l->state == IPCFG_DHCP6_LEASE_RELEASED)
        return NULL;
    if (l->state == IPCFG_DHCP6_LEASE_BOUND && l->t1 > l->t2)
        return "t1 after t2";
    int64_t end = ipcfg_dhcp6_lease_expires(l);
    if ((end == INT64_MAX) != (r->expires == -1) || (end != INT64_MAX && end != r->expires))
        return "expires does not match the other values";
    return NULL;
}

int ipcfg_dhcp6_lease_parse(const char *buf, size_t len, ipcfg_dhcp6_lease *out, char *why, size_t why_len)
{
    static const reading zero;
    reading r = zero;

    r.expires = -2;
    if (ipcfg_dhcp6_text_walk(buf, len, IPCFG_DHCP6_LEASE_MAGIC, IPCFG_DHCP6_LEASE_VERSION, lease_line, &r, why,
                              why_len) != 0)
        goto bad;
    const char *msg = check_record(&r);
    if (msg != NULL) {
        if (why && why_len)
            snprintf(why, why_len, "%s", msg);
        goto bad;
    }
    *out = r.l;
    return 0;
bad:
    memset(out, 0, sizeof(*out));
    return -1;
}
