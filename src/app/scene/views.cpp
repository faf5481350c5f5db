// The scene views, in the order they are tried: a new view is one line here.
#include "image_view.hpp"
#include "points_view.hpp"
#include "scene_view.hpp"

namespace flowlab::app {

std::vector<std::unique_ptr<SceneView>> make_scene_views(const SceneContext& c) {
  std::vector<std::unique_ptr<SceneView>> views;
  views.push_back(std::make_unique<ImageView>(c));   // image data (the digits, or view=img): a grid of images
  views.push_back(std::make_unique<PointsView>(c));  // any data: points, fields, curves and boxes
  return views;
}

}  // namespace flowlab::app
