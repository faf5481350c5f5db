#include "grey_texture.hpp"

#include <utility>

namespace flowlab::render {

GreyTexture& GreyTexture::operator=(GreyTexture&& o) noexcept {
  if (this != &o) {
    release();
    std::swap(tex_, o.tex_);
    std::swap(width_, o.width_);
    std::swap(height_, o.height_);
    rgba_.swap(o.rgba_);
  }
  return *this;
}

void GreyTexture::upload(int width, int height, const std::vector<std::uint8_t>& levels) {
  const std::size_t n = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
  if (width <= 0 || height <= 0 || levels.size() < n) return;
  rgba_.resize(n);
  for (std::size_t i = 0; i < n; ++i) rgba_[i] = 0xff000000u | 0x010101u * levels[i];  // little-endian RGBA bytes
  if (!tex_) {
    glGenTextures(1, &tex_);
    glBindTexture(GL_TEXTURE_2D, tex_);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  }
  glBindTexture(GL_TEXTURE_2D, tex_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  if (width != width_ || height != height_) {
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba_.data());
    width_ = width, height_ = height;
  } else {
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, rgba_.data());
  }
  glBindTexture(GL_TEXTURE_2D, 0);
}

void GreyTexture::release() {
  if (tex_) glDeleteTextures(1, &tex_);
  tex_ = 0, width_ = height_ = 0;
}

}  // namespace flowlab::render
