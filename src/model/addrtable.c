/* ipcfg — model: the IPv4 address table (rows, their interface names,
 * the sort).  SPDX-License-Identifier: MIT */
#include "alloc.h"

#include <stdlib.h>
#include <string.h>

ipcfg_addrrow *ipcfg_addrtable_push(ipcfg_addrtable *t)
{
    if (ipcfg_model_grow((void **)&t->rows, &t->cap, t->n, sizeof(*t->rows)) != 0)
        return NULL;
    ipcfg_addrrow *r = &t->rows[t->n++];
    memset(r, 0, sizeof(*r));
    r->ifname = "";
    return r;
}

int ipcfg_addrtable_set_ifname(ipcfg_addrtable *t, ipcfg_addrrow *r, const char *s, size_t len)
{
    return ipcfg_model_set_str(&t->strs, &r->ifname, s, len);
}

void ipcfg_addrtable_free(ipcfg_addrtable *t)
{
    free(t->rows);
    ipcfg_strarena_free(&t->strs);
    memset(t, 0, sizeof(*t));
}

static int row_cmp(const void *pa, const void *pb)
{
    const ipcfg_addrrow *a = pa, *b = pb;
    int c = memcmp(a->addr.bytes, b->addr.bytes, 4);
    if (c)
        return c;
    return (a->ifindex > b->ifindex) - (a->ifindex < b->ifindex);
}

void ipcfg_addrtable_sort(ipcfg_addrtable *t)
{
    if (t->n > 1)
        qsort(t->rows, t->n, sizeof(*t->rows), row_cmp);
}
