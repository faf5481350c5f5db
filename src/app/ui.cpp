// The control panel and the statistics panel (Dear ImGui): they edit AppState
// and read the Simulation; they compute nothing themselves.
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <iterator>

#include "app.hpp"
#include "colors.hpp"
#include "presets.hpp"

namespace flowlab::app {
namespace {
bool combo(const char* label, std::string& value, std::initializer_list<const char*> options) {
  bool changed = false;
  if (ImGui::BeginCombo(label, value.c_str())) {
    for (const char* o : options)
      if (ImGui::Selectable(o, value == o)) value = o, changed = true;
    ImGui::EndCombo();
  }
  return changed;
}

void input_double(const char* label, double& v, const char* fmt = "%.4g") {
  ImGui::InputDouble(label, &v, 0.0, 0.0, fmt);
}

bool slider(const char* label, double& v, double lo, double hi, const char* fmt) {
  return ImGui::SliderScalar(label, ImGuiDataType_Double, &v, &lo, &hi, fmt);
}

void input_seed(const char* label, std::uint64_t& seed) {
  int s = static_cast<int>(seed % 1000000);
  if (ImGui::InputInt(label, &s) && s >= 0) seed = static_cast<std::uint64_t>(s);
}
}  // namespace

void App::draw_ui() {
  const float em = ImGui::GetFontSize();  // sizes in font heights follow the UI scale (high-DPI)
  const Rect& c = layout_.controls;
  // Docked: the panel's column, full height, always; floating: where it starts.
  const ImGuiCond cond = layout_.docked ? ImGuiCond_Always : ImGuiCond_FirstUseEver;
  ImGui::SetNextWindowPos(ImVec2(c.x, c.y), cond);
  ImGui::SetNextWindowSize(ImVec2(c.w, c.h), cond);
  if (!layout_.docked) ImGui::SetNextWindowCollapsed(true, ImGuiCond_FirstUseEver);  // narrow: the scene first
  ImGui::Begin("Flowlab", nullptr, layout_.docked ? ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse : 0);
  ImGui::PushItemWidth(-12 * em);  // a column of 12 font heights for the labels
  if (ImGui::Button(playing_ ? "Pause" : "Play")) playing_ = !playing_;
  ImGui::SameLine();
  if (ImGui::Button("Step")) sim_.step(1), playing_ = false;
  ImGui::SameLine();
  if (ImGui::Button("Reset")) sim_.reset(), trails_.clear(), playing_ = true;
  ImGui::SameLine();
  ImGui::BeginDisabled(!history_.can_undo());
  if (ImGui::Button("Undo")) request("undo");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!history_.can_redo());
  if (ImGui::Button("Redo")) request("redo");
  ImGui::EndDisabled();
  ImGui::TextDisabled("keys: space, S step, R reset, F fit, ctrl+Z");
  ImGui::ProgressBar(static_cast<float>(sim_.progress()), ImVec2(-1, 0));

  draw_presets();
  if (ImGui::CollapsingHeader("Data", ImGuiTreeNodeFlags_DefaultOpen)) {
    combo("preset", state_.preset, {"simplex", "orthogonal", "points1d", "rays", "collinear", "clusters", "custom"});
    const std::string& p = state_.preset;
    // Only what applies, in ranges the data can take (a simplex and orthogonal data need N <= d).
    if (p != "custom") {
      const bool bounded = p == "simplex" || p == "orthogonal" || p == "rays";
      ImGui::SliderInt(p == "simplex" ? "N (edges)" : p == "rays" ? "N (rays)" : p == "clusters" ? "N (clusters)" : "N",
                       &state_.n, 1, bounded ? std::max(1, std::min(12, state_.d)) : 12);
      if (p != "points1d") ImGui::SliderInt("d", &state_.d, bounded ? std::min(state_.n, 8) : 1, 8);
      if (p == "simplex" || p == "rays") slider("angle", state_.angle, 30.0, 170.0, "%.0f deg");
      input_double("length", state_.length);
      if (p == "rays" || p == "clusters") ImGui::SliderInt(p == "rays" ? "per ray" : "per cluster", &state_.per_ray, 1, 8);
      input_seed("data seed", state_.data_seed);
    } else {
      ImGui::Text("%d points in %d dimensions", static_cast<int>(sim_.data().cols()), static_cast<int>(sim_.data().rows()));
    }
    ImGui::TextDisabled("drag a point to move it, ctrl-click adds one, right-click removes one");
  }
  if (ImGui::CollapsingHeader("Denoiser", ImGuiTreeNodeFlags_DefaultOpen)) {
    combo("denoiser", state_.denoiser, {"minnorm", "emmse", "ksmooth", "trained"});
    input_double("alpha (0: sqrt d)", state_.alpha);
    if (state_.denoiser == "ksmooth" || state_.denoiser_b == "ksmooth") {
      input_double("bandwidth", state_.bandwidth);
      ImGui::InputInt("nodes", &state_.nodes);
    }
    combo("fallback", state_.fallback, {"clamp", "emmse", "none"});
    ImGui::Checkbox("side by side", &state_.side_by_side);
    if (state_.side_by_side) combo("right pane", state_.denoiser_b, {"emmse", "minnorm", "ksmooth", "trained"});
    if (state_.uses("trained")) draw_training();
  }
  if (ImGui::CollapsingHeader("Flow", ImGuiTreeNodeFlags_DefaultOpen)) {
    combo("flow", state_.flow, {"pf", "score", "sde", "langevin"});
    if (state_.flow == "score" || state_.flow == "langevin") {
      input_double("sigma", state_.sigma);
    } else {
      input_double("sigma max", state_.sigma_max);
      input_double("sigma min", state_.sigma_min);
      combo("grid", state_.grid, {"edm", "geometric", "linear"});
    }
    ImGui::InputInt("steps", &state_.steps);
    combo("integrator", state_.integrator, {"heun", "euler", "rk4", "adaptive"});
    slider("speed (steps/frame)", state_.speed, 0.0, 20.0, "%.2f");
  }
  if (ImGui::CollapsingHeader("Particles")) {
    ImGui::InputInt("count", &state_.particles, 100, 1000);
    combo("start", state_.init, {"gaussian", "uniform", "grid", "click"});
    input_double("spread", state_.init_spread);
    if (state_.init == "click") {
      ImGui::TextDisabled("click the view to spawn a cloud there (%d so far)",
                          static_cast<int>(state_.spawn.size() / static_cast<std::size_t>(std::max(1, state_.d))));
      if (ImGui::SmallButton("Clear clicks")) state_.spawn.clear();
    }
    input_seed("seed", state_.seed);
  }
  if (ImGui::CollapsingHeader("Share and export")) {
    if (ImGui::Button("Copy link")) request("copy");
    ImGui::SameLine();
    if (ImGui::Button("PNG")) request("png");
    ImGui::SameLine();
    if (ImGui::Button("Endpoints CSV")) request("particles");
    if (ImGui::Button("Dataset CSV")) request("data");
    ImGui::SameLine();
    if (ImGui::Button("Load dataset...")) request("load");
  }
  if (ImGui::CollapsingHeader("View")) {
    if (ImGui::Button("Fit view (F)")) fit_pending_ = true;
    ImGui::Checkbox("arrows h(y) - y", &state_.show_field);
    ImGui::SameLine();
    ImGui::Checkbox("streamlines", &state_.show_stream);
    ImGui::Checkbox("|h(y) - y| heatmap", &state_.show_heat);
    ImGui::SameLine();
    ImGui::Checkbox("noise balls", &state_.show_balls);
    ImGui::Checkbox("trails", &state_.show_trails);
    if (state_.show_trails) {
      ImGui::SameLine();
      ImGui::SetNextItemWidth(8 * em);
      slider("fade (s)", state_.fade, 0.05, 10.0, "%.2f");
    }
    input_double("field at sigma (0: now)", state_.field_sigma);
    combo("colour by", state_.color_by, {"class", "vertex"});
    if (state_.d > 3) {
      combo("projection", state_.projection, {"pca", "axes"});
      if (state_.projection == "axes") {
        ImGui::SliderInt("across: x_i, i", &state_.axis_x, 0, state_.d - 1);
        ImGui::SliderInt("up: x_j, j", &state_.axis_y, 0, state_.d - 1);
      }
    }
    slider("tolerance tau", state_.tol, 0.01, 0.45, "%.2f");
  }
  ImGui::PopItemWidth();
  ImGui::End();
  draw_stats();
}

// The trained denoiser's settings, its progress and its loss and cost curves.
void App::draw_training() {
  ImGui::Separator();
  ImGui::TextUnformatted("Training the network");
  ImGui::InputInt("width K", &state_.width);
  combo("method", state_.trainer, {"auglag", "adam"});
  if (state_.trainer == "adam") input_double("weight decay lambda", state_.lambda);
  ImGui::InputInt("epochs per level", &state_.epochs, 500, 5000);
  ImGui::InputInt("samples per point M", &state_.samples);
  input_double("learning rate", state_.lr);
  if (state_.flow == "pf" || state_.flow == "sde") ImGui::SliderInt("noise levels", &state_.levels, 1, 8);
  const Training& t = sim_.training();
  if (!t.error.empty()) ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s", t.error.c_str());
  char label[96];
  const int epoch = t.trainer ? t.trainer->epoch() : 0;
  std::snprintf(label, sizeof label, "level %d/%d  sigma %.3g  epoch %d/%d", t.level + 1, static_cast<int>(t.sigmas.size()),
                t.sigmas.empty() ? 0.0 : t.sigmas[static_cast<std::size_t>(t.level)], epoch, state_.epochs);
  ImGui::ProgressBar(static_cast<float>(t.progress()), ImVec2(-1, 0), t.finished ? "trained" : label);
  if (ImGui::Button(sim_.training_paused() ? "Resume training" : "Pause training")) sim_.pause_training(!sim_.training_paused());
  ImGui::SameLine();
  if (ImGui::Button("Download model")) request("model");
  if (t.trainer && !t.trainer->history().empty()) {
    const auto& h = t.trainer->history();
    const EpochReport& last = h.back();
    ImGui::Text("loss %.4g  interpolation %.3g  cost %.5g", last.loss, last.interpolation, last.cost);
    // the curves, subsampled to at most 200 points
    const std::size_t step = std::max<std::size_t>(1, h.size() / 200);
    curve_.clear();
    for (std::size_t i = 0; i < h.size(); i += step) curve_.push_back(static_cast<float>(h[i].loss));
    ImGui::PlotLines("loss", curve_.data(), static_cast<int>(curve_.size()), 0, nullptr, FLT_MAX, FLT_MAX, ImVec2(0, 2.5f * ImGui::GetFontSize()));
    curve_.clear();
    for (std::size_t i = 0; i < h.size(); i += step) curve_.push_back(static_cast<float>(std::log10(std::max(h[i].interpolation, 1e-12))));
    ImGui::PlotLines("log10 interp.", curve_.data(), static_cast<int>(curve_.size()), 0, nullptr, FLT_MAX, FLT_MAX, ImVec2(0, 2.5f * ImGui::GetFontSize()));
    curve_.clear();
    for (std::size_t i = 0; i < h.size(); i += step) curve_.push_back(static_cast<float>(h[i].cost));
    ImGui::PlotLines("cost", curve_.data(), static_cast<int>(curve_.size()), 0, nullptr, FLT_MAX, FLT_MAX, ImVec2(0, 2.5f * ImGui::GetFontSize()));
  }
  ImGui::Checkbox("show the units' boundaries", &state_.show_relu);
}

void App::draw_presets() {
  const bool open = ImGui::CollapsingHeader("Presets (the papers' pictures)");
  remember_rect("presets");
  if (!open) return;
  for (int i = 0; i < static_cast<int>(std::size(kPresets)); ++i) {
    if (ImGui::Selectable(kPresets[i].name, preset_ == i)) {
      request("preset" + std::to_string(i));
    }
    if (i == 0) remember_rect("preset0");
  }
  if (preset_ >= 0) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.8f, 0.88f, 1));
    ImGui::TextWrapped("%s", kPresets[preset_].explanation);
    ImGui::PopStyleColor();
  }
}

void App::draw_stats() {
  const ImGuiIO& io = ImGui::GetIO();
  const float em = ImGui::GetFontSize();
  const Rect& r = layout_.stats;
  const ImGuiCond cond = layout_.docked ? ImGuiCond_Always : ImGuiCond_FirstUseEver;
  ImGui::SetNextWindowPos(ImVec2(r.x, r.y), cond);
  ImGui::SetNextWindowSize(ImVec2(r.w, r.h), cond);
  if (!layout_.docked) ImGui::SetNextWindowCollapsed(!reproduction_.show, reproduction_.show ? ImGuiCond_Always : ImGuiCond_FirstUseEver);
  if (reproduction_.show && !layout_.docked)  // a requested curve: room for its panel, which opens below the classes
    ImGui::SetNextWindowSize(ImVec2(r.w, std::min(io.DisplaySize.y - 20, 50 * em)), ImGuiCond_Always);
  ImGui::Begin("Where particles end", nullptr,
               layout_.docked ? ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse : 0);
  const bool graded = state_.flow == "pf" || state_.flow == "sde";
  ImGui::Text("%s  sigma = %.4g  rho = %.4g", graded ? "now" : "fixed", sim_.sigma_now(), sim_.rho_now());
  for (int p = 0; p < sim_.panes(); ++p) {
    const Pane& pane = sim_.pane(p);
    ImGui::Separator();
    ImGui::TextUnformatted(denoiser_label(pane.denoiser_name));
    for (EndClass c : sim_.classes()) {
      const double f = pane.classes.fraction(c);
      char overlay[64];
      std::snprintf(overlay, sizeof overlay, "%s  %ld (%.1f%%)", to_string(c), pane.classes.counts[static_cast<int>(c)],
                    100 * f);
      const ImVec4 color = ImGui::ColorConvertU32ToFloat4(class_color(c));
      ImGui::PushStyleColor(ImGuiCol_PlotHistogram, ImVec4(color.x, color.y, color.z, 0.85f));
      ImGui::ProgressBar(static_cast<float>(f), ImVec2(-1, 0), overlay);
      ImGui::PopStyleColor();
    }
  }
  ImGui::Separator();
  draw_reproductions();
  ImGui::End();
}

}  // namespace flowlab::app
