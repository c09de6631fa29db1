/* ipcfg — rtnetlink socket I/O (Linux backend).  See netlink/nlsock.h.
 * SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE 1
#include "netlink/nlsock.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include <linux/netlink.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif
#ifndef NETLINK_CAP_ACK
#define NETLINK_CAP_ACK 10
#endif
#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif
#ifndef NETLINK_GET_STRICT_CHK
#define NETLINK_GET_STRICT_CHK 12
#endif

/* The kernel caps one dump datagram at 32 KiB; start above that so that the
 * buffer normally never grows. */
#define NLSOCK_BUF_INITIAL (64u * 1024u)
#define NLSOCK_BUF_MAX (16u * 1024u * 1024u)
#define NLSOCK_RCVBUF (1024 * 1024)
#define NLSOCK_TIMEOUT_S 10

/* Opens and binds the socket; fills fd, portid and strict. */
static int open_fd(ipcfg_nlsock *s)
{
    struct sockaddr_nl sa;
    socklen_t salen = sizeof(sa);
    struct timeval tv;
    int one = 1, rcvbuf = NLSOCK_RCVBUF, e;

    s->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (s->fd < 0)
        return -errno;

    /* Optional niceties; older kernels may refuse them. */
    (void)setsockopt(s->fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
    (void)setsockopt(s->fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
    (void)setsockopt(s->fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
    s->strict = setsockopt(s->fd, SOL_NETLINK, NETLINK_GET_STRICT_CHK, &one, sizeof(one)) == 0;
    tv.tv_sec = NLSOCK_TIMEOUT_S;
    tv.tv_usec = 0;
    (void)setsockopt(s->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));

    memset(&sa, 0, sizeof(sa));
    sa.nl_family = AF_NETLINK;
    if (bind(s->fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
        getsockname(s->fd, (struct sockaddr *)&sa, &salen) != 0) {
        e = errno;
        (void)close(s->fd);
        s->fd = -1;
        return -e;
    }
    if (salen != sizeof(sa) || sa.nl_family != AF_NETLINK) {
        (void)close(s->fd);
        s->fd = -1;
        return -EINVAL;
    }
    s->portid = sa.nl_pid;
    return 0;
}

int ipcfg_nlsock_open(ipcfg_nlsock *s)
{
    int e;

    memset(s, 0, sizeof(*s));
    s->fd = -1;
    e = open_fd(s);
    if (e != 0)
        return e;
    s->seq = (uint32_t)time(NULL);

    s->buf = malloc(NLSOCK_BUF_INITIAL);
    if (s->buf == NULL) {
        ipcfg_nlsock_close(s);
        return -ENOMEM;
    }
    s->cap = NLSOCK_BUF_INITIAL;
    return 0;
}

void ipcfg_nlsock_close(ipcfg_nlsock *s)
{
    if (s->fd >= 0)
        (void)close(s->fd);
    s->fd = -1;
    free(s->buf);
    s->buf = NULL;
    s->cap = 0;
}

static int send_msg(ipcfg_nlsock *s, const void *msg, size_t len)
{
    struct sockaddr_nl sa;
    ssize_t n;

    memset(&sa, 0, sizeof(sa));
    sa.nl_family = AF_NETLINK; /* nl_pid 0: the kernel */
    do {
        n = sendto(s->fd, msg, len, 0, (const struct sockaddr *)&sa, sizeof(sa));
    } while (n < 0 && errno == EINTR);
    if (n < 0)
        return -errno;
    if ((size_t)n != len)
        return -EMSGSIZE;
    return 0;
}

/* Receives the next datagram from the kernel into s->buf, growing the
 * buffer to the size a zero-length MSG_PEEK|MSG_TRUNC reports.  Returns its
 * length, or a negative errno. */
static long recv_datagram(ipcfg_nlsock *s)
{
    for (;;) {
        struct sockaddr_nl sa;
        struct iovec iov;
        struct msghdr mh;
        ssize_t n;

        memset(&mh, 0, sizeof(mh));
        iov.iov_base = s->buf;
        iov.iov_len = 0;
        mh.msg_iov = &iov;
        mh.msg_iovlen = 1;
        n = recvmsg(s->fd, &mh, MSG_PEEK | MSG_TRUNC);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return (errno == EAGAIN || errno == EWOULDBLOCK) ? -ETIMEDOUT : -errno;
        }
        if ((size_t)n > s->cap) {
            size_t ncap = s->cap;
            uint8_t *nb;
            while (ncap < (size_t)n && ncap < NLSOCK_BUF_MAX)
                ncap *= 2;
            if (ncap < (size_t)n)
                return -EMSGSIZE;
            nb = realloc(s->buf, ncap);
            if (nb == NULL)
                return -ENOMEM;
            s->buf = nb;
            s->cap = ncap;
        }

        memset(&mh, 0, sizeof(mh));
        memset(&sa, 0, sizeof(sa));
        iov.iov_base = s->buf;
        iov.iov_len = s->cap;
        mh.msg_iov = &iov;
        mh.msg_iovlen = 1;
        mh.msg_name = &sa;
        mh.msg_namelen = sizeof(sa);
        do {
            n = recvmsg(s->fd, &mh, 0);
        } while (n < 0 && errno == EINTR);
        if (n < 0)
            return (errno == EAGAIN || errno == EWOULDBLOCK) ? -ETIMEDOUT : -errno;
        if (mh.msg_flags & MSG_TRUNC)
            return -EMSGSIZE;
        if (mh.msg_namelen != sizeof(sa) || sa.nl_family != AF_NETLINK || sa.nl_pid != 0)
            continue; /* not from the kernel: ignore */
        return (long)n;
    }
}

int ipcfg_nlsock_transact(ipcfg_nlsock *s, void *msg, size_t len, const ipcfg_nl_visitor *v,
                          ipcfg_nl_result *res)
{
    struct nlmsghdr *h = msg;
    int e;

    memset(res, 0, sizeof(*res));
    if (s->buf == NULL || len < sizeof(*h) || h->nlmsg_len != len)
        return -EINVAL;
    if (s->fd < 0 && (e = open_fd(s)) != 0)
        return e; /* the reopen after an earlier failure failed: say why */
    h->nlmsg_seq = ++s->seq;
    h->nlmsg_pid = s->portid;
    e = send_msg(s, msg, len);
    if (e != 0)
        return e;

    for (;;) {
        long n = recv_datagram(s);
        ipcfg_nl_status st;

        if (n < 0) {
            e = (int)n;
            break;
        }
        st = ipcfg_nl_parse(s->buf, (size_t)n, h->nlmsg_seq, s->portid, v, res);
        if (st == IPCFG_NL_MORE)
            continue;
        if (st == IPCFG_NL_END)
            return 0;
        e = st == IPCFG_NL_BAD ? -EBADMSG : -ECANCELED;
        break;
    }
    /* The answer was not read to its end: the rest of it (or a dump still
     * running) would be in the way of the next request.  Start over on a
     * fresh socket, opened by the next request (which reports its errno
     * if that fails). */
    (void)close(s->fd);
    s->fd = -1;
    return e;
}
