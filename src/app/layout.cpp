#include "layout.hpp"

#include <algorithm>

namespace flowlab::app {

Rect Layout::pane(int i, int panes) const {
  panes = std::max(1, panes);
  const float w = scene.w / static_cast<float>(panes);
  return {scene.x + static_cast<float>(i) * w, scene.y, w, scene.h};
}

Layout layout_for(float width, float height, float em, bool ui, float dpr, bool sheet_open, float sheet_share, float intro,
                  int panes) {
  Layout l;
  if (!ui) {
    l.scene = {0, 0, width, height};
    return l;
  }
  const float controls_w = 24 * em, stats_w = 20 * em;
  l.docked = width >= controls_w + stats_w + 27 * em;  // room for a scene at least 27 font heights wide
  if (l.docked && panes >= 2 && width < kTabbedWidth * dpr) {
    const float tab = 2.4f * em;
    l.tab = {0, 0, tab, height};
    l.controls = {tab, 0, controls_w, height};
    l.stats = {width - stats_w, 0, stats_w, height};
    l.scene = {tab, 0, width - tab - stats_w, height};
  } else if (l.docked) {
    l.controls = {0, 0, controls_w, height};
    l.stats = {width - stats_w, 0, stats_w, height};
    l.scene = {controls_w, 0, width - controls_w - stats_w, height};
  } else {
    const float bar = std::max(44 * dpr, 2.4f * em) + 17 * dpr;  // the buttons, and ImGui's window padding (8 px a side)
    l.bar = {0, height - bar, width, bar};
    const float above = height - bar, sheet = std::clamp(sheet_share, kMinSheet, kMaxSheet) * above;
    l.sheet = {0, above - sheet, width, sheet};
    l.scene = {0, 0, width, sheet_open ? above - sheet : above};
  }
  intro = std::clamp(intro, 0.0f, 0.5f * l.scene.h);  // the scene keeps at least half its height
  l.intro = {l.scene.x, 0, l.scene.w, intro};
  l.scene.y += intro, l.scene.h -= intro;
  return l;
}

}  // namespace flowlab::app
