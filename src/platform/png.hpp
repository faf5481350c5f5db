#pragma once
// Writes RGBA pixels as a PNG (stored, uncompressed deflate: no zlib needed).
// For native screenshots of the app under Xvfb (test artifacts).
#include <cstdint>
#include <string>
#include <vector>

namespace flowlab::platform {
bool write_png(const std::string& path, int width, int height, const std::vector<std::uint8_t>& rgba_top_down);
}
