/* ipcfg — what the DHCPv6 client sends (RFC 8415 §18.2.1-§18.2.8), the
 * identity checks an answer must pass to belong to the exchange (§16),
 * and the lease an answer describes (§18.2.10.1, §21.4, §21.6).  Pure: no
 * I/O, no clock.  When each is used: dhcp6_client.c, dhcp6_client_rx.c.
 *
 * SPDX-License-Identifier: MIT
 */
#include "dhcp6_client.h"
#include "dhcp6_client_int.h"
#include "dhcp6_msg.h"

#include <stdio.h>
#include <string.h>

/* ---- sending ---------------------------------------------------------------- */

static const uint8_t state_msg[] = {
    [IPCFG_DHCP6_S_SOLICIT] = IPCFG_DHCP6_SOLICIT, [IPCFG_DHCP6_S_REQUEST] = IPCFG_DHCP6_REQUEST,
    [IPCFG_DHCP6_S_RENEW] = IPCFG_DHCP6_RENEW,     [IPCFG_DHCP6_S_REBIND] = IPCFG_DHCP6_REBIND,
    [IPCFG_DHCP6_S_CONFIRM] = IPCFG_DHCP6_CONFIRM, [IPCFG_DHCP6_S_INFORM] = IPCFG_DHCP6_INFORMATION_REQUEST,
    [IPCFG_DHCP6_S_DECLINE] = IPCFG_DHCP6_DECLINE, [IPCFG_DHCP6_S_RELEASE] = IPCFG_DHCP6_RELEASE,
};

/* §21.7: the options asked for.  §18.2.1, §18.2.2, §18.2.4: "MUST include
 * an Option Request option ... to request the SOL_MAX_RT option";
 * §18.2.6: Information-request asks for INF_MAX_RT and the Information
 * Refresh Time (§21.23: "A client MUST NOT request this option ... in any
 * other messages"). */
static size_t put_oro(uint8_t *b, size_t cap, size_t at, int inform)
{
    uint8_t v[8];
    uint16_t codes[4] = {IPCFG_DHCP6_OPT_DNS_SERVERS, IPCFG_DHCP6_OPT_DOMAIN_LIST, IPCFG_DHCP6_OPT_SOL_MAX_RT, 0};
    unsigned n = 3;

    if (inform) {
        codes[2] = IPCFG_DHCP6_OPT_INFO_REFRESH_TIME;
        codes[3] = IPCFG_DHCP6_OPT_INF_MAX_RT;
        n = 4;
    }
    for (unsigned i = 0; i < n; i++)
        ipcfg_dhcp6_put16(v + 2 * i, codes[i]);
    return ipcfg_dhcp6_build_opt(b, cap, at, IPCFG_DHCP6_OPT_ORO, v, 2u * n);
}

/* The IA_NA with addrs[0..n): "In a message sent by a client to a server,
 * the T1 and T2 fields SHOULD be set to 0" (§21.4) and so should the
 * lifetimes (§21.6). */
static size_t put_ia(uint8_t *b, size_t cap, size_t at, uint32_t iaid, const uint8_t *addrs, size_t stride,
                     unsigned n)
{
    uint8_t head[12] = {0}, ia[24] = {0};
    size_t mark;

    ipcfg_dhcp6_put32(head, iaid);
    at = ipcfg_dhcp6_build_open(b, cap, at, IPCFG_DHCP6_OPT_IA_NA, &mark);
    if (at == 0 || cap - at < sizeof(head))
        return 0;
    memcpy(b + at, head, sizeof(head));
    at += sizeof(head);
    for (unsigned i = 0; i < n; i++) {
        memcpy(ia, addrs + i * stride, 16);
        at = ipcfg_dhcp6_build_opt(b, cap, at, IPCFG_DHCP6_OPT_IAADDR, ia, sizeof(ia));
    }
    return ipcfg_dhcp6_build_close(b, at, mark);
}

/* The record's addresses whose valid lifetime has not run out: §18.2.4,
 * the client "MUST NOT include addresses ... that are no longer valid". */
static unsigned live_addrs(const ipcfg_dhcp6_client *c, const ipcfg_dhcp6_now *now, uint8_t (*out)[16])
{
    unsigned n = 0;

    for (unsigned i = 0; i < c->rec.n_addrs && i < IPCFG_DHCP6_MAX_ADDRS; i++)
        if (now->wall_s < ipcfg_dhcp6_lease_at(&c->rec, c->rec.addrs[i].valid))
            memcpy(out[n++], c->rec.addrs[i].addr, 16);
    return n;
}

size_t ipcfg_dhcp6_client_build(ipcfg_dhcp6_client *c, const ipcfg_dhcp6_now *now)
{
    uint8_t *b = c->msgbuf, el[2], addrs[IPCFG_DHCP6_MAX_ADDRS][16];
    size_t cap = sizeof(c->msgbuf);
    unsigned n = 0;

    if ((size_t)c->state >= sizeof(state_msg) || state_msg[c->state] == 0)
        return 0;
    size_t at = ipcfg_dhcp6_build_begin(b, cap, state_msg[c->state], c->xid);
    /* every message: "The client MUST include a Client Identifier option"
     * (§18.2.1-§18.2.8; §18.2.6 "SHOULD") */
    at = ipcfg_dhcp6_build_opt(b, cap, at, IPCFG_DHCP6_OPT_CLIENTID, c->cfg.duid, c->cfg.duid_len);
    /* Request, Renew, Release, Decline name their server; Solicit,
     * Rebind, Confirm and Information-request go to any */
    if (c->state == IPCFG_DHCP6_S_REQUEST || c->state == IPCFG_DHCP6_S_RENEW || c->state == IPCFG_DHCP6_S_RELEASE ||
        c->state == IPCFG_DHCP6_S_DECLINE)
        at = ipcfg_dhcp6_build_opt(b, cap, at, IPCFG_DHCP6_OPT_SERVERID, c->server, c->server_len);
    /* §21.9: hundredths of a second since the first message of the
     * exchange, 0 in that one, 0xffff past what 16 bits hold */
    int64_t hs = c->tx == 0 ? 0 : (now->mono_ms - c->first_tx_ms) / 10;
    ipcfg_dhcp6_put16(el, (uint16_t)(hs < 0 ? 0 : hs > 0xffff ? 0xffff : hs));
    at = ipcfg_dhcp6_build_opt(b, cap, at, IPCFG_DHCP6_OPT_ELAPSED_TIME, el, 2);
    switch (c->state) {
    case IPCFG_DHCP6_S_SOLICIT:
        /* §18.2.1: "The client MAY include addresses in IA Address options
         * ... as hints" — the address it had, so that it may get it back */
        if (c->rec.state == IPCFG_DHCP6_LEASE_BOUND)
            n = live_addrs(c, now, addrs);
        at = put_ia(b, cap, at, c->cfg.iaid, &addrs[0][0], sizeof(addrs[0]), n);
        break;
    case IPCFG_DHCP6_S_REQUEST:
        at = put_ia(b, cap, at, c->cfg.iaid, c->cand.addrs[0].addr, sizeof(c->cand.addrs[0]), c->cand.n_addrs);
        break;
    case IPCFG_DHCP6_S_RENEW:
    case IPCFG_DHCP6_S_REBIND:
    case IPCFG_DHCP6_S_CONFIRM:
    case IPCFG_DHCP6_S_RELEASE:
        /* §18.2.3: "The IA options include all of the addresses the client
         * currently has associated with those IAs"; §18.2.4, §18.2.7 */
        n = live_addrs(c, now, addrs);
        at = put_ia(b, cap, at, c->cfg.iaid, &addrs[0][0], sizeof(addrs[0]), n);
        break;
    case IPCFG_DHCP6_S_DECLINE:
        /* §18.2.8: "The addresses to be declined MUST be included in the
         * IAs.  Any addresses for the IAs the client wishes to continue to
         * use should not be added" */
        at = put_ia(b, cap, at, c->cfg.iaid, &c->declined[0][0], sizeof(c->declined[0]), c->n_declined);
        break;
    default: /* Information-request: "the message includes an IA option" is discarded (§16.12) */
        break;
    }
    if (c->state != IPCFG_DHCP6_S_CONFIRM && c->state != IPCFG_DHCP6_S_RELEASE && c->state != IPCFG_DHCP6_S_DECLINE)
        at = put_oro(b, cap, at, c->state == IPCFG_DHCP6_S_INFORM);
    return at;
}

/* ---- answers ------------------------------------------------------------------ */

const char *ipcfg_dhcp6_client_check_identity(const ipcfg_dhcp6_client *c, const ipcfg_dhcp6_msg *m)
{
    if (c->state == IPCFG_DHCP6_S_SOLICIT) {
        /* §18.2.1: without a Rapid Commit in the Solicit, "The client will
         * discard any Reply messages" there */
        if (m->type != IPCFG_DHCP6_ADVERTISE)
            return "not an Advertise";
    } else if (m->type != IPCFG_DHCP6_REPLY) {
        return "not a Reply";
    }
    /* §16.3, §16.10: discard what "does not include a Server Identifier
     * option", whose "transaction-id" does not match, or whose Client
     * Identifier does not "match the DUID of the client" */
    if (m->xid != c->xid)
        return "another transaction id";
    if (!(m->has & IPCFG_DHCP6_HAS_SERVERID))
        return "no server identifier";
    if (!(m->has & IPCFG_DHCP6_HAS_CLIENTID))
        return "no client identifier";
    if (m->client_id_len != c->cfg.duid_len || memcmp(m->client_id, c->cfg.duid, c->cfg.duid_len) != 0)
        return "another client's DUID";
    /* a message that named its server is answered by that server only */
    if ((c->state == IPCFG_DHCP6_S_REQUEST || c->state == IPCFG_DHCP6_S_RENEW || c->state == IPCFG_DHCP6_S_RELEASE ||
         c->state == IPCFG_DHCP6_S_DECLINE) &&
        (m->server_id_len != c->server_len || memcmp(m->server_id, c->server, c->server_len) != 0))
        return "an answer from another server than the one asked";
    return NULL;
}

const ipcfg_dhcp6_ia *ipcfg_dhcp6_client_find_ia(const ipcfg_dhcp6_client *c, const ipcfg_dhcp6_msg *m)
{
    for (unsigned i = 0; i < m->n_ia; i++)
        if (m->ia[i].iaid == c->cfg.iaid)
            return &m->ia[i];
    return NULL;
}

const char *ipcfg_dhcp6_client_status_text(const ipcfg_dhcp6_status *s, char *buf, size_t cap)
{
    char nb[16];
    const char *name = ipcfg_dhcp6_status_name(s->code, nb, sizeof(nb));

    if (s->text[0])
        snprintf(buf, cap, "status %s (\"%s\")", name, s->text);
    else
        snprintf(buf, cap, "status %s", name);
    return buf;
}

/* The configuration every answer carries besides the IA: the usable DNS
 * servers (RFC 3646 §3), the domains (already valid names: the parser
 * dropped the others), the server's identity. */
static void config_of(const ipcfg_dhcp6_client *c, const ipcfg_dhcp6_msg *m, const uint8_t *src,
                      const ipcfg_dhcp6_now *now, ipcfg_dhcp6_lease *l)
{
    ipcfg_copy_str(l->ifname, sizeof(l->ifname), c->cfg.ifname);
    l->iaid = c->cfg.iaid;
    memcpy(l->client_duid, c->cfg.duid, c->cfg.duid_len);
    l->client_duid_len = c->cfg.duid_len;
    memcpy(l->server_duid, m->server_id, m->server_id_len);
    l->server_duid_len = m->server_id_len;
    if (src != NULL && ipcfg_dhcp6_dns_usable(src)) {
        memcpy(l->server_addr, src, 16);
        l->has_server_addr = 1;
    }
    for (unsigned i = 0; i < m->n_dns; i++)
        if (ipcfg_dhcp6_dns_usable(m->dns[i]))
            memcpy(l->dns[l->n_dns++], m->dns[i], 16);
    memcpy(l->domains, m->domains, sizeof(l->domains));
    l->n_domains = m->n_domains;
    l->obtained = now->wall_s;
}

void ipcfg_dhcp6_client_stateless_of(const ipcfg_dhcp6_client *c, const ipcfg_dhcp6_msg *m, const uint8_t *src,
                                     const ipcfg_dhcp6_now *now, ipcfg_dhcp6_lease *out)
{
    memset(out, 0, sizeof(*out));
    out->state = IPCFG_DHCP6_LEASE_STATELESS;
    config_of(c, m, src, now, out);
    /* §21.23: "If the Reply to an Information-request message does not
     * contain this option, the client MUST behave as if the option with
     * the value IRT_DEFAULT was provided.  A client MUST use the refresh
     * time IRT_MINIMUM if it receives the option with a value less than
     * IRT_MINIMUM."  Above IPCFG_DHCP6_IRT_MAXIMUM (infinity too): the
     * maximum ("A client MAY have a maximum value"). */
    uint32_t irt = (m->has & IPCFG_DHCP6_HAS_INFO_REFRESH) ? m->info_refresh : IPCFG_DHCP6_IRT_DEFAULT;
    out->refresh = irt < IPCFG_DHCP6_IRT_MINIMUM ? IPCFG_DHCP6_IRT_MINIMUM
                   : irt > IPCFG_DHCP6_IRT_MAXIMUM ? IPCFG_DHCP6_IRT_MAXIMUM
                                                   : irt;
}

/* §21.4: "Recommended values for T1 and T2 are 0.5 and 0.8 times the
 * shortest preferred lifetime of the addresses in the IA ... If the
 * "shortest" preferred lifetime is 0xffffffff ("infinity"), the
 * recommended T1 and T2 values are also 0xffffffff."  (Of addresses all
 * deprecated, preferred 0, the shortest valid lifetime is taken.)  T1 or
 * T2 of 0 leave the time to the client (§14.2), which takes these; T1
 * over T2 — which §21.4 answers by discarding the IA_NA — is taken as
 * these too, so that the addresses still bind (docs/dhcp.md). */
static void set_times(const ipcfg_dhcp6_ia *ia, ipcfg_dhcp6_lease *l)
{
    uint32_t pref = 0, valid = IPCFG_DHCP6_INFINITE;

    for (unsigned i = 0; i < l->n_addrs; i++) {
        if (l->addrs[i].preferred > 0 && (pref == 0 || l->addrs[i].preferred < pref))
            pref = l->addrs[i].preferred;
        if (l->addrs[i].valid < valid)
            valid = l->addrs[i].valid;
    }
    uint32_t base = pref > 0 ? pref : valid;
    uint32_t d1 = base == IPCFG_DHCP6_INFINITE ? base : base / 2;
    uint32_t d2 = base == IPCFG_DHCP6_INFINITE ? base : (uint32_t)((uint64_t)base * 4 / 5);
    uint32_t t1 = ia->t1 ? ia->t1 : d1, t2 = ia->t2 ? ia->t2 : d2;
    if (t1 > t2) {
        t1 = d1;
        t2 = d2;
    }
    l->t1 = t1;
    l->t2 = t2;
}

/* The recorded addresses that are still valid at now, their lifetimes
 * counted from now (§18.2.10.1: "Leave unchanged any information about
 * leases the client has recorded in the IA but that were not included in
 * the IA from the server"). */
static void carry_record(const ipcfg_dhcp6_client *c, const ipcfg_dhcp6_now *now, ipcfg_dhcp6_lease *l)
{
    for (unsigned i = 0; i < c->rec.n_addrs && i < IPCFG_DHCP6_MAX_ADDRS; i++) {
        const ipcfg_dhcp6_lease_addr *a = &c->rec.addrs[i];
        int64_t vend = ipcfg_dhcp6_lease_at(&c->rec, a->valid), pend = ipcfg_dhcp6_lease_at(&c->rec, a->preferred);
        if (vend <= now->wall_s)
            continue;
        ipcfg_dhcp6_lease_addr *o = &l->addrs[l->n_addrs++];
        memcpy(o->addr, a->addr, 16);
        o->valid = vend == INT64_MAX ? IPCFG_DHCP6_INFINITE : (uint32_t)(vend - now->wall_s);
        o->preferred = pend == INT64_MAX ? IPCFG_DHCP6_INFINITE
                       : pend <= now->wall_s ? 0
                                             : (uint32_t)(pend - now->wall_s);
    }
}

static int find_addr(const ipcfg_dhcp6_lease *l, const uint8_t a[16])
{
    for (unsigned i = 0; i < l->n_addrs; i++)
        if (memcmp(l->addrs[i].addr, a, 16) == 0)
            return (int)i;
    return -1;
}

const char *ipcfg_dhcp6_client_lease_of(const ipcfg_dhcp6_client *c, const ipcfg_dhcp6_msg *m, const ipcfg_dhcp6_ia *ia,
                                        const uint8_t *src, const ipcfg_dhcp6_now *now, ipcfg_dhcp6_lease *out,
                                        int *withdrawn)
{
    const char *why = "no address in the IA_NA";
    int renewing = c->rec_bound && (c->state == IPCFG_DHCP6_S_RENEW || c->state == IPCFG_DHCP6_S_REBIND);
    unsigned had = 0, gone = 0;

    memset(out, 0, sizeof(*out));
    out->state = IPCFG_DHCP6_LEASE_BOUND;
    config_of(c, m, src, now, out);
    if (renewing)
        carry_record(c, now, out);
    had = out->n_addrs;
    for (unsigned i = 0; i < ia->n_addrs; i++) {
        const ipcfg_dhcp6_iaaddr *a = &ia->addrs[i];
        int at = find_addr(out, a->addr);
        if (a->status.present && a->status.code != IPCFG_DHCP6_ST_SUCCESS) {
            why = "every address offered carried a failure status";
        } else if (!ipcfg_dhcp6_addr_usable(a->addr)) {
            why = "the address offered is not a usable unicast address";
        } else if (a->preferred > a->valid) {
            /* §21.6: "The client MUST discard any addresses for which the
             * preferred lifetime is greater than the valid lifetime." */
            why = "the address offered has a preferred lifetime over its valid lifetime";
        } else if (a->valid == 0) {
            /* §18.2.10.1: "Discard any leases from the IA, as recorded by
             * the client, that have a valid lifetime of 0" */
            if (at >= 0) {
                out->addrs[at] = out->addrs[--out->n_addrs];
                gone++;
            }
            why = "the address offered has a valid lifetime of 0";
        } else if (at >= 0) {
            out->addrs[at].preferred = a->preferred; /* "Update lifetimes" */
            out->addrs[at].valid = a->valid;
        } else if (out->n_addrs < IPCFG_DHCP6_MAX_ADDRS) {
            ipcfg_dhcp6_lease_addr *o = &out->addrs[out->n_addrs++]; /* "Add any new leases" */
            memcpy(o->addr, a->addr, 16);
            o->preferred = a->preferred;
            o->valid = a->valid;
        }
    }
    *withdrawn = had > 0 && gone == had && out->n_addrs == 0;
    if (out->n_addrs == 0)
        return why;
    set_times(ia, out);
    return NULL;
}
