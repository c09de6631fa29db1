/* ipcfg — the text files of the DHCPv6 library (the lease file, the DUID
 * file): writing them, and the strict reading of their envelope and
 * values.  Internal to src/dhcp6.
 *
 * Every file is "MAGIC VERSION", then "key value" lines, then "end": a
 * file without its final "end" line and newline (a torn write) is never
 * accepted.  The reader rejects the whole file, with one line naming the
 * line and the fault, on a NUL or control byte (so CRLF too), a line over
 * IPCFG_DHCP6_LINE_MAX octets, another first line or version, a line that
 * is not "key value", anything after "end", or a value its key's handler
 * refuses.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_DHCP6_TEXT_H
#define IPCFG_DHCP6_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "ipcfg/compiler.h"

#define IPCFG_DHCP6_LINE_MAX 512
/* The latest time a file holds: 9999-12-31T23:59:59Z. */
#define IPCFG_DHCP6_TIME_MAX 253402300799LL

/* ---- writing ---------------------------------------------------------------- */

typedef struct ipcfg_dhcp6_out {
    char *buf;
    size_t cap, len;
    int full;
} ipcfg_dhcp6_out;

void ipcfg_dhcp6_out_init(ipcfg_dhcp6_out *o, char *buf, size_t cap);
void ipcfg_dhcp6_out_fmt(ipcfg_dhcp6_out *o, const char *fmt, ...) IPCFG_PRINTF(2, 3);
/* lowercase hex, no separators */
void ipcfg_dhcp6_out_hex(ipcfg_dhcp6_out *o, const uint8_t *p, size_t n);
/* RFC 5952 text */
void ipcfg_dhcp6_out_ip6(ipcfg_dhcp6_out *o, const uint8_t a[16]);
/* seconds, or "infinite" for IPCFG_DHCP6_INFINITE */
void ipcfg_dhcp6_out_time(ipcfg_dhcp6_out *o, uint32_t v);
/* The text's length, or 0 (and buf "") when it did not fit. */
size_t ipcfg_dhcp6_out_end(ipcfg_dhcp6_out *o);

/* ---- reading ---------------------------------------------------------------- */

/* A decimal number without sign or leading zeros, at most max: 0 or -1. */
int ipcfg_dhcp6_text_dec(const char *s, size_t n, uint64_t max, uint64_t *v);
/* Seconds (at most 0xfffffffe) or "infinite". */
int ipcfg_dhcp6_text_time(const char *s, size_t n, uint32_t *v);
/* Hex pairs without separators, min..max octets. */
int ipcfg_dhcp6_text_hex(const char *s, size_t n, uint8_t *dst, size_t min, size_t max, uint8_t *len);
/* An IPv6 address in exactly the RFC 5952 form ipcfg_dhcp6_out_ip6
 * writes (one spelling per address). */
int ipcfg_dhcp6_text_ip6(const char *s, size_t n, uint8_t a[16]);

/* One "key value" line: 0 taken, -1 refused with *msg a static reason. */
typedef int (*ipcfg_dhcp6_line_fn)(void *ctx, const char *key, size_t kn, const char *val, size_t vn,
                                   const char **msg);

/* Walks buf[0..len): the envelope is checked here, each line between the
 * first and "end" goes to fn.  0 accepted; -1 rejected with a one-line
 * reason in why ("line N: ..."). */
int ipcfg_dhcp6_text_walk(const char *buf, size_t len, const char *magic, unsigned version, ipcfg_dhcp6_line_fn fn,
                          void *ctx, char *why, size_t why_len);

/* Where key stands in names[0..count), or -1. */
int ipcfg_dhcp6_text_key(const char *const *names, size_t count, const char *key, size_t kn);

#endif
