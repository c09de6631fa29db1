/* ipcfg — the Linux host block.  See command/host.h.  SPDX-License-Identifier: MIT */
#define _GNU_SOURCE 1 /* secure_getenv */
#include "command/host.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "command/resolvconf.h"

long ipcfg_lx_read_file(const char *path, char *buf, size_t cap)
{
    size_t len = 0;
    struct stat st;
    int fd;

    if (cap == 0)
        return -1;
    buf[0] = '\0';
    /* Regular files only, decided by fstat after the open; O_NONBLOCK so
     * that the open itself never waits (a FIFO without a writer, a device). */
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return -1;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        (void)close(fd);
        return -1;
    }
    while (len + 1 < cap) {
        ssize_t n = read(fd, buf + len, cap - 1 - len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            (void)close(fd);
            buf[0] = '\0';
            return -1;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    (void)close(fd);
    buf[len] = '\0';
    return (long)len;
}

ipcfg_tri ipcfg_lx_parse_forwarding(const char *text)
{
    const char *p = text;
    int nonzero = 0, digits = 0;

    while (*p == ' ' || *p == '\t')
        p++;
    for (; *p >= '0' && *p <= '9'; p++) {
        digits++;
        if (*p != '0')
            nonzero = 1;
    }
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    if (digits == 0 || *p != '\0')
        return IPCFG_UNKNOWN;
    return nonzero ? IPCFG_YES : IPCFG_NO;
}

void ipcfg_lx_host_fill(ipcfg_host *h)
{
    const char *path = secure_getenv("IPCFG_RESOLV_CONF");
    char fwd[32];
    char *buf;
    long n;
    size_t i;

    memset(h, 0, sizeof(*h));
    if (gethostname(h->host_name, sizeof(h->host_name) - 1) != 0)
        h->host_name[0] = '\0';
    h->host_name[sizeof(h->host_name) - 1] = '\0';

    if (path == NULL || path[0] == '\0')
        path = IPCFG_LX_RESOLV_CONF_DEFAULT;
    /* One byte past the limit tells whether the file is larger: then only
     * its complete lines inside the limit are read (never a cut word). */
    buf = malloc(IPCFG_RESOLV_CONF_MAX + 2);
    if (buf != NULL) {
        n = ipcfg_lx_read_file(path, buf, IPCFG_RESOLV_CONF_MAX + 2);
        if (n > 0) {
            ipcfg_resolv rc;
            ipcfg_resolv_parse(buf, ipcfg_resolv_whole_lines(buf, (size_t)n, IPCFG_RESOLV_CONF_MAX), &rc);
            ipcfg_copy_str(h->primary_dns_suffix, sizeof(h->primary_dns_suffix), rc.domain);
            for (i = 0; i < rc.n_search && i < IPCFG_SEARCH_MAX; i++)
                ipcfg_copy_str(h->search_list[i], sizeof(h->search_list[i]), rc.search[i]);
            h->n_search = i;
        }
        free(buf);
    }

    h->node_type[0] = '\0';
    h->wins_proxy = IPCFG_UNKNOWN;
    h->ip_routing = ipcfg_lx_read_file(IPCFG_LX_IP_FORWARD, fwd, sizeof(fwd)) > 0
                        ? ipcfg_lx_parse_forwarding(fwd)
                        : IPCFG_UNKNOWN;
}
