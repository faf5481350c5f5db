# Writes OUT, a C++ source defining the bytes of the file IN as
# NAMESPACE::NAME (and NAME_size; NAMESPACE defaults to flowlab::render): the web
# build needs no file system.
if(NOT DEFINED NAMESPACE)
  set(NAMESPACE flowlab::render)
endif()
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" digits)
math(EXPR bytes "${digits} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")
file(WRITE "${OUT}.tmp" "// Generated from ${IN} at build time: do not edit.\n#include <cstddef>\n\nnamespace ${NAMESPACE} {\nextern const unsigned char ${NAME}[];\nextern const std::size_t ${NAME}_size;\nconst unsigned char ${NAME}[] = {${body}};\nconst std::size_t ${NAME}_size = ${bytes};\n}  // namespace ${NAMESPACE}\n")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
