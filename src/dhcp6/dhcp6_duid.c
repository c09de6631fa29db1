/* ipcfg — DHCPv6 identity.  See dhcp6_duid.h.
 *
 * SPDX-License-Identifier: MIT
 */
#include "dhcp6_duid.h"

#include <stdio.h>
#include <string.h>

#include "dhcp6_msg.h"
#include "dhcp6_sha256.h"
#include "dhcp6_text.h"
#include "ipcfg/model.h"

#define DUID_MAGIC "ipcfg-duid"
#define DUID_VERSION 1

size_t ipcfg_dhcp6_duid_llt(uint16_t hwtype, const uint8_t *hw, size_t hwlen, int64_t now_s, uint8_t *out,
                            size_t cap)
{
    /* §11.2, figure 4: DUID-Type (1), hardware type, time, link-layer
     * address; 128 octets at most after the type (§11.1) */
    if (hwlen == 0 || hwlen > IPCFG_DHCP6_DUID_MAX - 8 || cap < 8 + hwlen)
        return 0;
    int64_t t = now_s - IPCFG_DHCP6_DUID_EPOCH;
    uint32_t mod = (uint32_t)((uint64_t)t & 0xffffffffu); /* "modulo 2^32" (two's complement before 2000) */
    ipcfg_dhcp6_put16(out, IPCFG_DHCP6_DUID_LLT);
    ipcfg_dhcp6_put16(out + 2, hwtype);
    ipcfg_dhcp6_put32(out + 4, mod);
    memcpy(out + 8, hw, hwlen);
    return 8 + hwlen;
}

size_t ipcfg_dhcp6_duid_uuid(const uint8_t uuid[16], uint8_t *out, size_t cap)
{
    /* §11.5, figure 8: DUID-Type (4), UUID (128 bits) */
    if (cap < 18)
        return 0;
    ipcfg_dhcp6_put16(out, IPCFG_DHCP6_DUID_UUID);
    memcpy(out + 2, uuid, 16);
    return 18;
}

int ipcfg_dhcp6_uuid_from_machine_id(const char *text, size_t len, uint8_t uuid[16])
{
    /* the application key: fixed, ipcfg's own (never change it: the DUID
     * of every host would change with it) */
    static const uint8_t app[16] = {0x69, 0x70, 0x63, 0x66, 0x67, 0x2d, 0x64, 0x68,
                                    0x63, 0x70, 0x36, 0x2d, 0x64, 0x75, 0x69, 0x64};
    uint8_t id[16], mac[32], n;

    if (len == 33 && text[32] == '\n')
        len = 32;
    if (len != 32 || ipcfg_dhcp6_text_hex(text, len, id, 16, 16, &n) != 0)
        return -1;
    ipcfg_dhcp6_hmac_sha256(id, sizeof(id), app, sizeof(app), mac);
    memcpy(uuid, mac, 16);
    uuid[6] = (uint8_t)((uuid[6] & 0x0f) | 0x40); /* RFC 9562 §5.4: version 4 */
    uuid[8] = (uint8_t)((uuid[8] & 0x3f) | 0x80); /* the variant of RFC 9562 §4.1 */
    return 0;
}

int ipcfg_dhcp6_duid_valid(const uint8_t *duid, size_t len)
{
    if (duid == NULL || len < IPCFG_DHCP6_DUID_MIN || len > IPCFG_DHCP6_DUID_MAX)
        return 0;
    switch (ipcfg_dhcp6_get16(duid)) {
    case IPCFG_DHCP6_DUID_LLT:
        return len >= 9; /* type, hardware type, time, one octet of address */
    case IPCFG_DHCP6_DUID_EN:
        return len >= 7; /* type, enterprise number, one octet of identifier */
    case IPCFG_DHCP6_DUID_LL:
        return len >= 5; /* type, hardware type, one octet of address */
    case IPCFG_DHCP6_DUID_UUID:
        return len == 18;
    default:
        return 1;
    }
}

size_t ipcfg_dhcp6_duid_format(const uint8_t *duid, size_t len, char *buf, size_t cap)
{
    ipcfg_dhcp6_out o;

    ipcfg_dhcp6_out_init(&o, buf, cap);
    if (!ipcfg_dhcp6_duid_valid(duid, len))
        return 0; /* buf is "" */
    ipcfg_dhcp6_out_fmt(&o, "%s %d\nduid ", DUID_MAGIC, DUID_VERSION);
    ipcfg_dhcp6_out_hex(&o, duid, len);
    ipcfg_dhcp6_out_fmt(&o, "\nend\n");
    return ipcfg_dhcp6_out_end(&o);
}

typedef struct duid_read {
    uint8_t duid[IPCFG_DHCP6_DUID_MAX];
    uint8_t len;
} duid_read;

static int duid_line(void *ctx, const char *key, size_t kn, const char *val, size_t vn, const char **msg)
{
    duid_read *r = ctx;

    if (kn != 4 || memcmp(key, "duid", 4) != 0) {
        *msg = "unknown key";
        return -1;
    }
    if (r->len != 0) {
        *msg = "key repeated";
        return -1;
    }
    if (ipcfg_dhcp6_text_hex(val, vn, r->duid, IPCFG_DHCP6_DUID_MIN, IPCFG_DHCP6_DUID_MAX, &r->len) != 0 ||
        !ipcfg_dhcp6_duid_valid(r->duid, r->len)) {
        r->len = 0;
        *msg = "not a DUID";
        return -1;
    }
    return 0;
}

int ipcfg_dhcp6_duid_parse(const char *buf, size_t len, uint8_t out[130], uint8_t *out_len, char *why,
                           size_t why_len)
{
    duid_read r;

    memset(&r, 0, sizeof(r));
    if (ipcfg_dhcp6_text_walk(buf, len, DUID_MAGIC, DUID_VERSION, duid_line, &r, why, why_len) != 0)
        return -1;
    if (r.len == 0) {
        if (why && why_len)
            snprintf(why, why_len, "no duid line");
        return -1;
    }
    memcpy(out, r.duid, r.len);
    *out_len = r.len;
    return 0;
}

size_t ipcfg_dhcp6_duid_windows(const uint8_t *duid, size_t len, char *buf, size_t cap)
{
    static const char hx[] = "0123456789ABCDEF";

    if (cap == 0)
        return 0;
    buf[0] = '\0';
    if (len == 0 || cap < 3 * len)
        return 0;
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (i > 0)
            buf[o++] = '-';
        buf[o++] = hx[duid[i] >> 4];
        buf[o++] = hx[duid[i] & 15];
    }
    buf[o] = '\0';
    return o;
}

/* FNV-1a, 32 bits (offset basis 2166136261, prime 16777619). */
static uint32_t fnv1a(const uint8_t *p, size_t n)
{
    uint32_t h = 2166136261u;

    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 16777619u;
    }
    return h;
}

uint32_t ipcfg_dhcp6_iaid_from_hwaddr(const uint8_t *hw, size_t len)
{
    return fnv1a(hw, len);
}

uint32_t ipcfg_dhcp6_iaid_from_name(const char *ifname)
{
    return fnv1a((const uint8_t *)ifname, strlen(ifname));
}

size_t ipcfg_dhcp6_iaid_text(uint32_t iaid, char *buf, size_t cap)
{
    int n = snprintf(buf, cap, "%lu", (unsigned long)iaid);

    if (n < 0 || (size_t)n >= cap) {
        if (cap)
            buf[0] = '\0';
        return 0;
    }
    return (size_t)n;
}
