#pragma once
// The simulator's app layer: owns the AppState, the Simulation and the
// renderer, and runs one frame at a time (input -> step -> render -> UI).
// The platform (src/platform) owns the window and the loop and calls in.
#include <string>
#include <vector>

#include "render/plot.hpp"
#include "render/trails.hpp"
#include "history.hpp"
#include "layout.hpp"
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
  const std::string& gl_error() const { return plot_.error(); }
  bool playing() const { return playing_; }
  bool done() const { return sim_.done(); }
  // The page's title: the caption, the preset's name, or the data and denoiser.
  std::string title() const;
  // A text summary of the scene for screen readers: data, denoiser, flow, and the classes once done.
  std::string summary() const;
  // Device pixels per CSS pixel (the platform's): sizes of points and pick radii follow it.
  void set_pixel_ratio(double dpr) { dpr_ = static_cast<float>(dpr); }
  // Wheel notches from the page, already normalised (positive: up, zoom in), at canvas pixel (x, y).
  void wheel(double notches, double x, double y);

  // What the UI asked the platform to do after this frame (downloads need the
  // frame's pixels, the clipboard and file dialogs belong to the page).
  struct Requests {
    bool copy_link = false, png = false, particles_csv = false, data_csv = false, load_csv = false, model = false;
  };
  Requests take_requests();
  // "png", "particles", "data", "copy", "load", "model", "undo", "redo", "fit", "open-all" (every section);
  // "preset0".."preset7" chooses a preset; "curve0".."curve4" starts a paper's curve (also from the page)
  void request(const std::string& what);
  // Endpoints of every pane: header pane,denoiser,x1..xd,class,vertex; one row per particle and pane.
  std::string particles_csv() const;
  std::string data_csv() const;           // the training points
  std::string model_json() const;         // the trained networks (empty when none)
  // A download's file name: flowlab-<preset or data>-<YYYYmmdd-HHMMSS>.<ext>
  std::string export_name(const std::string& what, const std::string& ext) const;
  // The paper's curve being computed: {"curve":K,"done":D,"points":P,"a":[..],"b":[..],"note":".."}.
  std::string curve_json() const;
  // What the page shows, for tests: the layout's rectangles, named widgets' rectangles, the panes.
  std::string inspect_json() const;
  // Whether a chosen file of `bytes` can be a data set (checked before the page reads it); a notice if not.
  bool accept_file(const std::string& name, double bytes);
  // A CSV chosen by the user: on success the data become these points; errors become notices.
  void load_points_csv(const std::string& text, const std::string& name);
  // Touch gestures the page recognises (pixel coordinates of the canvas): "zoom" by factor `value`
  // about (x, y); "pan" by (value, value2) pixels; "press" (long press) removes the point under (x, y).
  void gesture(const std::string& kind, double x, double y, double value, double value2);

 private:
  void restore(const LinkRead& r, const char* source);  // a link's state becomes the state (init, open_link, presets)
  void handle_keys();
  void handle_input();
  int pane_at(double px) const;                          // the pane under canvas pixel x
  // Canvas pixel (px, py) in pane `pane`'s world coordinates.
  void to_world(int pane, double px, double py, double& wx, double& wy) const;
  Eigen::Index point_under(double wx, double wy, double scale) const;  // the 2-D training point there, or -1
  void edit_as_custom();  // editing turns the data into the user's own points
  double snap(double world, double scale) const;  // a clicked coordinate, rounded to the pixel's precision
  void zoom_about(double wx, double wy, double factor);
  void fit_view();        // the camera that shows the data whole
  void check_edits();     // undoes edits outside the link's ranges, or that make no data
  bool centred_projection(Eigen::Index d) const;
  Eigen::VectorXd world_point(double wx, double wy) const;  // a point of the view in data space (for spawning)
  void draw_pane(int pane, const Rect& r, int height);
  void build_particles(int pane);
  void draw_markers(int pane, const render::View2D& view);
  void update_camera();
  // Where column j of m is drawn: its coordinates for d = 2, the orbit camera's
  // orthographic view for d = 3, the data's two principal axes for d > 3.
  std::pair<float, float> screen(const Eigen::MatrixXd& m, Eigen::Index j) const;
  std::pair<float, float> screen(const Eigen::VectorXd& v) const;
  void draw_trails(int panes, int width, int height, bool moved);  // moved: the flow stepped this frame
  void draw_ui();        // the panels: docked, or a bar and a sheet on narrow screens
  void draw_controls();
  void draw_stats();
  void draw_overlay();    // pane labels, the legend and the messages, over the scene (in the PNG too)
  void draw_measurement();  // the inverse problem: the line, its band, the exact posterior and the samples per point
  // The inverse problem's line under the mouse: shift-drag draws it, a drag on it moves it. True while it
  // takes the mouse (the view then does not pan).
  bool drag_line(bool pressed, double wx, double wy, double scale);
  void draw_keys();       // the keys, listed (?)
  int matching_preset() const;  // the preset whose scene this is, or -1
  void rebuild_field(int pane, const render::View2D& view);
  double field_sigma() const;  // the noise level the field is drawn at
  // The heatmap (drawn under the trails) or the arrows and streamlines (over them).
  void draw_field(int pane, const render::View2D& view, bool heat);
  std::string field_key(const render::View2D& view) const;
  void draw_function_1d(int pane, const render::View2D& view);
  void build_relu_lines(const render::View2D& view, std::vector<render::Vertex>& out) const;
  void draw_training();
  void draw_reproductions();
  void step_reproduction();
  void draw_presets();
  render::View2D view_for(double width, double height) const;
  void remember_rect(const char* name);  // the last widget's rectangle, for inspect_json
  void explain(const char* label);       // the last control's tooltip; notes a label that does not fit
  bool section(const char* name, bool open_by_default);

  AppState state_;
  AppState last_valid_;  // the state before this frame's edits
  Simulation sim_;
  History history_;
  Layout layout_;
  double now_ = 0;       // seconds (ImGui's clock)
  float dpr_ = 1;        // device pixels per CSS pixel
  render::Plot plot_;
  render::Trails trails_;
  std::string trails_key_;  // the view the trail layer was drawn in
  double last_trail_s_ = -1;
  std::vector<std::vector<render::Vertex>> particle_verts_;  // per pane, this frame
  bool playing_ = true;
  bool fit_pending_ = false;
  bool show_keys_ = false;
  int sheet_ = 0;         // narrow screens: the open sheet (0 none, 1 controls, 2 statistics)  // fit the view once the scene is known (a link without a camera)
  double step_debt_ = 0.0;
  std::vector<std::string> notices_;
  std::vector<render::Vertex> verts_;
  struct FieldCache {  // per pane: the field layers (or the 1-D curve), rebuilt when `key` changes
    std::string key;
    std::uint64_t generation = 0;
    std::vector<render::Vertex> heat, lines;
  };
  std::vector<FieldCache> field_;
  std::uint64_t field_generation_ = 0;
  struct Reached {  // per pane: the vertices the particles reached, refreshed with the classification
    std::uint64_t classified = ~std::uint64_t{0};
    double when = -1e300;  // seconds
    std::vector<Classifier::Reached> vertices;
  };
  std::vector<Reached> reached_;
  std::vector<Classifier::Reached> corners_;  // d = 3: the hyperbox's vertices, labelled
  std::uint64_t corners_key_ = 0;
  std::vector<float> curve_;  // the training curves, for ImGui
  struct Reproduction {       // a paper's curve being computed in the statistics window
    int which = -1, done = 0;
    bool show = false;  // open its panel (requested from the page)
    std::vector<float> a, b;
    char note[64] = "";  // a line under the title (the score flow's reference, for the flows curve)
  };
  Reproduction reproduction_;
  bool dragging_ = false;
  int line_drag_ = 0;  // the inverse problem's line: 0 not dragged, 1 moved, 2 drawn from (line_x0_, line_y0_)
  double line_x0_ = 0, line_y0_ = 0;
  int dragged_point_ = -1;  // the training point being dragged, or -1
  int drag_pane_ = 0;
  Eigen::Matrix<double, 2, 3> camera_ = Eigen::Matrix<double, 2, 3>::Zero();  // d = 3: rows are screen axes
  Eigen::VectorXd pivot_;       // the data's centre (d = 3 and d > 3)
  Eigen::MatrixXd projection_;  // d > 3: the data's two principal axes (or two coordinate axes), 2 by d
  std::string projection_key_;
  double drag_x_ = 0, drag_y_ = 0, press_x_ = 0, press_y_ = 0;
  int preset_ = -1;  // the preset last chosen, for its explanation
  mutable std::string title_key_, title_;  // title() for the state it was made for
  Requests requests_;
  std::vector<std::pair<std::string, Rect>> rects_;  // named widgets, this frame (inspect_json)
  std::vector<std::string> clipped_;                 // labels cut by the panel's edge, this frame
  bool open_all_ = false;                            // open every section this frame (requested by tests)
};

}  // namespace flowlab::app
