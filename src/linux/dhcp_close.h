/* ipcfg — sockets whose close() is left to a child process that performs
 * it after ipcfg has exited: closing an AF_PACKET socket waits for an RCU
 * grace period, longer than a whole DHCP exchange (docs/linux.md).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_DHCP_CLOSE_H
#define IPCFG_LINUX_DHCP_CLOSE_H

#include <stddef.h>

#define IPCFG_LX_CLOSER_MAX 64

typedef struct ipcfg_lx_closer {
    int fd[IPCFG_LX_CLOSER_MAX];
    size_t n;
} ipcfg_lx_closer;

/* Takes *fd (set to -1); when the set is full it is closed at once. */
void ipcfg_lx_closer_add(ipcfg_lx_closer *r, int *fd);
/* Hands the set to a child that closes it once ipcfg has exited (closed
 * here when no child can be started); the set is empty afterwards. */
void ipcfg_lx_closer_release(ipcfg_lx_closer *r);

#endif
