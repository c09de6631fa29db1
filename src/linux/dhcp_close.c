/* ipcfg — packet sockets closed after ipcfg exits (see dhcp_close.h).
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1 /* pipe2 */
#include "dhcp_close.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

/* Closing an AF_PACKET socket waits for an RCU grace period
 * (synchronize_net in packet_release): 5 to 15 ms here, more than a whole
 * exchange, and paid at close() or, unclosed, in the exit before the
 * parent sees it.  A socket that is done with is set aside instead;
 * ipcfg_lx_closer_release hands them to a child that closes them after
 * ipcfg has exited. */
void ipcfg_lx_closer_add(ipcfg_lx_closer *r, int *fd)
{
    if (*fd >= 0 && r->n < IPCFG_LX_CLOSER_MAX) {
        r->fd[r->n++] = *fd;
        *fd = -1;
    }
    if (*fd >= 0)
        (void)close(*fd);
    *fd = -1;
}

void ipcfg_lx_closer_release(ipcfg_lx_closer *r)
{
    int p[2];
    pid_t pid;

    if (r->n == 0)
        return;
    if (pipe2(p, O_CLOEXEC) == 0) {
        pid = fork();
        if (pid == 0) {
            /* the child: keeps only the sockets and the pipe's read end
             * (nothing else of ipcfg's, so that a reader of its output
             * sees EOF when ipcfg exits), waits for ipcfg's exit (EOF)
             * and then closes them: the grace period is nobody's wait */
            char c;
            for (int fd = 0; fd < 1024; fd++) {
                int keep = fd == p[0];
                for (size_t i = 0; i < r->n && !keep; i++)
                    keep = fd == r->fd[i];
                if (!keep)
                    (void)close(fd);
            }
            while (read(p[0], &c, 1) < 0 && errno == EINTR)
                ;
            for (size_t i = 0; i < r->n; i++)
                (void)close(r->fd[i]);
            _exit(0);
        }
        (void)close(p[0]);
        if (pid > 0) {
            /* ours go with the exit (the child holds the last reference);
             * p[1] too, which wakes the child */
            r->n = 0;
            return;
        }
        (void)close(p[1]);
    }
    for (size_t i = 0; i < r->n; i++)
        (void)close(r->fd[i]);
    r->n = 0;
}
