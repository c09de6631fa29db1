/* ipcfg — IPv4 address checks and byte order (shared by the client and
 * the lease file).  Pure; a leaf of the protocol library.
 * SPDX-License-Identifier: MIT */
#ifndef IPCFG_DHCP_ADDR_H
#define IPCFG_DHCP_ADDR_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- address sanity checks (shared by the client and the lease file) ---- */

/* The prefix length of a contiguous netmask, or -1. */
int ipcfg_dhcp_mask_prefix(const uint8_t mask[4]);
void ipcfg_dhcp_prefix_mask(unsigned prefix, uint8_t mask[4]);
/* 1 when a is usable as a unicast host address: not 0.0.0.0/8, not the
 * limited broadcast, not loopback 127/8, not multicast 224/4, not class E
 * 240/4. */
int ipcfg_dhcp_unicast_ok(const uint8_t a[4]);
/* 1 when a/prefix is a usable interface address: unicast_ok, prefix 1..32,
 * and not the subnet's network or broadcast address unless prefix >= 31
 * (RFC 3021). */
int ipcfg_dhcp_host_ok(const uint8_t a[4], unsigned prefix);

uint32_t ipcfg_dhcp_get32(const uint8_t *p);
/* strlen bounded by the array size cap (strnlen is POSIX, not C11). */
size_t ipcfg_dhcp_text_len(const char *s, size_t cap);
void ipcfg_dhcp_put32(uint8_t *p, uint32_t v);

#ifdef __cplusplus
}
#endif
#endif
