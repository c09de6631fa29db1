/* ipcfg — the one clock of the Linux processes (the command, the engine,
 * the keeper).  The protocol libraries never read a clock: what they are
 * given as "now" comes from here.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef IPCFG_LINUX_CLOCK_H
#define IPCFG_LINUX_CLOCK_H

#include <stdint.h>
#include <time.h>

/* Milliseconds on clock id: CLOCK_MONOTONIC for timers and deadlines (it
 * never steps), CLOCK_REALTIME for what a lease records (Unix time; /1000
 * for the seconds a lease file holds), CLOCK_BOOTTIME for spans that must
 * count the time the host slept.  0 if the clock cannot be read (never on
 * Linux for these three). */
static inline int64_t ipcfg_lx_clock_ms(clockid_t id)
{
    struct timespec t;

    if (clock_gettime(id, &t) != 0)
        return 0;
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Unix seconds now: what a lease records and is compared with. */
static inline int64_t ipcfg_lx_wall_s(void)
{
    return ipcfg_lx_clock_ms(CLOCK_REALTIME) / 1000;
}

#endif
