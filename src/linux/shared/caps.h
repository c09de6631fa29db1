/* ipcfg — may this process change the network configuration?  Decided the
 * kernel's way (see shared/caps.c).  SPDX-License-Identifier: MIT */
#ifndef IPCFG_LINUX_SHARED_CAPS_H
#define IPCFG_LINUX_SHARED_CAPS_H

#include "ipcfg/model.h"
#include "netlink/nlsock.h"

/* The kernel's answer: 0 = this process may change the configuration of
 * the network namespace of nl (CAP_NET_ADMIN there; with raw, also
 * CAP_NET_RAW there, for packet sockets); else IPCFG_E_ACCESS with the
 * elevation line (or IPCFG_E_FAILED when the probe itself failed), err
 * filled.  Changes nothing. */
int ipcfg_lx_check_change(ipcfg_nlsock *nl, int raw, ipcfg_error *err);

#endif
