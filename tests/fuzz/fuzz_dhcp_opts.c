/* ipcfg — libFuzzer target for the DHCPv4 option parsers of
 * src/dhcp/dhcp_opts.c: the domain search list (119, with RFC 1035
 * compression), the interface MTU (26), NTP servers (42), the captive
 * portal (114) and a server's client FQDN answer (81).  The first byte
 * chooses the parser, the rest is the option's whole value.  What a parser
 * accepts must be what the lease may carry: every name passes
 * ipcfg_dns_name_valid and is terminated within its array, the URI passes
 * ipcfg_dns_uri_valid, the MTU is at least 68; a rejected option keeps
 * nothing (of a search list whose names are not all DNS names, only those
 * are dropped).  A name the parsers accept is also sent back the way ipcfg
 * sends its own FQDN (ipcfg_dhcp_opt_fqdn_build), which must read back the
 * same.
 * SPDX-License-Identifier: MIT */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp_msg.h"
#include "dns_name.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void name_ok(const char *s, size_t cap)
{
    const char *z = memchr(s, '\0', cap);
    if (z == NULL || z == s || !ipcfg_dns_name_valid(s, (size_t)(z - s)))
        abort();
}

static void fqdn_back(const char *name)
{
    uint8_t w[3 + 256], f = 0;
    char back[IPCFG_DHCP_NAME_CAP];
    size_t n = ipcfg_dhcp_opt_fqdn_build(name, w, sizeof w);

    if (n == 0 || ipcfg_dhcp_opt_fqdn(w, n, &f, back, sizeof back) != 0 || strcmp(back, name) != 0 ||
        f != (IPCFG_FQDN_S | IPCFG_FQDN_E))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char names[IPCFG_DHCP_MAX_SEARCH][IPCFG_DHCP_NAME_CAP], text[IPCFG_DHCP_URI_CAP];
    uint8_t ntp[IPCFG_DHCP_MAX_NTP][4], n = 0, flags = 0;
    uint16_t mtu = 0;
    unsigned i;
    int r;

    if (size == 0)
        return 0;
    const uint8_t *v = data + 1;
    size_t len = size - 1;
    switch (data[0] % 5) {
    case 0:
        r = ipcfg_dhcp_opt_search(v, len, names, IPCFG_DHCP_MAX_SEARCH, &n);
        if (r == 0 || r == 1) {
            /* 0: every name kept was valid, at least one; 1: names that are
             * no DNS names were dropped, the valid ones (maybe none) kept */
            if ((r == 0 && n == 0) || n > IPCFG_DHCP_MAX_SEARCH)
                abort();
            for (i = 0; i < n; i++) {
                name_ok(names[i], sizeof names[i]);
                if (i > 0 && strcmp(names[i], names[i - 1]) == 0)
                    abort();
                fqdn_back(names[i]);
            }
        } else if (r != -1 || n != 0) {
            abort();
        }
        break;
    case 1:
        if (ipcfg_dhcp_opt_mtu(v, len, &mtu) == 0 && (len != 2 || mtu < 68))
            abort();
        break;
    case 2:
        if (ipcfg_dhcp_opt_ntp(v, len, ntp, IPCFG_DHCP_MAX_NTP, &n) == 0) {
            if (len % 4 != 0 || n > IPCFG_DHCP_MAX_NTP)
                abort();
            for (i = 0; i < n; i++)
                if (!ipcfg_dhcp_unicast_ok(ntp[i]))
                    abort();
        }
        break;
    case 3:
        if (ipcfg_dhcp_opt_portal(v, len, text, sizeof text) == 0 &&
            (strlen(text) != len || !ipcfg_dns_uri_valid(text, len)))
            abort();
        break;
    default:
        if (ipcfg_dhcp_opt_fqdn(v, len, &flags, names[0], sizeof names[0]) == 0) {
            if (names[0][0] != '\0') {
                name_ok(names[0], sizeof names[0]);
                fqdn_back(names[0]);
            }
        } else if (names[0][0] != '\0') {
            abort();
        }
        break;
    }
    return 0;
}
