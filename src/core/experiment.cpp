#include "experiment.hpp"

#include "dataset.hpp"
#include "enum_names.hpp"
#include "rng.hpp"

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

Result<ExperimentRow> run_orthogonal_experiment(const OrthogonalExperiment& e,
                                                const std::function<void(double)>& progress) {
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
  auto flow = Flow::create(*den.value(), opt, Y.cols());
  if (!flow) return flow.error();
  ExperimentRow row;
  row.report = flow.value().run(Y, progress);
  if (!row.report.status) return Error{row.report.status.message()};
  row.n = e.n;
  row.d = d;
  row.inits = e.inits;
  row.flow = opt.kind;
  row.result = classifier.value().classify(Y);
  return row;
}

}  // namespace flowlab
