/* ipcfg — rtnetlink message parser (Linux backend).
 *
 * Pure parsing, no socket code: the functions here take a byte buffer that a
 * netlink socket returned (one datagram holding one or more netlink messages)
 * and decode the messages the backend uses.  Every length is checked before
 * use; attributes are walked with signed remaining lengths (as libmnl and
 * OpenBSD dhcpleased do) and validated before their payload is read.  A
 * malformed buffer is rejected as a whole (IPCFG_NL_BAD); nothing is ever
 * read outside [buf, buf + len).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_NETLINK_NLPARSE_H
#define IPCFG_LINUX_NETLINK_NLPARSE_H

#include <stddef.h>
#include <stdint.h>

#define IPCFG_NL_IFNAME_MAX 64 /* kernel IFNAMSIZ is 16; room to spare */
#define IPCFG_NL_KIND_MAX 64
#define IPCFG_NL_HWADDR_MAX 32 /* kernel MAX_ADDR_LEN */
#define IPCFG_NL_EXTACK_MAX 256

/* RTM_NEWLINK */
typedef struct ipcfg_nl_link {
    uint32_t ifindex;            /* > 0 */
    uint16_t type;               /* ARPHRD_* */
    uint32_t flags;              /* IFF_* */
    char name[IPCFG_NL_IFNAME_MAX]; /* IFLA_IFNAME, never empty */
    int has_operstate;
    uint8_t operstate;           /* IF_OPER_* */
    size_t hwaddr_len;           /* 0 = no IFLA_ADDRESS */
    uint8_t hwaddr[IPCFG_NL_HWADDR_MAX];
    char kind[IPCFG_NL_KIND_MAX]; /* IFLA_LINKINFO/IFLA_INFO_KIND, "" = none */
} ipcfg_nl_link;

/* RTM_NEWADDR (AF_INET / AF_INET6; other families are reported with
 * addr_len 0 and no addresses). */
typedef struct ipcfg_nl_addr {
    uint8_t family;
    uint8_t prefixlen;
    uint32_t flags;              /* ifa_flags, or IFA_FLAGS when present */
    uint8_t scope;
    uint32_t ifindex;
    size_t addr_len;             /* 4 or 16 for the known families, else 0 */
    int has_local, has_address, has_broadcast;
    uint8_t local[16], address[16], broadcast[16];
    int has_cacheinfo;
    uint32_t preferred_lft, valid_lft; /* seconds, 0xFFFFFFFF = forever */
    int has_proto;               /* peers: IFA_PROTO (who added the address) */
    uint8_t proto;
} ipcfg_nl_addr;

/* RTM_NEWROUTE */
typedef struct ipcfg_nl_route {
    uint8_t family;
    uint8_t dst_len;
    uint8_t protocol, scope, type;
    uint32_t table;              /* RTA_TABLE, else rtm_table */
    uint32_t flags;              /* rtm_flags */
    int has_dst;
    uint8_t dst[16];
    int has_gateway;             /* RTA_GATEWAY, or RTA_VIA */
    uint8_t gw_family;           /* AF_INET / AF_INET6 */
    uint8_t gateway[16];
    int has_oif;
    uint32_t oif;
    int has_priority;
    uint32_t priority;
    /* RTA_MULTIPATH payload, already validated; walk with
     * ipcfg_nl_nexthop_next().  NULL/0 when absent. */
    const uint8_t *multipath;
    size_t multipath_len;
    size_t n_nexthops;
    /* RTA_NH_ID: the route uses a nexthop object (RTM_NEWNEXTHOP).  With
     * net.ipv4.nexthop_compat_mode=0 the route then carries no gateway,
     * no RTA_OIF and no RTA_MULTIPATH of its own. */
    int has_nh_id;
    uint32_t nh_id;
} ipcfg_nl_route;

typedef struct ipcfg_nl_nexthop {
    uint32_t ifindex;
    uint8_t flags;               /* RTNH_F_* */
    uint8_t hops;
    int has_gateway;
    uint8_t gw_family;
    uint8_t gateway[16];
} ipcfg_nl_nexthop;

typedef struct ipcfg_nl_nh_iter {
    const uint8_t *p;
    long rem;
    uint8_t family; /* the route's family: size of RTA_GATEWAY */
} ipcfg_nl_nh_iter;

void ipcfg_nl_nh_iter_init(ipcfg_nl_nh_iter *it, const ipcfg_nl_route *r);
/* 1 = *out filled, 0 = end, -1 = malformed (cannot happen for a route
 * that ipcfg_nl_route_parse accepted). */
int ipcfg_nl_nexthop_next(ipcfg_nl_nh_iter *it, ipcfg_nl_nexthop *out);

/* RTM_NEWNEXTHOP: a nexthop object (ip nexthop).  Either a group
 * (NHA_GROUP: member ids, read with ipcfg_nl_nhobj_member) or a single
 * nexthop: blackhole, or an output interface with or without a gateway. */
typedef struct ipcfg_nl_nhobj {
    uint32_t id;                 /* NHA_ID, > 0 */
    uint8_t family;              /* nh_family */
    int blackhole;               /* NHA_BLACKHOLE */
    int has_oif;
    uint32_t oif;                /* NHA_OIF */
    int has_gateway;             /* NHA_GATEWAY, 4 or 16 bytes by family */
    uint8_t gw_family;
    uint8_t gateway[16];
    int fdb;                     /* NHA_FDB: a bridge FDB nexthop, not a route's */
    /* NHA_GROUP payload, validated (a whole number of struct nexthop_grp,
     * at least one); NULL/0 when not a group. */
    const uint8_t *group;
    size_t n_group;
} ipcfg_nl_nhobj;

/* The id of member i < n_group of a group. */
uint32_t ipcfg_nl_nhobj_member(const ipcfg_nl_nhobj *o, size_t i);

/* Per-message decoders: `payload` is what follows the struct nlmsghdr,
 * `len` its length (nlmsg_len - header).  0 ok, -1 malformed. */
int ipcfg_nl_link_parse(const uint8_t *payload, size_t len, ipcfg_nl_link *out);
int ipcfg_nl_addr_parse(const uint8_t *payload, size_t len, ipcfg_nl_addr *out);
int ipcfg_nl_route_parse(const uint8_t *payload, size_t len, ipcfg_nl_route *out);
int ipcfg_nl_nhobj_parse(const uint8_t *payload, size_t len, ipcfg_nl_nhobj *out);

/* What the parser hands back while walking a buffer.  A callback returning
 * nonzero stops the walk with IPCFG_NL_ABORT (e.g. out of memory). */
typedef struct ipcfg_nl_visitor {
    void *ctx;
    int (*on_link)(void *ctx, const ipcfg_nl_link *l);
    int (*on_addr)(void *ctx, const ipcfg_nl_addr *a);
    int (*on_route)(void *ctx, const ipcfg_nl_route *r);
    int (*on_nexthop)(void *ctx, const ipcfg_nl_nhobj *o);
} ipcfg_nl_visitor;

/* Terminal information gathered from NLMSG_ERROR / NLMSG_DONE. */
typedef struct ipcfg_nl_result {
    int done;                    /* NLMSG_DONE seen */
    int acked;                   /* NLMSG_ERROR seen (error 0 = ACK) */
    int error;                   /* positive errno, 0 = none */
    int dump_intr;               /* a message carried NLM_F_DUMP_INTR */
    char extack[IPCFG_NL_EXTACK_MAX]; /* NLMSGERR_ATTR_MSG, "" = none */
} ipcfg_nl_result;

typedef enum ipcfg_nl_status {
    IPCFG_NL_MORE = 0,  /* every message consumed, no terminal message yet */
    IPCFG_NL_END = 1,   /* NLMSG_DONE or NLMSG_ERROR seen: see ipcfg_nl_result */
    IPCFG_NL_BAD = -1,  /* malformed buffer */
    IPCFG_NL_ABORT = -2 /* a visitor callback asked to stop */
} ipcfg_nl_status;

/* Walks every netlink message in buf.  Messages whose nlmsg_seq differs from
 * `seq` (or, when portid != 0, whose nlmsg_pid differs from it) are stale
 * answers to an earlier request: they are length-checked and skipped.
 * v may be NULL (e.g. when only an ACK is expected).  res must be
 * zero-initialised by the caller before the first buffer of a request; it
 * accumulates across buffers. */
ipcfg_nl_status ipcfg_nl_parse(const uint8_t *buf, size_t len, uint32_t seq, uint32_t portid,
                               const ipcfg_nl_visitor *v, ipcfg_nl_result *res);

/* Decodes an NLMSG_ERROR payload (struct nlmsgerr + optional extack TLVs).
 * msg_flags are the nlmsghdr flags (NLM_F_CAPPED, NLM_F_ACK_TLVS).
 * 0 ok, -1 malformed. */
int ipcfg_nl_error_parse(const uint8_t *payload, size_t len, uint16_t msg_flags, int *error,
                         char *extack, size_t extack_len);

#endif
