#include "core/denoisers/denoiser.hpp"

#include <cmath>

#include "core/data/csv.hpp"
#include "core/runtime/parallel.hpp"

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

void Denoiser::apply_guided(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma, const Eigen::Ref<const Eigen::MatrixXd>& A,
                            const Eigen::Ref<const Eigen::MatrixXd>& y, Eigen::Ref<Eigen::MatrixXd> H,
                            Eigen::Ref<Eigen::MatrixXd> G, Workspace& ws) const {
  apply(Y, sigma, H, ws);
  auto R = ws.matrix(20, A.rows(), Y.cols());
  auto V = ws.matrix(21, Y.rows(), Y.cols());
  R.noalias() = -(A * H);
  if (y.cols() == 1) R.colwise() += y.col(0);
  else R += y;
  V.noalias() = A.transpose() * R;
  vjp(Y, sigma, V, G, ws);
}

void apply_in_chunks(const Denoiser& den, const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma,
                     Eigen::Ref<Eigen::MatrixXd> H, int threads) {
  run_column_chunks(threads, Y.cols(), [&](Eigen::Index j0, Eigen::Index n, Eigen::Index) {
    Workspace ws;  // one per chunk: its buffers grow once, inside the chunk
    den.apply(Y.middleCols(j0, n), sigma, H.middleCols(j0, n), ws);
  });
}

}  // namespace flowlab
