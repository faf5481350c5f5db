#pragma once
// What the panels share: small Dear ImGui helpers (std::string combos, double inputs and sliders),
// and the record of what this frame showed (named widgets' rectangles, labels cut by a panel's
// edge) that inspect_json hands the tests.
#include <imgui.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "app/choices.hpp"
#include "app/layout.hpp"

namespace flowlab::app {

class Widgets {
 public:
  void begin_frame() { rects_.clear(), clipped_.clear(), dropdowns_.clear(), grabs_.clear(); }
  // Sliders that remember where their grab is drawn: on a touch screen a horizontal drag moves
  // a slider only when it starts on the grab (a swipe elsewhere must not edit a value).
  bool slider(const char* label, double& v, double lo, double hi, const char* fmt);
  bool slider_int(const char* label, int& v, int lo, int hi);
  bool over_grab(float x, float y) const;
  // The last widget's rectangle, under `name`.
  void remember(const char* name);
  void remember(const std::string& name, const Rect& r) { rects_.emplace_back(name, r); }
  // After a labelled control: its tooltip, and whether its label fits the panel.
  void explain(const char* label);
  void clipped(const char* label) { clipped_.emplace_back(label); }
  // A section header, opened when the page asked for every section (tests) or by the reader.
  bool section(const char* name, bool open_by_default);
  void open_all() { open_all_ = true; }  // every section, this frame
  // A dropdown of human names (choices.hpp) that stores the link's value; what it shows is recorded.
  template <std::size_t N>
  bool combo(const char* label, std::string& value, const Choice (&options)[N]) {
    bool changed = false;
    const char* shown = label_of(options, value);
    // A name wider than the box would be cut: noted with the labels that do not fit.
    if (ImGui::CalcTextSize(shown).x > ImGui::CalcItemWidth() - ImGui::GetFrameHeight() - 2 * ImGui::GetStyle().FramePadding.x)
      clipped_.emplace_back(shown);
    if (ImGui::BeginCombo(label, shown)) {
      for (const Choice& o : options)
        if (ImGui::Selectable(o.label, value == o.value)) value = o.value, changed = true;
      ImGui::EndCombo();
    }
    dropdowns_.push_back({label, value, shown});
    return changed;
  }
  struct Dropdown {
    std::string label, value, shown;  // the control, the link's value, what it shows
  };
  const std::vector<Dropdown>& dropdowns() const { return dropdowns_; }
  void end_frame() { open_all_ = false; }
  const std::vector<std::pair<std::string, Rect>>& rects() const { return rects_; }
  const std::vector<std::string>& clipped_labels() const { return clipped_; }
  std::vector<float>& plot_buffer() { return plot_; }  // a curve's values for ImGui, kept between frames
  std::vector<float>& plot_x_buffer() { return plot_x_; }  // and its x, where they are not evenly spaced


 private:
  std::vector<std::pair<std::string, Rect>> rects_;  // named widgets, this frame
  std::vector<std::string> clipped_;                 // labels cut by the panel's edge, this frame
  bool open_all_ = false;
  std::vector<Dropdown> dropdowns_;  // this frame
  std::vector<float> plot_, plot_x_;
  std::vector<Rect> grabs_;  // the sliders' grabs, this frame, widened for a finger
  void remember_grab(const char* label, float width, double t, bool integer, double range);
};

inline void input_double(const char* label, double& v, const char* fmt = "%.4g") {
  ImGui::InputDouble(label, &v, 0.0, 0.0, fmt);
}

inline void input_seed(const char* label, std::uint64_t& seed) {
  int s = static_cast<int>(seed % 1000000);
  if (ImGui::InputInt(label, &s) && s >= 0) seed = static_cast<std::uint64_t>(s);
}

}  // namespace flowlab::app
