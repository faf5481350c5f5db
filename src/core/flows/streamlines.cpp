#include "core/flows/streamlines.hpp"

#include <algorithm>

namespace flowlab {
namespace {
// F(Y) scaled column by column to length at most `step`, into V.
void limited_drift(const Denoiser& den, double sigma, const Eigen::Ref<const Eigen::MatrixXd>& Y, double step,
                   Eigen::Ref<Eigen::MatrixXd> V, Workspace& ws) {
  den.apply(Y, sigma, V, ws);
  V -= Y;
  const Eigen::RowVectorXd norms = V.colwise().norm();
  for (Eigen::Index j = 0; j < V.cols(); ++j)
    if (norms(j) > step) V.col(j) *= step / norms(j);
}
}  // namespace

Eigen::MatrixXd trace_streamlines(const Denoiser& den, double sigma, const Eigen::Ref<const Eigen::MatrixXd>& seeds,
                                  double step, int length, Workspace& ws) {
  const Eigen::Index d = seeds.rows(), S = seeds.cols(), L = std::max(length, 0) + 1;
  Eigen::MatrixXd lines(d, S * L);
  Eigen::MatrixXd Y = seeds, V(d, S), M(d, S);
  for (Eigen::Index s = 0; s < S; ++s) lines.col(s * L) = Y.col(s);
  for (Eigen::Index k = 1; k < L; ++k) {
    limited_drift(den, sigma, Y, step, V, ws);
    M = Y + 0.5 * V;
    limited_drift(den, sigma, M, step, V, ws);
    Y += V;
    for (Eigen::Index s = 0; s < S; ++s) lines.col(s * L + k) = Y.col(s);
  }
  return lines;
}

}  // namespace flowlab
