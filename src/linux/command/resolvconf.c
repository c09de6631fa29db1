/* ipcfg — /etc/resolv.conf parser (Linux backend).  See command/resolvconf.h.
 * SPDX-License-Identifier: MIT */
#include "command/resolvconf.h"

#include <string.h>

static int is_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* A word may hold any byte but blanks, NUL and control bytes. */
static int word_ok(const char *w, size_t n)
{
    size_t i;

    if (n == 0 || n >= IPCFG_NAME_MAX)
        return 0;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c < 0x20 || c == 0x7f)
            return 0;
    }
    return 1;
}

/* Splits [p, end) into the next word; returns its start or NULL. */
static const char *next_word(const char **p, const char *end, size_t *n)
{
    const char *s = *p, *w;

    while (s < end && is_blank((unsigned char)*s))
        s++;
    w = s;
    while (s < end && !is_blank((unsigned char)*s))
        s++;
    *p = s;
    *n = (size_t)(s - w);
    return *n ? w : NULL;
}

static int keyword(const char *line, const char *end, const char *kw)
{
    size_t k = strlen(kw);

    return (size_t)(end - line) > k && memcmp(line, kw, k) == 0 &&
           (line[k] == ' ' || line[k] == '\t');
}

static void parse_domain(const char *p, const char *end, ipcfg_resolv *out)
{
    size_t n;
    const char *w = next_word(&p, end, &n);

    if (w == NULL || !word_ok(w, n))
        return;
    memcpy(out->domain, w, n);
    out->domain[n] = '\0';
    memcpy(out->search[0], w, n);
    out->search[0][n] = '\0';
    out->n_search = 1;
}

static void parse_search(const char *p, const char *end, ipcfg_resolv *out)
{
    ipcfg_resolv tmp;
    const char *w;
    size_t n;

    memset(&tmp, 0, sizeof(tmp));
    while ((w = next_word(&p, end, &n)) != NULL) {
        if (!word_ok(w, n) || tmp.n_search >= IPCFG_SEARCH_MAX)
            continue;
        memcpy(tmp.search[tmp.n_search], w, n);
        tmp.search[tmp.n_search][n] = '\0';
        tmp.n_search++;
    }
    if (tmp.n_search == 0)
        return; /* an empty or unusable line changes nothing */
    *out = tmp;   /* `search` replaces an earlier `domain` or `search` */
}

void ipcfg_resolv_parse(const char *buf, size_t len, ipcfg_resolv *out)
{
    const char *p = buf, *end = buf + len;

    memset(out, 0, sizeof(*out));
    if (buf == NULL)
        return;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;

        if (le > p && *p != '#' && *p != ';') {
            if (keyword(p, le, "domain"))
                parse_domain(p + 6, le, out);
            else if (keyword(p, le, "search"))
                parse_search(p + 6, le, out);
        }
        p = nl ? nl + 1 : end;
    }
}

size_t ipcfg_resolv_whole_lines(const char *buf, size_t len, size_t limit)
{
    if (len <= limit)
        return len;
    for (size_t i = limit; i > 0; i--)
        if (buf[i - 1] == '\n')
            return i;
    return 0;
}
