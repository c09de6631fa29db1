/* nlfloor — the floor of an ipcfg listing: exactly the rtnetlink dumps that
 * `ipcfg` performs for a listing (links without statistics, addresses of
 * both families, the main table's unicast IPv4 and IPv6 routes), with the
 * same socket options and request flags (src/linux/netlink/nlsock.c, nlreq.c), each
 * reply read to its NLMSG_DONE and thrown away.  Nothing is parsed beyond
 * the message headers that end a dump.  bench/netns-bench.sh builds it with
 * the system compiler and reports ipcfg's time as a ratio to it.
 *
 * Exit 0 when all four dumps ended with NLMSG_DONE; 1 otherwise.
 * SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE 1
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

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
#ifndef RTEXT_FILTER_SKIP_STATS
#define RTEXT_FILTER_SKIP_STATS (1 << 3)
#endif

/* The kernel sizes dump datagrams to the reader's buffer, at most 32 KiB
 * (ipcfg's buffer is 64 KiB: the same datagrams). */
static uint8_t buf[64 * 1024];

typedef struct req {
    struct nlmsghdr h;
    union {
        struct ifinfomsg ifi;
        struct ifaddrmsg ifa;
        struct rtmsg rtm;
    } u;
    struct rtattr ext_hdr; /* IFLA_EXT_MASK, links only */
    uint32_t ext_mask;
} req;
_Static_assert(offsetof(req, ext_hdr) == NLMSG_LENGTH(sizeof(struct ifinfomsg)), "the attribute follows ifinfomsg");

static int dump(int fd, req *r, uint32_t seq)
{
    struct sockaddr_nl sa;
    memset(&sa, 0, sizeof(sa));
    sa.nl_family = AF_NETLINK;
    r->h.nlmsg_seq = seq;
    if (sendto(fd, r, r->h.nlmsg_len, 0, (struct sockaddr *)&sa, sizeof(sa)) != (ssize_t)r->h.nlmsg_len)
        return -1;
    for (;;) {
        ssize_t n = recv(fd, buf, sizeof(buf), 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
            if (h->nlmsg_seq != seq)
                continue;
            if (h->nlmsg_type == NLMSG_DONE)
                return 0;
            if (h->nlmsg_type == NLMSG_ERROR)
                return -1;
        }
    }
}

int main(void)
{
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    int one = 1;
    int rcvbuf = 1024 * 1024;
    struct sockaddr_nl sa;
    if (fd < 0) {
        perror("nlfloor: socket");
        return 1;
    }
    (void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
    (void)setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
    (void)setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
    (void)setsockopt(fd, SOL_NETLINK, NETLINK_GET_STRICT_CHK, &one, sizeof(one));
    memset(&sa, 0, sizeof(sa));
    sa.nl_family = AF_NETLINK;
    if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
        perror("nlfloor: bind");
        return 1;
    }

    req r;
    int bad = 0;
    /* links, without statistics */
    memset(&r, 0, sizeof(r));
    r.h.nlmsg_type = RTM_GETLINK;
    r.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    r.u.ifi.ifi_family = AF_UNSPEC;
    r.ext_hdr.rta_len = RTA_LENGTH(sizeof(uint32_t));
    r.ext_hdr.rta_type = IFLA_EXT_MASK;
    r.ext_mask = RTEXT_FILTER_SKIP_STATS;
    r.h.nlmsg_len = NLMSG_LENGTH(NLMSG_ALIGN(sizeof(r.u.ifi))) + RTA_LENGTH(sizeof(uint32_t));
    bad |= dump(fd, &r, 1);
    /* addresses, both families */
    memset(&r, 0, sizeof(r));
    r.h.nlmsg_type = RTM_GETADDR;
    r.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    r.h.nlmsg_len = NLMSG_LENGTH(sizeof(r.u.ifa));
    r.u.ifa.ifa_family = AF_UNSPEC;
    bad |= dump(fd, &r, 2);
    /* the main table's unicast routes, IPv4 then IPv6 */
    for (int k = 0; k < 2; k++) {
        memset(&r, 0, sizeof(r));
        r.h.nlmsg_type = RTM_GETROUTE;
        r.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
        r.h.nlmsg_len = NLMSG_LENGTH(sizeof(r.u.rtm));
        r.u.rtm.rtm_family = k == 0 ? AF_INET : AF_INET6;
        r.u.rtm.rtm_table = RT_TABLE_MAIN;
        r.u.rtm.rtm_type = RTN_UNICAST;
        bad |= dump(fd, &r, (uint32_t)(3 + k));
    }
    (void)close(fd);
    if (bad)
        fputs("nlfloor: a dump failed\n", stderr);
    return bad ? 1 : 0;
}
