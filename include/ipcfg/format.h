/* ipcfg — the formatter: text (ipconfig layout) and JSON.  Knows no
 * platform; writes into strbufs.  SPDX-License-Identifier: MIT */
#ifndef IPCFG_FORMAT_H
#define IPCFG_FORMAT_H

#include "ipcfg/model.h"
#include "ipcfg/strbuf.h"

/* Column of the colon in a labelled line, and of the value. */
#define IPCFG_COLON_COL 37
#define IPCFG_VALUE_COL 39

/* Text */
void ipcfg_fmt_title(ipcfg_strbuf *o, const char *title);
void ipcfg_fmt_host(ipcfg_strbuf *o, const ipcfg_host *h);
void ipcfg_fmt_adapter(ipcfg_strbuf *o, const ipcfg_adapter *a, int all);
void ipcfg_fmt_addrtable(ipcfg_strbuf *o, const ipcfg_addrtable *t);
/* One labelled line (exported for tests): label is the bare label text
 * ("Host Name"); dot leaders are added as ipconfig does. */
void ipcfg_fmt_field(ipcfg_strbuf *o, const char *label, const char *value);
void ipcfg_fmt_cont(ipcfg_strbuf *o, const char *value);
/* "Monday, September 19, 2016 6:11:36 AM" in UTC; tz offset applied by caller */
void ipcfg_fmt_time(char *buf, size_t len, int64_t t);
/* The failure line of the contract for an operation on one adapter
 * (verb "release"/"renew"/...; name may be NULL). No trailing newline. */
void ipcfg_fmt_failure(ipcfg_strbuf *o, const char *verb, const char *name, const ipcfg_error *e);

/* JSON helpers */
void ipcfg_json_str(ipcfg_strbuf *o, const char *s);
void ipcfg_json_adapter(ipcfg_strbuf *o, const ipcfg_adapter *a, int all, int indent);
void ipcfg_json_host(ipcfg_strbuf *o, const ipcfg_host *h, int indent);
void ipcfg_json_addrtable(ipcfg_strbuf *o, const ipcfg_addrtable *t, int indent);
void ipcfg_json_error(ipcfg_strbuf *o, const char *verb, const char *name, const ipcfg_error *e, int indent);

#endif
