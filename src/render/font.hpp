#pragma once
// DejaVu Sans (Debian's fonts-dejavu-core), embedded at build time, so Dear
// ImGui rasterises real type at the size the device pixel ratio needs instead
// of scaling its 13-px bitmap font. Subset to U+0020..U+00FF, the range ImGui
// rasterises by default (src/render/CMakeLists.txt): UI text stays in it.
#include <cstddef>

namespace flowlab::render {

extern const unsigned char ui_font[];
extern const std::size_t ui_font_size;
constexpr float kUiFontPx = 14.0f;  // CSS pixels

}  // namespace flowlab::render
