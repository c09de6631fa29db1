/* ipcfg tests — the explicit 32-bit reader of IP_ADAPTER_INFO's lease times
 * (src/win/adapter_info32.h), on byte images of the structure as a 32-bit
 * Windows writes it: 640 bytes, LeaseObtained and LeaseExpires as two
 * little-endian 32-bit __time32_t at offsets 632 and 636.  Plain C, so it
 * runs on Linux, under Wine and in every Windows build (tests/unit and
 * tests/win register it).
 * SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adapter_info32.h"

static int failures;

#define CHECK(cond, ...)                                                                                           \
    do {                                                                                                           \
        if (!(cond)) {                                                                                             \
            failures++;                                                                                            \
            printf("FAIL line %d: ", __LINE__);                                                                    \
            printf(__VA_ARGS__);                                                                                   \
            printf("\n");                                                                                          \
        }                                                                                                          \
    } while (0)

static void put_le32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

/* A 32-bit IP_ADAPTER_INFO image that ends exactly where its buffer ends
 * (the last adapter of a GetAdaptersInfo answer): a reader that took the
 * lease times as 64-bit values would read past it (ASan builds see that). */
static unsigned char *image(uint32_t obtained, uint32_t expires)
{
    unsigned char *b = malloc(IPCFG_WIN_AI32_SIZE);
    if (!b)
        exit(2);
    for (size_t i = 0; i < IPCFG_WIN_AI32_SIZE; i++)
        b[i] = (unsigned char)(0xA5 ^ i); /* every other member: noise */
    memcpy(b + offsetof(ipcfg_win_adapter_info32, AdapterName), "{4E1F3A52-0C3B-4B7E-9A57-1D2C3B4A5F60}", 39);
    put_le32(b + 632, obtained);
    put_le32(b + 636, expires);
    return b;
}

int main(void)
{
    int64_t o;
    int64_t e;

    /* the documented layout */
    CHECK(sizeof(ipcfg_win_adapter_info32) == 640, "size %u", (unsigned)sizeof(ipcfg_win_adapter_info32));
    CHECK(offsetof(ipcfg_win_adapter_info32, LeaseObtained) == 632, "LeaseObtained at %u",
          (unsigned)offsetof(ipcfg_win_adapter_info32, LeaseObtained));
    CHECK(offsetof(ipcfg_win_adapter_info32, LeaseExpires) == 636, "LeaseExpires at %u",
          (unsigned)offsetof(ipcfg_win_adapter_info32, LeaseExpires));
    CHECK(offsetof(ipcfg_win_adapter_info32, DhcpServer) == 508, "DhcpServer at %u",
          (unsigned)offsetof(ipcfg_win_adapter_info32, DhcpServer));

    /* the captured Windows 10 lease (2023-06-22 10:39:04Z, 2024-09-23 02:31:46Z) */
    unsigned char *b = image(1687430344u, 1727058706u);
    ipcfg_win_lease32_read(b, &o, &e);
    CHECK(o == 1687430344 && e == 1727058706, "read %lld %lld", (long long)o, (long long)e);
    /* the bytes of the two members are the only ones read */
    memset(b, 0, 632);
    ipcfg_win_lease32_read(b, &o, &e);
    CHECK(o == 1687430344 && e == 1727058706, "read after clearing the rest: %lld %lld", (long long)o, (long long)e);
    free(b);

    /* no lease: zeros */
    b = image(0, 0);
    ipcfg_win_lease32_read(b, &o, &e);
    CHECK(o == 0 && e == 0, "zero lease read %lld %lld", (long long)o, (long long)e);
    free(b);

    /* __time32_t is signed: a value with the top bit set is before 1970 */
    b = image(0xFFFFFFFFu, 0x7FFFFFFFu);
    ipcfg_win_lease32_read(b, &o, &e);
    CHECK(o == -1 && e == 2147483647, "signed read %lld %lld", (long long)o, (long long)e);
    free(b);

    /* the writer (the simulated host) and the reader agree, byte for byte */
    b = image(0, 0);
    ipcfg_win_lease32_write(b, 1474265496, 1474634754);
    CHECK(b[632] == 0x98 && b[633] == 0x81 && b[634] == 0xDF && b[635] == 0x57, "LeaseObtained bytes %02X %02X %02X %02X",
          b[632], b[633], b[634], b[635]);
    ipcfg_win_lease32_read(b, &o, &e);
    CHECK(o == 1474265496 && e == 1474634754, "round trip %lld %lld", (long long)o, (long long)e);
    free(b);

    if (failures)
        return 1;
    printf("ok: adapter_info32\n");
    return 0;
}
