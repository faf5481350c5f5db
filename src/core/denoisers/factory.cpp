#include "core/denoisers/factory.hpp"

#include <cmath>

#include "core/runtime/budget.hpp"
#include "core/data/csv.hpp"
#include "core/data/dataset.hpp"
#include "core/denoisers/emmse.hpp"
#include "core/denoisers/ksmooth.hpp"
#include "core/denoisers/trained.hpp"
#include "core/denoisers/minnorm.hpp"

namespace flowlab {

double default_alpha(Eigen::Index d) { return std::sqrt(static_cast<double>(d)); }

double resolved_alpha(const DenoiserSpec& spec, Eigen::Index d) {
  return spec.alpha > 0 ? spec.alpha : default_alpha(d);
}

Result<std::unique_ptr<Denoiser>> make_denoiser(const Eigen::Ref<const Eigen::MatrixXd>& X, const DenoiserSpec& spec) {
  if (auto s = validate_points(X); !s) return Error{s.message()};
  if (spec.kind == "minnorm") {
    auto m = MinNormDenoiser::create(X, resolved_alpha(spec, X.rows()));
    if (!m) return m.error();
    if (spec.fallback == Fallback::none) return std::unique_ptr<Denoiser>(new MinNormDenoiser(std::move(m).value()));
    return std::unique_ptr<Denoiser>(new GuardedMinNorm(std::move(m).value(), X, spec.fallback));
  }
  if (spec.kind == "emmse") return std::unique_ptr<Denoiser>(new EmmseDenoiser(X));
  if (spec.kind == "ksmooth") {
    if (!(spec.bandwidth >= 0) || !std::isfinite(spec.bandwidth))
      return Error{"ksmooth needs a bandwidth >= 0 (got " + format_number(spec.bandwidth) + ")"};
    if (spec.nodes < 2) return Error{"ksmooth needs at least 2 quadrature nodes"};
    if (spec.nodes > budget::kMaxNodes)
      return Error{"ksmooth takes at most " + std::to_string(budget::kMaxNodes) + " quadrature nodes (got " +
                   std::to_string(spec.nodes) + ")"};
    if (auto s = budget::fits_memory(8.0 * spec.nodes * static_cast<double>(X.rows()) * 3,
                                     std::to_string(spec.nodes) + " quadrature nodes in dimension " + std::to_string(X.rows()));
        !s)
      return Error{s.message()};
    return std::unique_ptr<Denoiser>(new KsmoothDenoiser(X, spec.bandwidth, spec.nodes));
  }
  if (spec.kind == "trained") {
    if (!spec.model || spec.model->nets.empty())
      return Error{"the trained denoiser needs a model (train one, or load a model file)"};
    if (spec.model->nets.front().W.cols() != X.rows())
      return Error{"the model is for dimension " + std::to_string(spec.model->nets.front().W.cols()) + ", the data have " +
                   std::to_string(X.rows())};
    return std::unique_ptr<Denoiser>(new TrainedDenoiser(spec.model));
  }
  return Error{"unknown denoiser '" + spec.kind.substr(0, 80) + "' (expected minnorm, emmse, ksmooth or trained)"};
}

}  // namespace flowlab
