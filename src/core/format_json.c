/* ipcfg — JSON output (UTF-8).  The schema is documented in docs/json.md;
 * keys are stable.  SPDX-License-Identifier: MIT */
#include "format.h"

#include <stdio.h>
#include <string.h>

static void ind(ipcfg_strbuf *o, int n) { ipcfg_sb_pad(o, ' ', (size_t)n * 2); }

/* Bytes that go into a JSON string as they are: printable ASCII but the
 * quote and the backslash. */
static int plain_byte(unsigned char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; }

void ipcfg_json_str(ipcfg_strbuf *o, const char *s)
{
    ipcfg_sb_putc(o, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (plain_byte(*p)) { /* a run of them in one copy */
            const unsigned char *q = p + 1;
            while (plain_byte(*q))
                q++;
            ipcfg_sb_putn(o, (const char *)p, (size_t)(q - p));
            p = q - 1;
            continue;
        }
        switch (*p) {
        case '"': ipcfg_sb_puts(o, "\\\""); break;
        case '\\': ipcfg_sb_puts(o, "\\\\"); break;
        case '\n': ipcfg_sb_puts(o, "\\n"); break;
        case '\r': ipcfg_sb_puts(o, "\\r"); break;
        case '\t': ipcfg_sb_puts(o, "\\t"); break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                ipcfg_sb_printf(o, "\\u%04x", *p);
            else if (*p >= 0x80) {
                /* Copy valid UTF-8 sequences; replace invalid bytes with
                 * U+FFFD, written as it is (EF BF BD) like any other
                 * character, so the document is always valid UTF-8. */
                int n = (*p & 0xe0) == 0xc0 ? 2 : (*p & 0xf0) == 0xe0 ? 3 : (*p & 0xf8) == 0xf0 ? 4 : 0;
                int ok = n > 0 && !(*p == 0xc0 || *p == 0xc1 || *p > 0xf4);
                for (int i = 1; ok && i < n; i++)
                    ok = (p[i] & 0xc0) == 0x80;
                if (ok && n == 3 && ((*p == 0xe0 && p[1] < 0xa0) || (*p == 0xed && p[1] >= 0xa0)))
                    ok = 0;
                if (ok && n == 4 && ((*p == 0xf0 && p[1] < 0x90) || (*p == 0xf4 && p[1] >= 0x90)))
                    ok = 0;
                if (ok) {
                    ipcfg_sb_putn(o, (const char *)p, (size_t)n);
                    p += n - 1;
                } else {
                    ipcfg_sb_puts(o, "\xef\xbf\xbd");
                }
            } else
                ipcfg_sb_putc(o, (char)*p);
        }
    }
    ipcfg_sb_putc(o, '"');
}

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

static void ip_list_json(ipcfg_strbuf *o, const ipcfg_ip *ips, size_t n)
{
    ipcfg_sb_putc(o, '[');
    for (size_t i = 0; i < n; i++) {
        char s[IPCFG_IPSTR_MAX + 16];
        size_t len = strlen(ipcfg_ip_str(&ips[i], s, IPCFG_IPSTR_MAX));
        if (ips[i].family == IPCFG_AF_INET6 && ips[i].scope_id) {
            s[len++] = '%';
            ipcfg_dec_u(s + len, ips[i].scope_id);
        }
        if (i)
            ipcfg_sb_puts(o, ", ");
        ipcfg_json_str(o, s);
    }
    ipcfg_sb_putc(o, ']');
}

static void time_json(ipcfg_strbuf *o, int indent, const char *k, int64_t t)
{
    char iso[64], ku[40];
    iso8601(iso, sizeof(iso), t);
    key(o, indent, k, 1);
    ipcfg_json_str(o, iso);
    snprintf(ku, sizeof(ku), "%s_unix", k);
    key(o, indent, ku, 0);
    ipcfg_sb_puti(o, t);
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

/* The further ipconfig /all fields (docs/json.md). */
static void adapter_more_json(ipcfg_strbuf *o, const ipcfg_adapter *a, int indent)
{
    key(o, indent + 1, "dhcpv6_iaid", 0);
    if (a->has_dhcpv6_iaid)
        ipcfg_sb_putu(o, a->dhcpv6_iaid);
    else
        ipcfg_sb_puts(o, "null");
    key(o, indent + 1, "dhcpv6_client_duid", 0);
    if (a->dhcpv6_duid_len) {
        char v[IPCFG_DUID_MAX * 3 + 1];
        size_t n = a->dhcpv6_duid_len < IPCFG_DUID_MAX ? a->dhcpv6_duid_len : IPCFG_DUID_MAX;
        hex_dashed(v, sizeof(v), a->dhcpv6_duid, n);
        ipcfg_json_str(o, v);
    } else
        ipcfg_sb_puts(o, "null");
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
    for (size_t i = 0; i < a->n_conn_search; i++) {
        if (i)
            ipcfg_sb_puts(o, ", ");
        ipcfg_json_str(o, a->conn_search[i]);
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
        time_json(o, indent + 2, "obtained", a->lease_obtained);
        ipcfg_sb_puts(o, ",\n");
        time_json(o, indent + 2, "expires", a->lease_expires);
        key(o, indent + 2, "state", 0); /* an expired lease: its times, nothing of it current */
        ipcfg_json_str(o, a->lease_expired ? "expired" : "bound");
        key(o, indent + 2, "client", 0); /* peers: who holds it; null = the platform's own client */
        if (a->lease_client[0])
            ipcfg_json_str(o, a->lease_client);
        else
            ipcfg_sb_puts(o, "null");
        key(o, indent + 2, "kept", 0); /* issue 17: a keeper renews it (null: not ipcfg's to say) */
        tri(o, a->lease_kept);
        key(o, indent + 2, "keeper", 0);
        if (a->lease_kept == IPCFG_YES && a->lease_keeper[0])
            ipcfg_json_str(o, a->lease_keeper);
        else
            ipcfg_sb_puts(o, "null");
        ipcfg_sb_putc(o, '\n');
        ind(o, indent + 1);
        ipcfg_sb_putc(o, '}');
    } else
        ipcfg_sb_puts(o, "null");
    key(o, indent + 1, "dns_servers", 0);
    ip_list_json(o, a->dns_servers, a->n_dns);
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

void ipcfg_json_to_ascii(ipcfg_strbuf *o)
{
    ipcfg_strbuf a;
    size_t i = 0;
    ipcfg_sb_init(&a);
    while (i < o->len) {
        const unsigned char *p = (const unsigned char *)o->s + i;
        size_t left = o->len - i;
        if (p[0] < 0x80) {
            size_t run = 1;
            while (run < left && p[run] < 0x80)
                run++;
            ipcfg_sb_putn(&a, (const char *)p, run);
            i += run;
            continue;
        }
        /* ipcfg_json_str wrote only valid UTF-8; anything else is U+FFFD */
        size_t n = (p[0] & 0xe0) == 0xc0 ? 2 : (p[0] & 0xf0) == 0xe0 ? 3 : (p[0] & 0xf8) == 0xf0 ? 4 : 1;
        uint32_t cp = n == 2 ? p[0] & 0x1fu : n == 3 ? p[0] & 0x0fu : p[0] & 0x07u;
        for (size_t k = 1; k < n && n <= left; k++) {
            if ((p[k] & 0xc0) != 0x80)
                n = 1; /* not a continuation byte */
            else
                cp = (cp << 6) | (p[k] & 0x3fu);
        }
        if (n == 1 || n > left) {
            cp = 0xfffd;
            n = 1;
        }
        if (cp >= 0x10000) {
            cp -= 0x10000;
            ipcfg_sb_printf(&a, "\\u%04x\\u%04x", (unsigned)(0xd800 + (cp >> 10)), (unsigned)(0xdc00 + (cp & 0x3ff)));
        } else {
            ipcfg_sb_printf(&a, "\\u%04x", (unsigned)cp);
        }
        i += n;
    }
    if (a.oom) {
        o->oom = 1; /* the caller reports lost output */
        ipcfg_sb_free(&a);
        return;
    }
    ipcfg_sb_free(o);
    *o = a;
}
