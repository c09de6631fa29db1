/* ipcfg — the messages between the privileged part of a DHCP exchange and
 * its unprivileged engine process (docs/linux.md, "Process layout").
 *
 * The engine (engine/engine.c) reads and parses everything the network
 * sends, holds no capability and no root uid, and runs under a seccomp
 * filter (exchange/engine_spawn.c).  Everything it wants done it asks of the privileged
 * part (exchange/exchange.c, exchange/requests.c) over a SOCK_SEQPACKET socket pair: a
 * socket of a given kind, a lease installed, removed or recorded, the
 * outcome of a job.  A lease travels as its lease-file text, which the
 * privileged part reads with the same strict parser as a lease file
 * (ipcfg_dhcp_lease_parse): it acts on a validated record, never on bytes
 * from the network.
 *
 * Two socket pairs: "ctl" carries the privileged part's START messages (a
 * job whose lock is held, one way); "rpc" the engine's requests, each
 * answered by one reply (with a descriptor for OPEN).  Both ends are the
 * same program, so the fixed parts are plain structs; what the privileged
 * part receives is still checked whole (ipcfg_lx_wire_req_decode, fuzzed by
 * tests/fuzz/fuzz_dhcp_wire.c) before anything of it is used.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_WIRE_ENGINE_WIRE_H
#define IPCFG_LINUX_WIRE_ENGINE_WIRE_H

#include <stddef.h>
#include <stdint.h>

#include "dhcp/dhcp_client.h"
#include "ipcfg/model.h"

/* The wire's version, carried by every START: an engine that gets another
 * refuses the job.  Both sides are one build today; a change to a message
 * (a DHCPv6 job's fields, say) changes the number.  2: START carries the
 * FQDN, the user class and the name choice (options 81, 77).  3: START carries a DHCPv6 job's IAID and the host's
 * DUID; a DHCPv6 job's leases travel as "ipcfg-lease6" text
 * (src/dhcp6/dhcp6_lease.h).  4: DAD, a DHCPv6 job's duplicate address
 * detection watched by the privileged part. */
#define IPCFG_LX_WIRE_VERSION 4

#define IPCFG_LX_WIRE_TEXT_MAX 6144 /* a lease's text (32 routes, 8 DNS servers, a 255-byte domain, 8 search
                                       domains, a URI and an FQDN) is < 4.5 KiB (unit_dhcp_opts) */
#define IPCFG_LX_WIRE_MAX 8192      /* one message */
#define IPCFG_LX_WIRE_JOBS_MAX 4096 /* jobs of one exchange */

typedef enum ipcfg_lx_wire_type {
    IPCFG_LX_W_START = 1,   /* ctl: a job to run (its lock is held) */
    IPCFG_LX_W_OPEN = 2,    /* rpc: a socket of kind arg for the job (reply carries the descriptor) */
    IPCFG_LX_W_APPLY = 3,   /* rpc: install the lease (text); arg bit 0: it replaces what the job installed;
                               bit 1 (IPCFG_LX_APPLY_SAVE): and record it when installed */
    IPCFG_LX_W_UNAPPLY = 4, /* rpc: remove the lease (text) the job installed or recorded */
    IPCFG_LX_W_SAVE = 5,    /* rpc: record the lease (text) */
    IPCFG_LX_W_DONE = 6,    /* rpc: the job's outcome (err; arg: IPCFG_DHCP_LEFT_*) */
    IPCFG_LX_W_ABORT = 7,   /* rpc: the engine cannot go on (err.text: why); job 0, no reply */
    IPCFG_LX_W_DAD = 8      /* rpc: DHCPv6: the kernel's duplicate address detection of the addresses in the
                               text (one per line, 32 lowercase hex digits; at most 8) just installed; arg 0
                               starts the watch, 1 asks again.  Answered at once: reply.saving -1 while it
                               runs, else bit i set when the i-th address was found in use */
} ipcfg_lx_wire_type;

#define IPCFG_LX_APPLY_REPLACES 1u
#define IPCFG_LX_APPLY_SAVE 2u

typedef enum ipcfg_lx_sock_kind {
    IPCFG_LX_SOCK_PACKET = 1, /* AF_PACKET for IPv4/UDP to port 68 (exchange/sockets.h) */
    IPCFG_LX_SOCK_UDP = 2,    /* UDP port 68 bound to the interface */
    IPCFG_LX_SOCK_ARP = 3,    /* AF_PACKET for ARP (the conflict probe) */
    IPCFG_LX_SOCK_UDP6 = 4    /* UDP/IPv6 port 546 bound to the interface (a DHCPv6 job's only socket) */
} ipcfg_lx_sock_kind;

/* ctl: the privileged part -> the engine.  Followed by rec_len bytes of
 * lease text (the recorded lease; 0 = none). */
typedef struct ipcfg_lx_wire_start {
    uint32_t type;    /* IPCFG_LX_W_START */
    uint32_t version; /* IPCFG_LX_WIRE_VERSION */
    uint32_t family;  /* ipcfg_family: IPCFG_AF_INET4 (the engine's DHCPv4 client; the lease text is
                         src/dhcp's) or IPCFG_AF_INET6 (its DHCPv6 client, src/dhcp6; the text is
                         "ipcfg-lease6", and iaid, duid say the job's identity) */
    uint32_t job;
    uint32_t op;   /* ipcfg_dhcp_op */
    uint32_t ifindex;
    int64_t deadline_ms; /* CLOCK_MONOTONIC, the whole exchange's */
    uint32_t probe_ms;
    uint8_t hw[6];
    uint8_t addr_present; /* the record's address is on the interface */
    uint8_t verify;       /* ipcfg_dhcp_config.verify */
    uint8_t lapsed;       /* ipcfg_dhcp_config.lapsed */
    uint8_t paced;        /* ipcfg_dhcp_config.paced: the keeper's exchange */
    char ifname[IPCFG_DHCP_IFNAME_MAX];
    char hostname[64];                    /* option 12 ("" none) */
    char fqdn[IPCFG_DHCP_NAME_CAP];       /* option 81 ("" none; dhcp_names.c) */
    uint8_t name_choice;                  /* ipcfg_dhcp_name_choice */
    char classid[IPCFG_DHCP_CLASS_CAP];   /* option 77 ("" none) */
    uint32_t iaid;                        /* DHCPv6: the interface's IAID (dhcp6_duid.h) */
    uint8_t duid[130];                    /* DHCPv6: the host's DUID (its length in duid_len) */
    uint8_t duid_len;
    uint32_t rec_len;
} ipcfg_lx_wire_start;

/* rpc: the engine -> the privileged part.  Followed by text_len bytes of
 * lease text (APPLY, UNAPPLY, SAVE). */
typedef struct ipcfg_lx_wire_req {
    uint32_t type;
    uint32_t job;
    uint32_t arg;     /* OPEN: ipcfg_lx_sock_kind; APPLY: 1 = replaces what the job installed;
                         DONE: what the bound lease left out (IPCFG_DHCP_LEFT_*) */
    ipcfg_error err;  /* DONE: the outcome */
    uint32_t text_len;
} ipcfg_lx_wire_req;

/* rpc: the answer to every request. */
typedef struct ipcfg_lx_wire_reply {
    int32_t status; /* 0, or an ipcfg_status with err filled; OPEN: -errno of the socket's creation in err */
    int32_t saving; /* APPLY with IPCFG_LX_APPLY_SAVE: 1 when the record failed (the lease was installed);
                       DAD: -1 while the detection runs, else bit i set when the i-th address is in use */
    ipcfg_error err;
} ipcfg_lx_wire_reply;

/* Checks a request as received (len bytes at buf) and points *text at its
 * lease text: the type known, the lengths consistent, the text not over
 * IPCFG_LX_WIRE_TEXT_MAX and free of NUL, DONE's error a known status and
 * reason with a terminated text (made so), OPEN's kind known.  *req gets
 * the fixed part.  0 ok, -1 malformed (why: one line). */
int ipcfg_lx_wire_req_decode(const uint8_t *buf, size_t len, ipcfg_lx_wire_req *req, const char **text,
                             const char **why);

/* Makes an error as it came from the other process safe to use: a known
 * status and reason, a terminated text without control bytes.  0 ok, -1
 * when it names no known status (it is then set to a failure). */
int ipcfg_lx_wire_error_clean(ipcfg_error *e);

/* Sends one message (with descriptor fd, or -1); 0 or -errno. */
int ipcfg_lx_wire_send(int sock, const void *msg, size_t len, int fd);
/* The same without a descriptor and without waiting: -EAGAIN when the
 * socket is full now. */
int ipcfg_lx_wire_try_send(int sock, const void *msg, size_t len);
/* Receives one message into buf (cap bytes); its length, 0 at EOF, or
 * -errno; a descriptor that came with it in *fd (else -1; NULL: any is
 * closed).  A message longer than cap is -EMSGSIZE. */
long ipcfg_lx_wire_recv(int sock, void *buf, size_t cap, int *fd);

#endif
