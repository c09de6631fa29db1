/* ipcfg — ISC dhclient's lease database (/var/lib/dhcp/dhclient*.leases,
 * and the -lf files NetworkManager's dhclient plug-in keeps): a sequence
 * of `lease { ... }` blocks, each statement ended by ';'.
 *
 *     lease {
 *       interface "eth0";
 *       fixed-address 10.0.0.5;
 *       option dhcp-lease-time 600;
 *       option dhcp-server-identifier 10.0.0.1;
 *       option domain-name-servers 10.0.0.1,10.0.0.2;
 *       option domain-name "example.org";
 *       renew 6 2026/11/28 23:40:00;
 *       expire 6 2026/11/28 23:45:00;
 *     }
 *
 * Times are UTC ("W YYYY/MM/DD HH:MM:SS"), or "epoch N" (db-time-format
 * local), or "never".  dhclient records no time of obtaining: it is the
 * expiry less the lease time, when both are there.  Other top-level
 * statements (default-duid, lease6 blocks) are skipped.
 *
 * SPDX-License-Identifier: MIT
 */
#include "peers/peer_lease.h"

#include <string.h>

#define TOK_MAX 1024

typedef enum { T_EOF, T_WORD, T_STRING, T_SEMI, T_LBRACE, T_RBRACE, T_COMMA, T_BAD } tok_kind;

typedef struct lexer {
    const char *s;
    size_t len, pos;
} lexer;

typedef struct token {
    tok_kind kind;
    char text[TOK_MAX];
    size_t len;
    int nul; /* a string with a \000 escape in it */
} token;

static void next(lexer *lx, token *t)
{
    t->len = 0;
    t->nul = 0;
    t->text[0] = '\0';
    for (;;) {
        while (lx->pos < lx->len && (lx->s[lx->pos] == ' ' || lx->s[lx->pos] == '\t' || lx->s[lx->pos] == '\n' ||
                                     lx->s[lx->pos] == '\r'))
            lx->pos++;
        if (lx->pos < lx->len && lx->s[lx->pos] == '#') {
            while (lx->pos < lx->len && lx->s[lx->pos] != '\n')
                lx->pos++;
            continue;
        }
        break;
    }
    if (lx->pos >= lx->len) {
        t->kind = T_EOF;
        return;
    }
    char c = lx->s[lx->pos];
    switch (c) {
    case ';': t->kind = T_SEMI; lx->pos++; return;
    case '{': t->kind = T_LBRACE; lx->pos++; return;
    case '}': t->kind = T_RBRACE; lx->pos++; return;
    case ',': t->kind = T_COMMA; lx->pos++; return;
    default: break;
    }
    if (c == '"') {
        lx->pos++;
        t->kind = T_STRING;
        while (lx->pos < lx->len && lx->s[lx->pos] != '"') {
            char ch = lx->s[lx->pos++];
            if (ch == '\\') {
                if (lx->pos >= lx->len) {
                    t->kind = T_BAD;
                    return;
                }
                ch = lx->s[lx->pos++];
                if (ch >= '0' && ch <= '7') { /* \ooo */
                    unsigned v = (unsigned)(ch - '0');
                    for (int k = 0; k < 2 && lx->pos < lx->len && lx->s[lx->pos] >= '0' && lx->s[lx->pos] <= '7'; k++)
                        v = v * 8 + (unsigned)(lx->s[lx->pos++] - '0');
                    ch = (char)(v & 0xff);
                }
            }
            if (ch == '\0')
                t->nul = 1; /* default-duid "\000\001...": fine, but never a name */
            if (t->len + 1 >= TOK_MAX)
                t->kind = T_BAD; /* keep scanning to the closing quote */
            else if (t->kind == T_STRING)
                t->text[t->len++] = ch;
        }
        if (lx->pos >= lx->len) {
            t->kind = T_BAD; /* unterminated */
            return;
        }
        lx->pos++;
        t->text[t->len] = '\0';
        return;
    }
    t->kind = T_WORD;
    while (lx->pos < lx->len) {
        c = lx->s[lx->pos];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == '{' || c == '}' || c == ',' ||
            c == '"' || c == '#')
            break;
        if (c == '\0' || t->len + 1 >= TOK_MAX)
            t->kind = T_BAD;
        else if (t->kind == T_WORD)
            t->text[t->len++] = c;
        lx->pos++;
    }
    t->text[t->len] = '\0';
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static int num(const char *s, size_t len, unsigned max_digits, long *out)
{
    long v = 0;
    if (len == 0 || len > max_digits)
        return -1;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

/* "YYYY/MM/DD" and "HH:MM:SS" -> Unix seconds. 0 ok. */
static int parse_date_time(const token *d, const token *t, int64_t *out)
{
    long y, mo, da, h, mi, se;
    if (d->len != 10 || d->text[4] != '/' || d->text[7] != '/' || t->len != 8 || t->text[2] != ':' ||
        t->text[5] != ':')
        return -1;
    if (num(d->text, 4, 4, &y) || num(d->text + 5, 2, 2, &mo) || num(d->text + 8, 2, 2, &da) ||
        num(t->text, 2, 2, &h) || num(t->text + 3, 2, 2, &mi) || num(t->text + 6, 2, 2, &se))
        return -1;
    if (y < 1970 || mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59 || se > 60)
        return -1;
    *out = days_from_civil(y, (unsigned)mo, (unsigned)da) * 86400 + h * 3600 + mi * 60 + se;
    return 0;
}

#define STMT_MAX 24

/* One lease block's statement (tokens up to ';'). */
typedef struct stmt {
    token t[STMT_MAX];
    size_t n;
} stmt;

typedef struct block {
    ipcfg_lx_peer_lease l;
    int bad;
    int has_lease_time;
    int64_t lease_time;
    int has_expire, expire_never;
    int64_t expire;
} block;

static int is_word(const token *t, const char *w)
{
    return t->kind == T_WORD && strcmp(t->text, w) == 0;
}

/* A time statement's value: tokens t[1..n). */
static int parse_when(const stmt *s, int64_t *out, int *never)
{
    long v;
    *never = 0;
    if (s->n == 2 && is_word(&s->t[1], "never")) {
        *never = 1;
        return 0;
    }
    if (s->n == 3 && is_word(&s->t[1], "epoch") && s->t[2].kind == T_WORD &&
        num(s->t[2].text, s->t[2].len, 12, &v) == 0) {
        *out = v;
        return 0;
    }
    if (s->n == 4 && s->t[1].kind == T_WORD && s->t[1].len == 1 && s->t[1].text[0] >= '0' && s->t[1].text[0] <= '6' &&
        s->t[2].kind == T_WORD && s->t[3].kind == T_WORD)
        return parse_date_time(&s->t[2], &s->t[3], out);
    return -1;
}

static void apply(block *b, const stmt *s)
{
    const token *t = s->t;
    uint8_t a[4];

    if (s->n == 0)
        return;
    if (is_word(&t[0], "interface")) {
        if (s->n != 2 || t[1].kind != T_STRING || t[1].nul || t[1].len == 0 || t[1].len >= sizeof b->l.ifname ||
            memchr(t[1].text, '/', t[1].len) != NULL)
            b->bad = 1;
        else
            memcpy(b->l.ifname, t[1].text, t[1].len + 1);
    } else if (is_word(&t[0], "fixed-address")) {
        if (s->n != 2 || t[1].kind != T_WORD || ipcfg_lx_peer_ip4(t[1].text, t[1].len, b->l.addr) != 0)
            b->bad = 1;
        else
            b->l.has_addr = 1;
    } else if (is_word(&t[0], "expire")) {
        if (parse_when(s, &b->expire, &b->expire_never) != 0)
            b->bad = 1;
        else
            b->has_expire = 1;
    } else if (is_word(&t[0], "option") && s->n >= 2 && t[1].kind == T_WORD) {
        const char *name = t[1].text;
        if (strcmp(name, "dhcp-server-identifier") == 0) {
            if (s->n != 3 || t[2].kind != T_WORD || ipcfg_lx_peer_ip4(t[2].text, t[2].len, b->l.server) != 0)
                b->bad = 1;
            else
                b->l.has_server = 1;
        } else if (strcmp(name, "dhcp-lease-time") == 0) {
            long v;
            if (s->n != 3 || t[2].kind != T_WORD || num(t[2].text, t[2].len, 10, &v) != 0 || v > 0xffffffffL)
                b->bad = 1;
            else {
                b->has_lease_time = 1;
                b->lease_time = v;
            }
        } else if (strcmp(name, "domain-name-servers") == 0) {
            /* a,b,c: addresses and commas alternate */
            size_t n = 0;
            if (s->n < 3 || s->n % 2 == 0) {
                b->bad = 1;
                return;
            }
            for (size_t i = 2; i < s->n; i++) {
                if ((i % 2 == 0) != (t[i].kind == T_WORD) || (i % 2 == 1 && t[i].kind != T_COMMA)) {
                    b->bad = 1;
                    return;
                }
                if (i % 2 == 0) {
                    if (ipcfg_lx_peer_ip4(t[i].text, t[i].len, a) != 0) {
                        b->bad = 1;
                        return;
                    }
                    if (n < IPCFG_PEER_DNS_MAX)
                        memcpy(b->l.dns[n++], a, 4);
                }
            }
            b->l.n_dns = n;
        } else if (strcmp(name, "domain-name") == 0) {
            /* dhclient writes the option as one string; a list of names
             * (several words) shows the first. */
            size_t end;
            if (s->n != 3 || t[2].kind != T_STRING) {
                b->bad = 1;
                return;
            }
            for (end = 0; end < t[2].len && t[2].text[end] != ' '; end++)
                ;
            if (ipcfg_lx_peer_domain(t[2].text, end, b->l.domain) != 0)
                b->l.domain[0] = '\0'; /* not a name: not shown */
        }
    }
}

static void finish_block(block *b, const char *default_ifname, ipcfg_lx_peer_cb cb, void *ctx, int *count)
{
    if (b->bad || !b->l.has_addr)
        return;
    if (b->l.ifname[0] == '\0') {
        size_t n = default_ifname ? strlen(default_ifname) : 0;
        if (n == 0 || n >= sizeof b->l.ifname)
            return;
        memcpy(b->l.ifname, default_ifname, n + 1);
    }
    if (b->has_expire) {
        if (b->expire_never) {
            b->l.infinite = 1;
        } else {
            b->l.has_expires = 1;
            b->l.expires = b->expire;
            if (b->has_lease_time && b->lease_time != 0xffffffffL) {
                b->l.has_obtained = 1;
                b->l.obtained = b->expire - b->lease_time;
            }
        }
    }
    (*count)++;
    cb(ctx, &b->l);
}

/* Skips a balanced { ... } after its '{' was read.  0 ok, -1 at EOF. */
static int skip_block(lexer *lx, token *t)
{
    int depth = 1;
    while (depth > 0) {
        next(lx, t);
        if (t->kind == T_EOF)
            return -1;
        if (t->kind == T_LBRACE)
            depth++;
        else if (t->kind == T_RBRACE)
            depth--;
    }
    return 0;
}

int ipcfg_lx_peer_parse_dhclient(const char *text, size_t len, const char *default_ifname, ipcfg_lx_peer_cb on_lease,
                                 void *ctx)
{
    lexer lx = {text, len, 0};
    token t;
    stmt s;
    block b;
    int count = 0;

    if (text == NULL || len > IPCFG_PEER_FILE_MAX || memchr(text, '\0', len) != NULL)
        return -1;
    for (;;) {
        next(&lx, &t);
        if (t.kind == T_EOF)
            return count;
        if (is_word(&t, "lease")) {
            next(&lx, &t);
            if (t.kind != T_LBRACE)
                goto skip_stmt;
            memset(&b, 0, sizeof b);
            b.l.client = IPCFG_PEER_DHCLIENT;
            for (;;) {
                s.n = 0;
                for (;;) {
                    next(&lx, &t);
                    if (t.kind == T_EOF || t.kind == T_BAD)
                        return count; /* truncated or corrupt: this block is lost */
                    if (t.kind == T_SEMI || t.kind == T_RBRACE)
                        break;
                    if (t.kind == T_LBRACE) { /* no nested blocks in an IPv4 lease */
                        if (skip_block(&lx, &t) != 0)
                            return count;
                        b.bad = 1;
                        continue;
                    }
                    if (s.n < STMT_MAX)
                        s.t[s.n++] = t;
                    else
                        b.bad = 1;
                }
                if (t.kind == T_RBRACE) {
                    if (s.n > 0)
                        b.bad = 1; /* a statement without its ';' */
                    break;
                }
                apply(&b, &s);
            }
            finish_block(&b, default_ifname, on_lease, ctx, &count);
            continue;
        }
    skip_stmt:
        /* any other top-level statement: up to its ';' or over its block */
        while (t.kind != T_SEMI && t.kind != T_EOF) {
            if (t.kind == T_LBRACE) {
                if (skip_block(&lx, &t) != 0)
                    return count;
                break;
            }
            if (t.kind == T_BAD)
                return count;
            next(&lx, &t);
        }
        if (t.kind == T_EOF)
            return count;
    }
}
