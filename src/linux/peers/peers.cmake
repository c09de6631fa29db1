# Other DHCP clients' leases: the parsers (pure; also compiled into the
# fuzz targets) and the listing's view.  Included by ../sources.cmake.
target_sources(ipcfg_platform PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/peer_dhclient.c
  ${CMAKE_CURRENT_LIST_DIR}/peer_dhcpcd.c
  ${CMAKE_CURRENT_LIST_DIR}/peer_networkd.c
  ${CMAKE_CURRENT_LIST_DIR}/peer_view.c
  ${CMAKE_CURRENT_LIST_DIR}/peer_command.c
)
