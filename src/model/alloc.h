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

/* *field = a copy of s[0..len) in ar (ipcfg_strarena_dup: "" for an empty
 * one).  0 ok, -1 out of memory (the field unchanged). */
int ipcfg_model_set_str(ipcfg_strarena *ar, const char **field, const char *s, size_t len);

#ifdef __cplusplus
}
#endif
#endif
