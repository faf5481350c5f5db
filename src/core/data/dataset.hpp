#pragma once
// Training sets: x_1..x_N in R^d stored as a d by #N matrix (one column per
// point), validated on construction, and the seeded generators of the
// geometries the theory covers (DESIGN.md §1.1).
#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/runtime/result.hpp"

namespace flowlab {

struct Dataset {
  Eigen::MatrixXd points;  // d by #N
  std::string name;
  Eigen::Index dim() const { return points.rows(); }
  Eigen::Index size() const { return points.cols(); }
};

// Rejects N = 0, d = 0, NaN/inf and duplicate points, naming the point (1-based,
// the row of its CSV file among the data rows).
Status validate_points(const Eigen::Ref<const Eigen::MatrixXd>& points);
Result<Dataset> make_dataset(Eigen::MatrixXd points, std::string name);
// The smallest distance between two points (+inf below two points), by a sweep along a projection:
// about O(N log N) for spread-out data in few dimensions, never worse than all pairs.
double closest_distance(const Eigen::Ref<const Eigen::MatrixXd>& points);
Result<Dataset> load_dataset_csv(const std::string& path, int threads = 1);  // threads: as read_points_csv

// Generators. Every one is deterministic in its seed and validates its
// parameters; `rotate` applies a seeded random rotation of R^d about the origin.
struct Points1dParams { int n = 5; double min_gap = 1.0; double max_gap = 2.0; std::uint64_t seed = 1; };
// x_1 = 0 < x_2 < ... with gaps uniform in [min_gap, max_gap].
Result<Dataset> make_points_1d(const Points1dParams& p);

struct OrthogonalParams { int n = 3; int d = 3; double min_length = 1.0; double max_length = 1.0;
                          bool rotate = false; std::uint64_t seed = 1; };
// x_n = a_n u_n with orthonormal u_n (the standard basis unless rotated),
// a_n uniform in [min_length, max_length]. Needs n <= d.
Result<Dataset> make_orthogonal(const OrthogonalParams& p);

struct SimplexParams { int edges = 2; int d = 2; double angle_deg = 90.0; double length = 1.0;
                       bool rotate = false; std::uint64_t seed = 1; };
// An apex at the origin (the first point) and `edges` points at distance
// `length` whose edges from the apex meet pairwise at `angle_deg`: 90 gives a
// right simplex, > 90 an obtuse one, 60 the equilateral simplex.
Result<Dataset> make_simplex(const SimplexParams& p);

struct RaysParams { int rays = 2; int per_ray = 2; int d = 2; double angle_deg = 90.0; double spacing = 1.0;
                    double jitter = 0.0; bool rotate = false; std::uint64_t seed = 1; };
// Apex at the origin (a data point) and `per_ray` points on each ray at
// t = k*spacing (+ uniform jitter in [0, jitter*spacing)), rays meeting pairwise at angle_deg.
Result<Dataset> make_rays(const RaysParams& p);

struct CollinearParams { int n = 4; int d = 2; double min_gap = 1.0; double max_gap = 2.0; std::uint64_t seed = 1; };
// Points of make_points_1d placed along a seeded random unit direction in R^d.
Result<Dataset> make_collinear(const CollinearParams& p);

struct ClustersParams { int clusters = 3; int per_cluster = 4; int d = 2; double spread = 3.0; double std = 0.3;
                        std::uint64_t seed = 1; };
// Cluster centres ~ N(0, spread^2 I), points ~ N(centre, std^2 I).
Result<Dataset> make_clusters(const ClustersParams& p);

// A seeded random rotation of R^d (Haar: QR of a Gaussian matrix, signs fixed).
Eigen::MatrixXd random_rotation(int d, std::uint64_t seed);

}  // namespace flowlab
