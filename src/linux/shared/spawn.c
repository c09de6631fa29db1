/* ipcfg — running the programs ipcfg hands work to (see shared/spawn.h).
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "shared/spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "peers/peer_lease.h"
#include "clock.h"

int ipcfg_lx_find_program(const char *name, char *path, size_t len)
{
    static const char *const dirs[] = {"/usr/sbin", "/usr/bin", "/sbin", "/bin"};
    const char *root = ipcfg_lx_peer_root();
    struct stat st;

    for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
        int n = snprintf(path, len, "%s%s/%s", root, dirs[i], name);
        if (n < 0 || (size_t)n >= len)
            continue;
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0)
            return 0;
    }
    path[0] = '\0';
    return -1;
}

/* The first line of what the program said, without control bytes. */
static void first_line(char *err, size_t errlen, const char *buf, size_t n)
{
    size_t k = 0;

    while (k < n && buf[k] != '\n' && k + 1 < errlen) {
        err[k] = (unsigned char)buf[k] < 0x20 || buf[k] == 0x7f ? '?' : buf[k];
        k++;
    }
    err[k] = '\0';
}

int ipcfg_lx_run_program(const char *path, char *const argv[], const char *in, char *err, size_t errlen)
{
    static char *const envp[] = {"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL=C", NULL};
    int inp[2] = {-1, -1}, errp[2] = {-1, -1}, st = 0;
    char buf[1024];
    size_t got = 0;

    err[0] = '\0';
    /* stdin a socket, not a pipe: written with MSG_NOSIGNAL, a reader
     * that quits early raises no SIGPIPE in ipcfg (whose own SIGPIPE
     * disposition is its caller's, docs/exit-codes.md) */
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, inp) != 0 || pipe2(errp, O_CLOEXEC) != 0) {
        snprintf(err, errlen, "%s", strerror(errno));
        goto fail;
    }
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(err, errlen, "%s", strerror(errno));
        goto fail;
    }
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
        if (dup2(inp[0], 0) < 0 || null < 0 || dup2(null, 1) < 0 || dup2(errp[1], 2) < 0)
            _exit(127);
        (void)close_range(3, ~0u, 0);
        sigset_t none;
        sigemptyset(&none);
        (void)sigprocmask(SIG_SETMASK, &none, NULL);
        execve(path, argv, envp);
        _exit(127);
    }
    (void)close(inp[0]);
    (void)close(errp[1]);
    inp[0] = errp[1] = -1;
    if (in != NULL) {
        size_t len = strlen(in), off = 0;
        while (off < len) {
            ssize_t w = send(inp[1], in + off, len - off, MSG_NOSIGNAL);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0)
                break;
            off += (size_t)w;
        }
    }
    (void)close(inp[1]);
    inp[1] = -1;
    int64_t end = ipcfg_lx_clock_ms(CLOCK_MONOTONIC) + IPCFG_LX_SPAWN_TIMEOUT_MS;
    for (;;) {
        int64_t left = end - ipcfg_lx_clock_ms(CLOCK_MONOTONIC);
        struct pollfd p = {errp[0], POLLIN, 0};
        if (left <= 0) {
            (void)kill(pid, SIGKILL);
            (void)waitpid(pid, NULL, 0);
            (void)close(errp[0]);
            snprintf(err, errlen, "did not finish within %d s", IPCFG_LX_SPAWN_TIMEOUT_MS / 1000);
            return -1;
        }
        if (poll(&p, 1, (int)left) < 0 && errno != EINTR)
            break;
        if (p.revents == 0)
            continue;
        ssize_t r = read(errp[0], buf + got, sizeof(buf) - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
        if (got == sizeof(buf))
            got = sizeof(buf) - 1; /* the first line is what counts */
    }
    (void)close(errp[0]);
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    first_line(err, errlen, buf, got);
    if (!WIFEXITED(st)) {
        if (err[0] == '\0')
            snprintf(err, errlen, "killed by signal %d", WIFSIGNALED(st) ? WTERMSIG(st) : 0);
        return -1;
    }
    if (WEXITSTATUS(st) == 127 && err[0] == '\0')
        snprintf(err, errlen, "could not be run");
    return WEXITSTATUS(st);
fail:
    for (int i = 0; i < 2; i++) {
        if (inp[i] >= 0)
            (void)close(inp[i]);
        if (errp[i] >= 0)
            (void)close(errp[i]);
    }
    return -1;
}

int ipcfg_lx_pid_wait(pid_t pid, int ms)
{
    int pfd = (int)syscall(SYS_pidfd_open, pid, 0);

    if (pfd < 0)
        return errno == ESRCH ? 1 : -1;
    struct pollfd p = {pfd, POLLIN, 0};
    while (poll(&p, 1, ms > 0 ? ms : 0) < 0 && errno == EINTR)
        ;
    (void)close(pfd);
    return p.revents != 0;
}
