/* ipcfg — what is particular to a DHCPv6 job on the privileged side (see
 * exchange/job6.h).
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "exchange/job6.h"

#include <string.h>
#include <time.h>

#include "clock.h"
#include "dhcp6/dhcp6_lease.h"
#include "exchange/identity6.h"
#include "shared/lease_changed.h"

size_t ipcfg_lx_job6_start(exchange_job *j, uint8_t *msg, size_t cap, ipcfg_error *e)
{
    exchange_run *r = j->run;
    ipcfg_lx_wire_start s;
    char why[512];
    size_t tl = 0;

    memset(&s, 0, sizeof(s));
    if (ipcfg_lx_duid_get(r->dir, j->hw, 6, s.duid, &s.duid_len, e) != 0)
        return 0;
    s.iaid = ipcfg_lx_iaid(j->ifname, j->hw, 6);
    j->iaid6 = s.iaid;
    int have = ipcfg_lx_lease6_load(r->dir, j->ifname, &j->rec6, why, sizeof(why));
    if (have < 0) /* corrupt or unreadable: said once in the result, then no lease */
        ipcfg_lx_note_add(j, why);
    j->has_rec = have == 1;
    /* A bound record's addresses are taken as on the interface: a Renew's
     * answer installs them again where they are not (NLM_F_CREATE), and a
     * Release removes only what is there. */
    int64_t now = ipcfg_lx_wall_s();
    j->rec_present = j->has_rec && (j->rec6.state == IPCFG_DHCP6_LEASE_BOUND ||
                                    j->rec6.state == IPCFG_DHCP6_LEASE_STATELESS) &&
                     ipcfg_dhcp6_lease_expires(&j->rec6) > now;
    if (j->rec_present) {
        j->installed6 = j->rec6;
        j->has_installed = 1;
    }
    s.type = IPCFG_LX_W_START;
    s.version = IPCFG_LX_WIRE_VERSION;
    s.family = IPCFG_AF_INET6;
    s.job = j->id;
    s.op = (uint32_t)r->op;
    s.ifindex = j->ifindex;
    s.deadline_ms = r->deadline;
    memcpy(s.hw, j->hw, 6);
    s.addr_present = (uint8_t)j->rec_present;
    s.verify = (uint8_t)(r->verify != 0); /* the keeper's verify: a Confirm (RFC 8415 §18.2.3) */
    ipcfg_copy_str(s.ifname, sizeof(s.ifname), j->ifname);
    if (j->has_rec) {
        tl = ipcfg_dhcp6_lease_format(&j->rec6, (char *)msg + sizeof(s), cap - sizeof(s));
        if (tl == 0)
            j->has_rec = j->rec_present = j->has_installed = 0;
    }
    s.rec_len = (uint32_t)tl;
    memcpy(msg, &s, sizeof(s));
    return sizeof(s) + tl;
}

void ipcfg_lx_job6_changed(exchange_job *j, char *note, size_t len)
{
    ipcfg_lx_lease6_changed(j->ifname, j->has_installed ? &j->installed6 : NULL, note, len);
}
