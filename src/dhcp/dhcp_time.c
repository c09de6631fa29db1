/* ipcfg — the DHCPv4 client's timing rules (RFC 2131 §4.1, §4.4.5): a
 * lease's expiry, the command's retransmission back-off, the
 * retransmission time while a lease is renewed or rebound, and the
 * renewal (T1) and rebinding (T2) times a lease may have.  Pure; the state machine (dhcp_client.c) and the
 * lease keeper (src/linux/keeper/keeper.c) use them.  See dhcp_client.h.
 *
 * SPDX-License-Identifier: MIT
 */
#include "dhcp_client.h"

int64_t ipcfg_dhcp_time_at(int64_t obtained, uint32_t off)
{
    if (off == IPCFG_DHCP_INFINITE || obtained > INT64_MAX - (int64_t)off)
        return INT64_MAX;
    return obtained + (int64_t)off;
}

int64_t ipcfg_dhcp_lease_expires(const ipcfg_dhcp_lease *l)
{
    return ipcfg_dhcp_time_at(l->obtained, l->lease_time);
}

/* RFC 2131 §4.1: "the delay before the first retransmission SHOULD be 4
 * seconds randomized by the value of a uniform random number chosen from
 * the range -1 to +1.  [...] The delay before the next retransmission
 * SHOULD be 8 seconds randomized by the value of a uniform number chosen
 * from the range -1 to +1.  The retransmission delay SHOULD be doubled
 * with subsequent retransmissions up to a maximum of 64 seconds."
 * ipcfg is an interactive command bounded by /timeout, so the schedule is
 * that one divided by four with a lower cap: 1 s, 2 s, 4 s, then 8 s each
 * time; the jitter is +-1 s scaled to a quarter of the delay for the
 * first two (+-250 ms, +-500 ms), so that the first retry comes after
 * about one second. */
unsigned ipcfg_dhcp_backoff_ms(unsigned attempt, uint32_t r)
{
    unsigned base = attempt >= 3 ? 8000u : 1000u << attempt;
    unsigned j = base / 4 < 1000u ? base / 4 : 1000u;

    return base - j + (unsigned)(r % (2u * j + 1u));
}

/* §4.4.5: "In both RENEWING and REBINDING states, if the client receives
 * no response to its DHCPREQUEST message, the client SHOULD wait one-half
 * of the remaining time until T2 (in RENEWING state) and one-half of the
 * remaining lease time (in REBINDING state), down to a minimum of 60
 * seconds, before retransmitting the DHCPREQUEST message." */
int64_t ipcfg_dhcp_retry_ms(int64_t now_ms, int64_t end_ms)
{
    if (end_ms <= now_ms)
        return now_ms;
    int64_t wait = (end_ms - now_ms) / 2;
    if (wait < IPCFG_DHCP_RETRY_MIN_MS)
        wait = IPCFG_DHCP_RETRY_MIN_MS;
    return wait < end_ms - now_ms ? now_ms + wait : end_ms;
}

/* §4.4.5: "T1 defaults to (0.5 * duration_of_lease).  T2 defaults to
 * (0.875 * duration_of_lease)."  A server's values are taken only when
 * they make a timeline: renew after a while, rebind later, both before
 * the end.  T1 = T2 = 0 would have a keeper renew again the moment a
 * renewal succeeded. */
void ipcfg_dhcp_lease_times(uint32_t lease, const uint32_t *t1, const uint32_t *t2, uint32_t *out_t1,
                            uint32_t *out_t2)
{
    uint32_t d1 = lease / 2, d2 = (uint32_t)((uint64_t)lease * 7 / 8);

    if (lease == IPCFG_DHCP_INFINITE) {
        *out_t1 = *out_t2 = IPCFG_DHCP_INFINITE;
        return;
    }
    *out_t1 = t1 != NULL ? *t1 : d1;
    *out_t2 = t2 != NULL ? *t2 : d2;
    if (!ipcfg_dhcp_lease_times_ok(lease, *out_t1, *out_t2)) {
        *out_t1 = d1;
        *out_t2 = d2;
    }
}

int ipcfg_dhcp_lease_times_ok(uint32_t lease, uint32_t t1, uint32_t t2)
{
    if (lease == IPCFG_DHCP_INFINITE)
        return t1 == IPCFG_DHCP_INFINITE && t2 == IPCFG_DHCP_INFINITE;
    return t1 > 0 && t1 < t2 && t2 < lease;
}
