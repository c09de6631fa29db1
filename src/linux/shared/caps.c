/* ipcfg — may this process change the network configuration?  See shared/caps.h.
 *
 * capget is not the answer: inside a user namespace (unshare -Ur) the
 * process holds every capability, yet the kernel refuses changes to a
 * network namespace that this user namespace does not own, because it
 * checks ns_capable(net->user_ns, CAP_NET_ADMIN) against the namespace's
 * owner.  So the kernel is asked, with requests that change nothing:
 *
 * - CAP_NET_ADMIN: an RTM_DELADDR (AF_INET) for interface index 0 and no
 *   address.  rtnetlink checks CAP_NET_ADMIN over the socket's network
 *   namespace for every request that is not a GET before the request is
 *   looked at (EPERM); past the check, inet_rtm_deladdr looks up the
 *   interface, and index 0 is never one (ENODEV).  Nothing is deleted,
 *   nothing is notified.  EPERM = not allowed; any other answer = allowed.
 * - CAP_NET_RAW (release, renew): a raw IPv4 socket (IPPROTO_RAW: it
 *   only sends, so it receives nothing), opened and closed again;
 *   inet_create checks CAP_NET_RAW over the network namespace's owner
 *   (EPERM), as packet_create does for the packet sockets the engine
 *   uses.  Not a packet socket: closing one waits for an RCU grace period
 *   (synchronize_net in packet_release), 10 to 15 ms where grace periods
 *   are not expedited (/sys/kernel/rcu_expedited 0, the kernel default),
 *   which made every /renew of a bound lease 25 ms slower there.
 *
 * SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE 1
#include "shared/caps.h"

#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

#include <netinet/in.h>

#include "shared/error.h"
#include "netlink/nlreq.h"

static int denied(ipcfg_error *err, int raw, int e)
{
    ipcfg_error_set(err, IPCFG_E_ACCESS, IPCFG_R_ELEVATION,
                    raw ? "The requested operation requires elevation (root, or CAP_NET_ADMIN and CAP_NET_RAW)."
                        : "The requested operation requires elevation (root or CAP_NET_ADMIN).");
    ipcfg_error_sys(err, e);
    return (int)err->status;
}

int ipcfg_lx_check_change(ipcfg_nlsock *nl, int raw, ipcfg_error *err)
{
    ipcfg_nlreq req;
    ipcfg_nl_result res;

    ipcfg_nlreq_change_probe(&req);
    int e = ipcfg_nlsock_transact(nl, req.buf, req.len, NULL, &res);
    if (e != 0 || !res.acked)
        return ipcfg_lx_fail_dump(err, e, &res, "answer to the privilege probe");
    if (res.error == EPERM || res.error == EACCES)
        return denied(err, raw, res.error);
    /* Anything else (ENODEV; 0 cannot happen, no interface has index 0):
     * the request got past the privilege check. */
    if (raw) {
        int fd = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_RAW);
        if (fd < 0) {
            e = errno;
            if (e == EPERM || e == EACCES)
                return denied(err, raw, e);
            return ipcfg_lx_fail_errno(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, e, "Cannot open a raw socket", NULL);
        }
        (void)close(fd);
    }
    return 0;
}
