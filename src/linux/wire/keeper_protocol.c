/* ipcfg — the lease keeper's control protocol: its lock file and status
 * socket (see wire/keeper_protocol.h).
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "wire/keeper_protocol.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shared/lock.h"

int ipcfg_lx_keeper_lockfile(const char *ifname, char *why, size_t len)
{
    return ipcfg_lx_lock_file(IPCFG_LX_KEEP_PREFIX, ifname, why, len);
}

static pid_t holder(int fd)
{
    struct flock fl;

    memset(&fl, 0, sizeof(fl));
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    if (fcntl(fd, F_GETLK, &fl) != 0)
        return -1;
    if (fl.l_type == F_UNLCK)
        return 0;
    return fl.l_pid > 0 ? fl.l_pid : -1; /* 0: a holder in another pid namespace */
}

/* The holder of the lock when it is a keeper: a keeper writes its pid
 * into the file; a command that holds the lock while it stops one
 * (ipcfg_lx_keeper_stop) does not, and is never signalled as if it were a
 * keeper (-1, as for a holder that cannot be named). */
pid_t ipcfg_lx_keeper_holder(int fd)
{
    pid_t p = holder(fd);

    if (p > 0) {
        char buf[24], *end;
        ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
        buf[n > 0 ? n : 0] = '\0';
        long v = strtol(buf, &end, 10);
        if (end == buf || *end != '\n' || v != (long)p)
            p = -1;
    }
    return p;
}

pid_t ipcfg_lx_keeper_pid(const char *ifname)
{
    char why[400];
    int fd = ipcfg_lx_keeper_lockfile(ifname, why, sizeof(why));

    if (fd < 0)
        return -1;
    pid_t p = ipcfg_lx_keeper_holder(fd);
    (void)close(fd);
    return p;
}

int ipcfg_lx_keeper_sockname(const char *ifname, char *buf, size_t len)
{
    int n = snprintf(buf, len, "ipcfg/%s%s", IPCFG_LX_KEEP_PREFIX, ifname);
    return n < 0 || (size_t)n >= len ? -1 : n;
}
