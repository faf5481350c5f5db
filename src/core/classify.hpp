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
// Other data: "training" when the nearest point is within tau times the
// smallest distance between two training points, else "novel".
#include <array>
#include <utility>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "result.hpp"

namespace flowlab {

enum class EndClass { training, virtual_point, apex, manifold, other, novel };
constexpr int kEndClasses = 6;
const char* to_string(EndClass c);

struct Classification {
  std::vector<EndClass> classes;          // per particle
  std::vector<std::vector<int>> vertex;   // per particle: data indices (0-based) of the vertex, empty if none
  std::array<long, kEndClasses> counts{};
  double fraction(EndClass c) const;
};

class Classifier {
 public:
  static Result<Classifier> create(const Eigen::Ref<const Eigen::MatrixXd>& X, double tol = 0.2);
  // Y: d by #P endpoints.
  Classification classify(const Eigen::Ref<const Eigen::MatrixXd>& Y) const;
  bool structured() const { return structured_; }
  // The classes this data can produce, in output order.
  std::vector<EndClass> classes() const;
  // Structured data: the edges of the parallelepiped {x_0 + E c : c in [0, 1]^R} as
  // pairs of end points (R 2^(R-1) segments; empty when unstructured or R > 8).
  std::vector<std::pair<Eigen::VectorXd, Eigen::VectorXd>> hyperbox_edges() const;

 private:
  Eigen::MatrixXd X_;
  double tol_ = 0.2;
  bool structured_ = false;
  Eigen::VectorXd apex_;
  int apex_point_ = -1;
  Eigen::MatrixXd edges_;   // d by #R
  Eigen::MatrixXd pinv_;    // #R by d
  std::vector<int> edge_point_;
  double edge_scale_ = 1.0; // shortest edge
  double spacing_ = 1.0;    // smallest distance between training points
};

}  // namespace flowlab
