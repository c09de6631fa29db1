/* ipcfg — Linux entry point: hands argv (UTF-8) and the rtnetlink backend
 * to the core and writes what it produces to fd 1 / fd 2.
 * SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "ipcfg/core.h"
#include "keeper/keeper.h"

static int fd_sink(void *ctx, int is_err, const char *text, size_t len, ipcfg_error *err)
{
    int fd = is_err ? STDERR_FILENO : STDOUT_FILENO;

    (void)ctx;
    while (len > 0) {
        ssize_t n = write(fd, text, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EPIPE)
            return IPCFG_SINK_GONE; /* SIGPIPE ignored by whoever started us */
        if (n <= 0) {
            int e = n < 0 ? errno : ENOSPC;
            ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "%s", strerror(e));
            ipcfg_error_sys(err, e);
            return IPCFG_SINK_FAILED;
        }
        text += n;
        len -= (size_t)n;
    }
    return IPCFG_SINK_OK;
}

/* fd 0, 1 and 2 closed at start-up would be taken by the first descriptors
 * ipcfg opens (the rtnetlink socket), and the listing or an error line would
 * be written into them.  Each closed one gets /dev/null: fd 0 read-write,
 * fd 1 and 2 read-only, so that a write there fails (EBADF) and the output
 * counts as lost (exit 3), as for any descriptor that cannot be written.
 * Runs before any other descriptor is opened. */
static void guard_std_fds(void)
{
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
            continue;
        int n = open("/dev/null", fd == 0 ? O_RDWR : O_RDONLY);
        if (n < 0)
            _exit(IPCFG_E_FAILED); /* no /dev/null: nothing can be done safely */
        if (n != fd) {
            /* a lower descriptor was free: cannot happen (fds 0..fd-1 are
             * open by now), but never leave fd unguarded */
            if (dup2(n, fd) < 0)
                _exit(IPCFG_E_FAILED);
            close(n);
        }
    }
}

int main(int argc, char **argv)
{
    ipcfg_sink sink;

    guard_std_fds();
    /* The lease keeper (keeper/keeper.h): started by /renew and by the unit
     * ipcfg@.service, not a verb of the command line. */
    if (argc == 3 && strcmp(argv[1], "--keeper") == 0)
        return ipcfg_lx_keeper_main(argv[2]);
    sink.write = fd_sink;
    sink.ctx = NULL;
    sink.ascii_json = 0; /* UTF-8 JSON */
    sink.crlf = 0;       /* LF line ends */
    return ipcfg_main(argc, argv, ipcfg_platform_backend, &sink);
}
