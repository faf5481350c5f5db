#include "core/analysis/digits_experiment.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <tuple>

#include "core/analysis/experiment.hpp"
#include "core/data/digits.hpp"
#include "core/data/rng.hpp"
#include "core/denoisers/factory.hpp"
#include "core/denoisers/trained.hpp"

namespace flowlab {

std::pair<double, double> wilson_interval(long k, long n) {
  if (n <= 0) return {0.0, 1.0};
  const double z = 1.959963984540054, nn = static_cast<double>(n), p = static_cast<double>(k) / nn;
  const double centre = (p + z * z / (2 * nn)) / (1 + z * z / nn);
  const double half = z * std::sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn)) / (1 + z * z / nn);
  // at k = 0 or k = n the interval reaches 0 or 1 exactly (rounding would leave it a hair short)
  return {k == 0 ? 0.0 : std::max(0.0, centre - half), k == n ? 1.0 : std::min(1.0, centre + half)};
}

Result<std::vector<DigitsRow>> run_digits_experiment(const DigitsExperiment& e,
                                                     const std::function<void(const DigitsRow&)>& row_done) {
  if (e.samples < 1) return Error{"the experiment needs --samples >= 1"};
  if (e.flow != FlowKind::pf && e.flow != FlowKind::sde) return Error{"the digits experiment runs pf or sde"};
  if (!(e.sigma_max > e.sigma_min) || !(e.sigma_min > 0)) return Error{"need sigma_max > sigma_min > 0"};
  std::vector<DigitsRow> rows;
  for (int n : e.ns) {
    if (n < 2) return Error{"N = " + std::to_string(n) + ": the ratio needs at least two training images"};
    auto digits = make_digits({n, e.classes, e.seed});
    if (!digits) return Error{"N = " + std::to_string(n) + ": " + digits.message()};
    const Eigen::MatrixXd& X = digits.value().data.points;
    for (const std::string& kind : e.denoisers) {
      if (kind != "emmse" && kind != "ksmooth" && kind != "trained")
        return Error{"the digits experiment's denoisers are emmse, ksmooth and trained (got '" + kind.substr(0, 40) + "')"};
      for (double b : kind == "ksmooth" ? e.bandwidths : std::vector<double>{0.0}) {
        const auto start = std::chrono::steady_clock::now();
        double interpolation = 0;
        auto den = [&]() -> Result<std::unique_ptr<Denoiser>> {
          if (kind == "trained") {
            if (e.levels < 1) return Error{"training needs at least one level"};
            std::vector<double> sigmas;  // geometric from sigma_max down to sigma_min
            for (int l = 0; l < e.levels; ++l)
              sigmas.push_back(e.levels == 1 ? e.sigma_min : e.sigma_max * std::pow(e.sigma_min / e.sigma_max, static_cast<double>(l) / (e.levels - 1)));
            TrainOptions o = e.train;
            o.sigma = sigmas.front();
            auto model = train_levels(X, o, sigmas);
            if (!model) return model.error();
            for (const EpochReport& r : model.value().last) interpolation = std::max(interpolation, r.interpolation);
            return std::unique_ptr<Denoiser>(std::make_unique<TrainedDenoiser>(std::make_shared<const TrainedModel>(std::move(model).value())));
          }
          DenoiserSpec spec;
          spec.kind = kind;
          spec.bandwidth = b;
          spec.nodes = e.nodes;
          return make_denoiser(X, spec);
        }();
        if (!den) return Error{"N = " + std::to_string(n) + ", " + kind + ": " + den.message()};
        FlowOptions opt;
        opt.kind = e.flow;
        opt.sigma_max = e.sigma_max;
        opt.sigma_min = e.sigma_min;
        opt.steps = e.steps;
        opt.seed = e.seed;
        DigitsRow row;
        row.n = n, row.denoiser = kind, row.bandwidth = b, row.samples = e.samples, row.interpolation = interpolation;
        row.ends.resize(X.rows(), e.samples);  // Gaussian noise about the images' mean, at sigma_max
        Rng rng(e.seed ^ 0xd161750000ULL);
        rng.fill_normal(row.ends);
        row.ends = (e.sigma_max * row.ends).colwise() + X.rowwise().mean();
        if (auto r = run_in_chunks(*den.value(), opt, row.ends, e.threads); !r) return Error{"N = " + std::to_string(n) + ", " + kind + ": " + r.message()};
        auto near = nearest_ratio(X, row.ends, e.threads);
        if (!near) return near.error();
        row.nearest = std::move(near).value();
        long memorized = 0;
        double sum = 0;
        for (double r : row.nearest.ratio) memorized += r < e.ratio, sum += r;
        row.memorized = static_cast<double>(memorized) / e.samples;
        std::tie(row.lo, row.hi) = wilson_interval(memorized, e.samples);
        row.mean_ratio = sum / e.samples;
        row.data = X;
        row.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (row_done) row_done(row);
        rows.push_back(std::move(row));
      }
    }
  }
  return rows;
}

}  // namespace flowlab
