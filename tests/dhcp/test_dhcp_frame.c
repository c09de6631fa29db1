/* IPv4/UDP framing: build, parse, and every rejected header.
 * SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "dhcp_frame.h"

static const uint8_t SRC[4] = {192, 0, 2, 1}, BCAST[4] = {255, 255, 255, 255};
static uint8_t payload[300], frame[400];

static size_t mk(void)
{
    size_t i;
    for (i = 0; i < sizeof payload; i++)
        payload[i] = (uint8_t)(i * 7 + 1);
    return ipcfg_dhcp_frame_build(frame, sizeof frame, SRC, BCAST, 67, 68, 0x1234, payload, sizeof payload);
}

/* Recomputes the IP header checksum after a deliberate change. */
static void fix_ip_csum(void)
{
    size_t ihl = (size_t)(frame[0] & 15) * 4;
    uint16_t c;
    frame[10] = frame[11] = 0;
    c = ipcfg_inet_csum(frame, ihl, 0);
    frame[10] = (uint8_t)(c >> 8);
    frame[11] = (uint8_t)c;
}

static void rejected(size_t len, int partial, const char *want)
{
    ipcfg_dhcp_frame f;
    const char *why = NULL;
    assert_int_equal(ipcfg_dhcp_frame_parse(frame, len, partial, &f, &why), -1);
    assert_non_null(why);
    assert_non_null(strstr(why, want));
    assert_null(f.payload);
}

static void build_and_parse(void **st)
{
    ipcfg_dhcp_frame f;
    const char *why = "x";
    size_t n = mk();

    (void)st;
    assert_int_equal(n, 328);
    assert_int_equal(frame[0], 0x45);
    assert_int_equal(frame[2] << 8 | frame[3], 328);
    assert_int_equal(frame[4] << 8 | frame[5], 0x1234);
    assert_int_equal(frame[9], 17);
    assert_int_equal(ipcfg_inet_csum(frame, 20, 0), 0);            /* header checksum verifies */
    assert_int_equal(frame[24] << 8 | frame[25], 308);              /* UDP length */
    assert_int_equal(ipcfg_dhcp_frame_parse(frame, n, 0, &f, &why), 0);
    assert_null(why);
    assert_int_equal(f.len, sizeof payload);
    assert_ptr_equal(f.payload, frame + 28);
    assert_memory_equal(f.payload, payload, sizeof payload);
    assert_memory_equal(f.src, SRC, 4);
    assert_memory_equal(f.dst, BCAST, 4);
    assert_int_equal(f.sport, 67);
    assert_int_equal(f.dport, 68);
    /* trailing link-layer padding past the IP total length is ignored */
    assert_int_equal(ipcfg_dhcp_frame_parse(frame, n + 20, 0, &f, &why), 0);
    assert_int_equal(f.len, sizeof payload);
    /* too small a buffer */
    assert_int_equal(ipcfg_dhcp_frame_build(frame, 327, SRC, BCAST, 67, 68, 0, payload, sizeof payload), 0);
}

static void udp_checksum(void **st)
{
    ipcfg_dhcp_frame f;
    size_t n = mk();

    (void)st;
    frame[100] ^= 0x40; /* a payload bit flipped in transit */
    rejected(n, 0, "UDP checksum");
    /* TP_STATUS_CSUMNOTREADY: the checksum is not verified */
    assert_int_equal(ipcfg_dhcp_frame_parse(frame, n, 1, &f, NULL), 0);
    /* a zero checksum field means "none" (RFC 768) */
    frame[26] = frame[27] = 0;
    assert_int_equal(ipcfg_dhcp_frame_parse(frame, n, 0, &f, NULL), 0);
}

static void ip_header_checks(void **st)
{
    size_t n;

    (void)st;
    n = mk();
    frame[8] = 63; /* TTL changed, checksum not updated */
    rejected(n, 0, "header checksum");
    rejected(n, 1, "header checksum"); /* partial covers UDP only */

    n = mk();
    frame[0] = 0x65;
    rejected(n, 0, "not IPv4");
    n = mk();
    frame[0] = 0x44;
    fix_ip_csum();
    rejected(n, 0, "header length");
    n = mk();
    rejected(19, 0, "shorter");
    rejected(0, 0, "shorter");
    /* IHL larger than the captured frame */
    n = mk();
    frame[0] = 0x4f;
    rejected(40, 0, "header length");

    /* fragments: MF set, or an offset */
    n = mk();
    frame[6] = 0x20;
    fix_ip_csum();
    rejected(n, 0, "fragment");
    n = mk();
    frame[7] = 0x01;
    fix_ip_csum();
    rejected(n, 0, "fragment");
    n = mk();
    frame[6] = 0x40; /* DF alone is fine */
    fix_ip_csum();
    {
        ipcfg_dhcp_frame f;
        assert_int_equal(ipcfg_dhcp_frame_parse(frame, n, 0, &f, NULL), 0);
    }

    n = mk();
    frame[9] = 6;
    fix_ip_csum();
    rejected(n, 0, "not UDP");

    /* total length beyond the captured bytes (truncated capture) */
    n = mk();
    rejected(n - 1, 0, "total length");
    /* total length shorter than the header */
    n = mk();
    frame[2] = 0;
    frame[3] = 19;
    fix_ip_csum();
    rejected(n, 0, "total length");
}

static void udp_header_checks(void **st)
{
    size_t n;

    (void)st;
    /* IP total length leaves no room for the UDP header */
    n = mk();
    frame[2] = 0;
    frame[3] = 27;
    fix_ip_csum();
    rejected(n, 0, "truncated UDP");
    /* UDP length longer than the IP payload */
    n = mk();
    frame[24] = 0x01;
    frame[25] = 0x35; /* 309 */
    rejected(n, 1, "UDP length");
    /* UDP length shorter than its header */
    n = mk();
    frame[24] = 0;
    frame[25] = 7;
    rejected(n, 1, "UDP length");
    /* other destination port */
    n = mk();
    frame[23] = 67;
    rejected(n, 1, "port");
    /* IP options: IHL 6 is parsed past */
    {
        uint8_t big[400];
        ipcfg_dhcp_frame f;
        uint16_t c;
        n = mk();
        memcpy(big, frame, 20);
        memset(big + 20, 0, 4); /* an end-of-options list */
        memcpy(big + 24, frame + 20, n - 20);
        big[0] = 0x46;
        big[2] = (uint8_t)((n + 4) >> 8);
        big[3] = (uint8_t)(n + 4);
        big[10] = big[11] = 0;
        c = ipcfg_inet_csum(big, 24, 0);
        big[10] = (uint8_t)(c >> 8);
        big[11] = (uint8_t)c;
        assert_int_equal(ipcfg_dhcp_frame_parse(big, n + 4, 0, &f, NULL), 0);
        assert_int_equal(f.len, sizeof payload);
        assert_ptr_equal(f.payload, big + 32);
    }
}

/* RFC 1071 examples: a known sum and an odd length. */
static void checksum_values(void **st)
{
    static const uint8_t d[] = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
    (void)st;
    assert_int_equal(ipcfg_inet_csum(d, sizeof d, 0), (uint16_t)~0xddf2);
    assert_int_equal(ipcfg_inet_csum((const uint8_t[]){0x01}, 1, 0), (uint16_t)~0x0100);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(build_and_parse),  cmocka_unit_test(udp_checksum),
        cmocka_unit_test(ip_header_checks), cmocka_unit_test(udp_header_checks),
        cmocka_unit_test(checksum_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
