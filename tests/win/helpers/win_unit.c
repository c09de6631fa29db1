/* Unit tests of the Windows backend's helpers, run under Wine: the Win32
 * error code -> exit code mapping, the FormatMessage text and its
 * "error N (0xXXXXXXXX)" fallback, and UTF-16/UTF-8 conversion.
 *
 *   win_unit                 runs the checks (exit 0 = all passed)
 *   win_unit fmt CODE        prints FormatMessageW's raw text for CODE,
 *                            CR/LF and trailing blanks trimmed (what the
 *                            shell tests compare ipcfg's stderr with)
 *
 * SPDX-License-Identifier: MIT */
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "utf.h"

static int failures;

#define CHECK(cond, ...)                                                                                           \
    do {                                                                                                           \
        if (!(cond)) {                                                                                             \
            failures++;                                                                                            \
            printf("FAIL %s:%d: ", __FILE__, __LINE__);                                                            \
            printf(__VA_ARGS__);                                                                                   \
            printf("\n");                                                                                          \
        }                                                                                                          \
    } while (0)

/* FormatMessageW done independently of error.c; "" when there is none. */
static void raw_text(unsigned long code, char *out, size_t len)
{
    wchar_t buf[1024];
    out[0] = '\0';
    DWORD n = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, (DWORD)code, 0, buf,
                             1024, NULL);
    if (n == 0 || n >= 1024)
        return;
    buf[n] = 0;
    for (DWORD i = 0; i < n; i++)
        if (buf[i] == L'\r' || buf[i] == L'\n')
            buf[i] = L' ';
    while (n > 0 && buf[n - 1] == L' ')
        buf[--n] = 0;
    WideCharToMultiByte(CP_UTF8, 0, buf, -1, out, (int)len, NULL, NULL);
}

static void check_map(ipcfg_win_op op, unsigned long code, int status, ipcfg_reason reason)
{
    ipcfg_error e;
    memset(&e, 0, sizeof(e));
    int rc = ipcfg_win_fail(&e, op, code);
    CHECK(rc == status && (int)e.status == status, "op %d code %lu: exit %d, expected %d", (int)op, code, rc, status);
    CHECK(e.reason == reason, "op %d code %lu: reason %d, expected %d", (int)op, code, (int)e.reason, (int)reason);
    CHECK(e.has_sys_code && e.sys_code == (long)code, "op %d code %lu: sys_code %ld", (int)op, code, e.sys_code);
    CHECK(e.text[0] != '\0', "op %d code %lu: empty text", (int)op, code);
    CHECK(strchr(e.text, '\n') == NULL && strchr(e.text, '\r') == NULL, "op %d code %lu: text has CR/LF", (int)op,
          code);
    if (reason == IPCFG_R_ELEVATION)
        CHECK(strcmp(e.text, "The requested operation requires elevation.") == 0, "elevation text: %s", e.text);
}

static void check_text(unsigned long code)
{
    char raw[1024], got[IPCFG_ERRTEXT_MAX], want[64];
    raw_text(code, raw, sizeof(raw));
    ipcfg_win_errtext(code, got, sizeof(got));
    if (raw[0]) {
        CHECK(strcmp(got, raw) == 0 || strstr(raw, "  ") != NULL, "code %lu: text [%s], FormatMessage [%s]", code,
              got, raw);
    } else {
        snprintf(want, sizeof(want), "error %lu (0x%08lX)", code, code);
        CHECK(strcmp(got, want) == 0, "code %lu: fallback [%s], expected [%s]", code, got, want);
    }
    size_t n = strlen(got);
    CHECK(n > 0 && got[n - 1] != ' ' && got[n - 1] != '\n' && got[n - 1] != '\r', "code %lu: untrimmed [%s]", code,
          got);
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "fmt") == 0) {
        char raw[1024];
        raw_text(strtoul(argv[2], NULL, 0), raw, sizeof(raw));
        printf("%s\n", raw);
        return raw[0] ? 0 : 1;
    }

    /* the mapping table of docs/windows.md */
    check_map(IPCFG_WOP_RELEASE, ERROR_ACCESS_DENIED, IPCFG_E_ACCESS, IPCFG_R_ELEVATION);
    check_map(IPCFG_WOP_RENEW, ERROR_ACCESS_DENIED, IPCFG_E_ACCESS, IPCFG_R_ELEVATION);
    check_map(IPCFG_WOP_ADD, ERROR_ACCESS_DENIED, IPCFG_E_ACCESS, IPCFG_R_ELEVATION);
    check_map(IPCFG_WOP_DELETE, ERROR_ACCESS_DENIED, IPCFG_E_ACCESS, IPCFG_R_ELEVATION);
    check_map(IPCFG_WOP_RELEASE, 740 /* ERROR_ELEVATION_REQUIRED */, IPCFG_E_ACCESS, IPCFG_R_ELEVATION);
    check_map(IPCFG_WOP_RENEW, 740, IPCFG_E_ACCESS, IPCFG_R_ELEVATION);
    check_map(IPCFG_WOP_RELEASE, 1722 /* RPC_S_SERVER_UNAVAILABLE */, IPCFG_E_FAILED, IPCFG_R_SYSTEM);
    check_map(IPCFG_WOP_RENEW, 1722, IPCFG_E_FAILED, IPCFG_R_SYSTEM);
    check_map(IPCFG_WOP_QUERY, 1722, IPCFG_E_FAILED, IPCFG_R_SYSTEM);
    check_map(IPCFG_WOP_ADD, ERROR_INVALID_HANDLE, IPCFG_E_ACCESS, IPCFG_R_ELEVATION);
    check_map(IPCFG_WOP_RELEASE, ERROR_INVALID_HANDLE, IPCFG_E_FAILED, IPCFG_R_SYSTEM);
    check_map(IPCFG_WOP_RELEASE, ERROR_NOT_SUPPORTED, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP);
    check_map(IPCFG_WOP_RENEW, ERROR_NOT_SUPPORTED, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP);
    check_map(IPCFG_WOP_ADD, ERROR_NOT_SUPPORTED, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP);
    check_map(IPCFG_WOP_DELETE, ERROR_NOT_SUPPORTED, IPCFG_E_NOTSUP, IPCFG_R_NOTSUP);
    check_map(IPCFG_WOP_RENEW, ERROR_SEM_TIMEOUT, IPCFG_E_TIMEOUT, IPCFG_R_DHCP_TIMEOUT);
    check_map(IPCFG_WOP_RELEASE, ERROR_SEM_TIMEOUT, IPCFG_E_FAILED, IPCFG_R_SYSTEM);
    check_map(IPCFG_WOP_RENEW, ERROR_DHCP_ADDRESS_CONFLICT, IPCFG_E_CONFLICT, IPCFG_R_SYSTEM);
    check_map(IPCFG_WOP_ADD, ERROR_DUP_DOMAINNAME, IPCFG_E_CONFLICT, IPCFG_R_EXISTS);
    check_map(IPCFG_WOP_ADD, 5010 /* ERROR_OBJECT_ALREADY_EXISTS */, IPCFG_E_CONFLICT, IPCFG_R_EXISTS);
    check_map(IPCFG_WOP_ADD, ERROR_DEV_NOT_EXIST, IPCFG_E_STATE, IPCFG_R_NOT_FOUND);
    check_map(IPCFG_WOP_ADD, ERROR_GEN_FAILURE, IPCFG_E_FAILED, IPCFG_R_SYSTEM);
    check_map(IPCFG_WOP_RELEASE, ERROR_INVALID_PARAMETER, IPCFG_E_FAILED, IPCFG_R_SYSTEM);
    check_map(IPCFG_WOP_RENEW, ERROR_PROC_NOT_FOUND, IPCFG_E_FAILED, IPCFG_R_SYSTEM);
    check_map(IPCFG_WOP_QUERY, ERROR_NO_DATA, IPCFG_E_STATE, IPCFG_R_NO_ADAPTER_PERMISSIBLE);
    check_map(IPCFG_WOP_RELEASE, ERROR_NO_DATA, IPCFG_E_STATE, IPCFG_R_NO_ADAPTER_PERMISSIBLE);
    check_map(IPCFG_WOP_QUERY, ERROR_NOT_ENOUGH_MEMORY, IPCFG_E_FAILED, IPCFG_R_SYSTEM);
    check_map(IPCFG_WOP_DELETE, ERROR_INVALID_PARAMETER, IPCFG_E_FAILED, IPCFG_R_SYSTEM);

    /* FormatMessage text, trimmed; and the fallback for codes without text */
    check_text(ERROR_NOT_SUPPORTED);
    check_text(ERROR_ACCESS_DENIED);
    check_text(ERROR_INVALID_PARAMETER);
    check_text(ERROR_SEM_TIMEOUT);
    check_text(ERROR_DHCP_ADDRESS_CONFLICT);
    check_text(0x20001234ul); /* customer bit set: never a system message */
    {
        char got[IPCFG_ERRTEXT_MAX];
        ipcfg_win_errtext(0x20001234ul, got, sizeof(got));
        CHECK(strcmp(got, "error 536875572 (0x20001234)") == 0, "fallback text [%s]", got);
    }

    /* UTF-16 <-> UTF-8, truncation at a code-point boundary */
    {
        char s[8];
        CHECK(ipcfg_win_to_utf8(L"Ethernet \x00e9", s, sizeof(s)) == 0 && strcmp(s, "Etherne") == 0, "cut [%s]", s);
        char t[16];
        CHECK(ipcfg_win_to_utf8(L"\x00c9th\x00e9rn\x00eat", t, sizeof(t)) == 0 &&
                  strcmp(t, "\xc3\x89th\xc3\xa9rn\xc3\xaat") == 0,
              "utf8 [%s]", t);
        char u[3];
        CHECK(ipcfg_win_to_utf8(L"a\x00e9", u, sizeof(u)) == 0 && strcmp(u, "a") == 0, "split sequence [%s]", u);
        size_t wl = 0;
        wchar_t *w = ipcfg_win_to_utf16_dup("\xc3\x89t\xe2\x82\xac", 6, &wl);
        CHECK(w && wl == 3 && w[0] == 0x00c9 && w[1] == L't' && w[2] == 0x20ac && w[3] == 0, "utf16 conversion");
        free(w);
        char *d = ipcfg_win_to_utf8_dup(L"\xd83d\xde00"); /* U+1F600 as a surrogate pair */
        CHECK(d && strcmp(d, "\xf0\x9f\x98\x80") == 0, "surrogate pair");
        free(d);
    }

    if (failures) {
        printf("%d check(s) failed\n", failures);
        return 1;
    }
    printf("all checks passed\n");
    return 0;
}
