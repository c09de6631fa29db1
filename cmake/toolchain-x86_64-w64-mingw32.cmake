# Cross-compiling ipcfg for 64-bit Windows with MinGW-w64 (Debian/Ubuntu
# package mingw-w64); tests run under wine64 through
# CMAKE_CROSSCOMPILING_EMULATOR.
#   cmake --preset mingw64 && cmake --build --preset mingw64 && ctest --preset mingw64
set(CMAKE_SYSTEM_PROCESSOR AMD64)
set(IPCFG_MINGW_TRIPLE x86_64-w64-mingw32)
# Debian installs the 64-bit loader as /usr/lib/wine/wine64; elsewhere it
# is on PATH.
set(IPCFG_WINE_LOADER wine64)
set(IPCFG_WINE_PATHS /usr/lib/wine /usr/lib64/wine /opt/wine-stable/bin)
set(IPCFG_WINE_NO_DEFAULT OFF)
include(${CMAKE_CURRENT_LIST_DIR}/mingw-common.cmake)
