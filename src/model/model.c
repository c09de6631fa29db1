/* ipcfg — model helpers: errors, growable arrays, address text forms.
 * Platform-free: no inet_ntop/inet_pton, so both backends print and parse
 * addresses identically.  SPDX-License-Identifier: MIT */
#include "ipcfg/model.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ipcfg_error_sys(ipcfg_error *e, long code)
{
    if (!e)
        return;
    e->sys_code = code;
    e->has_sys_code = 1;
}

void ipcfg_error_clear(ipcfg_error *e)
{
    if (e)
        memset(e, 0, sizeof(*e));
}

void ipcfg_error_set(ipcfg_error *e, ipcfg_status st, ipcfg_reason r, const char *fmt, ...)
{
    if (!e)
        return;
    /* a fresh error: no system code, text or reason of an earlier use */
    memset(e, 0, sizeof(*e));
    e->status = st;
    e->reason = r;
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(e->text, sizeof(e->text), fmt, ap);
        va_end(ap);
        if (n >= (int)sizeof(e->text))
            ipcfg_utf8_cut(e->text, sizeof(e->text), "...");
    }
}

/* The start of the UTF-8 character that holds s[i] (s[i] itself when it is
 * not a continuation byte, or when the bytes before it do not start a
 * sequence long enough to hold it). */
static size_t char_start(const char *s, size_t i)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t k = i;
    while (k > 0 && i - k < 3 && (p[k] & 0xc0) == 0x80)
        k--;
    if (k == i || (p[k] & 0xc0) != 0xc0)
        return i;
    size_t len = (p[k] & 0xe0) == 0xc0 ? 2 : (p[k] & 0xf0) == 0xe0 ? 3 : 4;
    return i - k < len ? k : i;
}

void ipcfg_utf8_cut(char *s, size_t size, const char *mark)
{
    if (size == 0)
        return;
    size_t len = strlen(s);
    size_t ml = mark ? strlen(mark) : 0;
    if (len + 1 < size && !ml)
        return;
    if (ml + 1 > size)
        ml = 0;
    size_t keep = len < size - 1 - ml ? len : size - 1 - ml;
    keep = char_start(s, keep); /* never end inside a character */
    memcpy(s + keep, mark ? mark : "", ml);
    s[keep + ml] = '\0';
}

/* Grows *p (elements of size sz) so that index n fits; 0 ok, -1 OOM. */
static int grow(void **p, size_t *cap, size_t n, size_t sz)
{
    if (n < *cap)
        return 0;
    size_t nc = *cap ? *cap * 2 : 4;
    while (nc <= n)
        nc *= 2;
    if (nc > (size_t)-1 / sz)
        return -1;
    void *q = realloc(*p, nc * sz);
    if (!q)
        return -1;
    /* The spare capacity is not zeroed: every push zeroes its element.
     * Untouched, it costs no page (a listing's adapter array is large). */
    *p = q;
    *cap = nc;
    return 0;
}

/* ---- the string arena ---- */

/* A chunk: this header, then size bytes of data (at (char *)(c + 1): the
 * header is two pointer-sized fields, so the data is pointer-aligned). */
struct ipcfg_strchunk {
    ipcfg_strchunk *next;
    size_t size;
};

#define CHUNK_FIRST 1024u
#define CHUNK_MAX 65536u

void *(*ipcfg_strarena_malloc)(size_t n) = malloc;

/* n bytes at alignment align (a power of two, at most the chunk's) */
static void *arena_take(ipcfg_strarena *ar, size_t n, size_t align)
{
    size_t mis = ar->pos ? (size_t)((uintptr_t)ar->pos & (align - 1)) : 0;
    size_t pad = mis ? align - mis : 0;
    if (ar->pos == NULL || ar->left < pad || ar->left - pad < n) {
        size_t size = ar->chunks ? ar->chunks->size * 2 : CHUNK_FIRST;
        if (size > CHUNK_MAX)
            size = CHUNK_MAX;
        if (size < n)
            size = n;
        if (size > (size_t)-1 - sizeof(ipcfg_strchunk))
            return NULL;
        ipcfg_strchunk *c = ipcfg_strarena_malloc(sizeof(ipcfg_strchunk) + size);
        if (c == NULL)
            return NULL;
        /* a chunk made for one large request does not become the current
         * one when the current one still has room */
        if (ar->chunks && size == n && ar->left > 0) {
            c->size = size;
            c->next = ar->chunks->next;
            ar->chunks->next = c;
            return c + 1;
        }
        c->size = size;
        c->next = ar->chunks;
        ar->chunks = c;
        ar->pos = (char *)(c + 1);
        ar->left = size;
        pad = 0;
    }
    void *r = ar->pos + pad;
    ar->pos += pad + n;
    ar->left -= pad + n;
    return r;
}

void *ipcfg_strarena_alloc(ipcfg_strarena *ar, size_t n)
{
    return arena_take(ar, n ? n : 1, sizeof(void *));
}

const char *ipcfg_strarena_dup(ipcfg_strarena *ar, const char *s, size_t len)
{
    if (len == 0)
        return "";
    if (len == (size_t)-1)
        return NULL;
    char *d = arena_take(ar, len + 1, 1);
    if (d == NULL)
        return NULL;
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

void ipcfg_strarena_free(ipcfg_strarena *ar)
{
    ipcfg_strchunk *c = ar->chunks;
    while (c) {
        ipcfg_strchunk *next = c->next;
        free(c);
        c = next;
    }
    memset(ar, 0, sizeof(*ar));
}

/* ---- adapters ---- */

void ipcfg_adapter_init(ipcfg_adapter *a)
{
    memset(a, 0, sizeof(*a));
    a->name = a->id = a->description = a->dns_suffix = "";
}

ipcfg_adapter *ipcfg_adapters_push(ipcfg_adapter_list *l)
{
    if (grow((void **)&l->items, &l->cap, l->n, sizeof(*l->items)) != 0)
        return NULL;
    ipcfg_adapter *a = &l->items[l->n++];
    ipcfg_adapter_init(a);
    return a;
}

static int set_str(ipcfg_strarena *ar, const char **field, const char *s, size_t len)
{
    const char *d = ipcfg_strarena_dup(ar, s, len);
    if (d == NULL)
        return -1;
    *field = d;
    return 0;
}

int ipcfg_adapter_set_name(ipcfg_adapter_list *l, ipcfg_adapter *a, const char *s, size_t len)
{
    return set_str(&l->strs, &a->name, s, len);
}

int ipcfg_adapter_set_id(ipcfg_adapter_list *l, ipcfg_adapter *a, const char *s, size_t len)
{
    return set_str(&l->strs, &a->id, s, len);
}

int ipcfg_adapter_set_description(ipcfg_adapter_list *l, ipcfg_adapter *a, const char *s, size_t len)
{
    return set_str(&l->strs, &a->description, s, len);
}

int ipcfg_adapter_set_dns_suffix(ipcfg_adapter_list *l, ipcfg_adapter *a, const char *s, size_t len)
{
    return set_str(&l->strs, &a->dns_suffix, s, len);
}

int ipcfg_adapter_add_conn_search(ipcfg_adapter_list *l, ipcfg_adapter *a, const char *s, size_t len)
{
    if (a->n_conn_search >= IPCFG_SEARCH_MAX)
        return -1;
    /* the table: the record's own one (a copy's, in its block, with room
     * for IPCFG_SEARCH_MAX) is reused; else one made in l's arena */
    const char **v = (const char **)a->conn_search;
    if (a->n_conn_search == 0 || v == NULL) {
        const char **nv = ipcfg_strarena_alloc(&l->strs, IPCFG_SEARCH_MAX * sizeof(*nv));
        if (nv == NULL)
            return -1;
        for (size_t i = 0; i < a->n_conn_search; i++)
            nv[i] = a->conn_search[i];
        v = nv;
    }
    const char *d = ipcfg_strarena_dup(&l->strs, s, len);
    if (d == NULL)
        return -1;
    v[a->n_conn_search++] = d;
    a->conn_search = v;
    return 0;
}

void ipcfg_adapter_free(ipcfg_adapter *a)
{
    free(a->addrs);
    free(a->gateways);
    free(a->dns_servers);
    a->addrs = NULL;
    a->gateways = a->dns_servers = NULL;
    a->n_addrs = a->cap_addrs = a->n_gateways = a->cap_gateways = a->n_dns = a->cap_dns = 0;
    if (a->own) {
        free(a->own);
        a->own = NULL;
        a->name = a->id = a->description = a->dns_suffix = "";
        a->conn_search = NULL;
        a->n_conn_search = 0;
    }
}

void ipcfg_adapters_free(ipcfg_adapter_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        ipcfg_adapter_free(&l->items[i]);
    free(l->items);
    ipcfg_strarena_free(&l->strs);
    memset(l, 0, sizeof(*l));
}

static void *dup_array(const void *src, size_t n, size_t sz)
{
    if (n == 0)
        return NULL;
    void *p = malloc(n * sz);
    if (p)
        memcpy(p, src, n * sz);
    return p;
}

static size_t str_size(const char *s)
{
    return s && s[0] ? strlen(s) + 1 : 0;
}

/* s copied to *at (advanced), or "" for an empty one */
static const char *put_str(char **at, const char *s)
{
    size_t n = str_size(s);
    if (n == 0)
        return "";
    char *d = *at;
    memcpy(d, s, n);
    *at += n;
    return d;
}

int ipcfg_adapter_copy(ipcfg_adapter *dst, const ipcfg_adapter *src)
{
    *dst = *src;
    dst->own = NULL;
    dst->addrs = dup_array(src->addrs, src->n_addrs, sizeof(*src->addrs));
    dst->gateways = dup_array(src->gateways, src->n_gateways, sizeof(*src->gateways));
    dst->dns_servers = dup_array(src->dns_servers, src->n_dns, sizeof(*src->dns_servers));
    dst->cap_addrs = src->n_addrs;
    dst->cap_gateways = src->n_gateways;
    dst->cap_dns = src->n_dns;
    /* the strings: one block, the search list's table (room for
     * IPCFG_SEARCH_MAX) first */
    size_t tab = src->n_conn_search ? IPCFG_SEARCH_MAX * sizeof(char *) : 0;
    size_t total = tab + str_size(src->name) + str_size(src->id) + str_size(src->description) +
                   str_size(src->dns_suffix);
    for (size_t i = 0; i < src->n_conn_search; i++)
        total += str_size(src->conn_search[i]);
    char *block = total ? malloc(total) : NULL;
    if ((src->n_addrs && !dst->addrs) || (src->n_gateways && !dst->gateways) || (src->n_dns && !dst->dns_servers) ||
        (total && !block)) {
        free(block);
        ipcfg_adapter_free(dst);
        ipcfg_adapter_init(dst);
        return -1;
    }
    dst->own = block;
    char *at = block + tab;
    dst->name = put_str(&at, src->name);
    dst->id = put_str(&at, src->id);
    dst->description = put_str(&at, src->description);
    dst->dns_suffix = put_str(&at, src->dns_suffix);
    if (src->n_conn_search) {
        const char **v = (const char **)(void *)block;
        for (size_t i = 0; i < src->n_conn_search; i++)
            v[i] = put_str(&at, src->conn_search[i]);
        dst->conn_search = v;
    } else {
        dst->conn_search = NULL;
    }
    return 0;
}

ipcfg_addr *ipcfg_adapter_add_addr(ipcfg_adapter *a)
{
    if (grow((void **)&a->addrs, &a->cap_addrs, a->n_addrs, sizeof(*a->addrs)) != 0)
        return NULL;
    ipcfg_addr *r = &a->addrs[a->n_addrs++];
    memset(r, 0, sizeof(*r));
    r->valid_lifetime = -1;
    return r;
}

int ipcfg_adapter_add_gateway(ipcfg_adapter *a, const ipcfg_ip *ip)
{
    if (grow((void **)&a->gateways, &a->cap_gateways, a->n_gateways, sizeof(*a->gateways)) != 0)
        return -1;
    a->gateways[a->n_gateways++] = *ip;
    return 0;
}

int ipcfg_adapter_add_dns(ipcfg_adapter *a, const ipcfg_ip *ip)
{
    if (grow((void **)&a->dns_servers, &a->cap_dns, a->n_dns, sizeof(*a->dns_servers)) != 0)
        return -1;
    a->dns_servers[a->n_dns++] = *ip;
    return 0;
}

ipcfg_addrrow *ipcfg_addrtable_push(ipcfg_addrtable *t)
{
    if (grow((void **)&t->rows, &t->cap, t->n, sizeof(*t->rows)) != 0)
        return NULL;
    ipcfg_addrrow *r = &t->rows[t->n++];
    memset(r, 0, sizeof(*r));
    r->ifname = "";
    return r;
}

int ipcfg_addrtable_set_ifname(ipcfg_addrtable *t, ipcfg_addrrow *r, const char *s, size_t len)
{
    return set_str(&t->strs, &r->ifname, s, len);
}

void ipcfg_addrtable_free(ipcfg_addrtable *t)
{
    free(t->rows);
    ipcfg_strarena_free(&t->strs);
    memset(t, 0, sizeof(*t));
}

static int row_cmp(const void *pa, const void *pb)
{
    const ipcfg_addrrow *a = pa, *b = pb;
    int c = memcmp(a->addr.bytes, b->addr.bytes, 4);
    if (c)
        return c;
    return (a->ifindex > b->ifindex) - (a->ifindex < b->ifindex);
}

void ipcfg_addrtable_sort(ipcfg_addrtable *t)
{
    if (t->n > 1)
        qsort(t->rows, t->n, sizeof(*t->rows), row_cmp);
}

void ipcfg_copy_str(char *dst, size_t len, const char *src)
{
    if (len == 0)
        return;
    size_t n = src ? strlen(src) : 0;
    if (n >= len)
        n = char_start(src, len - 1); /* cut before the character that does not fit */
    if (n)
        memcpy(dst, src, n);
    dst[n] = '\0';
}

void ipcfg_ip4(ipcfg_ip *ip, uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
    memset(ip, 0, sizeof(*ip));
    ip->family = IPCFG_AF_INET4;
    ip->bytes[0] = a;
    ip->bytes[1] = b;
    ip->bytes[2] = c;
    ip->bytes[3] = d;
}

void ipcfg_ip4_from_u32be(ipcfg_ip *ip, const uint8_t bytes[4])
{
    ipcfg_ip4(ip, bytes[0], bytes[1], bytes[2], bytes[3]);
}

int ipcfg_ip_is_zero(const ipcfg_ip *ip)
{
    size_t n = ip->family == IPCFG_AF_INET6 ? 16 : 4;
    for (size_t i = 0; i < n; i++)
        if (ip->bytes[i])
            return 0;
    return 1;
}

int ipcfg_ip_equal(const ipcfg_ip *a, const ipcfg_ip *b)
{
    if (a->family != b->family)
        return 0;
    return memcmp(a->bytes, b->bytes, a->family == IPCFG_AF_INET6 ? 16 : 4) == 0;
}

int ipcfg_ip6_is_linklocal(const ipcfg_ip *ip)
{
    return ip->family == IPCFG_AF_INET6 && ip->bytes[0] == 0xfe && (ip->bytes[1] & 0xc0) == 0x80;
}

/* Writes the decimal form of v (0-255) at p; returns the end. */
static char *put_dec8(char *p, unsigned v)
{
    if (v >= 100) {
        *p++ = (char)('0' + v / 100);
        v %= 100;
        *p++ = (char)('0' + v / 10);
    } else if (v >= 10) {
        *p++ = (char)('0' + v / 10);
    }
    *p++ = (char)('0' + v % 10);
    return p;
}

static char *put_quad(char *p, const uint8_t *b)
{
    for (int i = 0; i < 4; i++) {
        if (i)
            *p++ = '.';
        p = put_dec8(p, b[i]);
    }
    return p;
}

/* Lower-case hexadecimal without leading zeros (RFC 5952 4.1, 4.3). */
static char *put_hex16(char *p, unsigned v)
{
    static const char hex[] = "0123456789abcdef";
    int shift = v >= 0x1000 ? 12 : v >= 0x100 ? 8 : v >= 0x10 ? 4 : 0;
    for (; shift >= 0; shift -= 4)
        *p++ = hex[(v >> shift) & 0xf];
    return p;
}

/* Written by hand, not through snprintf: a listing formats every address
 * (docs/development.md, "What a listing costs"); tests/unit/test_fastfmt.c
 * holds it to the printf-built form and to inet_ntop. */
const char *ipcfg_ip_str(const ipcfg_ip *ip, char *buf, size_t len)
{
    if (len == 0)
        return buf;
    buf[0] = '\0';
    char tmp[64];
    char *o = tmp;
    if (ip->family == IPCFG_AF_INET4) {
        o = put_quad(o, ip->bytes);
    } else if (ip->family == IPCFG_AF_INET6) {
        unsigned w[8];
        for (int i = 0; i < 8; i++)
            w[i] = (unsigned)ip->bytes[2 * i] << 8 | ip->bytes[2 * i + 1];
        /* RFC 5952 4.2: the longest run (>= 2) of zero groups becomes "::",
         * the first one on a tie; 4.3: lower-case hex. */
        int best = -1, bestlen = 0;
        for (int i = 0; i < 8;) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0)
                j++;
            if (j - i > bestlen && j - i >= 2) {
                best = i;
                bestlen = j - i;
            }
            i = j;
        }
        /* RFC 5952 5: IPv4-mapped addresses keep the dotted quad. */
        int mapped = best == 0 && bestlen == 5 && w[5] == 0xffff;
        for (int i = 0; i < 8; i++) {
            if (i == best) {
                *o++ = ':';
                if (i == 0)
                    *o++ = ':';
                i += bestlen - 1;
                continue;
            }
            if (mapped && i == 6) {
                o = put_quad(o, ip->bytes + 12);
                break;
            }
            o = put_hex16(o, w[i]);
            if (i < 7)
                *o++ = ':';
        }
    } else {
        return buf;
    }
    size_t n = (size_t)(o - tmp);
    if (n > len - 1)
        n = len - 1; /* as snprintf cuts */
    memcpy(buf, tmp, n);
    buf[n] = '\0';
    return buf;
}

/* Parses 1-3 decimal digits, value <= 255, no leading zero unless "0". */
static int dec_octet(const char **ps, unsigned *out)
{
    const char *s = *ps;
    unsigned v = 0;
    int n = 0;
    while (s[n] >= '0' && s[n] <= '9') {
        if (n == 3)
            return -1;
        v = v * 10 + (unsigned)(s[n] - '0');
        n++;
    }
    if (n == 0 || v > 255 || (n > 1 && s[0] == '0'))
        return -1;
    *ps = s + n;
    *out = v;
    return 0;
}

int ipcfg_ip4_parse(const char *s, ipcfg_ip *out)
{
    unsigned o[4];
    for (int i = 0; i < 4; i++) {
        if (dec_octet(&s, &o[i]) != 0)
            return -1;
        if (i < 3 && *s++ != '.')
            return -1;
    }
    if (*s != '\0')
        return -1;
    ipcfg_ip4(out, (uint8_t)o[0], (uint8_t)o[1], (uint8_t)o[2], (uint8_t)o[3]);
    return 0;
}

int ipcfg_hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int ipcfg_ip6_parse(const char *s, ipcfg_ip *out)
{
    uint8_t b[16] = {0};
    int n = 0, gap = -1;
    if (s[0] == ':') {
        if (s[1] != ':')
            return -1;
        s++;
    }
    while (*s) {
        if (*s == ':') {
            if (gap >= 0)
                return -1;
            gap = n;
            s++;
            if (*s == '\0')
                break;
            continue;
        }
        /* A trailing dotted quad (RFC 4291 2.2 form 3). */
        const char *dot = s;
        while (*dot && *dot != ':' && *dot != '.')
            dot++;
        if (*dot == '.') {
            ipcfg_ip v4;
            if (n > 12 || ipcfg_ip4_parse(s, &v4) != 0)
                return -1;
            memcpy(b + n, v4.bytes, 4);
            n += 4;
            s += strlen(s);
            break;
        }
        unsigned v = 0;
        int digits = 0;
        while (ipcfg_hex_digit(*s) >= 0) {
            if (++digits > 4)
                return -1;
            v = v << 4 | (unsigned)ipcfg_hex_digit(*s++);
        }
        if (digits == 0 || n > 14)
            return -1;
        b[n++] = (uint8_t)(v >> 8);
        b[n++] = (uint8_t)v;
        if (*s == ':') {
            s++;
            if (*s == ':') /* "::" follows: handled by the loop */
                continue;
            if (*s == '\0')
                return -1;
        } else if (*s != '\0') {
            return -1;
        }
    }
    if (gap >= 0) {
        if (n == 16)
            return -1;
        memmove(b + 16 - (n - gap), b + gap, (size_t)(n - gap));
        memset(b + gap, 0, (size_t)(16 - n));
    } else if (n != 16) {
        return -1;
    }
    memset(out, 0, sizeof(*out));
    out->family = IPCFG_AF_INET6;
    memcpy(out->bytes, b, 16);
    return 0;
}

void ipcfg_prefix_to_mask(unsigned prefix, ipcfg_ip *mask)
{
    uint32_t m = prefix == 0 ? 0 : prefix >= 32 ? 0xffffffffu : ~((1u << (32 - prefix)) - 1);
    ipcfg_ip4(mask, (uint8_t)(m >> 24), (uint8_t)(m >> 16), (uint8_t)(m >> 8), (uint8_t)m);
}

int ipcfg_mask_to_prefix(const ipcfg_ip *mask)
{
    uint32_t m = (uint32_t)mask->bytes[0] << 24 | (uint32_t)mask->bytes[1] << 16 | (uint32_t)mask->bytes[2] << 8 |
                 mask->bytes[3];
    unsigned p = 0;
    while (p < 32 && (m & (0x80000000u >> p)))
        p++;
    uint32_t want = p == 0 ? 0 : p == 32 ? 0xffffffffu : ~((1u << (32 - p)) - 1);
    return m == want ? (int)p : -1;
}
