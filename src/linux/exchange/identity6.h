/* ipcfg — a DHCPv6 client's identity on Linux (RFC 8415 §11, §12): the
 * host's DUID, made once and kept in the state directory, and each
 * interface's IAID, derived from its permanent hardware address.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_EXCHANGE_IDENTITY6_H
#define IPCFG_LINUX_EXCHANGE_IDENTITY6_H

#include <stddef.h>
#include <stdint.h>

#include "ipcfg/model.h"

#define IPCFG_LX_DUID_FILE "dhcp6.duid" /* in the state directory (dhcp6_duid.h's "ipcfg-duid 1") */

/* The host's DUID from <dir>/dhcp6.duid, made when there is none: a
 * DUID-LLT (§11.2, as Windows makes its own) of hw (hwlen octets, the
 * interface that needs it first) and the time now, written once (a
 * concurrent run's file wins).  A file that is corrupt is an error, never
 * silently replaced: the DUID is what servers know the host by.  *len
 * gets its length (duid holds 130).  0 ok, else a status with err. */
int ipcfg_lx_duid_get(const char *dir, const uint8_t *hw, size_t hwlen, uint8_t *duid, uint8_t *len,
                      ipcfg_error *err);

/* The IAID of ifname (§12): from its permanent hardware address (ethtool's,
 * the one the card came with), else from hw, its address now, so that it
 * is the same across reboots and interface renumbering. */
uint32_t ipcfg_lx_iaid(const char *ifname, const uint8_t *hw, size_t hwlen);

#endif
