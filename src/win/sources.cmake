# The Windows backend (IP Helper API).  Included by the top CMakeLists.txt
# when WIN32; defines ipcfg_platform and IPCFG_MAIN_SOURCES.
#
# iphlpapi.dll is NOT linked: it is loaded at run time from the system
# directory only (src/win/iphlp_dyn.c), so that a planted iphlpapi.dll beside
# ipcfg.exe is never loaded.  The import table holds kernel32 and the C
# runtime (ws2_32 is allowed as well); tests/win/check_imports.sh checks it.
add_library(ipcfg_platform STATIC
  ${CMAKE_CURRENT_LIST_DIR}/backend.c     # lifetime, the vtable
  ${CMAKE_CURRENT_LIST_DIR}/list.c        # listing and the host block
  ${CMAKE_CURRENT_LIST_DIR}/addrtable.c   # the IPv4 address table
  ${CMAKE_CURRENT_LIST_DIR}/dhcp.c        # /release, /renew (worker threads, one deadline)
  ${CMAKE_CURRENT_LIST_DIR}/address.c     # /add, /delete
  ${CMAKE_CURRENT_LIST_DIR}/dnscache.c    # /flushdns, /displaydns (exit code 6)
  ${CMAKE_CURRENT_LIST_DIR}/dhcpclient.c  # /registerdns, /showclassid, /setclassid, /hostname (exit code 6)
  ${CMAKE_CURRENT_LIST_DIR}/query.c       # size-query-then-fill
  ${CMAKE_CURRENT_LIST_DIR}/convert.c     # IP Helper structures -> model
  ${CMAKE_CURRENT_LIST_DIR}/error.c       # the error table
  ${CMAKE_CURRENT_LIST_DIR}/utf.c         # UTF-16 <-> UTF-8
  ${CMAKE_CURRENT_LIST_DIR}/iphlp_dyn.c   # iphlpapi.dll from the system directory
)
target_include_directories(ipcfg_platform PRIVATE ${CMAKE_CURRENT_LIST_DIR})
# The model only: a backend fills it and never prints.
target_link_libraries(ipcfg_platform PUBLIC ipcfg_model ws2_32)
# Windows 7 API level (the IP_ADAPTER_ADDRESSES members are checked against
# the Length the system filled in, so older systems still work).
target_compile_definitions(ipcfg_platform PUBLIC
  _WIN32_WINNT=0x0601 NTDDI_VERSION=0x06010000 WIN32_LEAN_AND_MEAN UNICODE _UNICODE)
if(MSVC)
  target_compile_definitions(ipcfg_platform PUBLIC _CRT_SECURE_NO_WARNINGS)
endif()
if(MINGW)
  # wmain needs -municode; -static links libgcc (and winpthread, if the
  # posix flavour is used) into the exe so that it needs no MinGW DLLs.
  # INTERFACE options reach every executable that links ipcfg_platform
  # (ipcfg itself), also in a native MSYS2 build without our toolchain file.
  target_link_options(ipcfg_platform INTERFACE -municode -static)
endif()

# i686 MinGW: the backend once more with a 64-bit time_t
# (__MINGW_USE_VC2005_COMPAT, as an MSVC Win32 or a UCRT i686 toolchain has
# it), so that the IP_ADAPTER_INFO layout assertions of list.c are checked
# for that case too (IPCFG_EXPECT_TIME64 asserts the 64-bit time_t).  Object
# files only, built with everything; nothing links them.
if(MINGW AND CMAKE_SIZEOF_VOID_P EQUAL 4)
  get_target_property(_ipcfg_win_sources ipcfg_platform SOURCES)
  add_library(ipcfg_platform_time64 OBJECT ${_ipcfg_win_sources})
  target_include_directories(ipcfg_platform_time64 PRIVATE ${CMAKE_CURRENT_LIST_DIR})
  target_link_libraries(ipcfg_platform_time64 PRIVATE ipcfg_model)
  target_compile_definitions(ipcfg_platform_time64 PRIVATE
    _WIN32_WINNT=0x0601 NTDDI_VERSION=0x06010000 WIN32_LEAN_AND_MEAN UNICODE _UNICODE
    __MINGW_USE_VC2005_COMPAT IPCFG_EXPECT_TIME64)
endif()

# The executable's resources (ipcfg.rc): the version resource and the
# application manifest, compiled by windres (MinGW-w64) or rc.exe (MSVC).
# Their values come from project() and from LICENSE's copyright line
# ("Copyright (c) YEAR HOLDER": HOLDER is the company) through ipcfg_rc.h.
enable_language(RC)
file(STRINGS ${PROJECT_SOURCE_DIR}/LICENSE IPCFG_RC_COPYRIGHT REGEX "^Copyright " LIMIT_COUNT 1)
string(REGEX REPLACE "^Copyright (\\([cC]\\) )?[0-9, -]+ " "" IPCFG_RC_COMPANY "${IPCFG_RC_COPYRIGHT}")
if(NOT IPCFG_RC_COPYRIGHT OR IPCFG_RC_COMPANY STREQUAL IPCFG_RC_COPYRIGHT)
  message(FATAL_ERROR "LICENSE has no line \"Copyright (c) YEAR HOLDER\" for the version resource")
endif()
foreach(_part MAJOR MINOR PATCH)
  set(IPCFG_RC_${_part} ${PROJECT_VERSION_${_part}})
  if(NOT IPCFG_RC_${_part})
    set(IPCFG_RC_${_part} 0)
  endif()
endforeach()
configure_file(${CMAKE_CURRENT_LIST_DIR}/ipcfg_rc.h.in ${CMAKE_BINARY_DIR}/generated/ipcfg_rc.h @ONLY)

set(IPCFG_MAIN_SOURCES ${CMAKE_CURRENT_LIST_DIR}/main.c ${CMAKE_CURRENT_LIST_DIR}/ipcfg.rc)
# ipcfg_rc.h, and ipcfg.manifest beside ipcfg.rc (windres looks for the files
# an .rc names in its include directories; rc.exe beside the .rc too)
set(IPCFG_MAIN_INCLUDE_DIRS ${CMAKE_BINARY_DIR}/generated ${CMAKE_CURRENT_LIST_DIR})
set_source_files_properties(${CMAKE_CURRENT_LIST_DIR}/ipcfg.rc PROPERTIES
  OBJECT_DEPENDS "${CMAKE_CURRENT_LIST_DIR}/ipcfg.manifest;${CMAKE_BINARY_DIR}/generated/ipcfg_rc.h")
# MSVC's linker makes and embeds a manifest of its own by default (a second
# resource 1 of type 24: a duplicate-resource error): ipcfg.rc has the one.
if(MSVC)
  set(IPCFG_MAIN_LINK_OPTIONS /MANIFEST:NO)
endif()
