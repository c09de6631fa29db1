/* libFuzzer target: the command line (argv split on NUL bytes) through
 * ipcfg_main over the fixed-model backend, the address parsers and the
 * wildcard matcher.  SPDX-License-Identifier: MIT */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "ipcfg/core.h"
#include "wildcard.h"

static int discard(void *ctx, int is_err, const char *text, size_t len, ipcfg_error *err)
{
    (void)ctx;
    (void)is_err;
    (void)text;
    (void)len;
    (void)err;
    return IPCFG_SINK_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    char *buf = malloc(size + 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';

    char *argv[33];
    int argc = 0;
    argv[argc++] = "ipcfg";
    for (size_t i = 0; i <= size && argc < 32;) {
        argv[argc++] = buf + i;
        i += strlen(buf + i) + 1;
    }
    argv[argc] = NULL;

    ipcfg_sink sink = {discard, NULL, 0, 0};
    (void)ipcfg_main(argc, argv, fixture_backend_open, &sink);

    ipcfg_ip ip;
    char out[IPCFG_IPSTR_MAX];
    if (ipcfg_ip6_parse(buf, &ip) == 0) {
        /* Printing and parsing again gives the same address. */
        ipcfg_ip again;
        if (ipcfg_ip6_parse(ipcfg_ip_str(&ip, out, sizeof(out)), &again) != 0 || !ipcfg_ip_equal(&ip, &again))
            abort();
    }
    if (ipcfg_ip4_parse(buf, &ip) == 0 && strcmp(ipcfg_ip_str(&ip, out, sizeof(out)), buf) != 0)
        abort();
    if (argc >= 3) {
        (void)ipcfg_wildcard_match(argv[1], argv[2]);
        /* A name always matches itself and "*". */
        if (!ipcfg_wildcard_has_meta(argv[1]) && !ipcfg_wildcard_match(argv[1], argv[1]))
            abort();
        if (!ipcfg_wildcard_match("*", argv[2]))
            abort();
    }
    free(buf);
    return 0;
}
