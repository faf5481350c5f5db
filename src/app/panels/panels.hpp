#pragma once
// The panels (Dear ImGui), one file each: each is a function of the state it edits and read-only
// views of the rest, and asks for anything else (a step, a preset, a download) through Commands.
// They compute nothing themselves.
#include "app/commands.hpp"
#include "app/history.hpp"
#include "app/layout.hpp"
#include "app/simulation.hpp"
#include "app/state.hpp"
#include "reproductions.hpp"
#include "app/widgets.hpp"

namespace flowlab::app {

struct PanelContext {
  AppState& state;
  const Simulation& sim;
  const History& history;
  const Layout& layout;
  Widgets& widgets;
  Reproductions& curves;  // the papers' curves, computed in the statistics panel
  Commands& commands;
  float dpr = 1;          // device pixels per CSS pixel
  bool playing = true;
  int preset = -1;        // the preset last chosen, for its explanation
};

void draw_controls(PanelContext& c);  // controls.cpp: the Flowlab panel
void draw_presets(PanelContext& c);   // presets.cpp: the papers' scenes, inside the controls
void draw_training(PanelContext& c);  // training.cpp: the trained denoiser, inside the controls
void draw_stats(PanelContext& c);     // stats.cpp: where particles end, and the papers' curves
void draw_messages(PanelContext& c);  // messages.cpp: why a pane cannot run, and warnings, over the scene
void draw_keys(PanelContext& c, bool& open);  // keys.cpp: the keys, listed (?)

// Where the panels go: docked beside the scene on a wide screen; on a narrow one a bar of two
// buttons, each opening its panel as a sheet over the scene's lower part.
class PanelHost {
 public:
  // The messages, then (outside an embedded scene) the panels, then the keys when asked for.
  void draw(PanelContext& c);
  int sheet() const { return sheet_; }  // narrow screens: 0 none, 1 controls, 2 statistics
  void toggle_keys() { show_keys_ = !show_keys_; }
  void close_keys() { show_keys_ = false; }

 private:
  void draw_ui(PanelContext& c);
  int sheet_ = 0;
  bool show_keys_ = false;
};

}  // namespace flowlab::app
