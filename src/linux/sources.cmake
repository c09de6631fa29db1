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
  ${CMAKE_CURRENT_LIST_DIR}/lease_index.c   # the DHCP lease index
  ${CMAKE_CURRENT_LIST_DIR}/linkmap.c       # rtnetlink -> model mapping (pure)
  ${CMAKE_CURRENT_LIST_DIR}/nlparse.c       # rtnetlink parser (pure)
  ${CMAKE_CURRENT_LIST_DIR}/nlreq.c         # request building (pure)
  ${CMAKE_CURRENT_LIST_DIR}/nlsock.c        # the socket
  ${CMAKE_CURRENT_LIST_DIR}/resolvconf.c    # resolv.conf parser (pure)
)
target_include_directories(ipcfg_platform PRIVATE ${CMAKE_CURRENT_LIST_DIR})
# The model only: a backend fills it and never prints.
target_link_libraries(ipcfg_platform PUBLIC ipcfg_model)

set(IPCFG_MAIN_SOURCES ${CMAKE_CURRENT_LIST_DIR}/main.c)
