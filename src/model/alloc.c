/* ipcfg — model: its memory.  The growable arrays (ipcfg_model_grow) and
 * the string arena (ipcfg_strarena_*, ipcfg_model_set_str).
 * SPDX-License-Identifier: MIT */
#include "alloc.h"

#include <stdlib.h>
#include <string.h>

int ipcfg_model_grow(void **p, size_t *cap, size_t n, size_t sz)
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

/* A chunk's data starts after its two-pointer header in a malloc'd block
 * (malloc aligns to at least 8): aligned to 8 on every platform. */
_Static_assert(sizeof(ipcfg_strchunk) % 8 == 0, "a chunk's data is 8-aligned");

void *ipcfg_model_alloc(ipcfg_strarena *ar, size_t n, size_t align)
{
    return arena_take(ar, n, align < sizeof(void *) ? sizeof(void *) : align);
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

int ipcfg_model_set_str(ipcfg_strarena *ar, const char **field, const char *s, size_t len)
{
    const char *d = ipcfg_strarena_dup(ar, s, len);
    if (d == NULL)
        return -1;
    *field = d;
    return 0;
}

int ipcfg_model_set_bytes(ipcfg_strarena *ar, const uint8_t **field, size_t *flen, const uint8_t *b, size_t len)
{
    if (len > IPCFG_DUID_MAX)
        return -1;
    uint8_t *d = NULL;
    if (len) {
        d = arena_take(ar, len, 1);
        if (d == NULL)
            return -1;
        memcpy(d, b, len);
    }
    *field = d;
    *flen = len;
    return 0;
}
