/* ipcfg — what the Linux DHCPv4 client says about itself: the name it
 * sends (options 12 and 81, the /hostname choice kept with the lease) and
 * the user class (option 77) kept per interface in the state directory
 * (docs/verbs/setclassid.md).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_DHCP_NAMES_H
#define IPCFG_LINUX_DHCP_NAMES_H

#include <stddef.h>

#include "exchange/exchange_state.h"
#include "wire/engine_wire.h"
#include "ipcfg/backend.h"

#define IPCFG_LX_CLASSID_SUFFIX ".classid"

/* Fills the START message's hostname, fqdn, name_choice and classid for
 * job j: the /hostname of this run when given, else the choice recorded
 * with the interface's bound lease, else the host's own name (r->hostname,
 * gethostname as the run starts); option 12 carries the name up to its
 * first dot (RFC 2132 §3.14), option 81 the whole name when it is a DNS
 * name.  The class: the interface's kept class when it reads back valid. */
void ipcfg_lx_start_names(const exchange_run *r, const exchange_job *j, ipcfg_lx_wire_start *s);

/* The class kept for ifname in dir into out (cap > IPCFG_CLASSID_MAX): 1
 * found, 0 none, -1 unreadable or not a valid class (why: one line). */
int ipcfg_lx_classid_load(const char *dir, const char *ifname, char *out, size_t cap, char *why, size_t why_len);

/* ipcfg_backend.show_classid and .set_classid. */
int ipcfg_lx_show_classid(ipcfg_backend *b, const ipcfg_adapter *ad, char *out, size_t cap, ipcfg_error *err);
int ipcfg_lx_set_classid(ipcfg_backend *b, const ipcfg_adapter *ad, const char *classid, ipcfg_error *err);

#endif
