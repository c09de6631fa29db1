/* ipcfg — writes the fuzzers' seed corpus: hand-built rtnetlink answers
 * (the same builders as the unit tests) and a few resolv.conf files.
 * Usage: fuzz_seedgen OUTDIR   (creates OUTDIR/nlparse and OUTDIR/resolvconf)
 * SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE 1
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <linux/if.h>
#include <linux/if_arp.h>

#include "nlbuild.h"

static int mkdir_p(const char *d)
{
    return mkdir(d, 0755) == 0 || errno == EEXIST ? 0 : -1;
}

static int put(const char *dir, const char *name, const void *p, size_t n)
{
    char path[1024];
    FILE *f;
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "wb");
    if (f == NULL || fwrite(p, 1, n, f) != n || fclose(f) != 0) {
        perror(path);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    static const uint8_t mac[6] = {2, 0, 0, 0, 0, 1};
    static const uint8_t a4[4] = {10, 9, 0, 5}, b4[4] = {10, 9, 0, 255}, g4[4] = {10, 9, 0, 1};
    static const uint8_t ll6[16] = {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    static nlb b;
    char nl[900], rc[900], cl[900];
    size_t at;
    int bad = 0;

    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
        return 2;
    }
    snprintf(nl, sizeof(nl), "%s/nlparse", argv[1]);
    snprintf(rc, sizeof(rc), "%s/resolvconf", argv[1]);
    snprintf(cl, sizeof(cl), "%s/cli", argv[1]);
    if (mkdir_p(argv[1]) || mkdir_p(nl) || mkdir_p(rc) || mkdir_p(cl)) {
        perror(argv[1]);
        return 1;
    }

    nlb_init(&b);
    nlb_link(&b, 1, 1, ARPHRD_LOOPBACK, IFF_UP | IFF_LOOPBACK | IFF_LOWER_UP, "lo", IF_OPER_UNKNOWN, NULL, 0, NULL);
    nlb_link(&b, 1, 7, ARPHRD_ETHER, IFF_UP | IFF_LOWER_UP, "veth0", IF_OPER_UP, mac, 6, "veth");
    nlb_done(&b, 1, 0);
    bad |= put(nl, "links", b.buf, b.len);

    nlb_init(&b);
    nlb_addr(&b, 1, AF_INET, 24, IFA_F_PERMANENT, IFA_F_PERMANENT, 0, 7, a4, b4, 0xFFFFFFFFu, 0xFFFFFFFFu);
    nlb_addr(&b, 1, AF_INET6, 64, 0, IFA_F_TENTATIVE, RT_SCOPE_LINK, 7, ll6, NULL, 100, 200);
    nlb_done(&b, 1, 0);
    bad |= put(nl, "addrs", b.buf, b.len);

    nlb_init(&b);
    nlb_route(&b, 1, AF_INET, 0, RT_TABLE_MAIN, RTN_UNICAST, g4, 7);
    nlb_route(&b, 1, AF_INET6, 0, RT_TABLE_MAIN, RTN_UNICAST, ll6, 7);
    at = nlb_mp_begin(&b, 1, AF_INET);
    nlb_nexthop(&b, AF_INET, g4, 7);
    nlb_nexthop(&b, AF_INET, a4, 8);
    nlb_mp_end(&b, at);
    nlb_done(&b, 1, 0);
    bad |= put(nl, "routes", b.buf, b.len);

    nlb_init(&b);
    nlb_route_nh(&b, 1, AF_INET, 20);
    nlb_route_nh(&b, 1, AF_INET6, 30);
    nlb_done(&b, 1, 0);
    bad |= put(nl, "routes_nhid", b.buf, b.len);

    {
        static const uint32_t members[2] = {10, 11};
        nlb_init(&b);
        nlb_nhobj(&b, 1, AF_INET, 10, g4, 7, NULL, 0, 0);
        nlb_nhobj(&b, 1, AF_INET, 11, a4, 8, NULL, 0, 0);
        nlb_nhobj(&b, 1, AF_UNSPEC, 20, NULL, 0, members, 2, 0);
        nlb_nhobj(&b, 1, AF_INET6, 30, ll6, 7, NULL, 0, 0);
        nlb_nhobj(&b, 1, AF_INET, 40, NULL, 0, NULL, 0, 1);
        nlb_done(&b, 1, 0);
        bad |= put(nl, "nexthops", b.buf, b.len);
    }

    nlb_init(&b);
    nlb_error(&b, 1, -EEXIST, "Address already assigned");
    bad |= put(nl, "error_extack", b.buf, b.len);

    nlb_init(&b);
    nlb_error(&b, 1, 0, NULL);
    bad |= put(nl, "ack", b.buf, b.len);

    nlb_init(&b);
    nlb_done(&b, 1, -EINTR);
    bad |= put(nl, "done_error", b.buf, b.len);

    {
        static const char r1[] = "# generated\nnameserver 10.0.0.1\nsearch a.example b.example\n";
        static const char r2[] = "domain corp.example\noptions ndots:2\n;comment\nsearch x y z\ndomain last.example";
        static const char r3[] = "search\ta.example\r\nsearch\n";
        bad |= put(rc, "search", r1, sizeof(r1) - 1);
        bad |= put(rc, "mixed", r2, sizeof(r2) - 1);
        bad |= put(rc, "crlf", r3, sizeof(r3) - 1);
    }
    {
        /* Command lines: arguments separated by NUL bytes (fuzz_cli.c). */
        static const char c1[] = "/all";
        static const char c2[] = "/add\0Eth*\0" "10.0.0.5\0" "255.255.255.0";
        static const char c3[] = "-delete\0" "10.0.0.5\0/json";
        static const char c4[] = "/renew\0Local?Area\0/timeout:5";
        static const char c5[] = "/addrtable\0/json";
        bad |= put(cl, "all", c1, sizeof(c1) - 1);
        bad |= put(cl, "add", c2, sizeof(c2) - 1);
        bad |= put(cl, "delete", c3, sizeof(c3) - 1);
        bad |= put(cl, "renew", c4, sizeof(c4) - 1);
        bad |= put(cl, "addrtable", c5, sizeof(c5) - 1);
    }
    return bad ? 1 : 0;
}
