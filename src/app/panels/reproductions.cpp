#include "reproductions.hpp"

#include <imgui.h>

#include <cmath>
#include <cstdio>
#include <tuple>

#include "chart.hpp"
#include "core/data/dataset.hpp"
#include "core/analysis/experiment.hpp"
#include "core/denoisers/factory.hpp"
#include "core/analysis/reproductions.hpp"
#include "core/runtime/text_out.hpp"

namespace flowlab::app {
namespace {
struct Spec {
  const char* name;
  const char* a_label;
  const char* b_label;
  const char* x_label;
  int points;
  double x0, x1;  // the first and last point's x
  bool log_x;
  const char* axis;     // the x axis's name
  const char* y_label;  // the y axis's name (fractions: 0 to 1; otherwise fitted)
};
constexpr Spec kCurves[] = {
    {"Memorization vs N (P1 Fig. 3)", "score flow: at training points", "probability flow: at training points",
     "N = 2 .. 13, d = N, 200 points", 12, 2, 13, false, "N (training points, d = N)", "fraction"},
    {"1-D test error vs sigma (P2)", "min-norm", "empirical MMSE", "sigma = 0.2 .. 0.005 (log steps)", 8, 0.2, 0.005, true,
     "sigma (log)", "test MSE per point"},
    {"Smoothed score vs bandwidth", "at training points", "on the manifold", "bandwidth 0 .. 0.5, N = d = 5", 6, 0, 0.5,
     false, "bandwidth", "fraction"},
    {"Stable subset sums (P1 Thm 4.2)", "min-norm closed form: fraction stable", "empirical MMSE: fraction stable",
     "sums of 1 .. 4 points, N = d = 8", 4, 1, 4, false, "points summed", "fraction stable"},
    {"Score flow vs probability flow (P1)", "probability flow: at a vertex (training or virtual point)",
     "probability flow: on the manifold, off the vertices", "sigma_min = 1e-4 .. 0.1 (log steps), N = d = 10, 200 points",
     7, 1e-4, 0.1, true, "sigma_min (log)", "fraction"},
};
}  // namespace

void Reproductions::start(int which) {
  *this = Reproductions();
  which_ = which;
  show_ = true;
}

void Reproductions::step() {
  if (which_ < 0 || done_ >= kCurves[which_].points) return;
  const int i = done_;
  if (which_ == 0) {  // one N, both flows
    for (FlowKind kind : {FlowKind::score, FlowKind::pf}) {
      OrthogonalExperiment e;
      e.n = 2 + i;
      e.inits = 200;
      e.threads = 1;
      e.flow.kind = kind;
      e.flow.sigma_max = 0, e.flow.sigma = 0, e.flow.sigma_min = 1e-4;
      auto row = run_orthogonal_experiment(e);
      const float f = row ? static_cast<float>(row.value().result.fraction(EndClass::training)) : 0.0f;
      (kind == FlowKind::score ? a_ : b_).push_back(f);
    }
  } else if (which_ == 1) {
    const Eigen::MatrixXd X = make_points_1d({6, 1.0, 2.0, 1}).value().points;
    auto e = test_error_1d(X, {0.2 * std::pow(0.005 / 0.2, i / 7.0)}, 2000, 1);
    a_.push_back(e ? static_cast<float>(e.value()[0].minnorm) : 0.0f);
    b_.push_back(e ? static_cast<float>(e.value()[0].emmse) : 0.0f);
  } else if (which_ == 2) {
    auto rows = smoothing_memorization(5, 200, {0.1 * i}, 16, 100, 1, 1);
    a_.push_back(rows ? static_cast<float>(rows.value()[0].result.fraction(EndClass::training)) : 0.0f);
    b_.push_back(rows ? static_cast<float>(rows.value()[0].result.fraction(EndClass::manifold)) : 0.0f);
  } else if (which_ == 3) {  // one size, both denoisers
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
    a_.push_back(fraction(closed));
    b_.push_back(fraction(mem));
  } else {  // one early-stopping level; the score flow (the first row) is the reference line
    auto rows = compare_flows(10, 200, {1e-4 * std::pow(1e3, i / 6.0)}, 100, 1, 1);
    const auto at = [&](std::size_t row, std::initializer_list<EndClass> classes) {
      float f = 0;
      if (rows)
        for (EndClass c : classes) f += static_cast<float>(rows.value()[row].result.fraction(c));
      return f;
    };
    a_.push_back(at(1, {EndClass::training, EndClass::virtual_point, EndClass::apex}));
    b_.push_back(at(1, {EndClass::manifold}));
    std::snprintf(note_, sizeof note_, "score flow: %.0f%% at a vertex",
                  100.0 * static_cast<double>(at(0, {EndClass::training, EndClass::virtual_point, EndClass::apex})));
  }
  ++done_;
}

std::string Reproductions::json() const {
  TextOut out;
  out << "{\"curve\":" << which_ << ",\"done\":" << done_
      << ",\"points\":" << (which_ < 0 ? 0 : kCurves[which_].points);
  for (const auto* series : {&a_, &b_}) {
    out << (series == &a_ ? ",\"a\":[" : "],\"b\":[");
    for (std::size_t i = 0; i < series->size(); ++i) out << (i ? "," : "") << (*series)[i];
  }
  out << "],\"note\":\"" << note_ << "\"}";  // the note is our own text: no quotes to escape
  return out.str();
}

void Reproductions::draw() {
  if (show_) ImGui::SetNextItemOpen(true), show_ = false;  // a requested curve shows
  if (!ImGui::CollapsingHeader("The papers' curves")) return;
  for (int k = 0; k < static_cast<int>(std::size(kCurves)); ++k)
    if (ImGui::Selectable(kCurves[k].name, which_ == k)) {
      *this = Reproductions();
      which_ = k;
    }
  if (which_ < 0) {
    ImGui::TextDisabled("choose one: it is computed here, a point per frame");
    return;
  }
  const Spec& s = kCurves[which_];
  ImGui::ProgressBar(static_cast<float>(done_) / static_cast<float>(s.points), ImVec2(-1, 0));
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
  ImGui::TextWrapped("%s", s.x_label);  // long lines wrap in the narrow window
  ImGui::PopStyleColor();
  if (note_[0] != 0) ImGui::TextWrapped("%s", note_);
  const ImU32 a_color = IM_COL32(255, 159, 28, 255), b_color = IM_COL32(90, 170, 255, 255);
  for (const auto& [series, name, color] : {std::tuple{&a_, s.a_label, a_color}, std::tuple{&b_, s.b_label, b_color}}) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color));
    if (series->empty()) ImGui::TextWrapped("%s", name);  // the series' name in its colour, wrapped in the narrow panel
    else ImGui::TextWrapped("%s: %.3g", name, static_cast<double>(series->back()));
    ImGui::PopStyleColor();
  }
  ChartAxes axes;
  axes.x0 = s.x0, axes.x1 = s.x1, axes.log_x = s.log_x, axes.points = s.points, axes.x_label = s.axis;
  axes.fit_y = which_ == 1;  // fractions in [0, 1]; errors fitted
  axes.y_label = s.y_label;
  draw_chart("##curve", axes, {{&a_, a_color}, {&b_, b_color}});
}

}  // namespace flowlab::app
