/* ipcfg — the privileged part of a DHCP exchange: its state, shared by the
 * exchange's loop (exchange/exchange.c), its jobs (exchange/job.c) and the
 * answers to the engine's requests (exchange/requests.c).  Private to
 * those three files.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_EXCHANGE_EXCHANGE_STATE_H
#define IPCFG_LINUX_EXCHANGE_EXCHANGE_STATE_H

#include <stddef.h>
#include <stdint.h>

#include "dhcp/dhcp_client.h"
#include "dhcp6/dhcp6_lease.h"
#include "exchange/carrier.h"
#include "exchange/addr_dump.h"
#include "exchange/lease_store.h"
#include "ipcfg/backend.h"
#include "netlink/nlsock.h"
#include "exchange/engine_spawn.h"
#include "exchange/job_hooks.h"
#include "wire/engine_wire.h"

#define IPCFG_LX_OPENS_MAX 16 /* sockets one job may ask for */

/* A job waits for its lock, then (a renew of a link set up a moment ago)
 * for its link's carrier, then runs, then is done. */
typedef enum job_phase { JOB_LOCK = 0, JOB_RUN, JOB_DONE, JOB_CARRIER } job_phase;

struct exchange_run;

typedef struct exchange_job {
    struct exchange_run *run;
    ipcfg_dhcp_job *job;
    uint32_t id;
    char ifname[IPCFG_DHCP_IFNAME_MAX];
    uint32_t ifindex;
    uint8_t hw[6];
    job_phase ph;
    ipcfg_lx_iflock lock;
    int64_t lock_retry_at; /* INT64_MAX: none */
    int64_t carrier_until; /* 0, or: the link's carrier is awaited until then (mono ms), then the
                              job is media disconnected */
    int waited;            /* the lock was taken by another run when we came */
    int shared;            /* it runs under the interface lock another job of this run holds (the
                              other family's job on the same interface: /registerdns renews both
                              leases at once); that job hands the lock over if it ends first */
    int hold;              /* -1, or what the caller's before hook holds until the job lets its locks go
                              (the command's /release: the keeper lock, while the lease is released) */
    uint8_t *start;        /* its START message while the engine's socket is full (malloc'd); else NULL */
    size_t start_len;
    char note[IPCFG_ERRTEXT_MAX]; /* "" or a line for a successful result */
    ipcfg_family family;   /* the job's: IPCFG_AF_INET4 (rec, installed) or IPCFG_AF_INET6 (rec6,
                              installed6); the flags below are the family's */
    /* What the privileged part knows, and checks every request against. */
    ipcfg_dhcp_lease rec;  /* the lease file's record at the start */
    int has_rec;
    int rec_present;       /* its address was on the interface at the start */
    ipcfg_dhcp_lease installed; /* what this job has put into the kernel (the record if present) */
    int has_installed;
    ipcfg_dhcp6_lease rec6;       /* DHCPv6: the record at the start (exchange/job6.c) */
    ipcfg_dhcp6_lease installed6; /* DHCPv6: what this job installed (or the record, bound) */
    uint32_t iaid6;               /* DHCPv6: the IAID its START gave (every lease must carry it) */
    int64_t dad_until;            /* DHCPv6: the detection watched ends by then (mono ms); 0 none */
    int mid_commit;        /* installed, not yet recorded: the exchange is not stopped there */
    int saved_bound;       /* a bound lease was recorded (= installed) */
    int saved_released;    /* a released record was written */
    int withdrawn;         /* the engine withdrew the installed lease: the lease-change hook is due */
    unsigned opens;
} exchange_job;

typedef struct exchange_run {
    ipcfg_dhcp_op op;
    const char *dir;
    int64_t deadline;
    int verify;
    int lapsed;            /* ipcfg_dhcp_config.lapsed */
    int paced;             /* ipcfg_dhcp_config.paced (the options' paced) */
    const ipcfg_lx_job_hooks *hooks; /* the caller's (the options' hooks), or NULL */
    ipcfg_nlsock nl;
    int nl_open;
    ipcfg_lx_addr4s addrs; /* the IPv4 address dump, once needed */
    ipcfg_lx_carrier carrier; /* link notifications while a job waits for its carrier (fd -1: none) */
    char hostname[64];
    int hostname_set;      /* ipcfg_lx_exchange_opts.hostname_set, .hostname */
    const char *hostname_given;
    unsigned probe_ms;
    ipcfg_lx_engine engine;
    int engine_up;
    ipcfg_lx_engine *engine_given; /* the caller's engine (the options' engine): reaped by the caller */
    char engine_error[IPCFG_ERRTEXT_MAX]; /* "" or why the engine failed */
    size_t starts_waiting; /* jobs whose START waits for room on the engine's socket */
    exchange_job *jobs;
    size_t n;
} exchange_run;

/* Answers one request from the engine (read from r->engine.rpc).  0 when it
 * was answered (or was the engine's ABORT, which sets engine_error); -1 when
 * the engine is gone or sent something malformed (it is then stopped).
 * When the request was the engine's report that a job is finished, its
 * result (checked against what this side saw) is in the job's err and
 * *done is that job, for the loop (exchange/exchange.c) to end it: the
 * answers never end a job themselves. */
int ipcfg_lx_serve(exchange_run *r, exchange_job **done);

/* The same for a DHCPv6 job's requests (exchange/requests6.c), the
 * request decoded: req and its lease text. */
int ipcfg_lx_serve6(exchange_run *r, exchange_job *j, const ipcfg_lx_wire_req *req, const char *text,
                    exchange_job **done);
/* exchange/reply.c: answers the engine (status, with err; saving for APPLY with SAVE; fd a
 * descriptor or -1).  0, or -1 when the engine did not take it. */
int ipcfg_lx_reply(exchange_run *r, int status, int saving, const ipcfg_error *err, int fd);
/* Refuses a request the engine should not have made (what: "do X"). */
int ipcfg_lx_refuse(exchange_run *r, const char *what);

/* Adds a line to the note of the job's successful result (a space between
 * lines; what does not fit is left out). */
void ipcfg_lx_note_add(exchange_job *j, const char *line);

/* 1 when the job's address (record) is on the interface now; the dump is
 * read once for the run (again when fresh). */
int ipcfg_lx_addr_present(exchange_run *r, uint32_t ifindex, const ipcfg_dhcp_lease *l, int fresh);

#endif
