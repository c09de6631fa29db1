/* ipcfg tests — the fixed model behind the formatter goldens.
 * SPDX-License-Identifier: MIT */
#include "fixture.h"

#include <stdio.h>
#include <string.h>

static void v6(ipcfg_ip *ip, const char *s, uint32_t scope)
{
    ipcfg_ip6_parse(s, ip);
    ip->scope_id = scope;
}

void fixture_model(ipcfg_host *h, ipcfg_adapter_list *l)
{
    ipcfg_adapter *a;
    ipcfg_addr *ad;
    ipcfg_ip ip;

    if (h) {
        memset(h, 0, sizeof(*h));
        snprintf(h->host_name, sizeof(h->host_name), "WORKSTATION-7");
        snprintf(h->primary_dns_suffix, sizeof(h->primary_dns_suffix), "corp.example.com");
        snprintf(h->node_type, sizeof(h->node_type), "Hybrid");
        h->ip_routing = IPCFG_NO;
        h->wins_proxy = IPCFG_NO;
        snprintf(h->search_list[0], sizeof(h->search_list[0]), "corp.example.com");
        snprintf(h->search_list[1], sizeof(h->search_list[1]), "example.com");
        h->n_search = 2;
    }

    /* A DHCP Ethernet adapter with everything known. */
    a = ipcfg_adapters_push(l);
    ipcfg_adapter_set_name(l, a, "Ethernet 2", strlen("Ethernet 2"));
    ipcfg_adapter_set_id(l, a, "{4E1F3A52-0C3B-4B7E-9A57-1D2C3B4A5F60}", strlen("{4E1F3A52-0C3B-4B7E-9A57-1D2C3B4A5F60}"));
    a->ifindex = 2;
    a->type = IPCFG_IF_ETHERNET;
    ipcfg_adapter_set_description(l, a, "Intel(R) Ethernet Connection I219-LM", strlen("Intel(R) Ethernet Connection I219-LM"));
    memcpy(a->hwaddr, "\xD0\x50\x99\x07\x6F\xA9", 6);
    a->hwaddr_len = 6;
    a->media_connected = 1;
    a->dhcp_enabled = IPCFG_YES;
    a->autoconfig_enabled = IPCFG_YES;
    a->netbios_enabled = IPCFG_YES;
    ipcfg_adapter_set_dns_suffix(l, a, "corp.example.com", strlen("corp.example.com"));
    ad = ipcfg_adapter_add_addr(a);
    v6(&ad->ip, "fe80::a9e4:9368:508d:c45c", 2);
    ad->prefix_len = 64;
    ad = ipcfg_adapter_add_addr(a);
    v6(&ad->ip, "2001:db8:0:0:1:0:0:5", 0);
    ad->prefix_len = 64;
    ad->state = IPCFG_ADDR_DEPRECATED;
    ad->valid_lifetime = 86400;
    ad = ipcfg_adapter_add_addr(a);
    ipcfg_ip4(&ad->ip, 10, 1, 23, 175);
    ad->prefix_len = 16;
    ad->has_context = 1;
    ad->context = 5;
    ad = ipcfg_adapter_add_addr(a);
    ipcfg_ip4(&ad->ip, 10, 1, 23, 176);
    ad->prefix_len = 24;
    ad->has_context = 1;
    ad->context = 6;
    ipcfg_ip4(&ip, 10, 1, 1, 100);
    ipcfg_adapter_add_gateway(a, &ip);
    v6(&ip, "fe80::1", 2);
    ipcfg_adapter_add_gateway(a, &ip);
    a->has_dhcp_server = 1;
    ipcfg_ip4(&a->dhcp_server, 172, 16, 99, 2);
    a->has_lease = 1;
    a->lease_obtained = 1474265496; /* 2016-09-19 06:11:36 UTC */
    a->lease_expires = 1474632354;  /* 2016-09-23 12:05:54 UTC */
    ipcfg_ip4(&ip, 198, 206, 243, 21);
    ipcfg_adapter_add_dns(a, &ip);
    ipcfg_ip4(&ip, 198, 206, 243, 28);
    ipcfg_adapter_add_dns(a, &ip);
    /* the further /all fields: a temporary IPv6 address, DHCPv6, WINS and
     * a per-adapter suffix search list */
    ad = ipcfg_adapter_add_addr(a);
    v6(&ad->ip, "2001:db8::8d1c:3b2:4e1f:9a11", 0);
    ad->prefix_len = 128;
    ad->temporary = 1;
    ad->valid_lifetime = 604800;
    a->has_dhcpv6_iaid = 1;
    a->dhcpv6_iaid = 351866565;
    ipcfg_adapter_set_dhcpv6_duid(l, a, (const uint8_t *)"\x00\x01\x00\x01\x2A\x15\xC3\x11\x1C\xD3\x05\xF1\x58\xE1", 14);
    /* three WINS servers: the third on a continuation line */
    for (int k = 5; k <= 7; k++) {
        ipcfg_ip w;
        ipcfg_ip4(&w, 10, 0, 0, (uint8_t)k);
        ipcfg_adapter_add_wins(a, &w);
    }
    ipcfg_adapter_add_conn_search(l, a, "corp.example.com", strlen("corp.example.com"));
    ipcfg_adapter_add_conn_search(l, a, "lab.example.com", strlen("lab.example.com"));
    /* the DHCPv4 options /json alone shows */
    ipcfg_ip4(&ip, 10, 0, 0, 123);
    ipcfg_adapter_add_ntp(a, &ip);
    ipcfg_ip4(&ip, 10, 0, 1, 123);
    ipcfg_adapter_add_ntp(a, &ip);
    a->dhcp_mtu = 9000;
    ipcfg_adapter_set_captive_portal(l, a, "https://portal.corp.example.com/", strlen("https://portal.corp.example.com/"));
    ipcfg_adapter_set_fqdn_sent(l, a, "ws-042.corp.example.com", strlen("ws-042.corp.example.com"));

    /* A disconnected wireless adapter with a non-ASCII name. */
    a = ipcfg_adapters_push(l);
    ipcfg_adapter_set_name(l, a, "Wi-Fi Caf\xc3\xa9 \xe2\x9c\x93", strlen("Wi-Fi Caf\xc3\xa9 \xe2\x9c\x93"));
    ipcfg_adapter_set_id(l, a, "{9B0C5D1E-2F3A-4B5C-8D6E-7F8091A2B3C4}", strlen("{9B0C5D1E-2F3A-4B5C-8D6E-7F8091A2B3C4}"));
    a->ifindex = 7;
    a->type = IPCFG_IF_WIRELESS;
    ipcfg_adapter_set_description(l, a, "Wireless \"AX201\" 160MHz", strlen("Wireless \"AX201\" 160MHz"));
    memcpy(a->hwaddr, "\x3C\x9C\x0F\x12\x34\x56", 6);
    a->hwaddr_len = 6;
    a->media_connected = 0;
    a->dhcp_enabled = IPCFG_YES;
    a->autoconfig_enabled = IPCFG_YES;

    /* Loopback: never listed. */
    a = ipcfg_adapters_push(l);
    ipcfg_adapter_set_name(l, a, "Loopback Pseudo-Interface 1", strlen("Loopback Pseudo-Interface 1"));
    ipcfg_adapter_set_id(l, a, "{00000000-0000-0000-0000-000000000001}", strlen("{00000000-0000-0000-0000-000000000001}"));
    a->ifindex = 1;
    a->type = IPCFG_IF_LOOPBACK;
    a->media_connected = 1;
    ad = ipcfg_adapter_add_addr(a);
    ipcfg_ip4(&ad->ip, 127, 0, 0, 1);
    ad->prefix_len = 8;

    /* A static tunnel with no description, no hardware address, no gateway. */
    a = ipcfg_adapters_push(l);
    ipcfg_adapter_set_name(l, a, "Local Area Connection* 3", strlen("Local Area Connection* 3"));
    ipcfg_adapter_set_id(l, a, "{C0FFEE00-1234-5678-9ABC-DEF012345678}", strlen("{C0FFEE00-1234-5678-9ABC-DEF012345678}"));
    a->ifindex = 12;
    a->type = IPCFG_IF_TUNNEL;
    a->media_connected = 1;
    a->dhcp_enabled = IPCFG_NO;
    ad = ipcfg_adapter_add_addr(a);
    ipcfg_ip4(&ad->ip, 192, 168, 50, 1);
    ad->prefix_len = 24;

    /* An adapter of a type ipconfig calls Unknown, with an 8-byte hardware
     * address and an APIPA address (formatter input only). */
    a = ipcfg_adapters_push(l);
    ipcfg_adapter_set_name(l, a, "VPN", strlen("VPN"));
    ipcfg_adapter_set_id(l, a, "{5A5A5A5A-0000-4000-8000-000000000009}", strlen("{5A5A5A5A-0000-4000-8000-000000000009}"));
    a->ifindex = 9;
    a->type = IPCFG_IF_UNKNOWN;
    ipcfg_adapter_set_description(l, a, "Virtual Adapter", strlen("Virtual Adapter"));
    memcpy(a->hwaddr, "\x00\x00\x00\x00\x00\x00\x00\xE0", 8);
    a->hwaddr_len = 8;
    a->media_connected = 1;
    a->dhcp_enabled = IPCFG_NO; /* static: the release/renew unit tests leave it alone */
    a->autoconfig_enabled = IPCFG_YES;
    ad = ipcfg_adapter_add_addr(a);
    ipcfg_ip4(&ad->ip, 169, 254, 12, 7);
    ad->prefix_len = 16;
    ad->autoconfigured = 1;
}

static void row(ipcfg_addrtable *t, uint8_t a, uint8_t b, uint8_t c, uint8_t d, unsigned prefix, uint32_t idx,
                const char *name, unsigned flags, int bcast)
{
    ipcfg_addrrow *r = ipcfg_addrtable_push(t);
    ipcfg_ip4(&r->addr, a, b, c, d);
    r->prefix_len = prefix;
    r->ifindex = idx;
    ipcfg_addrtable_set_ifname(t, r, name, strlen(name));
    r->flags = flags;
    if (bcast)
        ipcfg_ip4(&r->broadcast, 255, 255, 255, 255);
    r->reasm_size = bcast ? 65535 : 0;
}

void fixture_addrtable(ipcfg_addrtable *t)
{
    row(t, 192, 168, 50, 1, 24, 12, "Local Area Connection* 3", IPCFG_AT_PRIMARY, 1);
    row(t, 10, 1, 23, 176, 24, 2, "Ethernet 2", IPCFG_AT_SECONDARY | IPCFG_AT_DYNAMIC, 0);
    row(t, 127, 0, 0, 1, 8, 1, "", IPCFG_AT_PRIMARY, 1);
    row(t, 10, 1, 23, 175, 16, 2, "Ethernet 2", IPCFG_AT_PRIMARY | IPCFG_AT_DYNAMIC, 1);
    row(t, 10, 1, 23, 175, 16, 1, "Ethernet 2", IPCFG_AT_PRIMARY | IPCFG_AT_DISCONNECTED | IPCFG_AT_TRANSIENT, 1);
}

static int fx_list(ipcfg_backend *b, ipcfg_host *h, ipcfg_adapter_list *out, ipcfg_error *err)
{
    (void)b;
    (void)err;
    fixture_model(h, out);
    return 0;
}

static int fx_addrtable(ipcfg_backend *b, ipcfg_addrtable *t, ipcfg_error *err)
{
    (void)b;
    (void)err;
    fixture_addrtable(t);
    return 0;
}

static int fx_add(ipcfg_backend *b, const ipcfg_adapter *ad, const ipcfg_ip *addr, unsigned prefix,
                  uint32_t *context, int *has_context, ipcfg_error *err)
{
    (void)b;
    (void)ad;
    (void)addr;
    (void)prefix;
    (void)context;
    (void)has_context;
    ipcfg_error_set(err, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP, "The fixture cannot add addresses.");
    return IPCFG_E_NOTSUP;
}

static int fx_delete(ipcfg_backend *b, const ipcfg_delete_target *t, ipcfg_error *err)
{
    (void)b;
    (void)t;
    ipcfg_error_set(err, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP, "The fixture cannot delete addresses.");
    return IPCFG_E_NOTSUP;
}

/* The class IDs of the fixed model: one plain, one with a non-ASCII
 * character, none for the others. */
static int fx_show_classid(ipcfg_backend *b, const ipcfg_adapter *ad, char *out, size_t cap, ipcfg_error *err)
{
    (void)b;
    (void)err;
    const char *cls = strcmp(ad->name, "Ethernet 2") == 0                 ? "engineering"
                      : strcmp(ad->name, "Local Area Connection* 3") == 0 ? "Lab \xe2\x80\x93 floor 3"
                                                                          : "";
    snprintf(out, cap, "%s", cls);
    return 0;
}

static int fx_set_classid(ipcfg_backend *b, const ipcfg_adapter *ad, const char *classid, ipcfg_error *err)
{
    (void)b;
    (void)ad;
    (void)classid;
    (void)err;
    return 0; /* kept nowhere: the next /showclassid shows the fixed ones */
}

int fixture_backend_open(ipcfg_backend *b, ipcfg_error *err)
{
    (void)err;
    memset(b, 0, sizeof(*b));
    b->title = "Windows IP Configuration";
    b->platform = "windows";
    b->list = fx_list;
    b->addrtable = fx_addrtable;
    b->add_address = fx_add;
    b->delete_address = fx_delete;
    b->show_classid = fx_show_classid;
    b->set_classid = fx_set_classid;
    return 0;
}
