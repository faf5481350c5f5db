// Rendering a figure into PNG, SVG or PDF by the path's extension (cairo_kit.hpp).
#include "cairo_kit.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include <fstream>
#include <memory>

namespace flowlab::plot {
namespace {
cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

Status cairo_error(const std::string& path, cairo_status_t s) {
  return Error{path + ": cannot draw the figure (" + cairo_status_to_string(s) + ")"};
}

using Surface = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
using Context = std::unique_ptr<cairo_t, decltype(&cairo_destroy)>;
}  // namespace

Status render_figure(const std::string& path, int width, int height,
                     const std::function<void(cairo_t*, std::string* svg_text)>& paint) {
  auto format = figure_format(path);
  if (!format) return Error{format.message()};
  std::string svg;  // the SVG file, and apart its text
  std::string svg_text;
  Surface surface(nullptr, cairo_surface_destroy);
  switch (format.value()) {
    case Format::png: surface.reset(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height)); break;
    case Format::svg: surface.reset(cairo_svg_surface_create_for_stream(append, &svg, width, height)); break;
    case Format::pdf: surface.reset(cairo_pdf_surface_create(path.c_str(), width, height)); break;
  }
  if (auto s = cairo_surface_status(surface.get()); s != CAIRO_STATUS_SUCCESS) return cairo_error(path, s);
  {
    Context cr(cairo_create(surface.get()), cairo_destroy);
    paint(cr.get(), format.value() == Format::svg ? &svg_text : nullptr);
    if (auto s = cairo_status(cr.get()); s != CAIRO_STATUS_SUCCESS) return cairo_error(path, s);
  }
  if (format.value() == Format::png) {
    if (auto s = cairo_surface_write_to_png(surface.get(), path.c_str()); s != CAIRO_STATUS_SUCCESS)
      return cairo_error(path, s);
    return Status::ok();
  }
  cairo_surface_finish(surface.get());
  if (auto s = cairo_surface_status(surface.get()); s != CAIRO_STATUS_SUCCESS) return cairo_error(path, s);
  if (format.value() == Format::svg) {
    const auto end = svg.rfind("</svg>");
    if (end == std::string::npos) return Error{path + ": Cairo wrote no SVG"};
    svg.insert(end, "<g id=\"text\">\n" + svg_text + "</g>\n");
    std::ofstream f(path, std::ios::binary);
    f << svg;
    f.close();
    if (!f) return Error{path + ": cannot write"};
  }
  return Status::ok();
}

}  // namespace flowlab::plot
