// The papers' curves live in the statistics window: each is computed by the
// core (core/reproductions.hpp, core/experiment.hpp) one point per frame, so
// the page keeps drawing, and plotted as it grows. The same numbers as
// `flowlab experiment ...` at these (smaller) sizes.
#include <imgui.h>

#include <cfloat>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "app.hpp"
#include "core/dataset.hpp"
#include "core/experiment.hpp"
#include "core/factory.hpp"
#include "core/reproductions.hpp"

namespace flowlab::app {
namespace {
struct Spec {
  const char* name;
  const char* a_label;
  const char* b_label;
  const char* x_label;
  int points;
};
constexpr Spec kCurves[] = {
    {"Memorization vs N (P1 Fig. 3)", "score flow: at training points", "probability flow: at training points",
     "N = 2 .. 13, d = N, 200 points", 12},
    {"1-D test error vs sigma (P2)", "min-norm", "empirical MMSE", "sigma = 0.2 .. 0.005 (log steps)", 8},
    {"Smoothed score vs bandwidth", "at training points", "on the manifold", "bandwidth 0 .. 0.5, N = d = 5", 6},
    {"Stable subset sums (P1 Thm 4.2)", "min-norm closed form: fraction stable", "empirical MMSE: fraction stable",
     "sums of 1 .. 4 points, N = d = 8", 4},
    {"Score flow vs probability flow (P1)", "probability flow: at a vertex (training or virtual point)",
     "probability flow: on the manifold, off the vertices", "sigma_min = 1e-4 .. 0.1 (log steps), N = d = 10, 200 points",
     7},
};
}  // namespace

void App::step_reproduction() {
  Reproduction& r = reproduction_;
  if (r.which < 0 || r.done >= kCurves[r.which].points) return;
  const int i = r.done;
  if (r.which == 0) {  // one N, both flows
    for (FlowKind kind : {FlowKind::score, FlowKind::pf}) {
      OrthogonalExperiment e;
      e.n = 2 + i;
      e.inits = 200;
      e.threads = 1;
      e.flow.kind = kind;
      e.flow.sigma_max = 0, e.flow.sigma = 0, e.flow.sigma_min = 1e-4;
      auto row = run_orthogonal_experiment(e);
      const float f = row ? static_cast<float>(row.value().result.fraction(EndClass::training)) : 0.0f;
      (kind == FlowKind::score ? r.a : r.b).push_back(f);
    }
  } else if (r.which == 1) {
    const Eigen::MatrixXd X = make_points_1d({6, 1.0, 2.0, 1}).value().points;
    auto e = test_error_1d(X, {0.2 * std::pow(0.005 / 0.2, i / 7.0)}, 2000, 1);
    r.a.push_back(e ? static_cast<float>(e.value()[0].minnorm) : 0.0f);
    r.b.push_back(e ? static_cast<float>(e.value()[0].emmse) : 0.0f);
  } else if (r.which == 2) {
    auto rows = smoothing_memorization(5, 200, {0.1 * i}, 16, 100, 1, 1);
    r.a.push_back(rows ? static_cast<float>(rows.value()[0].result.fraction(EndClass::training)) : 0.0f);
    r.b.push_back(rows ? static_cast<float>(rows.value()[0].result.fraction(EndClass::manifold)) : 0.0f);
  } else if (r.which == 3) {  // one size, both denoisers
    StationaryOptions o;
    o.min_size = o.max_size = i + 1;
    o.threads = 1;
    const int n = 8;
    auto closed = stationary_points(n, o);
    auto emmse = make_denoiser(Eigen::MatrixXd::Identity(n, n), {"emmse"});
    auto mem = emmse ? stationary_points(*emmse.value(), stationary_sigma(n), o) : Error{emmse.message()};
    const auto fraction = [](const auto& rows) {
      return rows ? static_cast<float>(rows.value()[0].stable) / static_cast<float>(rows.value()[0].subsets) : 0.0f;
    };
    r.a.push_back(fraction(closed));
    r.b.push_back(fraction(mem));
  } else {  // one early-stopping level; the score flow (the first row) is the reference line
    auto rows = compare_flows(10, 200, {1e-4 * std::pow(1e3, i / 6.0)}, 100, 1, 1);
    const auto at = [&](std::size_t row, std::initializer_list<EndClass> classes) {
      float f = 0;
      if (rows)
        for (EndClass c : classes) f += static_cast<float>(rows.value()[row].result.fraction(c));
      return f;
    };
    r.a.push_back(at(1, {EndClass::training, EndClass::virtual_point, EndClass::apex}));
    r.b.push_back(at(1, {EndClass::manifold}));
    std::snprintf(r.note, sizeof r.note, "score flow: %.0f%% at a vertex",
                  100.0 * static_cast<double>(at(0, {EndClass::training, EndClass::virtual_point, EndClass::apex})));
  }
  ++r.done;
}

std::string App::curve_json() const {
  const Reproduction& r = reproduction_;
  std::ostringstream out;
  out << "{\"curve\":" << r.which << ",\"done\":" << r.done
      << ",\"points\":" << (r.which < 0 ? 0 : kCurves[r.which].points);
  for (const auto* series : {&r.a, &r.b}) {
    out << (series == &r.a ? ",\"a\":[" : "],\"b\":[");
    for (std::size_t i = 0; i < series->size(); ++i) out << (i ? "," : "") << (*series)[i];
  }
  out << "],\"note\":\"" << r.note << "\"}";  // the note is our own text: no quotes to escape
  return out.str();
}

void App::draw_reproductions() {
  if (reproduction_.show) ImGui::SetNextItemOpen(true), reproduction_.show = false;  // a requested curve shows
  if (!ImGui::CollapsingHeader("The papers' curves")) return;
  for (int k = 0; k < static_cast<int>(std::size(kCurves)); ++k)
    if (ImGui::Selectable(kCurves[k].name, reproduction_.which == k)) {
      reproduction_ = Reproduction();
      reproduction_.which = k;
    }
  if (reproduction_.which < 0) {
    ImGui::TextDisabled("choose one: it is computed here, a point per frame");
    return;
  }
  const Spec& s = kCurves[reproduction_.which];
  ImGui::ProgressBar(static_cast<float>(reproduction_.done) / static_cast<float>(s.points), ImVec2(-1, 0));
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
  ImGui::TextWrapped("%s", s.x_label);  // long lines wrap in the narrow window
  ImGui::PopStyleColor();
  if (reproduction_.note[0] != 0) ImGui::TextWrapped("%s", reproduction_.note);
  const ImVec2 size(0, 4 * ImGui::GetFontSize());
  const bool fractions = reproduction_.which != 1;  // fractions in [0, 1]; errors fitted
  char overlay[64];
  std::snprintf(overlay, sizeof overlay, "last %.3g", reproduction_.a.empty() ? 0.0 : static_cast<double>(reproduction_.a.back()));
  ImGui::TextWrapped("%s", s.a_label);
  ImGui::PlotLines("##a", reproduction_.a.data(), static_cast<int>(reproduction_.a.size()), 0, overlay, fractions ? 0.0f : FLT_MAX,
                   fractions ? 1.0f : FLT_MAX, size);
  std::snprintf(overlay, sizeof overlay, "last %.3g", reproduction_.b.empty() ? 0.0 : static_cast<double>(reproduction_.b.back()));
  ImGui::TextWrapped("%s", s.b_label);
  ImGui::PlotLines("##b", reproduction_.b.data(), static_cast<int>(reproduction_.b.size()), 0, overlay, fractions ? 0.0f : FLT_MAX,
                   fractions ? 1.0f : FLT_MAX, size);
}

}  // namespace flowlab::app
