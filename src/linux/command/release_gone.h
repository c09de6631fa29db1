/* ipcfg — /release of an interface name that no interface has any more
 * (see command/release_gone.c; docs/linux.md, "Keeping a lease").
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_COMMAND_RELEASE_GONE_H
#define IPCFG_LINUX_COMMAND_RELEASE_GONE_H

#include "ipcfg/backend.h"

/* The backend's release_gone (command/backend.h): what ipcfg still holds under
 * name (its lease keeper, the DNS servers handed to the resolver, a bound
 * lease record) is withdrawn.  0 nothing held, 1 withdrawn (err->text
 * says what was done), -1 failed (*err; nothing was changed when the
 * state directory cannot be written or the keeper would not stop). */
int ipcfg_lx_dhcp_release_gone(ipcfg_backend *b, const char *name, const ipcfg_op_opts *o, ipcfg_error *err);

#endif
