// The image grid drawn with Cairo (image_grid.hpp): pixels as filled squares, so a PNG, an SVG and
// a PDF show the same sharp images.
#include <algorithm>

#include "cairo_kit.hpp"
#include "image_grid.hpp"

namespace flowlab::plot {
namespace {
constexpr double kPixel = 6, kGap = 4, kPad = 24, kCaption = 16, kTitle = 40, kLegend = 26, kFrame = 3;

double image_side(const ImageGrid& g) { return kPixel * std::max(1, g.side); }
double pair_width(const ImageGrid& g) { return 2 * image_side(g) + kGap + 2 * kFrame; }
double pair_height(const ImageGrid& g) { return image_side(g) + 2 * kFrame + kCaption; }
int rows_of(const ImageGrid& g) { return static_cast<int>((g.pairs.size() + g.columns - 1) / std::max(1, g.columns)); }

void draw_image(cairo_t* cr, const std::vector<double>& grey, int side, double x, double y) {
  for (int k = 0; k < side * side && k < static_cast<int>(grey.size()); ++k) {
    const double v = std::clamp(grey[static_cast<std::size_t>(k)], 0.0, 1.0);
    cairo_set_source_rgb(cr, v, v, v);
    cairo_rectangle(cr, x + (k % side) * kPixel, y + (k / side) * kPixel, kPixel, kPixel);
    cairo_fill(cr);
  }
}
}  // namespace

std::pair<int, int> image_grid_size(const ImageGrid& g) {
  const int cols = std::max(1, std::min<int>(g.columns, static_cast<int>(g.pairs.size())));
  const double w = 2 * kPad + cols * pair_width(g) + (cols - 1) * 2 * kGap;
  const double h = kTitle + kLegend + 2 * kPad + rows_of(g) * pair_height(g) + std::max(0, rows_of(g) - 1) * 2 * kGap;
  return {std::max(kMinFigureSide, static_cast<int>(w)), std::max(kMinFigureSide, static_cast<int>(h))};
}

Status write_image_grid(const std::string& path, const ImageGrid& g, Theme theme) {
  const auto [width, height] = image_grid_size(g);
  if (width > kMaxFigureSide || height > kMaxFigureSide) return Error{path + ": too many images for one figure"};
  const Colors& k = theme == Theme::dark ? kDark : kLight;
  return render_figure(path, width, height, [&](cairo_t* cr, std::string* svg_text) {
    const Text text{cr, svg_text};
    set_color(cr, k.background);
    cairo_paint(cr);
    text.draw(g.title, kPad, kPad + 8, 15, Anchor::start, k.text, true);
    double lx = kPad;
    for (const auto& [label, rgb] : g.legend) {  // a framed square, then its meaning
      set_color(cr, rgb);
      cairo_set_line_width(cr, kFrame);
      cairo_rectangle(cr, lx, kTitle + 6, 12, 12);
      cairo_stroke(cr);
      text.draw(label, lx + 20, kTitle + 17, 12, Anchor::start, k.text);
      lx += 20 + text.width(label, 12) + 24;
    }
    const double top = kTitle + kLegend + kPad / 2, s = image_side(g);
    for (std::size_t i = 0; i < g.pairs.size(); ++i) {
      const ImagePair& p = g.pairs[i];
      const double x = kPad + static_cast<double>(i % static_cast<std::size_t>(g.columns)) * (pair_width(g) + 2 * kGap);
      const double y = top + static_cast<double>(i / static_cast<std::size_t>(g.columns)) * (pair_height(g) + 2 * kGap);
      set_color(cr, p.frame);
      cairo_rectangle(cr, x, y, pair_width(g), s + 2 * kFrame);
      cairo_fill(cr);
      draw_image(cr, p.sample, g.side, x + kFrame, y + kFrame);
      draw_image(cr, p.nearest, g.side, x + kFrame + s + kGap, y + kFrame);
      text.draw(p.caption, x + pair_width(g) / 2, y + s + 2 * kFrame + 12, 10.5, Anchor::middle, k.text);
    }
  });
}

}  // namespace flowlab::plot
