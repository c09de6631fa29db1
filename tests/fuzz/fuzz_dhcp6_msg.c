/* ipcfg — libFuzzer target for the DHCPv6 message parser
 * (src/dhcp6/dhcp6_msg.c): any input either is rejected whole (the
 * result zeroed, a one-line reason given) or yields a message whose
 * fields respect their bounds (counts within the arrays, names valid
 * domain names, texts printable); an accepted message rebuilt from its
 * fields parses to the same fields again.
 * SPDX-License-Identifier: MIT */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp6_msg.h"
#include "dns_name.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_status(const ipcfg_dhcp6_status *s)
{
    const char *z = memchr(s->text, '\0', sizeof(s->text));
    if (z == NULL || (!s->present && s->text[0]))
        abort();
    for (const char *p = s->text; p < z; p++)
        if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
            abort();
}

static void check(const ipcfg_dhcp6_msg *m)
{
    if (m->type < IPCFG_DHCP6_SOLICIT || m->type > IPCFG_DHCP6_INFORMATION_REQUEST || m->xid > 0xffffff ||
        m->n_ia > IPCFG_DHCP6_MAX_IA || m->n_dns > IPCFG_DHCP6_MAX_DNS || m->n_dns > m->n_dns_seen ||
        m->n_domains > IPCFG_DHCP6_MAX_DOMAINS || m->n_oro > IPCFG_DHCP6_MAX_ORO)
        abort();
    if (((m->has & IPCFG_DHCP6_HAS_CLIENTID) != 0) != (m->client_id_len != 0) ||
        ((m->has & IPCFG_DHCP6_HAS_SERVERID) != 0) != (m->server_id_len != 0) ||
        m->client_id_len > IPCFG_DHCP6_DUID_MAX || m->server_id_len > IPCFG_DHCP6_DUID_MAX)
        abort();
    if ((m->has & IPCFG_DHCP6_HAS_DNS) && (m->has & IPCFG_DHCP6_HAS_BAD_DNS))
        abort();
    if ((m->has & IPCFG_DHCP6_HAS_BAD_DNS) && (m->n_dns || m->note[0] == '\0'))
        abort();
    check_status(&m->status);
    for (unsigned i = 0; i < m->n_ia; i++) {
        if (m->ia[i].n_addrs > IPCFG_DHCP6_MAX_ADDRS || m->ia[i].n_addrs > m->ia[i].n_addrs_seen)
            abort();
        check_status(&m->ia[i].status);
        for (unsigned k = 0; k < m->ia[i].n_addrs; k++)
            check_status(&m->ia[i].addrs[k].status);
    }
    for (unsigned i = 0; i < m->n_domains; i++) {
        const char *z = memchr(m->domains[i], '\0', sizeof(m->domains[i]));
        if (z == NULL || !ipcfg_dns_name_valid(m->domains[i], (size_t)(z - m->domains[i])))
            abort();
    }
    if (memchr(m->note, '\0', sizeof(m->note)) == NULL || strchr(m->note, '\n') != NULL)
        abort();
}

static size_t put_status(uint8_t *b, size_t cap, size_t at, const ipcfg_dhcp6_status *s)
{
    uint8_t v[2 + IPCFG_DHCP6_STATUS_TEXT_MAX];
    size_t n = strlen(s->text);
    if (!s->present)
        return at;
    ipcfg_dhcp6_put16(v, s->code);
    memcpy(v + 2, s->text, n);
    return ipcfg_dhcp6_build_opt(b, cap, at, IPCFG_DHCP6_OPT_STATUS_CODE, v, 2 + n);
}

static size_t put_ia(uint8_t *b, size_t cap, size_t at, const ipcfg_dhcp6_ia *ia)
{
    uint8_t v[24];
    size_t mark, am;

    ipcfg_dhcp6_put32(v, ia->iaid);
    ipcfg_dhcp6_put32(v + 4, ia->t1);
    ipcfg_dhcp6_put32(v + 8, ia->t2);
    at = ipcfg_dhcp6_build_open(b, cap, at, IPCFG_DHCP6_OPT_IA_NA, &mark);
    if (at == 0 || cap - at < 12)
        return 0;
    memcpy(b + at, v, 12);
    at = put_status(b, cap, at + 12, &ia->status);
    for (unsigned k = 0; k < ia->n_addrs; k++) {
        memcpy(v, ia->addrs[k].addr, 16);
        ipcfg_dhcp6_put32(v + 16, ia->addrs[k].preferred);
        ipcfg_dhcp6_put32(v + 20, ia->addrs[k].valid);
        at = ipcfg_dhcp6_build_open(b, cap, at, IPCFG_DHCP6_OPT_IAADDR, &am);
        if (at == 0 || cap - at < 24)
            return 0;
        memcpy(b + at, v, 24);
        at = put_status(b, cap, at + 24, &ia->addrs[k].status);
        at = ipcfg_dhcp6_build_close(b, at, am);
    }
    return ipcfg_dhcp6_build_close(b, at, mark);
}

/* Rebuilds the options ipcfg keeps from m. */
static size_t rebuild(const ipcfg_dhcp6_msg *m, uint8_t *b, size_t cap)
{
    static uint8_t v[IPCFG_DHCP6_MAX_DOMAINS * 256];
    size_t at = ipcfg_dhcp6_build_begin(b, cap, m->type, m->xid);

    if (m->client_id_len)
        at = ipcfg_dhcp6_build_opt(b, cap, at, IPCFG_DHCP6_OPT_CLIENTID, m->client_id, m->client_id_len);
    if (m->server_id_len)
        at = ipcfg_dhcp6_build_opt(b, cap, at, IPCFG_DHCP6_OPT_SERVERID, m->server_id, m->server_id_len);
    if (m->has & IPCFG_DHCP6_HAS_PREFERENCE)
        at = ipcfg_dhcp6_build_opt(b, cap, at, IPCFG_DHCP6_OPT_PREFERENCE, &m->preference, 1);
    at = put_status(b, cap, at, &m->status);
    for (unsigned i = 0; i < m->n_ia; i++)
        at = put_ia(b, cap, at, &m->ia[i]);
    if (m->has & IPCFG_DHCP6_HAS_DNS)
        at = ipcfg_dhcp6_build_opt(b, cap, at, IPCFG_DHCP6_OPT_DNS_SERVERS, m->dns, 16u * m->n_dns);
    size_t n = 0;
    for (unsigned i = 0; i < m->n_domains; i++)
        n += ipcfg_dns_name_encode(m->domains[i], v + n, sizeof(v) - n);
    if (m->has & IPCFG_DHCP6_HAS_DOMAINS)
        at = ipcfg_dhcp6_build_opt(b, cap, at, IPCFG_DHCP6_OPT_DOMAIN_LIST, v, n);
    return at;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static ipcfg_dhcp6_msg m, m2;
    static const ipcfg_dhcp6_msg zero;
    static uint8_t b[70000];
    const char *why = NULL;

    if (ipcfg_dhcp6_msg_parse(data, size, &m, &why) != 0) {
        if (why == NULL || strchr(why, '\n') != NULL || memcmp(&m, &zero, sizeof(m)) != 0)
            abort();
        return 0;
    }
    if (why != NULL)
        abort();
    check(&m);
    size_t n = rebuild(&m, b, sizeof(b));
    if (n == 0 || ipcfg_dhcp6_msg_parse(b, n, &m2, &why) != 0)
        abort();
    if (m2.type != m.type || m2.xid != m.xid || m2.client_id_len != m.client_id_len ||
        memcmp(m2.client_id, m.client_id, sizeof(m.client_id)) != 0 || m2.n_ia != m.n_ia ||
        memcmp(&m2.status, &m.status, sizeof(m.status)) != 0 || m2.n_dns != m.n_dns ||
        memcmp(m2.dns, m.dns, sizeof(m.dns)) != 0 || m2.n_domains != m.n_domains ||
        memcmp(m2.domains, m.domains, sizeof(m.domains)) != 0 || m2.preference != m.preference)
        abort();
    for (unsigned i = 0; i < m.n_ia; i++)
        if (m2.ia[i].iaid != m.ia[i].iaid || m2.ia[i].n_addrs != m.ia[i].n_addrs ||
            memcmp(m2.ia[i].addrs, m.ia[i].addrs, sizeof(m.ia[i].addrs)) != 0)
            abort();
    return 0;
}
