/* ipcfg — the DHCPv4 client's internal pieces shared by the state machine
 * (dhcp_client.c) and what it sends and accepts (dhcp_client_msg.c).  Not
 * for use outside src/dhcp.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_DHCP_CLIENT_INT_H
#define IPCFG_DHCP_CLIENT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "dhcp_client.h"
#include "dhcp_msg.h"

/* The client identifier sent (RFC 2132 §9.14: type, then the hardware
 * address) into out (1 + IPCFG_DHCP_HWADDR_MAX bytes); its length, 0 for
 * none. */
size_t ipcfg_dhcp_client_id(const ipcfg_dhcp_client *c, uint8_t *out);

/* Builds message `type` of the current exchange into c->msgbuf and fills
 * *to (where it goes); its length, 0 when the state sends no such
 * message. */
size_t ipcfg_dhcp_client_build(ipcfg_dhcp_client *c, const ipcfg_dhcp_now *now, uint8_t type, ipcfg_dhcp_dest *to);

/* A reply's identity (BOOTREPLY, our hardware address, our xid): NULL when
 * it belongs to this exchange, else why not. */
const char *ipcfg_dhcp_client_check_identity(const ipcfg_dhcp_client *c, const ipcfg_dhcp_msg *m);

/* 1 when a message that did not parse still carries this exchange's
 * identity in its fixed header (a server's malformed answer to us, not
 * noise): BOOTREPLY, our hardware address and xid. */
int ipcfg_dhcp_client_raw_ours(const ipcfg_dhcp_client *c, const uint8_t *msg, size_t len);

/* The sanity checks of an OFFER (ack 0) or ACK (ack 1) and the lease it
 * describes, filled into *l: NULL when usable, else why not. */
const char *ipcfg_dhcp_client_check_lease(const ipcfg_dhcp_client *c, const ipcfg_dhcp_msg *m, int ack,
                                          ipcfg_dhcp_lease *l);

/* What the last attempt ended with (c->last_fail). */
enum { FAIL_NONE = 0, FAIL_NAK = 1, FAIL_CONFLICT = 2 };

/* The state machine's own steps, shared by dhcp_client.c (transitions,
 * timers, replies) and dhcp_client_start.c (the start): */
uint32_t ipcfg_dhcp_client_rnd(const ipcfg_dhcp_client *c);
/* the wall-clock time off seconds after the lease was obtained */
int64_t ipcfg_dhcp_client_wall_at(const ipcfg_dhcp_lease *l, uint32_t off);
/* the exchange ends with e / successfully / with an I/O failure in what */
void ipcfg_dhcp_client_finish(ipcfg_dhcp_client *c, const ipcfg_error *e);
void ipcfg_dhcp_client_finish_ok(ipcfg_dhcp_client *c);
void ipcfg_dhcp_client_finish_io(ipcfg_dhcp_client *c, ipcfg_error *e, const char *what);
/* the record rewritten as released */
int ipcfg_dhcp_client_save_released(ipcfg_dhcp_client *c, ipcfg_error *e);
/* builds and sends a message of type */
void ipcfg_dhcp_client_send(ipcfg_dhcp_client *c, const ipcfg_dhcp_now *now, uint8_t type);
/* into state to, with its first transmission and timers */
void ipcfg_dhcp_client_transition(ipcfg_dhcp_client *c, const ipcfg_dhcp_now *now, ipcfg_dhcp_state to);
/* the recorded lease, no longer valid, taken off the interface */
int ipcfg_dhcp_client_drop_lease(ipcfg_dhcp_client *c);

#endif
