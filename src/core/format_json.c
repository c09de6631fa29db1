/* ipcfg — JSON output (UTF-8).  The schema is documented in docs/json.md;
 * keys are stable.  SPDX-License-Identifier: MIT */
#include "format.h"

#include <stdio.h>
#include <string.h>

static void ind(ipcfg_strbuf *o, int n) { ipcfg_sb_pad(o, ' ', (size_t)n * 2); }

/* k: one of this file's own keys, plain ASCII (nothing to escape). */
static void key(ipcfg_strbuf *o, int indent, const char *k, int first)
{
    if (!first)
        ipcfg_sb_putn(o, ",\n", 2);
    ind(o, indent);
    ipcfg_sb_putc(o, '"');
    ipcfg_sb_puts(o, k);
    ipcfg_sb_putn(o, "\": ", 3);
}

/* An address in quotes: its text needs no escape. */
static void ip_json(ipcfg_strbuf *o, const ipcfg_ip *ip)
{
    char s[IPCFG_IPSTR_MAX + 2];
    s[0] = '"';
    size_t n = 1 + strlen(ipcfg_ip_str(ip, s + 1, IPCFG_IPSTR_MAX));
    s[n++] = '"';
    ipcfg_sb_putn(o, s, n);
}

/* "AA-BB-CC": upper-case hex, dashes between (buf: at least 3n bytes, n > 0). */
static void hex_dashed(char *buf, size_t len, const uint8_t *b, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t p = 0;
    for (size_t i = 0; i < n && p + 3 < len; i++) {
        if (i)
            buf[p++] = '-';
        buf[p++] = hex[b[i] >> 4];
        buf[p++] = hex[b[i] & 0xf];
    }
    buf[p] = '\0';
}

static void tri(ipcfg_strbuf *o, ipcfg_tri t)
{
    ipcfg_sb_puts(o, t == IPCFG_YES ? "true" : t == IPCFG_NO ? "false" : "null");
}

/* Unix seconds -> "YYYY-MM-DDTHH:MM:SSZ" (proleptic Gregorian, UTC). */
static void iso8601(char *buf, size_t len, int64_t t)
{
    int64_t days = t / 86400, secs = t % 86400;
    if (secs < 0) {
        secs += 86400;
        days--;
    }
    /* H. Hinnant's civil_from_days. */
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2)
        y++;
    snprintf(buf, len, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", (long long)y, (long long)m, (long long)d,
             (long long)(secs / 3600), (long long)(secs / 60 % 60), (long long)(secs % 60));
}

static const char *type_name(ipcfg_if_type t)
{
    switch (t) {
    case IPCFG_IF_ETHERNET: return "ethernet";
    case IPCFG_IF_WIRELESS: return "wireless";
    case IPCFG_IF_TUNNEL: return "tunnel";
    case IPCFG_IF_PPP: return "ppp";
    case IPCFG_IF_LOOPBACK: return "loopback";
    case IPCFG_IF_UNKNOWN: break;
    }
    return "unknown";
}

static const char *state_name(ipcfg_addr_state s)
{
    switch (s) {
    case IPCFG_ADDR_PREFERRED: return "preferred";
    case IPCFG_ADDR_DEPRECATED: return "deprecated";
    case IPCFG_ADDR_TENTATIVE: return "tentative";
    case IPCFG_ADDR_DUPLICATE: return "duplicate";
    case IPCFG_ADDR_UNKNOWN_STATE: break;
    }
    return "unknown";
}

static void addrs_json(ipcfg_strbuf *o, const ipcfg_adapter *a, ipcfg_family fam, int indent)
{
    int first = 1;
    ipcfg_sb_putc(o, '[');
    for (size_t i = 0; i < a->n_addrs; i++) {
        const ipcfg_addr *ad = &a->addrs[i];
        if (ad->ip.family != fam || (fam == IPCFG_AF_INET4 && ipcfg_ip_is_zero(&ad->ip)))
            continue;
        ipcfg_sb_puts(o, first ? "\n" : ",\n");
        first = 0;
        ind(o, indent + 1);
        ipcfg_sb_puts(o, "{\"address\": ");
        ip_json(o, &ad->ip);
        ipcfg_sb_puts(o, ", \"prefix_length\": ");
        ipcfg_sb_putu(o, ad->prefix_len);
        if (fam == IPCFG_AF_INET4) {
            ipcfg_ip m;
            ipcfg_prefix_to_mask(ad->prefix_len, &m);
            ipcfg_sb_puts(o, ", \"subnet_mask\": ");
            ip_json(o, &m);
            ipcfg_sb_puts(o, ", \"context\": ");
            if (ad->has_context)
                ipcfg_sb_putu(o, ad->context);
            else
                ipcfg_sb_puts(o, "null");
        } else {
            ipcfg_sb_puts(o, ", \"scope_id\": ");
            ipcfg_sb_putu(o, ad->ip.scope_id);
            ipcfg_sb_puts(o, ipcfg_ip6_is_linklocal(&ad->ip) ? ", \"link_local\": true" : ", \"link_local\": false");
        }
        ipcfg_sb_puts(o, ", \"state\": \"");
        ipcfg_sb_puts(o, state_name(ad->state));
        ipcfg_sb_puts(o, "\", \"valid_lifetime\": ");
        if (ad->valid_lifetime < 0)
            ipcfg_sb_puts(o, "null");
        else
            ipcfg_sb_puti(o, ad->valid_lifetime);
        if (fam == IPCFG_AF_INET4)
            ipcfg_sb_puts(o, ad->autoconfigured ? ", \"autoconfigured\": true" : ", \"autoconfigured\": false");
        else
            ipcfg_sb_puts(o, ad->temporary ? ", \"temporary\": true" : ", \"temporary\": false");
        ipcfg_sb_putc(o, '}');
    }
    if (!first) {
        ipcfg_sb_putc(o, '\n');
        ind(o, indent);
    }
    ipcfg_sb_putc(o, ']');
}

/* An address of a list: its zone too ("fe80::1%2") */
static void ip_list_item(ipcfg_strbuf *o, const ipcfg_ip *ip)
{
    char s[IPCFG_IPSTR_MAX + 16];
    size_t len = strlen(ipcfg_ip_str(ip, s, IPCFG_IPSTR_MAX));
    if (ip->family == IPCFG_AF_INET6 && ip->scope_id) {
        s[len++] = '%';
        ipcfg_dec_u(s + len, ip->scope_id);
    }
    ipcfg_json_str(o, s);
}

static void ip_list_json(ipcfg_strbuf *o, const ipcfg_ip *ips, size_t n)
{
    ipcfg_sb_putc(o, '[');
    for (size_t i = 0; i < n; i++) {
        if (i)
            ipcfg_sb_puts(o, ", ");
        ip_list_item(o, &ips[i]);
    }
    ipcfg_sb_putc(o, ']');
}

static void str_list_json(ipcfg_strbuf *o, const char *const *v, size_t n)
{
    ipcfg_sb_putc(o, '[');
    for (size_t i = 0; i < n; i++) {
        if (i)
            ipcfg_sb_puts(o, ", ");
        ipcfg_json_str(o, v[i]);
    }
    ipcfg_sb_putc(o, ']');
}

/* A time as ISO 8601 UTC and as Unix seconds; null and null for one that
 * never comes (an infinite DHCPv6 lifetime). */
static void iso_value(ipcfg_strbuf *o, int64_t t)
{
    char iso[64];
    if (t == IPCFG_TIME_NEVER) {
        ipcfg_sb_puts(o, "null");
        return;
    }
    iso8601(iso, sizeof(iso), t);
    ipcfg_json_str(o, iso);
}

static void unix_value(ipcfg_strbuf *o, int64_t t)
{
    if (t == IPCFG_TIME_NEVER)
        ipcfg_sb_puts(o, "null");
    else
        ipcfg_sb_puti(o, t);
}

/* "k": ISO, "k_unix": seconds, each on its own line */
static void time_json(ipcfg_strbuf *o, int indent, const char *k, int64_t t, int first)
{
    char ku[40];
    key(o, indent, k, first);
    iso_value(o, t);
    snprintf(ku, sizeof(ku), "%s_unix", k);
    key(o, indent, ku, 0);
    unix_value(o, t);
}

static void opt_ip_json(ipcfg_strbuf *o, const ipcfg_ip *ip)
{
    if (!ip || ip->family == IPCFG_AF_NONE)
        ipcfg_sb_puts(o, "null");
    else
        ip_json(o, ip);
}

static void opt_str_json(ipcfg_strbuf *o, const char *s)
{
    if (s[0])
        ipcfg_json_str(o, s);
    else
        ipcfg_sb_puts(o, "null");
}

/* A DHCPv6 IAID and DUID (dash-separated hex bytes), or null */
static void iaid_json(ipcfg_strbuf *o, const ipcfg_adapter *a)
{
    if (a->has_dhcpv6_iaid)
        ipcfg_sb_putu(o, a->dhcpv6_iaid);
    else
        ipcfg_sb_puts(o, "null");
}

static void duid_json(ipcfg_strbuf *o, const uint8_t *duid, size_t len)
{
    char v[IPCFG_DUID_MAX * 3 + 1];
    if (len == 0) {
        ipcfg_sb_puts(o, "null");
        return;
    }
    hex_dashed(v, sizeof(v), duid, len < IPCFG_DUID_MAX ? len : IPCFG_DUID_MAX);
    ipcfg_json_str(o, v);
}

/* Who holds a lease and whether a process keeps it (DHCPv4 and DHCPv6
 * alike): "client", "kept", "keeper" */
static void holder_json(ipcfg_strbuf *o, int indent, const char *client, ipcfg_tri kept, const char *keeper)
{
    key(o, indent, "client", 0); /* peers: who holds it; null = the platform's own client */
    if (client[0])
        ipcfg_json_str(o, client);
    else
        ipcfg_sb_puts(o, "null");
    key(o, indent, "kept", 0); /* a keeper renews it (null: not ipcfg's to say) */
    tri(o, kept);
    key(o, indent, "keeper", 0);
    if (kept == IPCFG_YES && keeper[0])
        ipcfg_json_str(o, keeper);
    else
        ipcfg_sb_puts(o, "null");
}

/* the name of a DHCPv6 lease's state in JSON */
static const char *lease6_state_name(ipcfg_lease6_state s)
{
    switch (s) {
    case IPCFG_LEASE6_BOUND: return "bound";
    case IPCFG_LEASE6_STATELESS: return "stateless";
    case IPCFG_LEASE6_EXPIRED: break;
    }
    return "expired";
}

/* The DHCPv6 lease (docs/json.md, "DHCPv6 lease object"): the record as
 * it is, an expired one too; the adapter's dns_servers and
 * dns_suffix_search_list carry its DNS servers and domains only while it
 * is current (adapter_view.c). */
static void lease6_json(ipcfg_strbuf *o, const ipcfg_adapter *a, int indent)
{
    const ipcfg_lease6 *ls = a->lease6;
    if (!ls) {
        ipcfg_sb_puts(o, "null");
        return;
    }
    ipcfg_sb_puts(o, "{\n");
    time_json(o, indent, "obtained", ls->obtained, 1);
    time_json(o, indent, "expires", ls->expires, 0);
    time_json(o, indent, "t1", ls->t1, 0);
    time_json(o, indent, "t2", ls->t2, 0);
    key(o, indent, "state", 0);
    ipcfg_json_str(o, lease6_state_name(ls->state));
    holder_json(o, indent, ls->client, ls->kept, ls->keeper);
    key(o, indent, "iaid", 0);
    iaid_json(o, a);
    key(o, indent, "client_duid", 0);
    duid_json(o, a->dhcpv6_duid, a->dhcpv6_duid_len);
    key(o, indent, "server_duid", 0);
    duid_json(o, ls->server_duid, ls->server_duid_len);
    key(o, indent, "server_address", 0);
    if (ls->server_address.family == IPCFG_AF_NONE)
        ipcfg_sb_puts(o, "null");
    else
        ip_list_item(o, &ls->server_address);
    key(o, indent, "addresses", 0);
    ipcfg_sb_putc(o, '[');
    for (size_t i = 0; i < ls->n_addrs; i++) {
        const ipcfg_lease6_addr *ad = &ls->addrs[i];
        ipcfg_sb_puts(o, i ? ",\n" : "\n");
        ind(o, indent + 1);
        ipcfg_sb_puts(o, "{\"address\": ");
        ip_json(o, &ad->ip);
        ipcfg_sb_puts(o, ", \"preferred_until\": ");
        iso_value(o, ad->preferred_until);
        ipcfg_sb_puts(o, ", \"preferred_until_unix\": ");
        unix_value(o, ad->preferred_until);
        ipcfg_sb_puts(o, ", \"valid_until\": ");
        iso_value(o, ad->valid_until);
        ipcfg_sb_puts(o, ", \"valid_until_unix\": ");
        unix_value(o, ad->valid_until);
        ipcfg_sb_putc(o, '}');
    }
    if (ls->n_addrs) {
        ipcfg_sb_putc(o, '\n');
        ind(o, indent);
    }
    ipcfg_sb_putc(o, ']');
    key(o, indent, "dns_servers", 0);
    ip_list_json(o, ls->dns, ls->n_dns);
    key(o, indent, "domain_search_list", 0);
    str_list_json(o, ls->domains, ls->n_domains);
    ipcfg_sb_putc(o, '\n');
    ind(o, indent - 1);
    ipcfg_sb_putc(o, '}');
}

/* The further ipconfig /all fields (docs/json.md). */
static void adapter_more_json(ipcfg_strbuf *o, const ipcfg_adapter *a, int indent)
{
    key(o, indent + 1, "dhcpv6_iaid", 0);
    iaid_json(o, a);
    key(o, indent + 1, "dhcpv6_client_duid", 0);
    duid_json(o, a->dhcpv6_duid, a->dhcpv6_duid_len);
    /* the first two under their own keys (as ever), and every one, in
     * order, in wins_servers */
    key(o, indent + 1, "primary_wins_server", 0);
    opt_ip_json(o, a->n_wins > 0 ? &a->wins_servers[0] : NULL);
    key(o, indent + 1, "secondary_wins_server", 0);
    opt_ip_json(o, a->n_wins > 1 ? &a->wins_servers[1] : NULL);
    key(o, indent + 1, "wins_servers", 0);
    ip_list_json(o, a->wins_servers, a->n_wins);
    key(o, indent + 1, "dns_suffix_search_list", 0);
    ipcfg_sb_putc(o, '[');
    size_t pos = 0;
    const char *sep = "";
    for (const char *d; (d = ipcfg_view_search_next(a, &pos)) != NULL; sep = ", ") {
        ipcfg_sb_puts(o, sep);
        ipcfg_json_str(o, d);
    }
    ipcfg_sb_putc(o, ']');
    /* the DHCPv4 lease's options ipconfig has no line for */
    key(o, indent + 1, "ntp_servers", 0);
    ip_list_json(o, a->ntp_servers, a->n_ntp < IPCFG_NTP_MAX ? a->n_ntp : IPCFG_NTP_MAX);
    key(o, indent + 1, "captive_portal", 0);
    opt_str_json(o, a->captive_portal);
    key(o, indent + 1, "mtu", 0);
    if (a->dhcp_mtu)
        ipcfg_sb_putu(o, a->dhcp_mtu);
    else
        ipcfg_sb_puts(o, "null");
    key(o, indent + 1, "fqdn_sent", 0);
    opt_str_json(o, a->fqdn_sent);
}

void ipcfg_json_adapter(ipcfg_strbuf *o, const ipcfg_adapter *a, int all, int indent)
{
    (void)all; /* JSON always carries every known field */
    ipcfg_sb_puts(o, "{\n");
    key(o, indent + 1, "name", 1);
    ipcfg_json_str(o, a->name);
    key(o, indent + 1, "id", 0);
    ipcfg_json_str(o, a->id);
    key(o, indent + 1, "index", 0);
    ipcfg_sb_putu(o, a->ifindex);
    key(o, indent + 1, "type", 0);
    ipcfg_json_str(o, type_name(a->type));
    key(o, indent + 1, "description", 0);
    if (a->description[0])
        ipcfg_json_str(o, a->description);
    else
        ipcfg_sb_puts(o, "null");
    key(o, indent + 1, "physical_address", 0);
    if (a->hwaddr_len) {
        char v[IPCFG_HWADDR_MAX * 3 + 1];
        hex_dashed(v, sizeof(v), a->hwaddr, a->hwaddr_len);
        ipcfg_json_str(o, v);
    } else
        ipcfg_sb_puts(o, "null");
    key(o, indent + 1, "media_state", 0);
    ipcfg_json_str(o, a->media_connected ? "connected" : "disconnected");
    key(o, indent + 1, "dns_suffix", 0);
    ipcfg_json_str(o, a->dns_suffix);
    key(o, indent + 1, "dhcp_enabled", 0);
    tri(o, a->dhcp_enabled);
    key(o, indent + 1, "autoconfiguration_enabled", 0);
    tri(o, a->autoconfig_enabled);
    key(o, indent + 1, "netbios_over_tcpip", 0);
    tri(o, a->netbios_enabled);
    key(o, indent + 1, "ipv4", 0);
    addrs_json(o, a, IPCFG_AF_INET4, indent + 1);
    key(o, indent + 1, "ipv6", 0);
    addrs_json(o, a, IPCFG_AF_INET6, indent + 1);
    key(o, indent + 1, "gateways", 0);
    ip_list_json(o, a->gateways, a->n_gateways);
    key(o, indent + 1, "dhcp_server", 0);
    if (a->has_dhcp_server)
        ip_json(o, &a->dhcp_server);
    else
        ipcfg_sb_puts(o, "null");
    key(o, indent + 1, "lease", 0);
    if (a->has_lease) {
        ipcfg_sb_puts(o, "{\n");
        time_json(o, indent + 2, "obtained", a->lease_obtained, 1);
        time_json(o, indent + 2, "expires", a->lease_expires, 0);
        key(o, indent + 2, "state", 0); /* an expired lease: its times, nothing of it current */
        ipcfg_json_str(o, a->lease_expired ? "expired" : "bound");
        holder_json(o, indent + 2, a->lease_client, a->lease_kept, a->lease_keeper);
        ipcfg_sb_putc(o, '\n');
        ind(o, indent + 1);
        ipcfg_sb_putc(o, '}');
    } else
        ipcfg_sb_puts(o, "null");
    key(o, indent + 1, "lease6", 0);
    lease6_json(o, a, indent + 2);
    key(o, indent + 1, "dns_servers", 0);
    ipcfg_sb_putc(o, '[');
    size_t pos = 0;
    const char *sep = "";
    for (const ipcfg_ip *d; (d = ipcfg_view_dns_next(a, &pos)) != NULL; sep = ", ") {
        ipcfg_sb_puts(o, sep);
        ip_list_item(o, d);
    }
    ipcfg_sb_putc(o, ']');
    adapter_more_json(o, a, indent);
    ipcfg_sb_putc(o, '\n');
    ind(o, indent);
    ipcfg_sb_putc(o, '}');
}

void ipcfg_json_host(ipcfg_strbuf *o, const ipcfg_host *h, int indent)
{
    ipcfg_sb_puts(o, "{\n");
    key(o, indent + 1, "host_name", 1);
    ipcfg_json_str(o, h->host_name);
    key(o, indent + 1, "primary_dns_suffix", 0);
    ipcfg_json_str(o, h->primary_dns_suffix);
    key(o, indent + 1, "node_type", 0);
    if (h->node_type[0])
        ipcfg_json_str(o, h->node_type);
    else
        ipcfg_sb_puts(o, "null");
    key(o, indent + 1, "ip_routing_enabled", 0);
    tri(o, h->ip_routing);
    key(o, indent + 1, "wins_proxy_enabled", 0);
    tri(o, h->wins_proxy);
    key(o, indent + 1, "dns_suffix_search_list", 0);
    ipcfg_sb_putc(o, '[');
    for (size_t i = 0; i < h->n_search; i++) {
        if (i)
            ipcfg_sb_puts(o, ", ");
        ipcfg_json_str(o, h->search_list[i]);
    }
    ipcfg_sb_puts(o, "]\n");
    ind(o, indent);
    ipcfg_sb_putc(o, '}');
}

void ipcfg_json_addrtable(ipcfg_strbuf *o, const ipcfg_addrtable *t, int indent)
{
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {{IPCFG_AT_PRIMARY, "primary"},   {IPCFG_AT_SECONDARY, "secondary"},
                 {IPCFG_AT_DYNAMIC, "dynamic"},   {IPCFG_AT_DISCONNECTED, "disconnected"},
                 {IPCFG_AT_DELETED, "deleted"},   {IPCFG_AT_TRANSIENT, "transient"}};
    ipcfg_sb_putc(o, '[');
    for (size_t i = 0; i < t->n; i++) {
        const ipcfg_addrrow *r = &t->rows[i];
        ipcfg_ip m;
        ipcfg_prefix_to_mask(r->prefix_len, &m);
        ipcfg_sb_puts(o, i ? ",\n" : "\n");
        ind(o, indent + 1);
        ipcfg_sb_puts(o, "{\"address\": ");
        ip_json(o, &r->addr);
        ipcfg_sb_puts(o, ", \"subnet_mask\": ");
        ip_json(o, &m);
        ipcfg_sb_printf(o, ", \"prefix_length\": %u, \"broadcast\": ", r->prefix_len);
        if (r->broadcast.family == IPCFG_AF_NONE)
            ipcfg_sb_puts(o, "null");
        else
            ip_json(o, &r->broadcast);
        ipcfg_sb_printf(o, ", \"index\": %lu, \"interface\": ", (unsigned long)r->ifindex);
        if (r->ifname[0])
            ipcfg_json_str(o, r->ifname);
        else
            ipcfg_sb_puts(o, "null");
        ipcfg_sb_puts(o, ", \"reassembly_size\": ");
        if (r->reasm_size)
            ipcfg_sb_printf(o, "%lu", (unsigned long)r->reasm_size);
        else
            ipcfg_sb_puts(o, "null");
        ipcfg_sb_puts(o, ", \"type\": [");
        int first = 1;
        for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
            if (!(r->flags & names[k].bit))
                continue;
            if (!first)
                ipcfg_sb_puts(o, ", ");
            first = 0;
            ipcfg_json_str(o, names[k].name);
        }
        ipcfg_sb_puts(o, "]}");
    }
    if (t->n) {
        ipcfg_sb_putc(o, '\n');
        ind(o, indent);
    }
    ipcfg_sb_putc(o, ']');
}

static const char *reason_name(ipcfg_reason r)
{
    switch (r) {
    case IPCFG_R_NONE: return "error";
    case IPCFG_R_NO_ADAPTER_PERMISSIBLE: return "no_adapter_permissible";
    case IPCFG_R_MEDIA_DISCONNECTED: return "media_disconnected";
    case IPCFG_R_NOT_DHCP: return "not_dhcp_enabled";
    case IPCFG_R_DHCP_TIMEOUT: return "dhcp_timeout";
    case IPCFG_R_ELEVATION: return "access_denied";
    case IPCFG_R_SYSTEM: return "system_error";
    case IPCFG_R_NOT_FOUND: return "not_found";
    case IPCFG_R_EXISTS: return "already_exists";
    case IPCFG_R_NOTSUP: return "not_supported";
    case IPCFG_R_OTHER_CLIENT: return "other_dhcp_client"; /* peers */
    }
    return "error";
}

void ipcfg_json_error(ipcfg_strbuf *o, const char *verb, const char *name, const ipcfg_error *e, int indent)
{
    ipcfg_strbuf raw, line;
    ipcfg_sb_init(&raw);
    ipcfg_sb_init(&line);
    ipcfg_fmt_failure(&raw, verb, name, e);
    /* exactly the stderr line: its display form (format.h) */
    ipcfg_text_display(&line, ipcfg_sb_str(&raw), raw.len);
    if (raw.oom || line.oom)
        o->oom = 1; /* the caller reports lost output */
    ipcfg_sb_free(&raw);
    ipcfg_sb_puts(o, "{\n");
    key(o, indent + 1, "reason", 1);
    ipcfg_json_str(o, reason_name(e->reason));
    key(o, indent + 1, "message", 0);
    ipcfg_json_str(o, ipcfg_sb_str(&line));
    key(o, indent + 1, "system_code", 0);
    if (e->has_sys_code)
        ipcfg_sb_printf(o, "%ld", e->sys_code);
    else
        ipcfg_sb_puts(o, "null");
    key(o, indent + 1, "system_message", 0);
    if (e->text[0])
        ipcfg_json_str(o, e->text);
    else
        ipcfg_sb_puts(o, "null");
    ipcfg_sb_putc(o, '\n');
    ind(o, indent);
    ipcfg_sb_putc(o, '}');
    ipcfg_sb_free(&line);
}
