/* ipcfg — what the Linux backend reads from files, one header per concern:
 * the host block (host.h), the sysfs probes (sysfs.h), the capability
 * check (caps.h), the DHCP lease index (lease_index.h) and
 * promote_secondaries (secondaries.h).  Include the one you need; this
 * header gathers them for code written against the former sysinfo.c.
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_SYSINFO_H
#define IPCFG_LINUX_SYSINFO_H

#include "caps.h"
#include "host.h"
#include "lease_index.h"
#include "secondaries.h"
#include "sysfs.h"

#endif
