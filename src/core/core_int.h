/* ipcfg — what the core's files share (private to src/core): the output
 * of a run (output.c), rendering an outcome, the privilege question and
 * adapter selection (core.c), and the verbs of dhcp_verbs.c.
 * SPDX-License-Identifier: MIT */
#ifndef IPCFG_CORE_INT_H
#define IPCFG_CORE_INT_H

#include "cli.h"
#include "format.h"
#include "outcome.h"
#include "ipcfg/backend.h"
#include "ipcfg/core.h"

/* ---- output (output.c) ---- */

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

/* ---- core.c ---- */

/* Renders the outcome (the JSON document first, then the text) and returns
 * its exit code. */
int ipcfg_core_emit(ipcfg_out *w, ipcfg_outcome *oc, const ipcfg_backend *b);
/* A whole-command failure: the run's own error and nothing else. */
int ipcfg_core_fail(ipcfg_out *w, const ipcfg_cmd *c, const ipcfg_backend *b, const ipcfg_error *err);
/* A change asks the backend for the privilege first, before any argument
 * is resolved (docs/exit-codes.md, "4: access denied"); 0 = go on, else
 * *code holds the exit code of the whole-command failure already rendered.
 * dhcp: as check_change's (backend.h). */
int ipcfg_core_denied(const ipcfg_cmd *c, ipcfg_backend *b, ipcfg_out *w, int dhcp, int *code);

/* Whether a listing shows the adapter (loopback is left out, as ipconfig
 * leaves it out). */
int ipcfg_core_listed(const ipcfg_adapter *a);

/* How an adapter argument selects (docs/wildcards.md): when some adapter
 * has exactly that name (case-sensitive where the backend says so), only
 * the adapters of that name; otherwise the wildcard match.  Names such as
 * "Local Area Connection* 3" hold a literal `*`. */
typedef struct ipcfg_selector {
    const char *pattern; /* NULL: every adapter */
    int exact;
    int case_sensitive;
} ipcfg_selector;

/* listed_only: only the adapters a listing shows may match exactly. */
void ipcfg_selector_init(ipcfg_selector *s, const ipcfg_backend *b, const char *pattern, const ipcfg_adapter_list *l,
                         int listed_only);
int ipcfg_selects(const ipcfg_selector *s, const char *name);

/* ---- dhcp_verbs.c ---- */

typedef void (*ipcfg_core_dhcp_fn)(ipcfg_backend *, ipcfg_dhcp_job *, size_t, const ipcfg_op_opts *);
/* The backend's operation for a release, renew or registerdns verb, by
 * family; NULL when the backend has none. */
ipcfg_core_dhcp_fn ipcfg_core_dhcp_op(const ipcfg_cmd *c, const ipcfg_backend *b);
/* /release, /renew, /registerdns, and /release6, /renew6 where the
 * backend has a DHCPv6 client */
int ipcfg_core_run_dhcp(const ipcfg_cmd *c, ipcfg_backend *b, ipcfg_out *w);
/* /showclassid, /setclassid */
int ipcfg_core_run_classid(const ipcfg_cmd *c, ipcfg_backend *b, ipcfg_out *w);

#endif
