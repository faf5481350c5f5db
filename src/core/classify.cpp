#include "classify.hpp"

#include <cmath>

#include <Eigen/QR>

#include "csv.hpp"
#include "ray_geometry.hpp"

namespace flowlab {

const char* to_string(EndClass c) {
  switch (c) {
    case EndClass::training: return "training";
    case EndClass::virtual_point: return "virtual";
    case EndClass::apex: return "apex";
    case EndClass::manifold: return "manifold";
    case EndClass::other: return "other";
    default: return "novel";
  }
}

double Classification::fraction(EndClass c) const {
  return classes.empty() ? 0.0 : static_cast<double>(counts[static_cast<int>(c)]) / static_cast<double>(classes.size());
}

Result<Classifier> Classifier::create(const Eigen::Ref<const Eigen::MatrixXd>& X, double tol) {
  if (!(tol > 0) || !(tol < 0.5)) return Error{"the classification tolerance must be in (0, 0.5) (got " + format_number(tol) + ")"};
  if (X.cols() == 0) return Error{"the data set is empty"};
  Classifier c;
  c.X_ = X;
  c.tol_ = tol;
  c.spacing_ = INFINITY;
  for (Eigen::Index i = 0; i < X.cols(); ++i)
    for (Eigen::Index j = i + 1; j < X.cols(); ++j) c.spacing_ = std::min(c.spacing_, (X.col(i) - X.col(j)).norm());
  if (!std::isfinite(c.spacing_)) c.spacing_ = 1.0;
  auto g = detect_ray_geometry(X);
  if (g && !g.value().rays.empty() && g.value().one_point_per_ray()) {
    const auto& geo = g.value();
    c.structured_ = true;
    c.apex_ = geo.apex;
    c.apex_point_ = geo.apex_point;
    c.edges_.resize(X.rows(), static_cast<Eigen::Index>(geo.rays.size()));
    c.edge_scale_ = INFINITY;
    for (std::size_t r = 0; r < geo.rays.size(); ++r) {
      const int p = geo.rays[r].points[0];
      c.edge_point_.push_back(p);
      c.edges_.col(static_cast<Eigen::Index>(r)) = X.col(p) - geo.apex;
      c.edge_scale_ = std::min(c.edge_scale_, geo.rays[r].t[0]);
    }
    c.pinv_ = c.edges_.completeOrthogonalDecomposition().pseudoInverse();
  }
  return c;
}

std::vector<EndClass> Classifier::classes() const {
  if (!structured_) return {EndClass::training, EndClass::novel};
  return {EndClass::training, EndClass::virtual_point, EndClass::apex, EndClass::manifold, EndClass::other};
}

std::vector<std::pair<Eigen::VectorXd, Eigen::VectorXd>> Classifier::hyperbox_edges() const {
  std::vector<std::pair<Eigen::VectorXd, Eigen::VectorXd>> out;
  const auto r = static_cast<int>(edges_.cols());
  if (!structured_ || r > 8) return out;
  for (int subset = 0; subset < (1 << r); ++subset) {
    Eigen::VectorXd corner = apex_;
    for (int k = 0; k < r; ++k)
      if (subset >> k & 1) corner += edges_.col(k);
    for (int k = 0; k < r; ++k)
      if (!(subset >> k & 1)) out.emplace_back(corner, corner + edges_.col(k));
  }
  return out;
}

Classification Classifier::classify(const Eigen::Ref<const Eigen::MatrixXd>& Y) const {
  Classification out;
  const Eigen::Index np = Y.cols();
  out.classes.resize(static_cast<std::size_t>(np));
  out.vertex.resize(static_cast<std::size_t>(np));
  if (structured_) {
    const Eigen::MatrixXd rel = Y.colwise() - apex_;
    const Eigen::MatrixXd C = pinv_ * rel;
    const Eigen::RowVectorXd resid = (rel - edges_ * C).colwise().norm();
    for (Eigen::Index j = 0; j < np; ++j) {
      auto& v = out.vertex[static_cast<std::size_t>(j)];
      bool vertex = resid(j) <= tol_ * edge_scale_, inside = vertex;
      for (Eigen::Index n = 0; n < C.rows(); ++n) {
        const double cn = C(n, j);
        if (std::fabs(cn - 1.0) <= tol_) v.push_back(edge_point_[static_cast<std::size_t>(n)]);
        else if (std::fabs(cn) > tol_) vertex = false;
        inside = inside && cn >= -tol_ && cn <= 1.0 + tol_;
      }
      EndClass cls = EndClass::other;
      if (vertex) {
        if (v.size() >= 2) cls = EndClass::virtual_point;
        else if (v.size() == 1) cls = EndClass::training;
        else if (apex_point_ >= 0) cls = EndClass::training, v.push_back(apex_point_);
        else cls = EndClass::apex;
      } else {
        v.clear();
        if (inside) cls = EndClass::manifold;
      }
      out.classes[static_cast<std::size_t>(j)] = cls;
    }
  } else {
    for (Eigen::Index j = 0; j < np; ++j) {
      Eigen::Index nearest = 0;
      const double dist = (X_.colwise() - Y.col(j)).colwise().norm().minCoeff(&nearest);
      const bool hit = dist <= tol_ * spacing_;
      out.classes[static_cast<std::size_t>(j)] = hit ? EndClass::training : EndClass::novel;
      if (hit) out.vertex[static_cast<std::size_t>(j)].push_back(static_cast<int>(nearest));
    }
  }
  for (auto c : out.classes) ++out.counts[static_cast<int>(c)];
  return out;
}

}  // namespace flowlab
