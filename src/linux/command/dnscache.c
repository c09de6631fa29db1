/* ipcfg — the host's resolver caches (see command/dnscache.h).
 *
 * systemd-resolved is the cache: its FlushCaches D-Bus call, made by
 * `resolvectl flush-caches` (run as shared/spawn.c runs every helper: found in the
 * system directories, a clean environment, bounded), so that ipcfg links
 * no D-Bus library.  It counts only where shared/resolver.c finds resolved for a
 * lease's DNS: running (its socket answers) and serving this network
 * namespace (PID 1's; from another one, its 127.0.0.53 is not this
 * namespace's resolver).  resolved refuses the call to a caller without
 * CAP_SYS_ADMIN (sd-bus's default for a method not marked unprivileged),
 * so that is checked first and nothing is asked without it.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "command/dnscache.h"

#include <linux/capability.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "shared/resolver.h"
#include "shared/spawn.h"

/* root, or CAP_SYS_ADMIN in the effective set */
static int may_flush(void)
{
    struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct d[_LINUX_CAPABILITY_U32S_3];

    if (geteuid() == 0)
        return 1;
    return syscall(SYS_capget, &h, d) == 0 && (d[CAP_SYS_ADMIN / 32].effective & (1u << (CAP_SYS_ADMIN % 32))) != 0;
}

int ipcfg_lx_flush_dns(ipcfg_backend *b, ipcfg_dns_flush *out, ipcfg_error *err)
{
    char path[4200], why[256];

    (void)b;
    out->n = 0;
    if (!may_flush()) {
        ipcfg_error_set(err, IPCFG_E_ACCESS, IPCFG_R_ELEVATION,
                        "The requested operation requires elevation (root or CAP_SYS_ADMIN).");
        return IPCFG_E_ACCESS;
    }
    if (ipcfg_lx_resolver_find(path, sizeof(path)) != IPCFG_LX_RES_RESOLVED) {
        ipcfg_error_set(err, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP,
                        "No DNS cache runs on this host: systemd-resolved does not run for this network "
                        "namespace, so there is nothing to flush.");
        return IPCFG_E_NOTSUP;
    }
    char *argv[] = {"resolvectl", "flush-caches", NULL};
    int st = ipcfg_lx_run_program(path, argv, NULL, why, sizeof(why));
    if (st != 0) {
        char status[32];
        snprintf(status, sizeof(status), "exit status %d", st);
        ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM,
                        "Could not flush the DNS Resolver Cache: resolvectl flush-caches failed (%s%s%s).",
                        st > 0 ? status : "", st > 0 && why[0] ? ": " : "", why);
        return IPCFG_E_FAILED;
    }
    out->caches[out->n++] = "systemd-resolved";
    return 0;
}

int ipcfg_lx_display_dns(ipcfg_backend *b, ipcfg_error *err)
{
    (void)b;
    ipcfg_error_set(err, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP,
                    "/displaydns is not supported: systemd-resolved (as Debian 12 ships it) has no call that "
                    "lists the entries of its cache; `resolvectl statistics` shows its size.");
    return IPCFG_E_NOTSUP;
}
