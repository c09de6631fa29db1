/* ipcfg — Linux entry point: hands argv (UTF-8) and the rtnetlink backend
 * to the core and writes what it produces to fd 1 / fd 2.
 * SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE 1
#include <errno.h>
#include <unistd.h>

#include "ipcfg/core.h"

static void fd_sink(void *ctx, int is_err, const char *text, size_t len)
{
    int fd = is_err ? STDERR_FILENO : STDOUT_FILENO;

    (void)ctx;
    while (len > 0) {
        ssize_t n = write(fd, text, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return; /* EPIPE, closed descriptor: nothing more to do */
        }
        text += n;
        len -= (size_t)n;
    }
}

int main(int argc, char **argv)
{
    ipcfg_sink sink;

    sink.write = fd_sink;
    sink.ctx = NULL;
    sink.ascii_json = 0; /* UTF-8 JSON */
    return ipcfg_main(argc, argv, ipcfg_platform_backend, &sink);
}
