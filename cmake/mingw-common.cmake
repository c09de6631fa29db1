# Shared part of the MinGW-w64 toolchain files.  The including file sets:
#   IPCFG_MINGW_TRIPLE      x86_64-w64-mingw32 / i686-w64-mingw32
#   IPCFG_WINE_LOADER       the Wine loader's name (wine64 / wine)
#   IPCFG_WINE_PATHS        where to look for it
#   IPCFG_WINE_NO_DEFAULT   ON: look only in IPCFG_WINE_PATHS
# On a Windows host (MSYS2) the same files give a native build: the tests
# then run the executables directly instead of under Wine.
if(NOT CMAKE_HOST_WIN32)
  set(CMAKE_SYSTEM_NAME Windows)
endif()

# Either thread flavour of Debian's compiler works (ipcfg uses no threads
# library); prefer the alternative the system selected.  In an MSYS2 shell
# the compiler may also be plain gcc.
if(CMAKE_HOST_WIN32)
  set(IPCFG_MINGW_NATIVE_GCC gcc)
  set(IPCFG_MINGW_NATIVE_GCC_OBJDUMP objdump)
endif()
find_program(CMAKE_C_COMPILER NAMES ${IPCFG_MINGW_TRIPLE}-gcc ${IPCFG_MINGW_TRIPLE}-gcc-win32
             ${IPCFG_MINGW_TRIPLE}-gcc-posix ${IPCFG_MINGW_NATIVE_GCC} REQUIRED)
find_program(CMAKE_RC_COMPILER NAMES ${IPCFG_MINGW_TRIPLE}-windres)
find_program(CMAKE_OBJDUMP NAMES ${IPCFG_MINGW_TRIPLE}-objdump ${IPCFG_MINGW_NATIVE_GCC_OBJDUMP})

if(NOT CMAKE_HOST_WIN32)
  set(CMAKE_FIND_ROOT_PATH /usr/${IPCFG_MINGW_TRIPLE})
  set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
  set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
  set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
endif()

# Static runtime support for every executable (ipcfg and the test helpers):
# no libgcc/libwinpthread DLLs next to the exe.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")
# C99 printf family (%zu, %lld) from MinGW's own implementation rather than
# the old msvcrt.dll one; linked statically, it adds no DLL import.
set(CMAKE_C_FLAGS_INIT "-D__USE_MINGW_ANSI_STDIO=1")

if(NOT CMAKE_HOST_WIN32)
  if(IPCFG_WINE_NO_DEFAULT)
    set(_ipcfg_wine_opts NO_DEFAULT_PATH)
  endif()
  find_program(IPCFG_WINE_${IPCFG_WINE_LOADER} NAMES ${IPCFG_WINE_LOADER} PATHS ${IPCFG_WINE_PATHS}
               ${_ipcfg_wine_opts} NO_CMAKE_FIND_ROOT_PATH)
  if(IPCFG_WINE_${IPCFG_WINE_LOADER})
    # The loader behind tests/win/wine_run.sh, which refuses a run that
    # printed nothing or that Wine could not start for want of a part of it
    # (wine32 missing exits 0): no test passes on such a run.  The loader is
    # the list's last item.
    set(CMAKE_CROSSCOMPILING_EMULATOR ${CMAKE_CURRENT_LIST_DIR}/../tests/win/wine_run.sh
        ${IPCFG_WINE_${IPCFG_WINE_LOADER}})
  endif()
endif()
