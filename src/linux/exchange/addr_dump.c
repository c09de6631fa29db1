/* ipcfg — which IPv4 addresses are on which interface, from one address
 * dump for all the interfaces of a /release or /renew (see exchange/addr_dump.h).
 *
 * SPDX-License-Identifier: MIT
 */
#include "exchange/addr_dump.h"

#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "netlink/nlreq.h"

static int on_addr(void *ctx, const ipcfg_nl_addr *na)
{
    ipcfg_lx_addr4s *r = ctx;

    if (na->family != AF_INET || na->addr_len != 4 || !(na->has_local || na->has_address))
        return 0;
    if (r->n == r->cap) {
        size_t nc = r->cap ? r->cap * 2 : 16;
        ipcfg_lx_addr4 *q = realloc(r->v, nc * sizeof *q);
        if (q == NULL)
            return -1;
        r->v = q;
        r->cap = nc;
    }
    r->v[r->n].ifindex = na->ifindex;
    memcpy(r->v[r->n].a, na->has_local ? na->local : na->address, 4);
    r->v[r->n].plen = na->prefixlen;
    r->v[r->n].proto = na->has_proto ? na->proto : 0;
    r->n++;
    return 0;
}

void ipcfg_lx_addr4s_dump(ipcfg_lx_addr4s *r, ipcfg_nlsock *nl)
{
    ipcfg_nl_visitor v;
    ipcfg_nl_result res;
    ipcfg_nlreq req;

    r->n = 0;
    r->have = 0;
    memset(&v, 0, sizeof v);
    v.ctx = r;
    v.on_addr = on_addr;
    ipcfg_nlreq_getaddr(&req, AF_INET);
    if (ipcfg_nlsock_transact(nl, req.buf, req.len, &v, &res) == 0 && res.done && res.error == 0)
        r->have = 1;
}

int ipcfg_lx_addr4s_has(const ipcfg_lx_addr4s *r, uint32_t ifindex, const uint8_t a[4], uint8_t plen)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->v[i].ifindex == ifindex && memcmp(r->v[i].a, a, 4) == 0 && r->v[i].plen == plen)
            return 1;
    return 0;
}

void ipcfg_lx_addr4s_free(ipcfg_lx_addr4s *r)
{
    free(r->v);
    memset(r, 0, sizeof(*r));
}
