#include "layout.hpp"

#include <algorithm>

namespace flowlab::app {

Rect Layout::pane(int i, int panes) const {
  panes = std::max(1, panes);
  const float w = scene.w / static_cast<float>(panes);
  return {scene.x + static_cast<float>(i) * w, scene.y, w, scene.h};
}

Layout layout_for(float width, float height, float em, bool ui) {
  Layout l;
  if (!ui) {
    l.scene = {0, 0, width, height};
    return l;
  }
  const float controls_w = 25 * em, stats_w = 22 * em;
  l.docked = width >= controls_w + stats_w + 28 * em;  // room for a scene at least 28 font heights wide
  if (l.docked) {
    l.controls = {0, 0, controls_w, height};
    l.stats = {width - stats_w, 0, stats_w, height};
    l.scene = {controls_w, 0, width - controls_w - stats_w, height};
  } else {
    l.controls = {10, 10, std::min(controls_w, width - 20), 0};
    l.stats = {std::max(10.0f, width - stats_w - 10), 10, std::min(stats_w, width - 20), 0};
    l.scene = {0, 0, width, height};
  }
  return l;
}

}  // namespace flowlab::app
