/* ipcfg — rtnetlink attribute walking, shared by the message parsers
 * (netlink/nlparse.c: links, addresses, errors and the message walk; netlink/nlroute.c:
 * routes and nexthop objects).  Private to those two files.
 *
 * libmnl's way: attributes are walked with a signed remaining length that
 * is checked before every read, and every field is read with memcpy (a
 * buffer handed to the parser, by a fuzzer say, need not be aligned).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_NETLINK_NLATTR_H
#define IPCFG_LINUX_NETLINK_NLATTR_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <linux/netlink.h>
#include <sys/socket.h>

enum {
    NLHDR_LEN = 16,     /* struct nlmsghdr */
    ATTRHDR_LEN = 4,    /* struct rtattr / struct nlattr */
    IFINFO_LEN = 16,    /* struct ifinfomsg */
    IFADDR_LEN = 8,     /* struct ifaddrmsg */
    RTMSG_LEN = 12,     /* struct rtmsg */
    RTNH_LEN = 8,       /* struct rtnexthop */
    NHMSG_LEN = 8,      /* struct nhmsg */
    NHGRP_LEN = 8,      /* struct nexthop_grp */
    CACHEINFO_LEN = 16, /* struct ifa_cacheinfo */
    NLMSGERR_LEN = 20   /* struct nlmsgerr: int error + struct nlmsghdr */
};

static inline size_t align4(size_t n) { return (n + 3u) & ~(size_t)3u; }

static inline uint16_t rd16(const uint8_t *p) { uint16_t v; memcpy(&v, p, sizeof(v)); return v; }
static inline uint32_t rd32(const uint8_t *p) { uint32_t v; memcpy(&v, p, sizeof(v)); return v; }
static inline int32_t rds32(const uint8_t *p) { int32_t v; memcpy(&v, p, sizeof(v)); return v; }

/* ---- attribute walking ---- */

typedef struct attr_iter {
    const uint8_t *p;
    long rem;
} attr_iter;

typedef struct attr {
    uint16_t type; /* NLA_TYPE_MASK applied */
    const uint8_t *data;
    size_t len;
} attr;

static inline void attr_init(attr_iter *it, const uint8_t *p, size_t len)
{
    it->p = p;
    it->rem = (long)len;
}

/* 1 = next attribute in *a, 0 = clean end, -1 = malformed. */
static inline int attr_next(attr_iter *it, attr *a)
{
    uint16_t alen;
    long step;

    if (it->rem == 0)
        return 0;
    if (it->rem < ATTRHDR_LEN)
        return -1;
    alen = rd16(it->p);
    if (alen < ATTRHDR_LEN || (long)alen > it->rem)
        return -1;
    a->type = (uint16_t)(rd16(it->p + 2) & NLA_TYPE_MASK);
    a->data = it->p + ATTRHDR_LEN;
    a->len = (size_t)alen - ATTRHDR_LEN;
    step = (long)align4(alen);
    if (step > it->rem) /* the last attribute may lack its padding */
        step = it->rem;
    it->p += step;
    it->rem -= step;
    return 1;
}

/* Copies a string attribute (NUL-terminated or not).  Fails if it does not
 * fit. */
static inline int copy_str(char *dst, size_t dstlen, const attr *a)
{
    const void *nul = memchr(a->data, '\0', a->len);
    size_t n = nul ? (size_t)((const uint8_t *)nul - a->data) : a->len;

    if (n >= dstlen)
        return -1;
    memcpy(dst, a->data, n);
    dst[n] = '\0';
    return 0;
}

static inline size_t family_addr_len(uint8_t family)
{
    if (family == AF_INET)
        return 4;
    if (family == AF_INET6)
        return 16;
    return 0;
}

#endif
