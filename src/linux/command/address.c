/* ipcfg — /add and /delete on Linux: where an IPv4 address is assigned (one
 * consistent address dump), then RTM_NEWADDR / RTM_DELADDR.  A delete that
 * would take unnamed secondary addresses with it is refused first
 * (shared/secondaries.c).  SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/if_addr.h>

#include "command/backend.h"
#include "shared/caps.h"
#include "shared/error.h"
#include "netlink/linkmap.h"
#include "shared/lock.h"
#include "netlink/nlparse.h"
#include "shared/secondaries.h"

typedef struct find_addr {
    ipcfg_ip want;
    ipcfg_lx_hit *hits; /* where `want` is assigned */
    size_t n, cap;
    ipcfg_lx_hit *secs; /* every secondary IPv4 address (IFA_F_SECONDARY) */
    size_t n_secs, cap_secs;
} find_addr;

static int push_hit(ipcfg_lx_hit **v, size_t *n, size_t *cap, const ipcfg_nl_addr *na, const ipcfg_ip *ip)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 4;
        ipcfg_lx_hit *q = realloc(*v, nc * sizeof(*q));
        if (q == NULL)
            return -1;
        *v = q;
        *cap = nc;
    }
    (*v)[*n].ifindex = na->ifindex;
    (*v)[*n].prefix = na->prefixlen;
    (*v)[*n].flags = na->flags;
    memcpy((*v)[*n].addr, ip->bytes, 4);
    (*n)++;
    return 0;
}

static int on_find_addr(void *ctx, const ipcfg_nl_addr *na)
{
    find_addr *f = ctx;
    ipcfg_ip ip;

    if (na->family != AF_INET || ipcfg_lx_addr_ip(na, &ip) != 0)
        return 0;
    if (memcmp(ip.bytes, f->want.bytes, 4) == 0)
        return push_hit(&f->hits, &f->n, &f->cap, na, &ip);
    if (na->flags & IFA_F_SECONDARY)
        return push_hit(&f->secs, &f->n_secs, &f->cap_secs, na, &ip);
    return 0;
}

static void find_addr_free(find_addr *f)
{
    free(f->hits);
    free(f->secs);
    memset(f, 0, sizeof(*f));
}

/* "eth0, eth1" for the interfaces holding the address. */
static void hit_names(ipcfg_lx_ctx *x, const find_addr *f, char *buf, size_t len)
{
    buf[0] = '\0';
    ipcfg_adapter_list links;
    memset(&links, 0, sizeof(links));
    ipcfg_lx_collect c;
    memset(&c, 0, sizeof(c));
    c.list = &links;
    ipcfg_error ignored;
    ipcfg_error_clear(&ignored);
    int intr = 0;
    if (ipcfg_lx_dump_links(x, &c, &intr, &ignored) != 0)
        ipcfg_adapters_free(&links);
    size_t used = 0;
    for (size_t i = 0; i < f->n && used + 1 < len; i++) {
        const ipcfg_adapter *a = ipcfg_lx_find_adapter(&links, f->hits[i].ifindex);
        int n;
        if (i > 0 && f->hits[i].ifindex == f->hits[i - 1].ifindex)
            continue;
        if (a != NULL)
            n = snprintf(buf + used, len - used, "%s%s", used ? ", " : "", a->name);
        else
            n = snprintf(buf + used, len - used, "%sinterface %u", used ? ", " : "", (unsigned)f->hits[i].ifindex);
        if (n < 0 || (size_t)n >= len - used)
            break;
        used += (size_t)n;
    }
    ipcfg_adapters_free(&links);
}

/* The address lock: one per network namespace, held by /add and /delete
 * from the address dump they decide on to the kernel's answer, so that two
 * ipcfg runs never both add one address (docs/linux.md: what it does and
 * does not guarantee against other tools). */
#define ADDR_LOCK_NAME "addr"
#define ADDR_LOCK_WAIT_MS 5000

static int addr_lock(ipcfg_lx_lock *lk, ipcfg_error *err)
{
    ipcfg_lx_lock_init(lk);
    if (ipcfg_lx_lock_acquire(lk, ADDR_LOCK_NAME, "", ADDR_LOCK_WAIT_MS) == 0)
        return 0;
    if (errno == ETIMEDOUT) {
        ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM,
                        "Another ipcfg run kept the addresses locked for %d seconds; nothing was changed.",
                        ADDR_LOCK_WAIT_MS / 1000);
        ipcfg_error_sys(err, ETIMEDOUT);
        return (int)err->status;
    }
    /* shared/lock.c's sentence: an unusable lock directory or file, or the errno */
    ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "Cannot take the address lock. %s", lk->why);
    ipcfg_error_sys(err, errno);
    return (int)err->status;
}

/* Where the IPv4 address `want` is assigned: one address dump. */
static int find_ip4(ipcfg_lx_ctx *x, const ipcfg_ip *want, find_addr *f, ipcfg_error *err)
{
    memset(f, 0, sizeof(*f));
    for (int attempt = 0; attempt < IPCFG_LX_LIST_ATTEMPTS; attempt++) {
        find_addr_free(f);
        f->want = *want;
        ipcfg_nl_visitor v;
        memset(&v, 0, sizeof(v));
        v.ctx = f;
        v.on_addr = on_find_addr;
        ipcfg_nlreq req;
        ipcfg_nlreq_getaddr(&req, AF_INET);
        ipcfg_nl_result res;
        int e = ipcfg_nlsock_transact(&x->nl, req.buf, req.len, &v, &res);
        if ((e == -ENOBUFS || res.error == ENOBUFS) && attempt + 1 < IPCFG_LX_LIST_ATTEMPTS)
            continue;
        if (e != 0 || res.error != 0 || !res.done) {
            find_addr_free(f);
            return ipcfg_lx_fail_dump(err, e, &res, "address table");
        }
        if (!res.dump_intr)
            return 0; /* a consistent snapshot: safe to decide on */
    }
    /* /add and /delete decide on this snapshot (conflict, not found, the
     * secondaries guard): never act on one the kernel flagged as torn. */
    find_addr_free(f);
    return ipcfg_lx_fail_torn(err);
}

static int add_locked(ipcfg_backend *b, const ipcfg_adapter *ad, const ipcfg_ip *addr, unsigned prefix_len,
                      uint32_t *context, int *has_context, ipcfg_error *err)
{
    ipcfg_lx_ctx *x = b->ctx;
    if (context != NULL)
        *context = 0;
    if (has_context != NULL)
        *has_context = 0;
    ipcfg_nlreq req;
    if (addr->family != IPCFG_AF_INET4 || prefix_len > 32 ||
        ipcfg_nlreq_addr4(&req, 0, ad->ifindex, addr->bytes, prefix_len) != 0) {
        ipcfg_error_set(err, IPCFG_E_USAGE, IPCFG_R_NONE, "/add takes an IPv4 address and mask.");
        return (int)err->status;
    }
    char as[IPCFG_IPSTR_MAX];
    ipcfg_ip_str(addr, as, sizeof(as));

    /* As with AddIPAddress, an address the host already holds (with any
     * mask, on any interface) is a conflict: the kernel itself would accept
     * it with another prefix length or on another link, and /delete could
     * then no longer name it unambiguously. */
    find_addr f;
    int st = find_ip4(x, addr, &f, err);
    if (st != 0)
        return st;
    if (f.n > 0) {
        char names[IPCFG_ERRTEXT_MAX / 2];
        /* The kernel checks privileges first; so does this answer (the
         * core has asked already; a caller of the backend alone may not). */
        ipcfg_error perm;
        ipcfg_error_clear(&perm);
        if (ipcfg_lx_check_change(&x->nl, 0, &perm) == IPCFG_E_ACCESS) {
            find_addr_free(&f);
            *err = perm;
            return (int)err->status;
        }
        hit_names(x, &f, names, sizeof(names));
        find_addr_free(&f);
        return ipcfg_lx_fail_change(err, EEXIST, NULL, as, names[0] ? names : ad->name, 0);
    }
    find_addr_free(&f);

    ipcfg_nl_result res;
    int e = ipcfg_nlsock_transact(&x->nl, req.buf, req.len, NULL, &res);
    if (e != 0)
        return ipcfg_lx_fail_dump(err, e, &res, "answer to the address request");
    if (!res.acked)
        return ipcfg_lx_fail_dump(err, 0, &res, "answer to the address request");
    if (res.error != 0)
        return ipcfg_lx_fail_change(err, res.error, res.extack, as, ad->name, 0);
    return 0;
}

static int delete_locked(ipcfg_backend *b, const ipcfg_delete_target *t, ipcfg_error *err)
{
    ipcfg_lx_ctx *x = b->ctx;
    if (t->by_context) {
        ipcfg_error_set(err, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP,
                        "NTE contexts exist only on Windows; name the address instead.");
        return (int)err->status;
    }
    if (t->addr.family != IPCFG_AF_INET4) {
        ipcfg_error_set(err, IPCFG_E_USAGE, IPCFG_R_NONE, "/delete takes an IPv4 address.");
        return (int)err->status;
    }
    char as[IPCFG_IPSTR_MAX];
    ipcfg_ip_str(&t->addr, as, sizeof(as));

    find_addr f;
    int st = find_ip4(x, &t->addr, &f, err);
    if (st != 0)
        return st;
    if (f.n == 0) {
        find_addr_free(&f);
        ipcfg_error_set(err, IPCFG_E_STATE, IPCFG_R_NOT_FOUND, "The address %s was not found.", as);
        return (int)err->status;
    }
    for (size_t i = 1; i < f.n; i++) {
        if (f.hits[i].ifindex != f.hits[0].ifindex) {
            char names[IPCFG_ERRTEXT_MAX / 2];
            hit_names(x, &f, names, sizeof(names));
            ipcfg_error_set(err, IPCFG_E_USAGE, IPCFG_R_NONE,
                            "The address %s is on more than one interface (%s); remove it with ip addr del.", as,
                            names);
            find_addr_free(&f);
            return (int)err->status;
        }
    }
    st = ipcfg_lx_guard_secondaries(f.hits, f.n, f.secs, f.n_secs, as, err);
    if (st != 0) {
        find_addr_free(&f);
        return st;
    }
    /* One interface; the same address may be there with more than one
     * prefix length: each is that address, remove them all. */
    for (size_t i = 0; i < f.n && st == 0; i++) {
        ipcfg_nlreq req;
        if (ipcfg_nlreq_addr4(&req, 1, f.hits[i].ifindex, t->addr.bytes, f.hits[i].prefix) != 0) {
            ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "The kernel reported an invalid address.");
            st = (int)err->status;
            break;
        }
        ipcfg_nl_result res;
        int e = ipcfg_nlsock_transact(&x->nl, req.buf, req.len, NULL, &res);
        if (e != 0 || !res.acked) {
            st = ipcfg_lx_fail_dump(err, e, &res, "answer to the address request");
        } else if (res.error != 0) {
            char ifname[32];
            snprintf(ifname, sizeof(ifname), "with index %u", (unsigned)f.hits[i].ifindex);
            st = ipcfg_lx_fail_change(err, res.error, res.extack, as, ifname, 1);
        }
    }
    find_addr_free(&f);
    return st;
}

int ipcfg_lx_add_address(ipcfg_backend *b, const ipcfg_adapter *ad, const ipcfg_ip *addr, unsigned prefix_len,
                         uint32_t *context, int *has_context, ipcfg_error *err)
{
    ipcfg_lx_lock lk;
    int st = addr_lock(&lk, err);
    if (st != 0)
        return st;
    st = add_locked(b, ad, addr, prefix_len, context, has_context, err);
    ipcfg_lx_lock_release(&lk);
    return st;
}

int ipcfg_lx_delete_address(ipcfg_backend *b, const ipcfg_delete_target *t, ipcfg_error *err)
{
    ipcfg_lx_lock lk;
    int st = addr_lock(&lk, err);
    if (st != 0)
        return st;
    st = delete_locked(b, t, err);
    ipcfg_lx_lock_release(&lk);
    return st;
}
