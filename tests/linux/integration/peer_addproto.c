/* Test helper of test_peers_files.sh: adds an IPv4 address the way ipcfg's
 * DHCP engine does, marked with IFA_PROTO (iproute2 of Debian 12 cannot set
 * it) and with a finite lifetime:
 *     peer_addproto IFNAME ADDRESS PREFIX PROTO VALID_LFT
 * Run it inside the test's network namespace.  Exit 0 on the kernel's ack.
 * SPDX-License-Identifier: MIT */
#include <arpa/inet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/if_addr.h>

#include "netlink/nlreq.h"
#include "netlink/nlsock.h"

int main(int argc, char **argv)
{
    ipcfg_nlsock nl;
    ipcfg_nlreq req;
    ipcfg_nl_result res;
    struct in_addr a;
    struct ifa_cacheinfo ci;
    unsigned idx;
    uint8_t proto;

    if (argc != 6 || (idx = if_nametoindex(argv[1])) == 0 || inet_pton(AF_INET, argv[2], &a) != 1) {
        fprintf(stderr, "usage: %s IFNAME ADDRESS PREFIX PROTO VALID_LFT\n", argv[0]);
        return 2;
    }
    proto = (uint8_t)strtoul(argv[4], NULL, 0);
    memset(&ci, 0, sizeof ci);
    ci.ifa_valid = ci.ifa_prefered = (uint32_t)strtoul(argv[5], NULL, 0);
    if (ipcfg_nlreq_addr4(&req, 0, idx, (const uint8_t *)&a, (unsigned)atoi(argv[3])) != 0 ||
        ipcfg_nlreq_attr(&req, IFA_CACHEINFO, &ci, sizeof ci) != 0 ||
        ipcfg_nlreq_attr(&req, 11 /* IFA_PROTO */, &proto, 1) != 0 || ipcfg_nlsock_open(&nl) != 0) {
        fprintf(stderr, "peer_addproto: cannot build the request\n");
        return 1;
    }
    if (ipcfg_nlsock_transact(&nl, req.buf, req.len, NULL, &res) != 0 || !res.acked || res.error != 0) {
        fprintf(stderr, "peer_addproto: the kernel refused (%d)\n", res.error);
        return 1;
    }
    ipcfg_nlsock_close(&nl);
    return 0;
}
