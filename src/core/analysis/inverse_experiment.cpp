#include "core/analysis/inverse_experiment.hpp"

#include <memory>

#include "core/denoisers/factory.hpp"

namespace flowlab {

Result<std::vector<InverseRow>> inverse_experiment(const InverseExperimentOptions& o) {
  if (o.n < 2 || o.samples < 1 || o.noises.empty() || o.steps.empty()) return Error{"need N >= 2, samples, noises and steps"};
  struct Data {
    std::string name;
    Eigen::MatrixXd X;
  };
  Eigen::MatrixXd triangle(2, 3);
  triangle << 0, 1, 0, 0, 0, 1;
  const std::vector<Data> sets = {{"orthogonal", Eigen::MatrixXd::Identity(o.n, o.n)}, {"triangle", triangle}};
  const char* const kDenoisers[] = {"minnorm", "emmse", "ksmooth"};
  std::vector<InverseRow> rows;
  for (const auto& set : sets) {
    auto classifier = Classifier::create(set.X);
    if (!classifier) return classifier.error();
    std::vector<std::pair<std::string, std::unique_ptr<Denoiser>>> dens;
    for (const char* kind : kDenoisers) {
      DenoiserSpec spec;
      spec.kind = kind;
      spec.bandwidth = o.bandwidth;
      spec.nodes = 16;
      spec.fallback = Fallback::emmse;  // the closed form exists only below its gap; the MMSE above
      auto den = make_denoiser(set.X, spec);
      if (!den) return den.error();
      dens.emplace_back(kind, std::move(den).value());
    }
    Measurement m;
    const Eigen::Index d = set.X.rows();
    m.A = Eigen::MatrixXd::Zero(1, d);
    m.A(0, 0) = 1;
    // CCDF's estimate: y in the measured coordinate, the prior's mean in the others.
    Eigen::MatrixXd estimate = set.X.rowwise().mean();
    for (double s : o.noises) {
      m.noise = s;
      const double y = std::isnan(o.measured) ? s : o.measured;
      m.y = Eigen::MatrixXd::Constant(1, 1, y);
      estimate(0, 0) = y;
      const Eigen::MatrixXd w = posterior_weights(set.X, m);
      for (InverseMethod method : {InverseMethod::exact, InverseMethod::dps, InverseMethod::projection, InverseMethod::mcg})
        for (const auto& [kind, den] : dens) {
          if (method == InverseMethod::exact && kind != "emmse") continue;
          for (InverseInit init : {InverseInit::noise, InverseInit::estimate})
            for (int k : o.steps) {
              InverseOptions io;
              io.method = method;
              io.init = init;
              io.sigma_max = init == InverseInit::noise ? o.sigma_max : o.ccdf_sigma;
              io.sigma_min = 1e-3;
              io.steps = k;
              io.samples = o.samples;
              io.step = o.step;
              io.seed = o.seed;
              io.threads = o.threads;
              auto S = sample_posterior(set.X, *den, m, io, init == InverseInit::estimate ? estimate : Eigen::MatrixXd());
              if (!S) return Error{set.name + ", " + to_string(method) + " with " + kind + ": " + S.message()};
              // The classifier's training points are the posterior's: the TV and the shares agree.
              const Classification c = classifier.value().classify(S.value(), o.threads);
              const PosteriorFit fit = posterior_fit(c.points_reached(), w);
              const double residual = ((m.A * S.value()).array() - y).abs().mean();
              rows.push_back({set.name, to_string(method), kind, init, s, k, fit.tv, c.fraction(EndClass::training),
                              c.fraction(EndClass::virtual_point), c.fraction(EndClass::manifold),
                              c.fraction(EndClass::other) + c.fraction(EndClass::apex), residual});
            }
        }
    }
  }
  return rows;
}

}  // namespace flowlab
