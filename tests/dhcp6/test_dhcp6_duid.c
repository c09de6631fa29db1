/* DHCPv6 identity: DUID-LLT and DUID-UUID octets (RFC 8415 §11.2, §11.5),
 * the application-specific UUID from a machine-id (and the SHA-256 and
 * HMAC under it, against FIPS 180 and RFC 4231 vectors), the DUID file,
 * Windows' text forms, the IAID.
 * SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "dhcp6_duid.h"
#include "dhcp6_sha256.h"

static void hex(const uint8_t *p, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", p[i]);
}

/* The DUID of ipconfig's example line, made from its parts. */
static void duid_llt_windows_example(void **st)
{
    static const uint8_t mac[6] = {0x1c, 0xd3, 0x05, 0xf1, 0x58, 0xe1};
    uint8_t d[130];
    char text[IPCFG_DHCP6_DUID_TEXT_MAX];
    (void)st;
    /* 0x2a15c311 seconds after 2000-01-01T00:00:00Z */
    size_t n = ipcfg_dhcp6_duid_llt(1, mac, sizeof(mac), 946684800LL + 0x2a15c311, d, sizeof(d));
    assert_int_equal(n, 14);
    assert_int_equal(ipcfg_dhcp6_duid_windows(d, n, text, sizeof(text)), 41);
    assert_string_equal(text, "00-01-00-01-2A-15-C3-11-1C-D3-05-F1-58-E1");
    assert_true(ipcfg_dhcp6_duid_valid(d, n));
    /* "modulo 2^32" */
    n = ipcfg_dhcp6_duid_llt(1, mac, sizeof(mac), 946684800LL + 0x100000005LL, d, sizeof(d));
    assert_int_equal(d[4] << 24 | d[5] << 16 | d[6] << 8 | d[7], 5);
    /* limits */
    assert_int_equal(ipcfg_dhcp6_duid_llt(1, mac, 0, 0, d, sizeof(d)), 0);
    assert_int_equal(ipcfg_dhcp6_duid_llt(1, d, 123, 0, d, sizeof(d)), 0);
    assert_int_equal(ipcfg_dhcp6_duid_llt(1, mac, 6, 0, d, 13), 0);
    assert_int_equal(ipcfg_dhcp6_duid_windows(d, 14, text, 41), 0);
    assert_string_equal(text, "");
}

static void duid_uuid_and_validity(void **st)
{
    uint8_t uuid[16], d[18];
    (void)st;
    for (int i = 0; i < 16; i++)
        uuid[i] = (uint8_t)(0xa0 + i);
    assert_int_equal(ipcfg_dhcp6_duid_uuid(uuid, d, sizeof(d)), 18);
    assert_int_equal(d[0], 0);
    assert_int_equal(d[1], 4);
    assert_memory_equal(d + 2, uuid, 16);
    assert_int_equal(ipcfg_dhcp6_duid_uuid(uuid, d, 17), 0);
    assert_true(ipcfg_dhcp6_duid_valid(d, 18));
    assert_false(ipcfg_dhcp6_duid_valid(d, 17));
    static const uint8_t llt8[] = {0, 1, 0, 1, 0, 0, 0, 1}, en7[] = {0, 2, 0, 0, 0, 9, 1}, ll4[] = {0, 3, 0, 1};
    static const uint8_t other[] = {0, 77, 1};
    assert_false(ipcfg_dhcp6_duid_valid(llt8, sizeof(llt8)));
    assert_true(ipcfg_dhcp6_duid_valid(en7, sizeof(en7)));
    assert_false(ipcfg_dhcp6_duid_valid(en7, 6));
    assert_false(ipcfg_dhcp6_duid_valid(ll4, sizeof(ll4)));
    assert_true(ipcfg_dhcp6_duid_valid(other, sizeof(other))); /* §11: not restricted to the known types */
    assert_false(ipcfg_dhcp6_duid_valid(other, 2));
    assert_false(ipcfg_dhcp6_duid_valid(NULL, 3));
}

static void sha256_vectors(void **st)
{
    uint8_t out[32];
    char h[65];
    (void)st;
    ipcfg_dhcp6_sha256((const uint8_t *)"", 0, out);
    hex(out, 32, h);
    assert_string_equal(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    ipcfg_dhcp6_sha256((const uint8_t *)"abc", 3, out);
    hex(out, 32, h);
    assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    static const char two[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    ipcfg_dhcp6_sha256((const uint8_t *)two, strlen(two), out);
    hex(out, 32, h);
    assert_string_equal(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    static uint8_t million[1000000];
    memset(million, 'a', sizeof(million));
    ipcfg_dhcp6_sha256(million, sizeof(million), out);
    hex(out, 32, h);
    assert_string_equal(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void hmac_vectors(void **st)
{
    uint8_t key[131], out[32];
    char h[65];
    (void)st;
    /* RFC 4231 test cases 1, 2 and 6 */
    memset(key, 0x0b, 20);
    ipcfg_dhcp6_hmac_sha256(key, 20, (const uint8_t *)"Hi There", 8, out);
    hex(out, 32, h);
    assert_string_equal(h, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    static const char q[] = "what do ya want for nothing?";
    ipcfg_dhcp6_hmac_sha256((const uint8_t *)"Jefe", 4, (const uint8_t *)q, strlen(q), out);
    hex(out, 32, h);
    assert_string_equal(h, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    memset(key, 0xaa, sizeof(key));
    static const char big[] = "Test Using Larger Than Block-Size Key - Hash Key First";
    ipcfg_dhcp6_hmac_sha256(key, sizeof(key), (const uint8_t *)big, strlen(big), out);
    hex(out, 32, h);
    assert_string_equal(h, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

static void uuid_from_machine_id(void **st)
{
    static const char id[] = "4f0c8a1e2b3d4c5e8f9a0b1c2d3e4f50";
    uint8_t u1[16], u2[16], raw[16];
    (void)st;
    assert_int_equal(ipcfg_dhcp6_uuid_from_machine_id(id, 32, u1), 0);
    assert_int_equal(ipcfg_dhcp6_uuid_from_machine_id("4f0c8a1e2b3d4c5e8f9a0b1c2d3e4f50\n", 33, u2), 0);
    assert_memory_equal(u1, u2, 16); /* the same, with the file's newline */
    assert_int_equal(u1[6] >> 4, 4);      /* version 4 */
    assert_int_equal(u1[8] & 0xc0, 0x80); /* the RFC 9562 variant */
    for (int i = 0; i < 16; i++)
        raw[i] = (uint8_t)((id[2 * i] <= '9' ? id[2 * i] - '0' : id[2 * i] - 'a' + 10) << 4 |
                           (id[2 * i + 1] <= '9' ? id[2 * i + 1] - '0' : id[2 * i + 1] - 'a' + 10));
    assert_memory_not_equal(u1, raw, 16); /* machine-id(5): never the ID itself */
    assert_int_equal(ipcfg_dhcp6_uuid_from_machine_id("4f0c8a1e2b3d4c5e8f9a0b1c2d3e4f51", 32, u2), 0);
    assert_memory_not_equal(u1, u2, 16);
    assert_int_equal(ipcfg_dhcp6_uuid_from_machine_id(id, 31, u2), -1);
    assert_int_equal(ipcfg_dhcp6_uuid_from_machine_id("4F0C8A1E2B3D4C5E8F9A0B1C2D3E4F50", 32, u2), -1);
    assert_int_equal(ipcfg_dhcp6_uuid_from_machine_id("4f0c8a1e2b3d4c5e8f9a0b1c2d3e4f5g", 32, u2), -1);
    assert_int_equal(ipcfg_dhcp6_uuid_from_machine_id("4f0c8a1e2b3d4c5e8f9a0b1c2d3e4f50\n\n", 34, u2), -1);
}

static void duid_file(void **st)
{
    static const uint8_t d[14] = {0, 1, 0, 1, 0x2a, 0x15, 0xc3, 0x11, 0x1c, 0xd3, 0x05, 0xf1, 0x58, 0xe1};
    char buf[512], why[128];
    uint8_t back[130], len = 0;
    (void)st;
    size_t n = ipcfg_dhcp6_duid_format(d, sizeof(d), buf, sizeof(buf));
    assert_string_equal(buf, "ipcfg-duid 1\nduid 000100012a15c3111cd305f158e1\nend\n");
    assert_int_equal(n, strlen(buf));
    assert_int_equal(ipcfg_dhcp6_duid_parse(buf, n, back, &len, why, sizeof(why)), 0);
    assert_int_equal(len, sizeof(d));
    assert_memory_equal(back, d, sizeof(d));
    for (size_t k = 0; k < n; k++)
        assert_int_equal(ipcfg_dhcp6_duid_parse(buf, k, back, &len, NULL, 0), -1);
    assert_int_equal(ipcfg_dhcp6_duid_format(d, 8, buf, sizeof(buf)), 0); /* not a valid DUID */
    assert_int_equal(ipcfg_dhcp6_duid_format(d, sizeof(d), buf, 20), 0);
    static const struct {
        const char *text, *why;
    } bad[] = {
        {"ipcfg-duid 1\nend\n", "no duid line"},
        {"ipcfg-duid 2\nduid 000100012a15c3111cd305f158e1\nend\n", "line 1: unsupported file version"},
        {"ipcfg-duid 1\nduid 000100012A15C3111CD305F158E1\nend\n", "line 2: not a DUID"},
        {"ipcfg-duid 1\nduid 0001000100\nend\n", "line 2: not a DUID"},
        {"ipcfg-duid 1\nduid 0001\nend\n", "line 2: not a DUID"},
        {"ipcfg-duid 1\nduid 00-01-00-01\nend\n", "line 2: not a DUID"},
        {"ipcfg-duid 1\nduid 000300010200\nduid 000300010200\nend\n", "line 3: key repeated"},
        {"ipcfg-duid 1\niaid 1\nend\n", "line 2: unknown key"},
        {"ipcfg-duid 1\nduid 000300010200\nend\nend\n", "line 3: data after end"},
        {"ipcfg-duid 1\nduid 000300010200\r\nend\n", "line 2: control byte"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        why[0] = '\0';
        len = 0;
        assert_int_equal(ipcfg_dhcp6_duid_parse(bad[i].text, strlen(bad[i].text), back, &len, why, sizeof(why)), -1);
        assert_string_equal(why, bad[i].why);
        assert_int_equal(len, 0); /* untouched */
    }
    /* the longest DUID */
    uint8_t longest[130];
    memset(longest, 0x42, sizeof(longest));
    n = ipcfg_dhcp6_duid_format(longest, sizeof(longest), buf, sizeof(buf));
    assert_true(n > 0);
    assert_int_equal(ipcfg_dhcp6_duid_parse(buf, n, back, &len, NULL, 0), 0);
    assert_int_equal(len, 130);
}

static void iaid(void **st)
{
    static const uint8_t mac[6] = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};
    char t[16];
    (void)st;
    /* FNV-1a 32 bits: the published values for "", "a", "foobar" */
    assert_int_equal(ipcfg_dhcp6_iaid_from_name(""), 0x811c9dc5u);
    assert_int_equal(ipcfg_dhcp6_iaid_from_name("a"), 0xe40c292cu);
    assert_int_equal(ipcfg_dhcp6_iaid_from_name("foobar"), 0xbf9cf968u);
    assert_int_equal(ipcfg_dhcp6_iaid_from_hwaddr((const uint8_t *)"foobar", 6), 0xbf9cf968u);
    /* stable, and different per address and per name */
    assert_int_equal(ipcfg_dhcp6_iaid_from_hwaddr(mac, 6), ipcfg_dhcp6_iaid_from_hwaddr(mac, 6));
    assert_int_not_equal(ipcfg_dhcp6_iaid_from_name("eth0"), ipcfg_dhcp6_iaid_from_name("eth1"));
    /* ipconfig's "DHCPv6 IAID": decimal */
    assert_int_equal(ipcfg_dhcp6_iaid_text(351866565u, t, sizeof(t)), 9);
    assert_string_equal(t, "351866565");
    assert_int_equal(ipcfg_dhcp6_iaid_text(4294967295u, t, sizeof(t)), 10);
    assert_string_equal(t, "4294967295");
    assert_int_equal(ipcfg_dhcp6_iaid_text(4294967295u, t, 10), 0);
    assert_string_equal(t, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(duid_llt_windows_example),
        cmocka_unit_test(duid_uuid_and_validity),
        cmocka_unit_test(sha256_vectors),
        cmocka_unit_test(hmac_vectors),
        cmocka_unit_test(uuid_from_machine_id),
        cmocka_unit_test(duid_file),
        cmocka_unit_test(iaid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
