# Read by cpack for each generator (CPACK_PROJECT_CONFIG_FILE, set in
# packaging.cmake): a Debian package is made only from a tree configured
# with IPCFG_PACKAGING on (the default), whose install rules compress the
# man page and install the changelog as Debian wants them.
if(CPACK_GENERATOR STREQUAL "DEB" AND NOT CPACK_IPCFG_PACKAGING)
  message(FATAL_ERROR "ipcfg: this tree was configured with -DIPCFG_PACKAGING=OFF; a .deb made from it would "
                      "not pass lintian.  Configure with -DIPCFG_PACKAGING=ON (the default) or run scripts/package.sh.")
endif()
# The test hooks (IPCFG_TEST_HOOKS: a forbidden system call in the DHCP
# engine on request, for its filter's test) never reach a package.
if(CPACK_IPCFG_TEST_HOOKS)
  message(FATAL_ERROR "ipcfg: this tree was configured with -DIPCFG_TEST_HOOKS=ON (a test build); it is never "
                      "packaged.  Configure without it (the release preset) or run scripts/package.sh.")
endif()
