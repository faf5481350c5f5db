# Writes OUT, a C++ source defining flowlab::render::shader_source(name) over
# every GLSL file in DIR, as raw string literals: the web build needs no file
# system, and the sources carry no #version line (it is prefixed at load).
file(GLOB shaders "${DIR}/*.vert" "${DIR}/*.frag")
list(SORT shaders)
set(body "// Generated from shaders/ at build time: do not edit.\n#include <cstring>\n\nnamespace flowlab::render {\n\nconst char* shader_source(const char* name) {\n")
foreach(path ${shaders})
  get_filename_component(name "${path}" NAME)
  file(READ "${path}" text)
  # Whole-line comments are for readers of shaders/, not for the download; the lines stay (empty),
  # so a compile error's line numbers stay as they were.
  string(REGEX REPLACE "(^|\n)[ \t]*//[^\n]*" "\\1" text "${text}")
  string(APPEND body "  if (std::strcmp(name, \"${name}\") == 0) return R\"glsl(${text})glsl\";\n")
endforeach()
string(APPEND body "  return nullptr;\n}\n\n}  // namespace flowlab::render\n")
file(WRITE "${OUT}.tmp" "${body}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
