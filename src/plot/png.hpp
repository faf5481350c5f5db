#pragma once
// Writes RGBA pixels as a PNG with libpng: the native app's screenshots.
#include <cstdint>
#include <string>
#include <vector>

namespace flowlab::plot {
bool write_png(const std::string& path, int width, int height, const std::vector<std::uint8_t>& rgba_top_down);
}
