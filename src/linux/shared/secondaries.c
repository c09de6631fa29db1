/* ipcfg — the secondaries guard.  See shared/secondaries.h.
 * SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE 1 /* O_NOFOLLOW, O_CLOEXEC with C11 */
#include "shared/secondaries.h"

#include <fcntl.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <linux/if_addr.h>

#include "command/host.h"

static int read_flag(const char *path)
{
    char text[16];

    if (ipcfg_lx_read_file(path, text, sizeof(text)) <= 0)
        return -1;
    switch (ipcfg_lx_parse_forwarding(text)) {
    case IPCFG_YES: return 1;
    case IPCFG_NO: return 0;
    default: return -1;
    }
}

/* The kernel promotes when IN_DEV_ORCONF(in_dev, PROMOTE_SECONDARIES):
 * conf/all OR conf/<ifname>. */
int ipcfg_lx_promote_secondaries(const char *ifname)
{
    char path[128];
    int all, dev;

    if (ifname[0] == '\0' || strchr(ifname, '/') != NULL || strcmp(ifname, ".") == 0 || strcmp(ifname, "..") == 0)
        return -1;
    all = read_flag("/proc/sys/net/ipv4/conf/all/promote_secondaries");
    if (all == 1)
        return 1;
    snprintf(path, sizeof(path), "/proc/sys/net/ipv4/conf/%s/promote_secondaries", ifname);
    dev = read_flag(path);
    if (dev == 1)
        return 1;
    return (all < 0 || dev < 0) ? -1 : 0;
}

int ipcfg_lx_promote_secondaries_on(uint32_t ifindex)
{
    char name[IF_NAMESIZE], path[128];
    int fd, ok;

    if (if_indextoname(ifindex, name) == NULL)
        return -1;
    if (ipcfg_lx_promote_secondaries(name) == 1)
        return 0;
    snprintf(path, sizeof(path), "/proc/sys/net/ipv4/conf/%s/promote_secondaries", name);
    fd = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return -1;
    ok = write(fd, "1\n", 2) == 2;
    return (close(fd) == 0 && ok) ? 0 : -1;
}

static int same_subnet(const uint8_t a[4], const uint8_t b[4], unsigned prefix)
{
    uint32_t x = (uint32_t)a[0] << 24 | (uint32_t)a[1] << 16 | (uint32_t)a[2] << 8 | a[3];
    uint32_t y = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
    uint32_t m = prefix == 0 ? 0 : prefix >= 32 ? 0xffffffffu : ~((1u << (32 - prefix)) - 1);
    return (x & m) == (y & m);
}

/* Deleting a primary address makes the kernel delete the secondary
 * addresses of its subnet too, unless promote_secondaries is on for the
 * interface.  That would remove addresses nobody named, so such a delete
 * is refused before anything is changed.  Returns 0 when the delete may
 * go ahead. */
int ipcfg_lx_guard_secondaries(const ipcfg_lx_hit *hits, size_t n, const ipcfg_lx_hit *secs, size_t n_secs,
                               const char *as, ipcfg_error *err)
{
    for (size_t i = 0; i < n; i++) {
        const ipcfg_lx_hit *h = &hits[i];
        char list[IPCFG_ERRTEXT_MAX / 2];
        size_t used = 0, count = 0;
        if (h->flags & IFA_F_SECONDARY)
            continue;
        list[0] = '\0';
        for (size_t k = 0; k < n_secs; k++) {
            const ipcfg_lx_hit *s = &secs[k];
            if (s->ifindex != h->ifindex || s->prefix != h->prefix || !same_subnet(s->addr, h->addr, h->prefix))
                continue;
            count++;
            if (used + 20 < sizeof(list))
                used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%u.%u.%u.%u", used ? ", " : "",
                                         s->addr[0], s->addr[1], s->addr[2], s->addr[3]);
        }
        if (count == 0)
            continue;
        char ifname[IF_NAMESIZE] = "";
        if (if_indextoname(h->ifindex, ifname) != NULL && ipcfg_lx_promote_secondaries(ifname) == 1)
            continue;
        ipcfg_error_set(err, IPCFG_E_STATE, IPCFG_R_NONE,
                        "%s is the primary address of its subnet on %s; deleting it would also delete %s "
                        "(promote_secondaries is off). Delete those first.",
                        as, ifname[0] ? ifname : "its interface", list);
        return (int)err->status;
    }
    return 0;
}
