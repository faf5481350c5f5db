#pragma once
// Where the panels and the scene go on the screen: a pure function of the
// canvas size and the font height (both in canvas pixels), tested natively.
// Wide screens dock the control panel on the left and the statistics on the
// right, full height, so they cover none of the scene.
namespace flowlab::app {

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;  // top-left origin
  bool contains(float px, float py) const { return px >= x && px < x + w && py >= y && py < y + h; }
};

struct Layout {
  bool docked = false;
  Rect controls, stats;  // docked: the panels' columns
  Rect bar, sheet;       // narrow: the bar of buttons at the bottom, and where an opened panel goes
  Rect scene;            // where the panes are drawn
  // Pane i of `panes`, side by side across the scene.
  Rect pane(int i, int panes) const;
};

// Narrow screens keep the scene whole above a bar whose buttons are at least
// 44 CSS pixels tall (`dpr` device pixels each); a panel opens as a sheet over
// the scene's lower part. `ui` false (an embedded scene, ui=0): no panels, the
// scene is the whole canvas.
Layout layout_for(float width, float height, float em, bool ui = true, float dpr = 1);

}  // namespace flowlab::app
