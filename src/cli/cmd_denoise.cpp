#include <ostream>

#include "commands.hpp"
#include "common.hpp"
#include "core/csv.hpp"

namespace flowlab::cli {

int cmd_denoise(int argc, char** argv) {
  auto opts = data_and_points_options("points y to denoise, one per row");
  for (auto& o : denoiser_options()) opts.push_back(o);
  opts.push_back({"rho", "R", "ball radius rho (minnorm); emmse/ksmooth use sigma = R/alpha"});
  opts.push_back({"sigma", "S", "noise level; minnorm uses rho = alpha*S"});
  opts.push_back({"out", "O.csv", "write h(y) here (default: standard output)"});
  Args a("denoise", "--data D.csv --points P.csv --denoiser NAME (--rho R | --sigma S [--alpha A]) [--out O.csv]", opts);
  int code = 0;
  if (handle_parse(a, argc, argv, 2, code)) return code;
  DenoiserSpec spec = read_denoiser_spec(a);
  a.require("data");
  a.require("points");
  if (!a.has("rho") && !a.has("sigma")) a.fail("give the noise level with --rho or --sigma");
  if (!a.ok()) return usage_error("denoise", a.error());
  auto p = load_problem(a, spec);
  if (!p) return runtime_error("denoise", p.message());
  const double sigma = read_sigma(a, resolved_alpha(spec, p.value().data.dim()), 0.0);
  if (!a.ok()) return usage_error("denoise", a.error());
  const Denoiser& den = *p.value().denoiser;
  if (auto s = den.check(sigma); !s) return runtime_error("denoise", s.message());
  const Eigen::MatrixXd H = den(p.value().points, sigma);
  return write_output(a, [&](std::ostream& o) { write_points_csv(o, H); });
}

}  // namespace flowlab::cli
