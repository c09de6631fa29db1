/* ipcfg — the output of a run (core_int.h): the documents' bytes handed to
 * the sink, in their display form, with the platform's line ends; a write
 * that fails is reported once and makes the run exit 3; an outcome
 * rendered into them (ipcfg_core_emit).
 * SPDX-License-Identifier: MIT */
#include "core_int.h"

#include <stdio.h>
#include <string.h>

static void put_raw(ipcfg_out *w, int is_err, const char *s, size_t n);

/* Hands n bytes to the sink as they are; a failed stdout write is reported
 * by one line on stderr (where it can be written), once. */
static void put_bytes(ipcfg_out *w, int is_err, const char *s, size_t n)
{
    if (!n || (is_err ? w->err_lost : w->lost))
        return;
    ipcfg_error e;
    ipcfg_error_clear(&e);
    int r = w->sink->write(w->sink->ctx, is_err, s, n, &e);
    if (r == IPCFG_SINK_OK)
        return;
    if (is_err) {
        w->err_lost = 1;
        return;
    }
    w->lost = 1;
    if (r == IPCFG_SINK_GONE)
        return; /* the reader went away: quietly */
    ipcfg_strbuf line;
    ipcfg_sb_init(&line);
    ipcfg_fmt_lost_output(&line, &e);
    if (line.oom)
        put_raw(w, 1, ipcfg_text_oom_notice, strlen(ipcfg_text_oom_notice));
    else
        put_raw(w, 1, line.s, line.len);
    ipcfg_sb_free(&line);
}

/* Hands n bytes to the sink; where the sink's text takes CR LF line ends
 * (Windows), every LF of text is written as CR LF.  The bytes never hold a
 * CR of their own: put() shows one as \x0d.  The translated copy is one
 * write; when there is no memory for it, the same bytes go out line by
 * line (nothing is lost for want of a copy). */
static void put_raw(ipcfg_out *w, int is_err, const char *s, size_t n)
{
    if (!w->sink->crlf || (!is_err && w->json_out) || !memchr(s, '\n', n)) {
        put_bytes(w, is_err, s, n);
        return;
    }
    ipcfg_strbuf t;
    ipcfg_sb_init(&t);
    ipcfg_sb_put_crlf(&t, s, n);
    if (!t.oom) {
        put_bytes(w, is_err, t.s, t.len);
        ipcfg_sb_free(&t);
        return;
    }
    ipcfg_sb_free(&t);
    while (n) {
        const char *nl = memchr(s, '\n', n);
        size_t k = nl ? (size_t)(nl - s) : n;
        put_bytes(w, is_err, s, k);
        if (!nl)
            return;
        put_bytes(w, is_err, "\r\n", 2);
        s += k + 1;
        n -= k + 1;
    }
}

/* Hands text to the sink in its display form: C0 controls (but LF), DEL and
 * bytes that are not UTF-8 as \xHH (format.h, ipcfg_text_safe_span). */
static void put(ipcfg_out *w, int is_err, const char *s, size_t n)
{
    if (!is_err && w->json_out) {
        /* a JSON document is its display form already: every string in
         * it went through ipcfg_json_str (controls as \u escapes, valid
         * UTF-8 only), the rest is ASCII; scanning it again cost /all
         * /json a sixth of its instructions at 5,000 interfaces
         * (bench/README.md) */
        put_raw(w, is_err, s, n);
        return;
    }
    while (n && !(is_err ? w->err_lost : w->lost)) {
        size_t k = ipcfg_text_safe_span(s, n);
        put_raw(w, is_err, s, k);
        if (k == n)
            return;
        char esc[8];
        snprintf(esc, sizeof(esc), "\\x%02x", (unsigned)(unsigned char)s[k]);
        put_raw(w, is_err, esc, strlen(esc));
        s += k + 1;
        n -= k + 1;
    }
}

static void flush(ipcfg_doc *d)
{
    ipcfg_out *w = d->ctx;
    if (d->out.oom || d->err.oom) {
        /* Never hand out a cut-off document: stdout is lost for the rest of
         * the run (later appends could succeed and write a fragment). */
        if (!w->lost)
            put_raw(w, 1, ipcfg_text_oom_notice, strlen(ipcfg_text_oom_notice));
        w->lost = 1;
        ipcfg_sb_free(&d->out);
        ipcfg_sb_free(&d->err);
        return;
    }
    put(w, 0, d->out.s, d->out.len);
    put(w, 1, d->err.s, d->err.len);
    ipcfg_sb_reset(&d->out);
    ipcfg_sb_reset(&d->err);
}

void ipcfg_out_init(ipcfg_out *w, const ipcfg_sink *sink)
{
    memset(w, 0, sizeof(*w));
    w->sink = sink;
    w->doc.flush = flush;
    w->doc.ctx = w;
}

void ipcfg_out_free(ipcfg_out *w)
{
    ipcfg_sb_free(&w->doc.out);
    ipcfg_sb_free(&w->doc.err);
}

/* ---- rendering ---- */

#ifndef IPCFG_VERSION_STRING
#define IPCFG_VERSION_STRING "0.0.0"
#endif
const char ipcfg_version[] = IPCFG_VERSION_STRING;

int ipcfg_core_emit(ipcfg_out *w, ipcfg_outcome *oc, const ipcfg_backend *b)
{
    ipcfg_verdict v;
    oc->version = ipcfg_version;
    oc->json_ascii = w->sink->ascii_json;
    if (b) {
        oc->title = b->title;
        oc->platform = b->platform;
    }
    ipcfg_outcome_verdict(oc, &v);
    if (oc->json) {
        /* the JSON renderer flushes its whole document before it returns */
        w->json_out = 1;
        ipcfg_json_render(oc, &v, &w->doc);
        w->json_out = 0;
    }
    ipcfg_text_render(oc, &v, &w->doc);
    return v.code;
}

int ipcfg_core_fail(ipcfg_out *w, const ipcfg_cmd *c, const ipcfg_backend *b, const ipcfg_error *err)
{
    ipcfg_outcome oc;
    ipcfg_outcome_init(&oc, IPCFG_OC_FAILED, c);
    oc.error = *err;
    return ipcfg_core_emit(w, &oc, b);
}
