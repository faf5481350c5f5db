#pragma once
// DejaVu Sans (Debian's fonts-dejavu-core), embedded at build time, so Dear
// ImGui rasterises real type at the size the device pixel ratio needs instead
// of scaling its 13-px bitmap font.
#include <cstddef>

namespace flowlab::render {

extern const unsigned char ui_font[];
extern const std::size_t ui_font_size;
constexpr float kUiFontPx = 14.0f;  // CSS pixels

}  // namespace flowlab::render
