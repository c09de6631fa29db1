/* ipcfg — the state directory.  See shared/statedir.h.
 * SPDX-License-Identifier: MIT */
#define _GNU_SOURCE 1 /* secure_getenv */
#include "shared/statedir.h"

#include <stdlib.h>

const char *ipcfg_lx_state_dir(void)
{
    /* secure_getenv: a set-uid copy never takes the directory from its
     * caller's environment */
    const char *d = secure_getenv("IPCFG_STATE_DIR");

    return (d != NULL && d[0] != '\0') ? d : IPCFG_LX_STATE_DIR_DEFAULT;
}
