#include <ostream>

#include "commands.hpp"
#include "common.hpp"
#include "core/csv.hpp"

namespace flowlab::cli {

int cmd_denoise(int argc, char** argv) {
  auto opts = denoiser_options();
  opts.insert(opts.begin(), {{"data", "D.csv", "training points, one per row"},
                             {"points", "P.csv", "points y to denoise, one per row"}});
  opts.push_back({"rho", "R", "ball radius rho (minnorm); emmse/ksmooth use sigma = R/alpha"});
  opts.push_back({"sigma", "S", "noise level; minnorm uses rho = alpha*S"});
  opts.push_back({"out", "O.csv", "write h(y) here (default: standard output)"});
  Args a("denoise", "--data D.csv --points P.csv --denoiser NAME (--rho R | --sigma S [--alpha A]) [--out O.csv]", opts);
  int code = 0;
  if (handle_parse(a, argc, argv, 2, code)) return code;
  const DenoiserSpec spec = read_denoiser_spec(a);
  a.require("data");
  a.require("points");
  if (!a.has("rho") && !a.has("sigma")) a.fail("give the noise level with --rho or --sigma");
  if (!a.ok()) return usage_error("denoise", a.error());
  auto data = load_data(a);
  if (!data) return runtime_error("denoise", data.message());
  const auto& X = data.value().points;
  const double sigma = read_sigma(a, resolved_alpha(spec, X.rows()), 0.0);
  if (!a.ok()) return usage_error("denoise", a.error());
  auto Y = load_points(a, X.rows());
  if (!Y) return runtime_error("denoise", Y.message());
  auto den = make_denoiser(X, spec);
  if (!den) return runtime_error("denoise", den.message());
  if (auto s = den.value()->check(sigma); !s) return runtime_error("denoise", s.message());
  const Eigen::MatrixXd H = (*den.value())(Y.value(), sigma);
  return write_output(a, [&](std::ostream& o) { write_points_csv(o, H); });
}

}  // namespace flowlab::cli
