/* ipcfg — the lease keeper's state, shared by its loop (keeper/keeper.c), its
 * view of the interface (keeper/keeper_link.c) and its kept leases' records
 * (keeper/keeper_slot.c).  Private to those files.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_KEEPER_KEEPER_INT_H
#define IPCFG_LINUX_KEEPER_KEEPER_INT_H

#include <stdint.h>
#include <time.h>

#include "dhcp/dhcp_client.h"
#include "dhcp/dhcp_keep.h"
#include "dhcp6/dhcp6_lease.h"
#include "netlink/nlsock.h"
#include "clock.h"

/* One kept lease: its family, its timeline (the state machine that
 * decides, dhcp/dhcp_keep.h) and its record (the lease file).  The keeper
 * keeps a set of them per interface: the DHCPv4 lease (NAME.lease) and
 * the DHCPv6 one (NAME.lease6), each fed its own events and run by its
 * own exchanges (docs/development.md). */
typedef struct keeper_lease {
    ipcfg_family family;
    ipcfg_dhcp_keep tl;  /* the timeline (dhcp_keep.c) */
    ipcfg_dhcp_lease rec;   /* IPCFG_AF_INET4 */
    ipcfg_dhcp6_lease rec6; /* IPCFG_AF_INET6 */
    ipcfg_dhcp_keep_times times; /* the record's times, as the timeline takes them */
    int have;            /* rec (rec6) holds the lease file's record */
    int reread;          /* the lease file is read again before the next look */
    int active;          /* kept: the keeper looks at it (a released lease is dropped) */
} keeper_lease;

#define IPCFG_LX_KEEPER_LEASES 2 /* DHCPv4, DHCPv6 */
#define IPCFG_LX_KEEPER_V4 0
#define IPCFG_LX_KEEPER_V6 1

typedef struct keeper {
    char ifname[IPCFG_DHCP_IFNAME_MAX];
    uint32_t ifindex;
    uint8_t hw[6];
    int up;          /* the link has carrier (media connected) */
    int admin_up;    /* IFF_UP: someone (or the keeper at its start) set the link up */
    int lockfd, sigfd, evfd, tfd, bfd, lsock, intr;
    int held;        /* it holds the interface (the record lock): the lease is its to keep */
    int stop;        /* leave: SIGTERM, the interface gone, another client */
    int check_other; /* a foreign dynamic address appeared: is another client here? */
    int64_t skew_ms;     /* test builds: the simulated time asleep added to the boot clock */
    keeper_lease lease[IPCFG_LX_KEEPER_LEASES];
    ipcfg_nlsock nl;
    uint8_t buf[16384];
} keeper;

/* Feeds an event that carries no time (a link change, a verify, a
 * reload) to a kept lease's timeline; its lease file is read again before
 * the next look. */
static inline void ipcfg_lx_keeper_feed_one(keeper_lease *s, ipcfg_dhcp_keep_ev_kind kind, int link_up)
{
    ipcfg_dhcp_keep_ev ev = {kind, NULL, link_up, 0};

    (void)ipcfg_dhcp_keep_step(&s->tl, &ev, NULL);
    s->reread = 1;
}

/* The same to every kept lease (the link's events concern them all); a
 * lease not kept has its file read again only (a /renew or /renew6 may
 * have recorded one: its timeline starts afresh then, keeper.c). */
static inline void ipcfg_lx_keeper_feed(keeper *k, ipcfg_dhcp_keep_ev_kind kind, int link_up)
{
    for (int i = 0; i < IPCFG_LX_KEEPER_LEASES; i++) {
        if (k->lease[i].active)
            ipcfg_lx_keeper_feed_one(&k->lease[i], kind, link_up);
        k->lease[i].reread = 1;
    }
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
/* Another DHCP client runs the interface now (the listing's rules,
 * peers/peer_lease.h): its name, or NULL. */
const char *ipcfg_lx_keeper_other_client(keeper *k);
/* Reads the pending link and address events: sets stop (the interface
 * gone, renamed or moved away) and check_other (a dynamic address someone
 * else added); feeds the timelines the link's carrier and the verifies
 * (the lease's address removed, a new hardware address, events lost). */
void ipcfg_lx_keeper_read_events(keeper *k);

/* keeper/keeper_slot.c: a kept lease's record, whatever its family. */
/* Reads s's lease file (NAME.lease or NAME.lease6) into its record and
 * times. */
void ipcfg_lx_keeper_slot_load(keeper *k, keeper_lease *s);
/* The record's times (NULL: no record). */
const ipcfg_dhcp_keep_times *ipcfg_lx_keeper_slot_times(const keeper_lease *s);
/* 1 when the record is a bound lease. */
int ipcfg_lx_keeper_slot_bound(const keeper_lease *s);
/* 1 when the bound record's address (any of them) is on the interface. */
int ipcfg_lx_keeper_slot_present(keeper *k, const keeper_lease *s);
/* The record's DNS servers and domains to the resolver (give 0: taken
 * back); what a failure says goes to the log. */
void ipcfg_lx_keeper_slot_dns(keeper *k, const keeper_lease *s, int give);
/* The bound record's address, shown: "a.b.c.d/n" or "2001:db8::10". */
void ipcfg_lx_keeper_slot_show(const keeper_lease *s, char *buf, size_t len);
/* The DHCPv6 lease's own address a removed (RTM_DELADDR) before its
 * time: that lease is verified. */
void ipcfg_lx_keeper_slot_addr6_gone(keeper *k, const uint8_t a[16]);

#endif
