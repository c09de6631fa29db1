/* ipcfg — IP_ADAPTER_INFO as a 32-bit Windows lays it out, and the explicit
 * reader of its lease times.
 *
 * Microsoft's remarks on IP_ADAPTER_INFO (learn.microsoft.com,
 * "IP_ADAPTER_INFO structure (iptypes.h)"): on a 32-bit platform the
 * LeaseObtained and LeaseExpires members are 32-bit (__time32_t), and code
 * compiled with a 64-bit time_t must define _USE_32BIT_TIME_T to read them.
 * The system fills them 32-bit whatever the compiler's time_t is.  MinGW-w64
 * defaults to a 32-bit time_t on i686, so its struct happens to match; an
 * MSVC Win32 build, a UCRT i686 toolchain or __MINGW_USE_VC2005_COMPAT give
 * time_t 64 bits, and reading the members through IP_ADAPTER_INFO would then
 * read eight bytes each (past the end of the structure for the last
 * adapter).  ipcfg therefore reads them through this fixed view on 32-bit
 * targets (list.c); the simulated host writes them the same way.
 *
 * Plain C with fixed-width types only, so the unit test of the reader runs
 * on any host (tests/unit/test_adapter_info32.c).  The layout is pinned by
 * the static assertions below; list.c pins IP_ADAPTER_INFO against it.
 *
 * SPDX-License-Identifier: MIT */
#ifndef IPCFG_WIN_ADAPTER_INFO32_H
#define IPCFG_WIN_ADAPTER_INFO32_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* IP_ADDR_STRING on a 32-bit target: 40 bytes. */
typedef struct ipcfg_win_addr_string32 {
    uint32_t Next;          /* pointer */
    char IpAddress[16];     /* IP_ADDRESS_STRING */
    char IpMask[16];        /* IP_MASK_STRING */
    uint32_t Context;
} ipcfg_win_addr_string32;

/* IP_ADAPTER_INFO on a 32-bit target: 640 bytes. */
typedef struct ipcfg_win_adapter_info32 {
    uint32_t Next;                 /* pointer */
    uint32_t ComboIndex;
    char AdapterName[260];         /* MAX_ADAPTER_NAME_LENGTH + 4 */
    char Description[132];         /* MAX_ADAPTER_DESCRIPTION_LENGTH + 4 */
    uint32_t AddressLength;
    uint8_t Address[8];            /* MAX_ADAPTER_ADDRESS_LENGTH */
    uint32_t Index;
    uint32_t Type;
    uint32_t DhcpEnabled;
    uint32_t CurrentIpAddress;     /* pointer */
    ipcfg_win_addr_string32 IpAddressList;
    ipcfg_win_addr_string32 GatewayList;
    ipcfg_win_addr_string32 DhcpServer;
    int32_t HaveWins;              /* BOOL */
    ipcfg_win_addr_string32 PrimaryWinsServer;
    ipcfg_win_addr_string32 SecondaryWinsServer;
    int32_t LeaseObtained;         /* __time32_t */
    int32_t LeaseExpires;          /* __time32_t */
} ipcfg_win_adapter_info32;

#define IPCFG_WIN_AI32_SIZE 640u
#define IPCFG_WIN_AI32_LEASE_OBTAINED 632u
#define IPCFG_WIN_AI32_LEASE_EXPIRES 636u

_Static_assert(sizeof(ipcfg_win_addr_string32) == 40, "IP_ADDR_STRING is 40 bytes on 32-bit Windows");
_Static_assert(sizeof(ipcfg_win_adapter_info32) == IPCFG_WIN_AI32_SIZE, "IP_ADAPTER_INFO is 640 bytes on 32-bit Windows");
_Static_assert(offsetof(ipcfg_win_adapter_info32, IpAddressList) == 428, "IpAddressList at 428");
_Static_assert(offsetof(ipcfg_win_adapter_info32, HaveWins) == 548, "HaveWins at 548");
_Static_assert(offsetof(ipcfg_win_adapter_info32, PrimaryWinsServer) == 552, "PrimaryWinsServer at 552");
_Static_assert(offsetof(ipcfg_win_adapter_info32, LeaseObtained) == IPCFG_WIN_AI32_LEASE_OBTAINED, "LeaseObtained at 632");
_Static_assert(offsetof(ipcfg_win_adapter_info32, LeaseExpires) == IPCFG_WIN_AI32_LEASE_EXPIRES, "LeaseExpires at 636");

/* The lease times of the 32-bit IP_ADAPTER_INFO at `info` (its first byte),
 * read as the two 32-bit __time32_t the system wrote; never a byte beyond
 * the 640 of the structure. */
static inline void ipcfg_win_lease32_read(const void *info, int64_t *obtained, int64_t *expires)
{
    int32_t o;
    int32_t e;
    memcpy(&o, (const unsigned char *)info + IPCFG_WIN_AI32_LEASE_OBTAINED, sizeof(o));
    memcpy(&e, (const unsigned char *)info + IPCFG_WIN_AI32_LEASE_EXPIRES, sizeof(e));
    *obtained = o;
    *expires = e;
}

/* The same, written (the simulated host). */
static inline void ipcfg_win_lease32_write(void *info, int64_t obtained, int64_t expires)
{
    int32_t o = (int32_t)obtained;
    int32_t e = (int32_t)expires;
    memcpy((unsigned char *)info + IPCFG_WIN_AI32_LEASE_OBTAINED, &o, sizeof(o));
    memcpy((unsigned char *)info + IPCFG_WIN_AI32_LEASE_EXPIRES, &e, sizeof(e));
}

#endif
