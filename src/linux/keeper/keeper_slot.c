/* ipcfg — a kept lease's record, whatever its family (see
 * keeper/keeper_int.h): the DHCPv4 lease's NAME.lease or the DHCPv6
 * lease's NAME.lease6, the times the timeline takes from it
 * (dhcp/dhcp_keep.h, dhcp6/dhcp6_keep.h), its address on the interface
 * and its DNS servers handed to the resolver or taken back through the
 * lease-change hook (shared/lease_changed.h).
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "keeper/keeper_int.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <syslog.h>

#include "dhcp6/dhcp6_keep.h"
#include "exchange/addr_dump.h"
#include "exchange/lease_store.h"
#include "keeper/keeper_log.h"
#include "netlink/nlreq.h"
#include "shared/lease_changed.h"
#include "shared/statedir.h"

static int v6(const keeper_lease *s)
{
    return s->family == IPCFG_AF_INET6;
}

void ipcfg_lx_keeper_slot_load(keeper *k, keeper_lease *s)
{
    char why[512];

    if (v6(s)) {
        s->have = ipcfg_lx_lease6_load(ipcfg_lx_state_dir(), k->ifname, &s->rec6, why, sizeof(why)) == 1;
        if (s->have)
            ipcfg_dhcp6_keep_times(&s->rec6, &s->times);
    } else {
        s->have = ipcfg_lx_lease_load(ipcfg_lx_state_dir(), k->ifname, &s->rec, why, sizeof(why)) == 1;
        if (s->have)
            ipcfg_dhcp_keep_times_of(&s->rec, &s->times);
    }
    s->reread = 0;
}

const ipcfg_dhcp_keep_times *ipcfg_lx_keeper_slot_times(const keeper_lease *s)
{
    return s->have ? &s->times : NULL;
}

int ipcfg_lx_keeper_slot_bound(const keeper_lease *s)
{
    return s->have && s->times.state == IPCFG_DHCP_KEEP_REC_BOUND;
}

/* ---- the lease's address on the interface ---- */

static int present4(keeper *k, const ipcfg_dhcp_lease *rec)
{
    ipcfg_lx_addr4s a;

    memset(&a, 0, sizeof(a));
    ipcfg_lx_addr4s_dump(&a, &k->nl);
    int here = ipcfg_lx_addr4s_has(&a, k->ifindex, rec->address, rec->prefix_len);
    ipcfg_lx_addr4s_free(&a);
    return here;
}

struct find6 {
    const keeper *k;
    const ipcfg_dhcp6_lease *rec;
    int here;
};

static int on_addr6(void *ctx, const ipcfg_nl_addr *a)
{
    struct find6 *f = ctx;
    const uint8_t *ip = a->has_local ? a->local : a->address;

    if (a->family == AF_INET6 && a->addr_len == 16 && a->ifindex == f->k->ifindex && ipcfg_dhcp6_lease_holds(f->rec, ip))
        f->here = 1;
    return 0;
}

int ipcfg_lx_keeper_slot_present(keeper *k, const keeper_lease *s)
{
    if (!ipcfg_lx_keeper_slot_bound(s))
        return 0;
    if (!v6(s))
        return present4(k, &s->rec);
    struct find6 f = {k, &s->rec6, 0};
    ipcfg_nl_visitor v;
    ipcfg_nl_result res;
    ipcfg_nlreq req;

    memset(&v, 0, sizeof(v));
    v.ctx = &f;
    v.on_addr = on_addr6;
    ipcfg_nlreq_getaddr(&req, AF_INET6);
    if (ipcfg_nlsock_transact(&k->nl, req.buf, req.len, &v, &res) != 0 || res.error != 0)
        return 0;
    return f.here;
}

void ipcfg_lx_keeper_slot_addr6_gone(keeper *k, const uint8_t a[16])
{
    keeper_lease *s = &k->lease[IPCFG_LX_KEEPER_V6];

    /* the kernel removes the address itself when its valid lifetime ends
     * (the lease's expiry is the timeline's): only one taken off early
     * is a reason to verify */
    if (!s->active || !ipcfg_lx_keeper_slot_bound(s) || !ipcfg_dhcp6_lease_holds(&s->rec6, a) ||
        ipcfg_lx_wall_s() >= ipcfg_dhcp6_lease_expires(&s->rec6) - 1)
        return;
    ipcfg_lx_klog(LOG_INFO, "the DHCPv6 lease's address was removed: the lease is confirmed");
    ipcfg_lx_keeper_feed_one(s, IPCFG_DHCP_KEEP_EV_VERIFY, 0);
}

/* ---- DNS, shown ---- */

void ipcfg_lx_keeper_slot_dns(keeper *k, const keeper_lease *s, int give)
{
    char note[IPCFG_ERRTEXT_MAX];

    note[0] = '\0';
    if (v6(s))
        ipcfg_lx_lease6_changed(k->ifname, give && s->have ? &s->rec6 : NULL, note, sizeof(note));
    else
        ipcfg_lx_lease_changed(k->ifname, give && s->have ? &s->rec : NULL, note, sizeof(note));
    if (note[0] != '\0')
        ipcfg_lx_klog(LOG_NOTICE, "%s", note);
}

void ipcfg_lx_keeper_slot_show(const keeper_lease *s, char *buf, size_t len)
{
    char a[INET6_ADDRSTRLEN] = "?";

    if (v6(s)) {
        if (s->rec6.n_addrs > 0)
            (void)inet_ntop(AF_INET6, s->rec6.addrs[0].addr, a, sizeof(a));
        snprintf(buf, len, "%s", a);
        return;
    }
    const uint8_t *ip = s->rec.address;
    snprintf(buf, len, "%u.%u.%u.%u/%u", ip[0], ip[1], ip[2], ip[3], s->rec.prefix_len);
}
