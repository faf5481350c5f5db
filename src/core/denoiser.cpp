#include "denoiser.hpp"

#include <cmath>

#include "csv.hpp"

namespace flowlab {

Status Denoiser::check(double sigma) const {
  if (!(sigma > 0) || !std::isfinite(sigma))
    return Error{name() + " needs a noise level sigma > 0 (got " + format_number(sigma) + ")"};
  return Status::ok();
}

Eigen::MatrixXd Denoiser::operator()(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma) const {
  Workspace ws;
  Eigen::MatrixXd H(Y.rows(), Y.cols());
  apply(Y, sigma, H, ws);
  return H;
}

}  // namespace flowlab
