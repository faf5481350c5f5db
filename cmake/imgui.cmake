# Dear ImGui from its sources (Debian's source package, unpacked by
# scripts/setup into .cache/imgui; any imgui 1.86 checkout works), with the
# stock GLFW and OpenGL3 backends. Its headers come in as SYSTEM.
set(FLOWLAB_IMGUI_DIR "${PROJECT_SOURCE_DIR}/.cache/imgui" CACHE PATH "Dear ImGui sources (imgui.cpp, backends/)")
if(NOT EXISTS "${FLOWLAB_IMGUI_DIR}/imgui.cpp")
  message(FATAL_ERROR "Dear ImGui sources not found in ${FLOWLAB_IMGUI_DIR}: run scripts/setup, "
                      "or set FLOWLAB_IMGUI_DIR to an imgui checkout")
endif()
# ImGui's default font (ProggyClean, 12 KB of base85 in imgui_draw.cpp: 10 KB of the page, gzipped) is
# linked by ImFontAtlas::Build although the app always adds its own font first, and 1.86 has no switch
# to leave it out. The build compiles a copy of imgui_draw.cpp without that data; reaching it aborts.
file(READ ${FLOWLAB_IMGUI_DIR}/imgui_draw.cpp imgui_draw_source)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${FLOWLAB_IMGUI_DIR}/imgui_draw.cpp)
string(FIND "${imgui_draw_source}" "static const char proggy_clean_ttf_compressed_data_base85[" font_begin)
set(font_end_marker "static const char* GetDefaultCompressedFontDataTTFBase85()\n{\n    return proggy_clean_ttf_compressed_data_base85;\n}")
string(FIND "${imgui_draw_source}" "${font_end_marker}" font_end)
set(imgui_draw ${FLOWLAB_IMGUI_DIR}/imgui_draw.cpp)
if(font_begin GREATER 0 AND font_end GREATER font_begin)
  string(LENGTH "${font_end_marker}" font_end_length)
  math(EXPR font_after "${font_end} + ${font_end_length}")
  string(SUBSTRING "${imgui_draw_source}" 0 ${font_begin} before)
  string(SUBSTRING "${imgui_draw_source}" ${font_after} -1 after)
  set(imgui_draw ${CMAKE_BINARY_DIR}/imgui_draw_without_default_font.cpp)
  set(replacement "static const char* GetDefaultCompressedFontDataTTFBase85()\n{\n    abort(); // left out by flowlab's cmake/imgui.cmake\n}")
  file(WRITE ${imgui_draw}.new "${before}${replacement}${after}")
  configure_file(${imgui_draw}.new ${imgui_draw} COPYONLY)  # rewritten only when it changes
else()
  message(WARNING "imgui_draw.cpp: the default font's data was not found; it stays in the build")
endif()
add_library(imgui STATIC
  ${FLOWLAB_IMGUI_DIR}/imgui.cpp ${imgui_draw} ${FLOWLAB_IMGUI_DIR}/imgui_widgets.cpp
  ${FLOWLAB_IMGUI_DIR}/imgui_tables.cpp ${FLOWLAB_IMGUI_DIR}/backends/imgui_impl_glfw.cpp
  ${FLOWLAB_IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
target_include_directories(imgui SYSTEM PUBLIC ${FLOWLAB_IMGUI_DIR} ${FLOWLAB_IMGUI_DIR}/backends)
# The link holds the state, not an .ini file (main.cpp sets IniFilename to null): without ImGui's file
# functions the page links no file system (about 10 KB of JavaScript, gzipped).
target_compile_definitions(imgui PUBLIC IMGUI_DISABLE_FILE_FUNCTIONS
  # Nor its debug tools (the metrics window, the item picker), which NewFrame would otherwise link.
  IMGUI_DISABLE_METRICS_WINDOW)
flowlab_size_optimized(imgui)
if(EMSCRIPTEN)
  target_link_options(imgui PUBLIC -sUSE_GLFW=3 -sUSE_WEBGL2=1 -sFULL_ES3=1 -sMAX_WEBGL_VERSION=2
                      -sMIN_WEBGL_VERSION=2)
else()
  find_package(glfw3 3.3 REQUIRED)
  find_package(OpenGL REQUIRED)
  target_link_libraries(imgui PUBLIC glfw OpenGL::GL ${CMAKE_DL_LIBS})
endif()
