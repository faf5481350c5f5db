#pragma once
// A figure of images in pairs: each sample beside the training image nearest it, the pair framed
// in its class's colour with a caption under it (the digits experiment's --grid-plot). Drawn with
// Cairo into PNG, SVG or PDF, by the file's extension; every pixel a square, nothing smoothed.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "chart.hpp"

namespace flowlab::plot {

struct ImagePair {
  std::vector<double> sample, nearest;  // side * side grey levels in [0, 1], row after row
  std::uint32_t frame = 0;              // 0xRRGGBB
  std::string caption;
};

struct ImageGrid {
  std::string title;
  int side = 8;
  int columns = 8;                      // pairs a row
  std::vector<ImagePair> pairs;
  std::vector<std::pair<std::string, std::uint32_t>> legend;  // the frames' meaning
};

// The figure's size for `g` (its pixels, or points for SVG and PDF).
std::pair<int, int> image_grid_size(const ImageGrid& g);
Status write_image_grid(const std::string& path, const ImageGrid& g, Theme theme = Theme::light);

}  // namespace flowlab::plot
