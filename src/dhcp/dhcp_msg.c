/* ipcfg — BOOTP/DHCP message building and parsing.  See dhcp_msg.h.
 * SPDX-License-Identifier: MIT */
#include "dhcp_msg.h"
#include "dns_name.h"

#include <string.h>

static const uint8_t cookie[4] = {99, 130, 83, 99};

static uint16_t get16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

/* ---- building ---------------------------------------------------------------- */

size_t ipcfg_dhcp_build_begin(uint8_t *buf, size_t cap, const ipcfg_dhcp_hdr *h)
{
    if (cap < IPCFG_DHCP_OFF_OPTIONS)
        return 0;
    memset(buf, 0, IPCFG_DHCP_OFF_OPTIONS);
    buf[0] = h->op;
    buf[1] = h->htype;
    buf[2] = h->hlen;
    buf[3] = h->hops;
    ipcfg_dhcp_put32(buf + 4, h->xid);
    put16(buf + 8, h->secs);
    put16(buf + 10, h->flags);
    memcpy(buf + 12, h->ciaddr, 4);
    memcpy(buf + 16, h->yiaddr, 4);
    memcpy(buf + 20, h->siaddr, 4);
    memcpy(buf + 24, h->giaddr, 4);
    memcpy(buf + 28, h->chaddr, 16);
    memcpy(buf + IPCFG_DHCP_OFF_COOKIE, cookie, 4);
    return IPCFG_DHCP_OFF_OPTIONS;
}

size_t ipcfg_dhcp_build_opt(uint8_t *buf, size_t cap, size_t at, uint8_t code, const void *val, size_t len)
{
    const uint8_t *v = val;

    if (at == 0 || at > cap)
        return 0;
    /* RFC 3396 §5: "the encoding agent MUST split the option into multiple
     * smaller options" of at most 255 octets each, in order. */
    do {
        size_t n = len > 255 ? 255 : len;
        if (cap - at < 2 + n)
            return 0;
        buf[at] = code;
        buf[at + 1] = (uint8_t)n;
        if (n)
            memcpy(buf + at + 2, v, n);
        at += 2 + n;
        v += n;
        len -= n;
    } while (len > 0);
    return at;
}

size_t ipcfg_dhcp_build_end(uint8_t *buf, size_t cap, size_t at)
{
    if (at == 0 || at >= cap)
        return 0;
    buf[at++] = IPCFG_OPT_END;
    if (at < IPCFG_DHCP_BOOTP_MIN) {
        if (cap < IPCFG_DHCP_BOOTP_MIN)
            return 0;
        memset(buf + at, IPCFG_OPT_PAD, IPCFG_DHCP_BOOTP_MIN - at);
        at = IPCFG_DHCP_BOOTP_MIN;
    }
    return at;
}

/* ---- parsing ------------------------------------------------------------------ */

/* The option areas in RFC 3396 §7 order: "the options field, followed by
 * the file field (if overloaded), followed by the sname field (if
 * overloaded)". */
typedef struct areas {
    const uint8_t *p[3];
    size_t n[3];
    int count;
} areas;

/* Walks one area: every option's length within the area, an end option
 * present.  RFC 2131 §4.1: the options in sname and file "MUST begin with
 * the first octet of the field, MUST be terminated by an 'end' option".
 * Option 52 may appear only in the options field (in_options). */
static int check_area(const uint8_t *p, size_t n, int in_options, const char **why)
{
    size_t i = 0;

    while (i < n) {
        uint8_t code = p[i];
        if (code == IPCFG_OPT_PAD) {
            i++;
            continue;
        }
        if (code == IPCFG_OPT_END)
            return 0;
        if (n - i < 2) {
            *why = "truncated option (no length octet)";
            return -1;
        }
        if ((size_t)p[i + 1] > n - i - 2) {
            *why = "option length past the end of its field";
            return -1;
        }
        if (code == IPCFG_OPT_OVERLOAD && !in_options) {
            *why = "option overload inside the file or sname field";
            return -1;
        }
        i += 2 + (size_t)p[i + 1];
    }
    *why = in_options ? "missing end option" : "missing end option in the file or sname field";
    return -1;
}

/* Concatenates every instance of code over the areas (RFC 3396 §7:
 * "the values of each instance ... concatenated ... in the order in which
 * they appear").  Areas were checked by check_area.  Returns the number of
 * instances; *len the total length (never more than cap: cap is at least
 * the message length, which bounds the sum). */
static int concat(const areas *a, uint8_t code, uint8_t *out, size_t cap, size_t *len)
{
    int k, found = 0;

    *len = 0;
    for (k = 0; k < a->count; k++) {
        const uint8_t *p = a->p[k];
        size_t i = 0, n = a->n[k];
        while (i < n && p[i] != IPCFG_OPT_END) {
            size_t l;
            if (p[i] == IPCFG_OPT_PAD) {
                i++;
                continue;
            }
            l = p[i + 1];
            if (p[i] == code) {
                if (l > cap - *len)
                    return -1; /* cannot happen: the areas are within the message */
                memcpy(out + *len, p + i + 2, l);
                *len += l;
                found++;
            }
            i += 2 + l;
        }
    }
    return found;
}

static int concat_any(const void *a, uint8_t code, uint8_t *out, size_t cap, size_t *len)
{
    return concat(a, code, out, cap, len);
}

static int ip_list(const uint8_t *v, size_t len, uint8_t (*dst)[4], uint8_t max, uint8_t *n)
{
    size_t i;

    /* RFC 2132 §3.5, §3.8: "The minimum length ... is 4 octets, and the
     * length MUST always be a multiple of 4." */
    if (len < 4 || len % 4 != 0)
        return -1;
    *n = 0;
    for (i = 0; i + 4 <= len && *n < max; i += 4)
        memcpy(dst[(*n)++], v + i, 4);
    return 0;
}

/* A name option (12, 15; RFC 2132 §3.14, §3.17): NUL-terminated by some
 * servers, so trailing NULs are dropped, and the trailing dot of a fully
 * qualified name too.  What is left must be a DNS name (dns_name.h), or
 * it is left out (-1): the text reaches the lease file, the output and
 * the resolver, and openresolv evaluates what it is given. */
static int name_opt(const uint8_t *v, size_t len, char *dst, size_t cap)
{
    while (len > 0 && v[len - 1] == 0)
        len--;
    if (len >= cap || !ipcfg_dns_name_valid((const char *)v, len))
        return -1;
    if (v[len - 1] == '.')
        len--;
    memcpy(dst, v, len);
    dst[len] = '\0';
    return 0;
}

/* RFC 3442: each route is "a one-octet subnet mask width, the significant
 * octets of the subnet number, the four-octet router address". */
static int classless_routes(const uint8_t *v, size_t len, ipcfg_dhcp_msg *m)
{
    size_t i = 0;

    if (len < 5)
        return -1;
    while (i < len) {
        unsigned width = v[i], sig = (width + 7) / 8;
        ipcfg_dhcp_route *r;
        uint8_t mask[4];
        int k;

        if (width > 32)
            return -1;
        if (len - i < 1 + sig + 4)
            return -1;
        if (m->n_routes >= IPCFG_DHCP_MAX_ROUTES)
            return -1;
        r = &m->routes[m->n_routes++];
        memset(r, 0, sizeof *r);
        r->prefix_len = (uint8_t)width;
        memcpy(r->dest, v + i + 1, sig);
        ipcfg_dhcp_prefix_mask(width, mask);
        for (k = 0; k < 4; k++)
            r->dest[k] &= mask[k]; /* bits past the width carry nothing */
        memcpy(r->gateway, v + i + 1 + sig, 4);
        i += 1 + sig + 4;
    }
    return 0;
}

static int fixed(size_t got, size_t want, const char **why, const char *msg)
{
    if (got != want) {
        *why = msg;
        return -1;
    }
    return 0;
}

/* The options after the server identifier (parse_options). */
static int parse_options_more(const areas *a, ipcfg_dhcp_msg *m, uint8_t *val, size_t cap, const char **why)
{
    size_t len;
    int n;

#define GET(code) (n = concat(a, (code), val, cap, &len))
    if (GET(IPCFG_OPT_PARAM_LIST) != 0) {
        if (n < 0 || len == 0 || len > sizeof m->param_list) {
            *why = "bad parameter request list length";
            return -1;
        }
        memcpy(m->param_list, val, len);
        m->n_param_list = (uint8_t)len;
        m->has |= IPCFG_HAS_PARAM_LIST;
    }
    if (GET(IPCFG_OPT_MESSAGE) != 0) {
        size_t i;
        if (n < 0 || len == 0) {
            *why = "bad message option";
            return -1;
        }
        if (len >= sizeof m->message)
            len = sizeof m->message - 1;
        for (i = 0; i < len; i++) /* for the log only: printable ASCII */
            m->message[i] = val[i] >= 0x20 && val[i] < 0x7f ? (char)val[i] : '?';
        m->message[len] = '\0';
        m->has |= IPCFG_HAS_MESSAGE;
    }
    if (GET(IPCFG_OPT_T1) != 0) {
        if (n < 0 || fixed(len, 4, why, "bad renewal time (T1) length"))
            return -1;
        m->t1 = ipcfg_dhcp_get32(val);
        m->has |= IPCFG_HAS_T1;
    }
    if (GET(IPCFG_OPT_T2) != 0) {
        if (n < 0 || fixed(len, 4, why, "bad rebinding time (T2) length"))
            return -1;
        m->t2 = ipcfg_dhcp_get32(val);
        m->has |= IPCFG_HAS_T2;
    }
    if (GET(IPCFG_OPT_CLIENT_ID) != 0) {
        /* RFC 2132 §9.14: "The minimum length for this option is two." */
        if (n < 0 || len < 2) {
            *why = "bad client identifier length";
            return -1;
        }
        if (len <= sizeof m->client_id) {
            memcpy(m->client_id, val, len);
            m->client_id_len = (uint8_t)len;
            m->has |= IPCFG_HAS_CLIENT_ID;
        }
    }
    if (GET(IPCFG_OPT_CLASSLESS_ROUTES) != 0) {
        if (n < 0 || classless_routes(val, len, m)) {
            *why = "bad classless static route option";
            return -1;
        }
        m->has |= IPCFG_HAS_ROUTES;
    }
    ipcfg_dhcp_opts_parse(a, concat_any, m, val, cap); /* 119, 26, 42, 114, 81: left out, never fatal */
#undef GET
    return 0;
}

static int parse_options(const areas *a, ipcfg_dhcp_msg *m, uint8_t *val, size_t cap, const char **why)
{
    size_t len;
    int n;

#define GET(code) (n = concat(a, (code), val, cap, &len))
    if (GET(IPCFG_OPT_MSG_TYPE) < 0 || n == 0) {
        *why = "missing message type (option 53)";
        return -1;
    }
    if (fixed(len, 1, why, "bad message type length") || val[0] == 0) {
        if (!*why)
            *why = "bad message type";
        return -1;
    }
    m->type = val[0];

    if (GET(IPCFG_OPT_SUBNET_MASK) != 0) {
        if (n < 0 || fixed(len, 4, why, "bad subnet mask length"))
            return -1;
        memcpy(m->mask, val, 4);
        m->has |= IPCFG_HAS_MASK;
    }
    if (GET(IPCFG_OPT_ROUTER) != 0) {
        if (n < 0 || ip_list(val, len, m->routers, IPCFG_DHCP_MAX_ROUTERS, &m->n_routers)) {
            *why = "bad router option length";
            return -1;
        }
        m->has |= IPCFG_HAS_ROUTERS;
    }
    if (GET(IPCFG_OPT_DNS) != 0) {
        if (n < 0 || ip_list(val, len, m->dns, IPCFG_DHCP_MAX_DNS, &m->n_dns)) {
            *why = "bad DNS server option length";
            return -1;
        }
        m->has |= IPCFG_HAS_DNS;
    }
    /* the server's host name is not used; a bad one is dropped unsaid */
    if (GET(IPCFG_OPT_HOST_NAME) > 0 && name_opt(val, len, m->host_name, sizeof m->host_name) == 0)
        m->has |= IPCFG_HAS_HOST_NAME;
    if (GET(IPCFG_OPT_DOMAIN) > 0) {
        if (name_opt(val, len, m->domain, sizeof m->domain) == 0)
            m->has |= IPCFG_HAS_DOMAIN;
        else
            m->left_out |= IPCFG_DHCP_LEFT_DOMAIN;
    }
    if (GET(IPCFG_OPT_BROADCAST) != 0) {
        if (n < 0 || fixed(len, 4, why, "bad broadcast address length"))
            return -1;
        memcpy(m->broadcast, val, 4);
        m->has |= IPCFG_HAS_BROADCAST;
    }
    if (GET(IPCFG_OPT_REQUESTED_IP) != 0) {
        if (n < 0 || fixed(len, 4, why, "bad requested address length"))
            return -1;
        memcpy(m->requested_ip, val, 4);
        m->has |= IPCFG_HAS_REQUESTED_IP;
    }
    if (GET(IPCFG_OPT_LEASE_TIME) != 0) {
        if (n < 0 || fixed(len, 4, why, "bad lease time length"))
            return -1;
        m->lease_time = ipcfg_dhcp_get32(val);
        m->has |= IPCFG_HAS_LEASE_TIME;
    }
    if (GET(IPCFG_OPT_SERVER_ID) != 0) {
        if (n < 0 || fixed(len, 4, why, "bad server identifier length"))
            return -1;
        memcpy(m->server_id, val, 4);
        m->has |= IPCFG_HAS_SERVER_ID;
    }
#undef GET
    return parse_options_more(a, m, val, cap, why);
}

int ipcfg_dhcp_msg_parse(const uint8_t *buf, size_t len, ipcfg_dhcp_msg *m, const char **why)
{
    uint8_t val[IPCFG_DHCP_MSG_MAX];
    const char *w = NULL;
    areas a;
    size_t olen;
    int n;

    memset(m, 0, sizeof *m);
    if (len < IPCFG_DHCP_MIN_LEN) {
        w = "message shorter than the fixed header, cookie and end option";
        goto bad;
    }
    if (len > IPCFG_DHCP_MSG_MAX) {
        w = "message too long";
        goto bad;
    }
    /* RFC 2131 §3: "the first four octets of the 'options' field of the
     * DHCP message contain the (decimal) values 99, 130, 83 and 99" */
    if (memcmp(buf + IPCFG_DHCP_OFF_COOKIE, cookie, 4) != 0) {
        w = "wrong magic cookie";
        goto bad;
    }
    m->h.op = buf[0];
    m->h.htype = buf[1];
    m->h.hlen = buf[2];
    m->h.hops = buf[3];
    m->h.xid = ipcfg_dhcp_get32(buf + 4);
    m->h.secs = get16(buf + 8);
    m->h.flags = get16(buf + 10);
    memcpy(m->h.ciaddr, buf + 12, 4);
    memcpy(m->h.yiaddr, buf + 16, 4);
    memcpy(m->h.siaddr, buf + 20, 4);
    memcpy(m->h.giaddr, buf + 24, 4);
    memcpy(m->h.chaddr, buf + 28, 16);
    if (m->h.hlen > 16) {
        w = "hardware address length over 16";
        goto bad;
    }

    a.count = 1;
    a.p[0] = buf + IPCFG_DHCP_OFF_OPTIONS;
    a.n[0] = len - IPCFG_DHCP_OFF_OPTIONS;
    if (check_area(a.p[0], a.n[0], 1, &w))
        goto bad;

    /* RFC 2132 §9.3: option overload, value 1 file, 2 sname, 3 both. */
    n = concat(&a, IPCFG_OPT_OVERLOAD, val, sizeof val, &olen);
    if (n != 0) {
        if (n != 1 || olen != 1) {
            w = "option overload repeated or of bad length";
            goto bad;
        }
        if (val[0] < 1 || val[0] > 3) {
            w = "bad option overload value";
            goto bad;
        }
        m->overload = val[0];
        m->has |= IPCFG_HAS_OVERLOAD;
        /* RFC 3396 §7 / RFC 2131 §4.1: file first, then sname. */
        if (m->overload & 1) {
            a.p[a.count] = buf + IPCFG_DHCP_OFF_FILE;
            a.n[a.count++] = IPCFG_DHCP_FILE_LEN;
        }
        if (m->overload & 2) {
            a.p[a.count] = buf + IPCFG_DHCP_OFF_SNAME;
            a.n[a.count++] = IPCFG_DHCP_SNAME_LEN;
        }
        for (n = 1; n < a.count; n++)
            if (check_area(a.p[n], a.n[n], 0, &w))
                goto bad;
    }
    if (parse_options(&a, m, val, sizeof val, &w))
        goto bad;
    if (why)
        *why = NULL;
    return 0;
bad:
    memset(m, 0, sizeof *m);
    if (why)
        *why = w ? w : "malformed message";
    return -1;
}
