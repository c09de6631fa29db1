# The platform-neutral DHCPv4 client engine (messages, IPv4/UDP framing,
# lease record, state machine): no system calls, builds on every platform.
# Included by the top CMakeLists.txt before the platform backend, which
# links it.  The parsers are also compiled straight into the fuzz targets
# (tests/fuzz).
set(IPCFG_DHCP_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_client.c
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_client_start.c
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_client_msg.c
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_time.c
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_keep.c
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_frame.c
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_arp.c
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_lease.c
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_lease_opts.c
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_addr.c
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_msg.c
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_opts.c
  ${CMAKE_CURRENT_LIST_DIR}/dns_name.c
)
add_library(ipcfg_dhcp STATIC ${IPCFG_DHCP_SOURCES})
target_include_directories(ipcfg_dhcp PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(ipcfg_dhcp PUBLIC ipcfg_model) # a backend library: the model only
