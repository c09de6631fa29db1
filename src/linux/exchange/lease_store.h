/* ipcfg — the Linux DHCP lease store: one lease file per interface and
 * protocol family in the state directory, replaced atomically, and a lock
 * per interface and network namespace.
 *
 * Versioned by file: each file's first line names its format and version
 * ("ipcfg-lease 1": the DHCPv4 record of src/dhcp/dhcp_lease.h, in
 * <ifname>.lease; "ipcfg-lease6 1": the DHCPv6 record of
 * src/dhcp6/dhcp6_lease.h, in <ifname>.lease6), so that a DHCPv6 lease
 * goes beside a DHCPv4 one and never into its file, and a file written
 * by an older ipcfg is still read (tests/linux/unit/fixtures/lease-v1).
 * The text formats are the protocol libraries'; this file only reads,
 * writes and renames.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_EXCHANGE_LEASE_STORE_H
#define IPCFG_LINUX_EXCHANGE_LEASE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "dhcp/dhcp_client.h"
#include "dhcp6/dhcp6_lease.h"
#include "ipcfg/model.h"
#include "shared/lock.h"

#define IPCFG_LX_LEASE_SUFFIX ".lease"   /* IPCFG_AF_INET4 */
#define IPCFG_LX_LEASE6_SUFFIX ".lease6" /* IPCFG_AF_INET6 */
#define IPCFG_LX_LEASE_FILE_MAX 16384 /* a lease file is far smaller */

/* The family of the lease a file's text declares in its first line
 * ("<magic> <version>"): IPCFG_AF_INET4 or IPCFG_AF_INET6 with *version
 * set, IPCFG_AF_NONE when it is no ipcfg lease file.  Pure. */
ipcfg_family ipcfg_lx_lease_kind(const char *buf, size_t len, unsigned *version);

/* Creates the state directory (mode 0755, one level) when it is missing.
 * 0 ok, else an ipcfg_status with err filled. */
int ipcfg_lx_statedir_ensure(const char *dir, ipcfg_error *err);

/* Reads <dir>/<ifname>.lease.  1 = *out holds the record; 0 = no file;
 * -1 = the file exists but is unreadable, corrupt or truncated: why holds
 * one line saying so (the caller treats it as no lease). */
int ipcfg_lx_lease_load(const char *dir, const char *ifname, ipcfg_dhcp_lease *out, char *why, size_t why_len);

/* Same, for a file already open (the listing's directory scan). */
int ipcfg_lx_lease_read_fd(int fd, ipcfg_dhcp_lease *out, char *why, size_t why_len);

/* Writes the record to a temporary file in dir (created with O_EXCL, after
 * removing whatever sat at its name) and renames it over
 * <dir>/<ifname>.lease (no fsync: see docs/linux.md).  0 ok, else an
 * ipcfg_status with err filled. */
int ipcfg_lx_lease_save(const char *dir, const ipcfg_dhcp_lease *l, ipcfg_error *err);

/* The same for <dir>/<ifname>.lease6, the DHCPv6 record. */
int ipcfg_lx_lease6_load(const char *dir, const char *ifname, ipcfg_dhcp6_lease *out, char *why, size_t why_len);
int ipcfg_lx_lease6_read_fd(int fd, ipcfg_dhcp6_lease *out, char *why, size_t why_len);
int ipcfg_lx_lease6_save(const char *dir, const ipcfg_dhcp6_lease *l, ipcfg_error *err);

/* Writes len bytes of text to <dir>/<name> through a temporary file:
 * renamed over it, or with exclusive linked to it only when no file has
 * the name (then -1 when one has: the first writer's stays).  0 ok, else
 * an ipcfg_status with err filled. */
int ipcfg_lx_state_write(const char *dir, const char *name, const char *text, size_t len, int exclusive,
                         ipcfg_error *err);

/* The per-interface lock (shared/lock.h): flock on the lock file
 * "net<netns inode>.if.<ifname>" in the lock directory, one per interface
 * and network namespace. */
typedef ipcfg_lx_lock ipcfg_lx_iflock;

void ipcfg_lx_iflock_init(ipcfg_lx_iflock *lk);
ipcfg_lx_lock_res ipcfg_lx_iflock_try(ipcfg_lx_iflock *lk, const char *ifname);
/* Attempts until held or timeout_ms passed (shared/lock.h's ipcfg_lx_lock_acquire). */
int ipcfg_lx_iflock_acquire(ipcfg_lx_iflock *lk, const char *ifname, int timeout_ms);
void ipcfg_lx_iflock_release(ipcfg_lx_iflock *lk);

#endif
