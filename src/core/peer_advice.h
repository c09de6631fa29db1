/* ipcfg — the core's answer for an adapter that another DHCP client runs
 * (issue 12, "never fight them"): whether it is one, and the line that
 * names the client and the command to use instead.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_CORE_PEER_ADVICE_H
#define IPCFG_CORE_PEER_ADVICE_H

#include "ipcfg/model.h"

/* 1 when adapter.lease_client names a client other than ipcfg. */
int ipcfg_peer_other_client(const ipcfg_adapter *a);

/* The command that does what /release (release = 1) or /renew asked, for
 * the client that runs the adapter, into buf; "" when there is none. */
void ipcfg_peer_command(const ipcfg_adapter *a, int release, char *buf, size_t len);

/* The refusal: status 2, reason IPCFG_R_OTHER_CLIENT, text
 *   Adapter eth0 is run by dhcpcd; use "dhcpcd -n eth0" instead. */
void ipcfg_peer_refusal(ipcfg_error *e, const ipcfg_adapter *a, int release);

/* The note for an adapter /release or /renew without an adapter name skips
 * (no newline):
 *   Skipped eth0: it is run by dhcpcd; use "dhcpcd -n eth0" instead. */
void ipcfg_peer_skip_note(char *buf, size_t len, const ipcfg_adapter *a, int release);

#endif
