/* ipcfg — the DHCP lease index.  See lease_index.h.
 * SPDX-License-Identifier: MIT */
#define _GNU_SOURCE 1 /* secure_getenv */
#include "lease_index.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#define LEASE_SUFFIX ".lease"

const char *ipcfg_lx_state_dir(void)
{
    const char *d = secure_getenv("IPCFG_STATE_DIR");

    return (d != NULL && d[0] != '\0') ? d : IPCFG_LX_STATE_DIR_DEFAULT;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int ipcfg_lx_leases_load(ipcfg_lx_leases *ls, const char *state_dir)
{
    DIR *d;
    struct dirent *de;
    size_t sl = strlen(LEASE_SUFFIX);

    memset(ls, 0, sizeof(*ls));
    d = opendir(state_dir);
    if (d == NULL)
        return 0; /* no state directory: no leases */
    while ((de = readdir(d)) != NULL) {
        size_t n = strlen(de->d_name);
        char *name;

        if (n <= sl || strcmp(de->d_name + n - sl, LEASE_SUFFIX) != 0)
            continue;
        if (de->d_type != DT_REG && de->d_type != DT_UNKNOWN)
            continue;
        if (ls->n == ls->cap) {
            size_t nc = ls->cap ? ls->cap * 2 : 8;
            char **q = realloc(ls->names, nc * sizeof(*q));
            if (q == NULL)
                goto oom;
            ls->names = q;
            ls->cap = nc;
        }
        name = malloc(n - sl + 1);
        if (name == NULL)
            goto oom;
        memcpy(name, de->d_name, n - sl);
        name[n - sl] = '\0';
        ls->names[ls->n++] = name;
    }
    (void)closedir(d);
    if (ls->n > 1)
        qsort(ls->names, ls->n, sizeof(*ls->names), cmp_name);
    return 0;
oom:
    (void)closedir(d);
    ipcfg_lx_leases_free(ls);
    return -1;
}

int ipcfg_lx_lease_held(const ipcfg_lx_leases *ls, const char *ifname)
{
    return ls->n > 0 && bsearch(&ifname, ls->names, ls->n, sizeof(*ls->names), cmp_name) != NULL;
}

void ipcfg_lx_leases_free(ipcfg_lx_leases *ls)
{
    for (size_t i = 0; i < ls->n; i++)
        free(ls->names[i]);
    free(ls->names);
    memset(ls, 0, sizeof(*ls));
}
