#pragma once
// Points whose positions live in another room's vertex buffer (the GPU path's particles, vec4
// float32 each): drawn with no per-frame upload of positions; their colours (one RGBA per point)
// are uploaded only when their key changes (a new classification).
#include <cstdint>
#include <string>
#include <vector>

#include "gl.hpp"
#include "plot.hpp"

namespace flowlab::render {

// The affine map from a point's coordinates (up to 4) to the pane's plane: (rx.y, ry.y) + o.
struct Affine {
  float rx[4] = {1, 0, 0, 0}, ry[4] = {0, 1, 0, 0}, o[2] = {0, 0};
};

class GpuPoints {
 public:
  bool init(std::string& error);
  void shutdown();
  // `count` points from `positions` in `view`, coloured by `colours` (re-uploaded when `key` changes).
  // The blending is Plot::begin's (call it first).
  void draw(const View2D& view, GLuint positions, int count, const Affine& map, const std::vector<std::uint32_t>& colours,
            std::uint64_t key, float size_px);

 private:
  GLuint program_ = 0, vao_ = 0, colour_vbo_ = 0, bound_ = 0;
  std::uint64_t key_ = ~0ull;
  GLint u_rx_ = -1, u_ry_ = -1, u_o_ = -1, u_view_ = -1, u_size_ = -1, u_round_ = -1;
};

}  // namespace flowlab::render
