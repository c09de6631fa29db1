/* ipcfg — the privileged part's answers to the engine and the notes of a
 * job's result, for the DHCPv4 and DHCPv6 requests alike
 * (exchange/requests.c, exchange/requests6.c; see
 * exchange/exchange_state.h).
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "exchange/exchange_state.h"

#include <stdio.h>
#include <string.h>

int ipcfg_lx_reply(exchange_run *r, int status, int saving, const ipcfg_error *err, int fd)
{
    ipcfg_lx_wire_reply rep;

    memset(&rep, 0, sizeof(rep));
    rep.status = status;
    rep.saving = saving;
    if (err != NULL && status != 0)
        rep.err = *err;
    if (ipcfg_lx_wire_send(r->engine.rpc, &rep, sizeof(rep), fd) == 0)
        return 0;
    snprintf(r->engine_error, sizeof(r->engine_error), "The DHCP engine did not take its answer; it was stopped.");
    return -1;
}

int ipcfg_lx_refuse(exchange_run *r, const char *what)
{
    ipcfg_error e;

    ipcfg_error_clear(&e);
    ipcfg_error_set(&e, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "The DHCP engine asked to %s; refused.", what);
    return ipcfg_lx_reply(r, e.status, 0, &e, -1);
}

void ipcfg_lx_note_add(exchange_job *j, const char *line)
{
    size_t have = strlen(j->note);

    if (line[0] == '\0')
        return;
    if (have == 0) {
        ipcfg_copy_str(j->note, sizeof(j->note), line);
    } else if (have + 1 < sizeof(j->note)) {
        j->note[have] = ' ';
        ipcfg_copy_str(j->note + have + 1, sizeof(j->note) - have - 1, line);
    }
}
