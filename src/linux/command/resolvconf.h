/* ipcfg — /etc/resolv.conf parser (Linux backend).
 *
 * Pure: a byte buffer in, a struct out; no file I/O.  Follows resolv.conf(5)
 * and glibc's res_init: a keyword starts a line and is followed by a blank;
 * lines starting with '#' or ';' are comments; `domain` and `search` are
 * mutually exclusive and the last instance wins.  `domain NAME` makes NAME
 * the local domain and the one-entry search list; `search A B ...` sets the
 * search list and clears the domain.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_COMMAND_RESOLVCONF_H
#define IPCFG_LINUX_COMMAND_RESOLVCONF_H

#include <stddef.h>

#include "ipcfg/model.h" /* IPCFG_SEARCH_MAX, IPCFG_NAME_MAX */

/* The most of resolv.conf that is read: a larger file is read up to its
 * last complete line inside the limit. */
#define IPCFG_RESOLV_CONF_MAX (256u * 1024u)

typedef struct ipcfg_resolv {
    char domain[IPCFG_NAME_MAX];                     /* "" = no `domain` in effect */
    char search[IPCFG_SEARCH_MAX][IPCFG_NAME_MAX];
    size_t n_search;
} ipcfg_resolv;

/* Always succeeds: malformed lines and names that do not fit (longer than
 * IPCFG_NAME_MAX - 1 bytes, or holding control bytes) are ignored; search
 * entries beyond IPCFG_SEARCH_MAX are dropped. */
void ipcfg_resolv_parse(const char *buf, size_t len, ipcfg_resolv *out);

/* How much of buf[0, len) to parse when at most `limit` bytes may be: all
 * of it when len <= limit, else up to and including the last newline
 * inside the limit (0 when there is none), so that no line, and no word,
 * is cut. */
size_t ipcfg_resolv_whole_lines(const char *buf, size_t len, size_t limit);

#endif
