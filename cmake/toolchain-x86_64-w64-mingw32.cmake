# Cross-compiling ipcfg for 64-bit Windows with MinGW-w64 (Debian/Ubuntu
# package mingw-w64); tests run under wine64 through
# CMAKE_CROSSCOMPILING_EMULATOR.
#   cmake --preset mingw64 && cmake --build --preset mingw64 && ctest --preset mingw64
# On a Windows host (MSYS2) the same file gives a native build: the tests
# then run ipcfg.exe directly instead of under Wine.
if(NOT CMAKE_HOST_WIN32)
  set(CMAKE_SYSTEM_NAME Windows)
endif()
set(CMAKE_SYSTEM_PROCESSOR AMD64)
set(IPCFG_MINGW_TRIPLE x86_64-w64-mingw32)

# Either thread flavour of Debian's compiler works (ipcfg uses no threads
# library); prefer the alternative the system selected.
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

# Static runtime support for every executable (ipcfg and the test helpers):
# no libgcc/libwinpthread DLLs next to the exe.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")
# C99 printf family (%zu, %lld) from MinGW's own implementation rather than
# the old msvcrt.dll one; linked statically, it adds no DLL import.
set(CMAKE_C_FLAGS_INIT "-D__USE_MINGW_ANSI_STDIO=1")

# Debian installs the 64-bit loader as /usr/lib/wine/wine64; elsewhere it
# is on PATH.
if(NOT CMAKE_HOST_WIN32)
  find_program(IPCFG_WINE64 NAMES wine64 PATHS /usr/lib/wine /usr/lib64/wine /opt/wine-stable/bin
               NO_CMAKE_FIND_ROOT_PATH)
  if(IPCFG_WINE64)
    set(CMAKE_CROSSCOMPILING_EMULATOR ${IPCFG_WINE64})
  endif()
endif()
