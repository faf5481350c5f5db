#include <algorithm>
#include <iostream>

#include "commands.hpp"
#include "common.hpp"
#include "core/data/csv.hpp"
#include "core/analysis/experiment.hpp"

namespace flowlab::cli {

int cmd_flow(int argc, char** argv) {
  auto opts = data_and_points_options("initial particles, one per row");
  for (auto& o : denoiser_options()) opts.push_back(o);
  for (auto& o : flow_options()) opts.push_back(o);
  opts.push_back(threads_option());
  opts.push_back({"out", "O.csv", "write the endpoints here (default: standard output)"});
  Args a("flow", "--data D.csv --points P.csv --denoiser NAME --flow {score,pf,sde} [options] [--out O.csv]", opts);
  int code = 0;
  if (handle_parse(a, argc, argv, 2, code)) return code;
  DenoiserSpec spec = read_denoiser_spec(a);
  const int threads = read_threads(a);
  a.require("data");
  a.require("points");
  if (!a.ok()) return usage_error("flow", a.error());
  auto p = load_problem(a, spec);
  if (!p) return runtime_error("flow", p.message());
  auto& Y = p.value().points;
  const FlowOptions opt = read_flow_options(a, spec, p.value().data.points);
  if (!a.ok()) return usage_error("flow", a.error());
  // The options checked once, for a chunk's worth of particles; then the chunks on every thread
  // (the fused kernel where it applies: pf, euler or heun, the closed form or the MMSE).
  if (auto check = Flow::create(*p.value().denoiser, opt, std::min<Eigen::Index>(Y.cols(), kExperimentChunk)); !check)
    return runtime_error("flow", check.message());
  auto run = run_in_chunks(*p.value().denoiser, opt, Y, threads, progress_printer("flow"));
  if (!run) return runtime_error("flow", run.message());  // a chunk that diverged, too: its message
  const FlowReport& r = run.value();
  std::cerr << "flow: " << to_string(opt.kind) << ", " << r.steps << " steps, " << r.evaluations
            << " denoiser evaluations, " << r.fallback_steps << " fallback steps"
            << (opt.kind == FlowKind::score ? (r.converged ? ", converged" : ", not converged by --time") : "")
            << "\n";
  return write_output(a, [&](std::ostream& o) { write_points_csv(o, Y, read_threads(a)); });
}

}  // namespace flowlab::cli
