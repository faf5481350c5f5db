#pragma once
// The field layers of each pane: for 2-D data the magnitude |h(y) - y| as a heatmap, arrows,
// streamlines and a trained network's units; for 1-D data the denoiser as a curve h(y). Values
// come from the Simulation (the core); here they only become vertices, rebuilt when the view, the
// noise level or the state changes, and kept in their own GL buffers otherwise.
#include <cstdint>
#include <string>
#include <vector>

#include "scene_view.hpp"
#include "render/plot.hpp"

namespace flowlab::app {

class FieldLayers {
 public:
  explicit FieldLayers(const SceneContext& c) : c_(c) {}
  void resize(int panes) { field_.resize(static_cast<std::size_t>(panes)); }
  double sigma() const;  // the noise level the field is drawn at
  // The heatmap (drawn under the trails) or the arrows and streamlines (over them), of 2-D data.
  void draw_field(render::Plot& plot, int pane, const render::View2D& view, bool heat);
  // 1-D data: h(y) against y, with the identity line.
  void draw_function_1d(render::Plot& plot, int pane, const render::View2D& view);

 private:
  void rebuild(int pane, const render::View2D& view);
  std::string key(const render::View2D& view) const;
  void relu_lines(const render::View2D& view, std::vector<render::Vertex>& out) const;

  SceneContext c_;
  struct Cache {  // per pane: the field layers (or the 1-D curve), rebuilt when `key` changes
    std::string key;
    std::uint64_t generation = 0;
    std::vector<render::Vertex> heat, lines;
  };
  std::vector<Cache> field_;
  std::uint64_t generation_ = 0;
};

}  // namespace flowlab::app
