#pragma once
// A small line chart for the panels, drawn with ImGui's draw list: axes with ticks and their
// numbers, the axes' names, one or more series, dashed bounds and vertical marks. The numbers
// are the caller's; the chart only places them.
#include <imgui.h>

#include <vector>

namespace flowlab::app {

struct ChartSeries {
  const std::vector<float>* values;  // y at evenly spaced x from x0 to x1 (geometric spacing when log_x)
  ImU32 color;
  const std::vector<float>* x = nullptr;  // or at these x (the probes' epochs)
};

struct ChartAxes {
  double x0 = 0, x1 = 1;
  bool log_x = false;
  int points = 0;               // the number of x positions the series fill (0: their own length)
  const char* x_label = "";
  double y0 = 0, y1 = 1;
  bool fit_y = false;           // y0, y1 from the data instead
  const char* y_label = "";
  double bound = 0;             // > 0: a dashed horizontal line at this y, labelled `bound_label`
  const char* bound_label = "";
  std::vector<double> marks;    // x positions of vertical marks (where a noise level starts)
};

// `id` is unique within the window; `height_em` the plot's height in font heights.
void draw_chart(const char* id, const ChartAxes& axes, std::initializer_list<ChartSeries> series, float height_em = 5);

}  // namespace flowlab::app
