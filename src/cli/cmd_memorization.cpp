// `flowlab experiment memorization`: P1's Fig. 3, the fraction of particles that
// end at training points as N grows (d = N), for the score flow and the
// probability flow, with the spread over seeds; CSV rows and a PNG plot.
#include <cmath>
#include <sstream>

#include "commands.hpp"
#include "core/runtime/budget.hpp"
#include "common.hpp"
#include "core/data/csv.hpp"
#include "core/analysis/experiment.hpp"
#include "plot/chart.hpp"

namespace flowlab::cli {

int cmd_memorization(int argc, char** argv) {
  std::vector<OptionSpec> opts = {
      {"n", "A:B", "N from A to B, d = N (default 2:30); or one N"},
      {"seeds", "S", "repeats with seeds F..F+S-1, for the error bars (default 5)"},
      {"seed", "F", "the first seed (default 1); a sweep's cell takes --seeds 1 --seed F"},
      {"inits", "M", "initial particles per run, uniform in the hyperbox (default 200)"},
      {"flows", "LIST", "comma list of score and pf (default score,pf)"},
      {"steps", "K", "flow steps (default 200)"},
      {"threads", "T", "threads (default: every core; results do not depend on it)"},
      {"out", "O.csv", "write the rows here (default: standard output)"}};
  for (auto& o : figure_options("draw the curves into F: .png, .svg or .pdf")) opts.push_back(o);
  Args a("experiment memorization", "[--n 2:30] [--seeds 5] [--inits 200] [--flows score,pf] [--out O.csv] [--plot F.png|.svg|.pdf]",
         opts);
  int code = 0;
  if (handle_parse(a, argc, argv, 3, code)) return code;
  int lo = 2, hi = 30;
  if (a.has("n") && a.str("n").find(':') == std::string::npos) lo = hi = a.integer("n", 2, 1, 512);
  else if (a.has("n") && (!parse_range(a.str("n"), lo, hi) || hi > 512))
    a.fail("--n: expected A:B with 1 <= A <= B <= 512, or one N");
  const std::uint64_t first_seed = a.seed("seed", 1);
  const int seeds = a.integer("seeds", 5, 1, 1000000), inits = a.integer("inits", 200, 1, 10000000), steps = a.integer("steps", 200, 1, static_cast<int>(budget::kMaxSteps));
  const int threads = a.integer("threads", 0, 0, 1024);
  if (seeds < 1 || inits < 1 || steps < 1 || threads < 0) a.fail("--seeds, --inits and --steps must be >= 1, --threads >= 0");
  std::vector<FlowKind> flows;
  {
    std::stringstream list(a.str("flows", "score,pf"));
    std::string item;
    while (std::getline(list, item, ',')) {
      auto k = parse_flow_kind(item);
      if (!k || (k.value() != FlowKind::score && k.value() != FlowKind::pf)) a.fail("--flows: '" + item.substr(0, 80) + "' is not score or pf");
      else flows.push_back(k.value());
    }
  }
  const plot::FigureOptions figure = read_figure_options(a);
  if (!a.ok()) return usage_error("experiment memorization", a.error());
  if (check_only()) return 0;
  std::ostringstream rows;
  rows << "n,flow,seeds,inits,training_mean,training_std,virtual_mean,manifold_mean,other_mean\n";
  plot::Chart chart;
  chart.title = "Memorization vs N (orthogonal data, d = N)";
  chart.xlabel = "N (training points)";
  chart.ylabel = "fraction at training points";
  chart.ymin = 0, chart.ymax = 1;
  for (FlowKind kind : flows) {
    plot::Series series;
    series.label = kind == FlowKind::score ? "score flow" : "probability flow";
    for (int n = lo; n <= hi; ++n) {
      std::vector<double> f[4];
      for (int s = 1; s <= seeds; ++s) {
        OrthogonalExperiment e;
        e.n = n;
        e.inits = inits;
        e.seed = first_seed + static_cast<std::uint64_t>(s - 1);
        e.threads = threads;
        e.flow.kind = kind;
        e.flow.steps = steps;
        e.flow.sigma_max = 0;  // the largest safely feasible level, as in the orthogonal experiment
        e.flow.sigma = 0;
        e.flow.sigma_min = 1e-4;
        e.flow.time = 200;
        auto r = run_orthogonal_experiment(e);
        if (!r) return runtime_error("experiment memorization", "N = " + std::to_string(n) + ": " + r.message());
        const auto& c = r.value().result;
        f[0].push_back(c.fraction(EndClass::training));
        f[1].push_back(c.fraction(EndClass::virtual_point));
        f[2].push_back(c.fraction(EndClass::manifold));
        f[3].push_back(c.fraction(EndClass::other));
      }
      const auto [m, sd] = mean_sd(f[0]);
      rows << n << ',' << to_string(kind) << ',' << seeds << ',' << inits << ',' << format_number(m) << ','
           << format_number(sd) << ',' << format_number(mean_sd(f[1]).mean) << ',' << format_number(mean_sd(f[2]).mean)
           << ',' << format_number(mean_sd(f[3]).mean) << '\n';
      series.x.push_back(n);
      series.y.push_back(m);
      series.err.push_back(sd);
      std::fprintf(stderr, "\rexperiment memorization: %s N = %d", to_string(kind), n);
    }
    chart.series.push_back(series);
  }
  std::fprintf(stderr, "\n");
  if (int failed = write_figure(a, "experiment memorization", "plot", chart, figure); failed) return failed;
  return write_output(a, [&](std::ostream& o) { o << rows.str(); });
}

}  // namespace flowlab::cli
