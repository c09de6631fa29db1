/* ipcfg — the core's output: the document the formatters fill, handed to
 * the caller's sink in its display form (format.h), and what is lost when
 * a write fails.  Used by the core's verbs (core.c).
 * SPDX-License-Identifier: MIT */
#ifndef IPCFG_CORE_OUTPUT_H
#define IPCFG_CORE_OUTPUT_H

#include "ipcfg/backend.h"
#include "ipcfg/core.h"
#include "cli.h"
#include "format.h"
#include "outcome.h"

typedef struct ipcfg_out {
    ipcfg_doc doc;
    const ipcfg_sink *sink;
    int lost;     /* stdout output was lost (write error, reader gone, out of
                   * memory): nothing more goes to stdout; the run exits 3 */
    int err_lost; /* stderr output was lost: the run exits 3 */
    int json_out; /* stdout is taking the JSON document (its LF line ends stay) */
} ipcfg_out;

void ipcfg_out_init(ipcfg_out *w, const ipcfg_sink *sink);
void ipcfg_out_free(ipcfg_out *w);
/* Renders the outcome (the JSON document first, then the text) and returns
 * its exit code. */
int ipcfg_out_emit(ipcfg_out *w, ipcfg_outcome *oc, const ipcfg_backend *b);
/* A whole-command failure: the run's own error and nothing else. */
int ipcfg_out_fail(ipcfg_out *w, const ipcfg_cmd *c, const ipcfg_backend *b, const ipcfg_error *err);

#endif
