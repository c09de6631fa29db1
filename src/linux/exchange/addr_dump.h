/* ipcfg — which IPv4 addresses are on which interface: one rtnetlink
 * address dump for all the interfaces a /release or /renew acts on, so
 * that each can tell whether its recorded lease's address is still there.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_EXCHANGE_ADDR_DUMP_H
#define IPCFG_LINUX_EXCHANGE_ADDR_DUMP_H

#include <stddef.h>
#include <stdint.h>

#include "netlink/nlsock.h"

typedef struct ipcfg_lx_addr4 {
    uint32_t ifindex;
    uint8_t a[4];
    uint8_t plen;
    uint8_t proto; /* IFA_PROTO, 0 when the kernel did not say */
} ipcfg_lx_addr4;

typedef struct ipcfg_lx_addr4s {
    ipcfg_lx_addr4 *v;
    size_t n, cap;
    int have; /* the last dump succeeded */
} ipcfg_lx_addr4s;

/* (Re)reads the IPv4 addresses through nl; on failure have stays 0 (an
 * address is then taken as absent). */
void ipcfg_lx_addr4s_dump(ipcfg_lx_addr4s *r, ipcfg_nlsock *nl);
/* 1 when a/plen is on the interface ifindex in the last dump. */
int ipcfg_lx_addr4s_has(const ipcfg_lx_addr4s *r, uint32_t ifindex, const uint8_t a[4], uint8_t plen);
void ipcfg_lx_addr4s_free(ipcfg_lx_addr4s *r);

#endif
