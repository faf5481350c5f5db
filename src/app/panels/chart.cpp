#include "chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace flowlab::app {
namespace {
// Round tick steps (1, 2 or 5 times a power of ten) giving about four ticks across [lo, hi].
double tick_step(double lo, double hi) {
  const double raw = (hi - lo) / 4.0;
  if (!(raw > 0) || !std::isfinite(raw)) return 1.0;
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0})
    if (m * p >= raw) return m * p;
  return 10.0 * p;
}

// A tick's number with as many decimals as the step needs (12.31 and 12.33 are not both "12.3").
void label(char (&buf)[24], double v, double step) {
  const int decimals = std::clamp(static_cast<int>(-std::floor(std::log10(step) + 1e-9)), 0, 6);
  if (std::fabs(v) >= 1e5 || (std::fabs(v) > 0 && std::fabs(v) < 1e-4)) std::snprintf(buf, sizeof buf, "%.2g", v);
  else std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(v) < 1e-12 ? 0.0 : v);
}
}  // namespace

void draw_chart(const char* id, const ChartAxes& a, std::initializer_list<ChartSeries> series, float height_em) {
  const float em = ImGui::GetFontSize();
  double y0 = a.y0, y1 = a.y1;
  int count = a.points;
  if (a.fit_y) {
    y0 = INFINITY, y1 = -INFINITY;
    for (const ChartSeries& s : series)
      for (float v : *s.values)
        if (std::isfinite(v)) y0 = std::min(y0, static_cast<double>(v)), y1 = std::max(y1, static_cast<double>(v));
    if (a.bound > 0) y1 = std::max(y1, 1.1 * a.bound), y0 = std::min(y0, 0.0);
    if (!(y1 > y0)) y0 = std::isfinite(y0) ? y0 - 1 : 0, y1 = std::isfinite(y1) ? y1 + 1 : 1;
  }
  for (const ChartSeries& s : series) count = std::max(count, static_cast<int>(s.values->size()));
  const float left = 3.4f * em, bottom = 1.3f * em;
  const ImVec2 size(std::max(8 * em, ImGui::GetContentRegionAvail().x), height_em * em + bottom);
  const ImVec2 o = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p0(o.x + left, o.y), p1(o.x + size.x - 0.6f * em, o.y + size.y - bottom);
  dl->AddRectFilled(p0, p1, ImGui::GetColorU32(ImGuiCol_FrameBg));
  const ImU32 axis = IM_COL32(150, 158, 172, 255), grid = IM_COL32(150, 158, 172, 60);
  const auto fx = [&](double t) { return p0.x + static_cast<float>(t) * (p1.x - p0.x); };  // t in [0, 1]
  const auto fy = [&](double y) { return p1.y - static_cast<float>(std::clamp((y - y0) / (y1 - y0), 0.0, 1.0)) * (p1.y - p0.y); };
  const auto tx = [&](double x) {  // x value -> [0, 1]
    if (a.log_x) return (std::log(x) - std::log(a.x0)) / (std::log(a.x1) - std::log(a.x0));
    return (x - a.x0) / (a.x1 - a.x0);
  };
  char buf[24];
  // y: ticks at round numbers, with their values at the left
  const double ys = tick_step(y0, y1);
  for (double y = std::ceil(y0 / ys) * ys; y <= y1 + 1e-9 * ys; y += ys) {
    dl->AddLine(ImVec2(p0.x, fy(y)), ImVec2(p1.x, fy(y)), grid);
    label(buf, y, ys);
    const float w = ImGui::CalcTextSize(buf).x;
    dl->AddText(ImVec2(p0.x - w - 0.25f * em, fy(y) - 0.5f * em), axis, buf);
  }
  // x: round numbers, or the decades of a log axis
  const float text_y = p1.y + 0.1f * em;
  if (a.log_x && a.x0 > 0 && a.x1 > 0) {
    const double lo = std::min(a.x0, a.x1), hi = std::max(a.x0, a.x1);
    for (double d = std::pow(10.0, std::ceil(std::log10(lo) - 1e-9)); d <= hi * (1 + 1e-9); d *= 10) {
      const float x = fx(tx(d));
      dl->AddLine(ImVec2(x, p0.y), ImVec2(x, p1.y), grid);
      std::snprintf(buf, sizeof buf, "1e%d", static_cast<int>(std::lround(std::log10(d))));
      dl->AddText(ImVec2(x - 0.5f * ImGui::CalcTextSize(buf).x, text_y), axis, buf);
    }
  } else if (a.x1 != a.x0) {
    const double lo = std::min(a.x0, a.x1), hi = std::max(a.x0, a.x1), xs = tick_step(lo, hi);
    for (double x = std::ceil(lo / xs) * xs; x <= hi + 1e-9 * xs; x += xs) {
      const float px = fx(tx(x));
      dl->AddLine(ImVec2(px, p0.y), ImVec2(px, p1.y), grid);
      label(buf, x, xs);
      dl->AddText(ImVec2(px - 0.5f * ImGui::CalcTextSize(buf).x, text_y), axis, buf);
    }
  }
  dl->AddLine(ImVec2(p0.x, p1.y), p1, axis);
  dl->AddLine(p0, ImVec2(p0.x, p1.y), axis);
  for (double m : a.marks) {  // where a noise level starts
    const float x = fx(tx(m));
    for (float y = p0.y; y < p1.y; y += 6) dl->AddLine(ImVec2(x, y), ImVec2(x, std::min(y + 3, p1.y)), IM_COL32(255, 200, 120, 200));
  }
  if (a.bound > 0) {  // dashed: a bound, not data
    const float yb = fy(a.bound);
    for (float x = p0.x; x < p1.x; x += 8) dl->AddLine(ImVec2(x, yb), ImVec2(std::min(x + 4, p1.x), yb), IM_COL32(230, 90, 80, 255), 1.5f);
    dl->AddText(ImVec2(p0.x + 4, yb + 2), IM_COL32(230, 90, 80, 255), a.bound_label);
  }
  dl->PushClipRect(p0, p1, true);
  for (const ChartSeries& s : series) {
    const auto& v = *s.values;
    const auto t_of = [&](std::size_t i) {
      if (s.x && i < s.x->size()) return tx((*s.x)[i]);
      return count > 1 ? static_cast<double>(i) / (count - 1) : 0.0;
    };
    for (std::size_t i = 0; i < v.size(); ++i) {
      const ImVec2 at(fx(t_of(i)), fy(v[i]));
      if (i > 0 && std::isfinite(v[i]) && std::isfinite(v[i - 1])) dl->AddLine(ImVec2(fx(t_of(i - 1)), fy(v[i - 1])), at, s.color, 1.5f);
      if (v.size() <= 16 && std::isfinite(v[i])) dl->AddCircleFilled(at, 0.18f * em, s.color, 8);
    }
  }
  dl->PopClipRect();
  // the axes' names, in a line under the plot
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
  ImGui::TextWrapped("across: %s; up: %s", a.x_label, a.y_label);
  ImGui::PopStyleColor();
}

}  // namespace flowlab::app
