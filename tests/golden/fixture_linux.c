/* ipcfg tests — the fixed Linux model behind the Linux formatter goldens
 * (linux_*.txt, linux_*.json): DHCPv6 leases beside DHCPv4 ones, as the
 * Linux backend fills them from ipcfg's lease files.
 * SPDX-License-Identifier: MIT */
#include "fixture.h"

#include <stdio.h>
#include <string.h>

/* The host's DUID (one for every interface, as Windows has it): a
 * DUID-UUID (RFC 8415 §11.5), what ipcfg makes from the machine-id. */
static const uint8_t duid[] = {0x00, 0x04, 0x7b, 0x3e, 0x91, 0x0c, 0x55, 0xa2, 0x4f,
                               0x6b, 0x9d, 0x2e, 0x01, 0xc4, 0x88, 0xf3, 0x5a, 0x17};
/* A server's DUID-LL (§11.4) */
static const uint8_t server_duid[] = {0x00, 0x03, 0x00, 0x01, 0x52, 0x54, 0x00, 0xaa, 0x00, 0x01};

static void v6(ipcfg_ip *ip, const char *s, uint32_t scope)
{
    ipcfg_ip6_parse(s, ip);
    ip->scope_id = scope;
}

static ipcfg_addr *addr6(ipcfg_adapter *a, const char *s, unsigned prefix, int64_t valid)
{
    ipcfg_addr *ad = ipcfg_adapter_add_addr(a);
    v6(&ad->ip, s, 0);
    if (ipcfg_ip6_is_linklocal(&ad->ip))
        ad->ip.scope_id = a->ifindex; /* the kernel's zone: the interface */
    ad->prefix_len = prefix;
    ad->valid_lifetime = valid;
    return ad;
}

static void addr4(ipcfg_adapter *a, uint8_t x, uint8_t y, uint8_t z, uint8_t w, unsigned prefix)
{
    ipcfg_addr *ad = ipcfg_adapter_add_addr(a);
    ipcfg_ip4(&ad->ip, x, y, z, w);
    ad->prefix_len = prefix;
}

static void dns6(ipcfg_lease6 *ls, const char *s)
{
    ipcfg_ip ip;
    v6(&ip, s, 0);
    ipcfg_lease6_add_dns(ls, &ip);
}

static void lease6_addr(ipcfg_lease6 *ls, const char *s, int64_t preferred, int64_t valid)
{
    ipcfg_ip ip;
    v6(&ip, s, 0);
    ipcfg_lease6_add_addr(ls, &ip, preferred, valid);
}

/* An interface as the Linux backend lists it: name, index, type, driver,
 * hardware address, up with carrier. */
static ipcfg_adapter *iface(ipcfg_adapter_list *l, const char *name, uint32_t idx, const char *desc, uint8_t mac)
{
    ipcfg_adapter *a = ipcfg_adapters_push(l);
    ipcfg_adapter_set_name(l, a, name, strlen(name));
    ipcfg_adapter_set_id(l, a, name, strlen(name));
    ipcfg_adapter_set_description(l, a, desc, strlen(desc));
    a->ifindex = idx;
    a->type = IPCFG_IF_ETHERNET;
    memcpy(a->hwaddr, (const uint8_t[]){0x52, 0x54, 0x00, 0x12, 0x34, mac}, 6);
    a->hwaddr_len = 6;
    a->media_connected = 1;
    a->dhcp_enabled = IPCFG_NO;
    return a;
}

/* what ipcfg's DHCPv6 lease record gives an interface: the identity and a
 * lease held by ipcfg's engine */
static ipcfg_lease6 *lease6_of(ipcfg_adapter_list *l, ipcfg_adapter *a, uint32_t iaid, int64_t obtained)
{
    a->has_dhcpv6_iaid = 1;
    a->dhcpv6_iaid = iaid;
    ipcfg_adapter_set_dhcpv6_duid(l, a, duid, sizeof(duid));
    ipcfg_lease6 *ls = ipcfg_adapter_add_lease6(l, a);
    ls->obtained = obtained;
    ipcfg_lease6_set_server_duid(l, ls, server_duid, sizeof(server_duid));
    v6(&ls->server_address, "fe80::5054:ff:feaa:1", a->ifindex);
    snprintf(ls->client, sizeof(ls->client), "ipcfg");
    ls->kept = IPCFG_YES;
    snprintf(ls->keeper, sizeof(ls->keeper), "systemd");
    return ls;
}

static void both_leases(ipcfg_adapter_list *l)
{
    /* eth0: a DHCPv4 lease (with a domain search list) and a DHCPv6 one;
     * the kernel lists the SLAAC address before the DHCPv6 one */
    ipcfg_adapter *a = iface(l, "eth0", 2, "virtio_net", 0x56);
    ipcfg_ip ip;
    a->dhcp_enabled = IPCFG_YES;
    ipcfg_adapter_set_dns_suffix(l, a, "corp.example.com", strlen("corp.example.com"));
    addr4(a, 192, 168, 1, 20, 24);
    addr6(a, "2001:db8:1:0:5054:ff:fe12:3456", 64, 86390);
    addr6(a, "2001:db8:1::1d4", 128, 7190);
    addr6(a, "fe80::5054:ff:fe12:3456", 64, -1);
    ipcfg_ip4(&ip, 192, 168, 1, 1);
    ipcfg_adapter_add_gateway(a, &ip);
    v6(&ip, "fe80::1", 2);
    ipcfg_adapter_add_gateway(a, &ip);
    a->has_dhcp_server = 1;
    ipcfg_ip4(&a->dhcp_server, 192, 168, 1, 1);
    a->has_lease = 1;
    a->lease_obtained = 1764370000; /* 2025-11-28 22:46:40 UTC */
    a->lease_expires = 1764456400;
    snprintf(a->lease_client, sizeof(a->lease_client), "ipcfg");
    a->lease_kept = IPCFG_YES;
    snprintf(a->lease_keeper, sizeof(a->lease_keeper), "systemd");
    ipcfg_ip4(&ip, 192, 168, 1, 1);
    ipcfg_adapter_add_dns(a, &ip);
    ipcfg_adapter_add_conn_search(l, a, "corp.example.com", strlen("corp.example.com"));
    ipcfg_adapter_add_conn_search(l, a, "example.com", strlen("example.com"));
    /* the DHCPv4 lease's options /json alone shows, and the name it sent */
    ipcfg_ip4(&ip, 192, 168, 1, 1);
    ipcfg_adapter_add_ntp(a, &ip);
    ipcfg_adapter_set_fqdn_sent(l, a, "ws-042", strlen("ws-042"));
    ipcfg_lease6 *ls = lease6_of(l, a, 1107297366, 1764370012);
    lease6_addr(ls, "2001:db8:1::1d4", 1764370012 + 3600, 1764370012 + 7200);
    ls->t1 = 1764370012 + 1800;
    ls->t2 = 1764370012 + 2880;
    ls->expires = 1764370012 + 7200;
    dns6(ls, "2001:db8:1::53");
    dns6(ls, "2001:db8:1::54");
    /* option 24: one name the DHCPv4 list has (shown once), one new */
    ipcfg_lease6_add_domain(l, ls, "corp.example.com", strlen("corp.example.com"));
    ipcfg_lease6_add_domain(l, ls, "lab.example.com", strlen("lab.example.com"));
}

void fixture_linux_model(ipcfg_host *h, ipcfg_adapter_list *l)
{
    if (h) {
        memset(h, 0, sizeof(*h));
        snprintf(h->host_name, sizeof(h->host_name), "web01");
        h->ip_routing = IPCFG_NO;
        snprintf(h->search_list[0], sizeof(h->search_list[0]), "corp.example.com");
        h->n_search = 1;
    }
    ipcfg_adapter *a = ipcfg_adapters_push(l);
    ipcfg_adapter_set_name(l, a, "lo", 2);
    ipcfg_adapter_set_id(l, a, "lo", 2);
    a->ifindex = 1;
    a->type = IPCFG_IF_LOOPBACK;
    a->media_connected = 1;
    addr4(a, 127, 0, 0, 1, 8);

    both_leases(l);

    /* eth1: DHCPv6 only (a static IPv4 address), its address's lifetimes
     * infinite (RFC 8415 §7.7) */
    a = iface(l, "eth1", 3, "virtio_net", 0x57);
    addr4(a, 10, 0, 3, 5, 24);
    addr6(a, "2001:db8:2::10", 128, -1);
    addr6(a, "fe80::5054:ff:fe12:3457", 64, -1);
    ipcfg_ip ip;
    v6(&ip, "fe80::1", 3);
    ipcfg_adapter_add_gateway(a, &ip);
    ipcfg_lease6 *ls = lease6_of(l, a, 1107297367, 1764371000);
    lease6_addr(ls, "2001:db8:2::10", IPCFG_TIME_NEVER, IPCFG_TIME_NEVER);
    dns6(ls, "2001:db8:2::53");
    ipcfg_lease6_add_domain(l, ls, "example.net", strlen("example.net"));
    snprintf(ls->keeper, sizeof(ls->keeper), "ipcfg");

    /* eth2: configuration only (Information-request): a SLAAC address,
     * DNS servers and a domain from DHCPv6 */
    a = iface(l, "eth2", 4, "virtio_net", 0x58);
    addr6(a, "2001:db8:3:0:5054:ff:fe12:3458", 64, 2591990);
    addr6(a, "fe80::5054:ff:fe12:3458", 64, -1);
    v6(&ip, "fe80::1", 4);
    ipcfg_adapter_add_gateway(a, &ip);
    ls = lease6_of(l, a, 1107297368, 1764372000);
    ls->state = IPCFG_LEASE6_STATELESS;
    ls->expires = 1764372000 + 86400;
    dns6(ls, "2001:db8:3::53");
    ipcfg_lease6_add_domain(l, ls, "branch.example.org", strlen("branch.example.org"));

    /* eth3: a DHCPv6 lease that expired (no server answered): the kernel
     * removed its address; nothing of it is shown as current */
    a = iface(l, "eth3", 5, "virtio_net", 0x59);
    addr6(a, "fe80::5054:ff:fe12:3459", 64, -1);
    ls = lease6_of(l, a, 1107297369, 1764300000);
    ls->state = IPCFG_LEASE6_EXPIRED;
    lease6_addr(ls, "2001:db8:4::77", 1764300000 + 3600, 1764300000 + 7200);
    ls->t1 = 1764300000 + 1800;
    ls->t2 = 1764300000 + 2880;
    ls->expires = 1764300000 + 7200;
    ls->kept = IPCFG_NO;
    dns6(ls, "2001:db8:4::53");
    ipcfg_lease6_add_domain(l, ls, "stale.example.com", strlen("stale.example.com"));
}

static int fx_list(ipcfg_backend *b, ipcfg_host *h, ipcfg_adapter_list *out, ipcfg_error *err)
{
    (void)b;
    (void)err;
    fixture_linux_model(h, out);
    return 0;
}

int fixture_linux_backend_open(ipcfg_backend *b, ipcfg_error *err)
{
    (void)err;
    memset(b, 0, sizeof(*b));
    b->title = "Linux IP Configuration";
    b->platform = "linux";
    b->list = fx_list;
    return 0;
}
