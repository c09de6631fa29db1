/* ipcfg — writes the DHCP fuzzers' seed corpus: server replies built with
 * the unit tests' builder (tests/dhcp/dhcp_testutil.h), the same inside
 * IPv4/UDP frames for fuzz_dhcp_frame, and lease files.
 * Usage: fuzz_seedgen_dhcp OUTDIR [CAPTURED.hex]  (creates OUTDIR/dhcp_msg,
 * OUTDIR/dhcp_frame and OUTDIR/dhcp_lease; the source tree is never
 * written).  CAPTURED.hex (tests/fuzz/seeds-dhcp/dnsmasq.hex, written by
 * tests/fuzz/capture_dnsmasq.sh) holds real dnsmasq replies, one "TYPE HEX"
 * line each (the IPv4 packet): each becomes a dhcp_msg seed as captured,
 * and dhcp_frame seeds with its xid, chaddr and server identifier set to
 * the fuzz target's client and server so that they reach the state
 * machine's acceptance checks.
 * SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE 1
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "dhcp_client.h"
#include "dhcp_frame.h"
#include "dhcp_msg.h"
#include "dhcp_testutil.h"
#include "wire/engine_wire.h"

#define FUZZ_XID 0x11223344u

static int mkdir_p(const char *d)
{
    return mkdir(d, 0755) == 0 || errno == EEXIST ? 0 : -1;
}

static int put(const char *dir, const char *name, const void *p, size_t n)
{
    char path[1024];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "wb");
    if (f == NULL || fwrite(p, 1, n, f) != n || fclose(f) != 0) {
        perror(path);
        return -1;
    }
    return 0;
}

/* msg seeds, and the same as frames with each control octet */
static int emit(const char *md, const char *fd, const char *name, const uint8_t *msg, size_t n)
{
    static const uint8_t bcast[4] = {255, 255, 255, 255};
    uint8_t fr[2048];
    char nm[128];
    size_t fl;
    int bad = 0, ctl;

    bad |= put(md, name, msg, n);
    fl = ipcfg_dhcp_frame_build(fr + 1, sizeof fr - 1, T_SERVER, bcast, 67, 68, 7, msg, n);
    if (fl == 0)
        return -1;
    /* REQUESTING and RENEWING with each flag, then INIT, REBINDING and
     * INIT-REBOOT (bits 4-5) with and without the probe */
    for (ctl = 0; ctl < 8; ctl++) {
        fr[0] = (uint8_t)ctl;
        snprintf(nm, sizeof nm, "%s-%d", name, ctl);
        bad |= put(fd, nm, fr, fl + 1);
    }
    for (ctl = 0; ctl < 6; ctl++) {
        static const uint8_t st[3] = {0x10, 0x11, 0x20};
        fr[0] = (uint8_t)(st[ctl % 3] | (ctl >= 3 ? 4 : 0));
        snprintf(nm, sizeof nm, "%s-s%02x", name, fr[0]);
        bad |= put(fd, nm, fr, fl + 1);
    }
    return bad;
}

/* The captured dnsmasq replies (see the head comment). */
static int captured(const char *path, const char *md, const char *fd)
{
    FILE *f = fopen(path, "r");
    char line[8192], nm[64];
    uint8_t pkt[4096];
    int bad = 0, k = 0;

    if (f == NULL) {
        perror(path);
        return -1;
    }
    while (fgets(line, sizeof line, f) != NULL) {
        const char *h = strchr(line, ' ');
        size_t n = 0, ihl, i;
        unsigned v;
        if (line[0] == '#' || h == NULL)
            continue;
        for (h++; n < sizeof pkt && sscanf(h, "%2x", &v) == 1; h += 2)
            pkt[n++] = (uint8_t)v;
        if (n < 28 || (ihl = (size_t)(pkt[0] & 15) * 4) + 8 + IPCFG_DHCP_MIN_LEN > n) {
            bad = -1;
            continue;
        }
        snprintf(nm, sizeof nm, "dnsmasq-%02d-raw", k);
        bad |= put(md, nm, pkt + ihl + 8, n - ihl - 8);
        {
            uint8_t *m = pkt + ihl + 8;
            size_t ml = n - ihl - 8;
            ipcfg_dhcp_put32(m + 4, FUZZ_XID);
            memcpy(m + 28, T_MAC, 6);
            for (i = 240; i + 1 < ml && m[i] != 255;) {
                if (m[i] == 0) {
                    i++;
                    continue;
                }
                if (m[i] == IPCFG_OPT_SERVER_ID && m[i + 1] == 4 && i + 6 <= ml)
                    memcpy(m + i + 2, T_SERVER, 4);
                i += 2u + m[i + 1];
            }
            snprintf(nm, sizeof nm, "dnsmasq-%02d", k);
            bad |= emit(md, fd, nm, m, ml);
        }
        k++;
    }
    fclose(f);
    return k > 0 ? bad : -1;
}

int main(int argc, char **argv)
{
    static const uint8_t routes[] = {24, 198, 51, 100, 192, 0, 2, 254, 0, 192, 0, 2, 1};
    char md[900], fd[900], ld[900], name[64];
    uint8_t b[1500];
    char text[4096];
    tsrv s;
    ipcfg_dhcp_lease l;
    size_t n;
    int bad = 0;

    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: %s OUTDIR [CAPTURED.hex]\n", argv[0]);
        return 2;
    }
    snprintf(md, sizeof md, "%s/dhcp_msg", argv[1]);
    snprintf(fd, sizeof fd, "%s/dhcp_frame", argv[1]);
    snprintf(ld, sizeof ld, "%s/dhcp_lease", argv[1]);
    if (mkdir_p(argv[1]) || mkdir_p(md) || mkdir_p(fd) || mkdir_p(ld)) {
        perror(argv[1]);
        return 1;
    }

    /* replies: ACK (plain, full), NAK, OFFER, another server's ACK */
    tsrv_default(&s, IPCFG_DHCPACK, FUZZ_XID);
    n = tsrv_build(&s, b, sizeof b);
    bad |= emit(md, fd, "ack", b, n);
    s.has_t1 = s.has_t2 = 1;
    s.t1 = 600;
    s.t2 = 1200;
    s.routes121 = routes;
    s.routes121_len = sizeof routes;
    s.domain = "example.com";
    s.message = "ok";
    s.n_dns = 2;
    memcpy(s.dns[1], T_SERVER2, 4);
    n = tsrv_build(&s, b, sizeof b);
    bad |= emit(md, fd, "ack-full", b, n);
    s.lease = IPCFG_DHCP_INFINITE;
    n = tsrv_build(&s, b, sizeof b);
    bad |= emit(md, fd, "ack-infinite", b, n);
    tsrv_default(&s, IPCFG_DHCPNAK, FUZZ_XID);
    s.message = "wrong network";
    n = tsrv_build(&s, b, sizeof b);
    bad |= emit(md, fd, "nak", b, n);
    tsrv_default(&s, IPCFG_DHCPOFFER, FUZZ_XID);
    n = tsrv_build(&s, b, sizeof b);
    bad |= emit(md, fd, "offer", b, n);
    tsrv_default(&s, IPCFG_DHCPACK, FUZZ_XID);
    memcpy(s.server, T_SERVER2, 4);
    n = tsrv_build(&s, b, sizeof b);
    bad |= emit(md, fd, "ack-server2", b, n);

    /* overload: options in file and sname */
    {
        static const uint8_t opts[] = {53, 1, 5, 52, 1, 3, 54, 4, 192, 0, 2, 1, 121, 3, 0, 192, 0, 255};
        static const uint8_t file[] = {121, 2, 2, 254, 1, 4, 255, 255, 255, 0, 255};
        static const uint8_t sname[] = {51, 4, 0, 0, 14, 16, 6, 4, 192, 0, 2, 53, 255};
        ipcfg_dhcp_hdr h;
        memset(&h, 0, sizeof h);
        h.op = 2;
        h.htype = 1;
        h.hlen = 6;
        h.xid = FUZZ_XID;
        memcpy(h.chaddr, T_MAC, 6);
        memcpy(h.yiaddr, T_ADDR, 4);
        n = ipcfg_dhcp_build_begin(b, sizeof b, &h);
        memcpy(b + n, opts, sizeof opts);
        n += sizeof opts;
        memcpy(b + IPCFG_DHCP_OFF_FILE, file, sizeof file);
        memcpy(b + IPCFG_DHCP_OFF_SNAME, sname, sizeof sname);
        bad |= emit(md, fd, "ack-overload", b, n);
        /* RFC 3396: options 121, 6 and 15 split into several instances,
         * one part of option 121 continued in the file field */
        {
            static const uint8_t split[] = {53, 1, 5, 52, 1, 1, 54, 4, 192, 0, 2, 1, 51, 4, 0, 0, 14, 16,
                                            1, 4, 255, 255, 255, 0, 121, 4, 24, 198, 51, 100, 6, 2, 192, 0,
                                            6, 2, 2, 53, 15, 4, 'e', 'x', 'a', 'm', 15, 3, 'p', 'l', 'e', 255};
            static const uint8_t sfile[] = {121, 4, 192, 0, 2, 254, 255};
            memset(b + IPCFG_DHCP_OFF_SNAME, 0, IPCFG_DHCP_OFF_COOKIE - IPCFG_DHCP_OFF_SNAME);
            n = IPCFG_DHCP_OFF_OPTIONS;
            memcpy(b + n, split, sizeof split);
            n += sizeof split;
            memcpy(b + IPCFG_DHCP_OFF_FILE, sfile, sizeof sfile);
            bad |= emit(md, fd, "ack-rfc3396", b, n);
        }
    }
    if (argc == 3)
        bad |= captured(argv[2], md, fd);

    /* lease files */
    memset(&l, 0, sizeof l);
    l.state = IPCFG_DHCP_LEASE_BOUND;
    memcpy(l.ifname, "eth0", 5);
    memcpy(l.hwaddr, T_MAC, 6);
    l.hwaddr_len = 6;
    l.client_id[0] = 1;
    memcpy(l.client_id + 1, T_MAC, 6);
    l.client_id_len = 7;
    memcpy(l.address, T_ADDR, 4);
    l.prefix_len = 24;
    memcpy(l.server_id, T_SERVER, 4);
    memcpy(l.routers[0], T_ROUTER, 4);
    l.n_routers = 1;
    memcpy(l.routes[0].dest, ((const uint8_t[]){198, 51, 100, 0}), 4);
    l.routes[0].prefix_len = 24;
    memcpy(l.routes[0].gateway, T_ROUTER, 4);
    l.n_routes = 1;
    memcpy(l.dns[0], T_DNS, 4);
    l.n_dns = 1;
    memcpy(l.domain, "example.com", 12);
    l.lease_time = 3600;
    l.t1 = 1800;
    l.t2 = 3150;
    l.obtained = 1764370000;
    n = ipcfg_dhcp_lease_format(&l, text, sizeof text);
    bad |= n == 0 || put(ld, "bound", text, n);
    l.lease_time = l.t1 = l.t2 = IPCFG_DHCP_INFINITE;
    n = ipcfg_dhcp_lease_format(&l, text, sizeof text);
    bad |= n == 0 || put(ld, "infinite", text, n);
    /* version 2: every key of dhcp_lease_opts.c */
    memcpy(l.search[0], "example.com", 12);
    memcpy(l.search[1], "eng.example.com", 16);
    l.n_search = 2;
    memcpy(l.ntp[0], T_DNS, 4);
    l.n_ntp = 1;
    l.mtu = 9000;
    memcpy(l.captive_portal, "https://portal.example.com/x", 29);
    memcpy(l.fqdn, "ws-042.example.com", 19);
    l.name_choice = IPCFG_DHCP_NAME_GIVEN;
    n = ipcfg_dhcp_lease_format(&l, text, sizeof text);
    bad |= n == 0 || put(ld, "v2", text, n);
    memset(&l, 0, sizeof l);
    l.state = IPCFG_DHCP_LEASE_RELEASED;
    memcpy(l.ifname, "wlan0", 6);
    memcpy(l.hwaddr, T_MAC, 6);
    l.hwaddr_len = 6;
    n = ipcfg_dhcp_lease_format(&l, text, sizeof text);
    bad |= n == 0 || put(ld, "released", text, n);
    snprintf(name, sizeof name, "short");
    bad |= put(ld, name, "ipcfg-lease 1\nend\n", 18);

    /* the engine's requests (dhcp_wire.h): OPEN, DONE, and SAVE carrying
     * the released lease above */
    char wd[900];
    static uint8_t w[sizeof(ipcfg_lx_wire_req) + 4096];
    ipcfg_lx_wire_req rq;
    snprintf(wd, sizeof wd, "%s/dhcp_wire", argv[1]);
    bad |= mkdir_p(wd);
    memset(&rq, 0, sizeof rq);
    rq.type = IPCFG_LX_W_OPEN;
    rq.arg = IPCFG_LX_SOCK_UDP;
    bad |= put(wd, "open", &rq, sizeof rq);
    rq.type = IPCFG_LX_W_DONE;
    rq.arg = 0;
    bad |= put(wd, "done", &rq, sizeof rq);
    rq.type = IPCFG_LX_W_SAVE;
    rq.text_len = (uint32_t)n;
    memcpy(w, &rq, sizeof rq);
    memcpy(w + sizeof rq, text, n);
    bad |= put(wd, "save", w, sizeof rq + n);

    /* names in their wire form, the first byte choosing compression: RFC
     * 3397 §2's example list, plain names, a loop */
    char nd[900];
    static const uint8_t rfc3397[] = {1, 3, 'e', 'n', 'g', 5, 'a', 'p', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0,
                                      9, 'm', 'a', 'r', 'k', 'e', 't', 'i', 'n', 'g', 0xc0, 0x04};
    static const uint8_t plain[] = {0, 4, 'c', 'o', 'r', 'p', 2, 'e', 'x', 0, 1, 'a', 0};
    static const uint8_t loop[] = {1, 1, 'a', 0xc0, 0x04, 1, 'b', 0xc0, 0x00};
    snprintf(nd, sizeof nd, "%s/dns_name", argv[1]);
    bad |= mkdir_p(nd);
    bad |= put(nd, "rfc3397", rfc3397, sizeof rfc3397);
    bad |= put(nd, "plain", plain, sizeof plain);
    bad |= put(nd, "loop", loop, sizeof loop);

    /* option values for fuzz_dhcp_opts, the first byte choosing the
     * parser (0 search list, 1 MTU, 2 NTP, 3 captive portal, 4 FQDN) */
    static const uint8_t o_search[] = {0, 4, 'c', 'o', 'r', 'p', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0,
                                       3, 'e', 'n', 'g', 0xc0, 0x00, 3, 'l', 'a', 'b', 0xc0, 0x0e};
    static const uint8_t o_loop[] = {0, 3, 'c', 'o', 'm', 0xc0, 0x00};
    static const uint8_t o_mtu[] = {1, 0x23, 0x28};
    static const uint8_t o_ntp[] = {2, 192, 0, 2, 123, 198, 51, 100, 7};
    static const uint8_t o_portal[] = {3, 'h', 't', 't', 'p', 's', ':', '/', '/', 'p', '.', 'e', 'x', '/', 'l'};
    static const uint8_t o_fqdn[] = {4, 0x05, 0, 0, 2, 'w', 's', 4, 'c', 'o', 'r', 'p', 0};
    static const uint8_t o_fqdn_ascii[] = {4, 0x01, 0, 0, 'w', 's', '.', 'c', 'o', 'r', 'p'};
    snprintf(nd, sizeof nd, "%s/dhcp_opts", argv[1]);
    bad |= mkdir_p(nd);
    bad |= put(nd, "search", o_search, sizeof o_search);
    bad |= put(nd, "search_loop", o_loop, sizeof o_loop);
    bad |= put(nd, "mtu", o_mtu, sizeof o_mtu);
    bad |= put(nd, "ntp", o_ntp, sizeof o_ntp);
    bad |= put(nd, "portal", o_portal, sizeof o_portal);
    bad |= put(nd, "fqdn", o_fqdn, sizeof o_fqdn);
    bad |= put(nd, "fqdn_ascii", o_fqdn_ascii, sizeof o_fqdn_ascii);
    return bad ? 1 : 0;
}
