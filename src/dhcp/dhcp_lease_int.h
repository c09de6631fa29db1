/* ipcfg — what the lease file's two source files share (dhcp_lease.c,
 * the keys of version 1 and the file's frame; dhcp_lease_opts.c, the keys
 * version 2 adds).  Internal to the DHCP library.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_DHCP_LEASE_INT_H
#define IPCFG_DHCP_LEASE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "dhcp_lease.h"

/* The file's values: a decimal of at most max without leading zeros; a
 * dotted quad written the same way.  0 ok, -1 not. */
int ipcfg_dhcp_lease_dec(const char *s, size_t n, unsigned long long max, unsigned long long *v);
int ipcfg_dhcp_lease_ip(const char *s, size_t n, uint8_t a[4]);
/* a.b.c.d/len, len 0..32 */
int ipcfg_dhcp_lease_prefix(const char *s, size_t n, uint8_t a[4], uint8_t *len);

/* 1 when l needs version 2 (a bound record with any key of
 * dhcp_lease_opts.c). */
int ipcfg_dhcp_lease_has_opts(const ipcfg_dhcp_lease *l);
/* The version 2 lines of l into buf (cap bytes, NUL-terminated): their
 * length, (size_t)-1 when they do not fit or a value would not read back. */
size_t ipcfg_dhcp_lease_opts_format(const ipcfg_dhcp_lease *l, char *buf, size_t cap);
/* One "key value" line of version 2: 1 not one of its keys, 0 taken, -1
 * bad (*msg says why).  *seen: the keys seen so far (this file uses the
 * bits IPCFG_LEASE_OPTS_BITS; every one belongs to a bound record). */
#define IPCFG_LEASE_OPTS_BITS 0xffff0000u
int ipcfg_dhcp_lease_opts_line(const char *k, size_t kn, const char *v, size_t vn, ipcfg_dhcp_lease *l, unsigned *seen,
                               const char **msg);
/* The version 2 keys' consistency once the file is read: 0, or -1 with *msg. */
int ipcfg_dhcp_lease_opts_check(const ipcfg_dhcp_lease *l, unsigned seen, const char **msg);

#endif
