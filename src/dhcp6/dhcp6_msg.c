/* ipcfg — DHCPv6 message building and parsing.  See dhcp6_msg.h.
 *
 * SPDX-License-Identifier: MIT
 */
#include "dhcp6_msg.h"

#include <stdio.h>
#include <string.h>

#include "dns_name.h"

const uint8_t ipcfg_dhcp6_all_servers[16] = {0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2};

uint16_t ipcfg_dhcp6_get16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

uint32_t ipcfg_dhcp6_get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

void ipcfg_dhcp6_put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

void ipcfg_dhcp6_put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

const char *ipcfg_dhcp6_status_name(uint16_t code, char *buf, size_t cap)
{
    static const char *const names[] = {"Success",  "UnspecFail",   "NoAddrsAvail", "NoBinding",
                                        "NotOnLink", "UseMulticast", "NoPrefixAvail"};

    if (code < sizeof(names) / sizeof(names[0]))
        return names[code];
    snprintf(buf, cap, "status %u", (unsigned)code);
    return buf;
}

/* ---- address checks ---------------------------------------------------------- */

static int in_zero96(const uint8_t a[16])
{
    static const uint8_t zero[12];
    return memcmp(a, zero, 12) == 0; /* ::/96: unspecified, loopback, the old IPv4-compatible form */
}

static int v4_mapped(const uint8_t a[16])
{
    static const uint8_t pfx[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    return memcmp(a, pfx, 12) == 0;
}

int ipcfg_dhcp6_addr_usable(const uint8_t a[16])
{
    if (in_zero96(a) || v4_mapped(a) || a[0] == 0xff)
        return 0;
    /* RFC 4291 §2.5.6: fe80::/10 is link-local, never handed out by a server */
    if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)
        return 0;
    return 1;
}

int ipcfg_dhcp6_dns_usable(const uint8_t a[16])
{
    return !in_zero96(a) && !v4_mapped(a) && a[0] != 0xff;
}

/* ---- building ---------------------------------------------------------------- */

size_t ipcfg_dhcp6_build_begin(uint8_t *buf, size_t cap, uint8_t type, uint32_t xid)
{
    if (cap < IPCFG_DHCP6_HDR_LEN)
        return 0;
    /* §8, figure 2: msg-type, then the 3-octet transaction-id */
    buf[0] = type;
    buf[1] = (uint8_t)(xid >> 16);
    buf[2] = (uint8_t)(xid >> 8);
    buf[3] = (uint8_t)xid;
    return IPCFG_DHCP6_HDR_LEN;
}

size_t ipcfg_dhcp6_build_opt(uint8_t *buf, size_t cap, size_t at, uint16_t code, const void *val, size_t len)
{
    if (at == 0 || at > cap || len > 0xffff || cap - at < 4 + len)
        return 0;
    /* §21.1, figure 12: option-code, option-len, option-data */
    ipcfg_dhcp6_put16(buf + at, code);
    ipcfg_dhcp6_put16(buf + at + 2, (uint16_t)len);
    if (len)
        memcpy(buf + at + 4, val, len);
    return at + 4 + len;
}

size_t ipcfg_dhcp6_build_open(uint8_t *buf, size_t cap, size_t at, uint16_t code, size_t *mark)
{
    size_t next = ipcfg_dhcp6_build_opt(buf, cap, at, code, NULL, 0);

    *mark = at;
    return next;
}

size_t ipcfg_dhcp6_build_close(uint8_t *buf, size_t at, size_t mark)
{
    if (at == 0 || mark + 4 > at || at - mark - 4 > 0xffff)
        return 0;
    ipcfg_dhcp6_put16(buf + mark + 2, (uint16_t)(at - mark - 4));
    return at;
}

/* ---- parsing ------------------------------------------------------------------- */

/* One container's options: p and the signed number of octets left. */
typedef struct walk {
    const uint8_t *p;
    int32_t rem;
} walk;

typedef struct opt {
    uint16_t code, len;
    const uint8_t *val;
} opt;

/* The next option of w: 1 found, 0 at the end, -1 malformed. */
static int walk_next(walk *w, opt *o, const char **why)
{
    if (w->rem <= 0)
        return 0;
    if (w->rem < 4) {
        *why = "truncated option header";
        return -1;
    }
    o->code = ipcfg_dhcp6_get16(w->p);
    o->len = ipcfg_dhcp6_get16(w->p + 2);
    if ((int32_t)o->len > w->rem - 4) {
        *why = "option length past the end of its message or container";
        return -1;
    }
    o->val = w->p + 4;
    w->p += 4 + o->len;
    w->rem -= 4 + (int32_t)o->len;
    return 1;
}

static void set_note(ipcfg_dhcp6_msg *m, const char *text)
{
    if (m->note[0] == '\0')
        snprintf(m->note, sizeof(m->note), "%s", text);
}

/* §21.13: status-code, then a UTF-8 status-message "suitable for display
 * to an end user"; kept for a log line as printable ASCII only. */
static int parse_status(ipcfg_dhcp6_status *s, const opt *o, const char **why)
{
    if (s->present) {
        *why = "status code (option 13) repeated";
        return -1;
    }
    if (o->len < 2) {
        *why = "status code (option 13) shorter than 2 octets";
        return -1;
    }
    s->present = 1;
    s->code = ipcfg_dhcp6_get16(o->val);
    size_t n = o->len - 2u;
    if (n >= sizeof(s->text))
        n = sizeof(s->text) - 1;
    for (size_t i = 0; i < n; i++) {
        uint8_t c = o->val[2 + i];
        s->text[i] = c >= 0x20 && c < 0x7f ? (char)c : '?';
    }
    s->text[n] = '\0';
    return 0;
}

/* §21.6: IPv6-address (16), preferred-lifetime, valid-lifetime, then
 * IAaddr-options (a Status Code). */
static int parse_iaaddr(ipcfg_dhcp6_ia *ia, const opt *o, const char **why)
{
    ipcfg_dhcp6_iaaddr a;
    opt sub;
    int r;

    if (o->len < 24) {
        *why = "IA address (option 5) shorter than 24 octets";
        return -1;
    }
    memset(&a, 0, sizeof(a));
    memcpy(a.addr, o->val, 16);
    a.preferred = ipcfg_dhcp6_get32(o->val + 16);
    a.valid = ipcfg_dhcp6_get32(o->val + 20);
    walk w = {o->val + 24, (int32_t)o->len - 24};
    while ((r = walk_next(&w, &sub, why)) > 0)
        if (sub.code == IPCFG_DHCP6_OPT_STATUS_CODE && parse_status(&a.status, &sub, why) != 0)
            return -1;
    if (r < 0)
        return -1;
    for (unsigned i = 0; i < ia->n_addrs; i++)
        if (memcmp(ia->addrs[i].addr, a.addr, 16) == 0) {
            *why = "one address twice in an IA_NA";
            return -1;
        }
    if (ia->n_addrs < IPCFG_DHCP6_MAX_ADDRS)
        ia->addrs[ia->n_addrs++] = a;
    if (ia->n_addrs_seen < 0xffff)
        ia->n_addrs_seen++;
    return 0;
}

/* §21.4: IAID, T1, T2, then IA_NA-options (IA Addresses, a Status Code). */
static int parse_ia_na(ipcfg_dhcp6_msg *m, const opt *o, const char **why)
{
    ipcfg_dhcp6_ia spare; /* an IA_NA past the ones kept is still checked whole */
    opt sub;
    int r;

    if (o->len < 12) {
        *why = "IA_NA (option 3) shorter than 12 octets";
        return -1;
    }
    uint32_t iaid = ipcfg_dhcp6_get32(o->val);
    for (unsigned i = 0; i < m->n_ia; i++)
        if (m->ia[i].iaid == iaid) {
            *why = "two IA_NA options with one IAID";
            return -1;
        }
    ipcfg_dhcp6_ia *ia = m->n_ia < IPCFG_DHCP6_MAX_IA ? &m->ia[m->n_ia] : &spare;
    memset(ia, 0, sizeof(*ia));
    ia->iaid = iaid;
    ia->t1 = ipcfg_dhcp6_get32(o->val + 4);
    ia->t2 = ipcfg_dhcp6_get32(o->val + 8);
    walk w = {o->val + 12, (int32_t)o->len - 12};
    while ((r = walk_next(&w, &sub, why)) > 0) {
        if (sub.code == IPCFG_DHCP6_OPT_STATUS_CODE)
            r = parse_status(&ia->status, &sub, why);
        else if (sub.code == IPCFG_DHCP6_OPT_IAADDR)
            r = parse_iaaddr(ia, &sub, why);
        if (r < 0)
            return -1;
    }
    if (r < 0)
        return -1;
    if (ia != &spare)
        m->n_ia++;
    m->has |= IPCFG_DHCP6_HAS_IA_NA;
    return 0;
}

/* RFC 3646 §4 and RFC 8415 §10: a list of names in the RFC 1035 §3.1 wire
 * form, "The message compression scheme in Section 4.1.4 of [RFC1035]
 * MUST NOT be used."  A name that is not a valid domain name is dropped
 * (it would reach the resolver), the rest kept. */
static int parse_domains(ipcfg_dhcp6_msg *m, const opt *o, const char **why)
{
    size_t off = 0;

    while (off < o->len) {
        char name[IPCFG_DHCP6_DOMAIN_MAX];
        int n = ipcfg_dns_name_decode(o->val, o->len, &off, 0, name, sizeof(name));
        if (n < 0) {
            *why = "domain search list (option 24) badly encoded";
            return -1;
        }
        if (!ipcfg_dns_name_valid(name, (size_t)n)) {
            set_note(m, "domain search list (option 24): a name that is not a valid domain name was dropped");
            continue;
        }
        int dup = 0;
        for (unsigned i = 0; i < m->n_domains; i++)
            dup |= strcmp(m->domains[i], name) == 0;
        if (dup)
            continue;
        if (m->n_domains >= IPCFG_DHCP6_MAX_DOMAINS) {
            set_note(m, "domain search list (option 24): names past the eighth were dropped");
            continue;
        }
        memcpy(m->domains[m->n_domains++], name, (size_t)n + 1);
    }
    return 0;
}

/* RFC 3646 §3: "option-len: Length of the list of DNS recursive name
 * servers in octets; must be a multiple of 16."  Otherwise the option is
 * dropped; of a long list the first IPCFG_DHCP6_MAX_DNS different ones
 * are kept. */
static void parse_dns(ipcfg_dhcp6_msg *m, const opt *o)
{
    if (o->len % 16 != 0) {
        m->has |= IPCFG_DHCP6_HAS_BAD_DNS;
        set_note(m, "DNS servers (option 23): a length that is not a multiple of 16, dropped");
        return;
    }
    m->has |= IPCFG_DHCP6_HAS_DNS;
    m->n_dns_seen = (uint16_t)(o->len / 16);
    for (unsigned i = 0; i < m->n_dns_seen && m->n_dns < IPCFG_DHCP6_MAX_DNS; i++) {
        int dup = 0;
        for (unsigned k = 0; k < m->n_dns; k++)
            dup |= memcmp(m->dns[k], o->val + 16u * i, 16) == 0;
        if (!dup)
            memcpy(m->dns[m->n_dns++], o->val + 16u * i, 16);
    }
}

/* The options that may appear once at the top level (§21: "Unless
 * otherwise noted, each option may appear only in the options area of a
 * DHCP message and may appear only once"), their fixed length (-1:
 * variable), their has bit and the reasons that name them. */
#define SINGLE(code, len, bit, name) {code, len, bit, name " repeated", name " of a wrong length"}
static const struct {
    uint16_t code;
    int len;
    unsigned bit;
    const char *repeated, *badlen;
} singles[] = {
    SINGLE(IPCFG_DHCP6_OPT_CLIENTID, -1, IPCFG_DHCP6_HAS_CLIENTID, "client identifier (option 1)"),
    SINGLE(IPCFG_DHCP6_OPT_SERVERID, -1, IPCFG_DHCP6_HAS_SERVERID, "server identifier (option 2)"),
    SINGLE(IPCFG_DHCP6_OPT_ORO, -1, IPCFG_DHCP6_HAS_ORO, "option request (option 6)"),
    SINGLE(IPCFG_DHCP6_OPT_PREFERENCE, 1, IPCFG_DHCP6_HAS_PREFERENCE, "preference (option 7)"),
    SINGLE(IPCFG_DHCP6_OPT_ELAPSED_TIME, 2, IPCFG_DHCP6_HAS_ELAPSED, "elapsed time (option 8)"),
    SINGLE(IPCFG_DHCP6_OPT_STATUS_CODE, -1, IPCFG_DHCP6_HAS_STATUS, "status code (option 13)"),
    SINGLE(IPCFG_DHCP6_OPT_RAPID_COMMIT, 0, IPCFG_DHCP6_HAS_RAPID_COMMIT, "rapid commit (option 14)"),
    SINGLE(IPCFG_DHCP6_OPT_DNS_SERVERS, -1, IPCFG_DHCP6_HAS_DNS | IPCFG_DHCP6_HAS_BAD_DNS, "DNS servers (option 23)"),
    SINGLE(IPCFG_DHCP6_OPT_DOMAIN_LIST, -1, IPCFG_DHCP6_HAS_DOMAINS, "domain search list (option 24)"),
    SINGLE(IPCFG_DHCP6_OPT_INFO_REFRESH_TIME, 4, IPCFG_DHCP6_HAS_INFO_REFRESH, "information refresh time (option 32)"),
    SINGLE(IPCFG_DHCP6_OPT_SOL_MAX_RT, 4, IPCFG_DHCP6_HAS_SOL_MAX_RT, "SOL_MAX_RT (option 82)"),
    SINGLE(IPCFG_DHCP6_OPT_INF_MAX_RT, 4, IPCFG_DHCP6_HAS_INF_MAX_RT, "INF_MAX_RT (option 83)"),
};
#undef SINGLE

/* A single-instance option: seen once, of its fixed length. */
static int check_single(const ipcfg_dhcp6_msg *m, const opt *o, const char **why)
{
    for (size_t i = 0; i < sizeof(singles) / sizeof(singles[0]); i++) {
        if (singles[i].code != o->code)
            continue;
        if (m->has & singles[i].bit)
            *why = singles[i].repeated;
        else if (singles[i].len >= 0 && o->len != singles[i].len)
            *why = singles[i].badlen;
        else
            return 0;
        return -1;
    }
    return 0;
}

static int parse_duid(uint8_t *dst, uint8_t *dst_len, const opt *o, const char **why, const char *bad)
{
    if (o->len < IPCFG_DHCP6_DUID_MIN || o->len > IPCFG_DHCP6_DUID_MAX) {
        *why = bad;
        return -1;
    }
    memcpy(dst, o->val, o->len);
    *dst_len = (uint8_t)o->len;
    return 0;
}

static int parse_top(ipcfg_dhcp6_msg *m, const opt *o, const char **why)
{
    if (check_single(m, o, why) != 0)
        return -1;
    switch (o->code) {
    case IPCFG_DHCP6_OPT_CLIENTID:
        m->has |= IPCFG_DHCP6_HAS_CLIENTID;
        return parse_duid(m->client_id, &m->client_id_len, o, why, "client identifier (option 1) of a bad length");
    case IPCFG_DHCP6_OPT_SERVERID:
        m->has |= IPCFG_DHCP6_HAS_SERVERID;
        return parse_duid(m->server_id, &m->server_id_len, o, why, "server identifier (option 2) of a bad length");
    case IPCFG_DHCP6_OPT_IA_NA:
        return parse_ia_na(m, o, why);
    case IPCFG_DHCP6_OPT_ORO:
        /* §21.7: "option-len: 2 * number of requested options" */
        if (o->len % 2 != 0) {
            *why = "option request (option 6) of an odd length";
            return -1;
        }
        m->has |= IPCFG_DHCP6_HAS_ORO;
        for (unsigned i = 0; i < o->len / 2u && m->n_oro < IPCFG_DHCP6_MAX_ORO; i++)
            m->oro[m->n_oro++] = ipcfg_dhcp6_get16(o->val + 2u * i);
        return 0;
    case IPCFG_DHCP6_OPT_PREFERENCE:
        m->has |= IPCFG_DHCP6_HAS_PREFERENCE;
        m->preference = o->val[0];
        return 0;
    case IPCFG_DHCP6_OPT_ELAPSED_TIME:
        m->has |= IPCFG_DHCP6_HAS_ELAPSED;
        m->elapsed = ipcfg_dhcp6_get16(o->val);
        return 0;
    case IPCFG_DHCP6_OPT_STATUS_CODE:
        m->has |= IPCFG_DHCP6_HAS_STATUS;
        return parse_status(&m->status, o, why);
    case IPCFG_DHCP6_OPT_RAPID_COMMIT:
        m->has |= IPCFG_DHCP6_HAS_RAPID_COMMIT;
        return 0;
    case IPCFG_DHCP6_OPT_DNS_SERVERS:
        parse_dns(m, o);
        return 0;
    case IPCFG_DHCP6_OPT_DOMAIN_LIST:
        m->has |= IPCFG_DHCP6_HAS_DOMAINS;
        return parse_domains(m, o, why);
    case IPCFG_DHCP6_OPT_INFO_REFRESH_TIME:
        m->has |= IPCFG_DHCP6_HAS_INFO_REFRESH;
        m->info_refresh = ipcfg_dhcp6_get32(o->val);
        return 0;
    case IPCFG_DHCP6_OPT_SOL_MAX_RT:
        m->has |= IPCFG_DHCP6_HAS_SOL_MAX_RT;
        m->sol_max_rt = ipcfg_dhcp6_get32(o->val);
        return 0;
    case IPCFG_DHCP6_OPT_INF_MAX_RT:
        m->has |= IPCFG_DHCP6_HAS_INF_MAX_RT;
        m->inf_max_rt = ipcfg_dhcp6_get32(o->val);
        return 0;
    default:
        return 0; /* §16: unknown options are ignored as if not present */
    }
}

int ipcfg_dhcp6_msg_parse(const uint8_t *buf, size_t len, ipcfg_dhcp6_msg *m, const char **why)
{
    const char *w = NULL;
    opt o;
    int r;

    memset(m, 0, sizeof(*m));
    if (len < IPCFG_DHCP6_HDR_LEN) {
        w = "message shorter than its 4-octet header";
        goto bad;
    }
    if (len > IPCFG_DHCP6_MSG_MAX) {
        w = "message too long";
        goto bad;
    }
    m->type = buf[0];
    if (m->type == IPCFG_DHCP6_RELAY_FORW || m->type == IPCFG_DHCP6_RELAY_REPL) {
        w = "a relay agent message"; /* §16.13, §16.14: discarded by clients */
        goto bad;
    }
    if (m->type < IPCFG_DHCP6_SOLICIT || m->type > IPCFG_DHCP6_INFORMATION_REQUEST) {
        w = "unknown message type";
        goto bad;
    }
    m->xid = (uint32_t)buf[1] << 16 | (uint32_t)buf[2] << 8 | buf[3];
    walk wk = {buf + IPCFG_DHCP6_HDR_LEN, (int32_t)(len - IPCFG_DHCP6_HDR_LEN)};
    while ((r = walk_next(&wk, &o, &w)) > 0)
        if (parse_top(m, &o, &w) != 0)
            goto bad;
    if (r < 0)
        goto bad;
    if (why)
        *why = NULL;
    return 0;
bad:
    memset(m, 0, sizeof(*m));
    if (why)
        *why = w ? w : "malformed message";
    return -1;
}
