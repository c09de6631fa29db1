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
target_include_directories(ipcfg_platform PRIVATE ${CMAKE_CURRENT_LIST_DIR})
# The model only: a backend fills it and never prints.
target_link_libraries(ipcfg_platform PUBLIC ipcfg_model)

set(IPCFG_MAIN_SOURCES ${CMAKE_CURRENT_LIST_DIR}/main.c)
