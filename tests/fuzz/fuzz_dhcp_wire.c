/* ipcfg — libFuzzer target for what the privileged side reads from the
 * unprivileged DHCP engine (src/linux/dhcp_wire.c): a request as it came
 * off the SEQPACKET socket, checked by ipcfg_lx_wire_req_decode, its
 * outcome made safe by ipcfg_lx_wire_error_clean, and its lease text
 * parsed by the strict lease parser exactly as dhcp_serve.c does.  The
 * engine is the process that parsed the network's bytes: what it sends is
 * treated as hostile.
 * SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE 1
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wire/engine_wire.h"

static volatile size_t sink;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ipcfg_lx_wire_req req;
    const char *text = NULL, *why = NULL;
    ipcfg_error e;

    if (ipcfg_lx_wire_req_decode(data, size, &req, &text, &why) == 0) {
        if (text == NULL || req.text_len > IPCFG_LX_WIRE_TEXT_MAX || memchr(text, '\0', req.text_len) != NULL)
            abort(); /* accepted: its text is inside the message, without NUL */
        if ((req.type == IPCFG_LX_W_DONE || req.type == IPCFG_LX_W_ABORT) &&
            strnlen(req.err.text, sizeof(req.err.text)) >= sizeof(req.err.text))
            abort(); /* an accepted outcome's text is terminated */
        if (req.text_len > 0) {
            ipcfg_dhcp_lease l;
            char w[200];
            if (ipcfg_dhcp_lease_parse(text, req.text_len, &l, w, sizeof(w)) == 0)
                sink += l.n_dns + l.n_routes + strnlen(l.domain, sizeof(l.domain));
            else
                sink += strnlen(w, sizeof(w));
        }
    } else if (why == NULL) {
        abort(); /* a refusal says why */
    }
    /* any bytes as an outcome: cleaned into something printable */
    memset(&e, 0, sizeof(e));
    memcpy(&e, data, size < sizeof(e) ? size : sizeof(e));
    (void)ipcfg_lx_wire_error_clean(&e);
    for (const char *p = e.text; *p != '\0'; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            abort();
    return 0;
}
