#include "core/denoisers/ray_geometry.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/data/csv.hpp"

namespace flowlab {
namespace {

std::string point_name(int i) { return "point " + std::to_string(i + 1); }

std::string degrees(double cosine) {
  const double deg = std::acos(std::clamp(cosine, -1.0, 1.0)) * 180.0 / M_PI;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", deg);
  return buf;
}

void sort_ray(Ray& r) {
  std::vector<std::size_t> order(r.t.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return r.t[a] < r.t[b]; });
  Ray s{r.dir, {}, {}};
  for (auto k : order) {
    s.t.push_back(r.t[k]);
    s.points.push_back(r.points[k]);
  }
  r = std::move(s);
}

// Builds the rays seen from `apex`; fails with the offending pair of points.
Result<RayGeometry> try_apex(const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::VectorXd& apex, int apex_point,
                             double len_tol, double cos_tol) {
  RayGeometry g;
  g.apex = apex;
  g.apex_point = apex_point;
  const std::string from = apex_point >= 0 ? "from " + point_name(apex_point) : "from the origin";
  for (int j = 0; j < static_cast<int>(X.cols()); ++j) {
    if (j == apex_point) continue;
    const Eigen::VectorXd e = X.col(j) - apex;
    const double t = e.norm();
    if (t <= len_tol) {  // a data point sits at this (non-data) apex
      g.apex_point = j;
      continue;
    }
    const Eigen::VectorXd u = e / t;
    bool placed = false;
    for (auto& r : g.rays) {
      const double c = r.dir.dot(u);
      if (c >= 1.0 - cos_tol) {
        r.t.push_back(t);
        r.points.push_back(j);
        placed = true;
        break;
      }
      if (c > cos_tol)
        return Error{from + ", the rays toward " + point_name(r.points.front()) + " and " + point_name(j) +
                     " meet at " + degrees(c) + " degrees, an acute angle"};
    }
    if (!placed) g.rays.push_back(Ray{u, {t}, {j}});
  }
  for (auto& r : g.rays) sort_ray(r);
  return g;
}

const char* kind_of(const RayGeometry& g, Eigen::Index d, double cos_tol) {
  bool right = true;
  for (std::size_t i = 0; i < g.rays.size(); ++i)
    for (std::size_t j = i + 1; j < g.rays.size(); ++j) right = right && std::fabs(g.rays[i].dir.dot(g.rays[j].dir)) <= cos_tol;
  const bool simple = g.one_point_per_ray() && static_cast<Eigen::Index>(g.rays.size()) <= d;
  if (g.apex_point < 0) return simple && right ? "orthogonal" : "rays";
  if (simple) return right ? "right simplex" : "obtuse simplex";
  return "rays";
}

}  // namespace

std::vector<RayUnit> RayGeometry::units() const {
  std::vector<RayUnit> u;
  for (int r = 0; r < static_cast<int>(rays.size()); ++r) {
    double start = 0.0;
    for (std::size_t k = 0; k < rays[static_cast<std::size_t>(r)].t.size(); ++k) {
      const double t = rays[static_cast<std::size_t>(r)].t[k];
      u.push_back(RayUnit{r, start, t - start, rays[static_cast<std::size_t>(r)].points[k]});
      start = t;
    }
  }
  return u;
}

double RayGeometry::min_gap() const {
  double g = INFINITY;
  for (const auto& u : units()) g = std::min(g, u.length);
  return g;
}

std::string RayGeometry::min_gap_where() const {
  const auto us = units();
  if (us.empty()) return "nowhere (a single point)";
  const auto it = std::min_element(us.begin(), us.end(), [](const RayUnit& a, const RayUnit& b) { return a.length < b.length; });
  const Ray& r = rays[static_cast<std::size_t>(it->ray)];
  std::string from = "the apex";
  const auto k = std::find(r.points.begin(), r.points.end(), it->point) - r.points.begin();
  if (k > 0) from = point_name(r.points[static_cast<std::size_t>(k - 1)]);
  else if (apex_point >= 0) from = point_name(apex_point) + " (the apex)";
  return "between " + from + " and " + point_name(it->point) + " (ray " + std::to_string(it->ray + 1) + ")";
}

bool RayGeometry::one_point_per_ray() const {
  return std::all_of(rays.begin(), rays.end(), [](const Ray& r) { return r.t.size() == 1; });
}

Result<RayGeometry> detect_ray_geometry(const Eigen::Ref<const Eigen::MatrixXd>& X, double tol) {
  const Eigen::Index n = X.cols(), d = X.rows();
  if (n == 0) return Error{"the data set is empty"};
  if (n == 1) return RayGeometry{"single point", X.col(0), 0, {}};
  double diameter = 0.0;
  Eigen::Index far = 0;
  for (Eigen::Index j = 1; j < n; ++j) {
    const double dist = (X.col(j) - X.col(0)).norm();
    if (dist > diameter) diameter = dist, far = j;
  }
  const double len_tol = tol * diameter;

  // Collinear data (1-D included): the apex is the first point along the line, one ray.
  Eigen::VectorXd u = (X.col(far) - X.col(0)) / diameter;
  Eigen::Index big = 0;
  u.cwiseAbs().maxCoeff(&big);
  if (u(big) < 0) u = -u;  // canonical orientation: the apex is the smallest point in 1-D
  const Eigen::MatrixXd rel = X.colwise() - X.col(0);
  const Eigen::RowVectorXd s = u.transpose() * rel;
  if ((rel - u * s).colwise().norm().maxCoeff() <= len_tol) {
    Eigen::Index lo = 0;
    s.minCoeff(&lo);
    Ray ray{u, {}, {}};
    for (Eigen::Index j = 0; j < n; ++j)
      if (j != lo) ray.t.push_back(s(j) - s(lo)), ray.points.push_back(static_cast<int>(j));
    sort_ray(ray);
    return RayGeometry{d == 1 ? "1-D" : "collinear", X.col(lo), static_cast<int>(lo), {ray}};
  }

  std::string first_failure;
  for (int a = 0; a <= static_cast<int>(n); ++a) {
    const bool origin = a == static_cast<int>(n);
    if (origin && (X.colwise().norm().array() <= len_tol).any()) break;  // already tried as a data point
    const Eigen::VectorXd apex = origin ? Eigen::VectorXd::Zero(d) : Eigen::VectorXd(X.col(a));
    auto g = try_apex(X, apex, origin ? -1 : a, len_tol, tol);
    if (g) {
      g.value().kind = kind_of(g.value(), d, tol);
      return g;
    }
    if (first_failure.empty()) first_failure = g.message();
  }
  return Error{"no closed form for this data: no data point (nor the origin) sees all the others along rays at "
               "right or obtuse angles (for example, " + first_failure +
               "). Use emmse, ksmooth or a trained network for such data"};
}

}  // namespace flowlab
