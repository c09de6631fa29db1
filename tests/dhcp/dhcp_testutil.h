/* ipcfg — DHCP test helpers: a server reply builder (what a DHCP server
 * would send), shared by the unit tests, the fuzz targets and their seed
 * generator.  Header-only.
 * SPDX-License-Identifier: MIT */
#ifndef IPCFG_DHCP_TESTUTIL_H
#define IPCFG_DHCP_TESTUTIL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dhcp_msg.h"

static const uint8_t T_MAC[6] = {0x02, 0x00, 0x5e, 0x10, 0x20, 0x30};
static const uint8_t T_ADDR[4] = {192, 0, 2, 10};
static const uint8_t T_SERVER[4] = {192, 0, 2, 1};
static const uint8_t T_SERVER2[4] = {192, 0, 2, 2};
static const uint8_t T_ROUTER[4] = {192, 0, 2, 254};
static const uint8_t T_DNS[4] = {192, 0, 2, 53};

typedef struct tsrv {
    uint8_t op, htype, hlen;
    uint8_t chaddr[16];
    uint32_t xid;
    uint8_t type;
    int no_type;
    uint8_t yiaddr[4];
    int no_server;
    uint8_t server[4];
    int no_mask;
    uint8_t mask[4];
    int no_lease;
    uint32_t lease;
    int has_t1, has_t2;
    uint32_t t1, t2;
    uint8_t n_routers;
    uint8_t routers[4][4];
    uint8_t n_dns;
    uint8_t dns[4][4];
    const uint8_t *routes121;
    size_t routes121_len;
    const char *domain;
    const char *message;
    const uint8_t *extra; /* raw options (code, length, value ...) put before the end option */
    size_t extra_len;
} tsrv;

static void tsrv_default(tsrv *s, uint8_t type, uint32_t xid)
{
    memset(s, 0, sizeof *s);
    s->op = IPCFG_BOOTREPLY;
    s->htype = 1;
    s->hlen = 6;
    memcpy(s->chaddr, T_MAC, 6);
    s->xid = xid;
    s->type = type;
    if (type != IPCFG_DHCPNAK)
        memcpy(s->yiaddr, T_ADDR, 4);
    memcpy(s->server, T_SERVER, 4);
    s->mask[0] = s->mask[1] = s->mask[2] = 255;
    s->lease = 3600;
    s->n_routers = 1;
    memcpy(s->routers[0], T_ROUTER, 4);
    s->n_dns = 1;
    memcpy(s->dns[0], T_DNS, 4);
    if (type == IPCFG_DHCPNAK) {
        s->no_mask = s->no_lease = 1;
        s->n_routers = s->n_dns = 0;
    }
}

/* Returns the message length (0 when cap is too small). */
static size_t tsrv_build(const tsrv *s, uint8_t *buf, size_t cap)
{
    ipcfg_dhcp_hdr h;
    uint8_t v[4];
    size_t at;

    memset(&h, 0, sizeof h);
    h.op = s->op;
    h.htype = s->htype;
    h.hlen = s->hlen;
    h.xid = s->xid;
    memcpy(h.yiaddr, s->yiaddr, 4);
    memcpy(h.chaddr, s->chaddr, 16);
    at = ipcfg_dhcp_build_begin(buf, cap, &h);
    if (!s->no_type)
        at = ipcfg_dhcp_build_opt(buf, cap, at, IPCFG_OPT_MSG_TYPE, &s->type, 1);
    if (!s->no_server)
        at = ipcfg_dhcp_build_opt(buf, cap, at, IPCFG_OPT_SERVER_ID, s->server, 4);
    if (!s->no_mask)
        at = ipcfg_dhcp_build_opt(buf, cap, at, IPCFG_OPT_SUBNET_MASK, s->mask, 4);
    if (!s->no_lease) {
        ipcfg_dhcp_put32(v, s->lease);
        at = ipcfg_dhcp_build_opt(buf, cap, at, IPCFG_OPT_LEASE_TIME, v, 4);
    }
    if (s->has_t1) {
        ipcfg_dhcp_put32(v, s->t1);
        at = ipcfg_dhcp_build_opt(buf, cap, at, IPCFG_OPT_T1, v, 4);
    }
    if (s->has_t2) {
        ipcfg_dhcp_put32(v, s->t2);
        at = ipcfg_dhcp_build_opt(buf, cap, at, IPCFG_OPT_T2, v, 4);
    }
    if (s->n_routers)
        at = ipcfg_dhcp_build_opt(buf, cap, at, IPCFG_OPT_ROUTER, s->routers, 4u * s->n_routers);
    if (s->n_dns)
        at = ipcfg_dhcp_build_opt(buf, cap, at, IPCFG_OPT_DNS, s->dns, 4u * s->n_dns);
    if (s->routes121_len)
        at = ipcfg_dhcp_build_opt(buf, cap, at, IPCFG_OPT_CLASSLESS_ROUTES, s->routes121, s->routes121_len);
    if (s->domain)
        at = ipcfg_dhcp_build_opt(buf, cap, at, IPCFG_OPT_DOMAIN, s->domain, strlen(s->domain));
    if (s->message)
        at = ipcfg_dhcp_build_opt(buf, cap, at, IPCFG_OPT_MESSAGE, s->message, strlen(s->message));
    if (s->extra_len && at && cap - at > s->extra_len) {
        memcpy(buf + at, s->extra, s->extra_len);
        at += s->extra_len;
    }
    return ipcfg_dhcp_build_end(buf, cap, at);
}

#endif
