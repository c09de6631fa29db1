/* ipcfg — DHCPv6 identity: the host's DUID (RFC 8415 §11) and an IAID per
 * interface (§12), their text forms.  Pure: the caller supplies the
 * hardware address, the time and the UUID, and keeps the DUID file.
 *
 * One DUID for the host, made once and kept (§11: it "SHOULD NOT change
 * over time if at all possible"): DUID-LLT (§11.2) from one interface's
 * hardware address and the time it was made, or DUID-UUID (§11.5, RFC
 * 6355) from a 16-octet UUID.
 *
 * The IAID (§12: "MUST be consistent across restarts of the DHCP
 * client") is derived, never stored: from the interface's permanent
 * hardware address (the one burnt into the NIC, which survives reboots,
 * renaming and renumbering, and which virtual interfaces and randomised
 * Wi-Fi addresses do not change), or, for an interface that has none (a
 * VLAN, a bridge, a tunnel: they share or invent addresses), from its
 * name (unique on the host at any one time, stable across reboots with
 * predictable names, independent of the interface index).  Both are
 * FNV-1a, 32 bits, over those octets.  Windows derives the IAID from the
 * adapter and keeps it in the registry; ipcfg shows it the same way
 * (decimal) and the DUID as Windows prints it.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_DHCP6_DUID_H
#define IPCFG_DHCP6_DUID_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* §11.1, table 2: DUID types. */
enum {
    IPCFG_DHCP6_DUID_LLT = 1,
    IPCFG_DHCP6_DUID_EN = 2,
    IPCFG_DHCP6_DUID_LL = 3,
    IPCFG_DHCP6_DUID_UUID = 4
};

/* §11.2: "The time value is the time that the DUID is generated,
 * represented in seconds since midnight (UTC), January 1, 2000, modulo
 * 2^32." */
#define IPCFG_DHCP6_DUID_EPOCH 946684800LL
#define IPCFG_DHCP6_DUID_TEXT_MAX (3 * 130) /* the Windows form of the longest DUID, and its NUL */

/* DUID-LLT of hardware type hwtype (IANA ARP hardware types: 1 Ethernet)
 * and address hw[0..hwlen) (1 to 126 octets) made at Unix time now_s.
 * Writes at most cap octets; returns the length, 0 when it does not fit
 * or hwlen is 0 or too long. */
size_t ipcfg_dhcp6_duid_llt(uint16_t hwtype, const uint8_t *hw, size_t hwlen, int64_t now_s, uint8_t *out,
                            size_t cap);
/* DUID-UUID: type 4, then the 16 octets of uuid.  Returns 18, or 0. */
size_t ipcfg_dhcp6_duid_uuid(const uint8_t uuid[16], uint8_t *out, size_t cap);
/* The UUID of an application-specific DUID-UUID from the host's
 * machine-id (machine-id(5): 32 lowercase hex digits, then an optional
 * newline).  machine-id(5) asks that the ID itself never be sent on the
 * network ("the machine ID or any part of it must not be used directly.
 * Instead the machine ID should be hashed with a cryptographic, keyed hash
 * function, using a fixed, application-specific key"): the UUID is
 * HMAC-SHA256(key = the 16 ID octets, message = ipcfg's fixed application
 * key) cut to 16 octets, marked as an RFC 9562 version 4 UUID.  0 ok, -1
 * when text is not a machine-id. */
int ipcfg_dhcp6_uuid_from_machine_id(const char *text, size_t len, uint8_t uuid[16]);

/* 1 when duid[0..len) may be a DUID: 3 to 130 octets, and the types RFC
 * 8415 defines long enough for their fields (LLT 9 or more, EN 7 or more,
 * LL 5 or more, UUID exactly 18).  Other types are accepted as opaque
 * (§11: "MUST NOT restrict DUIDs to the types defined in this
 * document"). */
int ipcfg_dhcp6_duid_valid(const uint8_t *duid, size_t len);

/* The DUID file (kept in the state directory):
 *     ipcfg-duid 1
 *     duid 000100012a15c3111cd305f158e1
 *     end
 * format writes it (NUL-terminated) and returns its length, 0 when cap is
 * too small or the DUID is not valid.  parse is strict over untrusted
 * bytes: exactly those three lines, the DUID valid and in lowercase hex;
 * 0 ok, -1 rejected with a one-line reason in why (out untouched). */
size_t ipcfg_dhcp6_duid_format(const uint8_t *duid, size_t len, char *buf, size_t cap);
int ipcfg_dhcp6_duid_parse(const char *buf, size_t len, uint8_t out[130], uint8_t *out_len, char *why,
                           size_t why_len);

/* Windows' text form (ipconfig's "DHCPv6 Client DUID"): every octet as two
 * uppercase hex digits, joined by '-' ("00-01-00-01-2A-15-C3-11-1C-D3-05-
 * F1-58-E1").  Returns the length, 0 when cap is too small. */
size_t ipcfg_dhcp6_duid_windows(const uint8_t *duid, size_t len, char *buf, size_t cap);

/* The IAID from a permanent hardware address, or from an interface name
 * (see the head comment: FNV-1a, 32 bits). */
uint32_t ipcfg_dhcp6_iaid_from_hwaddr(const uint8_t *hw, size_t len);
uint32_t ipcfg_dhcp6_iaid_from_name(const char *ifname);
/* ipconfig's "DHCPv6 IAID": decimal.  Returns the length, 0 when cap is
 * too small. */
size_t ipcfg_dhcp6_iaid_text(uint32_t iaid, char *buf, size_t cap);

#ifdef __cplusplus
}
#endif
#endif
