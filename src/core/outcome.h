/* ipcfg — the result model: what a command came to, before any output.
 *
 * The core turns a command into an ipcfg_outcome; the formatters
 * (format_text.c, format_json.c) render whole documents from it; one pure
 * function, ipcfg_outcome_verdict, computes the exit code.  Private to the
 * core library (src/core): backends never see it.
 *
 * SPDX-License-Identifier: MIT */
#ifndef IPCFG_OUTCOME_H
#define IPCFG_OUTCOME_H

#include <stddef.h>
#include <stdint.h>

#include "cli.h"
#include "ipcfg/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One adapter a release/renew selected, acted on or not. */
typedef struct ipcfg_result {
    const ipcfg_adapter *ad;    /* as selected (the first listing) */
    const ipcfg_adapter *state; /* its state after the operation (ad when it was not listed again) */
    int acted;                  /* handed to the backend */
    int counts;                 /* the outcome counts toward the exit code */
    int gone;                   /* release: no adapter has the name (any more); ad holds the name only,
                                   and there is no state to show */
    const char *classid;        /* showclassid: the adapter's class ("" none; NULL when it could not be
                                   read) */
    ipcfg_error err;            /* status 0 = success */
} ipcfg_result;

typedef enum ipcfg_outcome_kind {
    IPCFG_OC_USAGE = 0, /* the command line was not understood */
    IPCFG_OC_HELP,
    IPCFG_OC_VERSION,
    IPCFG_OC_FAILED,    /* the run's own error: nothing else to show */
    IPCFG_OC_LIST,      /* show, /all */
    IPCFG_OC_ADDRTABLE,
    IPCFG_OC_DHCP,      /* /release, /renew, /registerdns */
    IPCFG_OC_ADD,
    IPCFG_OC_DELETE,
    IPCFG_OC_FLUSHDNS,  /* the caches flushed, or op_err */
    IPCFG_OC_CLASSID    /* /showclassid, /setclassid: one result per adapter, or op_err */
} ipcfg_outcome_kind;

typedef struct ipcfg_outcome {
    ipcfg_outcome_kind kind;
    ipcfg_verb verb;            /* unset for IPCFG_OC_USAGE */
    int json;                   /* /json: a JSON document on stdout */
    int json_ascii;             /* the document escapes every non-ASCII character */
    const char *version;        /* ipcfg's own */
    const char *title;          /* the backend's; NULL when none was opened */
    const char *platform;       /* the backend's (JSON); NULL = none opened */

    /* IPCFG_OC_USAGE: the parser's message, "" for the generic error */
    const char *usage_msg;
    /* IPCFG_OC_FAILED: the run's own error */
    ipcfg_error error;

    /* IPCFG_OC_LIST: the host block (/all only, else NULL) and the adapters
     * shown, in platform order */
    const ipcfg_host *host;
    const ipcfg_adapter *const *adapters;
    size_t n_adapters;

    /* IPCFG_OC_ADDRTABLE */
    const ipcfg_addrtable *table;

    /* IPCFG_OC_DHCP, IPCFG_OC_CLASSID: one result per selected adapter, in
     * output order */
    const ipcfg_result *results;
    size_t n_results;

    /* IPCFG_OC_ADD / IPCFG_OC_DELETE */
    const char *op_adapter;     /* /add: the adapter named (or the pattern) */
    ipcfg_ip op_addr;           /* the address added or deleted */
    unsigned op_prefix;         /* /add */
    int op_by_context;          /* /delete by NTE context */
    int op_has_context;         /* /add: the platform handed out an NTE context */
    uint32_t op_context;
    ipcfg_error op_err;         /* status 0 = success (also IPCFG_OC_FLUSHDNS, and IPCFG_OC_CLASSID:
                                   no adapter matched) */
    const char *op_classid;     /* /setclassid: the class set ("" = cleared) */

    /* IPCFG_OC_FLUSHDNS: the resolver caches flushed */
    const char *const *caches;
    size_t n_caches;
} ipcfg_outcome;

/* What decides the exit code: the code, and the error (with its adapter
 * name) the documents report as the command's own. */
typedef struct ipcfg_verdict {
    int code;            /* the exit code */
    int has_error;       /* code != 0: error holds the deciding failure */
    ipcfg_error error;
    const char *name;    /* its adapter's name, NULL for none */
    int none_permissible; /* release/renew: no adapter was acted on and
                           * none failed; the error is that fact */
} ipcfg_verdict;

/* Pure: the exit code of an outcome.  Release/renew: the first failure
 * that counts, in output order; with none and nothing acted on, 2. */
void ipcfg_outcome_verdict(const ipcfg_outcome *o, ipcfg_verdict *v);
int ipcfg_outcome_exit_code(const ipcfg_outcome *o);

void ipcfg_outcome_init(ipcfg_outcome *o, ipcfg_outcome_kind kind, const ipcfg_cmd *cmd);

#ifdef __cplusplus
}
#endif
#endif
