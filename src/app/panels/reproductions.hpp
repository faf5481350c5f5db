#pragma once
// The papers' curves, computed in the statistics panel: each by the core (core/analysis/
// reproductions.hpp, core/analysis/experiment.hpp) one point per frame, so the page keeps
// drawing, and plotted as it grows. The same numbers as `flowlab experiment ...` at these
// (smaller) sizes.
#include <string>
#include <vector>

namespace flowlab::app {

class Reproductions {
 public:
  void start(int which);  // 0..4, from the panel or the page ("curve0".."curve4"); its panel opens
  void step();            // the next point of the curve being computed (nothing when done)
  void draw();            // inside the statistics panel
  bool requested() const { return show_; }  // a curve was started from the page: open its panel
  // {"curve":K,"done":D,"points":P,"a":[..],"b":[..],"note":".."}
  std::string json() const;

 private:
  int which_ = -1, done_ = 0;
  bool show_ = false;
  std::vector<float> a_, b_;
  char note_[64] = "";  // a line under the title (the score flow's reference, for the flows curve)
};

}  // namespace flowlab::app
