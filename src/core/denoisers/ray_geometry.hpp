#pragma once
// Detects the structure under every closed form of DESIGN.md §1.1: an apex x_0
// and unit directions v_j, pairwise at right or obtuse angles (v_i.v_j <= 0),
// with every other point on one of the rays at distance t from the apex.
// 1-D, collinear, orthogonal (apex at the origin), right/obtuse simplexes and
// rays are all instances. Acute data (an equilateral triangle) has none.
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/runtime/result.hpp"

namespace flowlab {

struct Ray {
  Eigen::VectorXd dir;       // unit direction v_j
  std::vector<double> t;     // 0 < t_1 < t_2 < ...: positions of its points
  std::vector<int> points;   // their indices in the data (0-based)
};

// One rank-one unit of the ray-sum form: along ray `ray`, the ramp from the
// plateau at `start` to the plateau at start + length (the point `point`).
struct RayUnit {
  int ray;
  double start;
  double length;
  int point;
};

struct RayGeometry {
  std::string kind;          // "single point", "1-D", "collinear", "orthogonal", "right simplex", "obtuse simplex", "rays"
  Eigen::VectorXd apex;      // x_0
  int apex_point = -1;       // index of the data point at the apex, or -1 (e.g. the origin for orthogonal data)
  std::vector<Ray> rays;

  std::vector<RayUnit> units() const;
  // Smallest gap between consecutive plateaus (apex included): feasibility needs 2*rho below it.
  double min_gap() const;
  // Words naming where that gap is, e.g. "between the apex and point 3 (ray 2)" (points 1-based).
  std::string min_gap_where() const;
  bool one_point_per_ray() const;
};

// Finds the apex and rays, trying each data point and then the origin as the
// apex. On failure the message says which angle or point breaks the structure.
// `tol` is relative to the data's diameter (lengths) and absolute on cosines.
Result<RayGeometry> detect_ray_geometry(const Eigen::Ref<const Eigen::MatrixXd>& X, double tol = 1e-8);

}  // namespace flowlab
