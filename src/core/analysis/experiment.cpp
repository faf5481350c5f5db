#include "core/analysis/experiment.hpp"

#include "core/data/dataset.hpp"
#include "core/denoisers/minnorm.hpp"
#include "core/denoisers/trained.hpp"
#include "core/flows/decoupled_flow.hpp"
#include "core/flows/fused_flow.hpp"
#include "core/runtime/parallel.hpp"
#include "core/runtime/enum_names.hpp"
#include "core/data/rng.hpp"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <vector>

namespace flowlab {

Result<InitKind> parse_init(const std::string& s) {
  static const EnumTable<InitKind, 2> kInits = {{InitKind::uniform, "uniform"}, {InitKind::gaussian, "gaussian"}};
  return parse_enum(s, kInits, "initial distribution");
}

FlowOptions resolve_flow_defaults(const FlowOptions& in, const DenoiserSpec& spec, Eigen::Index d, double min_gap) {
  FlowOptions f = in;
  const double alpha = resolved_alpha(spec, d);
  if (f.sigma_max <= 0) f.sigma_max = 0.45 * min_gap / alpha;  // rho_T = 0.45 * gap: the largest safely feasible
  if (f.sigma <= 0) f.sigma = 0.25 * min_gap / alpha;          // rho = gap / 4
  return f;
}

namespace {
constexpr Eigen::Index kExactDiameter = 20000;  // points up to which the default sigma_max uses the exact diameter

double data_gap(const DenoiserSpec& spec, const Eigen::Ref<const Eigen::MatrixXd>& X) {
  if (spec.kind == "minnorm")
    if (auto m = MinNormDenoiser::create(X, 1.0); m && X.cols() > 1) return m.value().min_gap();
  const double gap = closest_distance(X);
  return std::isfinite(gap) ? gap : 1.0;
}
}  // namespace

FlowOptions default_flow_levels(const DenoiserSpec& spec, const Eigen::Ref<const Eigen::MatrixXd>& X) {
  FlowOptions unset;
  unset.sigma = unset.sigma_max = 0;
  FlowOptions f = resolve_flow_defaults(unset, spec, X.rows(), data_gap(spec, X));  // the closed form's levels
  double diameter = 0.0;
  if (X.cols() <= kExactDiameter) {
    for (Eigen::Index i = 0; i < X.cols(); ++i)
      for (Eigen::Index j = i + 1; j < X.cols(); ++j) diameter = std::max(diameter, (X.col(i) - X.col(j)).norm());
  } else {  // all pairs would take minutes: twice the largest distance from the mean bounds it (within 2x)
    diameter = 2 * (X.colwise() - X.rowwise().mean()).colwise().norm().maxCoeff();
  }
  // The data's own scale, however small (a floor of 1e-3 left data at 1e-12 at the mean); one point
  // has no diameter: a thousandth of its size, or 1e-3 at the origin.
  if (spec.kind != "minnorm") {
    const double size = X.size() > 0 ? X.cwiseAbs().maxCoeff() : 0.0;
    f.sigma_max = diameter > 0 ? diameter : size > 0 ? 1e-3 * size : 1e-3;
  }
  if (spec.model) f.sigma_max = spec.model->sigmas.front();  // a trained model: its own levels
  f.sigma_min = spec.model && spec.model->sigmas.size() > 1 ? spec.model->sigmas.back() : f.sigma_max * 1e-3;
  if (spec.model) f.sigma = spec.model->sigmas.front();
  return f;
}

Eigen::MatrixXd orthogonal_initial_points(const Eigen::Ref<const Eigen::MatrixXd>& X, const OrthogonalExperiment& e) {
  Rng rng(e.seed + 1000003);
  Eigen::MatrixXd Y(X.rows(), e.inits);
  if (e.init == InitKind::uniform) {
    Eigen::MatrixXd c(X.cols(), e.inits);
    rng.fill_uniform(c, 0.0, 1.0);
    Y.noalias() = X * c;  // sum_n c_n x_n: uniform in the hyperbox
  } else {
    rng.fill_normal(Y);
    Y = (e.init_std * Y).colwise() + X.rowwise().mean();
  }
  return Y;
}

FlowOptions chunk_options(const FlowOptions& opt, Eigen::Index c) {
  FlowOptions o = opt;
  o.seed = opt.seed + 0x9e3779b97f4a7c15ULL * static_cast<std::uint64_t>(c);
  return o;
}

Result<FlowReport> run_in_chunks(const Denoiser& den, const FlowOptions& opt, Eigen::Ref<Eigen::MatrixXd> Y, int threads,
                                 const std::function<void(double)>& progress, const std::atomic<bool>* cancel) {
  const Eigen::Index chunks = column_chunks(Y.cols());
  std::vector<FlowReport> reports(static_cast<std::size_t>(chunks));
  std::vector<std::string> errors(static_cast<std::size_t>(chunks));
  std::mutex report_progress;
  Eigen::Index done = 0;
  const bool fused = fused_applies(den, opt);  // the closed form's or the MMSE's pf: the fused hot loop
  const auto run_chunk = [&](Eigen::Index j0, Eigen::Index nc, Eigen::Index c) -> Result<FlowReport> {
    if (cancel && cancel->load()) return Error{"interrupted"};
    if (fused) return run_fused_pf(den, opt, Y.middleCols(j0, nc));
    auto flow = Flow::create(den, chunk_options(opt, c), nc);
    if (!flow) return flow.error();
    return flow.value().run(Y.middleCols(j0, nc));
  };
  run_column_chunks(threads, Y.cols(), [&](Eigen::Index j0, Eigen::Index nc, Eigen::Index c) {
    if (auto r = run_chunk(j0, nc, c)) reports[static_cast<std::size_t>(c)] = r.value();
    else errors[static_cast<std::size_t>(c)] = r.message();
    if (progress) {
      const std::lock_guard<std::mutex> lock(report_progress);
      progress(static_cast<double>(++done) / static_cast<double>(chunks));
    }
  });
  FlowReport total;
  total.converged = true;
  for (std::size_t c = 0; c < reports.size(); ++c) {
    if (!errors[c].empty()) return Error{errors[c]};
    const FlowReport& r = reports[c];
    if (!r.status) return Error{r.status.message()};
    total.steps = std::max(total.steps, r.steps);
    total.evaluations = std::max(total.evaluations, r.evaluations);
    total.fallback_steps = std::max(total.fallback_steps, r.fallback_steps);
    total.t = r.t;
    total.converged = total.converged && r.converged;
  }
  return total;
}

Result<ExperimentRow> run_orthogonal_experiment(const OrthogonalExperiment& e,
                                                const std::function<void(double)>& progress,
                                                const std::atomic<bool>* cancel) {
  const int d = e.d > 0 ? e.d : e.n;
  if (e.inits < 1) return Error{"the experiment needs --inits >= 1"};
  auto data = make_orthogonal({e.n, d, 1.0, 1.0, false, e.seed});
  if (!data) return data.error();
  const auto& X = data.value().points;
  auto den = make_denoiser(X, e.denoiser);
  if (!den) return den.error();
  auto classifier = Classifier::create(X, e.tol);
  if (!classifier) return classifier.error();
  const FlowOptions opt = resolve_flow_defaults(e.flow, e.denoiser, d, 1.0);
  Eigen::MatrixXd Y = orthogonal_initial_points(X, e);
  ExperimentRow row;
  const auto* closed = dynamic_cast<const MinNormDenoiser*>(den.value().get());
  auto report = e.decoupled && closed ? run_decoupled_pf(*closed, opt, Y, e.threads) : run_in_chunks(*den.value(), opt, Y, e.threads, progress, cancel);
  if (!report) return report.error();
  row.report = report.value();
  row.n = e.n;
  row.d = d;
  row.inits = e.inits;
  row.flow = opt.kind;
  if (e.target == Target::endpoint) {
    row.result = classifier.value().classify(Y);
  } else {
    auto samples = samples_of(e.target, *den.value(), final_sigma(opt), Y, e.threads);
    if (!samples) return samples.error();
    row.result = classifier.value().classify(samples.value());
  }
  return row;
}

}  // namespace flowlab
