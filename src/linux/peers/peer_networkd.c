/* ipcfg — systemd-networkd's lease files (/run/systemd/netif/leases/<ifindex>),
 * which NetworkManager's internal client also writes: KEY=VALUE lines.
 *
 * Only ADDRESS, SERVER_ADDRESS, LIFETIME, DNS and DOMAINNAME are used.
 * Each of them is checked whole; a malformed one makes the file unusable
 * (nothing of it is shown).  Other keys are not looked at.
 *
 * SPDX-License-Identifier: MIT
 */
#include "peers/peer_lease.h"

#include <string.h>

int ipcfg_lx_peer_ip4(const char *s, size_t len, uint8_t out[4])
{
    size_t i = 0;
    for (int part = 0; part < 4; part++) {
        unsigned v = 0;
        size_t start = i;
        if (part > 0) {
            if (i >= len || s[i] != '.')
                return -1;
            start = ++i;
        }
        while (i < len && s[i] >= '0' && s[i] <= '9' && i - start < 3) {
            v = v * 10 + (unsigned)(s[i] - '0');
            i++;
        }
        if (i == start || v > 255 || (s[start] == '0' && i - start > 1))
            return -1;
        out[part] = (uint8_t)v;
    }
    return i == len ? 0 : -1;
}

int ipcfg_lx_peer_domain(const char *s, size_t len, char *out)
{
    if (len == 0 || len > 253)
        return -1;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
              c == '.'))
            return -1;
    }
    memcpy(out, s, len);
    out[len] = '\0';
    return 0;
}

/* A systemd time span with whole units ("3600", "1h", "1d 2h 3min 4s",
 * "infinity").  Seconds in *out, *inf set for infinity.  0 ok, -1 bad. */
static int parse_timespan(const char *s, size_t len, int64_t *out, int *inf)
{
    static const struct {
        const char *name;
        int64_t secs; /* 0: sub-second units, which must add up to whole seconds */
        int64_t usec;
    } units[] = {
        {"usec", 0, 1},         {"us", 0, 1},           {"msec", 0, 1000},      {"ms", 0, 1000},
        {"seconds", 1, 0},      {"second", 1, 0},       {"sec", 1, 0},          {"s", 1, 0},
        {"minutes", 60, 0},     {"minute", 60, 0},      {"min", 60, 0},         {"m", 60, 0},
        {"hours", 3600, 0},     {"hour", 3600, 0},      {"hr", 3600, 0},        {"h", 3600, 0},
        {"days", 86400, 0},     {"day", 86400, 0},      {"d", 86400, 0},        {"weeks", 604800, 0},
        {"week", 604800, 0},    {"w", 604800, 0},       {"months", 2629800, 0}, {"month", 2629800, 0},
        {"M", 2629800, 0},      {"years", 31557600, 0}, {"year", 31557600, 0},  {"y", 31557600, 0},
    };
    const int64_t cap = (int64_t)1 << 40;
    int64_t total = 0, usec = 0;
    size_t i = 0;
    int parts = 0;

    *inf = 0;
    if (len == 8 && memcmp(s, "infinity", 8) == 0) {
        *inf = 1;
        *out = 0;
        return 0;
    }
    while (i < len) {
        int64_t v = 0;
        size_t start;
        while (i < len && s[i] == ' ')
            i++;
        if (i == len)
            break;
        start = i;
        while (i < len && s[i] >= '0' && s[i] <= '9') {
            v = v * 10 + (s[i] - '0');
            if (v > cap)
                return -1;
            i++;
        }
        if (i == start)
            return -1;
        while (i < len && s[i] == ' ')
            i++;
        start = i;
        while (i < len && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
            i++;
        if (i == start) {
            if (parts > 0 || i != len)
                return -1; /* a bare number is seconds, and only alone */
            total = v;
            parts++;
            break;
        }
        size_t k, ul = i - start;
        for (k = 0; k < sizeof units / sizeof units[0]; k++)
            if (strlen(units[k].name) == ul && memcmp(units[k].name, s + start, ul) == 0)
                break;
        if (k == sizeof units / sizeof units[0])
            return -1;
        if (units[k].secs)
            total += v * units[k].secs;
        else
            usec += v * units[k].usec;
        if (total > cap || usec > cap)
            return -1;
        parts++;
    }
    if (parts == 0 || usec % 1000000 != 0)
        return -1;
    *out = total + usec / 1000000;
    return 0;
}

int ipcfg_lx_peer_parse_networkd(const char *text, size_t len, int64_t mtime, ipcfg_lx_peer_lease *out)
{
    size_t pos = 0;
    int64_t lifetime = 0;
    int has_lifetime = 0, infinite = 0;

    memset(out, 0, sizeof *out);
    out->client = IPCFG_PEER_NETWORKD;
    if (text == NULL || len > IPCFG_PEER_FILE_MAX)
        return -1;
    while (pos < len) {
        const char *line = text + pos, *eq, *val;
        size_t ll = 0, kl, vl;
        while (pos + ll < len && text[pos + ll] != '\n')
            ll++;
        pos += ll + 1;
        if (memchr(line, '\0', ll) != NULL)
            goto bad;
        if (ll > 0 && line[ll - 1] == '\r')
            ll--;
        if (ll == 0 || line[0] == '#' || line[0] == ';')
            continue;
        eq = memchr(line, '=', ll);
        if (eq == NULL)
            goto bad;
        kl = (size_t)(eq - line);
        val = eq + 1;
        vl = ll - kl - 1;
        if (vl >= 2 && (val[0] == '"' || val[0] == '\'') && val[vl - 1] == val[0]) {
            val++;
            vl -= 2;
        }
#define KEY(k) (kl == sizeof(k) - 1 && memcmp(line, k, kl) == 0)
        if (KEY("ADDRESS")) {
            if (ipcfg_lx_peer_ip4(val, vl, out->addr) != 0)
                goto bad;
            out->has_addr = 1;
        } else if (KEY("SERVER_ADDRESS")) {
            if (ipcfg_lx_peer_ip4(val, vl, out->server) != 0)
                goto bad;
            out->has_server = 1;
        } else if (KEY("LIFETIME")) {
            if (parse_timespan(val, vl, &lifetime, &infinite) != 0)
                goto bad;
            has_lifetime = 1;
        } else if (KEY("DNS")) {
            size_t i = 0;
            out->n_dns = 0;
            while (i < vl) {
                size_t start;
                while (i < vl && val[i] == ' ')
                    i++;
                start = i;
                while (i < vl && val[i] != ' ')
                    i++;
                if (i == start)
                    break;
                if (out->n_dns < IPCFG_PEER_DNS_MAX) {
                    if (ipcfg_lx_peer_ip4(val + start, i - start, out->dns[out->n_dns]) != 0)
                        goto bad;
                    out->n_dns++;
                }
            }
        } else if (KEY("DOMAINNAME")) {
            if (ipcfg_lx_peer_domain(val, vl, out->domain) != 0)
                goto bad;
        }
#undef KEY
    }
    if (!out->has_addr)
        goto bad;
    if (has_lifetime) {
        out->has_obtained = 1;
        out->obtained = mtime;
        if (infinite) {
            out->infinite = 1;
        } else {
            out->has_expires = 1;
            out->expires = mtime + lifetime;
        }
    }
    return 0;
bad:
    memset(out, 0, sizeof *out);
    out->client = IPCFG_PEER_NETWORKD;
    return -1;
}
