/* ipcfg — rtnetlink socket I/O (Linux backend).
 *
 * The only code that touches the NETLINK_ROUTE socket: open it, send one
 * request, receive datagrams (with a buffer grown to the size the kernel
 * reports) and hand each one to the pure parser in netlink/nlparse.c until the
 * request's NLMSG_DONE or NLMSG_ERROR arrives.  Requests themselves are built
 * by netlink/nlreq.c.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_NETLINK_NLSOCK_H
#define IPCFG_LINUX_NETLINK_NLSOCK_H

#include <stddef.h>
#include <stdint.h>

#include "netlink/nlparse.h"

typedef struct ipcfg_nlsock {
    int fd;
    uint32_t portid;   /* our netlink port id, from getsockname */
    uint32_t seq;      /* last sequence number used */
    int strict;        /* NETLINK_GET_STRICT_CHK accepted: dump filters apply */
    uint8_t *buf;      /* receive buffer */
    size_t cap;
} ipcfg_nlsock;

/* 0, or a negative errno. */
int ipcfg_nlsock_open(ipcfg_nlsock *s);
void ipcfg_nlsock_close(ipcfg_nlsock *s);

/* Sends msg (a complete netlink message; its nlmsg_seq and nlmsg_pid are
 * set here) and receives until the answer's NLMSG_DONE (dumps) or
 * NLMSG_ERROR (acks, failures) arrives, handing every datagram to the
 * parser with visitor v (may be NULL).  *res is reset first.
 * Returns 0 when an answer was received (the kernel's verdict is in
 * res->error), or a negative errno for a local failure: the socket's own
 * error, -EBADMSG for a malformed answer, -ECANCELED when the visitor
 * stopped the walk, -ETIMEDOUT when the kernel did not answer. */
int ipcfg_nlsock_transact(ipcfg_nlsock *s, void *msg, size_t len, const ipcfg_nl_visitor *v,
                          ipcfg_nl_result *res);

#endif
