# The Windows text goldens (win/NAME) are the Linux ones (NAME) with every
# LF written as CR LF, and nothing else: the two sets cannot drift apart.
#   cmake -DDIR=tests/golden -P win_line_ends.cmake
foreach(name brief.txt all.txt addrtable.txt showclassid.txt setclassid.txt)
  file(READ "${DIR}/${name}" lf HEX)
  file(READ "${DIR}/win/${name}" crlf HEX)
  # hex text: two digits a byte, so "0a" is matched at even offsets only
  string(REGEX REPLACE "(..)" "\\1 " lf "${lf}")
  string(REPLACE "0a " "0d 0a " want "${lf}")
  string(REGEX REPLACE "(..)" "\\1 " crlf "${crlf}")
  if(NOT want STREQUAL crlf)
    message(FATAL_ERROR "win/${name} is not ${name} with CR LF line ends")
  endif()
  message(STATUS "win/${name}: ${name} with CR LF line ends")
endforeach()
