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

// A finger's vertical swipe over a panel (web/app_shell.js): the window under its start scrolls
// by dy canvas pixels, or, started on an open sheet's title bar (its handle), the sheet resizes.
struct Swipe {
  float x = 0, y = 0, dy = 0;  // where it started, and the movement not yet applied
  bool first = false;          // the gesture's first movement: its target is chosen then
};

// The presets' section: opened once on a first visit; whether it is open, for the page to remember.
struct Gallery {
  bool open_next = false;
  bool open = false;
};

// The band above the scene (intro.cpp): its height last frame (the layout keeps it free), and
// what it has opened.
struct Intro {
  float height = 0;
  bool about = false;  // the "What am I looking at?" window
  bool note = false;   // the preset's paragraph
};

class Describer;

struct PanelContext {
  AppState& state;
  const Simulation& sim;
  const History& history;
  const Layout& layout;
  Widgets& widgets;
  Reproductions& curves;  // the papers' curves, computed in the statistics panel
  Commands& commands;
  Swipe& swipe;
  Gallery& gallery;
  float dpr = 1;          // device pixels per CSS pixel
  bool touch = false;     // a touch screen: no keyboard hints
  bool playing = true;
  int preset = -1;        // the preset last chosen, for its explanation
};

void draw_controls(PanelContext& c);  // controls.cpp: the Flowlab panel
void draw_presets(PanelContext& c);   // presets.cpp: the papers' scenes, inside the controls
void draw_training(PanelContext& c);  // training.cpp: the trained denoiser, inside the controls
void draw_stats(PanelContext& c);     // stats.cpp: where particles end, and the papers' curves
void draw_messages(PanelContext& c);  // messages.cpp: why a pane cannot run, and warnings, over the scene
void draw_keys(PanelContext& c, bool& open);  // keys.cpp: the keys, listed (?)
void draw_intro(PanelContext& c, const Describer& describer, Intro& intro);  // intro.cpp: the band above the scene
void draw_about(PanelContext& c, bool& open);  // about.cpp: what each thing drawn means
// A docked panel or a sheet titled `title` at its place (`docked` on a wide screen, the sheet
// otherwise), following the finger's swipes; as ImGui::Begin, End() follows.
void begin_panel(PanelContext& c, const char* title, const Rect& docked);

// Where the panels go: docked beside the scene on a wide screen; on a narrow one a bar of two
// buttons, each opening its panel as a sheet over the scene's lower part.
class PanelHost {
 public:
  // The messages, then (outside an embedded scene) the band above the scene and the panels, then
  // the keys and the explanation when asked for.
  void draw(PanelContext& c, const Describer& describer);
  float intro_height() const { return intro_.height; }
  int sheet() const { return sheet_; }  // narrow screens: 0 none, 1 controls, 2 statistics
  float sheet_share() const { return sheet_share_; }  // of the space above the bar (layout.hpp)
  void toggle_keys() { show_keys_ = !show_keys_; }
  void close_keys() { show_keys_ = false; }
  // A first visit: the presets open (on a narrow screen, in the controls' sheet).
  void open_gallery() { gallery_.open_next = true, sheet_ = 1, tab_open_ = true; }  // wherever the controls are
  bool gallery_open() const { return gallery_.open; }
  bool tab_open() const { return tab_open_; }
  // A finger's vertical swipe that started at (x, y), moved by dy canvas pixels (`first`: its first move).
  void swipe(float x, float y, float dy, bool first);
  Swipe& pending_swipe() { return swipe_; }
  Gallery& gallery() { return gallery_; }

 private:
  void draw_ui(PanelContext& c);
  void resize_sheet(const Layout& layout);  // a swipe that started on the sheet's handle
  void draw_tab(PanelContext& c);
  int sheet_ = 0;
  bool tab_open_ = false;  // side by side on a narrow docked screen: the controls unfolded from their tab
  float sheet_share_ = kMaxSheet;
  bool show_keys_ = false;
  bool resizing_ = false;  // the current swipe holds the sheet's handle
  Swipe swipe_;
  Gallery gallery_;
  Intro intro_;
};

}  // namespace flowlab::app
