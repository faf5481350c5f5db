#pragma once
// Where particles end (DESIGN.md §1.3). For data with an apex x_0 and one
// point per ray (orthogonal data, simplexes), an endpoint y gets coordinates
// c = argmin |y - x_0 - E c| over the edge vectors e_n = x_n - x_0 and the
// residual r = |y - x_0 - E c|. With tolerance tau (l-infinity on c):
//   training: one c_n ~ 1, the rest ~ 0 (or all ~ 0 when the apex is a data point);
//   virtual:  two or more c_n ~ 1, the rest ~ 0 (a sum of training points);
//   apex:     all c_n ~ 0 and the apex is not a data point (e.g. the origin);
//   manifold: every c_n in [-tau, 1 + tau] and r <= tau * (shortest edge), not a vertex;
//   other:    anything else.
// Other data (no such structure, e.g. images): the memorization literature's
// criterion (Yoon et al. 2023; Gu et al., arXiv:2310.02664): "training" when
// |y - x_(1)| < |y - x_(2)| / 3 for the nearest and second-nearest training
// points, else "novel" (with one training point: within tau of it).
//
// The default tau = 0.02 (2% of an edge). In the low-noise regime the
// probability flow ends at h_{rho_T}(y_T) (P1, §1.2 of DESIGN.md): exactly on a
// vertex or exactly on an edge. A particle that memorizes is left within
// rho_min = alpha sigma_min of its vertex (its relative place on the plateau is
// conserved) plus the integrator's error: at the default sigma_min = 1e-3 that
// is 0.0014 (d = 2) to 0.0055 (d = 30) of a unit edge, well inside 0.02. A
// particle that stopped on an edge further than 0.02 from every corner is a
// manifold point, which a looser tau (the first version's 0.2) counted as memorized.
#include <array>
#include <utility>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/runtime/result.hpp"
#include "core/runtime/workspace.hpp"

namespace flowlab {

class Denoiser;

constexpr double kDefaultTolerance = 0.02;
constexpr double kMemorizationRatio = 1.0 / 3.0;  // Gu et al.'s R, for data without edge structure

enum class EndClass { training, virtual_point, apex, manifold, other, novel };
constexpr int kEndClasses = 6;
const char* to_string(EndClass c);

struct Classification {
  std::vector<EndClass> classes;          // per particle
  // The vertex each particle reached, as data indices (0-based; none if no vertex), packed:
  // particle j's indices are vertex_index[vertex_start[j] .. vertex_start[j+1]).
  std::vector<int> vertex_index;
  std::vector<std::size_t> vertex_start;  // #P + 1 offsets
  // Data without edge structure: every particle's nearest training point (0-based) and Gu et
  // al.'s ratio, memorized or not (what an image view shows beside each sample); empty otherwise.
  std::vector<int> nearest;
  std::vector<double> ratio;
  std::array<long, kEndClasses> counts{};
  double fraction(EndClass c) const;
  std::vector<int> vertex(std::size_t j) const;  // particle j's indices (allocates; for output and tests)
  // Each particle's training point (0-based) where it ended at one (class training), else -1.
  std::vector<int> points_reached() const;
};

class Classifier {
 public:
  static Result<Classifier> create(const Eigen::Ref<const Eigen::MatrixXd>& X, double tol = kDefaultTolerance);
  // Y: d by #P endpoints.
  Classification classify(const Eigen::Ref<const Eigen::MatrixXd>& Y) const;
  // The same, the particles in chunks on `threads` threads (0: every core): the same result.
  Classification classify(const Eigen::Ref<const Eigen::MatrixXd>& Y, int threads) const;
  // The same into `out`, reusing its memory and the workspace's: called every
  // frame by the simulator, it allocates nothing once the sizes have been seen.
  void classify(const Eigen::Ref<const Eigen::MatrixXd>& Y, Classification& out, Workspace& ws) const;
  bool structured() const { return structured_; }
  // The classes this data can produce, in output order.
  std::vector<EndClass> classes() const;
  // Structured data: the edges of the parallelepiped {x_0 + E c : c in [0, 1]^R} as
  // pairs of end points (R 2^(R-1) segments; empty when unstructured or R > 8).
  // max_points >= 0 keeps only the edges whose far corner sums at most that many training
  // points (the skeleton apex -> points -> pair sums, readable for any R <= 8).
  std::vector<std::pair<Eigen::VectorXd, Eigen::VectorXd>> hyperbox_edges(int max_points = -1) const;
  // The vertices the particles of `c` reached, with how many reached each, most-reached first
  // (for drawing where the flow ends; the location is x_0 + sum of the subset's edges).
  struct Reached {
    std::vector<int> points;  // data indices, as in Classification::vertex
    Eigen::VectorXd at;       // d
    EndClass cls;
    long count;
  };
  std::vector<Reached> reached(const Classification& c) const;
  // Every vertex of the hyperbox (structured data, R <= 8), count 0: the apex, the training
  // points and their sums, for labelling them.
  std::vector<Reached> vertices() const;
  // 2-D data: where each class lies, as closed outlines in data space, so a user can see what
  // "at a training point" means. Structured: the parallelogram |c - v| <= tau around every
  // vertex (and a band of half-width tau * shortest edge across a lone edge), then the manifold's
  // box c in [-tau, 1 + tau]^R. Otherwise: the region where each x_n counts as memorized, an
  // intersection of Apollonius discs, star-shaped from x_n, traced by `segments` rays. Empty
  // for d != 2.
  struct Region {
    Eigen::MatrixXd outline;  // 2 by K, the last point joins the first
    EndClass cls;
  };
  std::vector<Region> regions(int segments = 96) const;

 private:
  Eigen::MatrixXd X_;
  Eigen::VectorXd x_norm2_;  // |x_n|^2
  std::vector<int> copy_of_; // unstructured: each point's first identical copy (duplicates count as one point)
  double tol_ = kDefaultTolerance;
  bool structured_ = false;
  Eigen::VectorXd apex_;
  int apex_point_ = -1;
  Eigen::MatrixXd edges_;   // d by #R
  Eigen::MatrixXd pinv_;    // #R by d
  std::vector<int> edge_point_;
  double edge_scale_ = 1.0; // shortest edge
};

// Gu et al.'s ratio for each column of Y (d by #P) against the training points X (d by #N,
// N >= 2): the nearest training point (0-based) and |y - x_(1)| / |y - x_(2)|; a sample is
// memorized when the ratio is below R (1/3 by default). Ties give 1. Points X holds more than
// once count as one (the second-nearest is another point), so a sample beside a doubled point is
// memorized like one beside any other; data whose points are all one give 0 at them, else 1.
struct NearestRatio {
  std::vector<int> nearest;
  std::vector<double> ratio;
};
Result<NearestRatio> nearest_ratio(const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::Ref<const Eigen::MatrixXd>& Y,
                                   int threads = 0);

// What a number counts: the particle where the flow stopped, y(sigma_min), or the
// sample a sampler returns, h_{sigma_min}(y(sigma_min)): the final denoising step of
// DDPM/EDM samplers. For the closed form the second maps a particle on a vertex's
// plateau onto the vertex and one on a ramp onto the edge; as sigma_min -> 0 the two agree.
enum class Target { endpoint, denoised };
const char* to_string(Target t);
Result<Target> parse_target(const std::string& s);

// The samples `target` classifies: Y itself, or h_sigma(Y) on `threads` threads (sigma: the
// flow's last noise level). An error when the denoiser has no value at sigma.
Result<Eigen::MatrixXd> samples_of(Target target, const Denoiser& den, double sigma,
                                   const Eigen::Ref<const Eigen::MatrixXd>& Y, int threads = 0);

}  // namespace flowlab
