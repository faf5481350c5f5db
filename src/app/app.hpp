#pragma once
// The simulator's app layer: owns the AppState, the Simulation and the rooms, and runs one frame
// at a time in the algorithm's order: input -> train -> step -> draw -> UI -> apply. Each room
// (input/, engine/, scene/, panels/, exports/) is a type of its own with a narrow interface; App
// only hands them what they read and applies what they ask for. The platform (src/platform) owns
// the window and the loop and calls in.
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "engine/engine.hpp"
#include "describe.hpp"
#include "history.hpp"
#include "input/input.hpp"
#include "layout.hpp"
#include "panels/panels.hpp"
#include "projector.hpp"
#include "scene/overlay.hpp"
#include "scene/scene_view.hpp"
#include "share_link.hpp"
#include "simulation.hpp"

namespace flowlab::app {

class App {
 public:
  // `fragment` is the share link's fragment (may be empty or malformed).
  bool init(const std::string& fragment);
  void frame(int width, int height);
  void shutdown();
  std::string link() const { return to_fragment(state_); }
  // A link opened in the running page (the address bar, Back or Forward): restored like init's.
  void open_link(const std::string& fragment);
  // Notices for the page, each naming its source ("Link: ...", "Edit not applied: ...", "Load dataset: ...").
  const std::vector<std::string>& notices() const { return notices_; }
  const std::string& gl_error() const { return gl_error_; }
  bool playing() const { return playing_; }
  bool done() const { return sim_.done(); }
  // The page's title: the caption, the preset's name, or the data and denoiser.
  const std::string& title() const { return describer_.title(state_, preset_); }
  // A text summary of the scene for screen readers: data, denoiser, flow, and the classes once done.
  std::string summary() const { return describer_.summary(state_, sim_, preset_); }
  // Device pixels per CSS pixel (the platform's): sizes of points and pick radii follow it.
  // `scale` (the link's scale=, 1 to 3, for projectors) enlarges the text and the markers.
  void set_pixel_ratio(double dpr, double scale = 1.0);
  double text_scale() const { return state_.scale; }
  // Wheel notches from the page, already normalised (positive: up, zoom in), at canvas pixel (x, y).
  void wheel(double notches, double x, double y) {
    if (view().pointer_edits() || over_panel(x, y)) input_.wheel(notches, x, y, panels_.sheet() != 0);
  }

  // What the UI asked the platform to do after this frame (downloads need the
  // frame's pixels, the clipboard and file dialogs belong to the page).
  struct Requests {
    bool copy_link = false, png = false, particles_csv = false, data_csv = false, load_csv = false, model = false;
    bool digits = false;  // a digits scene waits for the handwritten digits: fetch them (see awaiting_digits)
  };
  Requests take_requests();
  // "png", "particles", "data", "copy", "load", "model", "undo", "redo", "fit", "open-all" (every section);
  // "preset0".."preset7" chooses a preset; "curve0".."curve4" starts a paper's curve (also from the page)
  void request(const std::string& what);
  // Endpoints of every pane: header pane,denoiser,x1..xd,class,vertex (data without edge structure:
  // then nearest,ratio, Gu et al.'s); one row per particle and pane.
  std::string particles_csv() const;
  std::string data_csv() const;           // the training points
  std::string model_json() const;         // the trained networks (empty when none)
  // A download's file name: flowlab-<preset or data>-<YYYYmmdd-HHMMSS>.<ext>
  std::string export_name(const std::string& what, const std::string& ext) const;
  // The paper's curve being computed: {"curve":K,"done":D,"points":P,"a":[..],"b":[..],"note":".."}.
  std::string curve_json() const { return curves_.json(); }
  // What the page shows, for tests: the layout's rectangles, named widgets' rectangles, the panes.
  std::string inspect_json() const;
  // Whether a chosen file of `bytes` can be a data set (checked before the page reads it); a notice if not.
  bool accept_file(const std::string& name, double bytes);
  // A CSV chosen by the user: on success the data become these points; errors become notices.
  void load_points_csv(const std::string& text, const std::string& name);
  // Touch gestures the page recognises (pixel coordinates of the canvas): "zoom" by factor `value`
  // about (x, y); "pan" by (value, value2) pixels; "press" (long press) removes the point under (x, y);
  // "swipe": a vertical swipe over a panel that started at (x, y), by `value` pixels (value2 1: its first move).
  void gesture(const std::string& kind, double x, double y, double value, double value2);
  // Whether canvas pixel (x, y) is over a panel, the bar or an open sheet (a finger there scrolls or taps).
  bool over_panel(double x, double y) const;
  bool over_grab(double x, double y) const { return widgets_.over_grab(static_cast<float>(x), static_cast<float>(y)); }
  // A touch screen (the page's primary pointer is a finger): no keyboard hints.
  void set_touch(bool touch) { touch_ = touch; }
  // A first visit: the presets open. Whether they are open now, for the page to remember.
  void open_gallery() { panels_.open_gallery(); }
  bool gallery_open() const { return panels_.gallery_open(); }
  // A digits scene asked for before the page has the digits (core/data/digits.hpp: it fetches them
  // on first use) waits, the scene before it still shown; the address keeps the link asked for.
  bool awaiting_digits() const { return awaiting_ != nullptr; }
  const std::string& awaited_link() const { return awaiting_->link; }
  // The digits arrived (ok) or could not be downloaded: the waiting scene opens, or a notice says why.
  void digits_arrived(bool ok);

 private:
  void restore(const LinkRead& r, const char* source);  // a link's state becomes the state (init, open_link, presets)
  void apply(const Commands& c);  // what input, a panel or the page asked for, in the frame's order
  void check_edits();             // undoes edits outside the link's ranges, or that make no data
  SceneView& view() const;        // the first view that accepts the scene
  Engine& engine();               // the first engine that accepts it
  void step(int steps, double budget_ms);  // by that engine
  const char* stepped_by_ = "cpu";         // the engine that stepped the flows last
  Engine* last_engine_ = nullptr;

  AppState state_;
  AppState last_valid_;  // the state before this frame's edits
  Simulation sim_;
  History history_;
  Layout layout_;
  Projector projector_{state_, sim_, layout_};
  SceneContext scene_{state_, sim_, layout_, projector_};
  Input input_{state_, sim_, layout_, projector_};
  std::vector<std::unique_ptr<Engine>> engines_ = make_engines();
  std::vector<std::unique_ptr<SceneView>> views_ = make_scene_views(scene_);
  Overlay overlay_;  // the legend remembers its corner
  PanelHost panels_;
  Widgets widgets_;
  Reproductions curves_;
  Describer describer_;
  double now_ = 0;  // seconds (ImGui's clock)
  float dpr_ = 1;   // device pixels per CSS pixel
  float marks_ = 1; // the markers' and the text's pixels per CSS pixel: dpr times the link's scale
  bool playing_ = true;
  bool fit_pending_ = false;  // fit the view once the scene is known (a link without a camera)
  bool touch_ = false;
  double step_debt_ = 0.0;
  int preset_ = -1;  // the preset last chosen, for its explanation
  std::vector<std::string> notices_;
  Requests requests_;
  struct Awaiting {
    LinkRead read;
    std::string source, link;
    bool opens_page = false;  // the page's first link: undo starts from it, not from the scene shown meanwhile
  };
  std::unique_ptr<Awaiting> awaiting_;
  bool await_digits(const LinkRead& r, const char* source);  // true: r waits for the digits
  std::string gl_error_;
};

}  // namespace flowlab::app
