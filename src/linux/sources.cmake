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
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_run.c      # DHCP: release/renew, the event loop
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_io.c       # DHCP: packet, UDP and ARP sockets
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_close.c    # DHCP: packet sockets closed after exit
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_addrs.c    # DHCP: one address dump for all interfaces
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_apply.c    # DHCP: a lease in the kernel (rtnetlink)
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_store.c    # DHCP: lease files and the per-interface lock
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_view.c     # DHCP: what a listing shows of the leases
  ${CMAKE_CURRENT_LIST_DIR}/lock.c          # locks per network namespace (abstract socket names)
  ${CMAKE_CURRENT_LIST_DIR}/linkmap.c       # rtnetlink -> model mapping (pure)
  ${CMAKE_CURRENT_LIST_DIR}/nlparse.c       # rtnetlink parser (pure)
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

set(IPCFG_MAIN_SOURCES ${CMAKE_CURRENT_LIST_DIR}/main.c)
