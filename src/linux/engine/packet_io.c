/* ipcfg — the engine's packet I/O: sending and receiving on the sockets
 * the privileged side opened for it (see engine/packet_io.h).
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "engine/packet_io.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/if_ether.h>
#include <linux/if_packet.h>

#include "dhcp/dhcp_frame.h"

static const uint8_t bcast_mac[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

static int packet_send(int fd, int ifindex, uint16_t proto, const uint8_t *buf, size_t len)
{
    struct sockaddr_ll sll;

    memset(&sll, 0, sizeof sll);
    sll.sll_family = AF_PACKET;
    sll.sll_protocol = htons(proto);
    sll.sll_ifindex = ifindex;
    sll.sll_halen = 6;
    memcpy(sll.sll_addr, bcast_mac, 6);
    for (;;) {
        ssize_t n = sendto(fd, buf, len, 0, (struct sockaddr *)&sll, sizeof sll);
        if (n >= 0)
            return 0;
        if (errno != EINTR)
            return -errno;
    }
}

int ipcfg_lx_dhcp_packet_send(int fd, int ifindex, const uint8_t *frame, size_t len)
{
    return packet_send(fd, ifindex, ETH_P_IP, frame, len);
}

long ipcfg_lx_dhcp_packet_recv(int fd, uint8_t *buf, size_t cap, int *csum_partial)
{
    union {
        struct cmsghdr h;
        uint8_t b[CMSG_SPACE(sizeof(struct tpacket_auxdata))];
    } ctl;
    struct sockaddr_ll sll;
    struct iovec iov = {buf, cap};
    struct msghdr mh;
    struct cmsghdr *c;
    ssize_t n;

    memset(&mh, 0, sizeof mh);
    mh.msg_name = &sll;
    mh.msg_namelen = sizeof sll;
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    mh.msg_control = &ctl;
    mh.msg_controllen = sizeof ctl;
    do
        n = recvmsg(fd, &mh, 0);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return -errno;
    *csum_partial = 0;
    if ((mh.msg_flags & MSG_TRUNC) || sll.sll_pkttype == PACKET_OUTGOING)
        return 0;
    for (c = CMSG_FIRSTHDR(&mh); c != NULL; c = CMSG_NXTHDR(&mh, c)) {
        if (c->cmsg_level == SOL_PACKET && c->cmsg_type == PACKET_AUXDATA &&
            c->cmsg_len >= CMSG_LEN(sizeof(struct tpacket_auxdata))) {
            struct tpacket_auxdata aux;
            memcpy(&aux, CMSG_DATA(c), sizeof aux);
            if (aux.tp_status & TP_STATUS_CSUMNOTREADY)
                *csum_partial = 1;
        }
    }
    return (long)n;
}

int ipcfg_lx_dhcp_udp_send(int fd, int ifindex, const uint8_t src[4], const uint8_t dst[4], const uint8_t *payload,
                           size_t len)
{
    union {
        struct cmsghdr h;
        uint8_t b[CMSG_SPACE(sizeof(struct in_pktinfo))];
    } ctl;
    struct sockaddr_in sin;
    struct in_pktinfo pi;
    struct iovec iov = {(void *)(uintptr_t)payload, len};
    struct msghdr mh;
    struct cmsghdr *c;

    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_port = htons(IPCFG_DHCP_SERVER_PORT);
    memcpy(&sin.sin_addr, dst, 4);
    memset(&pi, 0, sizeof pi);
    pi.ipi_ifindex = ifindex;
    memcpy(&pi.ipi_spec_dst, src, 4);
    memset(&ctl, 0, sizeof ctl);
    memset(&mh, 0, sizeof mh);
    mh.msg_name = &sin;
    mh.msg_namelen = sizeof sin;
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    mh.msg_control = &ctl;
    mh.msg_controllen = sizeof ctl;
    c = CMSG_FIRSTHDR(&mh);
    c->cmsg_level = IPPROTO_IP;
    c->cmsg_type = IP_PKTINFO;
    c->cmsg_len = CMSG_LEN(sizeof pi);
    memcpy(CMSG_DATA(c), &pi, sizeof pi);
    for (;;) {
        if (sendmsg(fd, &mh, 0) >= 0)
            return 0;
        if (errno != EINTR)
            return -errno;
    }
}

int ipcfg_lx_arp_send(int fd, int ifindex, const uint8_t *pkt, size_t len)
{
    return packet_send(fd, ifindex, ETH_P_ARP, pkt, len);
}

long ipcfg_lx_arp_recv(int fd, uint8_t *buf, size_t cap)
{
    struct sockaddr_ll sll;
    socklen_t sl = sizeof sll;
    ssize_t n;

    do
        n = recvfrom(fd, buf, cap, 0, (struct sockaddr *)&sll, &sl);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return -errno;
    if (sll.sll_pkttype == PACKET_OUTGOING)
        return 0;
    return (long)n;
}
