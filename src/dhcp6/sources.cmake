# The platform-neutral DHCPv6 client library (messages, identity, lease
# record, state machine): no system calls, builds on every platform, as
# src/dhcp does.  Included by the top CMakeLists.txt after src/dhcp; it
# links ipcfg_dhcp for the one name check and decoder (dns_name.h).  The
# parsers are also compiled straight into the fuzz targets (tests/fuzz).
set(IPCFG_DHCP6_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/dhcp6_msg.c
  ${CMAKE_CURRENT_LIST_DIR}/dhcp6_text.c
  ${CMAKE_CURRENT_LIST_DIR}/dhcp6_lease.c
  ${CMAKE_CURRENT_LIST_DIR}/dhcp6_keep.c
  ${CMAKE_CURRENT_LIST_DIR}/dhcp6_duid.c
  ${CMAKE_CURRENT_LIST_DIR}/dhcp6_sha256.c
  ${CMAKE_CURRENT_LIST_DIR}/dhcp6_client.c
  ${CMAKE_CURRENT_LIST_DIR}/dhcp6_client_start.c
  ${CMAKE_CURRENT_LIST_DIR}/dhcp6_client_msg.c
  ${CMAKE_CURRENT_LIST_DIR}/dhcp6_client_rx.c
)
add_library(ipcfg_dhcp6 STATIC ${IPCFG_DHCP6_SOURCES})
target_include_directories(ipcfg_dhcp6 PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(ipcfg_dhcp6 PUBLIC ipcfg_model ipcfg_dhcp)
