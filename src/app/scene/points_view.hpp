#pragma once
// The points view: any data as points. 2-D data over their field (heatmap, arrows, streamlines),
// 1-D data under the curve h(y), 3-D data in the hyperbox seen by the orbit camera, d > 3
// projected; the particles with their fading trails, the noise balls, the training points and the
// rings at the vertices reached. It draws what the Simulation holds; it computes nothing.
#include <cstdint>
#include <string>
#include <vector>

#include "field_layers.hpp"
#include "render/gpu_points.hpp"
#include "render/plot.hpp"
#include "render/trails.hpp"
#include "scene_view.hpp"

namespace flowlab::app {

class PointsView : public SceneView {
 public:
  explicit PointsView(const SceneContext& c) : c_(c), fields_(c) {}
  const char* name() const override { return "points"; }
  bool accepts(const AppState&, const Simulation&) const override { return true; }
  bool init(std::string& error) override;
  void shutdown() override;
  void draw(const SceneFrame& f) override;
  void annotate(ImDrawList* dl, const SceneFrame& f, Widgets& widgets) override;
  double occupancy(const Rect& box) const override;
  void restart() override { trails_.clear(); }
  bool rings() const override;
  const std::string& gl_error() const { return plot_.error(); }

 private:
  std::pair<float, float> drawn_at(Eigen::Index n) const;  // a training point in its pane's plane
  void build_particles(int pane);
  // The pane's particles at `size_px`: from the GPU path's buffer where it holds them, else the vertex list.
  void draw_particles(int pane, const render::View2D& view, float size_px);
  void draw_trails(const SceneFrame& f, int panes);
  void draw_pane(const SceneFrame& f, int pane, const Rect& r);
  void draw_markers(const SceneFrame& f, int pane, const render::View2D& view);
  void draw_regions();  // 2-D: the outlines of the classes' regions, from the classifier (cached)
  // The inverse problem: the line, its band, the exact posterior and the samples per point.
  void draw_measurement(ImDrawList* dl) const;
  void draw_corners(ImDrawList* dl, float dpr);  // d = 3: the hyperbox's vertices labelled, and the axes

  SceneContext c_;
  FieldLayers fields_;
  render::Plot plot_;
  render::Trails trails_;
  std::string trails_key_;  // the view the trail layer was drawn in
  double last_trail_s_ = -1;
  std::vector<std::vector<render::Vertex>> particle_verts_;  // per pane, this frame
  render::GpuPoints gpu_points_[2];                           // per pane: particles in the GPU path's buffer
  std::vector<std::uint32_t> gpu_colours_[2];                 // their colours, rebuilt with the classes
  std::uint64_t gpu_colour_key_[2] = {~0ull, ~0ull};
  std::vector<render::Vertex> verts_;
  struct Reached {  // per pane: the vertices the particles reached, refreshed with the classification
    std::uint64_t classified = ~std::uint64_t{0};
    double when = -1e300;  // seconds
    std::vector<Classifier::Reached> vertices;
  };
  std::vector<Reached> reached_;
  std::vector<Classifier::Reached> corners_;  // d = 3: the hyperbox's vertices, labelled
  std::uint64_t corners_key_ = 0;
  std::vector<Classifier::Region> regions_;  // 2-D: where each class lies (View: class regions)
  std::uint64_t regions_key_ = ~std::uint64_t{0};
};

}  // namespace flowlab::app
