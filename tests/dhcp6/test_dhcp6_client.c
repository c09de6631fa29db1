/* The DHCPv6 client state machine, driven through recording fakes of
 * ipcfg_dhcp6_io with an injected clock: the messages each operation
 * sends (options present or absent, transaction ids, elapsed time), the
 * state chosen from a lease's times, the order of the effects, and how
 * each operation ends.  The hostile answers: test_dhcp6_hostile.c; the
 * retransmission schedule: test_dhcp6_retrans.c.
 * SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "dhcp6_fake.h"

static int has_oro(const ipcfg_dhcp6_msg *m, uint16_t code)
{
    for (unsigned i = 0; i < m->n_oro; i++)
        if (m->oro[i] == code)
            return 1;
    return 0;
}

static void assert_client_id(const ipcfg_dhcp6_msg *m)
{
    assert_true(m->has & IPCFG_DHCP6_HAS_CLIENTID);
    assert_int_equal(m->client_id_len, sizeof(T6_DUID));
    assert_memory_equal(m->client_id, T6_DUID, sizeof(T6_DUID));
    assert_true(m->has & IPCFG_DHCP6_HAS_ELAPSED);
}

/* Solicit, the first RT collecting, Request to the server, Reply: bound. */
static void obtain_full_exchange(void **st)
{
    tsrv6 s;
    (void)st;
    setup6(0, 1);
    start6(IPCFG_DHCP6_OP_RENEW, NULL, 0, 30000);
    assert_int_equal(C.state, IPCFG_DHCP6_S_SOLICIT);
    assert_int_equal(F.n_sent, 1);
    const ipcfg_dhcp6_msg *m = last_sent();
    /* §18.2.1: Client Identifier, Elapsed Time 0, IA_NA, ORO asking for
     * SOL_MAX_RT; no Server Identifier */
    assert_int_equal(m->type, IPCFG_DHCP6_SOLICIT);
    assert_client_id(m);
    assert_int_equal(m->elapsed, 0);
    assert_false(m->has & IPCFG_DHCP6_HAS_SERVERID);
    assert_int_equal(m->n_ia, 1);
    assert_int_equal(m->ia[0].iaid, T6_IAID);
    assert_int_equal(m->ia[0].t1, 0);
    assert_int_equal(m->ia[0].t2, 0);
    assert_int_equal(m->ia[0].n_addrs, 0);
    assert_true(has_oro(m, IPCFG_DHCP6_OPT_SOL_MAX_RT) && has_oro(m, IPCFG_DHCP6_OPT_DNS_SERVERS) &&
                has_oro(m, IPCFG_DHCP6_OPT_DOMAIN_LIST));
    assert_false(has_oro(m, IPCFG_DHCP6_OPT_INFO_REFRESH_TIME));
    assert_true(m->xid <= 0xffffffu);

    /* a valid Advertise does not end the first RT (§18.2.1) */
    set_time(200);
    answer_default(&s, IPCFG_DHCP6_ADVERTISE);
    assert_int_equal(rx6(&s, NULL), 0);
    assert_int_equal(C.state, IPCFG_DHCP6_S_SOLICIT);
    assert_int_equal(F.n_sent, 1);
    /* the first RT is strictly greater than IRT, at most 1.1 IRT */
    int64_t w = ipcfg_dhcp6_client_next_wakeup(&C);
    assert_in_range(w, 1001, 1100);
    fire();
    assert_int_equal(C.state, IPCFG_DHCP6_S_REQUEST);
    m = last_sent();
    assert_int_equal(m->type, IPCFG_DHCP6_REQUEST);
    assert_client_id(m);
    assert_int_equal(m->elapsed, 0); /* a new exchange */
    assert_true(m->has & IPCFG_DHCP6_HAS_SERVERID);
    assert_memory_equal(m->server_id, T6_SID1, sizeof(T6_SID1));
    assert_int_equal(m->ia[0].n_addrs, 1);
    assert_memory_equal(m->ia[0].addrs[0].addr, T6_ADDR, 16);
    assert_int_equal(m->ia[0].addrs[0].valid, 0);
    assert_int_not_equal(m->xid, F.s[0].m.xid);

    set_time(1300);
    answer_default(&s, IPCFG_DHCP6_REPLY);
    assert_int_equal(rx6(&s, NULL), 0);
    assert_int_equal(result6().status, IPCFG_OK);
    assert_int_equal(ipcfg_dhcp6_client_outcome(&C), IPCFG_DHCP6_OUT_BOUND);
    assert_string_equal(F.log, "ssav");
    assert_true(F.applied_old_null);
    const ipcfg_dhcp6_lease *l = ipcfg_dhcp6_client_lease(&C);
    assert_int_equal(l->state, IPCFG_DHCP6_LEASE_BOUND);
    assert_int_equal(l->n_addrs, 1);
    assert_memory_equal(l->addrs[0].addr, T6_ADDR, 16);
    assert_int_equal(l->addrs[0].preferred, 3600);
    assert_int_equal(l->addrs[0].valid, 7200);
    assert_int_equal(l->t1, 1800);
    assert_int_equal(l->t2, 2880);
    assert_int_equal(l->obtained, W0 + 1); /* §21.4: counted from the Reply's reception */
    assert_memory_equal(l->server_duid, T6_SID1, sizeof(T6_SID1));
    assert_memory_equal(l->server_addr, T6_LL, 16);
    assert_int_equal(l->n_dns, 1);
    assert_memory_equal(l->dns[0], T6_DNS, 16);
    assert_memory_equal(&F.saved, l, sizeof(*l));
}

static void preference_255_ends_the_wait(void **st)
{
    tsrv6 s;
    (void)st;
    setup6(0, 2);
    start6(IPCFG_DHCP6_OP_RENEW, NULL, 0, 30000);
    set_time(50);
    answer_default(&s, IPCFG_DHCP6_ADVERTISE);
    s.has_pref = 1;
    s.pref = 255;
    assert_int_equal(rx6(&s, NULL), 0);
    assert_int_equal(C.state, IPCFG_DHCP6_S_REQUEST);
    assert_int_equal(last_sent()->type, IPCFG_DHCP6_REQUEST);
    assert_int_equal(F.s[F.n_sent - 1].at_ms, 50);
}

static void best_preference_wins(void **st)
{
    static const uint8_t sid3[10] = {0, 3, 0, 1, 0x02, 0, 0, 0, 0, 3};
    tsrv6 s;
    (void)st;
    setup6(0, 3);
    start6(IPCFG_DHCP6_OP_RENEW, NULL, 0, 30000);
    uint32_t xid = last_sent()->xid;
    const struct {
        const uint8_t *sid;
        int has;
        uint8_t pref;
    } adv[] = {{T6_SID1, 0, 0}, {T6_SID2, 1, 7}, {sid3, 1, 7}, {T6_SID1, 1, 3}};
    for (unsigned i = 0; i < sizeof(adv) / sizeof(adv[0]); i++) {
        tsrv6_default(&s, IPCFG_DHCP6_ADVERTISE, xid);
        s.server = adv[i].sid;
        s.has_pref = adv[i].has;
        s.pref = adv[i].pref;
        assert_int_equal(rx6(&s, NULL), 0);
    }
    fire();
    /* the first of the highest preference */
    assert_memory_equal(last_sent()->server_id, T6_SID2, sizeof(T6_SID2));
}

static void advertise_after_first_rt_acts_at_once(void **st)
{
    tsrv6 s;
    (void)st;
    setup6(0, 4);
    start6(IPCFG_DHCP6_OP_RENEW, NULL, 0, 30000);
    fire(); /* first RT: nothing came, Solicit again */
    assert_int_equal(F.n_sent, 2);
    assert_int_equal(last_sent()->type, IPCFG_DHCP6_SOLICIT);
    assert_int_equal(last_sent()->xid, F.s[0].m.xid); /* §16.1: a retransmission keeps it */
    assert_true(last_sent()->elapsed >= 100);         /* hundredths since the first */
    set_time(NOW.mono_ms + 10);
    answer_default(&s, IPCFG_DHCP6_ADVERTISE);
    assert_int_equal(rx6(&s, NULL), 0);
    assert_int_equal(C.state, IPCFG_DHCP6_S_REQUEST);
}

static void renew_before_t2(void **st)
{
    ipcfg_dhcp6_lease rec;
    tsrv6 s;
    (void)st;
    setup6(0, 5);
    set_time(5000);
    mk_lease6(&rec, 1000, 3600, 7200); /* T1 1800, T2 2880 */
    start6(IPCFG_DHCP6_OP_RENEW, &rec, 1, 30000);
    assert_int_equal(C.state, IPCFG_DHCP6_S_RENEW);
    const ipcfg_dhcp6_msg *m = last_sent();
    /* §18.2.4: Server Identifier of the lease's server, its addresses */
    assert_int_equal(m->type, IPCFG_DHCP6_RENEW);
    assert_client_id(m);
    assert_memory_equal(m->server_id, T6_SID1, sizeof(T6_SID1));
    assert_int_equal(m->ia[0].n_addrs, 1);
    assert_memory_equal(m->ia[0].addrs[0].addr, T6_ADDR, 16);
    assert_true(has_oro(m, IPCFG_DHCP6_OPT_SOL_MAX_RT));
    /* REN_TIMEOUT 10 s */
    assert_in_range(ipcfg_dhcp6_client_next_wakeup(&C) - NOW.mono_ms, 9000, 11000);
    set_time(5400);
    answer_default(&s, IPCFG_DHCP6_REPLY);
    s.addrs[0].preferred = 4000;
    s.addrs[0].valid = 8000;
    s.t1 = 2000;
    s.t2 = 3200;
    assert_int_equal(rx6(&s, NULL), 0);
    assert_int_equal(result6().status, IPCFG_OK);
    assert_int_equal(ipcfg_dhcp6_client_outcome(&C), IPCFG_DHCP6_OUT_BOUND);
    assert_string_equal(F.log, "sav");
    assert_false(F.applied_old_null); /* the same address: updated in place */
    assert_int_equal(F.saved.addrs[0].valid, 8000);
    assert_int_equal(F.saved.t1, 2000);
    assert_int_equal(F.saved.obtained, W0 + 5);
}

static void rebind_from_t2(void **st)
{
    ipcfg_dhcp6_lease rec;
    tsrv6 s;
    (void)st;
    setup6(0, 6);
    set_time(5000);
    mk_lease6(&rec, 3000, 3600, 7200); /* past T2 2880, before 7200 */
    start6(IPCFG_DHCP6_OP_RENEW, &rec, 1, 30000);
    assert_int_equal(C.state, IPCFG_DHCP6_S_REBIND);
    const ipcfg_dhcp6_msg *m = last_sent();
    /* §18.2.5: no Server Identifier */
    assert_int_equal(m->type, IPCFG_DHCP6_REBIND);
    assert_false(m->has & IPCFG_DHCP6_HAS_SERVERID);
    assert_int_equal(m->ia[0].n_addrs, 1);
    /* any server answers */
    answer_default(&s, IPCFG_DHCP6_REPLY);
    s.server = T6_SID2;
    assert_int_equal(rx6(&s, NULL), 0);
    assert_int_equal(result6().status, IPCFG_OK);
    assert_memory_equal(F.saved.server_duid, T6_SID2, sizeof(T6_SID2));
}

/* Renew until T2 (MRD), Rebind until the valid lifetime ends, then the
 * address is removed and Solicit begins. */
static void renew_to_rebind_to_solicit(void **st)
{
    ipcfg_dhcp6_lease rec;
    (void)st;
    setup6(0, 7);
    mk_lease6(&rec, 0, 40, 60); /* T1 20, T2 32 */
    start6(IPCFG_DHCP6_OP_RENEW, &rec, 1, 120000);
    assert_int_equal(C.state, IPCFG_DHCP6_S_RENEW);
    while (C.state == IPCFG_DHCP6_S_RENEW)
        fire();
    assert_int_equal(C.state, IPCFG_DHCP6_S_REBIND);
    assert_int_equal(NOW.mono_ms, 32000);
    assert_int_equal(last_sent()->type, IPCFG_DHCP6_REBIND);
    while (C.state == IPCFG_DHCP6_S_REBIND)
        fire();
    assert_int_equal(NOW.mono_ms, 60000);
    assert_int_equal(C.state, IPCFG_DHCP6_S_SOLICIT);
    assert_int_equal(F.n_unapply, 1);
    /* no hint: the address is no longer valid (§18.2.4: "MUST NOT include
     * addresses ... that are no longer valid") */
    assert_int_equal(last_sent()->ia[0].n_addrs, 0);
    ipcfg_error e = run_out();
    assert_int_equal(e.status, IPCFG_E_TIMEOUT);
    assert_int_equal(F.saved.state, IPCFG_DHCP6_LEASE_RELEASED); /* the file stops claiming the lease */
}

static void nobinding_solicits_again(void **st)
{
    ipcfg_dhcp6_lease rec;
    tsrv6 s;
    (void)st;
    setup6(0, 8);
    mk_lease6(&rec, 100, 3600, 7200);
    start6(IPCFG_DHCP6_OP_RENEW, &rec, 1, 30000);
    answer_default(&s, IPCFG_DHCP6_REPLY);
    s.has_ia_status = 1;
    s.ia_status = IPCFG_DHCP6_ST_NOBINDING;
    s.n_addrs = 0;
    assert_int_equal(rx6(&s, NULL), 0);
    assert_int_equal(C.state, IPCFG_DHCP6_S_SOLICIT);
    assert_int_equal(F.n_unapply, 1); /* §18: not used while a Solicit seeks its binding */
    const ipcfg_dhcp6_msg *m = last_sent();
    assert_int_equal(m->type, IPCFG_DHCP6_SOLICIT);
    assert_int_equal(m->ia[0].n_addrs, 1); /* the address as a hint */
    assert_memory_equal(m->ia[0].addrs[0].addr, T6_ADDR, 16);
    set_time(100);
    answer_default(&s, IPCFG_DHCP6_ADVERTISE);
    s.has_pref = 1;
    s.pref = 255;
    assert_int_equal(rx6(&s, NULL), 0);
    answer_default(&s, IPCFG_DHCP6_REPLY);
    assert_int_equal(rx6(&s, NULL), 0);
    assert_int_equal(result6().status, IPCFG_OK);
    assert_true(F.applied_old_null);
}

/* Every server answers NoAddrsAvail: Information-request (after its random
 * delay), configuration only. */
static void noaddrs_gives_configuration_only(void **st)
{
    tsrv6 s;
    (void)st;
    setup6(0, 9);
    start6(IPCFG_DHCP6_OP_RENEW, NULL, 0, 30000);
    for (int k = 0; k < 2; k++) {
        answer_default(&s, IPCFG_DHCP6_ADVERTISE);
        s.server = k ? T6_SID2 : T6_SID1;
        s.has_status = 1;
        s.status = IPCFG_DHCP6_ST_NOADDRSAVAIL;
        s.status_text = "no addresses";
        s.no_ia = 1;
        assert_int_equal(rx6(&s, NULL), -1);
    }
    fire();
    assert_int_equal(C.state, IPCFG_DHCP6_S_INFORM);
    int64_t entered = NOW.mono_ms;
    assert_int_equal(F.n_sent, 1); /* §18.2.6: the first is delayed */
    assert_in_range(ipcfg_dhcp6_client_next_wakeup(&C) - entered, 0, 1000);
    fire();
    const ipcfg_dhcp6_msg *m = last_sent();
    assert_int_equal(m->type, IPCFG_DHCP6_INFORMATION_REQUEST);
    assert_client_id(m);
    assert_int_equal(m->n_ia, 0);
    assert_false(m->has & IPCFG_DHCP6_HAS_SERVERID);
    assert_true(has_oro(m, IPCFG_DHCP6_OPT_INFO_REFRESH_TIME) && has_oro(m, IPCFG_DHCP6_OPT_INF_MAX_RT) &&
                has_oro(m, IPCFG_DHCP6_OPT_DNS_SERVERS) && has_oro(m, IPCFG_DHCP6_OPT_DOMAIN_LIST));
    answer_default(&s, IPCFG_DHCP6_REPLY);
    s.no_ia = 1;
    s.n_dns = 2;
    s.domains[0] = "corp.example.com";
    s.n_domains = 1;
    assert_int_equal(rx6(&s, NULL), 0);
    assert_int_equal(result6().status, IPCFG_OK);
    assert_int_equal(ipcfg_dhcp6_client_outcome(&C), IPCFG_DHCP6_OUT_STATELESS);
    assert_non_null(strstr(ipcfg_dhcp6_client_note(&C), "configuration only"));
    assert_int_equal(F.saved.state, IPCFG_DHCP6_LEASE_STATELESS);
    assert_int_equal(F.saved.n_dns, 2);
    assert_string_equal(F.saved.domains[0], "corp.example.com");
    assert_int_equal(F.saved.refresh, 86400); /* §21.23: IRT_DEFAULT without the option */
    assert_int_equal(F.saved.n_addrs, 0);
}

static void refresh_time_bounds(void **st)
{
    static const uint32_t sent_irt[] = {1, 599, 600, 3600, 86400, 86401, 0xffffffffu};
    static const uint32_t kept[] = {600, 600, 600, 3600, 86400, 86400, 86400};
    tsrv6 s;
    (void)st;
    for (unsigned i = 0; i < sizeof(sent_irt) / sizeof(sent_irt[0]); i++) {
        setup6(0, 10 + i);
        start6(IPCFG_DHCP6_OP_INFORM, NULL, 0, 30000);
        fire();
        answer_default(&s, IPCFG_DHCP6_REPLY);
        s.no_ia = 1;
        s.has_refresh = 1;
        s.refresh = sent_irt[i];
        assert_int_equal(rx6(&s, NULL), 0);
        assert_int_equal(F.saved.refresh, kept[i]);
    }
}

static void reply_noaddrs_to_request_informs(void **st)
{
    tsrv6 s;
    (void)st;
    setup6(0, 11);
    start6(IPCFG_DHCP6_OP_RENEW, NULL, 0, 30000);
    answer_default(&s, IPCFG_DHCP6_ADVERTISE);
    s.has_pref = 1;
    s.pref = 255;
    assert_int_equal(rx6(&s, NULL), 0);
    answer_default(&s, IPCFG_DHCP6_REPLY);
    s.has_ia_status = 1;
    s.ia_status = IPCFG_DHCP6_ST_NOADDRSAVAIL;
    s.n_addrs = 0;
    assert_int_equal(rx6(&s, NULL), 0);
    assert_int_equal(C.state, IPCFG_DHCP6_S_INFORM);
    /* nothing answers the Information-request: the NoAddrsAvail is why */
    ipcfg_error e = run_out();
    assert_int_equal(e.status, IPCFG_E_FAILED);
    assert_non_null(strstr(e.text, "NoAddrsAvail"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(obtain_full_exchange),
        cmocka_unit_test(preference_255_ends_the_wait),
        cmocka_unit_test(best_preference_wins),
        cmocka_unit_test(advertise_after_first_rt_acts_at_once),
        cmocka_unit_test(renew_before_t2),
        cmocka_unit_test(rebind_from_t2),
        cmocka_unit_test(renew_to_rebind_to_solicit),
        cmocka_unit_test(nobinding_solicits_again),
        cmocka_unit_test(noaddrs_gives_configuration_only),
        cmocka_unit_test(refresh_time_bounds),
        cmocka_unit_test(reply_noaddrs_to_request_informs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
