/* ipcfg — writes the DHCPv6 fuzzers' seed corpus: server answers built
 * with the unit tests' builder (tests/dhcp6/dhcp6_testutil.h) for
 * fuzz_dhcp6_msg, the same behind each state's control octet for
 * fuzz_dhcp6_client, lease files for fuzz_dhcp6_lease, DUID files and a
 * machine-id for fuzz_dhcp6_duid.
 * Usage: fuzz_seedgen_dhcp6 OUTDIR [CAPTURED.hex]  (creates
 * OUTDIR/dhcp6_msg, OUTDIR/dhcp6_client, OUTDIR/dhcp6_lease and
 * OUTDIR/dhcp6_duid; the source tree is never written).  CAPTURED.hex
 * (tests/fuzz/seeds-dhcp6/dnsmasq.hex, written by
 * tests/dhcp6/test_dhcp6_dnsmasq.sh with DHCP6_SEEDS_OUT) holds real
 * dnsmasq answers, one line of hex each: each becomes a dhcp6_msg seed as
 * captured, and client seeds with its transaction id and client DUID set
 * to the fuzz target's, in the states that take any server.
 * SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE 1
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "dhcp6_duid.h"
#include "dhcp6_lease.h"
#include "fuzz_dhcp6_common.h"

static char dir_msg[900], dir_client[900], dir_lease[900], dir_duid[900];

static int put(const char *dir, const char *name, const void *p, size_t n)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (f == NULL || fwrite(p, 1, n, f) != n || fclose(f) != 0) {
        perror(path);
        return -1;
    }
    return 0;
}

/* The answer as a msg seed, and as a client seed for each control octet
 * in ctls (the answer behind its two-octet length, twice: a
 * retransmission's answer may come again). */
static int emit(const char *name, const tsrv6 *s, const uint8_t *ctls, size_t n_ctls)
{
    static uint8_t b[70000], c[140010];
    char nm[160];
    size_t n = tsrv6_build(s, b, sizeof(b));
    int bad = n == 0 || put(dir_msg, name, b, n);

    for (size_t i = 0; i < n_ctls && n > 0; i++) {
        c[0] = ctls[i];
        c[1] = (uint8_t)(n >> 8);
        c[2] = (uint8_t)n;
        memcpy(c + 3, b, n);
        memcpy(c + 3 + n, c + 1, n + 2);
        snprintf(nm, sizeof(nm), "%s-%02x", name, ctls[i]);
        bad |= put(dir_client, nm, c, 1 + 2 * (n + 2));
    }
    return bad;
}

/* control octets: 0 Solicit, 1 after the first RT, 2 Request, 3 Renew, 4
 * Rebind, 5 Confirm, 6 Information-request, 7 Release, 8 Decline; 0x10 DAD,
 * 0x20 it fails, 0x40 saving fails, 0x80 the source known */
static const uint8_t SOLICIT[] = {0x00, 0x01, 0x81};
static const uint8_t REPLYING[] = {0x02, 0x03, 0x04, 0x12, 0x32, 0x42, 0x83, 0x94, 0xb2};
static const uint8_t ENDING[] = {0x05, 0x06, 0x07, 0x08, 0x85, 0xc6};

static int answers(void)
{
    uint32_t x = FUZZ6_XID & 0xffffff;
    tsrv6 s;
    int bad = 0;

    tsrv6_default(&s, IPCFG_DHCP6_ADVERTISE, x);
    bad |= emit("advertise", &s, SOLICIT, sizeof(SOLICIT));
    s.has_pref = 1;
    s.pref = 255;
    s.has_sol_max_rt = 1;
    s.sol_max_rt = 120;
    bad |= emit("advertise-255", &s, SOLICIT, sizeof(SOLICIT));
    tsrv6_default(&s, IPCFG_DHCP6_ADVERTISE, x);
    s.no_ia = 1;
    s.has_status = 1;
    s.status = IPCFG_DHCP6_ST_NOADDRSAVAIL;
    s.status_text = "no addresses available";
    bad |= emit("advertise-noaddrs", &s, SOLICIT, sizeof(SOLICIT));

    tsrv6_default(&s, IPCFG_DHCP6_REPLY, x);
    bad |= emit("reply", &s, REPLYING, sizeof(REPLYING));
    s.n_addrs = 2;
    s.addrs[1] = s.addrs[0];
    memcpy(s.addrs[1].addr, T6_ADDR2, 16);
    s.addrs[1].valid = 0;
    s.addrs[1].preferred = 0;
    s.n_dns = 9;
    s.domains[0] = "example.com";
    s.domains[1] = "x$(id).example";
    s.n_domains = 2;
    s.t1 = 4000;
    bad |= emit("reply-full", &s, REPLYING, sizeof(REPLYING));
    static const uint16_t statuses[] = {IPCFG_DHCP6_ST_NOBINDING, IPCFG_DHCP6_ST_NOTONLINK, IPCFG_DHCP6_ST_NOADDRSAVAIL,
                                        IPCFG_DHCP6_ST_UNSPECFAIL};
    for (unsigned i = 0; i < 4; i++) {
        char nm[32];
        tsrv6_default(&s, IPCFG_DHCP6_REPLY, x);
        s.n_addrs = 0;
        s.has_ia_status = 1;
        s.ia_status = statuses[i];
        snprintf(nm, sizeof(nm), "reply-status-%u", statuses[i]);
        bad |= emit(nm, &s, REPLYING, sizeof(REPLYING));
    }
    tsrv6_default(&s, IPCFG_DHCP6_REPLY, x);
    s.dns_extra = 1;
    bad |= emit("reply-dns17", &s, REPLYING, sizeof(REPLYING));
    tsrv6_default(&s, IPCFG_DHCP6_REPLY, x);
    s.no_ia = 1;
    s.has_refresh = s.has_inf_max_rt = 1;
    s.refresh = 3600;
    s.inf_max_rt = 600;
    s.domains[0] = "corp.example.com";
    s.n_domains = 1;
    bad |= emit("reply-inform", &s, ENDING, sizeof(ENDING));
    s.has_status = 1;
    s.status = IPCFG_DHCP6_ST_NOTONLINK;
    bad |= emit("reply-notonlink", &s, ENDING, sizeof(ENDING));
    return bad;
}

/* The captured answers (see the head comment). */
static int captured(const char *path)
{
    static const uint8_t any_server[] = {0x00, 0x01, 0x04, 0x05, 0x06};
    static char line[140000];
    static uint8_t m[70000], c[140010];
    FILE *f = fopen(path, "r");
    int bad = 0, k = 0;

    if (f == NULL) {
        perror(path);
        return -1;
    }
    while (fgets(line, sizeof(line), f) != NULL) {
        size_t n = 0;
        unsigned v;
        char nm[64];
        for (const char *h = line; n < sizeof(m) && sscanf(h, "%2x", &v) == 1; h += 2)
            m[n++] = (uint8_t)v;
        if (n < IPCFG_DHCP6_HDR_LEN)
            continue;
        snprintf(nm, sizeof(nm), "dnsmasq-%02d", k++);
        bad |= put(dir_msg, nm, m, n);
        m[1] = (uint8_t)(FUZZ6_XID >> 16), m[2] = (uint8_t)(FUZZ6_XID >> 8), m[3] = (uint8_t)FUZZ6_XID;
        for (size_t i = IPCFG_DHCP6_HDR_LEN; i + 4 <= n;) { /* the client identifier: this client's */
            size_t ol = (size_t)m[i + 2] << 8 | m[i + 3];
            if (m[i] == 0 && m[i + 1] == IPCFG_DHCP6_OPT_CLIENTID && ol == sizeof(T6_DUID) && i + 4 + ol <= n)
                memcpy(m + i + 4, T6_DUID, ol);
            i += 4 + ol;
        }
        for (size_t s = 0; s < sizeof(any_server); s++) {
            c[0] = any_server[s];
            c[1] = (uint8_t)(n >> 8);
            c[2] = (uint8_t)n;
            memcpy(c + 3, m, n);
            snprintf(nm, sizeof(nm), "dnsmasq-%02d-%02x", k - 1, any_server[s]);
            bad |= put(dir_client, nm, c, 3 + n);
        }
    }
    fclose(f);
    return k > 0 ? bad : -1;
}

static int leases(void)
{
    static char text[8192];
    ipcfg_dhcp6_lease l;
    int bad = 0;

    fuzz6_lease(&l, 1764370000);
    memcpy(l.domains[0], "example.com", 12);
    l.n_domains = 1;
    size_t n = ipcfg_dhcp6_lease_format(&l, text, sizeof(text));
    bad |= n == 0 || put(dir_lease, "bound", text, n);
    l.addrs[1] = l.addrs[0];
    l.addrs[1].addr[15] = 0x99;
    l.addrs[1].preferred = l.addrs[1].valid = IPCFG_DHCP6_INFINITE;
    l.n_addrs = 2;
    l.t1 = l.t2 = IPCFG_DHCP6_INFINITE;
    n = ipcfg_dhcp6_lease_format(&l, text, sizeof(text));
    bad |= n == 0 || put(dir_lease, "infinite", text, n);
    l.state = IPCFG_DHCP6_LEASE_STATELESS;
    memset(l.addrs, 0, sizeof(l.addrs));
    l.n_addrs = 0;
    l.t1 = l.t2 = 0;
    l.refresh = 86400;
    n = ipcfg_dhcp6_lease_format(&l, text, sizeof(text));
    bad |= n == 0 || put(dir_lease, "stateless", text, n);
    memset(&l, 0, sizeof(l));
    l.state = IPCFG_DHCP6_LEASE_RELEASED;
    memcpy(l.ifname, "wlan0", 6);
    memcpy(l.client_duid, T6_DUID, sizeof(T6_DUID));
    l.client_duid_len = sizeof(T6_DUID);
    n = ipcfg_dhcp6_lease_format(&l, text, sizeof(text));
    bad |= n == 0 || put(dir_lease, "released", text, n);
    return bad;
}

static int duids(void)
{
    static const uint8_t mac[6] = {0x1c, 0xd3, 0x05, 0xf1, 0x58, 0xe1};
    static const char mid[] = "4f0c8a1e2b3d4c5e8f9a0b1c2d3e4f50\n";
    uint8_t d[130], uuid[16];
    char text[512];
    int bad = 0;

    size_t n = ipcfg_dhcp6_duid_llt(1, mac, sizeof(mac), 1652754065, d, sizeof(d));
    n = ipcfg_dhcp6_duid_format(d, n, text, sizeof(text));
    bad |= n == 0 || put(dir_duid, "llt", text, n);
    bad |= ipcfg_dhcp6_uuid_from_machine_id(mid, strlen(mid), uuid);
    n = ipcfg_dhcp6_duid_uuid(uuid, d, sizeof(d));
    n = ipcfg_dhcp6_duid_format(d, n, text, sizeof(text));
    bad |= n == 0 || put(dir_duid, "uuid", text, n);
    bad |= put(dir_duid, "machine-id", mid, strlen(mid));
    return bad;
}

static int mkdir_p(const char *d)
{
    return mkdir(d, 0755) == 0 || errno == EEXIST ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: %s OUTDIR [CAPTURED.hex]\n", argv[0]);
        return 2;
    }
    snprintf(dir_msg, sizeof(dir_msg), "%s/dhcp6_msg", argv[1]);
    snprintf(dir_client, sizeof(dir_client), "%s/dhcp6_client", argv[1]);
    snprintf(dir_lease, sizeof(dir_lease), "%s/dhcp6_lease", argv[1]);
    snprintf(dir_duid, sizeof(dir_duid), "%s/dhcp6_duid", argv[1]);
    if (mkdir_p(argv[1]) || mkdir_p(dir_msg) || mkdir_p(dir_client) || mkdir_p(dir_lease) || mkdir_p(dir_duid)) {
        perror(argv[1]);
        return 1;
    }
    return answers() | leases() | duids() | (argc == 3 ? captured(argv[2]) : 0) ? 1 : 0;
}
