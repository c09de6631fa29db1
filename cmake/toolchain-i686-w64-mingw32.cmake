# Cross-compiling ipcfg for 32-bit Windows with MinGW-w64.  Its tests run
# under Wine only when a 32-bit Wine loader (Debian: wine32:i386) is
# installed; otherwise the build and its import-table check are tested.
#   cmake --preset mingw32 && cmake --build --preset mingw32 && ctest --preset mingw32
# On a Windows host (MSYS2) the same file gives a native build: the tests
# then run ipcfg.exe directly instead of under Wine.
if(NOT CMAKE_HOST_WIN32)
  set(CMAKE_SYSTEM_NAME Windows)
endif()
set(CMAKE_SYSTEM_PROCESSOR X86)
set(IPCFG_MINGW_TRIPLE i686-w64-mingw32)

# (In an MSYS2 shell the compiler may also be plain gcc.)
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

set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")
# C99 printf family (%zu, %lld) from MinGW's own implementation rather than
# the old msvcrt.dll one; linked statically, it adds no DLL import.
set(CMAKE_C_FLAGS_INIT "-D__USE_MINGW_ANSI_STDIO=1")

# The 32-bit loader: Debian's wine32 installs /usr/lib/wine/wine.  The
# /usr/bin/wine wrapper is not used: without wine32 it runs wine64, which
# cannot start a 32-bit exe in a 64-bit-only installation.
if(NOT CMAKE_HOST_WIN32)
  find_program(IPCFG_WINE32 NAMES wine PATHS /usr/lib/wine /usr/lib32/wine /opt/wine-stable/bin
               NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
  if(IPCFG_WINE32)
    set(CMAKE_CROSSCOMPILING_EMULATOR ${IPCFG_WINE32})
  endif()
endif()
