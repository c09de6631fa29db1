# Linux platform backend (rtnetlink) and the Linux side of the DHCPv4
# client (sockets, event loop, lease store, applying leases).  Included by
# the top CMakeLists.txt.  Parsers (nlparse.c, resolvconf.c) and request
# building (nlreq.c) are pure and are also compiled straight into the fuzz
# targets (tests/fuzz).
add_library(ipcfg_platform STATIC
  ${CMAKE_CURRENT_LIST_DIR}/backend.c
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_apply.c
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_io.c
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_run.c
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_store.c
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_view.c
  ${CMAKE_CURRENT_LIST_DIR}/linkmap.c
  ${CMAKE_CURRENT_LIST_DIR}/nlparse.c
  ${CMAKE_CURRENT_LIST_DIR}/nlreq.c
  ${CMAKE_CURRENT_LIST_DIR}/nlsock.c
  ${CMAKE_CURRENT_LIST_DIR}/resolvconf.c
  ${CMAKE_CURRENT_LIST_DIR}/sysinfo.c
)
# "dhcp/dhcp_client.h": the platform-neutral engine in src/dhcp.
target_include_directories(ipcfg_platform PUBLIC ${CMAKE_CURRENT_LIST_DIR} ${CMAKE_CURRENT_LIST_DIR}/..)
target_link_libraries(ipcfg_platform PUBLIC ipcfg_core)
target_link_libraries(ipcfg_platform PUBLIC ipcfg_dhcp) # src/dhcp/sources.cmake, included before

include(${CMAKE_CURRENT_LIST_DIR}/peers.cmake) # peers: other DHCP clients' leases

set(IPCFG_MAIN_SOURCES ${CMAKE_CURRENT_LIST_DIR}/main.c)
