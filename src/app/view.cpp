#include "view.hpp"

#include <algorithm>
#include <cmath>

namespace flowlab::app {

Camera fit_camera(double x0, double y0, double x1, double y1, double w, double h, double margin, double top,
                  double bottom) {
  Camera c;
  const double bw = std::max(x1 - x0, 1e-9), bh = std::max(y1 - y0, 1e-9);
  const double free = std::max(0.05, 1.0 - 2.0 * margin);
  const double room = std::max(0.1 * h, h - top - bottom);  // the height left between the insets
  const double scale = std::min(free * w / bw, free * room / bh);  // pixels per unit that fit both sides
  c.zoom = std::clamp(scale / view_scale(1.0, w, h), 1e-6, 1e6);
  // the box's centre at the middle of the room: (top - bottom) / 2 pixels below the pane's centre
  const double shift = std::max(0.0, h - top - bottom) > 0.1 * h ? 0.5 * (top - bottom) : 0.0;
  c.cx = 0.5 * (x0 + x1);
  c.cy = 0.5 * (y0 + y1) + shift / view_scale(c.zoom, w, h);
  return c;
}

double wheel_notches(double delta_y, int delta_mode) {
  const double per_notch = delta_mode == 0 ? 100.0 : delta_mode == 1 ? 3.0 : 1.0;
  return -delta_y / per_notch;
}

}  // namespace flowlab::app
