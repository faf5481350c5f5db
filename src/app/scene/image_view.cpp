#include "image_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace flowlab::app {

namespace {
constexpr int kAtlasColumns = 16;  // images a row in a pane's atlas
constexpr float kPairGap = 0.08f;  // between a particle's image and its nearest one, in images
constexpr float kTileGap = 0.25f;  // between pairs

// The intersection's area of two rectangles.
float overlap(const Rect& a, const Rect& b) {
  const float w = std::min(a.x + a.w, b.x + b.w) - std::max(a.x, b.x);
  const float h = std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0.0f;
}

ImVec2 corner(const Rect& r) { return ImVec2(r.x, r.y); }
ImVec2 far_corner(const Rect& r) { return ImVec2(r.x + r.w, r.y + r.h); }
}  // namespace

int ImageView::side_of(Eigen::Index d) {
  const auto side = static_cast<int>(std::lround(std::sqrt(static_cast<double>(d))));
  return side >= 2 && static_cast<Eigen::Index>(side) * side == d ? side : 0;
}

bool ImageView::accepts(const AppState& state, const Simulation& sim) const {
  if (state.view == "points" || sim.data().cols() == 0 || !side_of(sim.data().rows())) return false;
  return state.view == "img" || state.preset == "digits";
}

bool ImageView::Shape::operator==(const Shape& o) const {
  return x == o.x && y == o.y && w == o.w && h == o.h && em == o.em && particles == o.particles && points == o.points &&
         panes == o.panes && embedded == o.embedded && compact == o.compact;
}

const char* ImageView::legend_class(EndClass c) const {
  if (c == EndClass::training) return "memorized: a copy of its nearest image";
  if (c == EndClass::novel) return "novel: no training image that near";
  return class_label(c);
}

const Eigen::MatrixXd& ImageView::shown_points(int pane) const {
  const Pane& p = c_.sim.pane(pane);
  return p.denoised && p.samples.cols() == p.particles.cols() ? p.samples : p.particles;
}

// From the top: the pane's label, the strip of training images under its line of text, a line of
// text, the grid; the legend's band stays free at the bottom (one row on a small canvas).
void ImageView::lay_out(PaneTiles& t, const Rect& r, int side, int shown, Eigen::Index points, float em, bool embedded,
                        bool compact) const {
  const float margin = 0.6f * em, line = 1.3f * em;
  const float top = r.y + (embedded ? 4.4f : 1.8f) * em;
  const float bottom = r.y + r.h - (embedded ? 5.8f : compact ? 2.4f : 3.9f) * em;
  const float width = std::max(1.0f, r.w - 2 * margin);
  const auto s = static_cast<float>(side);
  // Whole screen pixels, and a whole number of them a pixel where that costs little.
  const auto snap = [&](float q) {
    const float whole = std::floor(q / s) * s;
    return whole >= 0.85f * q ? whole : std::max(1.0f, std::floor(q));
  };
  // The strip: every training image in one row or two, each at least 1.4 lines high; else one row
  // of as many as fit.
  const auto n = static_cast<int>(points);
  float qs = 0;
  int strip_rows = 0;
  for (int rows = 1; rows <= 2 && !strip_rows; ++rows) {
    const int per = (n + rows - 1) / rows;
    const float q = std::min(2.4f * em, width / (1.15f * static_cast<float>(per) - 0.15f));
    if (q >= std::max(1.4f * em, s)) qs = snap(q), strip_rows = rows;
  }
  int strip = n;
  if (!strip_rows) {
    qs = snap(std::max(1.4f * em, s)), strip_rows = 1;
    strip = std::min(n, static_cast<int>((width + 0.15f * qs) / (1.15f * qs)));
  }
  const int per_row = (strip + strip_rows - 1) / strip_rows;
  t.x = r.x + margin;
  t.w = width;
  t.strip_label_y = top;
  t.strip.clear();
  for (int k = 0; k < strip; ++k)
    t.strip.push_back(Rect{t.x + static_cast<float>(k % per_row) * 1.15f * qs,
                           top + line + static_cast<float>(k / per_row) * 1.15f * qs, qs, qs});
  t.grid_label_y = top + line + static_cast<float>(strip_rows) * 1.15f * qs + 0.35f * em;
  // The grid: 4, 8 or 16 pairs a row, each pair stacked (the nearest image under the particle's) or
  // side by side: whichever draws the images largest.
  const float grid_top = t.grid_label_y + line, height = std::max(1.0f, bottom - grid_top);
  float best = 0;
  int columns = kColumns;
  bool below = true;
  for (int c : {8, 4, 16})
    for (bool stacked : {true, false}) {
      const float cols = static_cast<float>(c), rows = static_cast<float>((shown + c - 1) / c);
      const float across = stacked ? cols : cols * (2 + kPairGap), down = stacked ? rows * (2 + kPairGap) : rows;
      const float q = std::min(width / (across + (cols - 1) * kTileGap), height / (down + (rows - 1) * kTileGap));
      if (q > 1.05f * best) best = q, columns = c, below = stacked;
    }
  const float q = snap(best), gap = std::round(kPairGap * q + 1), step = std::round(kTileGap * q + 2);
  const float pair_w = below ? q : 2 * q + gap, pair_h = below ? 2 * q + gap : q;
  const int rows = (shown + columns - 1) / columns;
  const float grid_w = static_cast<float>(columns) * pair_w + static_cast<float>(columns - 1) * step;
  const float grid_h = static_cast<float>(rows) * pair_h + static_cast<float>(rows - 1) * step;
  const float x0 = std::round(r.x + 0.5f * (r.w - grid_w));
  const float y0 = std::round(grid_top + std::max(0.0f, 0.5f * (height - grid_h) - line));  // a little above the middle
  t.sample.resize(static_cast<std::size_t>(shown));
  t.nearest.resize(static_cast<std::size_t>(shown));
  for (int j = 0; j < shown; ++j) {
    const float x = x0 + static_cast<float>(j % columns) * (pair_w + step);
    const float y = y0 + static_cast<float>(j / columns) * (pair_h + step);
    t.sample[static_cast<std::size_t>(j)] = Rect{x, y, q, q};
    t.nearest[static_cast<std::size_t>(j)] = below ? Rect{x, y + q + gap, q, q} : Rect{x + q + gap, y, q, q};
  }
  if (y0 > grid_top) t.grid_label_y = y0 - line;  // the grid's line of text stays over it
}

// The pane's images as grey levels in one atlas: the shown particles, their nearest training
// images, then the strip's. The data's range maps to black..white (the digits: 0..1).
void ImageView::fill_atlas(int pane, int side, int shown) {
  const Eigen::MatrixXd& X = c_.sim.data();
  const Eigen::MatrixXd& Y = shown_points(pane);
  const Classification& cls = c_.sim.pane(pane).classes;
  const PaneTiles& t = tiles_[static_cast<std::size_t>(pane)];
  const int images = 2 * shown + static_cast<int>(t.strip.size());
  const int rows = (images + kAtlasColumns - 1) / kAtlasColumns;
  const int width = kAtlasColumns * side, height = std::max(1, rows) * side;
  levels_.assign(static_cast<std::size_t>(width) * static_cast<std::size_t>(height), 0);
  const double lo = X.minCoeff(), span = std::max(X.maxCoeff() - lo, 1e-12);
  const auto put = [&](int image, const auto& column) {
    const int ox = (image % kAtlasColumns) * side, oy = (image / kAtlasColumns) * side;
    for (int k = 0; k < side * side; ++k) {
      const double v = std::clamp((column(k) - lo) / span, 0.0, 1.0);
      levels_[static_cast<std::size_t>(oy + k / side) * static_cast<std::size_t>(width) + static_cast<std::size_t>(ox + k % side)] =
          static_cast<std::uint8_t>(std::lround(255.0 * v));
    }
  };
  for (int j = 0; j < shown; ++j) {
    put(j, Y.col(j));
    if (static_cast<std::size_t>(j) < cls.nearest.size()) put(shown + j, X.col(cls.nearest[static_cast<std::size_t>(j)]));
  }
  for (int n = 0; n < static_cast<int>(t.strip.size()); ++n) put(2 * shown + n, X.col(n));
  atlas_[static_cast<std::size_t>(pane)].upload(width, height, levels_);
}

void ImageView::draw(const SceneFrame& f) {
  const Simulation& sim = c_.sim;
  glViewport(0, 0, f.width, f.height);
  glClearColor(0.07f, 0.08f, 0.10f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  const int panes = sim.panes(), side = side_of(sim.data().rows());
  if (panes == 0 || !side) return;
  const float em = ImGui::GetFontSize();
  const bool embedded = !c_.state.show_ui;
  const Eigen::Index np = sim.pane(0).particles.cols();
  const int shown = static_cast<int>(std::min<Eigen::Index>(kShown, np));
  const Rect scene = c_.layout.scene;
  const bool compact = compact_legend(c_.layout, embedded, f.dpr);
  const Key key{{scene.x, scene.y, scene.w, scene.h, em, np, sim.data().cols(), panes, embedded, compact},
                sim.classified_data(), sim.classified()};
  if (!(key.shape == laid_out_)) {
    tiles_.resize(static_cast<std::size_t>(panes));
    for (int p = 0; p < panes; ++p)
      lay_out(tiles_[static_cast<std::size_t>(p)], c_.layout.pane(p, panes), side, shown, sim.data().cols(), em, embedded,
              compact);
    laid_out_ = key.shape;
  }
  atlas_.resize(static_cast<std::size_t>(panes));
  if (f.moved || !(key == drawn_))
    for (int p = 0; p < panes; ++p) fill_atlas(p, side, shown);
  drawn_ = key;
  // Drawn by Dear ImGui under the overlay and the panels (the background list), so a PNG carries it.
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  const float frame = std::max(2.0f, 1.5f * f.dpr);
  for (int p = 0; p < panes; ++p) {
    const PaneTiles& t = tiles_[static_cast<std::size_t>(p)];
    const render::GreyTexture& tex = atlas_[static_cast<std::size_t>(p)];
    const auto tex_id = reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(tex.id()));
    const auto image = [&](int i, const Rect& at) {
      const float u = static_cast<float>((i % kAtlasColumns) * side) / static_cast<float>(tex.width());
      const float v = static_cast<float>((i / kAtlasColumns) * side) / static_cast<float>(tex.height());
      const float du = static_cast<float>(side) / static_cast<float>(tex.width());
      const float dv = static_cast<float>(side) / static_cast<float>(tex.height());
      dl->AddImage(tex_id, corner(at), far_corner(at), ImVec2(u, v), ImVec2(u + du, v + dv));
    };
    const Classification& cls = sim.pane(p).classes;
    for (int j = 0; j < shown; ++j) {
      const Rect& a = t.sample[static_cast<std::size_t>(j)];
      const Rect& b = t.nearest[static_cast<std::size_t>(j)];
      const bool classified = static_cast<std::size_t>(j) < cls.classes.size();
      const ImU32 color = classified ? class_color(cls.classes[static_cast<std::size_t>(j)]) : IM_COL32(110, 116, 128, 255);
      const float pad = frame + 1;
      dl->AddRectFilled(ImVec2(std::min(a.x, b.x) - pad, std::min(a.y, b.y) - pad),
                        ImVec2(std::max(a.x + a.w, b.x + b.w) + pad, std::max(a.y + a.h, b.y + b.h) + pad), color);
      image(j, a);
      if (static_cast<std::size_t>(j) < cls.nearest.size()) image(shown + j, b);
      else dl->AddRectFilled(corner(b), far_corner(b), IM_COL32(30, 33, 40, 255));
    }
    for (int n = 0; n < static_cast<int>(t.strip.size()); ++n) image(2 * shown + n, t.strip[static_cast<std::size_t>(n)]);
  }
}

void ImageView::annotate(ImDrawList* dl, const SceneFrame&, Widgets& widgets) {
  const Simulation& sim = c_.sim;
  const int panes = std::min(sim.panes(), static_cast<int>(tiles_.size()));
  const ImU32 dim = IM_COL32(150, 158, 172, 255);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool hover = !ImGui::GetIO().WantCaptureMouse;
  for (int p = 0; p < panes; ++p) {
    const PaneTiles& t = tiles_[static_cast<std::size_t>(p)];
    const Pane& pane = sim.pane(p);
    dl->PushClipRect(ImVec2(t.x, t.strip_label_y), ImVec2(t.x + t.w, t.grid_label_y + ImGui::GetFontSize()), true);
    const auto points = static_cast<std::size_t>(sim.data().cols());
    const std::string strip = t.strip.size() < points ? "training images: " + std::to_string(t.strip.size()) + " of " + std::to_string(points)
                                                      : "training images (" + std::to_string(points) + ")";
    dl->AddText(ImVec2(t.x, t.strip_label_y), dim, strip.c_str());
    std::string grid = "particles: " + std::to_string(t.sample.size()) + " of " + std::to_string(pane.particles.cols());
    if (ImGui::CalcTextSize((grid + ", each over its nearest training image").c_str()).x <= t.w) grid += ", each over its nearest training image";
    else if (ImGui::CalcTextSize((grid + ", over the nearest").c_str()).x <= t.w) grid += ", over the nearest";
    dl->AddText(ImVec2(t.x, t.grid_label_y), dim, grid.c_str());
    dl->PopClipRect();
    const std::string id = std::to_string(p) + ":";
    for (std::size_t j = 0; j < t.sample.size(); ++j) {
      widgets.remember("image:" + id + std::to_string(j), t.sample[j]);
      widgets.remember("nearest:" + id + std::to_string(j), t.nearest[j]);
    }
    for (std::size_t n = 0; n < t.strip.size(); ++n) widgets.remember("strip:" + id + std::to_string(n), t.strip[n]);
    if (!hover) continue;
    const Classification& cls = pane.classes;
    for (std::size_t j = 0; j < t.sample.size(); ++j) {
      if (!t.sample[j].contains(mouse.x, mouse.y) && !t.nearest[j].contains(mouse.x, mouse.y)) continue;
      if (j >= cls.nearest.size() || j >= cls.classes.size()) {
        ImGui::SetTooltip("particle %d (not classified yet)", static_cast<int>(j + 1));
      } else {
        const bool memorized = cls.classes[j] == EndClass::training;
        ImGui::SetTooltip("particle %d: %s\nnearest training image: #%d\nratio to the second nearest: %.3f (memorized under %.3f)",
                          static_cast<int>(j + 1), memorized ? "memorized" : "novel", cls.nearest[j] + 1, cls.ratio[j],
                          kMemorizationRatio);
      }
    }
    for (std::size_t n = 0; n < t.strip.size(); ++n)
      if (t.strip[n].contains(mouse.x, mouse.y)) ImGui::SetTooltip("training image #%d", static_cast<int>(n + 1));
  }
}

// The share of each image the box would hide; an image counts as a thousand particles do in the points view.
double ImageView::occupancy(const Rect& box) const {
  double score = 0;
  const auto add = [&](const std::vector<Rect>& rects) {
    for (const Rect& r : rects) score += 1000.0 * overlap(r, box) / std::max(r.w * r.h, 1.0f);
  };
  for (const PaneTiles& t : tiles_) add(t.sample), add(t.nearest), add(t.strip);
  return score;
}

}  // namespace flowlab::app
