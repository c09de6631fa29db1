/* ipcfg — the core: runs a parsed command against a backend.
 * SPDX-License-Identifier: MIT */
#ifndef IPCFG_CORE_H
#define IPCFG_CORE_H

#include "ipcfg/backend.h"
#include "ipcfg/cli.h"

/* Where finished output goes: is_err selects stderr; text is UTF-8. */
typedef struct ipcfg_sink {
    void (*write)(void *ctx, int is_err, const char *text, size_t len);
    void *ctx;
} ipcfg_sink;

typedef int (*ipcfg_backend_open_fn)(ipcfg_backend *out, ipcfg_error *err);

/* Parses argv (UTF-8) and runs the command; returns the exit code.  The
 * backend is opened only for verbs that need one (not for usage, help or
 * version), and destroyed before returning. */
int ipcfg_main(int argc, char *const *argv, ipcfg_backend_open_fn open_backend, const ipcfg_sink *sink);

/* Runs an already-parsed command. */
int ipcfg_run(const ipcfg_cmd *cmd, ipcfg_backend *b, const ipcfg_sink *sink);

extern const char ipcfg_version[];

#endif
