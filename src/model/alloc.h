/* ipcfg — model, private: what the record files (adapter.c, addrtable.c)
 * share of alloc.c.  Not installed, not for the backends: they reach the
 * model through include/ipcfg/model.h only.  SPDX-License-Identifier: MIT */
#ifndef IPCFG_MODEL_ALLOC_H
#define IPCFG_MODEL_ALLOC_H

#include "ipcfg/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Grows *p (an array of elements of sz bytes, *cap of them) so that index
 * n fits: doubling, from 4.  0 ok, -1 out of memory (*p unchanged).  The
 * new spare capacity is not zeroed. */
int ipcfg_model_grow(void **p, size_t *cap, size_t n, size_t sz);

/* n bytes (n > 0) of ar at alignment align (a power of two, at most 8),
 * or NULL on OOM: for a block that holds 64-bit fields (a DHCPv6 lease),
 * which ipcfg_strarena_alloc's pointer alignment does not give on 32-bit
 * platforms. */
void *ipcfg_model_alloc(ipcfg_strarena *ar, size_t n, size_t align);

/* *field = a copy of s[0..len) in ar (ipcfg_strarena_dup: "" for an empty
 * one).  0 ok, -1 out of memory (the field unchanged). */
int ipcfg_model_set_str(ipcfg_strarena *ar, const char **field, const char *s, size_t len);

/* *field = a copy of b[0..len) in ar (NULL for len 0), *flen = len.  0
 * ok; -1 out of memory or len > IPCFG_DUID_MAX (both unchanged): the
 * DUIDs of a record. */
int ipcfg_model_set_bytes(ipcfg_strarena *ar, const uint8_t **field, size_t *flen, const uint8_t *b, size_t len);

#ifdef __cplusplus
}
#endif
#endif
