// The Flowlab panel: play, step, reset, undo and redo, the presets, and a section for each part
// of the state (data, denoiser, flow, inverse problem, particles, sharing, view).
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "panels.hpp"
#include "core/data/digits.hpp"

namespace flowlab::app {
namespace {
// The digits are images of another scale than the toys: choosing them (or leaving them) takes the
// settings their flow needs, from Gaussian noise at the images' scale (the page's digits preset).
void enter_data(AppState& s, const std::string& before) {
  if (s.preset == "digits") {
    s.d = kDigitPixels, s.n = 20;
    if (s.denoiser == "minnorm") s.denoiser = "emmse";
    s.flow = "pf", s.sigma_max = 3, s.sigma_min = 0.01, s.steps = 100, s.init = "gaussian", s.init_spread = 3;
    s.particles = std::min(s.particles, 500), s.inverse = false;
  } else if (before == "digits") {
    const AppState def;
    s.d = def.d, s.n = def.n, s.sigma_max = def.sigma_max, s.sigma_min = def.sigma_min, s.steps = def.steps;
    s.init_spread = def.init_spread;
  }
}
}  // namespace

void draw_controls(PanelContext& c) {
  const float em = ImGui::GetFontSize();
  begin_panel(c, "Flowlab", c.layout.controls);
  ImGui::PushItemWidth(-12 * em);  // a column of 12 font heights for the labels
  if (ImGui::Button(c.playing ? "Pause" : "Play")) c.commands.toggle_play = true;
  ImGui::SameLine();
  if (ImGui::Button("Step")) c.commands.step = c.commands.pause = true;
  ImGui::SameLine();
  if (ImGui::Button("Reset")) c.commands.reset = c.commands.play_after_reset = true;
  ImGui::SameLine();
  ImGui::BeginDisabled(!c.history.can_undo());
  if (ImGui::Button("Undo")) c.commands.undo = true;
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!c.history.can_redo());
  if (ImGui::Button("Redo")) c.commands.redo = true;
  ImGui::EndDisabled();
  if (!c.touch) ImGui::TextDisabled("keys: ? lists them"), c.widgets.remember("keys-hint");
  ImGui::ProgressBar(static_cast<float>(c.sim.progress()), ImVec2(-1, 0));

  draw_presets(c);
  if (c.widgets.section("Data", true)) {
    const std::string before = c.state.preset;
    c.widgets.combo("preset", c.state.preset, kDataChoices), c.widgets.explain("preset");
    if (c.state.preset != before) enter_data(c.state, before);
    const std::string& p = c.state.preset;
    // Only what applies, in ranges the data can take (a simplex and orthogonal data need N <= d).
    if (p == "digits") {
      c.widgets.slider_int("N (images)", c.state.n, 2, kMaxPoints), c.widgets.explain("N (images)");
      char classes[24];
      std::snprintf(classes, sizeof classes, "%s", c.state.digit_classes.c_str());
      if (ImGui::InputText("classes", classes, sizeof classes, ImGuiInputTextFlags_CharsDecimal)) c.state.digit_classes = classes;
      c.widgets.explain("classes");
      input_seed("data seed", c.state.data_seed), c.widgets.explain("data seed");
    } else if (p != "custom") {
      const bool bounded = p == "simplex" || p == "orthogonal" || p == "rays";
      c.widgets.slider_int(p == "simplex" ? "N (edges)" : p == "rays" ? "N (rays)" : p == "clusters" ? "N (clusters)" : "N",
                       c.state.n, 1, bounded ? std::max(1, std::min(12, c.state.d)) : 12), c.widgets.explain("N");
      if (p != "points1d") {
        c.widgets.slider_int("d", c.state.d, bounded ? std::min(c.state.n, 8) : 1, 8), c.widgets.explain("d");
        c.widgets.remember("slider-d");
      }
      if (p == "simplex" || p == "rays") c.widgets.slider("angle", c.state.angle, 30.0, 170.0, "%.0f deg"), c.widgets.explain("angle");
      input_double("length", c.state.length), c.widgets.explain("length");
      if (p == "rays" || p == "clusters") c.widgets.slider_int(p == "rays" ? "per ray" : "per cluster", c.state.per_ray, 1, 8), c.widgets.explain("per ray");
      const ImVec2 at = ImGui::GetCursorScreenPos();
      const float w = ImGui::CalcItemWidth(), h = ImGui::GetFrameHeight();
      input_seed("data seed", c.state.data_seed), c.widgets.explain("data seed");
      c.widgets.remember("data-seed+", Rect{at.x + w - h, at.y, h, h});  // its + button (ImGui's InputInt puts it last)
    } else {
      ImGui::Text("%d points in %d dimensions", static_cast<int>(c.sim.data().cols()), static_cast<int>(c.sim.data().rows()));
    }
    if (p != "digits" && c.state.d <= 2) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
      ImGui::TextWrapped("drag a point to move it, ctrl-click adds one, right-click removes one");
      ImGui::PopStyleColor();
    }
  }
  if (c.widgets.section("Denoiser", true)) {
    c.widgets.combo("denoiser", c.state.denoiser, kDenoiserChoices), c.widgets.explain("denoiser");
    // rho = alpha sigma shapes the closed form and the trained network's samples only
    if (c.state.uses("minnorm") || c.state.uses("trained"))
      input_double("alpha (0: sqrt d)", c.state.alpha), c.widgets.explain("alpha (0: sqrt d)");
    if (c.state.denoiser == "ksmooth" || c.state.denoiser_b == "ksmooth") {
      input_double("bandwidth", c.state.bandwidth), c.widgets.explain("bandwidth");
      ImGui::InputInt("nodes", &c.state.nodes), c.widgets.explain("nodes");
    }
    if (c.state.uses("minnorm")) c.widgets.combo("fallback", c.state.fallback, kFallbackChoices), c.widgets.explain("fallback");
    ImGui::Checkbox("side by side", &c.state.side_by_side), c.widgets.explain("side by side");
    if (c.state.side_by_side) c.widgets.combo("right pane", c.state.denoiser_b, kDenoiserChoices), c.widgets.explain("right pane");
    if (c.state.uses("trained")) draw_training(c);
  }
  if (c.widgets.section("Flow", true)) {
    c.widgets.combo("flow", c.state.flow, kFlowChoices), c.widgets.explain("flow");
    if (c.state.flow == "score" || c.state.flow == "langevin") {
      input_double("sigma", c.state.sigma), c.widgets.explain("sigma");
    } else {
      input_double("sigma max", c.state.sigma_max), c.widgets.explain("sigma max");
      input_double("sigma min", c.state.sigma_min), c.widgets.explain("sigma min");
      c.widgets.combo("grid", c.state.grid, kGridChoices), c.widgets.explain("grid");
    }
    ImGui::InputInt("steps", &c.state.steps), c.widgets.explain("steps");
    c.widgets.combo("integrator", c.state.integrator, kIntegratorChoices), c.widgets.explain("integrator");
    c.widgets.slider("speed (steps/frame)", c.state.speed, 0.0, 20.0, "%.2f"), c.widgets.explain("speed (steps/frame)");
  }
  if (c.widgets.section("Inverse problem", false)) {
    ImGui::Checkbox("sample the posterior", &c.state.inverse), c.widgets.explain("sample the posterior");
    if (c.state.inverse) {
      c.widgets.combo("sampler", c.state.method, kSamplerChoices), c.widgets.explain("sampler");
      c.widgets.slider("line angle", c.state.meas_angle, -90.0, 90.0, "%.0f deg"), c.widgets.explain("line angle");
      input_double("measured y", c.state.meas_y), c.widgets.explain("measured y");
      c.widgets.slider("noise s", c.state.meas_noise, 0.01, 1.0, "%.3f"), c.widgets.explain("noise s");
      if (c.state.method == "dps" || c.state.method == "mcg") input_double("step zeta", c.state.zeta), c.widgets.explain("step zeta");
      ImGui::Checkbox("start near the line (CCDF)", &c.state.ccdf), c.widgets.explain("start near the line (CCDF)");
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
      ImGui::TextWrapped("shift-drag draws the line, a drag on it moves it. At each point: the exact posterior's "
                         "weight (disc, first %%) and the samples' share (ring, second %%)");
      ImGui::PopStyleColor();
    }
  }
  if (c.widgets.section("Particles", false)) {
    ImGui::InputInt("count", &c.state.particles, 100, 1000), c.widgets.explain("count");
    c.widgets.combo("start", c.state.init, kStartChoices), c.widgets.explain("start");
    input_double("spread", c.state.init_spread), c.widgets.explain("spread");
    if (c.state.init == "click") {
      ImGui::TextDisabled("click the view to spawn a cloud there (%d so far)",
                          static_cast<int>(c.state.spawn.size() / static_cast<std::size_t>(std::max(1, c.state.d))));
      if (ImGui::SmallButton("Clear clicks")) c.state.spawn.clear();
    }
    input_seed("seed", c.state.seed), c.widgets.explain("seed");
    ImGui::Checkbox("step on the GPU", &c.state.gpu), c.widgets.explain("step on the GPU");
  }
  if (c.widgets.section("Share and export", false)) {
    if (ImGui::Button("Copy link")) c.commands.copy_link = true;
    ImGui::SameLine();
    if (ImGui::Button("PNG")) c.commands.png = true;
    ImGui::SameLine();
    if (ImGui::Button("Endpoints CSV")) c.commands.particles_csv = true;
    if (ImGui::Button("Dataset CSV")) c.commands.data_csv = true;
    ImGui::SameLine();
    if (ImGui::Button("Load dataset...")) c.commands.load_csv = true;
  }
  if (c.widgets.section("View", false)) {
    if (ImGui::Button("Fit view (F)")) c.commands.fit = true;
    ImGui::Checkbox("arrows h(y) - y", &c.state.show_field), c.widgets.explain("arrows h(y) - y");
    ImGui::SameLine();
    ImGui::Checkbox("streamlines", &c.state.show_stream), c.widgets.explain("streamlines");
    ImGui::Checkbox("|h(y) - y| heatmap", &c.state.show_heat), c.widgets.explain("|h(y) - y| heatmap");
    ImGui::SameLine();
    ImGui::Checkbox("noise balls", &c.state.show_balls), c.widgets.explain("noise balls");
    ImGui::Checkbox("trails", &c.state.show_trails), c.widgets.explain("trails");
    if (c.state.show_trails) {
      ImGui::SameLine();
      ImGui::SetNextItemWidth(8 * em);
      c.widgets.slider("fade (s)", c.state.fade, 0.05, 10.0, "%.2f"), c.widgets.explain("fade (s)");
    }
    input_double("field at sigma (0: now)", c.state.field_sigma), c.widgets.explain("field at sigma (0: now)");
    c.widgets.combo("colour by", c.state.color_by, kColorChoices), c.widgets.explain("colour by");
    if (c.state.d > 3) {
      c.widgets.combo("projection", c.state.projection, kProjectionChoices), c.widgets.explain("projection");
      if (c.state.projection == "axes") {
        c.widgets.slider_int("across: x_i, i", c.state.axis_x, 0, c.state.d - 1), c.widgets.explain("across: x_i, i");
        c.widgets.slider_int("up: x_j, j", c.state.axis_y, 0, c.state.d - 1), c.widgets.explain("up: x_j, j");
      }
    }
    if (c.state.d >= 4 && std::sqrt(static_cast<double>(c.state.d)) == std::floor(std::sqrt(static_cast<double>(c.state.d)))) {
      bool images = c.state.view == "img" || (c.state.view == "auto" && c.state.preset == "digits");
      if (ImGui::Checkbox("image view", &images)) c.state.view = images ? (c.state.preset == "digits" ? "auto" : "img") : "points";
      c.widgets.explain("image view");
    }
    c.widgets.combo("classify", c.state.classify, kClassifyChoices), c.widgets.explain("classify");
    c.widgets.slider("tolerance tau", c.state.tol, 0.005, 0.45, "%.3f"), c.widgets.explain("tolerance tau");
    if (c.state.d == 2) ImGui::Checkbox("class regions", &c.state.show_regions), c.widgets.explain("class regions");
  }
  ImGui::PopItemWidth();
  ImGui::End();
}

}  // namespace flowlab::app
