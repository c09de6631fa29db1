/* ipcfg — the core: parses a command line and runs it against a backend.
 * The one entry point each platform's main.c calls.
 * SPDX-License-Identifier: MIT */
#ifndef IPCFG_CORE_H
#define IPCFG_CORE_H

#include <stddef.h>

#include "ipcfg/backend.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What a sink's write answers. */
enum {
    IPCFG_SINK_OK = 0,      /* every byte was written */
    IPCFG_SINK_FAILED = -1, /* the output is lost (a full disk, a closed or
                             * invalid descriptor): *err holds the system's
                             * code and text; the core reports it (exit 3) */
    IPCFG_SINK_GONE = -2    /* the reader went away (a broken pipe): the
                             * output is lost, quietly (exit 3, no line) */
};

/* Where finished output goes: is_err selects stderr; text is UTF-8.
 * write returns one of IPCFG_SINK_*; on IPCFG_SINK_FAILED it fills *err
 * (ipcfg_error_set + ipcfg_error_sys).  Once stdout output is lost the core
 * writes nothing more to stdout.
 * ascii_json: JSON documents escape every non-ASCII character (\uXXXX), so
 * that they read the same under any code page (Windows).
 * crlf: every line of text (stdout and stderr) ends with CR LF, as Windows
 * console programs write it; the JSON document keeps LF (docs/json.md).
 * Without it lines end with LF. */
typedef struct ipcfg_sink {
    int (*write)(void *ctx, int is_err, const char *text, size_t len, ipcfg_error *err);
    void *ctx;
    int ascii_json;
    int crlf;
} ipcfg_sink;

typedef int (*ipcfg_backend_open_fn)(ipcfg_backend *out, ipcfg_error *err);

/* Parses argv (UTF-8) and runs the command; returns the exit code.  The
 * backend is opened only for verbs that need one (not for usage, help or
 * version), and destroyed before returning. */
int ipcfg_main(int argc, char *const *argv, ipcfg_backend_open_fn open_backend, const ipcfg_sink *sink);

extern const char ipcfg_version[];

#ifdef __cplusplus
}
#endif
#endif
