/* ipcfg — the privileged part of a DHCP exchange: its state, shared by the
 * exchange's loop (dhcp_run.c) and the answers to the engine's requests
 * (dhcp_serve.c).  Private to those two files.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_DHCP_PRIV_H
#define IPCFG_LINUX_DHCP_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include "dhcp/dhcp_client.h"
#include "carrier.h"
#include "dhcp_addrs.h"
#include "dhcp_store.h"
#include "ipcfg/backend.h"
#include "nlsock.h"
#include "privsep.h"

#define IPCFG_LX_OPENS_MAX 16 /* sockets one job may ask for */

/* A job waits for its lock, then (a renew of a link set up a moment ago)
 * for its link's carrier, then runs, then is done. */
typedef enum pphase { PP_LOCK = 0, PP_RUN, PP_DONE, PP_CARRIER } pphase;

struct prun;

typedef struct pjob {
    struct prun *run;
    ipcfg_dhcp_job *job;
    uint32_t id;
    char ifname[IPCFG_DHCP_IFNAME_MAX];
    uint32_t ifindex;
    uint8_t hw[6];
    pphase ph;
    ipcfg_lx_iflock lock;
    int64_t lock_retry_at; /* INT64_MAX: none */
    int64_t carrier_until; /* 0, or: the link's carrier is awaited until then (mono ms), then the
                              job is media disconnected */
    int waited;            /* the lock was taken by another run when we came */
    int keep_fd;           /* release: the keeper lock, held while the lease is released; else -1 */
    uint8_t *start;        /* its START message while the engine's socket is full (malloc'd); else NULL */
    size_t start_len;
    char note[IPCFG_ERRTEXT_MAX]; /* "" or a line for a successful result */
    /* What the privileged part knows, and checks every request against. */
    ipcfg_dhcp_lease rec;  /* the lease file's record at the start */
    int has_rec;
    int rec_present;       /* its address was on the interface at the start */
    ipcfg_dhcp_lease kern; /* what this job has put into the kernel (the record if present) */
    int has_kern;
    int mid_commit;        /* installed, not yet recorded: the exchange is not stopped there */
    int saved_bound;       /* a bound lease was recorded (= kern) */
    int saved_released;    /* a released record was written */
    unsigned opens;
} pjob;

typedef struct prun {
    ipcfg_dhcp_op op;
    const char *dir;
    int64_t deadline;
    int verify;
    int paced;             /* the keeper's exchange (ipcfg_dhcp_config.paced) */
    ipcfg_nlsock nl;
    int nl_open;
    ipcfg_lx_addr4s addrs; /* the IPv4 address dump, once needed */
    ipcfg_lx_carrier carrier; /* link notifications while a job waits for its carrier (fd -1: none) */
    char hostname[64];
    int hostname_set;      /* ipcfg_lx_xopts.hostname_set, .hostname */
    const char *hostname_given;
    unsigned probe_ms;
    ipcfg_lx_engine eng;
    int eng_up;
    ipcfg_lx_engine *eng_given; /* the caller's engine (xopts.engine): reaped by the caller */
    char eng_error[IPCFG_ERRTEXT_MAX]; /* "" or why the engine failed */
    size_t starts_waiting; /* jobs whose START waits for room on the engine's socket */
    pjob *jobs;
    size_t n;
} prun;

/* Answers one request from the engine (read from r->eng.rpc).  0 when it
 * was answered (or was the engine's ABORT, which sets eng_error); -1 when
 * the engine is gone or sent something malformed (it is then stopped). */
int ipcfg_lx_serve(prun *r);

/* The job's locks let go: the keeper lock a /release holds, then the
 * interface lock (dhcp_run.c). */
void ipcfg_lx_job_unlock(pjob *j);

/* Adds a line to the note of the job's successful result (a space between
 * lines; what does not fit is left out). */
void ipcfg_lx_note_add(pjob *j, const char *line);

/* 1 when the job's address (record) is on the interface now; the dump is
 * read once for the run (again when fresh). */
int ipcfg_lx_addr_present(prun *r, uint32_t ifindex, const ipcfg_dhcp_lease *l, int fresh);

#endif
