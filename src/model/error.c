/* ipcfg — model: the error record (ipcfg_error_set, _sys, _clear).
 * SPDX-License-Identifier: MIT */
#include "ipcfg/model.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void ipcfg_error_sys(ipcfg_error *e, long code)
{
    if (!e)
        return;
    e->sys_code = code;
    e->has_sys_code = 1;
}

void ipcfg_error_clear(ipcfg_error *e)
{
    if (e)
        memset(e, 0, sizeof(*e));
}

void ipcfg_error_set(ipcfg_error *e, ipcfg_status st, ipcfg_reason r, const char *fmt, ...)
{
    if (!e)
        return;
    /* a fresh error: no system code, text or reason of an earlier use */
    memset(e, 0, sizeof(*e));
    e->status = st;
    e->reason = r;
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(e->text, sizeof(e->text), fmt, ap);
        va_end(ap);
        if (n >= (int)sizeof(e->text))
            ipcfg_utf8_cut(e->text, sizeof(e->text), "...");
    }
}
