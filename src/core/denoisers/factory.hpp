#pragma once
// Builds a denoiser from its name and parameters: the one place the CLI, the
// experiments and the app turn user choices into a Denoiser.
#include <memory>
#include <string>

#include <Eigen/Core>

#include "core/denoisers/denoiser.hpp"
#include "core/denoisers/fallback.hpp"

namespace flowlab {
struct TrainedModel;
}

namespace flowlab {

struct DenoiserSpec {
  std::string kind = "minnorm";   // minnorm, emmse, ksmooth, trained
  double alpha = 0.0;             // minnorm: rho = alpha sigma; 0 means the default sqrt(d)
  double bandwidth = 0.1;         // ksmooth: kernel bandwidth b
  int nodes = 64;                 // ksmooth: quadrature points
  Fallback fallback = Fallback::none;  // minnorm: where the closed form is infeasible
  std::shared_ptr<const TrainedModel> model = nullptr;  // trained: the networks (trained.hpp)
};

double default_alpha(Eigen::Index d);  // sqrt(d): the typical |noise| / sigma
double resolved_alpha(const DenoiserSpec& spec, Eigen::Index d);
Result<std::unique_ptr<Denoiser>> make_denoiser(const Eigen::Ref<const Eigen::MatrixXd>& X, const DenoiserSpec& spec);

}  // namespace flowlab
