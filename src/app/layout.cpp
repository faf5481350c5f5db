#include "layout.hpp"

#include <algorithm>

namespace flowlab::app {

Rect Layout::pane(int i, int panes) const {
  panes = std::max(1, panes);
  const float w = scene.w / static_cast<float>(panes);
  return {scene.x + static_cast<float>(i) * w, scene.y, w, scene.h};
}

Layout layout_for(float width, float height, float em, bool ui, float dpr) {
  Layout l;
  if (!ui) {
    l.scene = {0, 0, width, height};
    return l;
  }
  const float controls_w = 24 * em, stats_w = 20 * em;
  l.docked = width >= controls_w + stats_w + 27 * em;  // room for a scene at least 27 font heights wide
  if (l.docked) {
    l.controls = {0, 0, controls_w, height};
    l.stats = {width - stats_w, 0, stats_w, height};
    l.scene = {controls_w, 0, width - controls_w - stats_w, height};
  } else {
    const float bar = std::max(44 * dpr, 2.4f * em) + 17 * dpr;  // the buttons, and ImGui's window padding (8 px a side)
    l.bar = {0, height - bar, width, bar};
    l.sheet = {0, 0.3f * height, width, 0.7f * height - bar};
    l.scene = {0, 0, width, height - bar};
  }
  return l;
}

}  // namespace flowlab::app
