# Linux platform backend (rtnetlink).  Included by the top CMakeLists.txt.
# Parsers (nlparse.c, resolvconf.c) and request building (nlreq.c) are pure
# and are also compiled straight into the fuzz targets (tests/fuzz).
add_library(ipcfg_platform STATIC
  ${CMAKE_CURRENT_LIST_DIR}/backend.c       # lifetime, the vtable
  ${CMAKE_CURRENT_LIST_DIR}/list.c          # listing
  ${CMAKE_CURRENT_LIST_DIR}/addrtable.c     # the IPv4 address table
  ${CMAKE_CURRENT_LIST_DIR}/address.c       # /add, /delete
  ${CMAKE_CURRENT_LIST_DIR}/secondaries.c   # the secondaries guard
  ${CMAKE_CURRENT_LIST_DIR}/error.c         # the error table
  ${CMAKE_CURRENT_LIST_DIR}/host.c          # the host block
  ${CMAKE_CURRENT_LIST_DIR}/sysfs.c         # sysfs probes
  ${CMAKE_CURRENT_LIST_DIR}/caps.c          # CAP_NET_ADMIN check
  ${CMAKE_CURRENT_LIST_DIR}/statedir.c      # where lease files live
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_mtu.c      # DHCP: a lease's MTU on the link (option 26)
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_names.c    # DHCP: the name and user class sent (options 12, 81, 77)
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_run.c      # DHCP: release/renew, the privileged part's loop
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_serve.c    # DHCP: the privileged part's answers to the engine
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_engine.c   # DHCP: the unprivileged engine process
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_wire.c     # DHCP: the messages between the two (pure)
  ${CMAKE_CURRENT_LIST_DIR}/privsep.c       # DHCP: the engine's confinement (uid, capabilities, seccomp)
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_io.c       # DHCP: packet, UDP and ARP sockets
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_addrs.c    # DHCP: one address dump for all interfaces
  ${CMAKE_CURRENT_LIST_DIR}/carrier.c       # DHCP: waiting for a link's carrier (link notifications)
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_apply.c    # DHCP: a lease in the kernel (rtnetlink)
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_store.c    # DHCP: lease files and the per-interface lock
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_view.c     # DHCP: what a listing shows of the leases
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_gone.c     # DHCP: /release of a name no interface has any more
  ${CMAKE_CURRENT_LIST_DIR}/keeper.c        # the lease keeper (ipcfg --keeper IFNAME)
  ${CMAKE_CURRENT_LIST_DIR}/keeper_link.c   # the keeper's view of its interface: link, addresses, events
  ${CMAKE_CURRENT_LIST_DIR}/keeper_ctl.c    # the keeper as the command sees it: find, start, stop
  ${CMAKE_CURRENT_LIST_DIR}/keeper_log.c    # the keeper's log and sd_notify
  ${CMAKE_CURRENT_LIST_DIR}/resolver.c      # DNS servers to systemd-resolved or resolvconf
  ${CMAKE_CURRENT_LIST_DIR}/spawn.c         # running resolvectl, resolvconf, systemctl
  ${CMAKE_CURRENT_LIST_DIR}/dnscache.c      # /flushdns, /displaydns: systemd-resolved's cache
  ${CMAKE_CURRENT_LIST_DIR}/lock.c          # locks per network namespace (abstract socket names)
  ${CMAKE_CURRENT_LIST_DIR}/linkmap.c       # rtnetlink -> model mapping (pure)
  ${CMAKE_CURRENT_LIST_DIR}/nlparse.c       # rtnetlink parser (pure): links, addresses, errors, the walk
  ${CMAKE_CURRENT_LIST_DIR}/nlroute.c       # rtnetlink parser (pure): routes, nexthop objects
  ${CMAKE_CURRENT_LIST_DIR}/nlevent.c       # rtnetlink notifications (pure)
  ${CMAKE_CURRENT_LIST_DIR}/nlreq.c         # request building (pure)
  ${CMAKE_CURRENT_LIST_DIR}/nlsock.c        # the socket
  ${CMAKE_CURRENT_LIST_DIR}/resolvconf.c    # resolv.conf parser (pure)
)
# src/linux, and src for "dhcp/dhcp_client.h" (the engine in src/dhcp)
target_include_directories(ipcfg_platform PRIVATE ${CMAKE_CURRENT_LIST_DIR} ${CMAKE_CURRENT_LIST_DIR}/..)
# The model only (a backend fills it and never prints), and the DHCP
# engine (src/dhcp/sources.cmake, included before).
target_link_libraries(ipcfg_platform PUBLIC ipcfg_model ipcfg_dhcp)

include(${CMAKE_CURRENT_LIST_DIR}/peers.cmake) # peers: other DHCP clients' leases

if(IPCFG_TEST_HOOKS)
  target_compile_definitions(ipcfg_platform PRIVATE IPCFG_TEST_HOOKS=1)
endif()

set(IPCFG_MAIN_SOURCES ${CMAKE_CURRENT_LIST_DIR}/main.c)
set(IPCFG_MAIN_INCLUDE_DIRS ${CMAKE_CURRENT_LIST_DIR}) # main.c: keeper.h
