/* ipcfg — unit tests of the Linux backend's pure pieces: mapping onto the
 * model (linkmap.c), request building (nlreq.c), and the file facts of
 * host.c, caps.c and statedir.c that need no privileges (forwarding text,
 * IPCFG_STATE_DIR, resolv.conf through IPCFG_RESOLV_CONF).  What a listing
 * shows of the lease files: test_dhcp_linux.c.
 * SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE 1
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <linux/if.h>
#include <linux/if_arp.h>

#include "netlink/linkmap.h"
#include "nlbuild.h"
#include "netlink/nlparse.h"
#include "netlink/nlreq.h"
#include "shared/caps.h"
#include "command/host.h"
#include "command/resolvconf.h"
#include "shared/statedir.h"

static ipcfg_nl_link mklink(uint16_t type, uint32_t flags, int operstate, const char *kind)
{
    ipcfg_nl_link l;
    memset(&l, 0, sizeof(l));
    l.ifindex = 5;
    l.type = type;
    l.flags = flags;
    strcpy(l.name, "eth5");
    if (operstate >= 0) {
        l.has_operstate = 1;
        l.operstate = (uint8_t)operstate;
    }
    if (kind)
        strcpy(l.kind, kind);
    return l;
}

static void test_if_type(void **state)
{
    ipcfg_nl_link l;
    (void)state;
    l = mklink(ARPHRD_LOOPBACK, IFF_LOOPBACK | IFF_UP, IF_OPER_UNKNOWN, NULL);
    assert_int_equal(ipcfg_lx_if_type(&l, 0), IPCFG_IF_LOOPBACK);
    assert_false(ipcfg_lx_needs_probe(&l));
    assert_false(ipcfg_lx_needs_driver(&l));
    l = mklink(ARPHRD_ETHER, 0, IF_OPER_DOWN, NULL);
    assert_true(ipcfg_lx_needs_probe(&l));
    assert_true(ipcfg_lx_needs_driver(&l));
    assert_int_equal(ipcfg_lx_if_type(&l, 0), IPCFG_IF_ETHERNET);
    assert_int_equal(ipcfg_lx_if_type(&l, 1), IPCFG_IF_WIRELESS);
    l = mklink(ARPHRD_ETHER, 0, IF_OPER_DOWN, "veth");
    assert_false(ipcfg_lx_needs_probe(&l));
    assert_int_equal(ipcfg_lx_if_type(&l, 1), IPCFG_IF_ETHERNET); /* a kind is never wireless */
    assert_false(ipcfg_lx_needs_driver(&l));
    l = mklink(ARPHRD_PPP, 0, -1, NULL);
    assert_int_equal(ipcfg_lx_if_type(&l, 0), IPCFG_IF_PPP);
    assert_false(ipcfg_lx_needs_probe(&l));
    assert_true(ipcfg_lx_needs_driver(&l));
    l = mklink(ARPHRD_NONE, 0, -1, "wireguard");
    assert_int_equal(ipcfg_lx_if_type(&l, 0), IPCFG_IF_TUNNEL);
    l = mklink(ARPHRD_SIT, 0, -1, NULL);
    assert_int_equal(ipcfg_lx_if_type(&l, 0), IPCFG_IF_TUNNEL);
    l = mklink(ARPHRD_IPGRE, 0, -1, "gre");
    assert_int_equal(ipcfg_lx_if_type(&l, 0), IPCFG_IF_TUNNEL);
    l = mklink(ARPHRD_IP6GRE, 0, -1, NULL);
    assert_int_equal(ipcfg_lx_if_type(&l, 0), IPCFG_IF_TUNNEL);
    l = mklink(ARPHRD_TUNNEL6, 0, -1, NULL);
    assert_int_equal(ipcfg_lx_if_type(&l, 0), IPCFG_IF_TUNNEL);
    l = mklink(ARPHRD_IEEE80211_RADIOTAP, 0, -1, NULL);
    assert_int_equal(ipcfg_lx_if_type(&l, 0), IPCFG_IF_WIRELESS);
    l = mklink(ARPHRD_INFINIBAND, 0, -1, NULL);
    assert_int_equal(ipcfg_lx_if_type(&l, 0), IPCFG_IF_UNKNOWN);
}

static void test_media(void **state)
{
    ipcfg_nl_link l;
    (void)state;
    l = mklink(ARPHRD_ETHER, IFF_UP | IFF_LOWER_UP | IFF_RUNNING, IF_OPER_UP, NULL);
    assert_true(ipcfg_lx_media_connected(&l));
    l = mklink(ARPHRD_ETHER, IFF_LOWER_UP | IFF_RUNNING, IF_OPER_UP, NULL); /* admin down */
    assert_false(ipcfg_lx_media_connected(&l));
    l = mklink(ARPHRD_ETHER, IFF_UP, IF_OPER_LOWERLAYERDOWN, NULL);
    assert_false(ipcfg_lx_media_connected(&l));
    l = mklink(ARPHRD_ETHER, IFF_UP | IFF_LOWER_UP, IF_OPER_DORMANT, NULL);
    assert_false(ipcfg_lx_media_connected(&l));
    l = mklink(ARPHRD_ETHER, IFF_UP, IF_OPER_NOTPRESENT, NULL);
    assert_false(ipcfg_lx_media_connected(&l));
    l = mklink(ARPHRD_ETHER, IFF_UP, IF_OPER_DOWN, NULL);
    assert_false(ipcfg_lx_media_connected(&l));
    l = mklink(ARPHRD_NONE, IFF_UP | IFF_LOWER_UP, IF_OPER_UNKNOWN, NULL);
    assert_true(ipcfg_lx_media_connected(&l));
    l = mklink(ARPHRD_NONE, IFF_UP | IFF_RUNNING, -1, NULL);
    assert_true(ipcfg_lx_media_connected(&l));
    l = mklink(ARPHRD_NONE, IFF_UP, IF_OPER_UNKNOWN, NULL);
    assert_false(ipcfg_lx_media_connected(&l));
}

static void test_addr_state_lifetime(void **state)
{
    (void)state;
    assert_int_equal(ipcfg_lx_addr_state(0), IPCFG_ADDR_PREFERRED);
    assert_int_equal(ipcfg_lx_addr_state(IFA_F_PERMANENT), IPCFG_ADDR_PREFERRED);
    assert_int_equal(ipcfg_lx_addr_state(IFA_F_TENTATIVE), IPCFG_ADDR_TENTATIVE);
    assert_int_equal(ipcfg_lx_addr_state(IFA_F_DEPRECATED), IPCFG_ADDR_DEPRECATED);
    assert_int_equal(ipcfg_lx_addr_state(IFA_F_TENTATIVE | IFA_F_DADFAILED), IPCFG_ADDR_DUPLICATE);
    assert_int_equal(ipcfg_lx_lifetime(0xFFFFFFFFu), -1);
    assert_int_equal(ipcfg_lx_lifetime(3600), 3600);
    assert_int_equal(ipcfg_lx_lifetime(0), 0);
}

static void test_adapter_from_link(void **state)
{
    static const uint8_t mac[6] = {0x02, 0, 0, 0, 0, 0x01}, zero[6] = {0};
    ipcfg_nl_link l;
    ipcfg_adapter a;
    ipcfg_adapter_list strs = {0}; /* a's strings */
    (void)state;

    l = mklink(ARPHRD_ETHER, IFF_UP | IFF_LOWER_UP, IF_OPER_UP, "veth");
    memcpy(l.hwaddr, mac, 6);
    l.hwaddr_len = 6;
    ipcfg_adapter_init(&a);
    ipcfg_lx_adapter_from_link(&strs, &a, &l, 0, "ignored");
    assert_string_equal(a.name, "eth5");
    assert_string_equal(a.id, "eth5");
    assert_int_equal(a.ifindex, 5);
    assert_int_equal(a.type, IPCFG_IF_ETHERNET);
    assert_string_equal(a.description, "veth");
    assert_int_equal(a.hwaddr_len, 6);
    assert_memory_equal(a.hwaddr, mac, 6);
    assert_true(a.media_connected);
    assert_false(a.media_pending);
    assert_int_equal(a.dhcp_enabled, IPCFG_NO);
    assert_int_equal(a.autoconfig_enabled, IPCFG_UNKNOWN);
    assert_int_equal(a.netbios_enabled, IPCFG_UNKNOWN);

    /* Driver as description; an all-zero address is no address; DHCP is
     * "No" until a lease file says otherwise. */
    l = mklink(ARPHRD_ETHER, 0, IF_OPER_DOWN, NULL);
    memcpy(l.hwaddr, zero, 6);
    l.hwaddr_len = 6;
    ipcfg_adapter_init(&a);
    ipcfg_lx_adapter_from_link(&strs, &a, &l, 1, "iwlwifi");
    assert_int_equal(a.type, IPCFG_IF_WIRELESS);
    assert_string_equal(a.description, "iwlwifi");
    assert_int_equal(a.hwaddr_len, 0);
    assert_false(a.media_connected);
    assert_false(a.media_pending); /* down: no carrier is coming */
    assert_int_equal(a.dhcp_enabled, IPCFG_NO);

    /* up, its carrier still negotiated: disconnected, and pending */
    l = mklink(ARPHRD_ETHER, IFF_UP, IF_OPER_DOWN, NULL);
    ipcfg_adapter_init(&a);
    ipcfg_lx_adapter_from_link(&strs, &a, &l, 0, NULL);
    assert_false(a.media_connected);
    assert_true(a.media_pending);

    /* A tunnel's IFLA_ADDRESS is an IP address, not a physical address. */
    l = mklink(ARPHRD_IPGRE, IFF_UP, IF_OPER_UNKNOWN, "gre");
    memcpy(l.hwaddr, mac, 4);
    l.hwaddr_len = 4;
    ipcfg_adapter_init(&a);
    ipcfg_lx_adapter_from_link(&strs, &a, &l, 0, NULL);
    assert_int_equal(a.type, IPCFG_IF_TUNNEL);
    assert_int_equal(a.hwaddr_len, 0);
    ipcfg_adapters_free(&strs);
}

static ipcfg_nl_addr mkaddr(uint8_t family, const uint8_t *ip, uint8_t prefix, uint32_t flags, uint32_t ifindex)
{
    ipcfg_nl_addr a;
    memset(&a, 0, sizeof(a));
    a.family = family;
    a.addr_len = family == AF_INET ? 4 : 16;
    memcpy(a.address, ip, a.addr_len);
    a.has_address = 1;
    if (family == AF_INET) {
        memcpy(a.local, ip, 4);
        a.has_local = 1;
    }
    a.prefixlen = prefix;
    a.flags = flags;
    a.ifindex = ifindex;
    return a;
}

static void test_addresses(void **state)
{
    static const uint8_t v4[4] = {192, 0, 2, 9};
    static const uint8_t peer[4] = {192, 0, 2, 1};
    static const uint8_t ll[16] = {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7};
    ipcfg_adapter a;
    ipcfg_nl_addr na;
    (void)state;

    memset(&a, 0, sizeof(a));
    na = mkaddr(AF_INET, v4, 24, IFA_F_PERMANENT, 5);
    assert_int_equal(ipcfg_lx_adapter_add_addr(&a, &na), 0);
    na = mkaddr(AF_INET6, ll, 64, IFA_F_DEPRECATED, 5);
    na.has_cacheinfo = 1;
    na.valid_lft = 120;
    assert_int_equal(ipcfg_lx_adapter_add_addr(&a, &na), 0);
    /* Point-to-point: IFA_LOCAL is ours, IFA_ADDRESS the peer. */
    na = mkaddr(AF_INET, peer, 32, 0, 5);
    memcpy(na.local, v4, 4);
    assert_int_equal(ipcfg_lx_adapter_add_addr(&a, &na), 0);
    /* Another family: ignored. */
    na = mkaddr(AF_INET, v4, 24, 0, 5);
    na.family = AF_PACKET;
    na.addr_len = 0;
    assert_int_equal(ipcfg_lx_adapter_add_addr(&a, &na), 0);

    assert_int_equal(a.n_addrs, 3);
    assert_int_equal(a.addrs[0].ip.family, IPCFG_AF_INET4);
    assert_memory_equal(a.addrs[0].ip.bytes, v4, 4);
    assert_int_equal(a.addrs[0].prefix_len, 24);
    assert_int_equal(a.addrs[0].ip.scope_id, 0);
    assert_int_equal(a.addrs[0].valid_lifetime, -1);
    assert_false(a.addrs[0].has_context);
    assert_int_equal(a.addrs[1].ip.family, IPCFG_AF_INET6);
    assert_int_equal(a.addrs[1].ip.scope_id, 5);
    assert_int_equal(a.addrs[1].state, IPCFG_ADDR_DEPRECATED);
    assert_int_equal(a.addrs[1].valid_lifetime, 120);
    assert_memory_equal(a.addrs[2].ip.bytes, v4, 4);
    ipcfg_adapter_free(&a);
}

static void test_addrrow(void **state)
{
    static const uint8_t v4[4] = {10, 1, 2, 3}, bc[4] = {10, 1, 2, 255};
    static const uint8_t v6[16] = {0x20, 1, 0xd, 0xb8};
    ipcfg_addrrow row;
    ipcfg_adapter a;
    ipcfg_nl_addr na;
    (void)state;

    ipcfg_adapter_init(&a);
    a.name = "br0";
    a.media_connected = 1;
    na = mkaddr(AF_INET, v4, 24, IFA_F_PERMANENT, 9);
    memcpy(na.broadcast, bc, 4);
    na.has_broadcast = 1;
    assert_int_equal(ipcfg_lx_addrrow(&row, &na, &a), 0);
    assert_memory_equal(row.addr.bytes, v4, 4);
    assert_int_equal(row.prefix_len, 24);
    assert_int_equal(row.broadcast.family, IPCFG_AF_INET4);
    assert_memory_equal(row.broadcast.bytes, bc, 4);
    assert_int_equal(row.ifindex, 9);
    assert_string_equal(row.ifname, "br0");
    assert_int_equal(row.flags, IPCFG_AT_PRIMARY);
    assert_int_equal(row.reasm_size, 0);

    a.media_connected = 0;
    na = mkaddr(AF_INET, v4, 24, IFA_F_SECONDARY, 9);
    assert_int_equal(ipcfg_lx_addrrow(&row, &na, &a), 0);
    assert_int_equal(row.broadcast.family, IPCFG_AF_NONE);
    assert_int_equal(row.flags, IPCFG_AT_SECONDARY | IPCFG_AT_DYNAMIC | IPCFG_AT_DISCONNECTED);
    assert_int_equal(ipcfg_lx_addrrow(&row, &na, NULL), 0);
    assert_string_equal(row.ifname, "");

    na = mkaddr(AF_INET6, v6, 64, 0, 9);
    assert_int_equal(ipcfg_lx_addrrow(&row, &na, &a), -1);
}

static void test_routes_gateways(void **state)
{
    static const uint8_t gw6[16] = {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    static const uint8_t gw4[16] = {192, 0, 2, 1};
    ipcfg_nl_route r;
    ipcfg_ip ip;
    ipcfg_adapter a;
    (void)state;

    memset(&r, 0, sizeof(r));
    r.family = AF_INET;
    r.table = RT_TABLE_MAIN;
    r.type = RTN_UNICAST;
    assert_true(ipcfg_lx_is_default_route(&r));
    r.dst_len = 8;
    assert_false(ipcfg_lx_is_default_route(&r));
    r.dst_len = 0;
    r.table = RT_TABLE_LOCAL;
    assert_false(ipcfg_lx_is_default_route(&r));
    r.table = RT_TABLE_MAIN;
    r.type = RTN_UNREACHABLE;
    assert_false(ipcfg_lx_is_default_route(&r));
    r.type = RTN_UNICAST;
    r.family = AF_INET6;
    assert_true(ipcfg_lx_is_default_route(&r));

    ipcfg_lx_gateway_ip(&ip, AF_INET6, gw6, 12);
    assert_int_equal(ip.family, IPCFG_AF_INET6);
    assert_int_equal(ip.scope_id, 12);
    ipcfg_lx_gateway_ip(&ip, AF_INET, gw4, 12);
    assert_int_equal(ip.family, IPCFG_AF_INET4);
    assert_int_equal(ip.scope_id, 0);

    memset(&a, 0, sizeof(a));
    assert_int_equal(ipcfg_lx_adapter_add_gateway_once(&a, &ip), 0);
    assert_int_equal(ipcfg_lx_adapter_add_gateway_once(&a, &ip), 0);
    assert_int_equal(a.n_gateways, 1);
    ipcfg_adapter_free(&a);

    assert_true(ipcfg_lx_ifname_path_safe("eth0"));
    assert_false(ipcfg_lx_ifname_path_safe("../x"));
    assert_false(ipcfg_lx_ifname_path_safe(".."));
    assert_false(ipcfg_lx_ifname_path_safe(""));
}

static void test_nlreq(void **state)
{
    static const uint8_t a[4] = {10, 9, 0, 5};
    static const uint8_t lo[4] = {127, 0, 0, 9};
    uint8_t bc[4];
    ipcfg_nlreq r;
    ipcfg_nl_addr na;
    struct nlmsghdr h;
    (void)state;

    assert_int_equal(ipcfg_nlreq_ip4_broadcast(a, 24, bc), 0);
    assert_int_equal(bc[3], 255);
    assert_int_equal(bc[2], 0);
    assert_int_equal(ipcfg_nlreq_ip4_broadcast(a, 30, bc), 0);
    assert_int_equal(bc[3], 7);
    assert_int_equal(ipcfg_nlreq_ip4_broadcast(a, 0, bc), 0);
    assert_int_equal(bc[0], 255);
    assert_int_equal(ipcfg_nlreq_ip4_broadcast(a, 31, bc), -1);
    assert_int_equal(ipcfg_nlreq_ip4_broadcast(a, 32, bc), -1);

    /* The privilege probe: RTM_DELADDR for index 0, no attributes, an ACK
     * asked for: past the kernel's privilege check it names nothing. */
    ipcfg_nlreq_change_probe(&r);
    memcpy(&h, r.buf, sizeof(h));
    assert_int_equal(h.nlmsg_len, r.len);
    assert_int_equal(r.len, 16 + sizeof(struct ifaddrmsg));
    assert_int_equal(h.nlmsg_type, RTM_DELADDR);
    assert_int_equal(h.nlmsg_flags, NLM_F_REQUEST | NLM_F_ACK);
    {
        struct ifaddrmsg ifa;
        memcpy(&ifa, r.buf + 16, sizeof(ifa));
        assert_int_equal(ifa.ifa_family, AF_INET);
        assert_int_equal(ifa.ifa_index, 0);
    }
    /* The nexthop dump request. */
    ipcfg_nlreq_getnexthop(&r);
    memcpy(&h, r.buf, sizeof(h));
    assert_int_equal(h.nlmsg_type, RTM_GETNEXTHOP);
    assert_int_equal(h.nlmsg_flags, NLM_F_REQUEST | NLM_F_DUMP);
    assert_int_equal(r.len, 16 + 8);

    /* The add request decodes back to what was asked for. */
    assert_int_equal(ipcfg_nlreq_addr4(&r, 0, 3, a, 24), 0);
    memcpy(&h, r.buf, sizeof(h));
    assert_int_equal(h.nlmsg_len, r.len);
    assert_int_equal(h.nlmsg_type, RTM_NEWADDR);
    assert_int_equal(h.nlmsg_flags, NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK);
    assert_int_equal(ipcfg_nl_addr_parse(r.buf + 16, r.len - 16, &na), 0);
    assert_int_equal(na.family, AF_INET);
    assert_int_equal(na.prefixlen, 24);
    assert_int_equal(na.ifindex, 3);
    assert_int_equal(na.scope, RT_SCOPE_UNIVERSE);
    assert_true(na.has_local && na.has_address && na.has_broadcast);
    assert_memory_equal(na.local, a, 4);
    assert_memory_equal(na.address, a, 4);
    assert_int_equal(na.broadcast[3], 255);

    assert_int_equal(ipcfg_nlreq_addr4(&r, 0, 3, a, 32), 0);
    assert_int_equal(ipcfg_nl_addr_parse(r.buf + 16, r.len - 16, &na), 0);
    assert_false(na.has_broadcast);
    assert_int_equal(ipcfg_nlreq_addr4(&r, 0, 1, lo, 8), 0);
    assert_int_equal(ipcfg_nl_addr_parse(r.buf + 16, r.len - 16, &na), 0);
    assert_int_equal(na.scope, RT_SCOPE_HOST);

    assert_int_equal(ipcfg_nlreq_addr4(&r, 1, 3, a, 24), 0);
    memcpy(&h, r.buf, sizeof(h));
    assert_int_equal(h.nlmsg_type, RTM_DELADDR);
    assert_int_equal(h.nlmsg_flags, NLM_F_REQUEST | NLM_F_ACK);
    assert_int_equal(ipcfg_nl_addr_parse(r.buf + 16, r.len - 16, &na), 0);
    assert_true(na.has_local);
    assert_false(na.has_address);

    assert_int_equal(ipcfg_nlreq_addr4(&r, 0, 3, a, 33), -1);
    assert_int_equal(ipcfg_nlreq_addr4(&r, 0, 0, a, 24), -1);

    /* Dump requests. */
    ipcfg_nlreq_getlink(&r);
    memcpy(&h, r.buf, sizeof(h));
    assert_int_equal(h.nlmsg_type, RTM_GETLINK);
    assert_int_equal(h.nlmsg_flags, NLM_F_REQUEST | NLM_F_DUMP);
    assert_int_equal(h.nlmsg_len, 16 + 16 + 8); /* ifinfomsg + IFLA_EXT_MASK */
    ipcfg_nlreq_getroute(&r, AF_INET6);
    memcpy(&h, r.buf, sizeof(h));
    assert_int_equal(h.nlmsg_type, RTM_GETROUTE);
    assert_int_equal(r.buf[16], AF_INET6);
    assert_int_equal(r.buf[16 + 4], RT_TABLE_MAIN);
    assert_int_equal(r.buf[16 + 7], RTN_UNICAST);
    assert_int_equal(r.buf[16 + 1], 0); /* dst_len must be 0 for strict dumps */

    /* Overflow is reported, never written past the buffer. */
    {
        uint8_t big[300] = {0};
        ipcfg_nlreq_getaddr(&r, AF_INET);
        assert_int_equal(ipcfg_nlreq_attr(&r, 1, big, sizeof(big)), -1);
        assert_true(r.overflow);
    }
}

static void test_forwarding(void **state)
{
    (void)state;
    assert_int_equal(ipcfg_lx_parse_forwarding("1\n"), IPCFG_YES);
    assert_int_equal(ipcfg_lx_parse_forwarding("0\n"), IPCFG_NO);
    assert_int_equal(ipcfg_lx_parse_forwarding("0"), IPCFG_NO);
    assert_int_equal(ipcfg_lx_parse_forwarding("2"), IPCFG_YES);
    assert_int_equal(ipcfg_lx_parse_forwarding(""), IPCFG_UNKNOWN);
    assert_int_equal(ipcfg_lx_parse_forwarding("x"), IPCFG_UNKNOWN);
    assert_int_equal(ipcfg_lx_parse_forwarding("1 2"), IPCFG_UNKNOWN);
}

static char tmpdir[64];

static void write_file(const char *dir, const char *name, const char *text)
{
    char p[256];
    FILE *f;
    snprintf(p, sizeof(p), "%s/%s", dir, name);
    f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_state_dir_and_host(void **state)
{
    ipcfg_host h;
    char p[256];
    (void)state;

    strcpy(tmpdir, "/tmp/ipcfg-lxunit-XXXXXX");
    assert_non_null(mkdtemp(tmpdir));
    write_file(tmpdir, "resolv.conf", "nameserver 10.0.0.1\nsearch a.example b.example\n");

    assert_int_equal(setenv("IPCFG_STATE_DIR", tmpdir, 1), 0);
    assert_string_equal(ipcfg_lx_state_dir(), tmpdir);
    assert_int_equal(unsetenv("IPCFG_STATE_DIR"), 0);
    assert_string_equal(ipcfg_lx_state_dir(), "/var/lib/ipcfg");

    snprintf(p, sizeof(p), "%s/resolv.conf", tmpdir);
    assert_int_equal(setenv("IPCFG_RESOLV_CONF", p, 1), 0);
    ipcfg_lx_host_fill(&h);
    assert_int_equal(h.n_search, 2);
    assert_string_equal(h.search_list[0], "a.example");
    assert_string_equal(h.search_list[1], "b.example");
    assert_string_equal(h.primary_dns_suffix, "");
    assert_string_equal(h.node_type, "");
    assert_int_equal(h.wins_proxy, IPCFG_UNKNOWN);
    {
        char hn[256] = {0};
        assert_int_equal(gethostname(hn, sizeof(hn) - 1), 0);
        assert_string_equal(h.host_name, hn);
    }
    /* Unreadable resolv.conf: empty suffix and list. */
    assert_int_equal(setenv("IPCFG_RESOLV_CONF", "/nonexistent/resolv.conf", 1), 0);
    ipcfg_lx_host_fill(&h);
    assert_int_equal(h.n_search, 0);
    assert_int_equal(unsetenv("IPCFG_RESOLV_CONF"), 0);

    {
        char buf[8];
        assert_int_equal(ipcfg_lx_read_file(p, buf, sizeof(buf)), 7); /* truncated to cap - 1 */
        assert_string_equal(buf, "nameser");
        assert_int_equal(ipcfg_lx_read_file("/nonexistent/x", buf, sizeof(buf)), -1);
    }

    snprintf(p, sizeof(p), "rm -rf '%s'", tmpdir);
    assert_int_equal(system(p), 0);
}

/* resolv.conf that is not a regular file is not read (a FIFO without a
 * writer hung /all before); one larger than the limit is read up to its
 * last complete line inside it, never showing a cut word. */
static void test_resolv_conf_file(void **state)
{
    ipcfg_host h;
    char d[64], p[256];
    (void)state;
    strcpy(d, "/tmp/ipcfg-lxunit-XXXXXX");
    assert_non_null(mkdtemp(d));

    snprintf(p, sizeof(p), "%s/fifo", d);
    assert_int_equal(mkfifo(p, 0600), 0);
    assert_int_equal(setenv("IPCFG_RESOLV_CONF", p, 1), 0);
    alarm(10); /* a hang fails the test instead of blocking ctest */
    ipcfg_lx_host_fill(&h);
    alarm(0);
    assert_int_equal(h.n_search, 0);
    {
        char buf[8];
        assert_int_equal(ipcfg_lx_read_file(p, buf, sizeof(buf)), -1);
        assert_int_equal(ipcfg_lx_read_file(d, buf, sizeof(buf)), -1); /* a directory */
    }

    /* "search example.com" straddling the 256 KiB limit */
    static const char line[] = "search example.com\n";
    size_t pad = IPCFG_RESOLV_CONF_MAX - 10;
    snprintf(p, sizeof(p), "%s/big", d);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs("search first.example\n", f);
    for (size_t i = strlen("search first.example\n"); i < pad - 1; i++)
        fputc('#', f);
    fputc('\n', f);
    fputs(line, f);
    fclose(f);
    assert_int_equal(setenv("IPCFG_RESOLV_CONF", p, 1), 0);
    ipcfg_lx_host_fill(&h);
    assert_int_equal(h.n_search, 1);
    assert_string_equal(h.search_list[0], "first.example");

    /* exactly at the limit: read whole */
    f = fopen(p, "w");
    assert_non_null(f);
    for (size_t i = 0; i < IPCFG_RESOLV_CONF_MAX - strlen(line) - 1; i++)
        fputc('#', f);
    fputc('\n', f);
    fputs(line, f);
    fclose(f);
    ipcfg_lx_host_fill(&h);
    assert_int_equal(h.n_search, 1);
    assert_string_equal(h.search_list[0], "example.com");
    assert_int_equal(unsetenv("IPCFG_RESOLV_CONF"), 0);

    snprintf(p, sizeof(p), "rm -rf '%s'", d);
    assert_int_equal(system(p), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_if_type),
        cmocka_unit_test(test_media),
        cmocka_unit_test(test_addr_state_lifetime),
        cmocka_unit_test(test_adapter_from_link),
        cmocka_unit_test(test_addresses),
        cmocka_unit_test(test_addrrow),
        cmocka_unit_test(test_routes_gateways),
        cmocka_unit_test(test_nlreq),
        cmocka_unit_test(test_forwarding),
        cmocka_unit_test(test_state_dir_and_host),
        cmocka_unit_test(test_resolv_conf_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
