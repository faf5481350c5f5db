#include "core/analysis/classify.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <unordered_map>

#include <Eigen/QR>

#include "core/data/csv.hpp"
#include "core/runtime/parallel.hpp"
#include "core/data/dataset.hpp"
#include "core/denoisers/denoiser.hpp"
#include "core/denoisers/ray_geometry.hpp"
#include "core/runtime/enum_names.hpp"

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

namespace {
// Each training point's first identical copy (itself when it has none): points the data hold
// more than once count as one, so a copy of them is not taken for a tie.
std::vector<int> first_copies(const Eigen::Ref<const Eigen::MatrixXd>& X) {
  std::vector<int> order(static_cast<std::size_t>(X.cols())), copy(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  const auto less = [&](int a, int b) {
    for (Eigen::Index r = 0; r < X.rows(); ++r)
      if (X(r, a) != X(r, b)) return X(r, a) < X(r, b);
    return a < b;
  };
  std::sort(order.begin(), order.end(), less);
  for (std::size_t i = 0; i < order.size(); ++i) {
    const int n = order[i];
    copy[static_cast<std::size_t>(n)] = i > 0 && X.col(n) == X.col(order[i - 1]) ? copy[static_cast<std::size_t>(order[i - 1])] : n;
  }
  return copy;
}

// From squared distances to every training point: the nearest (0-based) and Gu et al.'s ratio,
// the second-nearest taken among the points that are not the nearest one's copies.
template <class Column>
std::pair<Eigen::Index, double> nearest_and_ratio(const Column& d2, const std::vector<int>& copy_of) {
  Eigen::Index nearest = 0;
  const double first = std::max(0.0, d2.minCoeff(&nearest));
  double second = INFINITY;
  const int group = copy_of[static_cast<std::size_t>(nearest)];
  for (Eigen::Index n = 0; n < d2.size(); ++n)
    if (copy_of[static_cast<std::size_t>(n)] != group) second = std::min(second, std::max(0.0, d2(n)));
  if (!std::isfinite(second)) return {nearest, first > 0 ? 1.0 : 0.0};  // every point is one: no second to compare
  const double ratio = second > 0 ? std::sqrt(first / second) : 1.0;
  return {nearest, ratio};
}

constexpr EnumTable<Target, 2> kTargets = {{Target::endpoint, "endpoint"}, {Target::denoised, "denoised"}};
}  // namespace

const char* to_string(Target t) { return enum_name(t, kTargets); }
Result<Target> parse_target(const std::string& s) { return parse_enum(s, kTargets, "classification target"); }

Result<Eigen::MatrixXd> samples_of(Target target, const Denoiser& den, double sigma,
                                   const Eigen::Ref<const Eigen::MatrixXd>& Y, int threads) {
  if (target == Target::endpoint) return Eigen::MatrixXd(Y);
  if (auto s = den.check(sigma); !s) return Error{"the denoised samples need h at sigma = " + format_number(sigma) + ": " + s.message()};
  Eigen::MatrixXd H(Y.rows(), Y.cols());
  apply_in_chunks(den, Y, sigma, H, threads);
  return H;
}

Result<NearestRatio> nearest_ratio(const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::Ref<const Eigen::MatrixXd>& Y,
                                   int threads) {
  if (X.cols() < 2) return Error{"the nearest-to-second-nearest ratio needs at least two training points (got " +
                                 std::to_string(X.cols()) + ")"};
  if (X.rows() != Y.rows()) return Error{"the samples have " + std::to_string(Y.rows()) + " coordinates, the data " + std::to_string(X.rows())};
  NearestRatio out;
  out.nearest.resize(static_cast<std::size_t>(Y.cols()));
  out.ratio.resize(static_cast<std::size_t>(Y.cols()));
  const Eigen::VectorXd x2 = X.colwise().squaredNorm().transpose();
  const std::vector<int> copy_of = first_copies(X);
  run_column_chunks(threads, Y.cols(), [&](Eigen::Index j0, Eigen::Index n, Eigen::Index) {
    Eigen::MatrixXd D = -2.0 * X.transpose() * Y.middleCols(j0, n);  // squared distances, |x|^2 - 2 x.y + |y|^2
    for (Eigen::Index b = 0; b < n; ++b) {
      D.col(b) += x2 + Eigen::VectorXd::Constant(X.cols(), Y.col(j0 + b).squaredNorm());
      const auto [nearest, ratio] = nearest_and_ratio(D.col(b), copy_of);
      out.nearest[static_cast<std::size_t>(j0 + b)] = static_cast<int>(nearest);
      out.ratio[static_cast<std::size_t>(j0 + b)] = ratio;
    }
  });
  return out;
}

double Classification::fraction(EndClass c) const {
  return classes.empty() ? 0.0 : static_cast<double>(counts[static_cast<int>(c)]) / static_cast<double>(classes.size());
}

Result<Classifier> Classifier::create(const Eigen::Ref<const Eigen::MatrixXd>& X, double tol) {
  if (!(tol > 0) || !(tol < 0.5)) return Error{"the classification tolerance must be in (0, 0.5) (got " + format_number(tol) + ")"};
  if (X.cols() == 0) return Error{"the data set is empty"};
  Classifier c;
  c.X_ = X;
  c.x_norm2_ = X.colwise().squaredNorm().transpose();
  c.tol_ = tol;
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
    // pinv(E) = pinv(E^T)^T: the wide r x d matrix's pseudo-inverse solves against an r x r identity,
    // O(d r^2), where the tall one's solves against a d x d identity, O(d^2 r) (8.6e9 flops at
    // d = 4096 and 256 rays: seconds in the page).
    c.pinv_ = Eigen::MatrixXd(c.edges_.transpose()).completeOrthogonalDecomposition().pseudoInverse().transpose();
  }
  if (!c.structured_) c.copy_of_ = first_copies(X);  // only Gu et al.'s ratio needs it
  return c;
}

std::vector<EndClass> Classifier::classes() const {
  if (!structured_) return {EndClass::training, EndClass::novel};
  return {EndClass::training, EndClass::virtual_point, EndClass::apex, EndClass::manifold, EndClass::other};
}

std::vector<std::pair<Eigen::VectorXd, Eigen::VectorXd>> Classifier::hyperbox_edges(int max_points) const {
  std::vector<std::pair<Eigen::VectorXd, Eigen::VectorXd>> out;
  const auto r = static_cast<int>(edges_.cols());
  if (!structured_ || r > 8) return out;
  for (int subset = 0; subset < (1 << r); ++subset) {
    int size = 0;
    Eigen::VectorXd corner = apex_;
    for (int k = 0; k < r; ++k)
      if (subset >> k & 1) corner += edges_.col(k), ++size;
    if (max_points >= 0 && size + 1 > max_points) continue;
    for (int k = 0; k < r; ++k)
      if (!(subset >> k & 1)) out.emplace_back(corner, corner + edges_.col(k));
  }
  return out;
}

std::vector<Classifier::Reached> Classifier::vertices() const {
  std::vector<Reached> out;
  const auto r = static_cast<int>(edges_.cols());
  if (!structured_ || r > 8) return out;
  for (int subset = 0; subset < (1 << r); ++subset) {
    Reached v{{}, apex_, EndClass::apex, 0};
    for (int k = 0; k < r; ++k)
      if (subset >> k & 1) v.points.push_back(edge_point_[static_cast<std::size_t>(k)]), v.at += edges_.col(k);
    std::sort(v.points.begin(), v.points.end());
    if (v.points.empty() && apex_point_ >= 0) v.points.push_back(apex_point_);
    v.cls = v.points.size() > 1 ? EndClass::virtual_point : v.points.empty() ? EndClass::apex : EndClass::training;
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<Classifier::Region> Classifier::regions(int segments) const {
  std::vector<Region> out;
  if (X_.rows() != 2) return out;
  if (structured_) {
    const auto r = edges_.cols();
    // the two directions that span a vertex's region: the edges, or the edge and its normal
    Eigen::Vector2d a = tol_ * edges_.col(0), b(-edges_(1, 0), edges_(0, 0));
    b = r >= 2 ? Eigen::Vector2d(tol_ * edges_.col(1)) : Eigen::Vector2d(tol_ * edge_scale_ * b.normalized());
    const auto parallelogram = [](const Eigen::Vector2d& centre, const Eigen::Vector2d& u, const Eigen::Vector2d& v) {
      Eigen::MatrixXd o(2, 4);
      o << centre - u - v, centre + u - v, centre + u + v, centre - u + v;
      return o;
    };
    for (const Reached& v : vertices()) out.push_back({parallelogram(v.at, a, b), v.cls});
    const Eigen::Vector2d span = r >= 2 ? Eigen::Vector2d(edges_.col(0) + edges_.col(1)) : Eigen::Vector2d(edges_.col(0));
    const Eigen::Vector2d centre = apex_ + 0.5 * span;
    const Eigen::Vector2d u = (0.5 + tol_) * edges_.col(0);
    const Eigen::Vector2d w = r >= 2 ? Eigen::Vector2d((0.5 + tol_) * edges_.col(1)) : b;
    out.push_back({parallelogram(centre, u, w), EndClass::manifold});
    return out;
  }
  const Eigen::Index n_points = X_.cols();
  const double k2 = kMemorizationRatio * kMemorizationRatio;
  for (Eigen::Index n = 0; n < n_points; ++n) {
    Eigen::MatrixXd o(2, segments);
    for (int s = 0; s < segments; ++s) {
      const double t = 2 * M_PI * s / segments;
      const Eigen::Vector2d dir(std::cos(t), std::sin(t));
      double reach = n_points == 1 ? tol_ : INFINITY;
      for (Eigen::Index j = 0; j < n_points; ++j) {  // leave disc j: |y - x_n| = |y - x_j| / 3
        if (copy_of_[static_cast<std::size_t>(j)] == copy_of_[static_cast<std::size_t>(n)]) continue;  // x_n itself, or its copy
        const Eigen::Vector2d centre = (X_.col(n) - k2 * X_.col(j)) / (1 - k2);
        const double radius = kMemorizationRatio * (X_.col(n) - X_.col(j)).norm() / (1 - k2);
        const Eigen::Vector2d w = X_.col(n) - centre;
        const double wu = w.dot(dir);
        reach = std::min(reach, -wu + std::sqrt(std::max(0.0, wu * wu - w.squaredNorm() + radius * radius)));
      }
      if (!std::isfinite(reach)) reach = 0;  // every point one: memorized only at it
      o.col(s) = X_.col(n) + reach * dir;
    }
    out.push_back({std::move(o), EndClass::training});
  }
  return out;
}

std::vector<Classifier::Reached> Classifier::reached(const Classification& c) const {
  std::vector<Reached> out;
  std::unordered_map<std::uint64_t, std::size_t> index;
  std::vector<long> single(static_cast<std::size_t>(X_.cols()), 0);
  const Eigen::VectorXd origin = structured_ ? apex_ : Eigen::VectorXd::Zero(X_.rows());
  for (std::size_t j = 0; j + 1 < c.vertex_start.size() && j < c.classes.size(); ++j) {
    if (c.vertex_start[j] == c.vertex_start[j + 1]) continue;
    const auto first = c.vertex_index.begin() + static_cast<std::ptrdiff_t>(c.vertex_start[j]);
    const auto last = c.vertex_index.begin() + static_cast<std::ptrdiff_t>(c.vertex_start[j + 1]);
    if (last - first == 1) {  // a training point, the common case: counted by its index, no hashing
      ++single[static_cast<std::size_t>(*first)];
      continue;
    }
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a of the subset: one lookup per particle
    for (auto i = first; i != last; ++i) h = (h ^ static_cast<std::uint64_t>(*i + 1)) * 1099511628211ull;
    auto [slot, fresh] = index.emplace(h, out.size());
    if (!fresh && std::equal(first, last, out[slot->second].points.begin(), out[slot->second].points.end())) {
      ++out[slot->second].count;
      continue;
    }
    Reached r{std::vector<int>(first, last), origin, c.classes[j], 1};
    for (int n : r.points) r.at += X_.col(n) - origin;  // the apex itself adds nothing
    if (!fresh) {  // a hash collision: look the slow way
      auto it = std::find_if(out.begin(), out.end(), [&](const Reached& o) { return o.points == r.points; });
      if (it != out.end()) {
        ++it->count;
        continue;
      }
    }
    out.push_back(std::move(r));
  }
  for (std::size_t n = 0; n < single.size(); ++n)
    if (single[n] > 0) {
      out.push_back({{static_cast<int>(n)}, X_.col(static_cast<Eigen::Index>(n)), EndClass::training, single[n]});
    }
  std::stable_sort(out.begin(), out.end(), [](const Reached& a, const Reached& b) { return a.count > b.count; });
  return out;
}

std::vector<int> Classification::vertex(std::size_t j) const {
  return {vertex_index.begin() + static_cast<std::ptrdiff_t>(vertex_start[j]),
          vertex_index.begin() + static_cast<std::ptrdiff_t>(vertex_start[j + 1])};
}

std::vector<int> Classification::points_reached() const {
  std::vector<int> at(classes.size(), -1);
  for (std::size_t j = 0; j < at.size(); ++j)
    if (classes[j] == EndClass::training && vertex_start[j + 1] == vertex_start[j] + 1) at[j] = vertex_index[vertex_start[j]];
  return at;
}

Classification Classifier::classify(const Eigen::Ref<const Eigen::MatrixXd>& Y) const {
  Classification out;
  Workspace ws;
  classify(Y, out, ws);
  return out;
}

Classification Classifier::classify(const Eigen::Ref<const Eigen::MatrixXd>& Y, int threads) const {
  const Eigen::Index chunks = column_chunks(Y.cols());
  if (chunks <= 1) return classify(Y);
  std::vector<Classification> parts(static_cast<std::size_t>(chunks));
  run_column_chunks(threads, Y.cols(), [&](Eigen::Index j0, Eigen::Index n, Eigen::Index c) {
    parts[static_cast<std::size_t>(c)] = classify(Y.middleCols(j0, n));
  });
  Classification out;  // the chunks end to end: each particle's class does not depend on the others
  out.vertex_start.push_back(0);
  for (const Classification& p : parts) {
    out.classes.insert(out.classes.end(), p.classes.begin(), p.classes.end());
    const std::size_t base = out.vertex_index.size();
    out.vertex_index.insert(out.vertex_index.end(), p.vertex_index.begin(), p.vertex_index.end());
    out.nearest.insert(out.nearest.end(), p.nearest.begin(), p.nearest.end());
    out.ratio.insert(out.ratio.end(), p.ratio.begin(), p.ratio.end());
    for (std::size_t j = 1; j < p.vertex_start.size(); ++j) out.vertex_start.push_back(base + p.vertex_start[j]);
    for (int k = 0; k < kEndClasses; ++k) out.counts[static_cast<std::size_t>(k)] += p.counts[static_cast<std::size_t>(k)];
  }
  return out;
}

void Classifier::classify(const Eigen::Ref<const Eigen::MatrixXd>& Y, Classification& out, Workspace& ws) const {
  const Eigen::Index np = Y.cols();
  out.classes.resize(static_cast<std::size_t>(np));
  out.vertex_start.resize(static_cast<std::size_t>(np) + 1);
  out.nearest.resize(structured_ ? 0 : static_cast<std::size_t>(np));
  out.ratio.resize(structured_ ? 0 : static_cast<std::size_t>(np));
  out.vertex_index.clear();
  out.counts.fill(0);
  out.vertex_start[0] = 0;
  const Eigen::Index R = edges_.cols();
  for (Eigen::Index j0 = 0; j0 < np; j0 += kParticleBlock) {
    const Eigen::Index nb = std::min(kParticleBlock, np - j0);
    auto rel = ws.matrix(0, Y.rows(), nb);
    auto C = ws.matrix(1, structured_ ? R : X_.cols(), nb);
    if (structured_) {
      rel = Y.middleCols(j0, nb).colwise() - apex_;
      C.noalias() = pinv_ * rel;
      rel.noalias() -= edges_ * C;  // now the residual
    } else {  // squared distances to every training point, |x|^2 - 2 x.y + |y|^2
      rel = Y.middleCols(j0, nb);
      C.noalias() = -2.0 * X_.transpose() * rel;
      for (Eigen::Index b = 0; b < nb; ++b) C.col(b) += x_norm2_ + Eigen::VectorXd::Constant(X_.cols(), rel.col(b).squaredNorm());
    }
    for (Eigen::Index b = 0; b < nb; ++b) {
      const auto j = static_cast<std::size_t>(j0 + b);
      EndClass cls = EndClass::other;
      if (structured_) {
        const std::size_t first = out.vertex_index.size();
        bool vertex = rel.col(b).norm() <= tol_ * edge_scale_, inside = vertex;
        for (Eigen::Index n = 0; n < R; ++n) {
          const double cn = C(n, b);
          if (std::fabs(cn - 1.0) <= tol_) out.vertex_index.push_back(edge_point_[static_cast<std::size_t>(n)]);
          else if (std::fabs(cn) > tol_) vertex = false;
          inside = inside && cn >= -tol_ && cn <= 1.0 + tol_;
        }
        const std::size_t hits = out.vertex_index.size() - first;
        if (vertex) {
          if (hits >= 2) cls = EndClass::virtual_point;
          else if (hits == 1) cls = EndClass::training;
          else if (apex_point_ >= 0) cls = EndClass::training, out.vertex_index.push_back(apex_point_);
          else cls = EndClass::apex;
        } else {
          out.vertex_index.resize(first);
          if (inside) cls = EndClass::manifold;
        }
      } else {
        // Gu et al.: the nearest point, closer than a third of the second-nearest
        const auto [nearest, ratio] = nearest_and_ratio(C.col(b), copy_of_);
        const bool memorized = C.rows() > 1 ? ratio < kMemorizationRatio : C(0, b) <= tol_ * tol_;
        cls = memorized ? EndClass::training : EndClass::novel;
        if (memorized) out.vertex_index.push_back(static_cast<int>(nearest));
        out.nearest[j] = static_cast<int>(nearest);
        out.ratio[j] = C.rows() > 1 ? ratio : std::numeric_limits<double>::quiet_NaN();  // N = 1: no second point
      }
      out.classes[j] = cls;
      out.vertex_start[j + 1] = out.vertex_index.size();
      ++out.counts[static_cast<int>(cls)];
    }
  }
}

}  // namespace flowlab
