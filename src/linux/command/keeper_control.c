/* ipcfg — the lease keeper as the command sees it (see command/keeper_control.h).
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "command/keeper_control.h"
#include "wire/keeper_protocol.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "shared/lock.h"
#include "peers/peer_lease.h"
#include "shared/spawn.h"
#include "clock.h"

#define READY_WAIT_MS 3000 /* a detached keeper says it holds its lock well within this */
#define STOP_POLL_MS 10

/* ---- how keepers run here ---- */

static int set(const char *var)
{
    const char *v = secure_getenv(var);
    return v != NULL && v[0] != '\0';
}

ipcfg_lx_keep_mode ipcfg_lx_keep_mode_get(void)
{
    const char *m = secure_getenv("IPCFG_KEEPER");
    char path[4200];
    struct stat st;

    if (m != NULL && strcmp(m, "off") == 0)
        return IPCFG_LX_KEEP_OFF;
    if (m != NULL && strcmp(m, "detached") == 0)
        return IPCFG_LX_KEEP_DETACHED;
    if (m != NULL && strcmp(m, "systemd") == 0)
        return IPCFG_LX_KEEP_SYSTEMD;
    /* sd_booted(): /run/systemd/system exists when systemd is PID 1; its
     * units run in PID 1's network namespace and see none of the test
     * directories */
    snprintf(path, sizeof(path), "%s/run/systemd/system", ipcfg_lx_peer_root());
    if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode) && ipcfg_lx_same_netns_as_init() && !set("IPCFG_STATE_DIR") &&
        !set("IPCFG_RUN_DIR") && !set("IPCFG_PEER_ROOT"))
        return IPCFG_LX_KEEP_SYSTEMD;
    return IPCFG_LX_KEEP_DETACHED;
}

/* ---- who keeps an interface ---- */

/* "systemd" when process pid runs in the unit's cgroup, else "ipcfg" */
static const char *keeper_kind(pid_t pid)
{
    char path[64], cg[4096];

    snprintf(path, sizeof(path), "/proc/%ld/cgroup", (long)pid);
    int cf = open(path, O_RDONLY | O_CLOEXEC);
    if (cf < 0)
        return "ipcfg";
    ssize_t r = read(cf, cg, sizeof(cg) - 1);
    (void)close(cf);
    cg[r > 0 ? r : 0] = '\0';
    return strstr(cg, "/" IPCFG_LX_UNIT_PREFIX) != NULL ? "systemd" : "ipcfg";
}

int ipcfg_lx_keeper_probe(const char *ifname, const char **by)
{
    struct sockaddr_un un;
    struct ucred cr;
    socklen_t cl = sizeof(cr);

    *by = NULL;
    /* root reads the lock file (no keeper is woken for it); a user who
     * cannot see the lock directory asks the status socket */
    int lf = ipcfg_lx_lock_file_peek(IPCFG_LX_KEEP_PREFIX, ifname);
    if (lf < 0 && errno == ENOENT)
        return 0; /* never a keeper here since the lock directory was made */
    if (lf >= 0) {
        pid_t p = ipcfg_lx_keeper_holder(lf);
        (void)close(lf);
        if (p == 0)
            return 0;
        if (p > 0) {
            *by = keeper_kind(p);
            return 1;
        }
    }
    memset(&un, 0, sizeof(un));
    un.sun_family = AF_UNIX;
    int n = ipcfg_lx_keeper_sockname(ifname, un.sun_path + 1, sizeof(un.sun_path) - 1);
    if (n < 0)
        return 0;
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
        return 0;
    int ok = connect(fd, (struct sockaddr *)&un, (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + (size_t)n)) == 0 &&
             getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &cl) == 0 && cr.uid == 0 && cr.pid > 0;
    (void)close(fd);
    if (!ok)
        return 0;
    *by = keeper_kind(cr.pid); /* under systemd, its cgroup names the unit */
    return 1;
}

/* ---- starting one ---- */

void ipcfg_lx_unit_name(const char *ifname, char *buf, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    size_t at = 0;
    int n = snprintf(buf, len, "%s", IPCFG_LX_UNIT_PREFIX);

    if (n < 0 || (size_t)n >= len)
        return;
    at = (size_t)n;
    /* systemd-escape: [A-Za-z0-9:_.] stay (a leading '.' does not), '/'
     * becomes '-', anything else \xNN */
    for (const unsigned char *p = (const unsigned char *)ifname; *p != '\0' && at + 5 < len; p++) {
        int keep = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == ':' ||
                   *p == '_' || (*p == '.' && p != (const unsigned char *)ifname);
        if (keep) {
            buf[at++] = (char)*p;
        } else if (*p == '/') {
            buf[at++] = '-';
        } else {
            buf[at++] = '\\';
            buf[at++] = 'x';
            buf[at++] = hex[*p >> 4];
            buf[at++] = hex[*p & 15];
        }
    }
    snprintf(buf + at, len - at, ".service");
}

static int start_systemd(const char *ifname, char *note, size_t len)
{
    char path[4200], unit[300], err[256];

    ipcfg_lx_unit_name(ifname, unit, sizeof(unit));
    if (ipcfg_lx_find_program("systemctl", path, sizeof(path)) != 0) {
        snprintf(note, len, "systemctl was not found; a detached ipcfg keeper keeps the lease of %s instead.", ifname);
        return -1;
    }
    char *argv[] = {"systemctl", "start", unit, NULL};
    int st = ipcfg_lx_run_program(path, argv, NULL, err, sizeof(err));
    if (st == 0)
        return 0;
    snprintf(note, len, "systemctl start %s failed (%s%s); a detached ipcfg keeper keeps the lease instead.", unit,
             err[0] ? err : "exit status ", err[0] ? "" : (st > 0 ? "non-zero" : "not run"));
    return -1;
}

/* The environment a detached keeper gets: the IPCFG_ settings of this run
 * (tests, containers) and nothing else. */
static void keeper_env(char **envp, size_t cap, char *ready)
{
    static const char *const keep[] = {"IPCFG_STATE_DIR", "IPCFG_RUN_DIR", "IPCFG_PEER_ROOT", "IPCFG_DHCP_PROBE_MS",
                                       "IPCFG_KEEPER", "IPCFG_RESOLV_CONF", "IPCFG_KEEPER_LOG",
#ifdef IPCFG_TEST_HOOKS
                                       "IPCFG_TEST_KEEPER_ASLEEP" /* keeper.c: the simulated sleep */
#endif
    };
    static char path[] = "PATH=/usr/sbin:/usr/bin:/sbin:/bin";
    size_t k = 0;

    envp[k++] = path;
    envp[k++] = ready;
    for (size_t i = 0; i < sizeof(keep) / sizeof(keep[0]) && k + 1 < cap; i++) {
        const char *v = secure_getenv(keep[i]);
        if (v == NULL)
            continue;
        for (char **e = environ; *e != NULL; e++)
            if (strncmp(*e, keep[i], strlen(keep[i])) == 0 && (*e)[strlen(keep[i])] == '=') {
                envp[k++] = *e;
                break;
            }
    }
    envp[k] = NULL;
}

static int start_detached(const char *ifname, char *note, size_t len)
{
    int p[2];
    char ready[] = IPCFG_LX_KEEPER_READY_ENV "=" IPCFG_LX_KEEPER_READY_FD_STR;
    char *envp[12];

    if (pipe2(p, O_CLOEXEC) != 0) {
        snprintf(note, len, "The lease keeper of %s could not be started (%s).", ifname, strerror(errno));
        return -1;
    }
    keeper_env(envp, sizeof(envp) / sizeof(envp[0]), ready);
    pid_t pid = fork();
    if (pid == 0) {
        /* a session of its own, then a grandchild that init adopts */
        if (setsid() < 0)
            _exit(1);
        pid_t g = fork();
        if (g != 0)
            _exit(g < 0);
        int null = open("/dev/null", O_RDWR | O_CLOEXEC);
        if (null < 0 || dup2(null, 0) < 0 || dup2(null, 1) < 0 || dup2(null, 2) < 0 || dup2(p[1], IPCFG_LX_KEEPER_READY_FD) < 0)
            _exit(127);
        (void)close_range(IPCFG_LX_KEEPER_READY_FD + 1, ~0u, 0);
        sigset_t none;
        sigemptyset(&none);
        (void)sigprocmask(SIG_SETMASK, &none, NULL);
        (void)signal(SIGPIPE, SIG_DFL);
        (void)signal(SIGHUP, SIG_DFL);
        umask(022);
        if (chdir("/") != 0)
            _exit(127);
        char *argv[] = {"ipcfg", "--keeper", (char *)ifname, NULL};
        execve("/proc/self/exe", argv, envp);
        _exit(127);
    }
    (void)close(p[1]);
    if (pid < 0) {
        (void)close(p[0]);
        snprintf(note, len, "The lease keeper of %s could not be started (%s).", ifname, strerror(errno));
        return -1;
    }
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
        ;
    /* Ready when it holds its lock (one byte), or gone (end of file): a
     * keeper that found another one holding the lock leaves at once. */
    struct pollfd pf = {p[0], POLLIN, 0};
    char c;
    int64_t end = ipcfg_lx_clock_ms(CLOCK_MONOTONIC) + READY_WAIT_MS;
    while (poll(&pf, 1, (int)(end - ipcfg_lx_clock_ms(CLOCK_MONOTONIC) > 0 ? end - ipcfg_lx_clock_ms(CLOCK_MONOTONIC) : 0)) < 0 && errno == EINTR)
        ;
    ssize_t r = pf.revents ? read(p[0], &c, 1) : -1;
    (void)close(p[0]);
    if (r != 1 && ipcfg_lx_keeper_pid(ifname) <= 0) {
        snprintf(note, len, "The lease keeper of %s did not start; the lease is not renewed by itself.", ifname);
        return -1;
    }
    return 0;
}

int ipcfg_lx_keeper_usable(const char *ifname, ipcfg_error *err)
{
    char why[400];
    int fd;

    if (ipcfg_lx_keep_mode_get() == IPCFG_LX_KEEP_OFF)
        return 0;
    fd = ipcfg_lx_keeper_lockfile(ifname, why, sizeof(why));
    if (fd >= 0) {
        (void)close(fd);
        return 0;
    }
    int e = errno;
    ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM,
                    "No lease keeper could keep the lease of %s, so nothing was changed. %s", ifname, why);
    ipcfg_error_sys(err, e);
    return IPCFG_E_FAILED;
}

void ipcfg_lx_keeper_ensure(const char *ifname, char *note, size_t len)
{
    char why[400];

    note[0] = '\0';
    ipcfg_lx_keep_mode m = ipcfg_lx_keep_mode_get();
    int fd = ipcfg_lx_keeper_lockfile(ifname, why, sizeof(why));
    if (fd < 0) {
        /* checked before the exchange (ipcfg_lx_keeper_usable); changed
         * since: never left unsaid */
        if (m != IPCFG_LX_KEEP_OFF)
            snprintf(note, len, "No lease keeper can keep the lease of %s; it is not renewed by itself. %s", ifname,
                     why);
        return;
    }
    pid_t pid = ipcfg_lx_keeper_holder(fd);
    (void)close(fd);
    if (pid > 0)
        (void)kill(pid, IPCFG_LX_KEEPER_SIG_RELOAD); /* it reads the lease file again: the new T1, a new server */
    if (pid != 0 || m == IPCFG_LX_KEEP_OFF)
        return; /* running (or in another pid namespace), or none wanted */
    if (m == IPCFG_LX_KEEP_SYSTEMD && start_systemd(ifname, note, len) == 0)
        return;
    char more[IPCFG_ERRTEXT_MAX];
    more[0] = '\0';
    if (start_detached(ifname, more, sizeof(more)) != 0 && note[0] == '\0')
        snprintf(note, len, "%s", more);
}

/* ---- stopping one ---- */

static int wait_gone(pid_t pid, int64_t deadline)
{
    int64_t left = deadline - ipcfg_lx_clock_ms(CLOCK_MONOTONIC);

    return ipcfg_lx_pid_wait(pid, left > 0 ? (int)left : 0) == 1 ? 0 : -1;
}

int ipcfg_lx_keeper_stop(const char *ifname, int64_t deadline_ms, int *fd, ipcfg_error *err)
{
    char why[400];
    struct flock fl;
    pid_t signalled = 0;

    *fd = ipcfg_lx_keeper_lockfile(ifname, why, sizeof(why));
    if (*fd < 0) {
        int e = errno;
        ipcfg_error_set(err, IPCFG_E_FAILED, IPCFG_R_SYSTEM, "Cannot stop the lease keeper of %s. %s", ifname, why);
        ipcfg_error_sys(err, e);
        return IPCFG_E_FAILED;
    }
    for (;;) {
        memset(&fl, 0, sizeof(fl));
        fl.l_type = F_WRLCK;
        fl.l_whence = SEEK_SET;
        if (fcntl(*fd, F_SETLK, &fl) == 0)
            return 0; /* none runs now, and none starts until unhold */
        if (errno != EAGAIN && errno != EACCES && errno != EINTR)
            break;
        pid_t pid = ipcfg_lx_keeper_holder(*fd); /* -1: another command holds it; it lets go soon */
        if (pid > 0 && pid != signalled) {
            (void)kill(pid, IPCFG_LX_KEEPER_SIG_STOP);
            signalled = pid;
        }
        if (ipcfg_lx_clock_ms(CLOCK_MONOTONIC) >= deadline_ms)
            break;
        if (pid <= 0 || wait_gone(pid, deadline_ms) != 0) {
            struct timespec ts = {0, STOP_POLL_MS * 1000000L};
            (void)nanosleep(&ts, NULL);
        }
    }
    (void)close(*fd);
    *fd = -1;
    if (signalled > 0) {
        /* a keeper that does not run (stopped, SIGSTOP or a debugger) or
         * hangs: the SIGTERM stays pending and ends it when it runs
         * again, taking the lease's DNS servers back (keeper/keeper.c) */
        ipcfg_error_set(err, IPCFG_E_TIMEOUT, IPCFG_R_SYSTEM,
                        "The lease keeper of %s (process %ld) did not stop before the timeout (it is stopped or "
                        "hung): the lease was not released and may still be kept; the keeper was told to stop and "
                        "takes the lease's DNS servers back when it runs again.",
                        ifname, (long)signalled);
    } else {
        ipcfg_error_set(err, IPCFG_E_TIMEOUT, IPCFG_R_SYSTEM,
                        "Another ipcfg run kept %s busy until the timeout; nothing was changed.", ifname);
    }
    return IPCFG_E_TIMEOUT;
}

void ipcfg_lx_keeper_unhold(int *fd)
{
    if (*fd >= 0)
        (void)close(*fd);
    *fd = -1;
}
