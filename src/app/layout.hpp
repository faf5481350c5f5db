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
  Rect intro;            // the band above the scene that says what it shows (empty in an embedded scene)
  Rect tab;              // docked, two panes, under 1200 CSS pixels: the controls folded into a tab at the
                         // left edge (empty otherwise); opened, they lie over the scene at `controls`
  Rect scene;            // where the panes are drawn
  // Pane i of `panes`, side by side across the scene.
  Rect pane(int i, int panes) const;
};

// A sheet takes this share of the space above the bar: at most half, at least a quarter.
constexpr float kMinSheet = 0.25f, kMaxSheet = 0.5f;

// Narrow screens keep the scene whole above a bar whose buttons are at least
// 44 CSS pixels tall (`dpr` device pixels each); an open panel (`sheet_open`) is a
// sheet on the bar taking `sheet_share` of the space above it (clamped to
// kMinSheet..kMaxSheet), and the scene is the part above the sheet, so the data stay
// in view while their settings change. `ui` false (an embedded scene, ui=0): no
// panels, the scene is the whole canvas. `intro` pixels at the top of the scene's
// column are the band that says what the scene shows; the scene starts below it.
// Side by side (`panes` 2) on a docked screen under kTabbedWidth CSS pixels, the controls fold
// into a tab so that each pane keeps about 360 pixels.
constexpr float kTabbedWidth = 1200;
Layout layout_for(float width, float height, float em, bool ui = true, float dpr = 1, bool sheet_open = false,
                  float sheet_share = kMaxSheet, float intro = 0, int panes = 1);

}  // namespace flowlab::app
