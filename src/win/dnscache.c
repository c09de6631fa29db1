/* ipcfg — the DNS client's cache on Windows: /flushdns and /displaydns.
 *
 * The DNS Client service's cache is flushed by DnsFlushResolverCache and
 * listed by DnsGetCacheDataTable, both in dnsapi.dll: outside the IP Helper
 * API and Windows Sockets, the two libraries ipcfg's Windows build uses.
 * So both verbs are recognised and answer exit code 6 with that reason
 * (docs/verbs/flushdns.md), never "unrecognized command line"; nothing is
 * loaded or asked.
 *
 * SPDX-License-Identifier: MIT
 */
#include "backend.h"

int ipcfg_win_flush_dns(ipcfg_backend *b, ipcfg_dns_flush *out, ipcfg_error *err)
{
    (void)b;
    out->n = 0;
    ipcfg_error_set(err, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP,
                    "/flushdns is not supported: the DNS client's cache is flushed by DnsFlushResolverCache in "
                    "dnsapi.dll, outside the IP Helper API and Windows Sockets that ipcfg uses; use "
                    "ipconfig /flushdns.");
    return IPCFG_E_NOTSUP;
}

int ipcfg_win_display_dns(ipcfg_backend *b, ipcfg_error *err)
{
    (void)b;
    ipcfg_error_set(err, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP,
                    "/displaydns is not supported: the DNS client's cache is listed by DnsGetCacheDataTable in "
                    "dnsapi.dll, outside the IP Helper API and Windows Sockets that ipcfg uses; use "
                    "ipconfig /displaydns.");
    return IPCFG_E_NOTSUP;
}
