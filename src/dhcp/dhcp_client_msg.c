/* ipcfg — what the DHCPv4 client sends, and what it accepts of a reply:
 * the fields and options of each message (RFC 2131 table 5, §4.3.2), the
 * identity checks a reply must pass to belong to the exchange, and the
 * sanity checks of the lease it offers.  Pure: no I/O, no clock.  The
 * state machine that decides when each is used: dhcp_client.c.
 *
 * SPDX-License-Identifier: MIT
 */
#include "dhcp_client.h"
#include "dhcp_client_int.h"
#include "dhcp_msg.h"
#include "dns_name.h"

#include <stdio.h>
#include <string.h>

/* The client identifier sent: RFC 2132 §9.14, "type" (the hardware type)
 * then the hardware address. */
size_t ipcfg_dhcp_client_id(const ipcfg_dhcp_client *c, uint8_t *out)
{
    if (c->cfg.hwaddr_len == 0 || c->cfg.hwaddr_len > IPCFG_DHCP_HWADDR_MAX)
        return 0;
    out[0] = c->cfg.htype;
    memcpy(out + 1, c->cfg.hwaddr, c->cfg.hwaddr_len);
    return 1u + c->cfg.hwaddr_len;
}

/* Options 81 (RFC 4702) and 77 (RFC 3004) of a DISCOVER or REQUEST,
 * appended at `at`: the client FQDN beside option 12 (as Windows clients
 * send both), in every DISCOVER and REQUEST so that a renewal asks the
 * server for the same DNS updates, and the user class kept for the
 * interface. */
static size_t client_name_class(const ipcfg_dhcp_client *c, uint8_t *b, size_t cap, size_t at)
{
    uint8_t v[3 + 256];
    size_t n, cl = ipcfg_dhcp_text_len(c->cfg.classid, sizeof c->cfg.classid);

    if (c->cfg.fqdn[0] != '\0' && (n = ipcfg_dhcp_opt_fqdn_build(c->cfg.fqdn, v, sizeof v)) > 0)
        at = ipcfg_dhcp_build_opt(b, cap, at, IPCFG_OPT_FQDN, v, n);
    /* a 255-byte class makes a 256-byte option: build_opt splits it in two
     * instances (RFC 3396 §5) */
    if (cl > 0 && cl < sizeof c->cfg.classid && (n = ipcfg_dhcp_opt_user_class_build(c->cfg.classid, cl, v, sizeof v)) > 0)
        at = ipcfg_dhcp_build_opt(b, cap, at, IPCFG_OPT_USER_CLASS, v, n);
    return at;
}

/* A REQUEST's fields by the state it is sent in (RFC 2131 §4.3.2); -1 in
 * a state that sends none. */
static int request_fields(const ipcfg_dhcp_client *c, uint8_t *b, size_t cap, size_t *at, ipcfg_dhcp_dest *to)
{
    switch (c->state) {
    case IPCFG_DHCP_S_REQUESTING:
        /* §4.3.2 SELECTING: "Client inserts the address of the selected
         * server in 'server identifier', 'ciaddr' MUST be zero,
         * 'requested IP address' MUST be filled in with the yiaddr
         * value from the chosen DHCPOFFER." */
        *at = ipcfg_dhcp_build_opt(b, cap, *at, IPCFG_OPT_REQUESTED_IP, c->offer.address, 4);
        *at = ipcfg_dhcp_build_opt(b, cap, *at, IPCFG_OPT_SERVER_ID, c->server, 4);
        to->broadcast = 1;
        break;
    case IPCFG_DHCP_S_INIT_REBOOT:
        /* §4.3.2 INIT-REBOOT: "'server identifier' MUST NOT be filled
         * in, 'requested IP address' option MUST be filled in with
         * client's notion of its previously assigned address. 'ciaddr'
         * MUST be zero.  The client is seeking to verify a previously
         * allocated, cached configuration." (broadcast) */
        *at = ipcfg_dhcp_build_opt(b, cap, *at, IPCFG_OPT_REQUESTED_IP, c->rec.address, 4);
        to->broadcast = 1;
        break;
    case IPCFG_DHCP_S_RENEWING:
        /* §4.3.2 RENEWING: "'server identifier' MUST NOT be filled in,
         * 'requested IP address' option MUST NOT be filled in, 'ciaddr'
         * MUST be filled in with client's IP address."  §4.4.5: "the
         * client [...] sends a DHCPREQUEST message to the server that
         * leased the client its address" (unicast). */
        memcpy(b + 12, c->rec.address, 4);
        memcpy(to->dst, c->rec.server_id, 4);
        to->has_src = 1;
        memcpy(to->src, c->rec.address, 4);
        break;
    case IPCFG_DHCP_S_REBINDING:
        /* §4.3.2 REBINDING: as RENEWING, but "This message MUST be
         * broadcast to the 0xffffffff IP broadcast address." */
        memcpy(b + 12, c->rec.address, 4);
        to->broadcast = 1;
        to->has_src = 1;
        memcpy(to->src, c->rec.address, 4);
        break;
    default:
        return -1;
    }
    return 0;
}

/* RFC 2131 §4.4.1 / table 5: which fields and options each message carries. */
size_t ipcfg_dhcp_client_build(ipcfg_dhcp_client *c, const ipcfg_dhcp_now *now, uint8_t type, ipcfg_dhcp_dest *to)
{
    static const uint8_t prl[] = {
        IPCFG_OPT_SUBNET_MASK, IPCFG_OPT_ROUTER,     IPCFG_OPT_DNS, IPCFG_OPT_HOST_NAME,
        IPCFG_OPT_DOMAIN,      IPCFG_OPT_BROADCAST,  IPCFG_OPT_LEASE_TIME, IPCFG_OPT_SERVER_ID,
        IPCFG_OPT_T1,          IPCFG_OPT_T2,         IPCFG_OPT_CLASSLESS_ROUTES, IPCFG_OPT_SEARCH,
        IPCFG_OPT_MTU,         IPCFG_OPT_NTP,        IPCFG_OPT_CAPTIVE_PORTAL,
    };
    uint8_t *b = c->msgbuf, cid[1 + IPCFG_DHCP_HWADDR_MAX];
    const uint8_t *cidp = cid;
    size_t cap = sizeof c->msgbuf, at, cidlen = ipcfg_dhcp_client_id(c, cid);
    ipcfg_dhcp_hdr h;
    int64_t el;
    uint8_t t = type;
    size_t hn = ipcfg_dhcp_text_len(c->cfg.hostname, sizeof c->cfg.hostname);

    memset(&h, 0, sizeof h);
    memset(to, 0, sizeof(*to));
    h.op = IPCFG_BOOTREQUEST;
    h.htype = c->cfg.htype;
    h.hlen = c->cfg.hwaddr_len <= 16 ? c->cfg.hwaddr_len : 16;
    memcpy(h.chaddr, c->cfg.hwaddr, h.hlen);
    if (type == IPCFG_DHCPRELEASE && c->rec.hwaddr_len != 0 && c->rec.hwaddr_len <= 16) {
        /* the hardware address the lease was obtained with (the link's
         * may have been changed since) */
        h.hlen = c->rec.hwaddr_len;
        memcpy(h.chaddr, c->rec.hwaddr, h.hlen);
    }
    h.xid = c->xid;
    el = (now->mono_ms - c->started_ms) / 1000;
    /* Table 5, 'secs': "0 or seconds since DHCP process started" for
     * DISCOVER and REQUEST, 0 for DECLINE and RELEASE. */
    if (type == IPCFG_DHCPDISCOVER)
        c->secs = (uint16_t)(el < 0 ? 0 : el > 65535 ? 65535 : el);
    if (type == IPCFG_DHCPDISCOVER || (type == IPCFG_DHCPREQUEST && c->state == IPCFG_DHCP_S_REQUESTING))
        h.secs = c->secs; /* §3.1 step 3: the REQUEST "MUST use the same value in the DHCP message
                             header's 'secs' field" as the DISCOVER */
    else if (type == IPCFG_DHCPREQUEST)
        h.secs = (uint16_t)(el < 0 ? 0 : el > 65535 ? 65535 : el);

    if (type == IPCFG_DHCPRELEASE && c->rec.client_id_len && c->rec.client_id_len <= sizeof c->rec.client_id) {
        cidp = c->rec.client_id; /* the identity the lease was obtained with */
        cidlen = c->rec.client_id_len;
    }

    at = ipcfg_dhcp_build_begin(b, cap, &h);
    at = ipcfg_dhcp_build_opt(b, cap, at, IPCFG_OPT_MSG_TYPE, &t, 1);
    switch (type) {
    case IPCFG_DHCPDISCOVER:
        to->broadcast = 1;
        break;
    case IPCFG_DHCPREQUEST:
        if (request_fields(c, b, cap, &at, to) != 0)
            return 0;
        break;
    case IPCFG_DHCPDECLINE:
        /* Table 5: DECLINE carries 'requested IP address' (MUST), 'server
         * identifier' (MUST), client identifier (MAY), nothing else; it is
         * broadcast (§4.4.1: the client has no usable address). */
        at = ipcfg_dhcp_build_opt(b, cap, at, IPCFG_OPT_REQUESTED_IP, c->offer.address, 4);
        at = ipcfg_dhcp_build_opt(b, cap, at, IPCFG_OPT_SERVER_ID, c->offer.server_id, 4);
        to->broadcast = 1;
        break;
    case IPCFG_DHCPRELEASE:
        /* §4.4.6: "The client unicasts DHCPRELEASE messages to the server";
         * table 5: 'ciaddr' = the client's address, 'server identifier'
         * MUST, client identifier MAY, everything else MUST NOT. */
        memcpy(b + 12, c->rec.address, 4);
        at = ipcfg_dhcp_build_opt(b, cap, at, IPCFG_OPT_SERVER_ID, c->rec.server_id, 4);
        memcpy(to->dst, c->rec.server_id, 4);
        to->has_src = 1;
        memcpy(to->src, c->rec.address, 4);
        break;
    default:
        return 0;
    }
    /* RFC 2131 §4.2: "once a client identifier is used, every message
     * carries it" (the server identifies the binding by it). */
    if (cidlen)
        at = ipcfg_dhcp_build_opt(b, cap, at, IPCFG_OPT_CLIENT_ID, cidp, cidlen);
    if (type == IPCFG_DHCPDISCOVER || type == IPCFG_DHCPREQUEST) {
        if (hn > 0)
            at = ipcfg_dhcp_build_opt(b, cap, at, IPCFG_OPT_HOST_NAME, c->cfg.hostname, hn);
        at = client_name_class(c, b, cap, at);
        at = ipcfg_dhcp_build_opt(b, cap, at, IPCFG_OPT_PARAM_LIST, prl, sizeof prl);
    }
    return ipcfg_dhcp_build_end(b, cap, at);
}

/* ---- replies ---------------------------------------------------------------------------- */

/* The options the lease keeps beside its address (each checked by its
 * parser, dhcp_opts.c), and the name it is obtained sending. */
static void lease_options(const ipcfg_dhcp_client *c, const ipcfg_dhcp_msg *m, ipcfg_dhcp_lease *l)
{
    memcpy(l->search, m->search, sizeof l->search);
    l->n_search = m->n_search;
    memcpy(l->ntp, m->ntp, sizeof l->ntp);
    l->n_ntp = m->n_ntp;
    l->mtu = m->mtu;
    memcpy(l->captive_portal, m->captive_portal, sizeof l->captive_portal);
    if (ipcfg_dns_name_valid(c->cfg.fqdn, ipcfg_dhcp_text_len(c->cfg.fqdn, sizeof c->cfg.fqdn)))
        memcpy(l->fqdn, c->cfg.fqdn, sizeof l->fqdn);
    l->name_choice = c->cfg.name_choice;
}

/* Sanity checks of an OFFER or ACK and the lease it describes.  ack: the
 * subnet mask is required too (the address is about to be installed). */
const char *ipcfg_dhcp_client_check_lease(const ipcfg_dhcp_client *c, const ipcfg_dhcp_msg *m, int ack, ipcfg_dhcp_lease *l)
{
    int prefix = -1;
    unsigned i;

    memset(l, 0, sizeof *l);
    /* Table 3: OFFER and ACK "MUST" carry the server identifier and the
     * lease time. */
    if (!(m->has & IPCFG_HAS_SERVER_ID))
        return "it carries no server identifier (option 54)";
    if (!ipcfg_dhcp_unicast_ok(m->server_id))
        return "its server identifier is not a unicast address";
    if (!(m->has & IPCFG_HAS_LEASE_TIME))
        return "it carries no lease time (option 51)";
    if (m->lease_time < IPCFG_DHCP_MIN_LEASE)
        return "its lease time is under 10 seconds";
    if (m->has & IPCFG_HAS_MASK) {
        prefix = ipcfg_dhcp_mask_prefix(m->mask);
        if (prefix < 1)
            return "its subnet mask is 0.0.0.0 or not contiguous";
    } else if (ack) {
        return "its DHCPACK carries no subnet mask (option 1)";
    }
    if (prefix > 0 ? !ipcfg_dhcp_host_ok(m->h.yiaddr, (unsigned)prefix) : !ipcfg_dhcp_unicast_ok(m->h.yiaddr))
        return "the address it offers is not a usable host address (0.0.0.0, a broadcast or network address, loopback, multicast or class E)";
    for (i = 0; i < m->n_routers; i++)
        if (!ipcfg_dhcp_unicast_ok(m->routers[i]))
            return "a router address it gives is not a unicast address";
    for (i = 0; i < m->n_routes; i++)
        if (ipcfg_dhcp_get32(m->routes[i].gateway) != 0 && !ipcfg_dhcp_unicast_ok(m->routes[i].gateway))
            return "a classless route gateway it gives is not a unicast address";

    l->state = IPCFG_DHCP_LEASE_BOUND;
    ipcfg_copy_str(l->ifname, sizeof l->ifname, c->cfg.ifname);
    l->hwaddr_len = c->cfg.hwaddr_len <= sizeof l->hwaddr ? c->cfg.hwaddr_len : 0;
    memcpy(l->hwaddr, c->cfg.hwaddr, l->hwaddr_len);
    l->client_id_len = (uint8_t)ipcfg_dhcp_client_id(c, l->client_id);
    memcpy(l->address, m->h.yiaddr, 4);
    l->prefix_len = (uint8_t)(prefix > 0 ? prefix : 0);
    memcpy(l->server_id, m->server_id, 4);
    /* RFC 3442: "If the DHCP server returns both a Classless Static Routes
     * option and a Router option, the DHCP client MUST ignore the Router
     * option." */
    if (m->n_routes > 0) {
        memcpy(l->routes, m->routes, sizeof l->routes);
        l->n_routes = m->n_routes;
    } else {
        memcpy(l->routers, m->routers, sizeof l->routers);
        l->n_routers = m->n_routers;
    }
    /* a DNS server address that no host can have (0/8, loopback,
     * multicast, class E, broadcast) is left out, not the whole lease */
    for (i = 0; i < m->n_dns && i < IPCFG_DHCP_MAX_DNS; i++)
        if (ipcfg_dhcp_unicast_ok(m->dns[i]))
            memcpy(l->dns[l->n_dns++], m->dns[i], 4);
    memcpy(l->domain, m->domain, sizeof l->domain);
    lease_options(c, m, l);
    l->lease_time = m->lease_time;
    /* options 58 and 59 when they make a timeline, else the RFC 2131
     * §4.4.5 defaults (dhcp_time.c) */
    ipcfg_dhcp_lease_times(m->lease_time, (m->has & IPCFG_HAS_T1) ? &m->t1 : NULL,
                           (m->has & IPCFG_HAS_T2) ? &m->t2 : NULL, &l->t1, &l->t2);
    l->obtained = c->req_wall;
    return NULL;
}

int ipcfg_dhcp_client_raw_ours(const ipcfg_dhcp_client *c, const uint8_t *msg, size_t len)
{
    /* RFC 2131 §2, figure 1: op 0, htype 1, hlen 2, xid 4-7, chaddr 28-43 */
    if (len < 44 || msg[0] != IPCFG_BOOTREPLY || msg[1] != c->cfg.htype || msg[2] != c->cfg.hwaddr_len)
        return 0;
    return ipcfg_dhcp_get32(msg + 4) == c->xid && memcmp(msg + 28, c->cfg.hwaddr, c->cfg.hwaddr_len) == 0;
}

/* RFC 2131 §4.4.1: a reply belongs to this exchange only when it is a
 * BOOTREPLY for our hardware address and xid (the magic cookie and the
 * message type are checked by the parser). */
const char *ipcfg_dhcp_client_check_identity(const ipcfg_dhcp_client *c, const ipcfg_dhcp_msg *m)
{
    if (m->h.op != IPCFG_BOOTREPLY)
        return "not a BOOTREPLY";
    if (m->h.htype != c->cfg.htype || m->h.hlen != c->cfg.hwaddr_len)
        return "other hardware type or length";
    if (memcmp(m->h.chaddr, c->cfg.hwaddr, c->cfg.hwaddr_len) != 0)
        return "other client hardware address";
    if (m->h.xid != c->xid)
        return "other transaction id";
    return NULL;
}

/* What each IPCFG_DHCP_LEFT_* bit names, and why it is left out when it is
 * the first: "The DHCP server's WHAT WHY; GONE".  The names of a search
 * list left out alone are named by "listed" among the others. */
static const struct {
    unsigned bit;
    const char *what, *why, *gone, *listed;
} left_texts[] = {
    {IPCFG_DHCP_LEFT_DOMAIN, "domain name (option 15)", "is not a valid DNS name", NULL, NULL},
    {IPCFG_DHCP_LEFT_SEARCH, "domain search list (option 119)",
     "is malformed (a compression loop or forward pointer, a name too long)", NULL, NULL},
    {IPCFG_DHCP_LEFT_SEARCH_NAME, "domain search list (option 119)", "holds a name that is not a valid DNS name",
     "each such name was left out of the lease, the others kept.",
     "names of the domain search list (option 119) that are not valid DNS names"},
    {IPCFG_DHCP_LEFT_MTU, "interface MTU (option 26)", "is not 2 bytes of at least 68", NULL, NULL},
    {IPCFG_DHCP_LEFT_NTP, "NTP server list (option 42)", "is not a multiple of 4 bytes", NULL, NULL},
    {IPCFG_DHCP_LEFT_PORTAL, "captive-portal URI (option 114)", "is not a printable https: URI", NULL, NULL},
    {IPCFG_DHCP_LEFT_FQDN, "client FQDN answer (option 81)", "is malformed or not a valid DNS name", NULL, NULL},
};

/* The first option left out in a sentence of its own (the domain's, when
 * it is one, reads the same alone or with others), the others named after
 * it: one line whatever the combination. */
size_t ipcfg_dhcp_left_out_text(unsigned left_out, char *buf, size_t len)
{
    size_t i, k = 0, n = 0, total = 0, nt = sizeof left_texts / sizeof left_texts[0];
    char t[IPCFG_ERRTEXT_MAX] = "";

    if (len == 0)
        return 0;
    for (i = 0; i < nt; i++)
        total += (left_out & left_texts[i].bit) != 0;
    for (i = 0; i < nt && n < sizeof t; i++) {
        if (!(left_out & left_texts[i].bit))
            continue;
        k++;
        if (k == 1)
            n += (size_t)snprintf(t, sizeof t, "The DHCP server's %s %s; %s", left_texts[i].what, left_texts[i].why,
                                  left_texts[i].gone ? left_texts[i].gone : "it was left out of the lease.");
        else
            n += (size_t)snprintf(t + n, sizeof t - n, "%s%s%s",
                                  k == 2 ? " Also left out, not what its option must carry: the "
                                  : k == total ? " and the " : ", the ",
                                  left_texts[i].listed ? left_texts[i].listed : left_texts[i].what,
                                  k == total ? "." : "");
    }
    ipcfg_copy_str(buf, len, t);
    return strlen(buf);
}
