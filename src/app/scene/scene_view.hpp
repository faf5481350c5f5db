#pragma once
// A scene view draws the panes from the simulation's read-only state, under the overlay and the
// panels. views.cpp lists the views; the first that accepts the scene draws it, so a new kind of
// view (the image grid of image data) is a new room and one line there.
#include <imgui.h>

#include <memory>
#include <string>
#include <vector>

#include "app/colors.hpp"
#include "app/layout.hpp"
#include "app/projector.hpp"
#include "app/simulation.hpp"
#include "app/state.hpp"
#include "app/widgets.hpp"

namespace flowlab::app {

// What a view reads: bound once, read every frame.
struct SceneContext {
  const AppState& state;
  const Simulation& sim;
  const Layout& layout;
  const Projector& projector;
};

struct SceneFrame {
  int width = 1, height = 1;  // the canvas, in pixels
  double now = 0;             // seconds
  float dpr = 1;              // device pixels per CSS pixel
  bool moved = false;         // the flow stepped this frame
};

class SceneView {
 public:
  virtual ~SceneView() = default;
  virtual const char* name() const = 0;
  virtual bool accepts(const AppState& state, const Simulation& sim) const = 0;
  virtual bool init(std::string& error) = 0;  // GL resources; false with the reason
  virtual void shutdown() = 0;
  virtual void draw(const SceneFrame& f) = 0;
  // Over the panes, in the overlay's draw list (labels of points, the measurement): after the panes'
  // labels. What a test needs to find (where points are drawn) is recorded in `widgets`.
  virtual void annotate(ImDrawList* dl, const SceneFrame& f, Widgets& widgets) = 0;
  // How much of what this view draws a rectangle of the canvas would hide (the legend goes where least).
  virtual double occupancy(const Rect& box) const = 0;
  // The legend's words for the training data (nullptr: no row) and for each class of particle.
  virtual const char* legend_data() const { return "training data"; }
  virtual const char* legend_class(EndClass c) const { return class_label(c); }
  // Whether a pointer on the panes edits the data or the view (drags, clicks, the wheel).
  virtual bool pointer_edits() const { return true; }
  // The run restarted or the scene changed: forget what was drawn over time (trails).
  virtual void restart() = 0;
  // Whether rings mark the vertices reached (the legend then explains them).
  virtual bool rings() const = 0;
};

// Whether the legend shrinks to a row of short names: under ~400 CSS pixels wide, or embedded
// under 500 tall. The overlay draws it so; a view leaves it that much room.
inline bool compact_legend(const Layout& layout, bool embedded, float dpr) {
  return layout.scene.w < 400.0f * dpr || (embedded && layout.scene.h < 500.0f * dpr);
}

// Every view, in the order they are tried.
std::vector<std::unique_ptr<SceneView>> make_scene_views(const SceneContext& c);

}  // namespace flowlab::app
