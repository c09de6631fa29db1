/* ipcfg — SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104), for the one
 * place the DHCPv6 library needs a keyed hash: an application-specific
 * DUID-UUID from the machine-id (dhcp6_duid.h).  Internal to src/dhcp6.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_DHCP6_SHA256_H
#define IPCFG_DHCP6_SHA256_H

#include <stddef.h>
#include <stdint.h>

void ipcfg_dhcp6_sha256(const uint8_t *p, size_t n, uint8_t out[32]);
void ipcfg_dhcp6_hmac_sha256(const uint8_t *key, size_t klen, const uint8_t *msg, size_t mlen, uint8_t out[32]);

#endif
