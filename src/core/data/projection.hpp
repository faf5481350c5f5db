#pragma once
// Principal axes of a point set, for drawing d > 3 data in the plane.
#include <Eigen/Core>

namespace flowlab {

// The k leading principal axes of X (d by #N) as the rows of a k by d matrix,
// largest variance first; X's mean in `mean`. Axes are sign-fixed (largest
// entry positive) so that the picture does not flip between runs.
Eigen::MatrixXd principal_axes(const Eigen::Ref<const Eigen::MatrixXd>& X, int k, Eigen::VectorXd& mean);

}  // namespace flowlab
