/* ipcfg — the capability check.  See caps.h.  SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE 1
#include "caps.h"

#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/capability.h>

int ipcfg_lx_has_net_admin(void)
{
    struct __user_cap_header_struct hdr;
    struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];

    memset(&hdr, 0, sizeof(hdr));
    memset(data, 0, sizeof(data));
    hdr.version = _LINUX_CAPABILITY_VERSION_3;
    hdr.pid = 0;
    if (syscall(SYS_capget, &hdr, data) != 0)
        return -1;
    return (data[CAP_NET_ADMIN / 32].effective >> (CAP_NET_ADMIN % 32)) & 1u ? 1 : 0;
}
