/* ipcfg — compiler annotations.  SPDX-License-Identifier: MIT */
#ifndef IPCFG_COMPILER_H
#define IPCFG_COMPILER_H

#ifdef __cplusplus
extern "C" {
#endif

/* printf-format checking.  MinGW with __USE_MINGW_ANSI_STDIO=1 (the
 * toolchain files set it) has a C99 printf, so it is checked as gnu_printf
 * rather than Microsoft's ms_printf. */
#if defined(__GNUC__)
#if defined(__MINGW32__) && defined(__USE_MINGW_ANSI_STDIO) && __USE_MINGW_ANSI_STDIO
#define IPCFG_PRINTF(fmt, args) __attribute__((format(gnu_printf, fmt, args)))
#else
#define IPCFG_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#endif
#else
#define IPCFG_PRINTF(fmt, args)
#endif

#ifdef __cplusplus
}
#endif
#endif
