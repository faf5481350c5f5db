#include "projector.hpp"

#include <algorithm>
#include <cmath>

#include "core/data/projection.hpp"
#include "share_link.hpp"
#include "view.hpp"

namespace flowlab::app {
namespace {
float coord(const Eigen::MatrixXd& m, Eigen::Index row, Eigen::Index col) {
  return row < m.rows() ? static_cast<float>(m(row, col)) : 0.0f;
}
}  // namespace

void Projector::update() {
  const Eigen::MatrixXd& X = sim_.data();
  if (X.cols() == 0) return;
  const Eigen::Index d = X.rows();
  if (d > 3) {  // recomputed only when the data or the projection change
    const std::string key = fragment_of(state_, {"preset", "n", "d", "angle", "length", "per", "dseed", "pts", "dcls", "proj", "ax", "ay"});
    if (key == projection_key_ && projection_.cols() == d) return;
    projection_key_ = key;
    if (state_.projection == "axes") {
      projection_ = Eigen::MatrixXd::Zero(2, d);
      projection_(0, std::min<Eigen::Index>(state_.axis_x, d - 1)) = 1;
      projection_(1, std::min<Eigen::Index>(state_.axis_y, d - 1)) = 1;
      pivot_ = Eigen::VectorXd::Zero(d);
    } else {
      projection_ = principal_axes(X, 2, pivot_);
    }
    return;
  }
  if (d != 3) return;
  const double cy = std::cos(state_.yaw), sy = std::sin(state_.yaw);
  const double cp = std::cos(state_.pitch), sp = std::sin(state_.pitch);
  camera_ << cy, -sy, 0.0,               // yaw about the third axis, then pitch about the screen's x
      sy * sp, cy * sp, cp;
  pivot_ = X.rowwise().mean();
}

bool Projector::centred(Eigen::Index d) const { return d == 3 || (d > 3 && state_.projection != "axes"); }

std::pair<float, float> Projector::screen(const Eigen::MatrixXd& m, Eigen::Index j) const {
  if (m.rows() >= 3 && pivot_.size() == m.rows()) {
    const Eigen::Vector2d p = m.rows() == 3 ? Eigen::Vector2d(camera_ * (m.col(j) - pivot_))
                                            : Eigen::Vector2d(projection_ * (m.col(j) - pivot_));
    if (!centred(m.rows())) return {static_cast<float>(p.x()), static_cast<float>(p.y())};
    return {static_cast<float>(state_.center_x + p.x()), static_cast<float>(state_.center_y + p.y())};
  }
  return {coord(m, 0, j), coord(m, 1, j)};
}

render::Affine Projector::affine(Eigen::Index d) const {
  render::Affine a;
  if (d < 3 || pivot_.size() != d || d > 4) return a;  // d = 2: the coordinates themselves
  Eigen::Matrix<double, 2, Eigen::Dynamic> M = d == 3 ? Eigen::MatrixXd(camera_) : Eigen::MatrixXd(projection_);
  Eigen::Vector2d o = -(M * pivot_);
  if (centred(d)) o += Eigen::Vector2d(state_.center_x, state_.center_y);
  for (Eigen::Index i = 0; i < 4; ++i) {
    a.rx[i] = i < d ? static_cast<float>(M(0, i)) : 0.0f;
    a.ry[i] = i < d ? static_cast<float>(M(1, i)) : 0.0f;
  }
  a.o[0] = static_cast<float>(o.x()), a.o[1] = static_cast<float>(o.y());
  return a;
}

std::pair<float, float> Projector::screen(const Eigen::VectorXd& v) const {
  const Eigen::MatrixXd m = v;
  return screen(m, 0);
}

Eigen::VectorXd Projector::world_point(double wx, double wy) const {
  const Eigen::Index d = sim_.data().rows();
  if (d <= 2) return d == 1 ? Eigen::VectorXd::Constant(1, wx) : Eigen::Vector2d(wx, wy).eval();
  Eigen::Vector2d w(wx, wy);
  if (centred(d)) w -= Eigen::Vector2d(state_.center_x, state_.center_y);
  if (pivot_.size() != d) return Eigen::VectorXd::Zero(d);
  return d == 3 ? Eigen::VectorXd(pivot_ + camera_.transpose() * w) : Eigen::VectorXd(pivot_ + projection_.transpose() * w);
}

render::View2D Projector::view(double width, double height) const {
  render::View2D v;
  v.cx = state_.center_x;
  v.cy = state_.center_y;
  v.scale = view_scale(state_.zoom, width, height);
  v.width = static_cast<int>(width);
  v.height = static_cast<int>(height);
  return v;
}

int Projector::pane_at(double px) const {
  const int panes = std::max(1, sim_.panes());
  const Rect first = layout_.pane(0, panes);
  return std::clamp(static_cast<int>(std::floor((px - first.x) / std::max(1.0f, first.w))), 0, panes - 1);
}

void Projector::to_world(int pane, double px, double py, double& wx, double& wy) const {
  const Rect r = layout_.pane(pane, std::max(1, sim_.panes()));
  view(r.w, r.h).to_world(px - r.x, py - r.y, wx, wy);
}

}  // namespace flowlab::app
