/* ipcfg — adapter-name wildcards.  SPDX-License-Identifier: MIT */
#ifndef IPCFG_WILDCARD_H
#define IPCFG_WILDCARD_H

/* Matches a UTF-8 name against a UTF-8 pattern with `*` (any run of code
 * points, possibly empty) and `?` (exactly one code point), over the whole
 * name, case-insensitively (ASCII, Latin-1 Supplement, Latin Extended-A,
 * Greek and Cyrillic simple case folding).  Invalid UTF-8 bytes compare as
 * themselves.  Returns 1 on match, 0 otherwise.  Iterative, linear-space. */
int ipcfg_wildcard_match(const char *pattern, const char *name);

/* 1 if a and b are the same name: byte for byte (case_sensitive), or
 * under the case folding of ipcfg_wildcard_match; `*` and `?` are plain
 * characters here. */
int ipcfg_name_equal(const char *a, const char *b, int case_sensitive);

/* 1 if the pattern holds a wildcard character. */
int ipcfg_wildcard_has_meta(const char *pattern);

#endif
