/* ipcfg — /release and /renew on Windows: GetInterfaceInfo once, then
 * IpReleaseAddress (IpRenewAddress) with the IP_ADAPTER_INDEX_MAP whose
 * Name is \\DEVICE\\TCPIP_{GUID}, on one worker thread per adapter, all
 * under one deadline.  SPDX-License-Identifier: MIT */
#include "backend.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "query.h"
#include "utf.h"

static int ascii_ieq(const wchar_t *a, const wchar_t *b)
{
    for (;; a++, b++) {
        wchar_t x = *a, y = *b;
        if (x >= L'a' && x <= L'z')
            x = (wchar_t)(x - L'a' + L'A');
        if (y >= L'a' && y <= L'z')
            y = (wchar_t)(y - L'a' + L'A');
        if (x != y)
            return 0;
        if (!x)
            return 1;
    }
}

/* One adapter's IpReleaseAddress/IpRenewAddress on its worker thread.
 * Heap-held: a thread that misses the deadline is abandoned (the DHCP
 * client goes on in the background) and keeps its call. */
typedef struct dhcp_call {
    DWORD(WINAPI *fn)(PIP_ADAPTER_INDEX_MAP);
    IP_ADAPTER_INDEX_MAP map;
    DWORD result;
} dhcp_call;

static DWORD WINAPI dhcp_thread(LPVOID p)
{
    dhcp_call *c = p;
    c->result = c->fn(&c->map);
    return 0;
}

/* The map GetInterfaceInfo gave for the adapter (its Name is
 * \DEVICE\TCPIP_{GUID}), or NULL. */
static const IP_ADAPTER_INDEX_MAP *find_map(const IP_INTERFACE_INFO *ii, ULONG len, const ipcfg_adapter *ad)
{
    wchar_t want[IPCFG_NAME_MAX + 32];
    size_t wl = 0;
    wchar_t *wid = ipcfg_win_to_utf16_dup(ad->id, strlen(ad->id), &wl);
    if (!wid || wl + 16 > sizeof(want) / sizeof(want[0])) {
        free(wid);
        return NULL;
    }
    wcscpy(want, L"\\DEVICE\\TCPIP_");
    wcscat(want, wid);
    free(wid);

    /* NumAdapters == 0: Adapter[0] is undefined and never read */
    if (ii->NumAdapters <= 0 || len < offsetof(IP_INTERFACE_INFO, Adapter))
        return NULL;
    size_t room = (len - offsetof(IP_INTERFACE_INFO, Adapter)) / sizeof(IP_ADAPTER_INDEX_MAP);
    size_t n = (size_t)ii->NumAdapters < room ? (size_t)ii->NumAdapters : room;
    for (size_t k = 0; k < n; k++) {
        const IP_ADAPTER_INDEX_MAP *m = &ii->Adapter[k];
        wchar_t name[MAX_ADAPTER_NAME + 1];
        memcpy(name, m->Name, sizeof(m->Name));
        name[MAX_ADAPTER_NAME] = L'\0';
        if (ascii_ieq(name, want))
            return m;
    }
    return NULL;
}

static void dhcp_timed_out(ipcfg_error *err, int renew)
{
    if (renew) {
        ipcfg_error_set(err, IPCFG_E_TIMEOUT, IPCFG_R_DHCP_TIMEOUT, "%s",
                        "unable to contact your DHCP server. Request has timed out.");
    } else {
        char text[IPCFG_ERRTEXT_MAX];
        ipcfg_win_errtext(ERROR_TIMEOUT, text, sizeof(text));
        ipcfg_error_set(err, IPCFG_E_TIMEOUT, IPCFG_R_SYSTEM, "%s", text);
    }
    ipcfg_error_sys(err, (long)ERROR_TIMEOUT);
}

/* Milliseconds left until the absolute deadline (GetTickCount64), 0 when
 * it has passed; INFINITE without one. */
static DWORD ms_left(ULONGLONG deadline)
{
    if (deadline == 0)
        return INFINITE;
    ULONGLONG now = GetTickCount64();
    return now >= deadline ? 0 : (DWORD)(deadline - now);
}

/* All n adapters at once: GetInterfaceInfo once, then one worker thread
 * per adapter, all started before any is waited for, then every thread
 * waited for against one absolute deadline (o->timeout_s; none = wait for
 * all).  A thread that misses it is abandoned: its call stays on the heap
 * and iphlpapi stays loaded.  A thread that cannot be created fails its
 * adapter with the system's error; the call is never made unbounded. */
static void win_dhcp_all(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o, int renew)
{
    const ipcfg_iphlp *t = ipcfg_win_api(b);
    ipcfg_win_op op = renew ? IPCFG_WOP_RENEW : IPCFG_WOP_RELEASE;
    ipcfg_error shared;
    ipcfg_error_clear(&shared);

    if (ipcfg_iphlp_need(t->GetInterfaceInfo != NULL, "GetInterfaceInfo", &shared) ||
        ipcfg_iphlp_need((renew ? t->IpRenewAddress != NULL : t->IpReleaseAddress != NULL),
                         renew ? "IpRenewAddress" : "IpReleaseAddress", &shared)) {
        for (size_t i = 0; i < n; i++)
            jobs[i].err = shared;
        return;
    }

    void *buf = NULL;
    ULONG len = 0;
    DWORD r = ipcfg_win_query(t, ipcfg_win_fill_gii, &buf, &len);
    if (r != NO_ERROR) {
        if (r == ERROR_NO_DATA) /* no adapter with IPv4 enabled */
            ipcfg_win_fail(&shared, op, r);
        else
            ipcfg_win_query_fail(&shared, "GetInterfaceInfo", r);
        for (size_t i = 0; i < n; i++)
            jobs[i].err = shared;
        return;
    }

    dhcp_call **calls = calloc(n, sizeof(*calls));
    HANDLE *threads = calloc(n, sizeof(*threads));
    if (!calls || !threads) {
        free(calls);
        free(threads);
        free(buf);
        for (size_t i = 0; i < n; i++)
            ipcfg_win_oom(&jobs[i].err);
        return;
    }

    /* Every thread started before the clock is looked at again. */
    unsigned timeout_s = o ? o->timeout_s : 0;
    ULONGLONG deadline = timeout_s ? GetTickCount64() + (ULONGLONG)timeout_s * 1000u : 0;
    for (size_t i = 0; i < n; i++) {
        const IP_ADAPTER_INDEX_MAP *m = find_map(buf, len, jobs[i].ad);
        if (!m) {
            ipcfg_error_set(&jobs[i].err, IPCFG_E_STATE, IPCFG_R_NO_ADAPTER_PERMISSIBLE, "%s",
                            "The operation failed as no adapter is in the state permissible for this operation.");
            continue;
        }
        dhcp_call *c = calloc(1, sizeof(*c));
        if (!c) {
            ipcfg_win_oom(&jobs[i].err);
            continue;
        }
        c->fn = renew ? t->IpRenewAddress : t->IpReleaseAddress;
        c->map = *m;
        threads[i] = CreateThread(NULL, 0, dhcp_thread, c, 0, NULL);
        if (!threads[i]) {
            ipcfg_win_fail(&jobs[i].err, op, GetLastError());
            free(c);
            continue;
        }
        calls[i] = c;
    }
    free(buf);

    for (size_t i = 0; i < n; i++) {
        if (!threads[i])
            continue;
        DWORD w = WaitForSingleObject(threads[i], ms_left(deadline));
        CloseHandle(threads[i]);
        if (w != WAIT_OBJECT_0) {
            /* calls[i] stays with the thread, and iphlpapi stays loaded */
            ((ipcfg_win_ctx *)b->ctx)->worker_abandoned = 1;
            dhcp_timed_out(&jobs[i].err, renew);
            continue;
        }
        if (calls[i]->result != NO_ERROR)
            ipcfg_win_fail(&jobs[i].err, op, calls[i]->result);
        free(calls[i]);
    }
    free(calls);
    free(threads);
}

void ipcfg_win_release(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o)
{
    win_dhcp_all(b, jobs, n, o, 0);
}

void ipcfg_win_renew(ipcfg_backend *b, ipcfg_dhcp_job *jobs, size_t n, const ipcfg_op_opts *o)
{
    win_dhcp_all(b, jobs, n, o, 1);
}
