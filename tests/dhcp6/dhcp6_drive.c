/* ipcfg — a test driver for the DHCPv6 library against a real server: the
 * state machine of src/dhcp6 behind a plain UDP socket on one interface,
 * with the DUID file and the lease file in a directory.  Not the product's
 * backend (that is the Linux backend's engine): nothing is installed in
 * the kernel; apply, unapply and DAD are printed.  For the interoperation
 * test (test_dhcp6_dnsmasq.sh) and for capturing a server's answers as
 * fuzz seeds.
 *
 *     dhcp6_drive IFNAME DIR OP [TIMEOUT_MS]
 *
 * OP: renew, release, confirm or inform.  DIR/duid is made (DUID-LLT of
 * the interface's address) when missing; DIR/lease6 is read at the start
 * (its configuration taken as applied) and written by io.save.  Prints
 * one line per effect and, last, "status N outcome O: TEXT"; exits with
 * the status.  With DHCP6_CAPTURE=FILE, every message received is
 * appended to FILE as a line of hex.
 * SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE 1
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "dhcp6_client.h"
#include "dhcp6_duid.h"

static int sock = -1;
static unsigned ifindex;
static char lease_path[900];

static void now_get(ipcfg_dhcp6_now *n)
{
    struct timespec m, w;
    clock_gettime(CLOCK_MONOTONIC, &m);
    clock_gettime(CLOCK_REALTIME, &w);
    n->mono_ms = (int64_t)m.tv_sec * 1000 + m.tv_nsec / 1000000;
    n->wall_s = (int64_t)w.tv_sec;
}

static void print_addrs(const char *what, const ipcfg_dhcp6_lease *l)
{
    char t[INET6_ADDRSTRLEN];
    printf("%s", what);
    for (unsigned i = 0; i < l->n_addrs; i++)
        printf(" %s", inet_ntop(AF_INET6, l->addrs[i].addr, t, sizeof(t)));
    printf("\n");
}

static int d_send(void *ctx, const uint8_t *msg, size_t len)
{
    struct sockaddr_in6 to;
    (void)ctx;
    memset(&to, 0, sizeof(to));
    to.sin6_family = AF_INET6;
    to.sin6_port = htons(IPCFG_DHCP6_SERVER_PORT);
    memcpy(&to.sin6_addr, ipcfg_dhcp6_all_servers, 16);
    to.sin6_scope_id = ifindex;
    printf("send type %u\n", msg[0]);
    return sendto(sock, msg, len, 0, (struct sockaddr *)&to, sizeof(to)) == (ssize_t)len ? 0 : -1;
}

static int d_apply(void *ctx, const ipcfg_dhcp6_lease *l, const ipcfg_dhcp6_lease *old, ipcfg_error *err)
{
    (void)ctx, (void)old, (void)err;
    print_addrs("apply", l);
    return 0;
}

static int d_unapply(void *ctx, const ipcfg_dhcp6_lease *l, ipcfg_error *err)
{
    (void)ctx, (void)err;
    print_addrs("unapply", l);
    return 0;
}

static int d_save(void *ctx, const ipcfg_dhcp6_lease *l, ipcfg_error *err)
{
    static char text[8192];
    (void)ctx;
    size_t n = ipcfg_dhcp6_lease_format(l, text, sizeof(text));
    FILE *f = n ? fopen(lease_path, "w") : NULL;
    if (f == NULL || fwrite(text, 1, n, f) != n || fclose(f) != 0) {
        ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "cannot write %s", lease_path);
        return -1;
    }
    static const char *const states[] = {"", "bound", "released", "stateless"};
    printf("save %s\n", states[l->state]);
    return 0;
}

static uint32_t d_random(void *ctx)
{
    uint32_t r = 0;
    FILE *f = fopen("/dev/urandom", "rb");
    (void)ctx;
    if (f == NULL || fread(&r, sizeof(r), 1, f) != 1)
        r = (uint32_t)rand();
    if (f)
        fclose(f);
    return r;
}

/* The DUID file, made from the interface's address when missing. */
static int load_duid(const char *dir, const char *ifname, ipcfg_dhcp6_config *cfg)
{
    char path[900], text[512], why[160], mac[64];
    uint8_t hw[16];
    unsigned v[16];
    size_t n;

    snprintf(path, sizeof(path), "%s/duid", dir);
    FILE *f = fopen(path, "r");
    if (f != NULL) {
        n = fread(text, 1, sizeof(text), f);
        fclose(f);
        if (ipcfg_dhcp6_duid_parse(text, n, cfg->duid, &cfg->duid_len, why, sizeof(why)) != 0) {
            fprintf(stderr, "%s: %s\n", path, why);
            return -1;
        }
        return 0;
    }
    snprintf(path, sizeof(path), "/sys/class/net/%s/address", ifname);
    f = fopen(path, "r");
    if (f == NULL)
        return -1;
    char *got = fgets(mac, sizeof(mac), f);
    fclose(f);
    if (got == NULL || sscanf(mac, "%x:%x:%x:%x:%x:%x", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]) != 6)
        return -1;
    for (int i = 0; i < 6; i++)
        hw[i] = (uint8_t)v[i];
    ipcfg_dhcp6_now now;
    now_get(&now);
    cfg->duid_len = (uint8_t)ipcfg_dhcp6_duid_llt(1, hw, 6, now.wall_s, cfg->duid, sizeof(cfg->duid));
    n = ipcfg_dhcp6_duid_format(cfg->duid, cfg->duid_len, text, sizeof(text));
    snprintf(path, sizeof(path), "%s/duid", dir);
    f = fopen(path, "w");
    return f && fwrite(text, 1, n, f) == n && fclose(f) == 0 ? 0 : -1;
}

static int open_socket(const char *ifname)
{
    struct sockaddr_in6 me;
    int one = 1, zero = 0;

    sock = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (sock < 0 || setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
        setsockopt(sock, SOL_SOCKET, SO_BINDTODEVICE, ifname, (socklen_t)strlen(ifname)) != 0 ||
        setsockopt(sock, IPPROTO_IPV6, IPV6_MULTICAST_IF, &ifindex, sizeof(ifindex)) != 0 ||
        setsockopt(sock, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &zero, sizeof(zero)) != 0)
        return -1;
    memset(&me, 0, sizeof(me));
    me.sin6_family = AF_INET6;
    me.sin6_port = htons(IPCFG_DHCP6_CLIENT_PORT);
    return bind(sock, (struct sockaddr *)&me, sizeof(me));
}

static void capture(const uint8_t *b, size_t n)
{
    const char *path = getenv("DHCP6_CAPTURE");
    FILE *f = path ? fopen(path, "a") : NULL;
    if (f == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%02x", b[i]);
    fprintf(f, "\n");
    fclose(f);
}

/* Runs the client until it is done. */
static void run(ipcfg_dhcp6_client *c)
{
    static uint8_t b[65536];
    ipcfg_dhcp6_now now;

    for (now_get(&now); !ipcfg_dhcp6_client_done(c, NULL); now_get(&now)) {
        int64_t w = ipcfg_dhcp6_client_next_wakeup(c) - now.mono_ms;
        struct pollfd p = {sock, POLLIN, 0};
        if (poll(&p, 1, w < 0 ? 0 : w > 1000 ? 1000 : (int)w) > 0) {
            struct sockaddr_in6 from;
            socklen_t fl = sizeof(from);
            ssize_t n = recvfrom(sock, b, sizeof(b), 0, (struct sockaddr *)&from, &fl);
            if (n < 0)
                continue;
            capture(b, (size_t)n);
            const char *why = NULL;
            now_get(&now);
            if (ipcfg_dhcp6_client_receive(c, &now, b, (size_t)n, from.sin6_addr.s6_addr, &why) != 0)
                printf("ignored: %s\n", why);
            continue;
        }
        now_get(&now);
        if (now.mono_ms >= ipcfg_dhcp6_client_next_wakeup(c))
            ipcfg_dhcp6_client_timer(c, &now);
    }
}

int main(int argc, char **argv)
{
    static const char *const ops[] = {"", "renew", "release", "confirm", "inform"};
    static const char *const outcomes[] = {"none", "bound", "stateless", "kept", "released", "declined"};
    static ipcfg_dhcp6_client c;
    static char text[8192];
    ipcfg_dhcp6_config cfg;
    ipcfg_dhcp6_io io;
    ipcfg_dhcp6_lease rec;
    ipcfg_dhcp6_now now;
    int op = 0, have = 0;

    setvbuf(stdout, NULL, _IOLBF, 0);
    for (int i = 1; argc >= 4 && i < 5; i++)
        if (strcmp(argv[3], ops[i]) == 0)
            op = i;
    if (op == 0 || (ifindex = if_nametoindex(argv[1])) == 0) {
        fprintf(stderr, "usage: %s IFNAME DIR renew|release|confirm|inform [TIMEOUT_MS]\n", argv[0]);
        return 1;
    }
    memset(&cfg, 0, sizeof(cfg));
    snprintf(cfg.ifname, sizeof(cfg.ifname), "%s", argv[1]);
    cfg.iaid = ipcfg_dhcp6_iaid_from_name(argv[1]); /* a veth has no permanent address */
    if (load_duid(argv[2], argv[1], &cfg) != 0 || open_socket(argv[1]) != 0) {
        perror(argv[1]);
        return 3;
    }
    snprintf(lease_path, sizeof(lease_path), "%s/lease6", argv[2]);
    FILE *f = fopen(lease_path, "r");
    if (f != NULL) {
        size_t n = fread(text, 1, sizeof(text), f);
        char why[160];
        fclose(f);
        have = ipcfg_dhcp6_lease_parse(text, n, &rec, why, sizeof(why)) == 0;
        if (!have)
            fprintf(stderr, "%s: %s\n", lease_path, why);
    }
    memset(&io, 0, sizeof(io));
    io.send = d_send;
    io.apply = d_apply;
    io.unapply = d_unapply;
    io.save = d_save;
    io.random = d_random;
    ipcfg_dhcp6_client_init(&c, &cfg, &io);
    now_get(&now);
    ipcfg_dhcp6_client_start(&c, (ipcfg_dhcp6_op)op, have ? &rec : NULL, have, &now,
                             now.mono_ms + (argc > 4 ? atoll(argv[4]) : 10000));
    run(&c);
    ipcfg_error e;
    ipcfg_dhcp6_client_done(&c, &e);
    if (ipcfg_dhcp6_client_note(&c)[0])
        printf("note: %s\n", ipcfg_dhcp6_client_note(&c));
    printf("status %d outcome %s: %s\n", (int)e.status, outcomes[ipcfg_dhcp6_client_outcome(&c)], e.text);
    return (int)e.status;
}
