# Install rules beyond the program itself, and CPack packaging:
#   Linux:   a Debian package (DEB) and a tarball (TGZ)
#   Windows: a zip (ZIP) holding ipcfg.exe, README.md and LICENSE.txt
# Included at the end of the top-level CMakeLists.txt (after its install()
# rules for the program and the man page).  The one command that builds all
# of them is `bash scripts/package.sh` (presets package, package-win64,
# package-win32); see docs/development.md, "Packages".
#
# The version comes from project(ipcfg VERSION ...) only: the package
# version, the file names, the Debian changelog's top entry and the version
# in the installed man page are all taken from PROJECT_VERSION.

# On by default, so that a plain `cpack -G DEB` makes the same package as
# scripts/package.sh; off, CPack refuses the DEB generator.
option(IPCFG_PACKAGING "Install as for a distribution package (man page gzip -9n, Debian changelog)" ON)
set(IPCFG_PACKAGE_MAINTAINER "ipcfg maintainers <maintainers@ipcfg.example.org>"
    CACHE STRING "Maintainer field of the Debian package")

set(_ipcfg_pkg_dir ${CMAKE_CURRENT_LIST_DIR}/debian)

if(NOT WIN32)
  include(GNUInstallDirs)
  # ---- bash completion ------------------------------------------------------
  # bash-completion finds it on demand under <prefix>/share/bash-completion/
  # completions (XDG_DATA_DIRS, so /usr/local works as well as /usr).
  install(FILES ${PROJECT_SOURCE_DIR}/completions/ipcfg
          DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)

  # ---- documentation: /usr/share/doc/ipcfg ---------------------------------
  # CMAKE_INSTALL_DOCDIR is share/doc/ipcfg (GNUInstallDirs, from the project
  # name).  README.md on top, the manual (docs/*.md, docs/verbs/*.md) below
  # manual/ so that its relative links keep working, the examples (written
  # under docs/examples/, globbed at configure time: none is fine) below
  # examples/.  Example scripts (*.fact, the Ansible local fact of
  # docs/fleet.md; *.sh) keep their mode 0755, as dh_fixperms leaves
  # examples/ alone: lintian checks scripts there as examples and wants
  # no other file under /usr/share/doc executable.
  install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
  file(GLOB _ipcfg_doc_md CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/docs/*.md)
  file(GLOB _ipcfg_doc_verbs CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/docs/verbs/*.md)
  file(GLOB _ipcfg_examples CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/docs/examples/*)
  list(FILTER _ipcfg_examples EXCLUDE REGEX "(/README\\.md|~)$")
  if(_ipcfg_doc_md)
    install(FILES ${_ipcfg_doc_md} DESTINATION ${CMAKE_INSTALL_DOCDIR}/manual)
  endif()
  if(_ipcfg_doc_verbs)
    install(FILES ${_ipcfg_doc_verbs} DESTINATION ${CMAKE_INSTALL_DOCDIR}/manual/verbs)
  endif()
  set(_ipcfg_example_scripts ${_ipcfg_examples})
  list(FILTER _ipcfg_example_scripts INCLUDE REGEX "\\.(fact|sh)$")
  list(FILTER _ipcfg_examples EXCLUDE REGEX "\\.(fact|sh)$")
  if(_ipcfg_examples)
    install(FILES ${_ipcfg_examples} DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
  endif()
  if(_ipcfg_example_scripts)
    install(PROGRAMS ${_ipcfg_example_scripts} DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
  endif()
  if(EXISTS ${PROJECT_SOURCE_DIR}/docs/examples/README.md)
    install(FILES ${PROJECT_SOURCE_DIR}/docs/examples/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
  endif()
  # The license, in Debian's machine-readable format (DEP-5).
  install(FILES ${_ipcfg_pkg_dir}/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR})

  # ---- the man page: version from PROJECT_VERSION, and gzip -9n -----------
  # The top-level rule installed docs/ipcfg.1 as it is; this rewrites the
  # version on its .TH line and, for a package, compresses it the way Debian
  # wants it (gzip -9n: best compression, no name or time stamp inside).
  set(_ipcfg_man ${CMAKE_INSTALL_MANDIR}/man1/ipcfg.1)
  set(_ipcfg_man_gzip "")
  if(IPCFG_PACKAGING)
    set(_ipcfg_man_gzip "
      file(REMOVE \"\${_man}.gz\")
      execute_process(COMMAND gzip -9n \"\${_man}\" RESULT_VARIABLE _rc)
      if(NOT _rc EQUAL 0)
        message(FATAL_ERROR \"gzip -9n \${_man} failed\")
      endif()")
  endif()
  install(CODE "
    set(_man \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${_ipcfg_man}\")
    if(EXISTS \"\${_man}\")
      file(READ \"\${_man}\" _t)
      string(REGEX REPLACE \"\\\"ipcfg [0-9][^\\\"]*\\\"\" \"\\\"ipcfg ${PROJECT_VERSION}\\\"\" _t \"\${_t}\")
      file(WRITE \"\${_man}\" \"\${_t}\")${_ipcfg_man_gzip}
    endif()")

  # ---- Debian changelog and strip ------------------------------------------
  # Built by upstream, the package is native (version = PROJECT_VERSION, the
  # changelog is changelog.gz); with IPCFG_DEBIAN_REVISION set (for example
  # 1) the version is <version>-<revision> and the file changelog.Debian.gz,
  # which is what lintian wants for each.
  if(IPCFG_PACKAGING)
    set(IPCFG_DEBIAN_REVISION "" CACHE STRING "Debian revision of the package version (empty: native package)")
    if(IPCFG_DEBIAN_REVISION)
      set(IPCFG_DEBIAN_VERSION ${PROJECT_VERSION}-${IPCFG_DEBIAN_REVISION})
      set(_ipcfg_changelog changelog.Debian)
    else()
      set(IPCFG_DEBIAN_VERSION ${PROJECT_VERSION})
      set(_ipcfg_changelog changelog)
    endif()
    configure_file(${_ipcfg_pkg_dir}/changelog.in ${CMAKE_CURRENT_BINARY_DIR}/packaging/${_ipcfg_changelog} @ONLY)
    find_program(IPCFG_GZIP gzip REQUIRED)
    add_custom_command(
      OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/packaging/${_ipcfg_changelog}.gz
      COMMAND ${IPCFG_GZIP} -9nc ${_ipcfg_changelog} > ${_ipcfg_changelog}.gz
      DEPENDS ${CMAKE_CURRENT_BINARY_DIR}/packaging/${_ipcfg_changelog}
      WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/packaging
      VERBATIM)
    add_custom_target(ipcfg_changelog ALL DEPENDS ${CMAKE_CURRENT_BINARY_DIR}/packaging/${_ipcfg_changelog}.gz)
    install(FILES ${CMAKE_CURRENT_BINARY_DIR}/packaging/${_ipcfg_changelog}.gz DESTINATION ${CMAKE_INSTALL_DOCDIR})
    # As dh_strip does: no .comment or .note section in the program (CPack's
    # CPACK_STRIP_FILES strips the symbols afterwards).
    if(CMAKE_STRIP)
      install(CODE "
        execute_process(COMMAND \"${CMAKE_STRIP}\" --remove-section=.comment --remove-section=.note
                        \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/ipcfg\"
                        RESULT_VARIABLE _rc)
        if(NOT _rc EQUAL 0)
          message(FATAL_ERROR \"strip of ipcfg failed\")
        endif()")
    endif()
  endif()
else()
  # ---- Windows: README and license beside the exe ----------------------------
  # The package presets put the exe at the top of the zip
  # (CMAKE_INSTALL_BINDIR "."); README.md and LICENSE.txt go beside it.
  install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION .)
  install(FILES ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION . RENAME LICENSE.txt)
endif()

# ---- CPack -------------------------------------------------------------------
set(CPACK_PACKAGE_NAME ipcfg)
set(CPACK_PACKAGE_VENDOR "The ipcfg authors")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "ipconfig-style utility for IPv4 addresses and DHCPv4 leases")
set(CPACK_PACKAGE_DESCRIPTION
    "ipcfg lists network adapters in the text layout of Windows ipconfig, shows the IPv4 address table, adds and removes IPv4 addresses, and releases and renews DHCPv4 leases, with one set of verbs, one JSON schema and one table of exit codes on Windows and Linux.")
set(CPACK_PACKAGE_CONTACT "${IPCFG_PACKAGE_MAINTAINER}")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_RESOURCE_FILE_README ${PROJECT_SOURCE_DIR}/README.md)
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/build/;/\\\\.git/;/out/")

if(CMAKE_SIZEOF_VOID_P EQUAL 8)
  set(_ipcfg_bits 64)
else()
  set(_ipcfg_bits 32)
endif()

if(WIN32)
  # ipcfg-<version>-windows-x86_64.zip / -windows-i686.zip, one folder inside.
  if(_ipcfg_bits EQUAL 64)
    set(_ipcfg_winarch x86_64)
  else()
    set(_ipcfg_winarch i686)
  endif()
  set(CPACK_GENERATOR ZIP)
  set(CPACK_PACKAGE_FILE_NAME ipcfg-${PROJECT_VERSION}-windows-${_ipcfg_winarch})
  set(CPACK_INCLUDE_TOPLEVEL_DIRECTORY ON)
else()
  set(CPACK_GENERATOR "DEB;TGZ")
  # The tarball: ipcfg-<version>-linux-<machine>.tar.gz, paths relative to a
  # prefix (bin/ipcfg, share/man/man1/ipcfg.1.gz, ...).
  set(_ipcfg_machine ${CMAKE_SYSTEM_PROCESSOR})
  if(_ipcfg_machine STREQUAL "AMD64")
    set(_ipcfg_machine x86_64)
  endif()
  set(CPACK_PACKAGE_FILE_NAME ipcfg-${PROJECT_VERSION}-linux-${_ipcfg_machine})

  # The Debian package: ipcfg_<version>_<arch>.deb.
  set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
  set(CPACK_DEBIAN_PACKAGE_NAME ipcfg)
  if(IPCFG_DEBIAN_VERSION)
    set(CPACK_DEBIAN_PACKAGE_VERSION ${IPCFG_DEBIAN_VERSION})
  else()
    set(CPACK_DEBIAN_PACKAGE_VERSION ${PROJECT_VERSION})
  endif()
  set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${IPCFG_PACKAGE_MAINTAINER}")
  set(CPACK_DEBIAN_PACKAGE_SECTION net)
  set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
  # Control-file description: CPack puts the summary on the first line and
  # indents these lines by one space.
  set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
      "ipcfg lists network adapters in the text layout of Windows ipconfig, shows\nthe IPv4 address table, adds and removes IPv4 addresses, and releases and\nrenews DHCPv4 leases, with one set of verbs, one JSON schema and one table\nof exit codes on Windows and Linux.")
  # libc is the only dependency; dpkg-shlibdeps (dpkg-dev) computes it.
  find_program(IPCFG_DPKG_SHLIBDEPS dpkg-shlibdeps)
  if(IPCFG_DPKG_SHLIBDEPS)
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
  else()
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "libc6 (>= 2.34)")
  endif()
  # The maintainer scripts (cmake/debian/): daemon-reload after install and
  # upgrade, the running ipcfg@IF.service keepers restarted on upgrade and
  # stopped on removal, the state directory removed on purge only, as
  # dh_installsystemd's snippets do for a unit (docs/linux.md, "The
  # package").  Strict permissions: 0755 scripts, as dpkg wants them.
  set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${_ipcfg_pkg_dir}/postinst ${_ipcfg_pkg_dir}/prerm ${_ipcfg_pkg_dir}/postrm)
  set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
  set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
endif()

# A .deb from a tree configured with IPCFG_PACKAGING=OFF would lack the
# changelog and carry an uncompressed man page: cpack stops instead.
set(CPACK_IPCFG_PACKAGING ${IPCFG_PACKAGING}) # CPACK_ variables reach cpack-config.cmake
# A program built with the test hooks (IPCFG_TEST_HOOKS) is never packaged.
set(CPACK_IPCFG_TEST_HOOKS ${IPCFG_TEST_HOOKS})
set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_CURRENT_LIST_DIR}/cpack-config.cmake)

include(CPack)

# ---- MSVC (/W4 /WX presets): test helper that cannot be warning-free --------
# The planted iphlpapi.dll of the DLL-planting test (tests/win) has stub
# functions whose parameters are unused on purpose; tests/win/CMakeLists.txt
# silences that for GCC/Clang only.  Until it does so for MSVC as well, the
# same is done here (C4100: unreferenced formal parameter), for that target
# only.
if(MSVC AND TARGET win_planted_iphlpapi)
  target_compile_options(win_planted_iphlpapi PRIVATE /wd4100)
endif()
