#pragma once
// One interface for every denoiser h_sigma: R^d -> R^d. Particles are a
// d by #P column-major matrix; `apply` maps all of them at once, borrowing
// scratch from a Workspace so the hot loop never allocates.
#include <string>

#include <Eigen/Core>

#include "core/denoisers/form.hpp"
#include "core/runtime/result.hpp"
#include "core/runtime/workspace.hpp"

namespace flowlab {

class Denoiser {
 public:
  virtual ~Denoiser() = default;
  virtual Eigen::Index dim() const = 0;
  virtual std::string name() const = 0;
  // Whether h_sigma is defined at this noise level; if not, the message says
  // why and what to change. Default: any sigma > 0.
  virtual Status check(double sigma) const;
  // H = h_sigma(Y); Y and H are d by #P. Precondition: check(sigma).
  virtual void apply(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma, Eigen::Ref<Eigen::MatrixXd> H,
                     Workspace& ws) const = 0;
  // True where the value at sigma comes from a fallback (flows count these).
  virtual bool is_fallback(double /*sigma*/) const { return false; }
  // Out = J^T V column by column, J the Jacobian of h_sigma at that column of Y (d by d): what
  // guidance through the denoiser (DPS) needs. Exact for every denoiser here: the closed form and
  // the networks are piecewise linear, the MMSE and its smoothing analytic. Slots from 10 on.
  virtual void vjp(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma, const Eigen::Ref<const Eigen::MatrixXd>& V,
                   Eigen::Ref<Eigen::MatrixXd> out, Workspace& ws) const = 0;
  // One DPS step's denoising and guidance: H = h_sigma(Y) and G = J^T A^T (y - A H) per column (y: m by 1, or one
  // column per particle). Default: apply, then vjp; the MMSE denoiser shares its weights between the two.
  virtual void apply_guided(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma, const Eigen::Ref<const Eigen::MatrixXd>& A,
                            const Eigen::Ref<const Eigen::MatrixXd>& y, Eigen::Ref<Eigen::MatrixXd> H,
                            Eigen::Ref<Eigen::MatrixXd> G, Workspace& ws) const;

  // h_sigma as a network or an MMSE sum (form.hpp), for evaluators outside the core; Kind::none
  // (the default) where the denoiser has no such form. Precondition: check(sigma).
  virtual DenoiserForm form(double /*sigma*/) const { return {}; }
  // Convenience for one-off calls (allocates its own scratch).
  Eigen::MatrixXd operator()(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma) const;
};

// H = h_sigma(Y), the chunks on `threads` threads (a workspace each): the same numbers as den(Y, sigma).
void apply_in_chunks(const Denoiser& den, const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma,
                     Eigen::Ref<Eigen::MatrixXd> H, int threads);

}  // namespace flowlab
