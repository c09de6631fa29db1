/* ipcfg — the Linux IPv4 address table: a link dump for the names, then an
 * IPv4 address dump whose rows netlink/linkmap.c maps.  SPDX-License-Identifier: MIT */
#include <string.h>
#include <sys/socket.h>

#include "command/backend.h"
#include "shared/error.h"

int ipcfg_lx_addrtable(ipcfg_backend *b, ipcfg_addrtable *out, ipcfg_error *err)
{
    ipcfg_lx_ctx *x = b->ctx;
    int st = 0;
    for (int attempt = 0; attempt < IPCFG_LX_LIST_ATTEMPTS; attempt++) {
        ipcfg_adapter_list links;
        memset(&links, 0, sizeof(links));
        ipcfg_lx_collect c;
        memset(&c, 0, sizeof(c));
        c.list = &links;
        int intr = 0;
        st = ipcfg_lx_dump_links(x, &c, &intr, err);
        if (st == 0) {
            c.table = out;
            ipcfg_nlreq req;
            ipcfg_nlreq_getaddr(&req, AF_INET);
            st = ipcfg_lx_dump(x, &req, &c, &intr, err, "address table");
        }
        ipcfg_adapters_free(&links);
        if (st != 0 && ipcfg_lx_err_retriable(err) && attempt + 1 < IPCFG_LX_LIST_ATTEMPTS) {
            ipcfg_error_clear(err);
            ipcfg_addrtable_free(out);
            continue;
        }
        if (st != 0 || !intr || attempt + 1 == IPCFG_LX_LIST_ATTEMPTS)
            break;
        ipcfg_addrtable_free(out);
    }
    if (st != 0)
        ipcfg_addrtable_free(out);
    return st;
}
