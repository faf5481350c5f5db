#pragma once
// How the panes show the data: R^d onto each pane's plane (the coordinates for d <= 2, an orbit
// camera for d = 3, two principal axes or two chosen coordinates for d > 3), and the pixel <->
// world mapping of each pane. It reads the state, the layout and the data; it edits nothing.
#include <string>
#include <utility>

#include <Eigen/Core>

#include "layout.hpp"
#include "render/gpu_points.hpp"
#include "render/plot.hpp"
#include "simulation.hpp"
#include "state.hpp"

namespace flowlab::app {

class Projector {
 public:
  Projector(const AppState& state, const Simulation& sim, const Layout& layout) : state_(state), sim_(sim), layout_(layout) {}
  // The camera (d = 3) or the projection (d > 3) for the state and data as they are now.
  void update();
  // Where column j of m is drawn: its coordinates for d = 2, the orbit camera's
  // orthographic view for d = 3, the data's two principal axes for d > 3.
  std::pair<float, float> screen(const Eigen::MatrixXd& m, Eigen::Index j) const;
  std::pair<float, float> screen(const Eigen::VectorXd& v) const;
  // screen() as an affine map of the coordinates (d from 2 to 4): for drawing on the GPU.
  render::Affine affine(Eigen::Index d) const;
  // Chosen coordinates are drawn as they are; a PCA or orbit view is centred on the data.
  bool centred(Eigen::Index d) const;
  Eigen::VectorXd world_point(double wx, double wy) const;  // a point of the view in data space (for spawning)
  render::View2D view(double width, double height) const;    // a pane of that size at the state's camera
  int pane_at(double px) const;                              // the pane under canvas pixel x
  void to_world(int pane, double px, double py, double& wx, double& wy) const;
  const Eigen::Matrix<double, 2, 3>& camera() const { return camera_; }  // d = 3: rows are the screen's axes

 private:
  const AppState& state_;
  const Simulation& sim_;
  const Layout& layout_;
  Eigen::Matrix<double, 2, 3> camera_ = Eigen::Matrix<double, 2, 3>::Zero();
  Eigen::VectorXd pivot_;       // the data's centre (d = 3 and d > 3)
  Eigen::MatrixXd projection_;  // d > 3: the data's two principal axes (or two coordinate axes), 2 by d
  std::string projection_key_;
};

// The canvas pixel of plane point (x, y) in pane rectangle r seen through v: the one world -> pixel
// mapping the views, the overlay and the inverse problem's marks share.
inline std::pair<float, float> pane_pixel(const Rect& r, const render::View2D& v, double x, double y) {
  return {r.x + static_cast<float>(0.5 * r.w + (x - v.cx) * v.scale), r.y + static_cast<float>(0.5 * r.h - (y - v.cy) * v.scale)};
}

}  // namespace flowlab::app
