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

/* Where finished output goes: is_err selects stderr; text is UTF-8.
 * ascii_json: JSON documents escape every non-ASCII character (\uXXXX), so
 * that they read the same under any code page (Windows). */
typedef struct ipcfg_sink {
    void (*write)(void *ctx, int is_err, const char *text, size_t len);
    void *ctx;
    int ascii_json;
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
