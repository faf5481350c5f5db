#pragma once
// A texture of grey levels that Dear ImGui draws as sharp pixels (nearest filtering, no
// mipmaps): the image view's atlas of particle and training images. WebGL2 has no texture
// swizzle, so each level is stored as opaque RGBA8.
#include <cstdint>
#include <vector>

#include "gl.hpp"

namespace flowlab::render {

class GreyTexture {
 public:
  GreyTexture() = default;
  GreyTexture(const GreyTexture&) = delete;
  GreyTexture& operator=(const GreyTexture&) = delete;
  GreyTexture(GreyTexture&& o) noexcept { *this = std::move(o); }
  GreyTexture& operator=(GreyTexture&& o) noexcept;
  ~GreyTexture() { release(); }

  // `levels`: width * height grey levels, row after row from the top; reallocates only on a new size.
  void upload(int width, int height, const std::vector<std::uint8_t>& levels);
  void release();
  GLuint id() const { return tex_; }
  int width() const { return width_; }
  int height() const { return height_; }

 private:
  GLuint tex_ = 0;
  int width_ = 0, height_ = 0;
  std::vector<std::uint32_t> rgba_;
};

}  // namespace flowlab::render
