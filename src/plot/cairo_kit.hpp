#pragma once
// What the Cairo figures share: the themes' colours, text through one door (drawn, or kept as SVG
// <text> elements so that it stays text), and a figure rendered into PNG, SVG or PDF by the path's
// extension.
#include <cairo.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>

#include "chart.hpp"

namespace flowlab::plot {

struct Colors {
  std::uint32_t background, text, axis, grid;
  std::array<std::uint32_t, 8> series;
};
constexpr Colors kLight = {0xffffff, 0x222222, 0x333333, 0xe3e3e3,
                           {0x1f77b4, 0xd62728, 0x2ca02c, 0xff7f0e, 0x9467bd, 0x8c564b, 0x17becf, 0x7f7f7f}};
constexpr Colors kDark = {0x16181d, 0xe8e8e8, 0xc8c8c8, 0x33363d,
                          {0x5fa8e8, 0xf0605d, 0x62c462, 0xffa54a, 0xb999e0, 0xc49a8a, 0x4fd6e4, 0xb0b0b0}};

inline void set_color(cairo_t* cr, std::uint32_t rgb, double alpha = 1.0) {
  cairo_set_source_rgba(cr, ((rgb >> 16) & 255) / 255.0, ((rgb >> 8) & 255) / 255.0, (rgb & 255) / 255.0, alpha);
}

inline std::string hex(std::uint32_t rgb) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%06x", rgb & 0xffffff);
  return buf;
}

inline std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

enum class Anchor { start, middle, end };

// Text through one door: drawn with Cairo, or (SVG) kept as <text> elements for the file's end.
struct Text {
  cairo_t* cr;
  std::string* svg = nullptr;
  double width(const std::string& s, double size, bool bold = false) const {
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
    cairo_text_extents_t e;
    cairo_text_extents(cr, s.c_str(), &e);
    return e.x_advance;
  }
  // (x, y): the anchor point on the baseline; vertical: turned a quarter anticlockwise.
  void draw(const std::string& s, double x, double y, double size, Anchor a, std::uint32_t rgb, bool bold = false,
            bool vertical = false) const {
    if (s.empty()) return;
    if (svg) {
      char head[256];
      std::snprintf(head, sizeof head, "<text x=\"%.2f\" y=\"%.2f\" font-family=\"DejaVu Sans, sans-serif\" "
                    "font-size=\"%.2f\"%s fill=\"%s\" text-anchor=\"%s\"", x, y, size,
                    bold ? " font-weight=\"bold\"" : "", hex(rgb).c_str(),
                    a == Anchor::start ? "start" : a == Anchor::middle ? "middle" : "end");
      *svg += head;
      if (vertical) {
        std::snprintf(head, sizeof head, " transform=\"rotate(-90 %.2f %.2f)\"", x, y);
        *svg += head;
      }
      *svg += ">" + xml_escape(s) + "</text>\n";
      return;
    }
    const double w = width(s, size, bold);
    const double shift = a == Anchor::start ? 0 : a == Anchor::middle ? -w / 2 : -w;
    cairo_save(cr);
    cairo_translate(cr, x, y);
    if (vertical) cairo_rotate(cr, -M_PI / 2);
    cairo_move_to(cr, shift, 0);
    set_color(cr, rgb);
    cairo_show_text(cr, s.c_str());
    cairo_restore(cr);
  }
};

// Renders `paint` into `path` (PNG, SVG or PDF by its extension) on a width x height figure.
// SVG: the text `paint` hands its second argument goes in as <text> elements.
Status render_figure(const std::string& path, int width, int height,
                     const std::function<void(cairo_t*, std::string* svg_text)>& paint);

}  // namespace flowlab::plot
