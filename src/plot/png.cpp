#include "png.hpp"

#include <png.h>

namespace flowlab::plot {

bool write_png(const std::string& path, int width, int height, const std::vector<std::uint8_t>& rgba) {
  if (width <= 0 || height <= 0 || rgba.size() != static_cast<std::size_t>(width) * height * 4) return false;
  png_image image{};  // libpng's simplified API: the header, the rows and deflate in one call
  image.version = PNG_IMAGE_VERSION;
  image.width = static_cast<png_uint_32>(width);
  image.height = static_cast<png_uint_32>(height);
  image.format = PNG_FORMAT_RGBA;
  const int ok = png_image_write_to_file(&image, path.c_str(), 0, rgba.data(), 0, nullptr);
  png_image_free(&image);
  return ok != 0;
}

}  // namespace flowlab::plot
