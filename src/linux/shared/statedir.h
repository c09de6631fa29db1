/* ipcfg — where ipcfg keeps its DHCP lease files: one <ifname>.lease per
 * interface in the state directory (IPCFG_STATE_DIR, default
 * /var/lib/ipcfg).  The files themselves: exchange/lease_store.h; what a listing
 * shows of them: command/lease_view.h.
 * SPDX-License-Identifier: MIT */
#ifndef IPCFG_LINUX_SHARED_STATEDIR_H
#define IPCFG_LINUX_SHARED_STATEDIR_H

#define IPCFG_LX_STATE_DIR_DEFAULT "/var/lib/ipcfg"

const char *ipcfg_lx_state_dir(void);

#endif
