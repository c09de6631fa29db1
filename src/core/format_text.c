/* ipcfg — text output in the layout of Windows ipconfig.
 * Knows no platform: the title comes from the backend.
 * SPDX-License-Identifier: MIT */
#include "format.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* The label strings exactly as English ipconfig prints them: the text up to
 * (not including) the colon, which stands at column 37; every one of them
 * exactly that wide (the goldens check the column). */
static const char labels[][IPCFG_COLON_COL + 1] = {
    "   Host Name . . . . . . . . . . . . ",
    "   Primary Dns Suffix  . . . . . . . ",
    "   Node Type . . . . . . . . . . . . ",
    "   IP Routing Enabled. . . . . . . . ",
    "   WINS Proxy Enabled. . . . . . . . ",
    "   DNS Suffix Search List. . . . . . ",
    "   Media State . . . . . . . . . . . ",
    "   Connection-specific DNS Suffix  . ",
    "   Description . . . . . . . . . . . ",
    "   Physical Address. . . . . . . . . ",
    "   DHCP Enabled. . . . . . . . . . . ",
    "   Autoconfiguration Enabled . . . . ",
    "   IPv6 Address. . . . . . . . . . . ",
    "   Temporary IPv6 Address. . . . . . ",
    "   Link-local IPv6 Address . . . . . ",
    "   IPv4 Address. . . . . . . . . . . ",
    "   Autoconfiguration IPv4 Address. . ",
    "   Subnet Mask . . . . . . . . . . . ",
    "   Lease Obtained. . . . . . . . . . ",
    "   Lease Expires . . . . . . . . . . ",
    "   Default Gateway . . . . . . . . . ",
    "   DHCP Server . . . . . . . . . . . ",
    "   DHCPv6 IAID . . . . . . . . . . . ",
    "   DHCPv6 Client DUID. . . . . . . . ",
    "   DNS Servers . . . . . . . . . . . ",
    "   Primary WINS Server . . . . . . . ",
    "   Secondary WINS Server . . . . . . ",
    "   NetBIOS over Tcpip. . . . . . . . ",
};

/* The one label longer than the column: real ipconfig prints it alone, its
 * values on continuation lines. */
static const char conn_search_label[] = "   Connection-specific DNS Suffix Search List :";

#define LABEL_LEN (sizeof(labels[0]) - 1)

void ipcfg_fmt_field(ipcfg_strbuf *o, const char *label, const char *value)
{
    size_t ll = strlen(label);
    for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
        const char *l = labels[i] + 3;
        if (l[0] == label[0] && strncmp(l, label, ll) == 0 && (l[ll] == ' ' || l[ll] == '.')) {
            ipcfg_sb_putn(o, labels[i], LABEL_LEN);
            goto value;
        }
    }
    /* A label ipconfig does not have: dot leaders on odd columns. */
    ipcfg_sb_puts(o, "   ");
    ipcfg_sb_puts(o, label);
    for (size_t col = 3 + ll; col < IPCFG_COLON_COL; col++)
        ipcfg_sb_putc(o, col % 2 ? '.' : ' ');
value:
    ipcfg_sb_putn(o, ": ", 2);
    ipcfg_sb_puts(o, value);
    ipcfg_sb_putc(o, '\n');
}

void ipcfg_fmt_cont(ipcfg_strbuf *o, const char *value)
{
    ipcfg_sb_pad(o, ' ', IPCFG_VALUE_COL);
    ipcfg_sb_puts(o, value);
    ipcfg_sb_putc(o, '\n');
}

void ipcfg_fmt_title(ipcfg_strbuf *o, const char *title)
{
    ipcfg_sb_putc(o, '\n');
    ipcfg_sb_puts(o, title);
    ipcfg_sb_putn(o, "\n\n", 2);
}

static const char *yesno(ipcfg_tri t) { return t == IPCFG_YES ? "Yes" : "No"; }

void ipcfg_fmt_host(ipcfg_strbuf *o, const ipcfg_host *h)
{
    ipcfg_fmt_field(o, "Host Name", h->host_name);
    ipcfg_fmt_field(o, "Primary Dns Suffix", h->primary_dns_suffix);
    if (h->node_type[0])
        ipcfg_fmt_field(o, "Node Type", h->node_type);
    if (h->ip_routing != IPCFG_UNKNOWN)
        ipcfg_fmt_field(o, "IP Routing Enabled", yesno(h->ip_routing));
    if (h->wins_proxy != IPCFG_UNKNOWN)
        ipcfg_fmt_field(o, "WINS Proxy Enabled", yesno(h->wins_proxy));
    for (size_t i = 0; i < h->n_search; i++) {
        if (i == 0)
            ipcfg_fmt_field(o, "DNS Suffix Search List", h->search_list[0]);
        else
            ipcfg_fmt_cont(o, h->search_list[i]);
    }
}

static const char *type_heading(ipcfg_if_type t)
{
    switch (t) {
    case IPCFG_IF_ETHERNET: return "Ethernet";
    case IPCFG_IF_WIRELESS: return "Wireless LAN";
    case IPCFG_IF_TUNNEL: return "Tunnel";
    case IPCFG_IF_PPP: return "PPP";
    case IPCFG_IF_LOOPBACK:
    case IPCFG_IF_UNKNOWN: break;
    }
    return "Unknown";
}

/* The status as real ipconfig writes it, a blank included: raw captures of
 * Windows 10 and 11 end such a line "(Preferred) " (docs/decisions.md). */
static const char *state_suffix(ipcfg_addr_state s)
{
    switch (s) {
    case IPCFG_ADDR_PREFERRED: return "(Preferred) ";
    case IPCFG_ADDR_DEPRECATED: return "(Deprecated) ";
    case IPCFG_ADDR_TENTATIVE: return "(Tentative) ";
    case IPCFG_ADDR_DUPLICATE: return "(Duplicate) ";
    case IPCFG_ADDR_UNKNOWN_STATE: break;
    }
    return "";
}

/* "fe80::1%2" for scoped addresses, plain otherwise; buf holds at least
 * IPCFG_IPSTR_MAX + 16 bytes.  Returns the length. */
static size_t ip_with_zone(const ipcfg_ip *ip, char *buf)
{
    size_t n = strlen(ipcfg_ip_str(ip, buf, IPCFG_IPSTR_MAX));
    if (ip->family == IPCFG_AF_INET6 && ip->scope_id) {
        buf[n++] = '%';
        n += ipcfg_dec_u(buf + n, ip->scope_id);
    }
    return n;
}

/* buf holds at least IPCFG_IPSTR_MAX + 32 bytes. */
static void addr_value(const ipcfg_addr *a, int all, char *buf)
{
    size_t n = ip_with_zone(&a->ip, buf);
    const char *suffix = all ? state_suffix(a->state) : "";
    memcpy(buf + n, suffix, strlen(suffix) + 1);
}

/* The lease lines as ipconfig prints them under an IPv4 address's mask or
 * under an IPv6 address of a DHCPv6 lease.  An infinite DHCPv6 lifetime
 * ends, as Windows shows it, 2^32-1 seconds after the lease was obtained
 * (RFC 8415 §7.7: 0xffffffff is infinity). */
static void lease_lines(ipcfg_strbuf *o, int64_t obtained, int64_t expires)
{
    char v[96];
    if (expires == IPCFG_TIME_NEVER)
        expires = obtained + (int64_t)0xffffffffLL;
    ipcfg_fmt_time(v, sizeof(v), obtained);
    ipcfg_fmt_field(o, "Lease Obtained", v);
    ipcfg_fmt_time(v, sizeof(v), expires);
    ipcfg_fmt_field(o, "Lease Expires", v);
}

/* The IPv6 addresses of one kind, each on its own labelled line as real
 * ipconfig prints them: 0 public (IPv6 Address), 1 temporary (Temporary
 * IPv6 Address), 2 link-local (Link-local IPv6 Address); of them, those
 * of DHCPv6 lease ls (leased 1, their lease lines under each in /all) or
 * the others (leased 0). */
static void ipv6_kind(ipcfg_strbuf *o, const ipcfg_adapter *a, int kind, int all, const ipcfg_lease6 *ls, int leased)
{
    static const char *const label[] = {"IPv6 Address", "Temporary IPv6 Address", "Link-local IPv6 Address"};
    for (size_t i = 0; i < a->n_addrs; i++) {
        const ipcfg_addr *ad = &a->addrs[i];
        if (ad->ip.family != IPCFG_AF_INET6)
            continue;
        int k = ipcfg_ip6_is_linklocal(&ad->ip) ? 2 : ad->temporary ? 1 : 0;
        if (k != kind)
            continue;
        const ipcfg_lease6_addr *la = ls ? ipcfg_view_lease6_addr(ls, &ad->ip) : NULL;
        if ((la != NULL) != leased)
            continue;
        char v[IPCFG_IPSTR_MAX + 32];
        addr_value(ad, all, v);
        ipcfg_fmt_field(o, label[kind], v);
        if (la && all)
            lease_lines(o, ls->obtained, la->valid_until);
    }
}

/* An address of the current DHCPv6 lease comes first among the public
 * ones, its lease lines under it (/all), as raw captures of Windows 10, 11
 * and Server show it (docs/verbs/all.md). */
static void ipv6_lines(ipcfg_strbuf *o, const ipcfg_adapter *a, int all)
{
    const ipcfg_lease6 *ls = ipcfg_view_lease6(a);
    if (ls && ls->n_addrs)
        ipv6_kind(o, a, 0, all, ls, 1);
    else
        ls = NULL;
    for (int kind = 0; kind < 3; kind++)
        ipv6_kind(o, a, kind, all, kind == 0 ? ls : NULL, 0);
}

/* One value of a list field: the first on the labelled line, the others
 * on continuation lines. */
static void list_value(ipcfg_strbuf *o, const char *label, const char *v, int first)
{
    if (first)
        ipcfg_fmt_field(o, label, v);
    else
        ipcfg_fmt_cont(o, v);
}

static void list_field(ipcfg_strbuf *o, const char *label, const ipcfg_ip *ips, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char v[IPCFG_IPSTR_MAX + 16];
        ip_with_zone(&ips[i], v);
        list_value(o, label, v, i == 0);
    }
}

void ipcfg_fmt_time(char *buf, size_t len, int64_t t)
{
    static const char *const days[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    static const char *const months[] = {"January", "February", "March",     "April",   "May",      "June",
                                         "July",    "August",   "September", "October", "November", "December"};
    time_t tt = (time_t)t;
    struct tm *tm = localtime(&tt);
    if (!tm || tm->tm_wday < 0 || tm->tm_wday > 6 || tm->tm_mon < 0 || tm->tm_mon > 11) {
        snprintf(buf, len, "%lld", (long long)t);
        return;
    }
    int h12 = tm->tm_hour % 12 == 0 ? 12 : tm->tm_hour % 12;
    snprintf(buf, len, "%s, %s %d, %d %d:%02d:%02d %s", days[tm->tm_wday], months[tm->tm_mon], tm->tm_mday,
             tm->tm_year + 1900, h12, tm->tm_min, tm->tm_sec, tm->tm_hour < 12 ? "AM" : "PM");
}

static void gateways_field(ipcfg_strbuf *o, const ipcfg_adapter *a)
{
    /* ipconfig lists IPv6 gateways before IPv4 ones. */
    int first = 1;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < a->n_gateways; i++) {
            const ipcfg_ip *g = &a->gateways[i];
            if ((pass == 0) != (g->family == IPCFG_AF_INET6))
                continue;
            char v[IPCFG_IPSTR_MAX + 16];
            ip_with_zone(g, v);
            list_value(o, "Default Gateway", v, first);
            first = 0;
        }
    }
    if (first)
        ipcfg_fmt_field(o, "Default Gateway", "");
}

/* DNS Servers and the Connection-specific DNS Suffix Search List: the
 * platform's lists and the DHCPv6 lease's, as adapter_view.c merges them */
static void dns_field(ipcfg_strbuf *o, const ipcfg_adapter *a)
{
    size_t pos = 0;
    int first = 1;
    for (const ipcfg_ip *d; (d = ipcfg_view_dns_next(a, &pos)) != NULL; first = 0) {
        char v[IPCFG_IPSTR_MAX + 16];
        ip_with_zone(d, v);
        list_value(o, "DNS Servers", v, first);
    }
}

static void search_field(ipcfg_strbuf *o, const ipcfg_adapter *a)
{
    size_t pos = 0;
    int first = 1;
    for (const char *d; (d = ipcfg_view_search_next(a, &pos)) != NULL; first = 0) {
        if (first) {
            ipcfg_sb_puts(o, conn_search_label);
            ipcfg_sb_putc(o, '\n');
        }
        ipcfg_fmt_cont(o, d);
    }
}

static void hex_dashed(char *buf, size_t len, const uint8_t *b, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t p = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && p + 4 < len; i++) {
        if (i)
            buf[p++] = '-';
        buf[p++] = hex[b[i] >> 4];
        buf[p++] = hex[b[i] & 0xf];
        buf[p] = '\0';
    }
}

/* The order of real ipconfig (Windows 10/11), docs/contract.md, "Output". */
void ipcfg_fmt_adapter(ipcfg_strbuf *o, const ipcfg_adapter *a, int all)
{
    char v[IPCFG_DUID_MAX * 3 + 64];

    ipcfg_sb_putc(o, '\n');
    ipcfg_sb_puts(o, type_heading(a->type));
    ipcfg_sb_putn(o, " adapter ", 9);
    ipcfg_sb_puts(o, a->name);
    ipcfg_sb_putn(o, ":\n\n", 3);

    if (!a->media_connected)
        ipcfg_fmt_field(o, "Media State", "Media disconnected");
    ipcfg_fmt_field(o, "Connection-specific DNS Suffix", a->dns_suffix);
    if (all) {
        if (a->description[0])
            ipcfg_fmt_field(o, "Description", a->description);
        /* an adapter without a hardware address still has the line */
        hex_dashed(v, sizeof(v), a->hwaddr, a->hwaddr_len);
        ipcfg_fmt_field(o, "Physical Address", v);
        if (a->dhcp_enabled != IPCFG_UNKNOWN)
            ipcfg_fmt_field(o, "DHCP Enabled", yesno(a->dhcp_enabled));
        if (a->autoconfig_enabled != IPCFG_UNKNOWN)
            ipcfg_fmt_field(o, "Autoconfiguration Enabled", yesno(a->autoconfig_enabled));
    }
    if (!a->media_connected)
        return;

    ipv6_lines(o, a, all);
    /* Each IPv4 address with its mask, as ipconfig pairs them. */
    for (size_t i = 0; i < a->n_addrs; i++) {
        const ipcfg_addr *ad = &a->addrs[i];
        if (ad->ip.family != IPCFG_AF_INET4 || ipcfg_ip_is_zero(&ad->ip))
            continue;
        char s[IPCFG_IPSTR_MAX + 32];
        addr_value(ad, all, s);
        ipcfg_fmt_field(o, ad->autoconfigured ? "Autoconfiguration IPv4 Address" : "IPv4 Address", s);
        ipcfg_ip m;
        ipcfg_prefix_to_mask(ad->prefix_len, &m);
        ipcfg_fmt_field(o, "Subnet Mask", ipcfg_ip_str(&m, s, sizeof(s)));
    }
    if (all && a->has_lease && !a->lease_expired && a->dhcp_enabled == IPCFG_YES)
        lease_lines(o, a->lease_obtained, a->lease_expires);
    gateways_field(o, a);
    if (!all)
        return;
    if (a->has_dhcp_server && a->dhcp_enabled == IPCFG_YES)
        ipcfg_fmt_field(o, "DHCP Server", ipcfg_ip_str(&a->dhcp_server, v, sizeof(v)));
    if (a->has_dhcpv6_iaid) {
        ipcfg_dec_u(v, a->dhcpv6_iaid);
        ipcfg_fmt_field(o, "DHCPv6 IAID", v);
    }
    if (a->dhcpv6_duid_len) {
        hex_dashed(v, sizeof(v), a->dhcpv6_duid, a->dhcpv6_duid_len);
        ipcfg_fmt_field(o, "DHCPv6 Client DUID", v);
    }
    dns_field(o, a);
    /* the first WINS server, then the second with the others on its
     * continuation lines, as real ipconfig lists more than two */
    list_field(o, "Primary WINS Server", a->wins_servers, a->n_wins < 1 ? a->n_wins : 1);
    if (a->n_wins > 1)
        list_field(o, "Secondary WINS Server", a->wins_servers + 1, a->n_wins - 1);
    if (a->netbios_enabled != IPCFG_UNKNOWN)
        ipcfg_fmt_field(o, "NetBIOS over Tcpip", a->netbios_enabled == IPCFG_YES ? "Enabled" : "Disabled");
    search_field(o, a);
}

static void at_type(unsigned f, char *buf, size_t len)
{
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {{IPCFG_AT_PRIMARY, "Primary"},   {IPCFG_AT_SECONDARY, "Secondary"},
                 {IPCFG_AT_DYNAMIC, "Dynamic"},   {IPCFG_AT_DISCONNECTED, "Disconnected"},
                 {IPCFG_AT_DELETED, "Deleted"},   {IPCFG_AT_TRANSIENT, "Transient"}};
    size_t p = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if ((f & names[i].bit) && p < len)
            p += (size_t)snprintf(buf + p, len - p, "%s%s", p ? "," : "", names[i].name);
}

/* One row's cells as text. */
typedef struct at_cells {
    char a[IPCFG_IPSTR_MAX], m[IPCFG_IPSTR_MAX], b[IPCFG_IPSTR_MAX], idx[16], ty[96];
} at_cells;

static void at_row(const ipcfg_addrrow *r, at_cells *c)
{
    ipcfg_ip mask;
    ipcfg_prefix_to_mask(r->prefix_len, &mask);
    ipcfg_ip_str(&r->addr, c->a, sizeof(c->a));
    ipcfg_ip_str(&mask, c->m, sizeof(c->m));
    if (r->broadcast.family == IPCFG_AF_NONE)
        snprintf(c->b, sizeof(c->b), "-");
    else
        ipcfg_ip_str(&r->broadcast, c->b, sizeof(c->b));
    snprintf(c->idx, sizeof(c->idx), "%lu", (unsigned long)r->ifindex);
    at_type(r->flags, c->ty, sizeof(c->ty));
}

static void at_width(int *w, const char *cell)
{
    int n = (int)strlen(cell); /* every cell but the last column is ASCII */
    if (n > *w)
        *w = n;
}

void ipcfg_fmt_addrtable(ipcfg_strbuf *o, const ipcfg_addrtable *t)
{
    /* Each column as wide as its widest cell, and at least as wide as the
     * classic layout (15 for addresses, 5 for the index, 22 for the type),
     * so that ordinary tables keep their look. */
    int wa = 15, wm = 15, wb = 15, wi = 5, wt = 22;
    for (size_t i = 0; i < t->n; i++) {
        at_cells c;
        at_row(&t->rows[i], &c);
        at_width(&wa, c.a);
        at_width(&wm, c.m);
        at_width(&wb, c.b);
        at_width(&wi, c.idx);
        at_width(&wt, c.ty);
    }
    ipcfg_sb_puts(o, "IPv4 Address Table\n\n");
    /* The interface name comes last: it may be long and hold spaces. */
    ipcfg_sb_printf(o, "   %-*s  %-*s  %-*s  %*s  %-*s  %s\n", wa, "Address", wm, "Subnet Mask", wb, "Broadcast", wi,
                    "Index", wt, "Type", "Interface");
    for (size_t i = 0; i < t->n; i++) {
        const ipcfg_addrrow *r = &t->rows[i];
        at_cells c;
        at_row(r, &c);
        ipcfg_sb_printf(o, "   %-*s  %-*s  %-*s  %*s  %-*s  %s\n", wa, c.a, wm, c.m, wb, c.b, wi, c.idx, wt, c.ty,
                        r->ifname[0] ? r->ifname : "-");
    }
}

void ipcfg_fmt_failure(ipcfg_strbuf *o, const char *verb, const char *name, const ipcfg_error *e)
{
    /* release, renew, their DHCPv6 forms release6, renew6, and
     * registerdns (which renews): their adapters fail as /renew's do */
    int relnew = verb && (strncmp(verb, "release", 7) == 0 || strncmp(verb, "renew", 5) == 0 ||
                          strcmp(verb, "registerdns") == 0);
    const char *ing = verb && strncmp(verb, "release", 7) == 0 ? "releasing" : "renewing";
    switch (e->reason) {
    case IPCFG_R_NO_ADAPTER_PERMISSIBLE:
        ipcfg_sb_puts(o, "The operation failed as no adapter is in the state permissible for this operation.");
        return;
    case IPCFG_R_MEDIA_DISCONNECTED:
        ipcfg_sb_printf(o, "No operation can be performed on %s while it has its media disconnected.",
                        name ? name : "");
        return;
    case IPCFG_R_NOT_DHCP:
        ipcfg_sb_printf(o, "Adapter %s is not enabled for Dhcp.", name ? name : "");
        return;
    case IPCFG_R_DHCP_TIMEOUT:
        ipcfg_sb_printf(o,
                        "An error occurred while renewing interface %s : unable to contact your DHCP server. "
                        "Request has timed out.",
                        name ? name : "");
        return;
    case IPCFG_R_ELEVATION:
        ipcfg_sb_puts(o, e->text[0] ? e->text : "The requested operation requires elevation.");
        return;
    case IPCFG_R_OTHER_CLIENT: /* peers: the core wrote the whole line */
        ipcfg_sb_puts(o, e->text);
        return;
    case IPCFG_R_NONE:
    case IPCFG_R_SYSTEM:
    case IPCFG_R_NOT_FOUND:
    case IPCFG_R_EXISTS:
    case IPCFG_R_NOTSUP:
        break;
    }
    if (relnew && name) {
        ipcfg_sb_printf(o, "An error occurred while %s interface %s : %s", ing, name, e->text);
        return;
    }
    /* ipconfig's lines for an adapter's class (MSG_CLASSID_MODIFY_FAILED,
     * MSG_CLASSID_FAILED), each on one line */
    if (name && verb && strcmp(verb, "setclassid") == 0) {
        ipcfg_sb_printf(o, "DHCP ClassId was not modified for adapter \"%s\": %s", name, e->text);
        return;
    }
    if (name && verb && strcmp(verb, "showclassid") == 0) {
        ipcfg_sb_printf(o, "Failed to obtain the DHCP class ID for adapter \"%s\": %s", name, e->text);
        return;
    }
    ipcfg_sb_printf(o, "Error: %s", e->text);
}
