#pragma once
// Over the scene: each pane's label, what the active view annotates (labels of points, the
// measurement), the legend of the particle colours, and an embedded scene's caption. All of it
// goes to ImGui's background list, under the panels, so a PNG of the scene carries it.
#include <string>

#include "app/widgets.hpp"
#include "scene_view.hpp"

namespace flowlab::app {

// `caption`: the embedded scene's caption (ui=0; unused otherwise). The legend's rectangle and its
// dots' centres are recorded in `widgets` for inspect_json.
void draw_overlay(const SceneContext& c, SceneView& view, const SceneFrame& f, const std::string& caption, Widgets& widgets);

}  // namespace flowlab::app
