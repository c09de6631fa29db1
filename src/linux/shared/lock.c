/* ipcfg — locks per network namespace.  See shared/lock.h.
 * SPDX-License-Identifier: MIT */
#define _GNU_SOURCE 1
#include "shared/lock.h"
#include "clock.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

const char *ipcfg_lx_run_dir(void)
{
    /* secure_getenv: a set-uid copy never takes it from its caller */
    const char *d = secure_getenv("IPCFG_RUN_DIR");

    return (d != NULL && d[0] != '\0') ? d : IPCFG_LX_RUN_DIR_DEFAULT;
}

static socklen_t sig_addr(struct sockaddr_un *sa, const char *prefix, const char *name)
{
    size_t room = sizeof(sa->sun_path) - 1;
    int n;

    memset(sa, 0, sizeof(*sa));
    sa->sun_family = AF_UNIX;
    n = snprintf(sa->sun_path + 1, room, "ipcfg/%s%s", prefix, name);
    if (n < 0)
        n = 0;
    if ((size_t)n >= room)
        n = (int)room - 1;
    return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + (size_t)n);
}

static int owner_ok(const struct stat *st)
{
    return st->st_uid == 0 || st->st_uid == geteuid();
}

/* "<what> <path>: <strerror>." */
static ipcfg_lx_lock_res fail(ipcfg_lx_lock *lk, int e, const char *what, const char *path)
{
    snprintf(lk->why, sizeof(lk->why), "%s %.200s: %s.", what, path, strerror(e)); /* a long path is cut */
    errno = e;
    return IPCFG_LX_LOCK_ERROR;
}

/* A directory or file that is not root's own: refused. */
static ipcfg_lx_lock_res unsafe(ipcfg_lx_lock *lk, const char *what, const char *path, const char *rule)
{
    snprintf(lk->why, sizeof(lk->why), "The lock %s %.160s is not %s; ipcfg will not use it.", what, path, rule);
    errno = EPERM;
    return IPCFG_LX_LOCK_ERROR;
}

/* Opens (creating) root's lock directory, checked on the open directory. */
static ipcfg_lx_lock_res open_dir(ipcfg_lx_lock *lk, int *dfd)
{
    const char *dir = ipcfg_lx_run_dir();
    struct stat st;
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

    if (fd < 0 && errno == ENOENT) {
        if (mkdir(dir, 0700) != 0 && errno != EEXIST)
            return fail(lk, errno, "Cannot create the lock directory", dir);
        fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    }
    if (fd < 0)
        return fail(lk, errno, "Cannot open the lock directory", dir);
    if (fstat(fd, &st) != 0) {
        int e = errno;
        (void)close(fd);
        return fail(lk, e, "Cannot open the lock directory", dir);
    }
    if (!owner_ok(&st) || (st.st_mode & 022) != 0) {
        (void)close(fd);
        return unsafe(lk, "directory", dir, "owned by root or is writable by others (it must be root's, mode 0700)");
    }
    *dfd = fd;
    return IPCFG_LX_LOCK_HELD;
}

/* Opens the lock file of this network namespace and name into lk->fd. */
static ipcfg_lx_lock_res open_file(ipcfg_lx_lock *lk, const char *prefix, const char *name, int create)
{
    char file[200], path[4300];
    struct stat st;
    int dfd = -1, n;

    if (strchr(name, '/') != NULL || strchr(prefix, '/') != NULL) {
        errno = EINVAL;
        snprintf(lk->why, sizeof(lk->why), "A lock name cannot hold '/'.");
        return IPCFG_LX_LOCK_ERROR;
    }
    if (stat("/proc/self/ns/net", &st) != 0)
        return fail(lk, errno, "Cannot identify the network namespace:", "/proc/self/ns/net");
    n = snprintf(file, sizeof(file), "net%llu.%s%s", (unsigned long long)st.st_ino, prefix, name);
    if (n < 0 || (size_t)n >= sizeof(file)) {
        errno = ENAMETOOLONG;
        snprintf(lk->why, sizeof(lk->why), "The lock name is too long.");
        return IPCFG_LX_LOCK_ERROR;
    }
    if (open_dir(lk, &dfd) != IPCFG_LX_LOCK_HELD)
        return IPCFG_LX_LOCK_ERROR;
    snprintf(path, sizeof(path), "%s/%s", ipcfg_lx_run_dir(), file);
    int fd = openat(dfd, file, (create ? O_RDWR | O_CREAT : O_RDONLY) | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600);
    int e = errno;
    (void)close(dfd);
    if (fd < 0)
        return fail(lk, e, "Cannot open the lock file", path);
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || !owner_ok(&st) || (st.st_mode & 077) != 0) {
        (void)close(fd);
        return unsafe(lk, "file", path, "a regular file of root's with mode 0600");
    }
    lk->fd = fd;
    return IPCFG_LX_LOCK_HELD;
}

int ipcfg_lx_lock_file(const char *prefix, const char *name, char *why, size_t len)
{
    ipcfg_lx_lock lk;

    ipcfg_lx_lock_init(&lk);
    if (open_file(&lk, prefix, name, 1) != IPCFG_LX_LOCK_HELD) {
        int e = errno;
        snprintf(why, len, "%s", lk.why);
        errno = e;
        return -1;
    }
    return lk.fd;
}

int ipcfg_lx_lock_file_peek(const char *prefix, const char *name)
{
    ipcfg_lx_lock lk;

    ipcfg_lx_lock_init(&lk);
    return open_file(&lk, prefix, name, 0) == IPCFG_LX_LOCK_HELD ? lk.fd : -1;
}

void ipcfg_lx_lock_init(ipcfg_lx_lock *lk)
{
    lk->fd = -1;
    lk->held = 0;
    lk->sigfd = -1;
    lk->waitfd = -1;
    lk->why[0] = '\0';
}

/* Held: the wake-up socket, best effort (taken by a squatter or by a
 * holder that is just letting go: the waiters poll instead). */
static void signal_bind(ipcfg_lx_lock *lk, const struct sockaddr_un *sa, socklen_t sl)
{
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);

    if (fd < 0)
        return;
    if (bind(fd, (const struct sockaddr *)sa, sl) != 0 || listen(fd, 128) != 0) {
        (void)close(fd);
        return;
    }
    lk->sigfd = fd;
}

/* Taken: wait on the holder's socket when a holder (root, or this user)
 * listens there. */
static ipcfg_lx_lock_res signal_wait(ipcfg_lx_lock *lk, const struct sockaddr_un *sa, socklen_t sl)
{
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    struct ucred cr;
    socklen_t cl = sizeof(cr);

    if (fd < 0)
        return IPCFG_LX_LOCK_RETRY;
    if (connect(fd, (const struct sockaddr *)sa, sl) != 0 && errno != EINPROGRESS) {
        (void)close(fd); /* none (ECONNREFUSED), or its queue is full (EAGAIN) */
        return IPCFG_LX_LOCK_RETRY;
    }
    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &cl) != 0 || (cr.uid != 0 && cr.uid != geteuid())) {
        (void)close(fd); /* not ipcfg's: no wake-up from there */
        return IPCFG_LX_LOCK_RETRY;
    }
    lk->waitfd = fd;
    return IPCFG_LX_LOCK_WAIT;
}

ipcfg_lx_lock_res ipcfg_lx_lock_try(ipcfg_lx_lock *lk, const char *prefix, const char *name)
{
    struct sockaddr_un sa;
    socklen_t sl = sig_addr(&sa, prefix, name);

    if (lk->waitfd >= 0) {
        (void)close(lk->waitfd);
        lk->waitfd = -1;
    }
    if (lk->held)
        return IPCFG_LX_LOCK_HELD;
    if (lk->fd < 0 && open_file(lk, prefix, name, 1) != IPCFG_LX_LOCK_HELD)
        return IPCFG_LX_LOCK_ERROR;
    for (;;) {
        if (flock(lk->fd, LOCK_EX | LOCK_NB) == 0) {
            lk->held = 1;
            signal_bind(lk, &sa, sl);
            return IPCFG_LX_LOCK_HELD;
        }
        if (errno == EINTR)
            continue;
        if (errno != EWOULDBLOCK)
            return fail(lk, errno, "Cannot lock the lock file of", name);
        return signal_wait(lk, &sa, sl);
    }
}

int ipcfg_lx_lock_acquire(ipcfg_lx_lock *lk, const char *prefix, const char *name, int timeout_ms)
{
    int64_t end = ipcfg_lx_clock_ms(CLOCK_MONOTONIC) + timeout_ms;

    for (;;) {
        ipcfg_lx_lock_res r = ipcfg_lx_lock_try(lk, prefix, name);
        if (r == IPCFG_LX_LOCK_HELD)
            return 0;
        if (r == IPCFG_LX_LOCK_ERROR) {
            int e = errno;
            ipcfg_lx_lock_release(lk);
            errno = e;
            return -1;
        }
        int64_t left = end - ipcfg_lx_clock_ms(CLOCK_MONOTONIC);
        if (left <= 0) {
            ipcfg_lx_lock_release(lk);
            errno = ETIMEDOUT;
            return -1;
        }
        struct pollfd pfd = {lk->waitfd, POLLIN, 0};
        int ms = r == IPCFG_LX_LOCK_RETRY && left > IPCFG_LX_LOCK_POLL_MS ? IPCFG_LX_LOCK_POLL_MS : (int)left;
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
    /* The file first: a waiter woken by the socket's hang-up finds it free. */
    if (lk->fd >= 0)
        (void)close(lk->fd);
    if (lk->sigfd >= 0)
        (void)close(lk->sigfd);
    if (lk->waitfd >= 0)
        (void)close(lk->waitfd);
    lk->fd = -1;
    lk->held = 0;
    lk->sigfd = -1;
    lk->waitfd = -1;
}

int ipcfg_lx_same_netns_as_init(void)
{
    struct stat a, b;

    return stat("/proc/1/ns/net", &a) == 0 && stat("/proc/self/ns/net", &b) == 0 && a.st_ino == b.st_ino &&
           a.st_dev == b.st_dev;
}
