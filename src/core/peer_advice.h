/* ipcfg — the core's answer for an adapter that another DHCP client runs
 * (docs/contract.md, "Linux, other DHCP clients": never fight it): whether it is
 * one, and the error that names the client and the command to use instead.
 * The command itself comes from the backend (client_command), which knows
 * its platform's clients.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_CORE_PEER_ADVICE_H
#define IPCFG_CORE_PEER_ADVICE_H

#include "ipcfg/model.h"

/* 1 when adapter.lease_client names a client other than ipcfg. */
int ipcfg_peer_other_client(const ipcfg_adapter *a);

/* The refusal: status 2, reason IPCFG_R_OTHER_CLIENT, text
 *   Adapter eth0 is run by dhcpcd; use "dhcpcd -n eth0" instead.
 * cmd: the client's own command ("" = none known). */
void ipcfg_peer_refusal(ipcfg_error *e, const ipcfg_adapter *a, const char *cmd);

#endif
