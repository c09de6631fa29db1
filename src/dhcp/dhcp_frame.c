/* ipcfg — IPv4 + UDP framing for DHCP.  See dhcp_frame.h.
 * SPDX-License-Identifier: MIT */
#include "dhcp_frame.h"

#include <string.h>

#define IPPROTO_UDP_NUM 17

static uint16_t get16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

/* RFC 1071 §4.1: the one's complement of the one's complement sum of the
 * 16-bit words; an odd last octet is padded with zero.  sum: a partial sum
 * to start from (the pseudo-header). */
static uint32_t csum_add(const uint8_t *buf, size_t len, uint32_t sum)
{
    size_t i;

    for (i = 0; i + 1 < len; i += 2) {
        sum += (uint32_t)get16(buf + i);
        sum = (sum & 0xffffu) + (sum >> 16);
    }
    if (len & 1) {
        sum += (uint32_t)buf[len - 1] << 8;
        sum = (sum & 0xffffu) + (sum >> 16);
    }
    return sum;
}

uint16_t ipcfg_inet_csum(const uint8_t *buf, size_t len, uint32_t sum)
{
    sum = csum_add(buf, len, sum);
    while (sum >> 16)
        sum = (sum & 0xffffu) + (sum >> 16);
    return (uint16_t)~sum;
}

/* RFC 768: the pseudo-header of source, destination, zero, protocol and
 * UDP length. */
static uint32_t pseudo_sum(const uint8_t src[4], const uint8_t dst[4], uint16_t udp_len)
{
    uint8_t ph[12];

    memcpy(ph, src, 4);
    memcpy(ph + 4, dst, 4);
    ph[8] = 0;
    ph[9] = IPPROTO_UDP_NUM;
    put16(ph + 10, udp_len);
    return csum_add(ph, sizeof ph, 0);
}

size_t ipcfg_dhcp_frame_build(uint8_t *out, size_t cap, const uint8_t src[4], const uint8_t dst[4], uint16_t sport,
                              uint16_t dport, uint16_t ip_id, const uint8_t *payload, size_t len)
{
    size_t total = IPCFG_DHCP_FRAME_OVERHEAD + len;
    uint8_t *ip = out, *udp = out + IPCFG_IP4_HDR_LEN;
    uint16_t c;

    if (len > 65535 - IPCFG_DHCP_FRAME_OVERHEAD || cap < total)
        return 0;
    memset(out, 0, IPCFG_DHCP_FRAME_OVERHEAD);
    ip[0] = 0x45;                 /* version 4, IHL 5 */
    ip[1] = 0x10;                 /* TOS: low delay, as other DHCP clients send */
    put16(ip + 2, (uint16_t)total);
    put16(ip + 4, ip_id);
    /* flags and fragment offset 0 */
    ip[8] = 64;                   /* TTL */
    ip[9] = IPPROTO_UDP_NUM;
    memcpy(ip + 12, src, 4);
    memcpy(ip + 16, dst, 4);
    put16(ip + 10, ipcfg_inet_csum(ip, IPCFG_IP4_HDR_LEN, 0));

    put16(udp, sport);
    put16(udp + 2, dport);
    put16(udp + 4, (uint16_t)(IPCFG_UDP_HDR_LEN + len));
    if (len)
        memmove(udp + IPCFG_UDP_HDR_LEN, payload, len);
    c = ipcfg_inet_csum(udp, IPCFG_UDP_HDR_LEN + len, pseudo_sum(src, dst, (uint16_t)(IPCFG_UDP_HDR_LEN + len)));
    /* RFC 768: "If the computed checksum is zero, it is transmitted as all
     * ones" (zero means no checksum). */
    put16(udp + 6, c == 0 ? 0xffff : c);
    return total;
}

int ipcfg_dhcp_frame_parse(const uint8_t *frame, size_t len, int csum_partial, ipcfg_dhcp_frame *out,
                           const char **why)
{
    const char *w;
    size_t ihl, total, ulen;
    const uint8_t *udp;
    uint16_t frag;

    memset(out, 0, sizeof *out);
    if (len < IPCFG_IP4_HDR_LEN) {
        w = "frame shorter than an IPv4 header";
        goto bad;
    }
    if ((frame[0] >> 4) != 4) {
        w = "not IPv4";
        goto bad;
    }
    ihl = (size_t)(frame[0] & 0x0f) * 4;
    if (ihl < IPCFG_IP4_HDR_LEN || ihl > len) {
        w = "bad IPv4 header length";
        goto bad;
    }
    total = get16(frame + 2);
    if (total < ihl || total > len) {
        w = "IPv4 total length outside the frame";
        goto bad;
    }
    if (ipcfg_inet_csum(frame, ihl, 0) != 0) {
        w = "bad IPv4 header checksum";
        goto bad;
    }
    /* RFC 791: flags (3 bits) and fragment offset (13 bits).  A fragment
     * (MF set or offset non-zero) is not reassembled here. */
    frag = get16(frame + 6);
    if ((frag & 0x2000) || (frag & 0x1fff)) {
        w = "IPv4 fragment";
        goto bad;
    }
    if (frame[9] != IPPROTO_UDP_NUM) {
        w = "not UDP";
        goto bad;
    }
    if (total - ihl < IPCFG_UDP_HDR_LEN) {
        w = "truncated UDP header";
        goto bad;
    }
    udp = frame + ihl;
    ulen = get16(udp + 4);
    if (ulen < IPCFG_UDP_HDR_LEN || ulen > total - ihl) {
        w = "bad UDP length";
        goto bad;
    }
    if (get16(udp + 2) != IPCFG_DHCP_CLIENT_PORT) {
        w = "not to the DHCP client port";
        goto bad;
    }
    /* RFC 768: an all-zero checksum field means none was computed. */
    if (!csum_partial && get16(udp + 6) != 0 &&
        ipcfg_inet_csum(udp, ulen, pseudo_sum(frame + 12, frame + 16, (uint16_t)ulen)) != 0) {
        w = "bad UDP checksum";
        goto bad;
    }
    out->payload = udp + IPCFG_UDP_HDR_LEN;
    out->len = ulen - IPCFG_UDP_HDR_LEN;
    memcpy(out->src, frame + 12, 4);
    memcpy(out->dst, frame + 16, 4);
    out->sport = get16(udp);
    out->dport = get16(udp + 2);
    if (why)
        *why = NULL;
    return 0;
bad:
    if (why)
        *why = w;
    return -1;
}
