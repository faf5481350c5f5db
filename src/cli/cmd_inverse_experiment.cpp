// `flowlab experiment inverse`: every sampler against the exact posterior (core/analysis/inverse_experiment.hpp),
// as CSV rows and two figures: the distance against the measurement noise, and against the steps
// (from noise, or CCDF's shortened runs from A^+ y).
#include <functional>
#include <map>
#include <sstream>

#include "commands.hpp"
#include "common.hpp"
#include "core/runtime/budget.hpp"
#include "core/data/csv.hpp"
#include "core/analysis/inverse_experiment.hpp"
#include "plot/chart.hpp"

namespace flowlab::cli {
namespace {
std::vector<int> int_list(Args& a, const std::string& key, const std::string& fallback) {
  std::vector<int> out;
  for (double v : number_list(a, key, fallback)) {
    if (v != static_cast<int>(v) || v < 1 || v > budget::kMaxSteps) {
      a.fail("--" + key + ": steps are whole numbers from 1 to " + std::to_string(budget::kMaxSteps));
      break;
    }
    out.push_back(static_cast<int>(v));
  }
  return out;
}

std::string label(const InverseRow& r) { return r.method + " · " + r.denoiser; }
}  // namespace

int cmd_inverse_experiment(int argc, char** argv) {
  std::vector<OptionSpec> opts = {
      {"n", "N", "orthogonal points x_n = e_n, d = N (default 3); the triangle is always run too"},
      {"noises", "LIST", "measurement noise levels s (default 0.05,0.1,0.2,0.4,0.8)"},
      {"steps", "LIST", "step counts, from noise and for CCDF (default 10,30,100)"},
      {"measured", "Y", "a fixed measurement y of the first coordinate (default: y = s, one sd off x_1 = 0)"},
      {"sigma-max", "S1", "from noise: the first level (default 3; the closed form falls back to the MMSE above its gap)"},
      {"ccdf-sigma", "S", "CCDF: the estimate (y measured, the prior's mean elsewhere) diffused to this level (default 0.3)"},
      {"samples", "M", "samples per run (default 500)"},
      {"step", "Z", "dps, mcg: the step zeta (default 0.5)"},
      {"bandwidth", "B", "ksmooth's bandwidth (default 0.1)"},
      {"seed", "N", "random seed (default 1)"},
      {"threads", "T", "threads (default: every core; results do not depend on it)"},
      {"out", "O.csv", "write the rows here (default: standard output)"}};
  for (auto& o : figure_options("the distance to the exact posterior against s (orthogonal data, the most steps, from noise)"))
    opts.push_back(o);
  opts.push_back({"steps-plot", "F", "the distance against the steps at the middle noise level: from noise and CCDF"});
  Args a("experiment inverse", "[--n 3] [--noises LIST] [--steps LIST] [--samples 500] [--out O.csv] [--plot F.svg] [--steps-plot F.svg]",
         opts);
  int code = 0;
  if (handle_parse(a, argc, argv, 3, code)) return code;
  InverseExperimentOptions o;
  o.n = a.integer("n", o.n, 2, 64);
  o.noises = number_list(a, "noises", "0.05,0.1,0.2,0.4,0.8");
  for (double s : o.noises)
    if (!(s > 0)) a.fail("--noises: each level must be > 0");
  o.steps = int_list(a, "steps", "10,30,100");
  if (a.has("measured")) o.measured = a.number("measured", 0, -1e6, 1e6);
  o.sigma_max = a.number("sigma-max", o.sigma_max, 1e-6, 1e6);
  o.ccdf_sigma = a.number("ccdf-sigma", o.ccdf_sigma, 1e-6, 1e6);
  o.samples = a.integer("samples", o.samples, 1, 1000000);
  o.step = a.number("step", o.step, 0, 1e6);
  o.bandwidth = a.number("bandwidth", o.bandwidth, 0, 1e6);
  o.seed = a.seed("seed", o.seed);
  o.threads = a.integer("threads", 0, 0, 1024);
  const plot::FigureOptions figure = read_figure_options(a, {"plot", "steps-plot"});
  if (!a.ok()) return usage_error("experiment inverse", a.error());
  if (check_only()) return 0;
  auto rows = inverse_experiment(o);
  if (!rows) return runtime_error("experiment inverse", rows.message());
  std::ostringstream out;
  out << "data,method,denoiser,init,noise,steps,tv,training,virtual,manifold,other,residual\n";
  for (const auto& r : rows.value())
    out << r.data << ',' << r.method << ',' << r.denoiser << ',' << to_string(r.init) << ',' << format_number(r.noise)
        << ',' << r.steps << ',' << format_number(r.tv) << ',' << format_number(r.training) << ','
        << format_number(r.virtual_point) << ',' << format_number(r.manifold) << ',' << format_number(r.other) << ','
        << format_number(r.residual) << '\n';
  int most = 0;
  for (int k : o.steps) most = std::max(most, k);
  const double middle = o.noises[o.noises.size() / 2];
  // A figure of the TV on orthogonal data: one curve per name() of the rows kept, x from x_of.
  const auto figure_of = [&](const std::string& key, const std::string& title, const std::string& xlabel,
                             const std::function<std::string(const InverseRow&)>& name,
                             const std::function<double(const InverseRow&)>& x_of) {
    plot::Chart chart;
    chart.title = title;
    chart.xlabel = xlabel;
    chart.ylabel = "total variation to the exact posterior";
    chart.logx = true;
    chart.ymin = 0, chart.ymax = 1.05;
    std::map<std::string, plot::Series> series;
    std::vector<std::string> order;
    for (const auto& r : rows.value()) {
      const std::string n = r.data == "orthogonal" ? name(r) : "";
      if (n.empty()) continue;
      if (!series.count(n)) order.push_back(n), series[n].label = n;
      series[n].x.push_back(x_of(r)), series[n].y.push_back(r.tv);
    }
    for (const auto& n : order) chart.series.push_back(series[n]);
    return write_figure(a, "experiment inverse", key, chart, figure);
  };
  const std::string size = "(N = d = " + std::to_string(o.n);
  if (a.has("plot"))
    if (int failed = figure_of(
            "plot", "Posterior samplers against the exact posterior " + size + ", y = x₁ + noise)", "measurement noise s",
            [&](const InverseRow& r) {  // the most steps, from noise; ksmooth as the MMSE beyond dps: 8 curves, 8 colours
              const bool kept = r.init == InverseInit::noise && r.steps == most && (r.denoiser != "ksmooth" || r.method == "dps");
              return kept ? label(r) : std::string();
            },
            [](const InverseRow& r) { return r.noise; });
        failed)
      return failed;
  if (a.has("steps-plot"))
    if (int failed = figure_of(
            "steps-plot", "From noise or from an estimate (CCDF): steps needed " + size + ", s = " + format_number(middle) + ")",
            "steps",
            [&](const InverseRow& r) {
              if (r.noise != middle || r.denoiser != "emmse") return std::string();
              return label(r) + (r.init == InverseInit::estimate ? ", CCDF" : ", from noise");
            },
            [](const InverseRow& r) { return static_cast<double>(r.steps); });
        failed)
      return failed;
  return write_output(a, [&](std::ostream& f) { f << out.str(); });
}

}  // namespace flowlab::cli
