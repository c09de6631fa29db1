/* ipcfg — command-line parsing (no I/O).  SPDX-License-Identifier: MIT */
#ifndef IPCFG_CLI_H
#define IPCFG_CLI_H

#include "ipcfg/model.h"

/* The verbs.  A new verb is a value here, a line in cli.c's verb table
 * (its switch and how many arguments it takes), its case in core.c's
 * ipcfg_run, the backend operation it calls (include/ipcfg/backend.h) and,
 * when its outcome is not a listing, a failure or a per-adapter result,
 * an outcome kind (outcome.h) with its text and JSON (render_text.c,
 * render_json.c). */
typedef enum ipcfg_verb {
    IPCFG_V_SHOW = 0,   /* no switch: brief listing */
    IPCFG_V_ALL,
    IPCFG_V_RELEASE,
    IPCFG_V_RENEW,
    IPCFG_V_ADDRTABLE,
    IPCFG_V_ADD,
    IPCFG_V_DELETE,
    IPCFG_V_RELEASE6,
    IPCFG_V_RENEW6,
    IPCFG_V_FLUSHDNS,
    IPCFG_V_DISPLAYDNS,
    IPCFG_V_REGISTERDNS,
    IPCFG_V_SHOWCLASSID,
    IPCFG_V_SETCLASSID,
    IPCFG_V_HELP,
    IPCFG_V_VERSION
} ipcfg_verb;

#define IPCFG_TIMEOUT_MAX 3600u

typedef struct ipcfg_cmd {
    ipcfg_verb verb;
    int json;
    int has_timeout;
    unsigned timeout_s;       /* 1..IPCFG_TIMEOUT_MAX */
    const char *adapter;      /* pattern (release/renew, optional; showclassid/setclassid) or name
                                 (add); NULL = none */
    /* /hostname:NAME (any verb; used by renew and registerdns): hostname
     * passed ipcfg_ldh_name_valid, or is "" (send no name) */
    int has_hostname;
    const char *hostname;
    /* /setclassid: the class (passed ipcfg_classid_check); "" = clear it */
    const char *classid;
    /* /add */
    ipcfg_ip add_addr;
    unsigned add_prefix;
    /* /delete */
    int del_by_context;
    uint32_t del_context;
    ipcfg_ip del_addr;
} ipcfg_cmd;

/* Parses argv[1..argc-1] (UTF-8).  Returns 0, or IPCFG_E_USAGE with a
 * one-line message in msg ("" for the generic "unrecognized or incomplete
 * command line" case, else a specific one naming the bad argument). */
int ipcfg_cli_parse(int argc, char *const *argv, ipcfg_cmd *cmd, char *msg, size_t msglen);

const char *ipcfg_verb_name(ipcfg_verb v); /* "release", "all", ... */

#endif
