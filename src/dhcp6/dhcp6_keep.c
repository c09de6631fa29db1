/* ipcfg — a DHCPv6 lease's times for the kept lease's timeline (see
 * dhcp6_keep.h).
 *
 * SPDX-License-Identifier: MIT
 */
#include "dhcp6_keep.h"

#include <string.h>

void ipcfg_dhcp6_keep_times(const ipcfg_dhcp6_lease *l, ipcfg_dhcp_keep_times *t)
{
    uint32_t valid = 0;

    memset(t, 0, sizeof *t);
    for (unsigned i = 0; i < l->n_addrs && i < IPCFG_DHCP6_MAX_ADDRS; i++)
        if (l->addrs[i].valid > valid)
            valid = l->addrs[i].valid;
    if (l->state == IPCFG_DHCP6_LEASE_RELEASED)
        t->state = IPCFG_DHCP_KEEP_REC_RELEASED;
    else if (l->state == IPCFG_DHCP6_LEASE_BOUND && l->n_addrs > 0)
        t->state = IPCFG_DHCP_KEEP_REC_BOUND;
    else
        t->state = IPCFG_DHCP_KEEP_REC_OTHER;
    t->obtained = l->obtained;
    /* IPCFG_DHCP6_INFINITE and IPCFG_DHCP_INFINITE are both 0xffffffff
     * (RFC 8415 §7.7, RFC 2131 §3.3) */
    t->lifetime = valid == IPCFG_DHCP6_INFINITE ? IPCFG_DHCP_INFINITE : valid;
    t->t1 = l->t1 == IPCFG_DHCP6_INFINITE ? IPCFG_DHCP_INFINITE : l->t1;
    t->t2 = l->t2 == IPCFG_DHCP6_INFINITE ? IPCFG_DHCP_INFINITE : l->t2;
}
