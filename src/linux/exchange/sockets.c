/* ipcfg — the sockets of a DHCP exchange, opened on the privileged side
 * for the engine (see exchange/sockets.h).
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

#include "dhcp/dhcp_frame.h"

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

/* A socket that could not be set up, closed: -errno of the failed call. */
static int closed_errno(int fd)
{
    int e = errno;

    (void)close(fd);
    return -e;
}

/* The filter goes on before bind: a socket created with protocol 0
 * receives nothing until it is bound, so no unfiltered packet is queued. */
static int packet_socket(int ifindex, uint16_t proto, const struct sock_filter *f, size_t nf, int auxdata)
{
    struct sock_fprog prog;
    struct sockaddr_ll sll;
    int one = 1, fd;

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
    return closed_errno(fd);
}

int ipcfg_lx_dhcp_packet_socket(int ifindex)
{
    return packet_socket(ifindex, ETH_P_IP, dhcp_filter, sizeof dhcp_filter / sizeof dhcp_filter[0], 1);
}

int ipcfg_lx_dhcp_udp_socket(const char *ifname)
{
    struct sockaddr_in sin;
    int one = 1, fd;

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
    return closed_errno(fd);
}

int ipcfg_lx_arp_socket(int ifindex)
{
    return packet_socket(ifindex, ETH_P_ARP, arp_filter, sizeof arp_filter / sizeof arp_filter[0], 0);
}

int ipcfg_lx_dhcp6_udp_socket(const char *ifname, int ifindex)
{
    struct sockaddr_in6 sin6;
    int one = 1, zero = 0, hops = 1, fd;

    fd = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
        return -errno;
    /* RFC 8415 §7.1: the client listens on UDP port 546; its messages to
     * ff02::1:2 leave by this interface only, link-scoped (hop limit 1,
     * as a link-local multicast), never looped back to itself */
    if (setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one) != 0 ||
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, ifname, (socklen_t)strlen(ifname)) != 0 ||
        setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, &ifindex, sizeof ifindex) != 0 ||
        setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &hops, sizeof hops) != 0 ||
        setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &zero, sizeof zero) != 0)
        goto fail;
    memset(&sin6, 0, sizeof sin6);
    sin6.sin6_family = AF_INET6;
    sin6.sin6_port = htons(546);
    if (bind(fd, (struct sockaddr *)&sin6, sizeof sin6) != 0)
        goto fail;
    return fd;
fail:
    return closed_errno(fd);
}
