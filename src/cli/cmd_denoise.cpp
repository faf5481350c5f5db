#include <iostream>
#include <ostream>

#include "commands.hpp"
#include "common.hpp"
#include "core/data/csv.hpp"
#include "core/runtime/parallel.hpp"

namespace flowlab::cli {

int cmd_denoise(int argc, char** argv) {
  auto opts = data_and_points_options("points y to denoise, one per row");
  for (auto& o : denoiser_options()) opts.push_back(o);
  opts.push_back({"rho", "R", "ball radius rho (minnorm); emmse/ksmooth use sigma = R/alpha"});
  opts.push_back({"sigma", "S", "noise level; minnorm uses rho = alpha*S (trained: the model's level if it has one)"});
  opts.push_back(threads_option());
  opts.push_back({"out", "O.csv", "write h(y) here (default: standard output)"});
  Args a("denoise", "--data D.csv --points P.csv --denoiser NAME (--rho R | --sigma S [--alpha A]) [--out O.csv]", opts);
  int code = 0;
  if (handle_parse(a, argc, argv, 2, code)) return code;
  DenoiserSpec spec = read_denoiser_spec(a);
  const int threads = read_threads(a);
  a.require("data");
  a.require("points");
  const bool level_given = a.has("rho") || a.has("sigma");
  if (!level_given && spec.kind != "trained") a.fail("give the noise level with --rho or --sigma");
  if (!a.ok()) return usage_error("denoise", a.error());
  auto p = load_problem(a, spec);
  if (!p) return runtime_error("denoise", p.message());
  double sigma = 0.0;
  if (level_given) {
    sigma = read_sigma(a, resolved_alpha(spec, p.value().data.dim()), 0.0);
    if (!a.ok()) return usage_error("denoise", a.error());
  } else if (spec.model->sigmas.size() == 1) {  // a single-level model was trained at one sigma: that one
    sigma = spec.model->sigmas.front();
    std::cerr << "denoise: sigma " << format_number(sigma) << " from " << a.str("model") << " (its one level)\n";
  } else {
    std::string levels;
    for (double s : spec.model->sigmas) levels += (levels.empty() ? "" : ", ") + format_number(s);
    return usage_error("denoise", a.str("model") + " has " + std::to_string(spec.model->sigmas.size()) +
                                      " levels (sigma " + levels + "): give --sigma or --rho");
  }
  const Denoiser& den = *p.value().denoiser;
  if (auto s = den.check(sigma); !s) return runtime_error("denoise", s.message());
  const Eigen::MatrixXd& Y = p.value().points;
  Eigen::MatrixXd H(Y.rows(), Y.cols());
  apply_in_chunks(den, Y, sigma, H, threads);
  return write_output(a, [&](std::ostream& o) { write_points_csv(o, H, read_threads(a)); });
}

}  // namespace flowlab::cli
