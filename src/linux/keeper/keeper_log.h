/* ipcfg — what the lease keeper says: a daemon, not a command, it has no
 * document to write.  Its lines go to the journal under systemd (standard
 * error with the syslog level prefix), else to syslog (LOG_DAEMON), or,
 * when IPCFG_KEEPER_LOG names a file (tests), appended there with a time
 * stamp.  Its state goes to systemd as sd_notify(3) messages (READY=1,
 * STATUS=..., STOPPING=1) when NOTIFY_SOCKET is set.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_KEEPER_KEEPER_LOG_H
#define IPCFG_LINUX_KEEPER_KEEPER_LOG_H

#include "ipcfg/compiler.h"

/* prio: a syslog level (LOG_INFO, LOG_WARNING, LOG_ERR). */
void ipcfg_lx_klog_open(const char *ifname);
void ipcfg_lx_klog(int prio, const char *fmt, ...) IPCFG_PRINTF(2, 3);
/* One sd_notify datagram, the text as it is ("READY=1\nSTATUS=..."). */
void ipcfg_lx_knotify(const char *text);

#endif
