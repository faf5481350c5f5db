#pragma once
// Over the scene: each pane's label, what the active view annotates (labels of points, the
// measurement), the legend of the particle colours, and an embedded scene's caption. All of it
// goes to ImGui's background list, under the panels, so a PNG of the scene carries it.
#include <string>

#include "app/widgets.hpp"
#include "scene_view.hpp"

namespace flowlab::app {

class Overlay {
 public:
  // `caption`: the embedded scene's caption (ui=0; unused otherwise). The legend's rectangle and
  // its dots' centres are recorded in `widgets` for inspect_json.
  void draw(const SceneContext& c, SceneView& view, const SceneFrame& f, const std::string& caption, Widgets& widgets);

 private:
  // The legend never covers data: it takes the scene's corner where it hides least of what the
  // view draws (points: the fewest training points, then particles), chosen again at most twice a second and only for a clearly
  // emptier corner, so that it does not jump about while the particles move.
  int choose_corner(const SceneView& view, const Rect (&corners)[4], double now);
  int corner_ = 0;
  double chosen_at_ = -1e300;
};

}  // namespace flowlab::app
