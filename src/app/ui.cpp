// The control panel and the statistics panel (Dear ImGui): they edit AppState
// and read the Simulation; they compute nothing themselves.
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <iterator>

#include "app.hpp"
#include "colors.hpp"
#include "presets.hpp"
#include "widgets.hpp"

namespace flowlab::app {
namespace {
// What each control does, and its field in the share link (shown as its tooltip).
struct Help {
  const char* label;
  const char* field;
  const char* text;
};
constexpr Help kHelp[] = {
    {"preset", "preset", "The training data: a generated family, or your own points (custom)."},
    {"N", "n", "How many points (simplex: edges from the apex; rays; clusters)."},
    {"d", "d", "The dimension of the data."},
    {"angle", "angle", "The angle between the edges or rays at the apex, in degrees (90: a right angle)."},
    {"length", "length", "The edge length, or the spacing of the points."},
    {"per ray", "per", "Points on each ray, or in each cluster."},
    {"data seed", "dseed", "The seed of the generated data (rotations, lengths, clusters)."},
    {"denoiser", "den", "minnorm: the min-norm ReLU network in closed form; emmse: the empirical MMSE (memorizing); "
                        "ksmooth: the kernel-smoothed score; trained: a network trained here."},
    {"alpha (0: sqrt d)", "alpha", "The noise ball's radius per unit of noise, rho = alpha sigma (0: sqrt d)."},
    {"bandwidth", "bw", "ksmooth: the kernel's bandwidth in space."},
    {"nodes", "nodes", "ksmooth: quadrature nodes, each one MMSE evaluation."},
    {"fallback", "fb", "Where the closed form is infeasible (2 rho reaches a gap): shrink rho (clamp), use the "
                       "empirical MMSE, or stop (none)."},
    {"side by side", "sbs", "A second pane with another denoiser, on the same data and particles."},
    {"right pane", "denb", "The right pane's denoiser."},
    {"flow", "flow", "pf: the probability flow ODE; score: the score flow at a fixed sigma; sde: the reverse SDE; "
                     "langevin: Langevin dynamics at a fixed sigma."},
    {"sigma", "sigma", "The fixed noise level of the score flow and Langevin dynamics."},
    {"sigma max", "smax", "Where the probability flow and the SDE start."},
    {"sigma min", "smin", "Where they stop: a larger value stops early."},
    {"grid", "grid", "The noise levels between: EDM's, geometric or linear."},
    {"steps", "steps", "Integration steps of the run."},
    {"integrator", "integ", "Heun, Euler, RK4 or adaptive steps."},
    {"speed (steps/frame)", "speed", "Flow steps per frame: how fast the run plays."},
    {"sample the posterior", "inv", "2-D data: the particles sample x given one measurement y = a.x + noise, the "
                                    "line drawn in the view (shift-drag draws it, a drag on it moves it)."},
    {"sampler", "im", "dps: a step along -grad |y - a.h(x)|^2 through the denoiser; projection: the measured part "
                      "set to y (noised to the level); mcg: both; exact: the likelihood-weighted MMSE denoiser."},
    {"line angle", "iang", "The measurement's direction a = (cos t, sin t): the line runs across it."},
    {"measured y", "iy", "The measured value: the line {x : a.x = y}."},
    {"noise s", "is", "The measurement's noise: the band around the line, and how sharp the exact posterior is."},
    {"step zeta", "iz", "dps, mcg: the step along the measurement's gradient (fixed: it treats y as noiseless)."},
    {"start near the line (CCDF)", "ccdf", "Start from the line's point nearest the data's mean, diffused to "
                                           "sigma max (give a small one): fewer steps (CCDF)."},
    {"count", "np", "How many particles (up to 200 000, fewer where a frame could not step them: the notice says)."},
    {"start", "init", "Where they start: a Gaussian around the data, uniform or a grid over the data's box, or "
                      "clouds around your clicks."},
    {"spread", "spread", "The Gaussian's (or the clouds') std, or how far the box reaches beyond the data."},
    {"seed", "seed", "The seed of the particles and of the SDE's noise."},
    {"arrows h(y) - y", "field", "The denoiser's field as arrows, scaled by the largest in view."},
    {"streamlines", "stream", "Streamlines of the field, brightening toward their heads."},
    {"|h(y) - y| heatmap", "heat", "The field's magnitude (dark blue: still, yellow: fastest in view)."},
    {"noise balls", "balls", "The balls B(x_n, rho) that the min-norm denoiser maps to their centres."},
    {"trails", "trails", "Each particle's recent path."},
    {"fade (s)", "fade", "Seconds until a trail has faded to nothing."},
    {"field at sigma (0: now)", "fsig", "The noise level the field, the balls and the 1-D curve are drawn at (0: the "
                                        "flow's own, as it runs)."},
    {"colour by", "color", "Colour particles by class (training, virtual, manifold, ...) or by the vertex reached."},
    {"projection", "proj", "d > 3: the data's two principal axes, or two coordinates."},
    {"across: x_i, i", "ax", "The coordinate drawn across."},
    {"up: x_j, j", "ay", "The coordinate drawn up."},
    {"tolerance tau", "tol", "How near a vertex (in edge coordinates) counts as reaching it."},
    {"width K", "K", "Hidden ReLU units of the trained network."},
    {"method", "tr", "auglag: interpolate the samples at least cost; adam: weight decay lambda; gd: plain "
                     "full-batch gradient descent; sgd: plain steps on minibatches. gd and sgd can only settle where "
                     "the loss's sharpness is below 2/lr: larger steps, smoother networks."},
    {"weight decay lambda", "lam", "adam, gd, sgd: the weight decay on the units."},
    {"batch", "bt", "sgd: samples per step (an epoch is one pass over them, reshuffled)."},
    {"epochs per level", "ep", "Training epochs for each noise level."},
    {"samples per point M", "M", "Noisy samples per training point, uniform in its ball."},
    {"learning rate", "lr", "The optimiser's step size (gd, sgd: try 0.01 to 0.1; too large diverges)."},
    {"noise levels", "lv", "pf, sde: networks trained from sigma max down, each from the previous."},
    {"show the units' boundaries", "relu", "Draw each unit's line w.y + b = 0 (the 256 costliest at most), brighter for larger |a||w|."},
};
}  // namespace

// After a labelled control: its tooltip, and whether its label fits the panel (for inspect_json).
void App::explain(const char* label) {
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x > right + 0.5f) clipped_.emplace_back(label);
  if (!ImGui::IsItemHovered()) return;
  for (const Help& h : kHelp)
    if (std::strcmp(h.label, label) == 0) ImGui::SetTooltip("%s\nLink field: %s", h.text, h.field);
}

// A section header, opened when the page asked for every section (tests) or by the reader.
bool App::section(const char* name, bool open_by_default) {
  if (open_all_) ImGui::SetNextItemOpen(true);
  return ImGui::CollapsingHeader(name, open_by_default ? ImGuiTreeNodeFlags_DefaultOpen : 0);
}

void App::draw_ui() {
  const float em = ImGui::GetFontSize();  // sizes in font heights follow the UI scale (high-DPI)
  // Narrow screens: a bar of two buttons at the bottom; each opens its panel as a sheet over the
  // lower part of the scene, with controls at least 44 CSS pixels tall for fingers.
  if (!layout_.docked) {
    const Rect& b = layout_.bar;
    ImGui::SetNextWindowPos(ImVec2(b.x, b.y), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(b.w, b.h), ImGuiCond_Always);
    ImGui::Begin("##bar", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    const ImVec2 button((ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2, ImGui::GetContentRegionAvail().y);
    for (int k : {1, 2}) {
      if (k == 2) ImGui::SameLine();
      const bool open = sheet_ == k;
      if (open) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyle().Colors[ImGuiCol_ButtonActive]);
      if (ImGui::Button(k == 1 ? (open ? "Close controls" : "Controls") : (open ? "Close statistics" : "Statistics"), button))
        sheet_ = open ? 0 : k;
      if (open) ImGui::PopStyleColor();
      remember_rect(k == 1 ? "bar-controls" : "bar-stats");
    }
    ImGui::End();
    if (reproduction_.show) sheet_ = 2;  // a requested curve opens the statistics
  }
  const float touch_pad = std::max(ImGui::GetStyle().FramePadding.y, 0.5f * (44 * dpr_ - em));
  if (!layout_.docked) ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, touch_pad));
  if (layout_.docked || sheet_ == 1) draw_controls();
  if (layout_.docked || sheet_ == 2) draw_stats();
  if (!layout_.docked) ImGui::PopStyleVar();
}

void App::draw_controls() {
  const float em = ImGui::GetFontSize();
  const Rect& c = layout_.docked ? layout_.controls : layout_.sheet;
  ImGui::SetNextWindowPos(ImVec2(c.x, c.y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(c.w, c.h), ImGuiCond_Always);
  if (!layout_.docked) ImGui::SetNextWindowBgAlpha(1.0f);  // a sheet over the scene: opaque
  ImGui::Begin("Flowlab", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
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
  ImGui::TextDisabled("keys: ? lists them");
  ImGui::ProgressBar(static_cast<float>(sim_.progress()), ImVec2(-1, 0));

  draw_presets();
  if (section("Data", true)) {
    combo("preset", state_.preset, {"simplex", "orthogonal", "points1d", "rays", "collinear", "clusters", "custom"}), explain("preset");
    const std::string& p = state_.preset;
    // Only what applies, in ranges the data can take (a simplex and orthogonal data need N <= d).
    if (p != "custom") {
      const bool bounded = p == "simplex" || p == "orthogonal" || p == "rays";
      ImGui::SliderInt(p == "simplex" ? "N (edges)" : p == "rays" ? "N (rays)" : p == "clusters" ? "N (clusters)" : "N",
                       &state_.n, 1, bounded ? std::max(1, std::min(12, state_.d)) : 12), explain("N");
      if (p != "points1d") ImGui::SliderInt("d", &state_.d, bounded ? std::min(state_.n, 8) : 1, 8), explain("d");
      if (p == "simplex" || p == "rays") slider("angle", state_.angle, 30.0, 170.0, "%.0f deg"), explain("angle");
      input_double("length", state_.length), explain("length");
      if (p == "rays" || p == "clusters") ImGui::SliderInt(p == "rays" ? "per ray" : "per cluster", &state_.per_ray, 1, 8), explain("per ray");
      input_seed("data seed", state_.data_seed), explain("data seed");
    } else {
      ImGui::Text("%d points in %d dimensions", static_cast<int>(sim_.data().cols()), static_cast<int>(sim_.data().rows()));
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("drag a point to move it, ctrl-click adds one, right-click removes one");
    ImGui::PopStyleColor();
  }
  if (section("Denoiser", true)) {
    combo("denoiser", state_.denoiser, {"minnorm", "emmse", "ksmooth", "trained"}), explain("denoiser");
    // rho = alpha sigma shapes the closed form and the trained network's samples only
    if (state_.uses("minnorm") || state_.uses("trained"))
      input_double("alpha (0: sqrt d)", state_.alpha), explain("alpha (0: sqrt d)");
    if (state_.denoiser == "ksmooth" || state_.denoiser_b == "ksmooth") {
      input_double("bandwidth", state_.bandwidth), explain("bandwidth");
      ImGui::InputInt("nodes", &state_.nodes), explain("nodes");
    }
    if (state_.uses("minnorm")) combo("fallback", state_.fallback, {"clamp", "emmse", "none"}), explain("fallback");
    ImGui::Checkbox("side by side", &state_.side_by_side), explain("side by side");
    if (state_.side_by_side) combo("right pane", state_.denoiser_b, {"emmse", "minnorm", "ksmooth", "trained"}), explain("right pane");
    if (state_.uses("trained")) draw_training();
  }
  if (section("Flow", true)) {
    combo("flow", state_.flow, {"pf", "score", "sde", "langevin"}), explain("flow");
    if (state_.flow == "score" || state_.flow == "langevin") {
      input_double("sigma", state_.sigma), explain("sigma");
    } else {
      input_double("sigma max", state_.sigma_max), explain("sigma max");
      input_double("sigma min", state_.sigma_min), explain("sigma min");
      combo("grid", state_.grid, {"edm", "geometric", "linear"}), explain("grid");
    }
    ImGui::InputInt("steps", &state_.steps), explain("steps");
    combo("integrator", state_.integrator, {"heun", "euler", "rk4", "adaptive"}), explain("integrator");
    slider("speed (steps/frame)", state_.speed, 0.0, 20.0, "%.2f"), explain("speed (steps/frame)");
  }
  if (section("Inverse problem", false)) {
    ImGui::Checkbox("sample the posterior", &state_.inverse), explain("sample the posterior");
    if (state_.inverse) {
      combo("sampler", state_.method, {"dps", "projection", "mcg", "exact"}), explain("sampler");
      slider("line angle", state_.meas_angle, -90.0, 90.0, "%.0f deg"), explain("line angle");
      input_double("measured y", state_.meas_y), explain("measured y");
      slider("noise s", state_.meas_noise, 0.01, 1.0, "%.3f"), explain("noise s");
      if (state_.method == "dps" || state_.method == "mcg") input_double("step zeta", state_.zeta), explain("step zeta");
      ImGui::Checkbox("start near the line (CCDF)", &state_.ccdf), explain("start near the line (CCDF)");
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
      ImGui::TextWrapped("shift-drag draws the line, a drag on it moves it. At each point: the exact posterior's "
                         "weight (disc, first %%) and the samples' share (ring, second %%)");
      ImGui::PopStyleColor();
    }
  }
  if (section("Particles", false)) {
    ImGui::InputInt("count", &state_.particles, 100, 1000), explain("count");
    combo("start", state_.init, {"gaussian", "uniform", "grid", "click"}), explain("start");
    input_double("spread", state_.init_spread), explain("spread");
    if (state_.init == "click") {
      ImGui::TextDisabled("click the view to spawn a cloud there (%d so far)",
                          static_cast<int>(state_.spawn.size() / static_cast<std::size_t>(std::max(1, state_.d))));
      if (ImGui::SmallButton("Clear clicks")) state_.spawn.clear();
    }
    input_seed("seed", state_.seed), explain("seed");
  }
  if (section("Share and export", false)) {
    if (ImGui::Button("Copy link")) request("copy");
    ImGui::SameLine();
    if (ImGui::Button("PNG")) request("png");
    ImGui::SameLine();
    if (ImGui::Button("Endpoints CSV")) request("particles");
    if (ImGui::Button("Dataset CSV")) request("data");
    ImGui::SameLine();
    if (ImGui::Button("Load dataset...")) request("load");
  }
  if (section("View", false)) {
    if (ImGui::Button("Fit view (F)")) fit_pending_ = true;
    ImGui::Checkbox("arrows h(y) - y", &state_.show_field), explain("arrows h(y) - y");
    ImGui::SameLine();
    ImGui::Checkbox("streamlines", &state_.show_stream), explain("streamlines");
    ImGui::Checkbox("|h(y) - y| heatmap", &state_.show_heat), explain("|h(y) - y| heatmap");
    ImGui::SameLine();
    ImGui::Checkbox("noise balls", &state_.show_balls), explain("noise balls");
    ImGui::Checkbox("trails", &state_.show_trails), explain("trails");
    if (state_.show_trails) {
      ImGui::SameLine();
      ImGui::SetNextItemWidth(8 * em);
      slider("fade (s)", state_.fade, 0.05, 10.0, "%.2f"), explain("fade (s)");
    }
    input_double("field at sigma (0: now)", state_.field_sigma), explain("field at sigma (0: now)");
    combo("colour by", state_.color_by, {"class", "vertex"}), explain("colour by");
    if (state_.d > 3) {
      combo("projection", state_.projection, {"pca", "axes"}), explain("projection");
      if (state_.projection == "axes") {
        ImGui::SliderInt("across: x_i, i", &state_.axis_x, 0, state_.d - 1), explain("across: x_i, i");
        ImGui::SliderInt("up: x_j, j", &state_.axis_y, 0, state_.d - 1), explain("up: x_j, j");
      }
    }
    slider("tolerance tau", state_.tol, 0.01, 0.45, "%.2f"), explain("tolerance tau");
  }
  ImGui::PopItemWidth();
  ImGui::End();
}

void App::draw_presets() {
  const bool open = section("Presets (the papers' pictures)", false);
  remember_rect("presets");
  if (!open) return;
  for (int i = 0; i < static_cast<int>(std::size(kPresets)); ++i) {
    if (ImGui::Selectable(kPresets[i].name, preset_ == i)) request("preset" + std::to_string(i));
    if (ImGui::CalcTextSize(kPresets[i].name).x > ImGui::GetItemRectSize().x) clipped_.emplace_back(kPresets[i].name);
    if (ImGui::IsItemHovered()) {
      ImGui::SetNextWindowSize(ImVec2(24 * ImGui::GetFontSize(), 0));
      ImGui::BeginTooltip();
      ImGui::TextWrapped("%s", kPresets[i].explanation);
      ImGui::EndTooltip();
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
  const Rect& r = layout_.docked ? layout_.stats : layout_.sheet;
  ImGui::SetNextWindowPos(ImVec2(r.x, r.y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(r.w, r.h), ImGuiCond_Always);
  if (!layout_.docked) ImGui::SetNextWindowBgAlpha(1.0f);
  ImGui::Begin("Where particles end", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
  const bool graded = state_.flow == "pf" || state_.flow == "sde";
  ImGui::Text("%s  sigma = %.4g  rho = %.4g", graded ? "now" : "fixed", sim_.sigma_now(), sim_.rho_now());
  for (int p = 0; p < sim_.panes(); ++p) {
    const Pane& pane = sim_.pane(p);
    ImGui::Separator();
    ImGui::TextUnformatted(denoiser_label(pane.denoiser_name));
    if (sim_.inverse()) {  // the samplers' histogram over the training points, beside the exact weights
      const PosteriorFit fit = posterior_fit(pane.classes.points_reached(), sim_.posterior());
      ImGui::Text("%s: TV to the exact posterior %.3f", state_.method.c_str(), fit.tv);
      const Eigen::Index shown = std::min<Eigen::Index>(fit.share.size(), 12);
      for (Eigen::Index n = 0; n < shown; ++n) {
        char overlay[64];
        std::snprintf(overlay, sizeof overlay, "x%d  %.1f%% (exact %.1f%%)", static_cast<int>(n + 1), 100 * fit.share(n),
                      100 * fit.exact(n));
        ImGui::PushStyleColor(ImGuiCol_PlotHistogram, ImVec4(1.0f, 0.84f, 0.4f, 0.8f));
        ImGui::ProgressBar(static_cast<float>(fit.share(n)), ImVec2(-1, 0), overlay);
        ImGui::PopStyleColor();
      }
      if (shown < fit.share.size()) ImGui::TextDisabled("(the first %d of %d points)", static_cast<int>(shown), static_cast<int>(fit.share.size()));
    }
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
