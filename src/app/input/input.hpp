#pragma once
// Input: the mouse, the wheel, touch gestures and keys become edits of the state (points, spawns,
// the camera, the measurement's line) or commands for the app. The only room that reads ImGui's
// input state. It never steps, draws or trains.
#include <string>

#include <Eigen/Core>

#include "app/commands.hpp"
#include "app/layout.hpp"
#include "app/projector.hpp"
#include "app/simulation.hpp"
#include "app/state.hpp"

namespace flowlab::app {

class Input {
 public:
  Input(AppState& state, const Simulation& sim, const Layout& layout, const Projector& projector)
      : state_(state), sim_(sim), layout_(layout), projector_(projector) {}
  void set_pixel_ratio(float dpr) { dpr_ = dpr; }
  // This frame's keys (none while a field takes the keyboard).
  Commands keys() const;
  // This frame's mouse over the scene (nothing while a panel takes it).
  void mouse();
  // Wheel notches from the page (positive: zoom in) at canvas pixel (x, y): the panel under the
  // pointer scrolls (`sheet_open`: a sheet covers the scene's lower part), else the view zooms.
  void wheel(double notches, double x, double y, bool sheet_open);
  // The page's touch gestures: "zoom" by `value` about (x, y); "pan" by (value, value2) pixels;
  // "press" (long press) removes the training point under (x, y).
  void gesture(const std::string& kind, double x, double y, double value, double value2);
  // The camera that shows the data whole in the first pane (F, and links without a camera), through the
  // projector as updated for the data as they are now.
  void fit_view();

 private:
  Eigen::Index point_under(double wx, double wy, double scale) const;  // the 2-D training point there, or -1
  void edit_as_custom();                           // editing turns the data into the user's own points
  double snap(double world, double scale) const;   // a clicked coordinate, rounded to the pixel's precision
  void zoom_about(double wx, double wy, double factor);
  // The inverse problem's line under the mouse: shift-drag draws it, a drag on it moves it. True while it
  // takes the mouse (the view then does not pan).
  bool drag_line(bool pressed, double wx, double wy, double scale);

  AppState& state_;
  const Simulation& sim_;
  const Layout& layout_;
  const Projector& projector_;
  float dpr_ = 1;
  bool dragging_ = false;
  int line_drag_ = 0;  // the inverse problem's line: 0 not dragged, 1 moved, 2 drawn from (line_x0_, line_y0_)
  double line_x0_ = 0, line_y0_ = 0;
  int dragged_point_ = -1;  // the training point being dragged, or -1
  int drag_pane_ = 0;
  double drag_x_ = 0, drag_y_ = 0, press_x_ = 0, press_y_ = 0;
};

}  // namespace flowlab::app
