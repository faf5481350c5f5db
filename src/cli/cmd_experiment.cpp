#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "core/runtime/budget.hpp"
#include "common.hpp"
#include "core/data/csv.hpp"
#include "core/analysis/experiment.hpp"

namespace flowlab::cli {
namespace {
const EndClass kColumns[] = {EndClass::training, EndClass::virtual_point, EndClass::apex, EndClass::manifold,
                             EndClass::other};
}  // namespace

int cmd_experiment(int argc, char** argv) {
  auto opts = denoiser_options();
  opts.insert(opts.begin(), {{"n", "N", "number of orthogonal training points x_n = u_n (default 30)"},
                             {"d", "D", "dimension, >= N (default N)"},
                             {"inits", "M", "initial particles (default 500)"},
                             {"threads", "T", "threads over chunks of 512 particles (default: every core; results do not depend on it)"},
                             {"init", "KIND", "uniform (in the hyperbox, default) or gaussian (around the data mean)"},
                             {"init-std", "S", "gaussian initial points: standard deviation (default 0.5)"},
                             {"tol", "TAU", "classification tolerance on the edge coordinates (default 0.02)"},
                             {"classify", "WHAT", "endpoint (where the flow stopped, default) or denoised (h at the last noise level: the sample a sampler returns)"},
                             {"sweep-n", "A:B", "repeat for N = A..B (d = N unless --d is given)"}});
  for (auto& o : flow_options())
    if (o.name != "tol") opts.push_back(o);  // --tol is the classification's here (it also stopped score flows)
  opts.push_back({"out", "O.csv", "write the rows here (default: standard output)"});
  Args a("experiment orthogonal", "--n N --d D --inits M [--flow score|pf] [options] [--sweep-n A:B] [--out O.csv]",
         opts);
  if (argc >= 3 && std::string(argv[2]) == "memorization") return cmd_memorization(argc, argv);
  if (argc >= 3 && std::string(argv[2]) == "digits") return cmd_digits(argc, argv);
  if (argc >= 3 && std::string(argv[2]) == "inverse") return cmd_inverse_experiment(argc, argv);
  if (argc >= 3 && std::string(argv[2]) == "bigstep") return cmd_bigstep(argc, argv);
  for (const char* name : {"stationary", "flows", "denoiser1d", "smoothing"})
    if (argc >= 3 && std::string(argv[2]) == name) return cmd_reproduce(argc, argv);
  if (argc < 3 || std::string(argv[2]) != "orthogonal") {
    if (argc >= 3 && std::string(argv[2]) == "--help") {
      std::cout << "usage: flowlab experiment orthogonal [options]   (see flowlab experiment orthogonal --help)\n"
                   "       flowlab experiment NAME [options]         NAME: memorization, stationary, flows,\n"
                   "                                                 denoiser1d, smoothing, inverse, bigstep, digits (each with --help)\n";
      return 0;
    }
    return usage_error("experiment", "expected an experiment name: orthogonal, memorization, stationary, flows, "
                                     "denoiser1d, smoothing, inverse, bigstep or digits");
  }
  int code = 0;
  if (handle_parse(a, argc, argv, 3, code)) return code;
  OrthogonalExperiment e;
  e.denoiser = read_denoiser_spec(a);
  e.n = a.integer("n", e.n, 1, 4096);
  e.d = a.integer("d", 0, 0, 4096);
  e.inits = a.integer("inits", e.inits, 1, 10000000);
  e.tol = a.number("tol", e.tol, 1e-12, 1e3);
  if (auto t = parse_target(a.str("classify", "endpoint"))) e.target = t.value();
  else a.fail("--classify: " + t.message());
  e.init_std = a.number("init-std", e.init_std, 0, 1e12);
  e.seed = a.seed("seed", e.seed);
  e.threads = a.integer("threads", 0, 0, 1024);
  if (e.threads < 0) a.fail("--threads must be >= 0 (0: every core)");
  auto init = parse_init(a.str("init", "uniform"));
  if (init) e.init = init.value();
  else a.fail("--init: " + init.message());
  int lo = e.n, hi = e.n;
  if (a.has("sweep-n") && !parse_range(a.str("sweep-n"), lo, hi)) a.fail("--sweep-n: expected A:B with 1 <= A <= B");
  if (hi > 4096 || e.inits > 10000000) a.fail("--n up to 4096 and --inits up to 10000000");
  // Flow defaults depend on the data (gap 1, alpha from d): resolved per N below.
  if (!a.ok()) return usage_error("experiment orthogonal", a.error());
  std::ostringstream rows;
  rows << "n,d,inits,flow,training,virtual,apex,manifold,other,fallback_steps\n";
  for (int n = lo; n <= hi; ++n) {
    e.n = n;
    const int d = e.d > 0 ? e.d : n;
    const FlowOptions opt = read_flow_options(a, e.denoiser, Eigen::MatrixXd::Identity(d, std::min(n, d)), false);
    if (!a.ok()) return usage_error("experiment orthogonal", a.error());
    if (check_only()) return 0;
    e.flow = opt;
    auto r = run_orthogonal_experiment(e, progress_printer("N = " + std::to_string(n)));
    if (!r) return runtime_error("experiment orthogonal", "N = " + std::to_string(n) + ": " + r.message());
    const auto& row = r.value();
    rows << row.n << ',' << row.d << ',' << row.inits << ',' << to_string(row.flow);
    for (EndClass c : kColumns) rows << ',' << format_number(row.result.fraction(c));
    rows << ',' << row.report.fallback_steps << '\n';
  }
  return write_output(a, [&](std::ostream& o) { o << rows.str(); });
}

}  // namespace flowlab::cli
