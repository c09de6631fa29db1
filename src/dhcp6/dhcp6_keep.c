/* ipcfg — a DHCPv6 lease's times for the kept lease's timeline (see
 * dhcp6_keep.h).
 *
 * SPDX-License-Identifier: MIT
 */
#include "dhcp6_keep.h"

#include <string.h>

void ipcfg_dhcp6_keep_times(const ipcfg_dhcp6_lease *l, ipcfg_dhcp_keep_times *t)
{
    uint32_t valid = ipcfg_dhcp6_lease_last_valid(l);

    memset(t, 0, sizeof *t);
    if (l->state == IPCFG_DHCP6_LEASE_RELEASED)
        t->state = IPCFG_DHCP_KEEP_REC_RELEASED;
    else if (ipcfg_dhcp6_lease_bound(l))
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
