/* ipcfg — the Linux host block: host name, DNS suffix and search list
 * (resolv.conf), IP routing (ip_forward); and the file read they share.
 * SPDX-License-Identifier: MIT */
#ifndef IPCFG_LINUX_COMMAND_HOST_H
#define IPCFG_LINUX_COMMAND_HOST_H

#include <stddef.h>

#include "ipcfg/model.h"

#define IPCFG_LX_RESOLV_CONF_DEFAULT "/etc/resolv.conf"
#define IPCFG_LX_IP_FORWARD "/proc/sys/net/ipv4/ip_forward"

/* Reads at most cap - 1 bytes of a regular file into buf (NUL-terminated);
 * returns the length or -1.  Anything but a regular file (by fstat after
 * an O_NONBLOCK open: a FIFO, a device, a directory) is -1, never a wait. */
long ipcfg_lx_read_file(const char *path, char *buf, size_t cap);

/* "0" -> NO, a positive number -> YES, anything else UNKNOWN (pure). */
ipcfg_tri ipcfg_lx_parse_forwarding(const char *text);

/* Host name, DNS suffix and search list (resolv.conf, path from
 * IPCFG_RESOLV_CONF or /etc/resolv.conf), IP routing (ip_forward). */
void ipcfg_lx_host_fill(ipcfg_host *h);

#endif
