/* ipcfg — locks per network namespace.  See lock.h.
 * SPDX-License-Identifier: MIT */
#define _GNU_SOURCE 1
#include "lock.h"

#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define LOCK_BUSY_TRIES 64 /* bind/connect races with a holder that is starting or ending */
#define LOCK_RETRY_MS 2    /* only when a holder's connection queue is full */

static socklen_t lock_addr(struct sockaddr_un *sa, const char *prefix, const char *name)
{
    size_t room = sizeof(sa->sun_path) - 1;
    size_t p = strlen(prefix);
    size_t n = strlen(name);

    memset(sa, 0, sizeof(*sa));
    sa->sun_family = AF_UNIX;
    if (p > room)
        p = room;
    if (n > room - p)
        n = room - p;
    memcpy(sa->sun_path + 1, prefix, p);
    memcpy(sa->sun_path + 1 + p, name, n);
    return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + p + n);
}

void ipcfg_lx_lock_init(ipcfg_lx_lock *lk)
{
    lk->fd = -1;
    lk->waitfd = -1;
}

ipcfg_lx_lock_res ipcfg_lx_lock_try(ipcfg_lx_lock *lk, const char *prefix, const char *name)
{
    struct sockaddr_un sa;
    socklen_t sl = lock_addr(&sa, prefix, name);

    if (lk->waitfd >= 0) {
        (void)close(lk->waitfd);
        lk->waitfd = -1;
    }
    for (int tries = 0; tries < LOCK_BUSY_TRIES; tries++) {
        int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (fd < 0)
            return IPCFG_LX_LOCK_ERROR;
        if (bind(fd, (struct sockaddr *)&sa, sl) == 0) {
            if (listen(fd, 128) != 0) {
                int e = errno;
                (void)close(fd);
                errno = e;
                return IPCFG_LX_LOCK_ERROR;
            }
            lk->fd = fd;
            return IPCFG_LX_LOCK_HELD;
        }
        if (errno != EADDRINUSE) {
            int e = errno;
            (void)close(fd);
            errno = e;
            return IPCFG_LX_LOCK_ERROR;
        }
        /* Taken: queue a connection on the holder; it is hung up when the
         * holder lets go (or dies). */
        if (connect(fd, (struct sockaddr *)&sa, sl) == 0 || errno == EINPROGRESS) {
            lk->waitfd = fd;
            return IPCFG_LX_LOCK_WAIT;
        }
        if (errno == EAGAIN) { /* the holder's queue is full */
            (void)close(fd);
            return IPCFG_LX_LOCK_RETRY;
        }
        (void)close(fd);
        /* ECONNREFUSED: the holder is between bind and listen, or just
         * went away: try again at once. */
    }
    return IPCFG_LX_LOCK_RETRY;
}

static int64_t mono_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

int ipcfg_lx_lock_acquire(ipcfg_lx_lock *lk, const char *prefix, const char *name, int timeout_ms)
{
    int64_t end = mono_ms() + timeout_ms;

    for (;;) {
        ipcfg_lx_lock_res r = ipcfg_lx_lock_try(lk, prefix, name);
        if (r == IPCFG_LX_LOCK_HELD)
            return 0;
        if (r == IPCFG_LX_LOCK_ERROR)
            return -1;
        int64_t left = end - mono_ms();
        if (left <= 0) {
            ipcfg_lx_lock_release(lk);
            errno = ETIMEDOUT;
            return -1;
        }
        struct pollfd pfd = {lk->waitfd, POLLIN, 0};
        int ms = r == IPCFG_LX_LOCK_RETRY ? (left < LOCK_RETRY_MS ? (int)left : LOCK_RETRY_MS) : (int)left;
        if (poll(&pfd, r == IPCFG_LX_LOCK_WAIT ? 1 : 0, ms) < 0 && errno != EINTR) {
            int e = errno;
            ipcfg_lx_lock_release(lk);
            errno = e;
            return -1;
        }
    }
}

void ipcfg_lx_lock_release(ipcfg_lx_lock *lk)
{
    if (lk->fd >= 0)
        (void)close(lk->fd);
    if (lk->waitfd >= 0)
        (void)close(lk->waitfd);
    lk->fd = -1;
    lk->waitfd = -1;
}
