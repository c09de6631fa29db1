/* ipcfg — libFuzzer target for the DHCP message parser
 * (src/dhcp/dhcp_msg.c): any input either is rejected whole (the result
 * zeroed, a reason given) or yields a message whose fields respect their
 * bounds; an accepted message rebuilt from its fields parses to the same
 * fields again.
 * SPDX-License-Identifier: MIT */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp_msg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const ipcfg_dhcp_msg *m)
{
    unsigned i;
    if (m->type == 0 || m->n_routers > IPCFG_DHCP_MAX_ROUTERS || m->n_dns > IPCFG_DHCP_MAX_DNS ||
        m->n_routes > IPCFG_DHCP_MAX_ROUTES || m->client_id_len > IPCFG_DHCP_CLIENTID_MAX || m->h.hlen > 16)
        abort();
    if (memchr(m->domain, 0, sizeof m->domain) == NULL || memchr(m->host_name, 0, sizeof m->host_name) == NULL ||
        memchr(m->message, 0, sizeof m->message) == NULL)
        abort();
    for (i = 0; m->domain[i]; i++)
        if ((unsigned char)m->domain[i] < 0x21 || (unsigned char)m->domain[i] > 0x7e)
            abort();
    for (i = 0; i < m->n_routes; i++)
        if (m->routes[i].prefix_len > 32)
            abort();
    if (((m->has & IPCFG_HAS_OVERLOAD) != 0) != (m->overload != 0) || m->overload > 3)
        abort();
}

/* Rebuilds the options ipcfg knows from m. */
static size_t rebuild(const ipcfg_dhcp_msg *m, uint8_t *b, size_t cap)
{
    uint8_t v[4], r[IPCFG_DHCP_MAX_ROUTES * 9];
    size_t at = ipcfg_dhcp_build_begin(b, cap, &m->h), rl = 0;
    unsigned i;

    at = ipcfg_dhcp_build_opt(b, cap, at, IPCFG_OPT_MSG_TYPE, &m->type, 1);
    if (m->has & IPCFG_HAS_SERVER_ID)
        at = ipcfg_dhcp_build_opt(b, cap, at, IPCFG_OPT_SERVER_ID, m->server_id, 4);
    if (m->has & IPCFG_HAS_MASK)
        at = ipcfg_dhcp_build_opt(b, cap, at, IPCFG_OPT_SUBNET_MASK, m->mask, 4);
    if (m->has & IPCFG_HAS_LEASE_TIME) {
        ipcfg_dhcp_put32(v, m->lease_time);
        at = ipcfg_dhcp_build_opt(b, cap, at, IPCFG_OPT_LEASE_TIME, v, 4);
    }
    if (m->n_dns)
        at = ipcfg_dhcp_build_opt(b, cap, at, IPCFG_OPT_DNS, m->dns, 4u * m->n_dns);
    if (m->domain[0])
        at = ipcfg_dhcp_build_opt(b, cap, at, IPCFG_OPT_DOMAIN, m->domain, strlen(m->domain));
    for (i = 0; i < m->n_routes; i++) {
        unsigned sig = (m->routes[i].prefix_len + 7u) / 8u;
        r[rl++] = m->routes[i].prefix_len;
        memcpy(r + rl, m->routes[i].dest, sig);
        rl += sig;
        memcpy(r + rl, m->routes[i].gateway, 4);
        rl += 4;
    }
    if (rl)
        at = ipcfg_dhcp_build_opt(b, cap, at, IPCFG_OPT_CLASSLESS_ROUTES, r, rl);
    return ipcfg_dhcp_build_end(b, cap, at);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static ipcfg_dhcp_msg m, m2;
    static const ipcfg_dhcp_msg zero;
    static uint8_t b[2048];
    const char *why = NULL;
    size_t n;

    if (ipcfg_dhcp_msg_parse(data, size, &m, &why) != 0) {
        if (why == NULL || memcmp(&m, &zero, sizeof m) != 0)
            abort();
        return 0;
    }
    if (why != NULL)
        abort();
    check(&m);
    n = rebuild(&m, b, sizeof b);
    if (n == 0 || ipcfg_dhcp_msg_parse(b, n, &m2, &why) != 0)
        abort();
    if (m2.type != m.type || memcmp(&m2.h, &m.h, sizeof m.h) != 0 || m2.n_dns != m.n_dns ||
        memcmp(m2.dns, m.dns, sizeof m.dns) != 0 || m2.n_routes != m.n_routes ||
        memcmp(m2.routes, m.routes, sizeof m.routes) != 0 || strcmp(m2.domain, m.domain) != 0 ||
        m2.lease_time != m.lease_time || memcmp(m2.server_id, m.server_id, 4) != 0)
        abort();
    return 0;
}
