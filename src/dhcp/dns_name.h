/* ipcfg — the one check for every kind of text a DHCP server sends that
 * reaches another program or the resolver, and the DNS wire form of names.
 *
 * A server's text is untrusted.  What passes these checks may be written to
 * a lease file, shown, and handed to resolvconf or resolvectl (always as an
 * execve argument or on stdin, never through a shell); what fails is
 * dropped from the lease, with one line saying so (docs/dhcp.md, "What a
 * lease may carry").  Every option that carries a name (DHCPv4 options 12,
 * 15, 81 and 119; DHCPv6 option 24) goes through ipcfg_dns_name_valid, as
 * do the names the lease files hold, the name ipcfg sends of itself
 * (DHCPv4 options 12 and 81) and every name right before it is handed to
 * the resolver; every URI (the captive portal, RFC 8910) goes through
 * ipcfg_dns_uri_valid, in the engine and again on the privileged side.
 *
 * Pure, no system calls (library ipcfg_dhcp).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_DNS_NAME_H
#define IPCFG_DNS_NAME_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define IPCFG_DNS_NAME_MAX 253  /* a name's text, without a trailing dot (RFC 1035 §2.3.4: 255 octets on the wire) */
#define IPCFG_DNS_LABEL_MAX 63  /* RFC 1035 §2.3.4 */
#define IPCFG_DNS_URI_MAX 255   /* what one DHCPv4 option can carry */

/* A host or domain name in text form: RFC 1035 §2.3.1 labels of ASCII
 * letters, digits and hyphens, 1 to 63 bytes each, neither starting nor
 * ending with a hyphen (a name that starts with '-' would read as an option
 * to the program it is handed to), at most 253 bytes in all, one trailing
 * dot allowed (the root alone, ".", is not a name here).  1 valid, 0 not. */
int ipcfg_dns_name_valid(const char *s, size_t len);

/* A URI a server offers (the captive portal, RFC 8910): printable ASCII
 * that starts "https:", at most IPCFG_DNS_URI_MAX bytes, without a blank,
 * quote, backslash, '$', backtick, ';', '|', '&', '<' or '>'.  1 valid, 0
 * not. */
int ipcfg_dns_uri_valid(const char *s, size_t len);

/* One name decoded from its wire form (RFC 1035 §3.1: length-prefixed
 * labels ending in the zero label) at buf[*off], within len bytes.
 * compress: compression pointers (RFC 1035 §4.1.4) are followed, as RFC
 * 3397 allows in DHCPv4 option 119; each must point strictly before the
 * last place jumped to (so no loop and no forward pointer survives);
 * without compress a pointer rejects the name (RFC 8415 §10: DHCPv6 names
 * are never compressed).  The text (labels joined by '.', no trailing dot)
 * goes to out (cap bytes, NUL-terminated; at least IPCFG_DNS_NAME_MAX + 1
 * fits every name) and *off moves past the name's encoding.  Returns the
 * text's length (0: the root name), -1 when malformed (a label running past
 * len, a bad pointer, a name over 255 wire bytes, a label type other than
 * 0 or pointer, a label holding '.' or NUL, which no dotted text reads back
 * as).  The labels' other bytes are not judged here: the caller runs
 * ipcfg_dns_name_valid on the text. */
int ipcfg_dns_name_decode(const uint8_t *buf, size_t len, size_t *off, int compress, char *out, size_t cap);

/* A name's wire form (no compression), for sending (DHCPv4 option 81, RFC
 * 4702 §2.3 "canonical wire format"): the text must pass
 * ipcfg_dns_name_valid.  Writes at most cap bytes; returns the length, or
 * 0 when the name is not valid or does not fit. */
size_t ipcfg_dns_name_encode(const char *name, uint8_t *out, size_t cap);

#ifdef __cplusplus
}
#endif
#endif
