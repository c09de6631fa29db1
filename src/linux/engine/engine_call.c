/* ipcfg — the engine's requests to the privileged part, for its DHCPv4
 * and DHCPv6 jobs alike (see engine/engine_call.h and wire/engine_wire.h).
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "engine/engine_call.h"

#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

char *ipcfg_lx_engine_text(engine *e)
{
    return (char *)e->msg + sizeof(ipcfg_lx_wire_req);
}

int ipcfg_lx_engine_call(engine_job *j, uint32_t type, uint32_t arg, size_t text_len, const ipcfg_error *outcome,
                         ipcfg_error *err, int *fd, int *saving)
{
    engine *e = j->e;
    ipcfg_lx_wire_req req;
    ipcfg_lx_wire_reply rep;

    memset(&req, 0, sizeof(req));
    req.type = type;
    req.job = j->id;
    req.arg = arg;
    if (outcome != NULL)
        req.err = *outcome;
    req.text_len = (uint32_t)text_len;
    memcpy(e->msg, &req, sizeof(req));
    if (ipcfg_lx_wire_send(e->rpc, e->msg, sizeof(req) + text_len, -1) != 0)
        _exit(0);
    if (ipcfg_lx_wire_recv(e->rpc, &rep, sizeof(rep), fd) != (long)sizeof(rep))
        _exit(0);
    if (rep.status != 0 && err != NULL) {
        *err = rep.err;
        (void)ipcfg_lx_wire_error_clean(err);
    }
    if (saving != NULL) /* APPLY: 0 or 1; DAD: the bits of the addresses in use */
        *saving = rep.saving;
    return rep.status;
}

int ipcfg_lx_engine_open_sock(engine_job *j, ipcfg_lx_sock_kind kind, int *fdp)
{
    int fd = -1;

    if (*fdp >= 0)
        return 0;
    if (ipcfg_lx_engine_call(j, IPCFG_LX_W_OPEN, kind, 0, NULL, NULL, &fd, NULL) != 0 || fd < 0) {
        if (fd >= 0)
            (void)close(fd);
        return -1;
    }
    *fdp = fd;
    return 0;
}

uint32_t ipcfg_lx_engine_random(void *ctx)
{
    uint32_t v = 0;

    (void)ctx;
    if (getrandom(&v, sizeof(v), GRND_NONBLOCK) != (ssize_t)sizeof(v)) {
        struct timespec t; /* not a time: the nanoseconds as entropy (clock.h is ms) */
        clock_gettime(CLOCK_MONOTONIC, &t);
        v = (uint32_t)t.tv_nsec ^ (uint32_t)getpid() << 16;
    }
    return v;
}

void ipcfg_lx_engine_finish(engine_job *j, uint32_t left_out, const ipcfg_error *res)
{
    (void)ipcfg_lx_engine_call(j, IPCFG_LX_W_DONE, left_out, 0, res, NULL, NULL, NULL);
    int *fds[3] = {&j->udp, &j->pkt, &j->arp};
    for (int k = 0; k < 3; k++) {
        if (*fds[k] >= 0)
            (void)close(*fds[k]);
        *fds[k] = -1;
    }
    ipcfg_dhcp_probe_stop(&j->probe);
    j->done = 1;
}
