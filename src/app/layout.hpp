#pragma once
// Where the panels and the scene go on the screen: a pure function of the
// canvas size and the font height (both in canvas pixels), tested natively.
// Wide screens dock the control panel on the left and the statistics on the
// right, full height, so they cover none of the scene; narrow ones let the
// panels float over it.
namespace flowlab::app {

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;  // top-left origin
  bool contains(float px, float py) const { return px >= x && px < x + w && py >= y && py < y + h; }
};

struct Layout {
  bool docked = false;
  Rect controls, stats;  // docked: their rectangles; floating: their first position and width
  Rect scene;            // where the panes are drawn
  // Pane i of `panes`, side by side across the scene.
  Rect pane(int i, int panes) const;
};

// `ui` false (an embedded scene, ui=0): no panels, the scene is the whole canvas.
Layout layout_for(float width, float height, float em, bool ui = true);

}  // namespace flowlab::app
