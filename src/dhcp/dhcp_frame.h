/* ipcfg — IPv4 + UDP framing of DHCP messages for a packet socket
 * (AF_PACKET, SOCK_DGRAM: frames start at the IP header).
 *
 * Pure functions over byte buffers; no I/O.  The parser reads untrusted
 * bytes and checks every header field and length before use.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_DHCP_FRAME_H
#define IPCFG_DHCP_FRAME_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define IPCFG_DHCP_CLIENT_PORT 68
#define IPCFG_DHCP_SERVER_PORT 67
#define IPCFG_IP4_HDR_LEN 20
#define IPCFG_UDP_HDR_LEN 8
#define IPCFG_DHCP_FRAME_OVERHEAD (IPCFG_IP4_HDR_LEN + IPCFG_UDP_HDR_LEN)

/* Builds an IPv4 header (no options, TTL 64, DF clear, header checksum)
 * and a UDP header (with checksum over the RFC 768 pseudo-header) around
 * payload.  ip_id: the IP identification field.  Returns the frame length,
 * or 0 when cap is too small or the frame would exceed 65535 octets. */
size_t ipcfg_dhcp_frame_build(uint8_t *out, size_t cap, const uint8_t src[4], const uint8_t dst[4], uint16_t sport,
                              uint16_t dport, uint16_t ip_id, const uint8_t *payload, size_t len);

typedef struct ipcfg_dhcp_frame {
    const uint8_t *payload; /* the UDP payload, inside the caller's buffer */
    size_t len;
    uint8_t src[4], dst[4];
    uint16_t sport, dport;
} ipcfg_dhcp_frame;

/* Parses a received frame starting at the IP header: version 4, IHL >= 5,
 * header checksum, total length within the captured length (trailing link
 * padding is ignored), not a fragment, protocol UDP, destination port 68,
 * UDP length within the IP payload, UDP checksum (unless 0, "no checksum",
 * or csum_partial: the kernel delivered it with TP_STATUS_CSUMNOTREADY,
 * e.g. from a veth peer, and the checksum field holds only the
 * pseudo-header sum).  0 ok; -1 rejected with a static reason in *why. */
int ipcfg_dhcp_frame_parse(const uint8_t *frame, size_t len, int csum_partial, ipcfg_dhcp_frame *out,
                           const char **why);

/* The RFC 1071 Internet checksum of buf (exposed for tests). */
uint16_t ipcfg_inet_csum(const uint8_t *buf, size_t len, uint32_t sum);

#ifdef __cplusplus
}
#endif
#endif
