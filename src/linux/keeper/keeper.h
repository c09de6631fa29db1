/* ipcfg — the lease keeper: `ipcfg --keeper IFNAME`, started by /renew (as
 * the systemd unit ipcfg@IFNAME.service, or detached) and at boot by the
 * enabled unit.  It keeps the lease ipcfg obtained on one interface: the
 * renewal at T1 (RENEWING, unicast to the issuing server), the rebinding
 * at T2 (broadcast, any server), a new lease when it expired; the lease
 * verified (INIT-REBOOT) at once when the link comes back, and the
 * resolver's DNS servers kept in step.  Each exchange is the command's own
 * (ipcfg_lx_dhcp_exchange, its engine confined in a process of its own);
 * between them the keeper sleeps in poll() until a timer or a link event.
 * It stops on SIGTERM (what /release sends), when the interface goes away
 * and when another DHCP client takes the interface over.
 * docs/linux.md, "Keeping a lease".
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_KEEPER_KEEPER_H
#define IPCFG_LINUX_KEEPER_KEEPER_H

#define IPCFG_LX_KEEP_XCHG_S 60     /* one exchange of the keeper at most */

/* Runs the keeper of ifname; returns the process's exit status: 0 stopped
 * (SIGTERM, the interface gone, another client took it over, another
 * keeper holds it already), 1 a bad name, 3 a failure, 4 no privilege. */
int ipcfg_lx_keeper_main(const char *ifname);

#endif
