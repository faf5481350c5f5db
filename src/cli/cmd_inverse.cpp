// `flowlab inverse`: posterior sampling for y = A x + eta with the denoisers as priors, measured
// against the exact posterior of the empirical prior (core/inverse/inverse.hpp).
#include <cstdio>
#include <iostream>

#include "commands.hpp"
#include "common.hpp"
#include "core/data/csv.hpp"
#include "core/inverse/inverse.hpp"

namespace flowlab::cli {
int cmd_inverse(int argc, char** argv) {
  std::vector<OptionSpec> opts = {
      {"data", "D.csv", "the training points, one per row: the prior p(x) = (1/N) sum_n delta(x - x_n)"},
      {"A", "A.csv", "the measurement matrix, m rows of d values: y = A x + eta"},
      {"y", "Y.csv", "the measurement: one row of m values (for every sample), or one row per sample"},
      {"noise", "S", "the measurement noise s > 0: eta ~ N(0, s^2 I)"},
      {"method", "M", "exact (the likelihood-weighted MMSE denoiser; needs emmse), dps, projection or mcg"}};
  for (auto& o : denoiser_options()) opts.push_back(o);
  for (auto& o : std::vector<OptionSpec>{
           {"step", "Z", "dps, mcg: the step zeta along -grad |y - A h(x)|^2 (default 0.5)"},
           {"samples", "M", "samples to draw (default 1000)"},
           {"flow", "KIND", "pf (probability flow, Heun; default) or sde (reverse SDE, Euler-Maruyama)"},
           {"sigma-max", "S1", "the starting noise level (default: largest feasible for minnorm, else the data diameter)"},
           {"sigma-min", "S0", "the last noise level (default sigma-max/1000)"},
           {"steps", "K", "grid steps from S1 to S0 (default 200)"},
           {"grid", "G", "the noise grid: edm, geometric or linear (default edm)"},
           {"init", "I", "noise (default) or estimate: CCDF, from the estimate diffused to S1 (give a small S1)"},
           {"estimate", "E.csv", "--init estimate: one row of d values, or one per sample (default A^+ y)"},
           {"seed", "N", "random seed (default 1)"},
           threads_option(),
           {"out", "O.csv", "write the samples here, one per row (default: standard output)"}})
    opts.push_back(o);
  Args a("inverse",
         "--data D.csv --A A.csv --y Y.csv --noise S --method {exact,dps,projection,mcg} --denoiser NAME "
         "[--step Z] [--samples M] [--sigma-max S1 --sigma-min S0 --steps K --grid G] [--flow {pf,sde}] "
         "[--init {noise,estimate}] [--estimate E.csv] [--seed N] [--threads T] [--out O.csv]",
         opts);
  int code = 0;
  if (handle_parse(a, argc, argv, 2, code)) return code;
  for (const char* key : {"data", "A", "y", "noise", "method"}) a.require(key);
  DenoiserSpec spec = read_denoiser_spec(a);
  InverseOptions o;
  const double noise = a.number("noise", 1, 1e-300, 1e12);
  if (auto m = parse_inverse_method(a.str("method", "dps")); m) o.method = m.value();
  else a.fail("--method: " + m.message());
  if (auto i = parse_inverse_init(a.str("init", "noise")); i) o.init = i.value();
  else a.fail("--init: " + i.message());
  o.step = a.number("step", o.step, 0, 1e12);
  o.samples = a.integer("samples", 1000, 1, 10000000);
  o.threads = read_threads(a);
  if (a.ok() && o.method == InverseMethod::exact && spec.kind != "emmse")
    a.fail("--method exact samples with the likelihood-weighted MMSE denoiser: give --denoiser emmse");
  if (a.has("estimate") && o.init != InverseInit::estimate) a.fail("--estimate goes with --init estimate");
  if (!a.ok()) return usage_error("inverse", a.error());
  if (check_only()) return 0;
  auto p = load_data(a);
  if (!p) return runtime_error("inverse", p.message());
  const Eigen::MatrixXd& X = p.value().points;
  const Eigen::Index d = X.rows();
  if (auto s = load_model(a, spec); !s) return runtime_error("inverse", s.message());
  auto den = make_denoiser(X, spec);
  if (!den) return runtime_error("inverse", den.message());
  const FlowOptions f = read_flow_options(a, spec, X);
  if (!a.ok()) return usage_error("inverse", a.error());
  if (f.kind != FlowKind::pf && f.kind != FlowKind::sde) return usage_error("inverse", "--flow: pf or sde");
  o.flow = f.kind, o.grid = f.grid, o.seed = f.seed;
  o.sigma_max = f.sigma_max, o.sigma_min = f.sigma_min, o.steps = f.steps;
  Measurement m;
  m.noise = noise;
  auto A = read_points_csv(a.str("A"), read_threads(a));
  if (!A) return runtime_error("inverse", A.message());
  if (A.value().rows() != d)
    return runtime_error("inverse", a.str("A") + ": row 1 has " + std::to_string(A.value().rows()) + " values; the data (" +
                                        a.str("data") + ") has dimension " + std::to_string(d));
  m.A = A.value().transpose();
  auto y = read_points_csv(a.str("y"), read_threads(a));
  if (!y) return runtime_error("inverse", y.message());
  m.y = std::move(y).value();
  if (m.y.rows() != m.A.rows())
    return runtime_error("inverse", a.str("y") + ": row 1 has " + std::to_string(m.y.rows()) + " values; " + a.str("A") +
                                        " has " + std::to_string(m.A.rows()) + " rows (one per measured value)");
  if (m.y.cols() != 1 && m.y.cols() != o.samples)
    return runtime_error("inverse", a.str("y") + ": " + std::to_string(m.y.cols()) +
                                        " rows; give one (for every sample) or one per sample (--samples " +
                                        std::to_string(o.samples) + ")");
  Eigen::MatrixXd estimate;
  if (a.has("estimate")) {
    auto e = read_points_csv(a.str("estimate"), read_threads(a));
    if (!e) return runtime_error("inverse", e.message());
    if (e.value().rows() != d || (e.value().cols() != 1 && e.value().cols() != o.samples))
      return runtime_error("inverse", a.str("estimate") + ": needs one row of d = " + std::to_string(d) +
                                          " values, or one per sample");
    estimate = std::move(e).value();
  }
  InverseReport report;
  auto samples = sample_posterior(X, *den.value(), m, o, estimate, &report);
  if (!samples) return runtime_error("inverse", samples.message());
  const PosteriorFit fit = posterior_fit(X, samples.value(), posterior_weights(X, m));
  std::fprintf(stderr,
               "inverse: %s with %s, %s from sigma %g to %g, %d steps, %ld denoiser evaluations per sample\n"
               "inverse: total variation to the exact posterior %.4f; at training points %.4f, at none (manifold "
               "or elsewhere) %.4f\n",
               to_string(o.method), spec.kind.c_str(), to_string(o.flow), o.sigma_max, o.sigma_min, report.steps,
               report.evaluations, fit.tv, fit.share.sum(), fit.off);
  return write_output(a, [&](std::ostream& out) { write_points_csv(out, samples.value(), read_threads(a)); });
}

}  // namespace flowlab::cli
