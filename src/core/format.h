/* ipcfg — the formatters: text (ipconfig layout) and JSON.  They render
 * whole documents from an outcome (outcome.h); they know no platform and
 * write into strbufs.  SPDX-License-Identifier: MIT */
#ifndef IPCFG_FORMAT_H
#define IPCFG_FORMAT_H

#include "outcome.h"
#include "ipcfg/model.h"
#include "strbuf.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Column of the colon in a labelled line, and of the value. */
#define IPCFG_COLON_COL 37
#define IPCFG_VALUE_COL 39

/* Where a renderer writes: stdout text (out) and stderr text (err).  At each
 * ipcfg_doc_flush a part of the document is complete and the caller hands
 * out, then err, to the sink, so that blocks and failure lines reach a
 * terminal in order. */
typedef struct ipcfg_doc {
    ipcfg_strbuf out, err;
    void (*flush)(struct ipcfg_doc *d); /* set by the caller */
    void *ctx;
} ipcfg_doc;

void ipcfg_doc_flush(ipcfg_doc *d);

/* Whole documents.  A command's output is the JSON document (with /json),
 * then the text one: the text renderer writes the failure lines on stderr
 * in both modes and the stdout text only without /json. */
void ipcfg_json_render(const ipcfg_outcome *oc, const ipcfg_verdict *v, ipcfg_doc *d);
void ipcfg_text_render(const ipcfg_outcome *oc, const ipcfg_verdict *v, ipcfg_doc *d);

/* The line written on stderr when output was lost to an allocation failure. */
extern const char ipcfg_text_oom_notice[];
/* The line written on stderr when stdout could not be written (e is what the
 * sink reported): "Error: the output could not be written: <text>." */
void ipcfg_fmt_lost_output(ipcfg_strbuf *o, const ipcfg_error *e);

/* The display form of text output and error lines: every C0 control
 * character but LF, DEL, and each byte that is not part of valid UTF-8, is
 * shown as \xHH (two lower-case hex digits); everything else is unchanged.
 * ipcfg_text_safe_span: how many leading bytes of s[0..n) need no escape
 * (never ends inside a character).  ipcfg_text_display appends the display
 * form of s[0..n) to o. */
size_t ipcfg_text_safe_span(const char *s, size_t n);
void ipcfg_text_display(ipcfg_strbuf *o, const char *s, size_t n);

/* Text pieces (exported for tests) */
void ipcfg_fmt_title(ipcfg_strbuf *o, const char *title);
void ipcfg_fmt_host(ipcfg_strbuf *o, const ipcfg_host *h);
void ipcfg_fmt_adapter(ipcfg_strbuf *o, const ipcfg_adapter *a, int all);
void ipcfg_fmt_addrtable(ipcfg_strbuf *o, const ipcfg_addrtable *t);
/* One labelled line: label is the bare label text ("Host Name"); dot
 * leaders are added as ipconfig does. */
void ipcfg_fmt_field(ipcfg_strbuf *o, const char *label, const char *value);
void ipcfg_fmt_cont(ipcfg_strbuf *o, const char *value);
/* "Monday, September 19, 2016 6:11:36 AM" in UTC; tz offset applied by caller */
void ipcfg_fmt_time(char *buf, size_t len, int64_t t);
/* The failure line of the contract for an operation on one adapter
 * (verb "release"/"renew"/...; name may be NULL). No trailing newline. */
void ipcfg_fmt_failure(ipcfg_strbuf *o, const char *verb, const char *name, const ipcfg_error *e);

/* Adapter views (adapter_view.c): what a listing shows where the DHCPv6
 * lease and the platform's own lists feed one field, the same in text and
 * JSON.
 * The DHCPv6 lease while it is current (bound or configuration-only); NULL
 * when there is none or it expired: nothing of it is then shown as current. */
static inline const ipcfg_lease6 *ipcfg_view_lease6(const ipcfg_adapter *a)
{
    return a->lease6 && a->lease6->state != IPCFG_LEASE6_EXPIRED ? a->lease6 : NULL;
}
/* The address of lease ls (NULL: none) equal to ip, or NULL. */
const ipcfg_lease6_addr *ipcfg_view_lease6_addr(const ipcfg_lease6 *ls, const ipcfg_ip *ip);
/* "DNS Servers" (JSON dns_servers), one at each call from *pos = 0 until
 * NULL: the current DHCPv6 lease's servers first (ipconfig lists a dual-
 * stack adapter's IPv6 servers first), each once, then the adapter's own
 * list as the platform gave it (a repeat of its own included, as Windows
 * shows one), less the servers the lease named. */
const ipcfg_ip *ipcfg_view_dns_next(const ipcfg_adapter *a, size_t *pos);
/* "Connection-specific DNS Suffix Search List" (JSON
 * dns_suffix_search_list), the same way: the adapter's own list
 * (conn_search: Windows FirstDnsSuffix; the Linux backend fills none yet)
 * as the platform gave it, then the current DHCPv6 lease's domains
 * (option 24) not in it and not named before (names compared without
 * regard to case, RFC 4343). */
const char *ipcfg_view_search_next(const ipcfg_adapter *a, size_t *pos);

/* JSON pieces (exported for tests) */
void ipcfg_json_str(ipcfg_strbuf *o, const char *s);
/* Rewrites a finished JSON document (valid UTF-8) in pure ASCII: every
 * non-ASCII character, which can only stand inside a string, becomes a
 * \uXXXX escape (a surrogate pair above U+FFFF). */
void ipcfg_json_to_ascii(ipcfg_strbuf *o);
void ipcfg_json_adapter(ipcfg_strbuf *o, const ipcfg_adapter *a, int all, int indent);
void ipcfg_json_host(ipcfg_strbuf *o, const ipcfg_host *h, int indent);
void ipcfg_json_addrtable(ipcfg_strbuf *o, const ipcfg_addrtable *t, int indent);
void ipcfg_json_error(ipcfg_strbuf *o, const char *verb, const char *name, const ipcfg_error *e, int indent);

#ifdef __cplusplus
}
#endif
#endif
