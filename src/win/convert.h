/* ipcfg — IP Helper structures -> the model: addresses, interface types,
 * DAD states, lifetimes, and lookups in the adapter chains.
 * SPDX-License-Identifier: MIT */
#ifndef IPCFG_WIN_CONVERT_H
#define IPCFG_WIN_CONVERT_H

#include "iphlp_dyn.h"

#include <stddef.h>
#include <stdint.h>

#include "ipcfg/model.h"

/* Members added after Windows XP (gateways, the NetBIOS flag, the suffix
 * list, ...) are read only when the structure the system filled is long
 * enough to hold them. */
#define GAA_HAS(a, field) ((a)->Length >= offsetof(IP_ADAPTER_ADDRESSES_LH, field) + sizeof((a)->field))

int ipcfg_win_sockaddr_ip(const SOCKET_ADDRESS *sa, ipcfg_ip *ip);   /* 0 ok, -1 not IPv4/IPv6 */
void ipcfg_win_u32be_ip(DWORD v, ipcfg_ip *ip);                   /* IPAddr (network order) */
int ipcfg_win_addrstr_ip(const IP_ADDRESS_STRING *s, ipcfg_ip *ip); /* -1 when empty, malformed or 0.0.0.0 */
ipcfg_if_type ipcfg_win_map_iftype(IFTYPE t);
ipcfg_addr_state ipcfg_win_map_dad(IP_DAD_STATE s);
int64_t ipcfg_win_map_lifetime(ULONG v);                           /* -1 = infinite */
int ipcfg_win_uni_is_lh(const IP_ADAPTER_UNICAST_ADDRESS *u);
const IP_ADAPTER_INFO *ipcfg_win_find_info(const IP_ADAPTER_INFO *ai, const char *guid);
const IP_ADAPTER_UNICAST_ADDRESS *ipcfg_win_find_unicast(const IP_ADAPTER_ADDRESSES *a, const ipcfg_ip *ip);

#endif
