/* ipcfg — the messages between a DHCP exchange's privileged part and its
 * engine process (see wire/engine_wire.h).
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "wire/engine_wire.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int ipcfg_lx_wire_error_clean(ipcfg_error *e)
{
    int ok = e->status >= IPCFG_OK && e->status <= IPCFG_E_CONFLICT;

    if (!ok)
        e->status = IPCFG_E_FAILED;
    if (e->reason < IPCFG_R_NONE || e->reason > IPCFG_R_OTHER_CLIENT)
        e->reason = IPCFG_R_SYSTEM;
    e->text[sizeof(e->text) - 1] = '\0';
    for (char *p = e->text; *p != '\0'; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = '?';
    if (e->has_sys_code != 0 && e->has_sys_code != 1)
        e->has_sys_code = 1;
    return ok ? 0 : -1;
}

int ipcfg_lx_wire_req_decode(const uint8_t *buf, size_t len, ipcfg_lx_wire_req *req, const char **text,
                             const char **why)
{
    *text = NULL;
    if (len < sizeof(*req)) {
        *why = "shorter than a request";
        return -1;
    }
    memcpy(req, buf, sizeof(*req));
    if (req->type < IPCFG_LX_W_OPEN || req->type > IPCFG_LX_W_DAD) {
        *why = "of an unknown type";
        return -1;
    }
    if (req->job >= IPCFG_LX_WIRE_JOBS_MAX) {
        *why = "for a job that does not exist";
        return -1;
    }
    if (req->text_len != len - sizeof(*req) || req->text_len > IPCFG_LX_WIRE_TEXT_MAX) {
        *why = "with a text length that does not match the message";
        return -1;
    }
    if (memchr(buf + sizeof(*req), '\0', req->text_len) != NULL) {
        *why = "with a NUL in its text";
        return -1;
    }
    switch (req->type) {
    case IPCFG_LX_W_OPEN:
        if (req->arg < IPCFG_LX_SOCK_PACKET || req->arg > IPCFG_LX_SOCK_UDP6 || req->text_len != 0) {
            *why = "asking for an unknown kind of socket";
            return -1;
        }
        break;
    case IPCFG_LX_W_APPLY:
    case IPCFG_LX_W_UNAPPLY:
    case IPCFG_LX_W_SAVE:
        if (req->text_len == 0 || req->arg > (req->type == IPCFG_LX_W_APPLY ? 3u : 0u)) {
            *why = "without a lease";
            return -1;
        }
        break;
    case IPCFG_LX_W_DAD:
        if (req->text_len == 0 || req->text_len > 8 * 33 || req->arg > 1) {
            *why = "without the addresses to watch";
            return -1;
        }
        break;
    case IPCFG_LX_W_DONE:
    case IPCFG_LX_W_ABORT:
        if (req->text_len != 0 || ipcfg_lx_wire_error_clean(&req->err) != 0) {
            *why = "with an outcome that is no status";
            return -1;
        }
        break;
    default:
        break;
    }
    *text = (const char *)buf + sizeof(*req);
    return 0;
}

static int wire_sendmsg(int sock, const void *msg, size_t len, int fd, int flags)
{
    union {
        struct cmsghdr h;
        uint8_t b[CMSG_SPACE(sizeof(int))];
    } ctl;
    struct iovec iov = {(void *)(uintptr_t)msg, len};
    struct msghdr mh;

    memset(&mh, 0, sizeof(mh));
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    if (fd >= 0) {
        memset(&ctl, 0, sizeof(ctl));
        mh.msg_control = &ctl;
        mh.msg_controllen = sizeof(ctl);
        struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int));
        memcpy(CMSG_DATA(c), &fd, sizeof(int));
    }
    for (;;) {
        ssize_t n = sendmsg(sock, &mh, MSG_NOSIGNAL | flags);
        if (n >= 0)
            return (size_t)n == len ? 0 : -EMSGSIZE;
        if (errno != EINTR)
            return errno == EWOULDBLOCK ? -EAGAIN : -errno;
    }
}

int ipcfg_lx_wire_send(int sock, const void *msg, size_t len, int fd)
{
    return wire_sendmsg(sock, msg, len, fd, 0);
}

int ipcfg_lx_wire_try_send(int sock, const void *msg, size_t len)
{
    return wire_sendmsg(sock, msg, len, -1, MSG_DONTWAIT);
}

long ipcfg_lx_wire_recv(int sock, void *buf, size_t cap, int *fd)
{
    union {
        struct cmsghdr h;
        uint8_t b[CMSG_SPACE(sizeof(int) * 4)];
    } ctl;
    struct iovec iov = {buf, cap};
    struct msghdr mh;
    ssize_t n;

    if (fd != NULL)
        *fd = -1;
    memset(&mh, 0, sizeof(mh));
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    mh.msg_control = &ctl;
    mh.msg_controllen = sizeof(ctl);
    do
        n = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return -errno;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c != NULL; c = CMSG_NXTHDR(&mh, c)) {
        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
            continue;
        size_t nfd = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        for (size_t i = 0; i < nfd; i++) {
            int got;
            memcpy(&got, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
            if (fd != NULL && *fd < 0)
                *fd = got;
            else
                (void)close(got);
        }
    }
    if (mh.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) {
        if (fd != NULL && *fd >= 0) {
            (void)close(*fd);
            *fd = -1;
        }
        return -EMSGSIZE;
    }
    return (long)n;
}
