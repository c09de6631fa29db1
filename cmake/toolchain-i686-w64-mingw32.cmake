# Cross-compiling ipcfg for 32-bit Windows with MinGW-w64.  Its tests run
# under Wine only when a 32-bit Wine loader (Debian: wine32:i386) is
# installed; otherwise the build and its import-table check are tested.
#   cmake --preset mingw32 && cmake --build --preset mingw32 && ctest --preset mingw32
set(CMAKE_SYSTEM_PROCESSOR X86)
set(IPCFG_MINGW_TRIPLE i686-w64-mingw32)
# The 32-bit loader: Debian's wine32 installs /usr/lib/wine/wine.  The
# /usr/bin/wine wrapper is not used: without wine32 it runs wine64, which
# cannot start a 32-bit exe in a 64-bit-only installation.
set(IPCFG_WINE_LOADER wine)
set(IPCFG_WINE_PATHS /usr/lib/wine /usr/lib32/wine /opt/wine-stable/bin)
set(IPCFG_WINE_NO_DEFAULT ON)
include(${CMAKE_CURRENT_LIST_DIR}/mingw-common.cmake)
