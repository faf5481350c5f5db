# Writes OUT, a C++ source defining the bytes of the file IN as
# flowlab::render::NAME (and NAME_size): the web build needs no file system.
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" digits)
math(EXPR bytes "${digits} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")
file(WRITE "${OUT}.tmp" "// Generated from ${IN} at build time: do not edit.\n#include <cstddef>\n\nnamespace flowlab::render {\nextern const unsigned char ${NAME}[];\nextern const std::size_t ${NAME}_size;\nconst unsigned char ${NAME}[] = {${body}};\nconst std::size_t ${NAME}_size = ${bytes};\n}  // namespace flowlab::render\n")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
