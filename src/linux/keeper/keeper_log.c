/* ipcfg — the lease keeper's log and its messages to systemd (see
 * keeper/keeper_log.h).
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "keeper/keeper_log.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "ipcfg/model.h"
#include "clock.h"

enum { TO_SYSLOG = 0, TO_JOURNAL, TO_FILE };

static int g_to = TO_SYSLOG;
static int g_fd = -1;
static char g_if[64];

void ipcfg_lx_klog_open(const char *ifname)
{
    const char *f = secure_getenv("IPCFG_KEEPER_LOG");

    ipcfg_copy_str(g_if, sizeof(g_if), ifname);
    if (f != NULL && f[0] != '\0' && (g_fd = open(f, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600)) >= 0)
        g_to = TO_FILE;
    else if (getenv("JOURNAL_STREAM") != NULL || getenv("INVOCATION_ID") != NULL)
        g_to = TO_JOURNAL;
    else
        openlog("ipcfg-keeper", LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

void ipcfg_lx_klog(int prio, const char *fmt, ...)
{
    char text[700], line[900];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    for (char *p = text; *p != '\0'; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = '?';
    if (g_to == TO_SYSLOG) {
        syslog(prio, "%s: %s", g_if, text);
        return;
    }
    int n;
    if (g_to == TO_JOURNAL) {
        n = snprintf(line, sizeof(line), "<%d>%s: %s\n", prio, g_if, text);
    } else {
        int64_t ms = ipcfg_lx_clock_ms(CLOCK_REALTIME);
        time_t s = (time_t)(ms / 1000);
        struct tm tm;
        gmtime_r(&s, &tm);
        n = snprintf(line, sizeof(line), "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ ipcfg-keeper[%ld] %s: %s\n",
                     tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                     (long)(ms % 1000), (long)getpid(), g_if, text);
    }
    if (n > 0)
        (void)!write(g_to == TO_FILE ? g_fd : 2, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
}

void ipcfg_lx_knotify(const char *text)
{
    const char *s = getenv("NOTIFY_SOCKET");
    struct sockaddr_un sa;
    size_t n;

    if (s == NULL || (s[0] != '/' && s[0] != '@') || (n = strlen(s)) >= sizeof(sa.sun_path))
        return;
    memset(&sa, 0, sizeof(sa));
    sa.sun_family = AF_UNIX;
    memcpy(sa.sun_path, s, n);
    if (s[0] == '@')
        sa.sun_path[0] = '\0'; /* an abstract name */
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return;
    (void)sendto(fd, text, strlen(text), MSG_NOSIGNAL, (struct sockaddr *)&sa,
                 (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n));
    (void)close(fd);
}
