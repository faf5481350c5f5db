#pragma once
// The camera of a 2-D pane as numbers: pixels per world unit, fitting a box
// into a pane, and the zoom of a wheel notch. Pure math, tested natively.
namespace flowlab::app {

// One wheel notch (or one keyboard zoom step) multiplies the zoom by this.
constexpr double kZoomStep = 1.1;

// Pixels per world unit for a pane of w by h pixels at `zoom` (zoom 1: 300 px a unit at 800 px).
inline double view_scale(double zoom, double w, double h) { return 300.0 * zoom * (w < h ? w : h) / 800.0; }

struct Camera {
  double cx = 0, cy = 0, zoom = 1;
};

// The camera that shows the world box [x0, x1] by [y0, y1] whole, centred in a
// pane of w by h pixels, with `margin` (a fraction of each side) left free, and
// `top` and `bottom` pixels kept clear (an embedded scene's caption and legend).
Camera fit_camera(double x0, double y0, double x1, double y1, double w, double h, double margin = 0.08,
                  double top = 0, double bottom = 0);

// Wheel deltas as the browser reports them, in notches: deltaMode 0 is pixels
// (about 100 a notch in Chromium), 1 lines (3 a notch), 2 pages. Positive is up
// (away from the user), as GLFW's scroll offsets are natively.
double wheel_notches(double delta_y, int delta_mode);

}  // namespace flowlab::app
