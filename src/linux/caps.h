/* ipcfg — the capability check.  SPDX-License-Identifier: MIT */
#ifndef IPCFG_LINUX_CAPS_H
#define IPCFG_LINUX_CAPS_H

/* Whether this process holds CAP_NET_ADMIN (effective): 1 yes, 0 no,
 * -1 unknown.  Only used to order answers as the kernel would (privilege
 * before conflict); the kernel's own verdict is what counts. */
int ipcfg_lx_has_net_admin(void);

#endif
