/* ipcfg — the engine process from the privileged side: its empty root
 * directory, its start (fork; the child runs engine/engine.c, which
 * confines itself first: engine/confine.c), its sockets' end and its
 * reaping.  See exchange/engine_spawn.h.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "exchange/engine_spawn.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "engine/engine.h"
#include "shared/lock.h"
#include "shared/spawn.h"

int ipcfg_lx_engine_dir(const char *dir)
{
    struct stat st;

    if (mkdir(dir, 0555) != 0 && errno != EEXIST)
        return -errno;
    if (lstat(dir, &st) != 0)
        return -errno;
    if (!S_ISDIR(st.st_mode) || (st.st_uid != 0 && st.st_uid != geteuid()) || (st.st_mode & 0222) != 0)
        return -EPERM;
    return 0;
}

int ipcfg_lx_engine_spawn(ipcfg_lx_engine *e, const char *empty_dir)
{
    int ctl[2], rpc[2];

    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, ctl) != 0)
        return -errno;
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, rpc) != 0) {
        int er = errno;
        (void)close(ctl[0]);
        (void)close(ctl[1]);
        return -er;
    }
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        int er = errno;
        (void)close(ctl[0]);
        (void)close(ctl[1]);
        (void)close(rpc[0]);
        (void)close(rpc[1]);
        return -er;
    }
    if (pid == 0) {
        (void)close(ctl[0]);
        (void)close(rpc[0]);
        /* the engine's own from here: it keeps nothing of the
         * privileged side's and confines itself first */
        ipcfg_lx_engine_main(ctl[1], rpc[1], parent, empty_dir);
        _exit(0);
    }
    (void)close(ctl[1]);
    (void)close(rpc[1]);
    /* an engine that stops reading cannot hold the privileged side in a
     * send: a full socket fails the send after the timeout, and the
     * engine is stopped (exchange/requests.c) */
    struct timeval tv = {IPCFG_LX_ENGINE_SEND_S, 0};
    (void)setsockopt(ctl[0], SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
    (void)setsockopt(rpc[0], SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
    e->pid = pid;
    e->ctl = ctl[0];
    e->rpc = rpc[0];
    return 0;
}

int ipcfg_lx_engine_start(ipcfg_lx_engine *e)
{
    char dir[4200];
    int rc;

    e->pid = 0;
    e->ctl = e->rpc = -1;
    if ((size_t)snprintf(dir, sizeof(dir), "%s/empty", ipcfg_lx_run_dir()) >= sizeof(dir))
        return -ENAMETOOLONG;
    rc = ipcfg_lx_engine_dir(dir);
    return rc != 0 ? rc : ipcfg_lx_engine_spawn(e, dir);
}

void ipcfg_lx_engine_leave(ipcfg_lx_engine *e)
{
    if (e->ctl >= 0)
        (void)close(e->ctl);
    if (e->rpc >= 0)
        (void)close(e->rpc);
    e->ctl = e->rpc = -1;
    e->pid = 0;
}

int ipcfg_lx_engine_reap(pid_t pid, int kill_now)
{
    int st = 0;

    if (!kill_now) {
        /* its sockets are closed: an engine that does not end on its own
         * within the grace is ended (it holds nothing worth waiting for) */
        int ended = ipcfg_lx_pid_wait(pid, IPCFG_LX_ENGINE_REAP_MS);
        if (ended >= 0) {
            kill_now = !ended;
        } else {
            for (int i = 0; i < IPCFG_LX_ENGINE_REAP_MS / 5; i++) {
                pid_t r = waitpid(pid, &st, WNOHANG);
                if (r == pid || (r < 0 && errno != EINTR))
                    return st;
                struct timespec ts = {0, 5 * 1000000L};
                (void)nanosleep(&ts, NULL);
            }
            kill_now = 1;
        }
    }
    if (kill_now)
        (void)kill(pid, SIGKILL);
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    return st;
}
