/* ipcfg — /add and /delete on Windows: AddIPAddress on the adapter's
 * IfIndex; DeleteIPAddress with the NTE context found in GetAdaptersInfo's
 * IpAddressList chains (or checked there).  SPDX-License-Identifier: MIT */
#include "backend.h"

#include <string.h>

#include "convert.h"
#include "error.h"
#include "query.h"

int ipcfg_win_add(ipcfg_backend *b, const ipcfg_adapter *ad, const ipcfg_ip *addr, unsigned prefix_len,
                  uint32_t *context, int *has_context, ipcfg_error *err)
{
    const ipcfg_iphlp *t = ipcfg_win_api(b);
    if (has_context)
        *has_context = 0;
    if (ipcfg_iphlp_need(t->AddIPAddress != NULL, "AddIPAddress", err))
        return err->status;
    if (addr->family != IPCFG_AF_INET4 || prefix_len > 32) {
        ipcfg_error_set(err, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP, "%s", "AddIPAddress takes IPv4 addresses only.");
        return IPCFG_E_NOTSUP;
    }
    ipcfg_ip mask;
    ipcfg_prefix_to_mask(prefix_len, &mask);
    IPAddr a;
    IPMask m;
    memcpy(&a, addr->bytes, 4);
    memcpy(&m, mask.bytes, 4);
    ULONG nte_context = 0, nte_instance = 0;
    DWORD r = t->AddIPAddress(a, m, (DWORD)ad->ifindex, &nte_context, &nte_instance);
    if (r != NO_ERROR)
        return ipcfg_win_fail(err, IPCFG_WOP_ADD, r);
    if (context)
        *context = (uint32_t)nte_context;
    if (has_context)
        *has_context = 1;
    return 0;
}

/* Finds an address in GetAdaptersInfo's IpAddressList chains: by address
 * (its NTE context goes to *ctx) or, with addr NULL, by NTE context.  Only
 * real addresses count (0.0.0.0 is "no address").  0 when found; exit code
 * 2 with *err filled when not. */
static int lookup_nte(const ipcfg_iphlp *t, const ipcfg_ip *addr, ULONG *ctx, ipcfg_error *err)
{
    char s[IPCFG_IPSTR_MAX];
    if (ipcfg_iphlp_need(t->GetAdaptersInfo != NULL, "GetAdaptersInfo", err))
        return err->status;
    void *buf;
    ULONG len;
    DWORD r = ipcfg_win_query(t, ipcfg_win_fill_gai, &buf, &len);
    if (r != NO_ERROR && r != ERROR_NO_DATA)
        return ipcfg_win_query_fail(err, "GetAdaptersInfo", r);
    for (const IP_ADAPTER_INFO *i = buf; i; i = i->Next)
        for (const IP_ADDR_STRING *x = &i->IpAddressList; x; x = x->Next) {
            ipcfg_ip ip;
            if (ipcfg_win_addrstr_ip(&x->IpAddress, &ip) != 0)
                continue;
            if (addr ? ipcfg_ip_equal(&ip, addr) : x->Context == *ctx) {
                *ctx = x->Context;
                free(buf);
                return 0;
            }
        }
    free(buf);
    if (addr)
        ipcfg_error_set(err, IPCFG_E_STATE, IPCFG_R_NOT_FOUND, "The address %s is not assigned to any adapter.",
                        ipcfg_ip_str(addr, s, sizeof(s)));
    else
        ipcfg_error_set(err, IPCFG_E_STATE, IPCFG_R_NOT_FOUND, "No address has the NTE context %lu.",
                        (unsigned long)*ctx);
    return IPCFG_E_STATE;
}

int ipcfg_win_delete(ipcfg_backend *b, const ipcfg_delete_target *tg, ipcfg_error *err)
{
    const ipcfg_iphlp *t = ipcfg_win_api(b);
    if (ipcfg_iphlp_need(t->DeleteIPAddress != NULL, "DeleteIPAddress", err))
        return err->status;
    /* Either way the address must be there: an unknown context or address
     * is "not found" (exit 2) and DeleteIPAddress is not called. */
    ULONG ctx = 0;
    int rc;
    if (tg->by_context) {
        ctx = (ULONG)tg->context;
        rc = lookup_nte(t, NULL, &ctx, err);
    } else {
        if (tg->addr.family != IPCFG_AF_INET4) {
            ipcfg_error_set(err, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP, "%s", "DeleteIPAddress removes IPv4 addresses only.");
            return IPCFG_E_NOTSUP;
        }
        rc = lookup_nte(t, &tg->addr, &ctx, err);
    }
    if (rc)
        return rc;
    DWORD r = t->DeleteIPAddress(ctx);
    if (r != NO_ERROR)
        return ipcfg_win_fail(err, IPCFG_WOP_DELETE, r);
    return 0;
}
