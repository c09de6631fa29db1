/* ipcfg — DHCPv6 test helpers: what a server would send (Advertise,
 * Reply), built option by option so that a test can leave any part out or
 * break it; shared by the unit tests, the fuzz targets' seed generator.
 * Header-only.
 * SPDX-License-Identifier: MIT */
#ifndef IPCFG_DHCP6_TESTUTIL_H
#define IPCFG_DHCP6_TESTUTIL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dhcp6_lease.h"
#include "dhcp6_msg.h"

/* the client: a DUID-LLT of 02:00:5e:10:20:30, and its IAID */
static const uint8_t T6_DUID[14] = {0, 1, 0, 1, 0x30, 0xc3, 0x0b, 0x50, 0x02, 0x00, 0x5e, 0x10, 0x20, 0x30};
#define T6_IAID 0x11223344u
/* two servers (DUID-LL) */
static const uint8_t T6_SID1[10] = {0, 3, 0, 1, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01};
static const uint8_t T6_SID2[10] = {0, 3, 0, 1, 0x02, 0x00, 0x00, 0x00, 0x00, 0x02};
static const uint8_t T6_ADDR[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10};
static const uint8_t T6_ADDR2[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x11};
static const uint8_t T6_DNS[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x53};
static const uint8_t T6_LL[16] = {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

typedef struct tsrv6_addr {
    uint8_t addr[16];
    uint32_t preferred, valid;
    int has_status;
    uint16_t status;
} tsrv6_addr;

typedef struct tsrv6 {
    uint8_t type;
    uint32_t xid;
    int no_server;
    const uint8_t *server;
    size_t server_len;
    int no_client;
    const uint8_t *client;
    size_t client_len;
    int has_pref;
    uint8_t pref;
    int has_status;              /* top level */
    uint16_t status;
    const char *status_text;
    int no_ia;
    uint32_t iaid, t1, t2;
    int has_ia_status;
    uint16_t ia_status;
    unsigned n_addrs;
    tsrv6_addr addrs[8];
    unsigned n_dns;              /* servers in option 23, T6_DNS with the last octet counting up */
    int dns_extra;               /* octets added to option 23 (a length that is not a multiple of 16) */
    const char *domains[8];      /* option 24, labels split at '.' without any check */
    unsigned n_domains;
    int has_sol_max_rt, has_inf_max_rt, has_refresh;
    uint32_t sol_max_rt, inf_max_rt, refresh;
    const uint8_t *raw;          /* appended after the options as they are (a broken option) */
    size_t raw_len;
} tsrv6;

static inline void tsrv6_default(tsrv6 *s, uint8_t type, uint32_t xid)
{
    memset(s, 0, sizeof(*s));
    s->type = type;
    s->xid = xid;
    s->server = T6_SID1;
    s->server_len = sizeof(T6_SID1);
    s->client = T6_DUID;
    s->client_len = sizeof(T6_DUID);
    s->iaid = T6_IAID;
    s->t1 = 1800;
    s->t2 = 2880;
    s->n_addrs = 1;
    memcpy(s->addrs[0].addr, T6_ADDR, 16);
    s->addrs[0].preferred = 3600;
    s->addrs[0].valid = 7200;
    s->n_dns = 1;
}

/* A bound lease of T6_ADDR from T6_SID1 (its Reply from T6_LL) obtained
 * at `obtained`: T1 0.5 and T2 0.8 of preferred, DNS server T6_DNS. */
static inline void t6_lease(ipcfg_dhcp6_lease *l, int64_t obtained, uint32_t preferred, uint32_t valid)
{
    memset(l, 0, sizeof(*l));
    l->state = IPCFG_DHCP6_LEASE_BOUND;
    memcpy(l->ifname, "eth0", 5);
    l->iaid = T6_IAID;
    memcpy(l->client_duid, T6_DUID, sizeof(T6_DUID));
    l->client_duid_len = sizeof(T6_DUID);
    memcpy(l->server_duid, T6_SID1, sizeof(T6_SID1));
    l->server_duid_len = sizeof(T6_SID1);
    memcpy(l->server_addr, T6_LL, 16);
    l->has_server_addr = 1;
    memcpy(l->addrs[0].addr, T6_ADDR, 16);
    l->addrs[0].preferred = preferred;
    l->addrs[0].valid = valid;
    l->n_addrs = 1;
    l->t1 = preferred / 2;
    l->t2 = preferred / 5 * 4;
    memcpy(l->dns[0], T6_DNS, 16);
    l->n_dns = 1;
    l->obtained = obtained;
}

/* Names in their wire form (RFC 1035 §3.1) without a check of the
 * labels: a test sends what a hostile server would. */
static inline size_t tsrv6_names(const char *const *names, unsigned n, uint8_t *out, size_t cap)
{
    size_t o = 0;
    for (unsigned i = 0; i < n; i++) {
        const char *p = names[i];
        while (*p) {
            const char *dot = strchr(p, '.');
            size_t l = dot ? (size_t)(dot - p) : strlen(p);
            if (l > 63 || o + 1 + l >= cap)
                return 0;
            out[o++] = (uint8_t)l;
            memcpy(out + o, p, l);
            o += l;
            p += l + (dot ? 1 : 0);
        }
        if (o + 1 > cap)
            return 0;
        out[o++] = 0;
    }
    return o;
}

static inline size_t tsrv6_ia(const tsrv6 *s, uint8_t *b, size_t cap, size_t at)
{
    uint8_t head[12], ia[24], st[2];
    size_t mark;

    ipcfg_dhcp6_put32(head, s->iaid);
    ipcfg_dhcp6_put32(head + 4, s->t1);
    ipcfg_dhcp6_put32(head + 8, s->t2);
    at = ipcfg_dhcp6_build_open(b, cap, at, IPCFG_DHCP6_OPT_IA_NA, &mark);
    if (at == 0 || cap - at < 12)
        return 0;
    memcpy(b + at, head, 12);
    at += 12;
    if (s->has_ia_status) {
        ipcfg_dhcp6_put16(st, s->ia_status);
        at = ipcfg_dhcp6_build_opt(b, cap, at, IPCFG_DHCP6_OPT_STATUS_CODE, st, 2);
    }
    for (unsigned i = 0; i < s->n_addrs; i++) {
        size_t am;
        memcpy(ia, s->addrs[i].addr, 16);
        ipcfg_dhcp6_put32(ia + 16, s->addrs[i].preferred);
        ipcfg_dhcp6_put32(ia + 20, s->addrs[i].valid);
        at = ipcfg_dhcp6_build_open(b, cap, at, IPCFG_DHCP6_OPT_IAADDR, &am);
        if (at == 0 || cap - at < 24)
            return 0;
        memcpy(b + at, ia, 24);
        at += 24;
        if (s->addrs[i].has_status) {
            ipcfg_dhcp6_put16(st, s->addrs[i].status);
            at = ipcfg_dhcp6_build_opt(b, cap, at, IPCFG_DHCP6_OPT_STATUS_CODE, st, 2);
        }
        at = ipcfg_dhcp6_build_close(b, at, am);
    }
    return ipcfg_dhcp6_build_close(b, at, mark);
}

static inline size_t tsrv6_u32(uint8_t *b, size_t cap, size_t at, uint16_t code, uint32_t v)
{
    uint8_t x[4];
    ipcfg_dhcp6_put32(x, v);
    return ipcfg_dhcp6_build_opt(b, cap, at, code, x, 4);
}

/* Returns the message length (0 when cap is too small). */
static inline size_t tsrv6_build(const tsrv6 *s, uint8_t *b, size_t cap)
{
    static uint8_t v[8192];
    size_t at = ipcfg_dhcp6_build_begin(b, cap, s->type, s->xid);

    if (!s->no_server)
        at = ipcfg_dhcp6_build_opt(b, cap, at, IPCFG_DHCP6_OPT_SERVERID, s->server, s->server_len);
    if (!s->no_client)
        at = ipcfg_dhcp6_build_opt(b, cap, at, IPCFG_DHCP6_OPT_CLIENTID, s->client, s->client_len);
    if (s->has_pref)
        at = ipcfg_dhcp6_build_opt(b, cap, at, IPCFG_DHCP6_OPT_PREFERENCE, &s->pref, 1);
    if (s->has_status) {
        size_t tl = s->status_text ? strlen(s->status_text) : 0;
        ipcfg_dhcp6_put16(v, s->status);
        memcpy(v + 2, s->status_text ? s->status_text : "", tl);
        at = ipcfg_dhcp6_build_opt(b, cap, at, IPCFG_DHCP6_OPT_STATUS_CODE, v, 2 + tl);
    }
    if (!s->no_ia)
        at = tsrv6_ia(s, b, cap, at);
    if (s->n_dns || s->dns_extra) {
        size_t n = 16u * s->n_dns + (size_t)s->dns_extra;
        memset(v, 0x55, n);
        for (unsigned i = 0; i < s->n_dns; i++) {
            memcpy(v + 16 * i, T6_DNS, 16);
            v[16 * i + 14] = (uint8_t)(i >> 8);
            v[16 * i + 15] = (uint8_t)(0x53 + i);
        }
        at = ipcfg_dhcp6_build_opt(b, cap, at, IPCFG_DHCP6_OPT_DNS_SERVERS, v, n);
    }
    if (s->n_domains) {
        size_t n = tsrv6_names(s->domains, s->n_domains, v, sizeof(v));
        at = n ? ipcfg_dhcp6_build_opt(b, cap, at, IPCFG_DHCP6_OPT_DOMAIN_LIST, v, n) : 0;
    }
    if (s->has_sol_max_rt)
        at = tsrv6_u32(b, cap, at, IPCFG_DHCP6_OPT_SOL_MAX_RT, s->sol_max_rt);
    if (s->has_inf_max_rt)
        at = tsrv6_u32(b, cap, at, IPCFG_DHCP6_OPT_INF_MAX_RT, s->inf_max_rt);
    if (s->has_refresh)
        at = tsrv6_u32(b, cap, at, IPCFG_DHCP6_OPT_INFO_REFRESH_TIME, s->refresh);
    if (s->raw_len && at && cap - at >= s->raw_len) {
        memcpy(b + at, s->raw, s->raw_len);
        at += s->raw_len;
    } else if (s->raw_len) {
        at = 0;
    }
    return at;
}

#endif
