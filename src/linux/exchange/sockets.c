/* ipcfg — DHCP client sockets on Linux (see exchange/sockets.h).
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "exchange/sockets.h"

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>

static const uint8_t bcast_mac[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

/* ---- ARP (pure) ---- */

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static uint16_t get16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

int ipcfg_lx_arp_parse(const uint8_t *p, size_t len, ipcfg_lx_arp *a)
{
    if (len < 28 || get16(p) != 1 || get16(p + 2) != 0x0800 || p[4] != 6 || p[5] != 4)
        return -1;
    a->op = get16(p + 6);
    memcpy(a->sha, p + 8, 6);
    memcpy(a->spa, p + 14, 4);
    memcpy(a->tha, p + 18, 6);
    memcpy(a->tpa, p + 24, 4);
    return 0;
}

size_t ipcfg_lx_arp_probe(uint8_t *out, size_t cap, const uint8_t hwaddr[6], const uint8_t addr[4])
{
    if (cap < 28)
        return 0;
    put16(out, 1);
    put16(out + 2, 0x0800);
    out[4] = 6;
    out[5] = 4;
    put16(out + 6, 1);
    memcpy(out + 8, hwaddr, 6);
    memset(out + 14, 0, 4 + 6); /* sender IP 0.0.0.0, target MAC unknown */
    memcpy(out + 24, addr, 4);
    return 28;
}

int ipcfg_lx_arp_conflict(const ipcfg_lx_arp *a, const uint8_t hwaddr[6], const uint8_t addr[4])
{
    static const uint8_t zero[4];

    if (memcmp(a->sha, hwaddr, 6) == 0)
        return 0; /* our own */
    if (memcmp(a->spa, addr, 4) == 0)
        return 1; /* someone uses it (reply, announcement, request) */
    if (a->op == 1 && memcmp(a->spa, zero, 4) == 0 && memcmp(a->tpa, addr, 4) == 0)
        return 1; /* someone else probes for it at the same time */
    return 0;
}

/* ---- sockets ---- */

/* Offsets are from the IPv4 header: SOCK_DGRAM packet sockets see no link
 * header.  Keeps IPv4, UDP, unfragmented, destination port 68, BOOTREPLY. */
static const struct sock_filter dhcp_filter[] = {
    BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 0),                 /* 0: version/IHL */
    BPF_STMT(BPF_ALU | BPF_RSH | BPF_K, 4),                /* 1 */
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 4, 0, 10),         /* 2: IPv4 */
    BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 9),                 /* 3: protocol */
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, IPPROTO_UDP, 0, 8), /* 4 */
    BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 6),                 /* 5: fragment */
    BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, 0x3fff, 6, 0),    /* 6 */
    BPF_STMT(BPF_LDX | BPF_B | BPF_MSH, 0),                /* 7: X = IHL * 4 */
    BPF_STMT(BPF_LD | BPF_H | BPF_IND, 2),                 /* 8: UDP destination port */
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, IPCFG_DHCP_CLIENT_PORT, 0, 3), /* 9 */
    BPF_STMT(BPF_LD | BPF_B | BPF_IND, 8),                 /* 10: BOOTP op */
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 2, 0, 1),          /* 11: BOOTREPLY */
    BPF_STMT(BPF_RET | BPF_K, 0xffff),                     /* 12: keep */
    BPF_STMT(BPF_RET | BPF_K, 0),                          /* 13: drop */
};

/* Ethernet/IPv4 ARP only. */
static const struct sock_filter arp_filter[] = {
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 0),                 /* htype, ptype */
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0x00010800, 0, 3),
    BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 4),                 /* hlen, plen */
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0x0604, 0, 1),
    BPF_STMT(BPF_RET | BPF_K, 0xffff),
    BPF_STMT(BPF_RET | BPF_K, 0),
};

/* The filter goes on before bind: a socket created with protocol 0
 * receives nothing until it is bound, so no unfiltered packet is queued. */
static int packet_socket(int ifindex, uint16_t proto, const struct sock_filter *f, size_t nf, int auxdata)
{
    struct sock_fprog prog;
    struct sockaddr_ll sll;
    int one = 1, fd, e;

    fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
        return -errno;
    prog.len = (unsigned short)nf;
    prog.filter = (struct sock_filter *)(uintptr_t)f;
    if (setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof prog) != 0)
        goto fail;
    if (auxdata && setsockopt(fd, SOL_PACKET, PACKET_AUXDATA, &one, sizeof one) != 0)
        goto fail;
    memset(&sll, 0, sizeof sll);
    sll.sll_family = AF_PACKET;
    sll.sll_protocol = htons(proto);
    sll.sll_ifindex = ifindex;
    if (bind(fd, (struct sockaddr *)&sll, sizeof sll) != 0)
        goto fail;
    return fd;
fail:
    e = errno;
    (void)close(fd);
    return -e;
}

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

int ipcfg_lx_dhcp_packet_socket(int ifindex)
{
    return packet_socket(ifindex, ETH_P_IP, dhcp_filter, sizeof dhcp_filter / sizeof dhcp_filter[0], 1);
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

int ipcfg_lx_dhcp_udp_socket(const char *ifname)
{
    struct sockaddr_in sin;
    int one = 1, fd, e;

    fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
        return -errno;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &one, sizeof one) != 0 ||
        setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, ifname, (socklen_t)strlen(ifname)) != 0)
        goto fail;
    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_port = htons(IPCFG_DHCP_CLIENT_PORT);
    if (bind(fd, (struct sockaddr *)&sin, sizeof sin) != 0)
        goto fail;
    return fd;
fail:
    e = errno;
    (void)close(fd);
    return -e;
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

int ipcfg_lx_arp_socket(int ifindex)
{
    return packet_socket(ifindex, ETH_P_ARP, arp_filter, sizeof arp_filter / sizeof arp_filter[0], 0);
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
