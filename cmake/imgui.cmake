# Dear ImGui from its sources (Debian's source package, unpacked by
# scripts/setup into .cache/imgui; any imgui 1.86 checkout works), with the
# stock GLFW and OpenGL3 backends. Its headers come in as SYSTEM.
set(FLOWLAB_IMGUI_DIR "${PROJECT_SOURCE_DIR}/.cache/imgui" CACHE PATH "Dear ImGui sources (imgui.cpp, backends/)")
if(NOT EXISTS "${FLOWLAB_IMGUI_DIR}/imgui.cpp")
  message(FATAL_ERROR "Dear ImGui sources not found in ${FLOWLAB_IMGUI_DIR}: run scripts/setup, "
                      "or set FLOWLAB_IMGUI_DIR to an imgui checkout")
endif()
add_library(imgui STATIC
  ${FLOWLAB_IMGUI_DIR}/imgui.cpp ${FLOWLAB_IMGUI_DIR}/imgui_draw.cpp ${FLOWLAB_IMGUI_DIR}/imgui_widgets.cpp
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
