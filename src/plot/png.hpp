#pragma once
// Writes RGBA pixels as a PNG, compressed by a small deflate of its own (no zlib needed).
// For the app's native screenshots and the experiments' plots.
#include <cstdint>
#include <string>
#include <vector>

namespace flowlab::plot {
bool write_png(const std::string& path, int width, int height, const std::vector<std::uint8_t>& rgba_top_down);
}
