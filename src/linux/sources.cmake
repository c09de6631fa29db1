# Linux platform backend (rtnetlink).  Included by the top CMakeLists.txt.
# Parsers (nlparse.c, resolvconf.c) and request building (nlreq.c) are pure
# and are also compiled straight into the fuzz targets (tests/fuzz).
add_library(ipcfg_platform STATIC
  ${CMAKE_CURRENT_LIST_DIR}/backend.c
  ${CMAKE_CURRENT_LIST_DIR}/linkmap.c
  ${CMAKE_CURRENT_LIST_DIR}/nlparse.c
  ${CMAKE_CURRENT_LIST_DIR}/nlreq.c
  ${CMAKE_CURRENT_LIST_DIR}/nlsock.c
  ${CMAKE_CURRENT_LIST_DIR}/resolvconf.c
  ${CMAKE_CURRENT_LIST_DIR}/sysinfo.c
)
target_include_directories(ipcfg_platform PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(ipcfg_platform PUBLIC ipcfg_core)

include(${CMAKE_CURRENT_LIST_DIR}/peers.cmake) # peers: other DHCP clients' leases

set(IPCFG_MAIN_SOURCES ${CMAKE_CURRENT_LIST_DIR}/main.c)
