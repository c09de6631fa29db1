/* ipcfg tests — a fixed model and a backend serving it (no platform).
 * SPDX-License-Identifier: MIT */
#ifndef IPCFG_TEST_FIXTURE_H
#define IPCFG_TEST_FIXTURE_H

#include "ipcfg/backend.h"

/* Fills l (and h if not NULL) with the fixed model used by the goldens. */
void fixture_model(ipcfg_host *h, ipcfg_adapter_list *l);
void fixture_addrtable(ipcfg_addrtable *t);
/* A backend that lists the fixed model and shows its class IDs (setting one
 * succeeds and keeps nothing); the other operations fail with exit 6. */
int fixture_backend_open(ipcfg_backend *b, ipcfg_error *err);
/* The Linux listing of fixture_linux.c: DHCPv6 leases (both leases, DHCPv6
 * only, configuration only, expired); a backend that lists it (and does
 * nothing else). */
void fixture_linux_model(ipcfg_host *h, ipcfg_adapter_list *l);
int fixture_linux_backend_open(ipcfg_backend *b, ipcfg_error *err);

#endif
