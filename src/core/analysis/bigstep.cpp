#include "core/analysis/bigstep.hpp"

#include <algorithm>
#include <memory>
#include <mutex>

#include "core/runtime/budget.hpp"
#include "core/analysis/classify.hpp"
#include "core/data/csv.hpp"
#include "core/analysis/experiment.hpp"
#include "core/denoisers/factory.hpp"
#include "core/data/rng.hpp"
#include "core/denoisers/trained.hpp"

namespace flowlab {

Status validate(const BigStepOptions& o) {
  if (o.data != "1d" && o.data != "orthogonal") return Error{"the data must be 1d or orthogonal (got '" + o.data.substr(0, 40) + "')"};
  if (o.n < 2 || o.n > 64) return Error{"N must be from 2 to 64 (got " + std::to_string(o.n) + ")"};
  if (o.trainer != "gd" && o.trainer != "sgd") return Error{"the trainer must be gd or sgd (got '" + o.trainer.substr(0, 40) + "')"};
  if (o.rates.empty()) return Error{"no learning rate to train at"};
  for (double r : o.rates)
    if (!(r > 0) || !std::isfinite(r)) return Error{"the learning rates must be positive numbers (got " + format_number(r) + ")"};
  if (!(o.time > 0) || !std::isfinite(o.time)) return Error{"the training time eta * epochs must be positive"};
  if (o.max_epochs < 1) return Error{"max epochs must be at least 1"};
  if (o.sigmas.empty()) return Error{"no noise level"};
  for (std::size_t i = 0; i < o.sigmas.size(); ++i)
    if (!(o.sigmas[i] > 0) || !std::isfinite(o.sigmas[i]) || (i > 0 && !(o.sigmas[i] < o.sigmas[i - 1])))
      return Error{"the noise levels must be positive and strictly decreasing"};
  if (o.inits < 1 || o.steps < 1 || o.seeds < 1) return Error{"inits, steps and seeds must be at least 1"};
  const double d = o.data == "orthogonal" ? o.n : 1;  // the particles and their endpoints, per seed at a time
  if (auto s = budget::fits_memory(8.0 * d * o.inits * 2, "a flow of " + std::to_string(o.inits) + " particles"); !s) return s;
  TrainOptions t;
  t.trainer = o.trainer, t.width = o.width, t.samples = o.samples, t.lambda = o.lambda, t.batch = o.batch, t.lr = o.rates.front();
  return validate(t);
}

Eigen::MatrixXd bigstep_data(const BigStepOptions& o) {
  if (o.data == "orthogonal") return Eigen::MatrixXd::Identity(o.n, o.n);
  Eigen::MatrixXd X(1, o.n);
  for (int i = 0; i < o.n; ++i) X(0, i) = -1.0 + 2.0 * i / (o.n - 1);
  return X;
}

Result<FlowEnds> probe_flow(const Denoiser& den, const Eigen::Ref<const Eigen::MatrixXd>& X, double sigma_max,
                            double sigma_min, int inits, int steps, double tol, std::uint64_t seed, int threads) {
  FlowEnds out;
  Rng rng(seed ^ 0xb165e9ULL);
  out.Y.resize(X.rows(), inits);
  for (int j = 0; j < inits; ++j) {
    const auto n = std::min<Eigen::Index>(X.cols() - 1, static_cast<Eigen::Index>(rng.uniform() * static_cast<double>(X.cols())));
    for (Eigen::Index i = 0; i < X.rows(); ++i) out.Y(i, j) = X(i, n) + sigma_max * rng.normal();
  }
  FlowOptions f;
  f.kind = FlowKind::pf;
  f.sigma_max = sigma_max;
  f.sigma_min = sigma_min;
  f.steps = steps;
  if (auto r = run_in_chunks(den, f, out.Y, threads); !r) return Error{r.message()};
  auto classifier = Classifier::create(X, tol);
  if (!classifier) return Error{classifier.message()};
  // The flow stops at the networks' last level, where a memorizing particle is still up to
  // rho = alpha sigma_min (5% of an edge at 0.03) from its point: count what a sampler returns,
  // the denoised sample h_{sigma_min}(y).
  auto samples = samples_of(Target::denoised, den, sigma_min, out.Y, threads);
  if (!samples) return Error{samples.message()};
  out.samples = std::move(samples).value();
  out.classes = classifier.value().classify(out.samples, threads);
  return out;
}

namespace {
// The flow from the particles with `den`, and where they end, into the row's fractions.
Status flow_and_classify(const Denoiser& den, const Eigen::MatrixXd& X, const BigStepOptions& o, std::uint64_t seed,
                         int threads, BigStepRow& row) {
  auto ends = probe_flow(den, X, o.sigmas.front(), o.sigmas.back(), o.inits, o.steps, o.tol, seed, threads);
  if (!ends) return Error{ends.message()};
  const Classification& c = ends.value().classes;
  const Eigen::MatrixXd& Y = ends.value().samples;  // the same samples the classes are of
  row.training = c.fraction(EndClass::training);
  row.virtual_point = c.fraction(EndClass::virtual_point);
  row.apex = c.fraction(EndClass::apex);
  row.manifold = c.fraction(EndClass::manifold);
  row.other = c.fraction(EndClass::other);
  if (o.data == "1d") {  // unstructured: "novel" is between the first and the last point, or outside
    const double lo = X.minCoeff(), hi = X.maxCoeff();
    long between = 0, novel = 0;
    for (std::size_t j = 0; j < c.classes.size(); ++j)
      if (c.classes[j] == EndClass::novel) ++novel, between += Y(0, static_cast<Eigen::Index>(j)) >= lo && Y(0, static_cast<Eigen::Index>(j)) <= hi;
    const double P = static_cast<double>(c.classes.size());
    row.manifold = static_cast<double>(between) / P;
    row.other = static_cast<double>(novel - between) / P;
  }
  return Status::ok();
}

// One rate and seed: the levels trained in turn (each from the previous weights), then the flow.
BigStepRow train_rate(const Eigen::MatrixXd& X, const BigStepOptions& o, double lr, std::uint64_t seed, std::string& error) {
  BigStepRow row;
  row.denoiser = "trained";
  row.seed = seed;
  row.lr = lr;
  row.epochs = static_cast<int>(std::min<double>(o.max_epochs, std::ceil(o.time / lr)));
  TrainOptions t;
  t.trainer = o.trainer, t.lr = lr, t.batch = o.batch, t.width = o.width, t.samples = o.samples, t.lambda = o.lambda;
  t.epochs = row.epochs;
  t.seed = seed;
  TrainStop stop;
  auto trained = train_levels(X, t, o.sigmas, {}, nullptr, &stop);
  if (!trained) {
    if (stop.level < 0) error = trained.message();  // not a divergence: the experiment fails
    row.status = "diverged";
    row.diverged_level = stop.level;
    row.diverged_epoch = stop.epoch;
    return row;
  }
  const auto model = std::make_shared<TrainedModel>(std::move(trained).value());
  row.loss = model->last.back().loss;
  row.sharpness = model->sharpness.back();
  row.smoothness = model->smoothness.back();
  row.max_sharpness = *std::max_element(model->sharpness.begin(), model->sharpness.end());
  const TrainedDenoiser den(model);
  // Training converged but the networks' flow does not (a large step can leave a network whose field
  // sends particles off): a result of this rate, reported, not a failure of the experiment.
  if (auto s = flow_and_classify(den, X, o, seed, 1, row); !s) {
    row.status = "flow_diverged";
    row.training = row.virtual_point = row.apex = row.manifold = row.other = NAN;
  }
  return row;
}
}  // namespace

Result<std::vector<BigStepRow>> run_bigstep(const BigStepOptions& o, const std::function<void(int, int)>& progress) {
  if (auto s = validate(o); !s) return Error{s.message()};
  const Eigen::MatrixXd X = bigstep_data(o);
  const auto R = static_cast<Eigen::Index>(o.rates.size());
  const Eigen::Index jobs = R * o.seeds;
  std::vector<BigStepRow> trained(static_cast<std::size_t>(jobs));
  std::vector<std::string> errors(static_cast<std::size_t>(jobs));
  std::mutex lock;
  int done = 0;
  run_jobs(o.threads, jobs, [&](Eigen::Index j) {
    const auto u = static_cast<std::size_t>(j);
    trained[u] = train_rate(X, o, o.rates[static_cast<std::size_t>(j % R)], o.seed + static_cast<std::uint64_t>(j / R), errors[u]);
    if (progress) {
      const std::lock_guard<std::mutex> g(lock);
      progress(++done, static_cast<int>(jobs));
    }
  });
  for (std::size_t u = 0; u < errors.size(); ++u)
    if (!errors[u].empty()) return Error{"eta = " + format_number(trained[u].lr) + ": " + errors[u]};
  std::vector<BigStepRow> rows;
  for (int s = 0; s < o.seeds; ++s) {
    const std::uint64_t seed = o.seed + static_cast<std::uint64_t>(s);
    for (Eigen::Index r = 0; r < R; ++r) rows.push_back(trained[static_cast<std::size_t>(s * R + r)]);
    for (const char* kind : {"minnorm", "emmse"}) {  // the two ends, on the same particles
      DenoiserSpec spec;
      spec.kind = kind;
      spec.fallback = Fallback::clamp;  // the closed form where it exists, the largest feasible ball elsewhere
      auto den = make_denoiser(X, spec);
      if (!den) return Error{std::string(kind) + ": " + den.message()};
      BigStepRow row;
      row.denoiser = kind;
      row.seed = seed;
      if (auto st = flow_and_classify(*den.value(), X, o, seed, o.threads, row); !st) return Error{std::string(kind) + ": " + st.message()};
      rows.push_back(row);
    }
  }
  return rows;
}

}  // namespace flowlab
