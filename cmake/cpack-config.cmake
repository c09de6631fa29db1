# Read by cpack for each generator (CPACK_PROJECT_CONFIG_FILE, set in
# packaging.cmake): a Debian package is made only from a tree configured
# with IPCFG_PACKAGING on (the default), whose install rules compress the
# man page and install the changelog as Debian wants them.
if(CPACK_GENERATOR STREQUAL "DEB" AND NOT CPACK_IPCFG_PACKAGING)
  message(FATAL_ERROR "ipcfg: this tree was configured with -DIPCFG_PACKAGING=OFF; a .deb made from it would "
                      "not pass lintian.  Configure with -DIPCFG_PACKAGING=ON (the default) or run scripts/package.sh.")
endif()
