/* ipcfg — the lease keeper's state, shared by its loop (keeper/keeper.c) and its
 * view of the interface (keeper/keeper_link.c).  Private to those two files.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_KEEPER_KEEPER_INT_H
#define IPCFG_LINUX_KEEPER_KEEPER_INT_H

#include <stdint.h>
#include <time.h>

#include "dhcp/dhcp_client.h"
#include "netlink/nlsock.h"
#include "clock.h"

typedef struct keeper {
    char ifname[IPCFG_DHCP_IFNAME_MAX];
    uint32_t ifindex;
    uint8_t hw[6];
    int up;          /* the link has carrier (media connected) */
    int admin_up;    /* IFF_UP: someone (or the keeper at its start) set the link up */
    int lockfd, sigfd, evfd, tfd, bfd, lsock, intr;
    int held;        /* it holds the interface (the record lock): the lease is its to keep */
    int stop;        /* leave: SIGTERM, the interface gone, another client */
    int need_verify; /* the link came back, the host resumed, our address went */
    int reload;      /* the lease file is read again before the next step */
    int check_other; /* a foreign dynamic address appeared: is another client here? */
    int dns_gone;    /* an expired lease's DNS servers were taken back */
    int64_t retry_ms;    /* boot-clock time of the next attempt after a failure; 0: none */
    unsigned backoff;    /* seconds, without a lease */
    ipcfg_dhcp_keep tl;  /* the time asleep, the lease's times on the boot clock (dhcp_keep.c) */
    int64_t skew_ms;     /* test builds: the simulated time asleep added to the boot clock */
    ipcfg_dhcp_lease rec;
    int have;            /* rec holds the lease file's record */
    ipcfg_nlsock nl;
    uint8_t buf[16384];
} keeper;

/* Unix seconds now (the lease's times are on the wall clock). */
static inline long long ipcfg_lx_keeper_wall_now(void)
{
    return (long long)(ipcfg_lx_clock_ms(CLOCK_REALTIME) / 1000);
}

/* keeper/keeper_link.c: the interface, as rtnetlink tells it. */
/* The link by name (a dump): ifindex, carrier, IFF_UP, the hardware
 * address into k.  0 found, -1 not (or the dump failed). */
int ipcfg_lx_keeper_link_query(keeper *k);
/* Reads the pending link events while the interface is not there: 1 when
 * a link of its name appeared (then queried as above), else 0. */
int ipcfg_lx_keeper_link_appeared(keeper *k);
/* Sets the link administratively up (at a boot nothing else may).  0 ok,
 * else the kernel's negative errno. */
int ipcfg_lx_keeper_link_set_up(keeper *k);
/* 1 when the record's address is on the interface now. */
int ipcfg_lx_keeper_addr_present(keeper *k);
/* Another DHCP client runs the interface now (the listing's rules,
 * peers/peer_lease.h): its name, or NULL. */
const char *ipcfg_lx_keeper_other_client(keeper *k);
/* Reads the pending link and address events: sets stop (the interface
 * gone, renamed or moved away), need_verify (carrier back, the lease's
 * address removed, a new hardware address), check_other (a dynamic
 * address someone else added), reload. */
void ipcfg_lx_keeper_read_events(keeper *k);

#endif
