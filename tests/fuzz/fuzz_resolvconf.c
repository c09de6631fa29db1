/* ipcfg — libFuzzer target for the resolv.conf parser
 * (src/linux/resolvconf.c), with the result's invariants checked.
 * SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE 1
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "command/resolvconf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_name(const char *s)
{
    size_t i, n = strnlen(s, IPCFG_NAME_MAX);
    if (n >= IPCFG_NAME_MAX)
        abort();
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x21 || c == 0x7f)
            abort(); /* blanks and control bytes never get into a name */
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static ipcfg_resolv rc;
    size_t i;

    ipcfg_resolv_parse((const char *)data, size, &rc);
    if (rc.n_search > IPCFG_SEARCH_MAX)
        abort();
    check_name(rc.domain);
    for (i = 0; i < rc.n_search; i++) {
        check_name(rc.search[i]);
        if (rc.search[i][0] == '\0')
            abort();
    }
    if (rc.domain[0] != '\0' && (rc.n_search != 1 || strcmp(rc.domain, rc.search[0]) != 0))
        abort(); /* `domain` in effect means a one-entry search list */
    return 0;
}
