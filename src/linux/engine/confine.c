/* ipcfg — the engine's confinement, done by the engine process itself
 * right after it was forked (the child side of the privilege separation;
 * its start and its reaping are the privileged side's,
 * exchange/engine_spawn.c).  See engine/confine.h; docs/linux.md,
 * "Process layout".
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1
#include "engine/confine.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/audit.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

/* ---- the seccomp filter ------------------------------------------------------ */

#if defined(__x86_64__)
#define ENGINE_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define ENGINE_AUDIT_ARCH AUDIT_ARCH_AARCH64
#elif defined(__riscv) && __riscv_xlen == 64
#define ENGINE_AUDIT_ARCH AUDIT_ARCH_RISCV64
#endif

/* Not i386: its mmap is the old one (a pointer to the arguments, which the
 * filter cannot read) and its socket calls may go through socketcall(2).
 * Where no filter is built the engine is confined all the same but for it
 * (docs/linux.md, "Process layout"). */

#define ALLOW(nr) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 1), BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)

#ifdef ENGINE_AUDIT_ARCH
/* What the engine does between its confinement and its exit: receive and
 * send on the sockets it was handed, poll, read the clocks, draw random
 * numbers, allocate memory (never executable), close, exit.  Anything else
 * (open, socket, connect, execve, ptrace, kill, ...) kills the process. */
static const struct sock_filter engine_filter[] = {
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ENGINE_AUDIT_ARCH, 1, 0),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
#if defined(__x86_64__)
    /* the x32 system call numbers are another table: none of them */
    BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000u, 0, 1),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
#endif
    /* mmap and mprotect only without PROT_EXEC (the third argument) */
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_mmap, 2, 0),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_mprotect, 1, 0),
    BPF_JUMP(BPF_JMP | BPF_JA, 4, 0, 0),
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[2])),
    BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, PROT_EXEC, 0, 1),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    ALLOW(SYS_recvmsg),
    ALLOW(SYS_recvfrom),
    ALLOW(SYS_sendmsg),
    ALLOW(SYS_sendto),
#ifdef SYS_poll
    ALLOW(SYS_poll),
#endif
    ALLOW(SYS_ppoll),
    ALLOW(SYS_clock_gettime),
#ifdef SYS_clock_gettime64
    ALLOW(SYS_clock_gettime64),
#endif
    ALLOW(SYS_gettimeofday),
#ifdef SYS_time
    ALLOW(SYS_time),
#endif
    ALLOW(SYS_getrandom),
    ALLOW(SYS_getpid),
    ALLOW(SYS_getppid),
    ALLOW(SYS_close),
    ALLOW(SYS_brk),
    ALLOW(SYS_munmap),
    ALLOW(SYS_mremap),
    ALLOW(SYS_madvise),
    ALLOW(SYS_futex),
    ALLOW(SYS_rt_sigreturn),
    ALLOW(SYS_restart_syscall),
    ALLOW(SYS_exit),
    ALLOW(SYS_exit_group),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
};
#endif

int ipcfg_lx_seccomp_engine(void)
{
#ifdef ENGINE_AUDIT_ARCH
    struct sock_fprog prog;

    prog.len = (unsigned short)(sizeof(engine_filter) / sizeof(engine_filter[0]));
    prog.filter = (struct sock_filter *)(uintptr_t)engine_filter;
    if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) != 0 &&
        prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0) != 0)
        return -1;
    return 0;
#else
    return 1;
#endif
}

/* ---- capabilities ---------------------------------------------------------------- */

static int caps_clear(void)
{
    struct __user_cap_header_struct h;
    struct __user_cap_data_struct d[2];

    memset(&h, 0, sizeof(h));
    memset(d, 0, sizeof(d));
    h.version = _LINUX_CAPABILITY_VERSION_3;
    return (int)syscall(SYS_capset, &h, d);
}

/* ---- the confinement ------------------------------------------------------------- */

int ipcfg_lx_confine_fds(int keep_a, int keep_b)
{
    int null = open("/dev/null", O_RDWR | O_CLOEXEC);

    if (null < 0)
        return -1;
    for (int fd = 0; fd <= 2; fd++)
        if (fd != null && dup2(null, fd) < 0)
            return -1;
    if (null > 2)
        (void)close(null);
    /* everything above 2 but the two sockets; they are 3 and 4 (spawn) */
    int lo = keep_a < keep_b ? keep_a : keep_b, hi = keep_a < keep_b ? keep_b : keep_a;
    if (lo > 3 && close_range(3, (unsigned)lo - 1, 0) != 0)
        return -1;
    if (hi > lo + 1 && close_range((unsigned)lo + 1, (unsigned)hi - 1, 0) != 0)
        return -1;
    if (close_range((unsigned)hi + 1, ~0u, 0) != 0)
        return -1;
    return 0;
}

int ipcfg_lx_confine(const char *empty_dir, pid_t parent, const char **why)
{
    /* An empty root directory: nothing of the file system is left to
     * open, even if the filter below were not there.  Root (or a user
     * namespace's root) can; a user with file capabilities cannot, and has
     * no file it could reach that it could not reach before. */
    if (chroot(empty_dir) == 0) {
        if (chdir("/") != 0) {
            *why = "cannot enter its empty root directory";
            return -1;
        }
    } else if (errno != EPERM) {
        *why = "cannot change its root directory";
        return -1;
    }
    /* The bounding set first (this needs CAP_SETPCAP, which goes next). */
    for (int cap = 0; cap <= 63; cap++)
        if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 && errno != EPERM)
            break; /* EINVAL: past the kernel's last capability */
    (void)prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
    if (geteuid() == 0 || getuid() == 0) {
        gid_t g = IPCFG_LX_ENGINE_GID;
        uid_t u = IPCFG_LX_ENGINE_UID;
        if (setgroups(0, NULL) != 0 && errno != EPERM) {
            *why = "cannot drop its groups";
            return -1;
        }
        /* In a user namespace that maps only root (unshare -Ur), nobody
         * does not exist (EINVAL): the process stays that namespace's root,
         * which holds nothing outside it once its capabilities are gone. */
        if (setresgid(g, g, g) != 0 && errno != EINVAL) {
            *why = "cannot change its group to nogroup";
            return -1;
        }
        if (setresuid(u, u, u) != 0 && errno != EINVAL) {
            *why = "cannot change its user to nobody";
            return -1;
        }
    }
    if (caps_clear() != 0) {
        *why = "cannot drop its capabilities";
        return -1;
    }
    /* set after the uid change, which clears it */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0 || getppid() != parent) {
        *why = "has lost its parent";
        return -1;
    }
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
        *why = "cannot forbid new privileges";
        return -1;
    }
    if (ipcfg_lx_seccomp_engine() < 0) {
        *why = "cannot install its system call filter";
        return -1;
    }
    return 0;
}
