/* ipcfg tests — renders the fixed model through ipcfg_main and compares
 * stdout byte for byte with a golden file.  Plain C (no CMocka) so that the
 * cross-compiled Windows build runs it under Wine too.  A Windows build
 * renders as ipcfg.exe does, every text line ending with CR LF (its text
 * goldens are tests/golden/win/, holding those bytes); the JSON documents
 * keep LF on both platforms.  On success it prints one "ok" line (a Wine
 * run that printed nothing is never a pass: tests/win/wine_run.sh).
 *
 * usage: golden_check [--linux] GOLDEN_FILE ARG...   (run with TZ=UTC0)
 * --linux: the Linux fixture (fixture_linux.c) instead of the Windows one
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "ipcfg/core.h"
#include "strbuf.h"

#ifdef _WIN32
#define IPCFG_GOLDEN_CRLF 1 /* as src/win/main.c's sink */
#else
#define IPCFG_GOLDEN_CRLF 0
#endif

static int collect(void *ctx, int is_err, const char *text, size_t len, ipcfg_error *err)
{
    ipcfg_strbuf *bufs = ctx;
    (void)err;
    ipcfg_sb_putn(&bufs[is_err ? 1 : 0], text, len);
    return IPCFG_SINK_OK;
}

int main(int argc, char **argv)
{
    ipcfg_backend_open_fn open_fn = fixture_backend_open;
    if (argc > 1 && strcmp(argv[1], "--linux") == 0) {
        open_fn = fixture_linux_backend_open;
        argv++;
        argc--;
    }
    if (argc < 2) {
        fprintf(stderr, "usage: golden_check [--linux] GOLDEN ARG...\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", argv[1]);
        return 2;
    }
    ipcfg_strbuf want, got[2];
    ipcfg_sb_init(&want);
    ipcfg_sb_init(&got[0]);
    ipcfg_sb_init(&got[1]);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        ipcfg_sb_putn(&want, chunk, n);
    fclose(f);

    /* argv for ipcfg_main: "ipcfg" followed by the arguments. */
    char **args = calloc((size_t)argc, sizeof(*args));
    if (!args)
        return 2;
    args[0] = "ipcfg";
    for (int i = 2; i < argc; i++)
        args[i - 1] = argv[i];
    ipcfg_sink sink = {collect, got, 0, IPCFG_GOLDEN_CRLF};
    int code = ipcfg_main(argc - 1, args, open_fn, &sink);
    free(args);

    int ok = code == 0 && got[1].len == 0 && got[0].len == want.len &&
             memcmp(ipcfg_sb_str(&got[0]), ipcfg_sb_str(&want), want.len) == 0;
    if (!ok) {
        fprintf(stderr, "golden mismatch for %s (exit %d)\n--- stderr:\n%s--- got:\n%s--- want:\n%s", argv[1], code,
                ipcfg_sb_str(&got[1]), ipcfg_sb_str(&got[0]), ipcfg_sb_str(&want));
        if (getenv("IPCFG_GOLDEN_UPDATE")) {
            FILE *u = fopen(argv[1], "wb");
            if (u) {
                fwrite(ipcfg_sb_str(&got[0]), 1, got[0].len, u);
                fclose(u);
                fprintf(stderr, "updated %s\n", argv[1]);
            }
        }
    }
    /* Every labelled line has its colon at column 37 and its value at 39. */
    const char *p = ipcfg_sb_str(&got[0]);
    int line = 1;
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len > 3 && strncmp(p, "   ", 3) == 0 && p[3] != ' ') {
            const char *c = strstr(p, ": ");
            if (c && c < p + len && c - p != 37) {
                fprintf(stderr, "line %d: colon at column %d, not 37\n", line, (int)(c - p));
                ok = 0;
            }
        }
        p += len + (e ? 1 : 0);
        line++;
    }
    if (ok)
        printf("ok: %s (%lu bytes)\n", argv[1], (unsigned long)want.len);
    ipcfg_sb_free(&want);
    ipcfg_sb_free(&got[0]);
    ipcfg_sb_free(&got[1]);
    return ok ? 0 : 1;
}
