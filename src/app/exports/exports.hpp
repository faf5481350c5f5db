#pragma once
// What the page hands out and takes in: the endpoints, the data and the model as files (named
// for the scene and the time), a chosen CSV, and a JSON view of what the page shows for the
// tests. Formatting only; the numbers come from the core.
#include <string>

#include <Eigen/Core>

#include "app/layout.hpp"
#include "app/widgets.hpp"
#include "app/simulation.hpp"
#include "app/state.hpp"
#include "core/runtime/result.hpp"

namespace flowlab::app {

// Endpoints of every pane: header pane,denoiser,x1..xd,class,vertex; one row per particle and pane.
std::string particles_csv(const Simulation& sim);
std::string data_csv(const Simulation& sim);    // the training points
std::string model_json(const Simulation& sim);  // the trained networks (empty when none)
// A download's file name: flowlab-<preset or data>-<what>-<YYYYmmdd-HHMMSS>.<ext>
std::string export_name(const AppState& s, int preset, const std::string& what, const std::string& ext);
// Why a chosen file of `bytes` cannot be a data set (checked before the page reads it); empty if it can.
std::string file_refusal(const std::string& name, double bytes);
// A chosen CSV's points (d by #N), or the message that says why they cannot be a data set.
Result<Eigen::MatrixXd> read_points_file(const std::string& text, const std::string& name);

// What the page shows, for tests: the layout's rectangles, named widgets' rectangles, the panes.
struct InspectView {
  const AppState& state;
  const Simulation& sim;
  const Layout& layout;
  const Widgets& widgets;
  int sheet;
  bool playing;
  const std::string& title;
  const char* view;    // the scene view drawing the panes ("points", "images")
  const char* engine;  // the engine that stepped the flows last ("cpu", "gpu")
  bool awaiting_digits;  // a digits scene waits for the page to fetch the digits
};
std::string inspect_json(const InspectView& v);

}  // namespace flowlab::app
