/* ipcfg — the Windows IPv4 address table: GetIpAddrTable (sorted) +
 * GetAdaptersAddresses for the names.  SPDX-License-Identifier: MIT */
#include "backend.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "convert.h"
#include "error.h"
#include "query.h"
#include "utf.h"

static unsigned map_at_flags(unsigned short w)
{
    unsigned f = 0;
    if (w & MIB_IPADDR_PRIMARY)
        f |= IPCFG_AT_PRIMARY;
    if (w & MIB_IPADDR_DYNAMIC)
        f |= IPCFG_AT_DYNAMIC;
    if (w & MIB_IPADDR_DISCONNECTED)
        f |= IPCFG_AT_DISCONNECTED;
    if (w & MIB_IPADDR_DELETED)
        f |= IPCFG_AT_DELETED;
    if (w & MIB_IPADDR_TRANSIENT)
        f |= IPCFG_AT_TRANSIENT;
    return f;
}

int ipcfg_win_addrtable(ipcfg_backend *b, ipcfg_addrtable *out, ipcfg_error *err)
{
    const ipcfg_iphlp *t = ipcfg_win_api(b);
    void *buf = NULL, *gaa = NULL;
    ULONG len = 0, glen;

    if (ipcfg_iphlp_need(t->GetIpAddrTable != NULL, "GetIpAddrTable", err))
        return err->status;
    DWORD r = ipcfg_win_query(t, ipcfg_win_fill_giat, &buf, &len);
    if (r == ERROR_NO_DATA)
        return 0;
    if (r != NO_ERROR)
        return ipcfg_win_query_fail(err, "GetIpAddrTable", r);
    /* friendly names for the interface column; the table stands without them */
    if (t->GetAdaptersAddresses && ipcfg_win_query(t, ipcfg_win_fill_gaa, &gaa, &glen) != NO_ERROR)
        gaa = NULL;

    const MIB_IPADDRTABLE *tab = buf;
    size_t room = 0;
    if (len >= offsetof(MIB_IPADDRTABLE, table))
        room = (len - offsetof(MIB_IPADDRTABLE, table)) / sizeof(MIB_IPADDRROW);
    size_t n = tab->dwNumEntries < room ? tab->dwNumEntries : room;
    int rc = 0;
    for (size_t k = 0; k < n; k++) {
        const MIB_IPADDRROW *row = &tab->table[k];
        ipcfg_addrrow *x = ipcfg_addrtable_push(out);
        if (!x) {
            rc = ipcfg_win_oom(err);
            break;
        }
        ipcfg_ip mask;
        ipcfg_win_u32be_ip(row->dwAddr, &x->addr);
        ipcfg_win_u32be_ip(row->dwMask, &mask);
        int p = ipcfg_mask_to_prefix(&mask);
        x->prefix_len = p >= 0 ? (unsigned)p : 0;
        /* dwBCastAddr holds only the low bit of the broadcast address:
         * 1 = host part all ones, 0 = all zeros */
        DWORD bc = (row->dwAddr & row->dwMask) | ((row->dwBCastAddr & 1) ? ~row->dwMask : 0);
        ipcfg_win_u32be_ip(bc, &x->broadcast);
        x->ifindex = (uint32_t)row->dwIndex;
        x->reasm_size = (uint32_t)row->dwReasmSize;
        x->flags = map_at_flags(row->wType);
        for (const IP_ADAPTER_ADDRESSES *a = gaa; a; a = a->Next)
            if (a->IfIndex == row->dwIndex) {
                char name[IPCFG_ADAPTER_NAME_MAX];
                ipcfg_win_to_utf8(a->FriendlyName, name, sizeof(name));
                if (ipcfg_addrtable_set_ifname(out, x, name, strlen(name)) != 0)
                    rc = ipcfg_win_oom(err);
                break;
            }
        if (rc != 0)
            break;
    }
    free(gaa);
    free(buf);
    return rc;
}
