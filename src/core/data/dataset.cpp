#include "core/data/dataset.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include <Eigen/Cholesky>
#include <Eigen/QR>

#include "core/runtime/budget.hpp"
#include "core/data/csv.hpp"
#include "core/data/rng.hpp"

namespace flowlab {
namespace {
std::string num(double x) { return format_number(x); }

// Generated coordinates within round-off of zero are zero: cos(90 deg) gives 6e-17,
// which would otherwise reach exports and links. Round-off of the data's own scale: data
// generated at 1e-14 are not zeroed.
Result<Dataset> generated(Eigen::MatrixXd x, const char* name) {
  const double tiny = 1e-14 * (x.size() ? x.cwiseAbs().maxCoeff() : 0.0);
  x = x.unaryExpr([tiny](double v) { return std::abs(v) < tiny ? 0.0 : v; });
  return make_dataset(std::move(x), name);
}

// The points' projections on a direction fixed by d, and their order along it: close points
// have close projections, so pairs within a distance r lie within r of each other in this order.
struct Sweep {
  Eigen::VectorXd key;
  std::vector<Eigen::Index> order;
};
Sweep sweep_order(const Eigen::Ref<const Eigen::MatrixXd>& X) {
  Eigen::VectorXd u(X.rows());
  Rng rng(0x0ddba11ULL + static_cast<std::uint64_t>(X.rows()));
  rng.fill_normal(u);
  u.normalize();
  Sweep s{X.transpose() * u, std::vector<Eigen::Index>(static_cast<std::size_t>(X.cols()))};
  for (Eigen::Index j = 0; j < X.cols(); ++j) s.order[static_cast<std::size_t>(j)] = j;
  std::sort(s.order.begin(), s.order.end(), [&](Eigen::Index a, Eigen::Index b) { return s.key(a) < s.key(b); });
  return s;
}

// Two points within 1e-12 of the data's scale (its largest coordinate: data at 1e-12 are as valid
// as data at 1) of each other, or none, in O(N log N): only
// neighbours in the sweep order whose projections lie within the tolerance are compared (points
// far apart rarely have projections that close, unless they lie on a hyperplane normal to it).
std::optional<std::pair<Eigen::Index, Eigen::Index>> duplicate_pair(const Eigen::Ref<const Eigen::MatrixXd>& X) {
  const double tol = 1e-12 * X.cwiseAbs().maxCoeff();
  const Sweep s = sweep_order(X);
  const auto& o = s.order;
  for (std::size_t a = 0; a < o.size(); ++a)
    for (std::size_t b = a + 1; b < o.size() && s.key(o[b]) - s.key(o[a]) <= tol; ++b)
      if ((X.col(o[a]) - X.col(o[b])).norm() <= tol) return std::make_pair(std::min(o[a], o[b]), std::max(o[a], o[b]));
  return std::nullopt;
}
}  // namespace

double closest_distance(const Eigen::Ref<const Eigen::MatrixXd>& X) {
  double best = INFINITY;
  if (X.cols() < 2) return best;
  const Sweep s = sweep_order(X);
  const auto& o = s.order;
  for (std::size_t a = 0; a < o.size(); ++a)
    for (std::size_t b = a + 1; b < o.size() && s.key(o[b]) - s.key(o[a]) < best; ++b)
      best = std::min(best, (X.col(o[a]) - X.col(o[b])).norm());
  return best;
}

namespace {
Status need(bool ok, const std::string& what) { return ok ? Status::ok() : Status(Error{what}); }

// A generator's size: N points in R^d within the limits, and in memory (checked before anything is built).
Status size_ok(double points, int d) {
  if (d > budget::kMaxDim) return Error{"the dimension d = " + std::to_string(d) + " is over " + std::to_string(budget::kMaxDim)};
  if (points > static_cast<double>(budget::kMaxPoints))
    return Error{num(points) + " points are over the limit of " + std::to_string(budget::kMaxPoints)};
  return budget::fits_memory(points * d * 8 * 3 + (d > 64 ? 8.0 * d * d * 4 : 0.0),
                             "a data set of " + num(points) + " points in dimension " + std::to_string(d));
}

// Columns e_1..e_k in R^d (d >= k) with |e_i| = length and e_i.e_j = length^2 cos(angle).
Result<Eigen::MatrixXd> edges_with_angle(int k, int d, double angle_deg, double length) {
  const double c = std::cos(angle_deg * M_PI / 180.0);
  if (k > 1 && !(c < 1.0 && 1.0 + (k - 1) * c > 1e-12))
    return Error{std::to_string(k) + " edges cannot meet pairwise at " + num(angle_deg) +
                 " degrees (need cos(angle) > -1/(edges-1))"};
  Eigen::MatrixXd gram = Eigen::MatrixXd::Constant(k, k, c);
  gram.diagonal().setOnes();
  const Eigen::MatrixXd lower = gram.llt().matrixL();
  Eigen::MatrixXd e = Eigen::MatrixXd::Zero(d, k);
  e.topRows(k) = length * lower.transpose();
  return e;
}
}  // namespace

Status validate_points(const Eigen::Ref<const Eigen::MatrixXd>& points) {
  if (points.cols() == 0) return Error{"the data set is empty (N = 0): it needs at least one point"};
  if (points.rows() == 0) return Error{"the points have dimension 0"};
  for (Eigen::Index j = 0; j < points.cols(); ++j)
    for (Eigen::Index i = 0; i < points.rows(); ++i)
      if (!std::isfinite(points(i, j)))
        return Error{"point " + std::to_string(j + 1) + ", coordinate " + std::to_string(i + 1) +
                     " is not a finite number"};
      else if (std::abs(points(i, j)) > budget::kMaxCoordinate)
        return Error{"point " + std::to_string(j + 1) + ", coordinate " + std::to_string(i + 1) + " (" +
                     num(points(i, j)) + ") is beyond +-" + num(budget::kMaxCoordinate) +
                     " (squared distances would overflow); rescale the data"};
  if (const auto pair = duplicate_pair(points))
    return Error{"points " + std::to_string(pair->first + 1) + " and " + std::to_string(pair->second + 1) +
                 " are the same point (duplicates make the interpolation ill-posed)"};
  return Status::ok();
}

Result<Dataset> make_dataset(Eigen::MatrixXd points, std::string name) {
  if (auto s = validate_points(points); !s) return Error{s.message()};
  return Dataset{std::move(points), std::move(name)};
}

Result<Dataset> load_dataset_csv(const std::string& path, int threads) {
  auto m = read_points_csv(path, threads);
  if (!m) return m.error();
  if (auto s = validate_points(m.value()); !s) return Error{path + ": " + s.message()};
  return Dataset{std::move(m).value(), path};
}

Eigen::MatrixXd random_rotation(int d, std::uint64_t seed) {
  Rng rng(seed);
  Eigen::MatrixXd g(d, d);
  rng.fill_normal(g);
  Eigen::HouseholderQR<Eigen::MatrixXd> qr(g);
  Eigen::MatrixXd q = qr.householderQ();
  const Eigen::MatrixXd r = qr.matrixQR().triangularView<Eigen::Upper>();
  for (int i = 0; i < d; ++i)
    if (r(i, i) < 0) q.col(i) *= -1.0;
  return q;
}

Result<Dataset> make_points_1d(const Points1dParams& p) {
  if (auto s = need(p.n >= 1, "1-D data needs n >= 1"); !s) return Error{s.message()};
  if (auto s = need(p.min_gap > 0 && p.max_gap >= p.min_gap, "1-D data needs 0 < min_gap <= max_gap"); !s)
    return Error{s.message()};
  if (auto s = size_ok(p.n, 1); !s) return Error{s.message()};
  Rng rng(p.seed);
  Eigen::MatrixXd x(1, p.n);
  double t = 0.0;
  for (int n = 0; n < p.n; ++n) {
    x(0, n) = t;
    t += rng.uniform(p.min_gap, p.max_gap);
  }
  return generated(std::move(x), "points1d");
}

Result<Dataset> make_orthogonal(const OrthogonalParams& p) {
  if (p.n < 1 || p.d < p.n) return Error{"orthogonal data needs 1 <= n <= d (got n = " + std::to_string(p.n) +
                                         ", d = " + std::to_string(p.d) + ")"};
  if (!(p.min_length > 0 && p.max_length >= p.min_length))
    return Error{"orthogonal data needs 0 < min_length <= max_length"};
  if (auto s = size_ok(p.n, p.d); !s) return Error{s.message()};
  Rng rng(p.seed);
  Eigen::MatrixXd x = Eigen::MatrixXd::Zero(p.d, p.n);
  for (int n = 0; n < p.n; ++n) x(n, n) = rng.uniform(p.min_length, p.max_length);
  if (p.rotate) x = random_rotation(p.d, p.seed + 1) * x;
  return generated(std::move(x), "orthogonal");
}

Result<Dataset> make_simplex(const SimplexParams& p) {
  if (p.edges < 1 || p.d < p.edges) return Error{"a simplex needs 1 <= edges <= d"};
  if (!(p.length > 0)) return Error{"a simplex needs length > 0"};
  if (auto s = size_ok(p.edges + 1.0, p.d); !s) return Error{s.message()};
  auto e = edges_with_angle(p.edges, p.d, p.angle_deg, p.length);
  if (!e) return e.error();
  Eigen::MatrixXd x = Eigen::MatrixXd::Zero(p.d, p.edges + 1);
  x.rightCols(p.edges) = e.value();
  if (p.rotate) x = random_rotation(p.d, p.seed + 1) * x;
  return generated(std::move(x), "simplex");
}

Result<Dataset> make_rays(const RaysParams& p) {
  if (p.rays < 1 || p.d < p.rays || p.per_ray < 1) return Error{"rays need 1 <= rays <= d and per_ray >= 1"};
  if (!(p.spacing > 0) || !(p.jitter >= 0 && p.jitter < 0.5)) return Error{"rays need spacing > 0 and 0 <= jitter < 0.5"};
  if (auto s = size_ok(1.0 + static_cast<double>(p.rays) * p.per_ray, p.d); !s) return Error{s.message()};
  auto e = edges_with_angle(p.rays, p.d, p.angle_deg, 1.0);
  if (!e) return e.error();
  Rng rng(p.seed);
  Eigen::MatrixXd x = Eigen::MatrixXd::Zero(p.d, 1 + p.rays * p.per_ray);
  int col = 1;
  for (int r = 0; r < p.rays; ++r)
    for (int k = 1; k <= p.per_ray; ++k)
      x.col(col++) = (k + p.jitter * rng.uniform()) * p.spacing * e.value().col(r);
  if (p.rotate) x = random_rotation(p.d, p.seed + 1) * x;
  return generated(std::move(x), "rays");
}

Result<Dataset> make_collinear(const CollinearParams& p) {
  if (p.d < 1) return Error{"collinear data needs d >= 1"};
  if (auto s = size_ok(p.n, p.d); !s) return Error{s.message()};
  auto line = make_points_1d({p.n, p.min_gap, p.max_gap, p.seed});
  if (!line) return line.error();
  Rng rng(p.seed + 7);
  Eigen::VectorXd u(p.d), offset(p.d);
  rng.fill_normal(u);
  rng.fill_normal(offset);
  u.normalize();
  Eigen::MatrixXd x = offset.replicate(1, p.n) + u * line.value().points;
  return generated(std::move(x), "collinear");
}

Result<Dataset> make_clusters(const ClustersParams& p) {
  if (p.clusters < 1 || p.per_cluster < 1 || p.d < 1) return Error{"clusters need clusters, per_cluster, d >= 1"};
  if (!(p.spread >= 0 && p.std > 0)) return Error{"clusters need spread >= 0 and std > 0"};
  if (auto s = size_ok(static_cast<double>(p.clusters) * p.per_cluster, p.d); !s) return Error{s.message()};
  Rng rng(p.seed);
  Eigen::MatrixXd x(p.d, p.clusters * p.per_cluster);
  Eigen::VectorXd centre(p.d), z(p.d);
  for (int c = 0; c < p.clusters; ++c) {
    rng.fill_normal(centre);
    for (int k = 0; k < p.per_cluster; ++k) {
      rng.fill_normal(z);
      x.col(c * p.per_cluster + k) = p.spread * centre + p.std * z;
    }
  }
  return generated(std::move(x), "clusters");
}

}  // namespace flowlab
