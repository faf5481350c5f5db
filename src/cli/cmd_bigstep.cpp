// `flowlab experiment bigstep`: memorization against the learning rate of plain (S)GD, with the
// sharpness against 2/eta and the smoothness measure per rate (core/analysis/bigstep.hpp); CSV rows and
// two figures: the fraction at training points against eta, and the sharpness against eta.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "commands.hpp"
#include "common.hpp"
#include "core/analysis/bigstep.hpp"
#include "core/data/csv.hpp"
#include "core/networks/hessian.hpp"
#include "plot/chart.hpp"

namespace flowlab::cli {
namespace {
std::string cell(double v) { return std::isfinite(v) ? format_number(v) : ""; }
}  // namespace

int cmd_bigstep(int argc, char** argv) {
  std::vector<OptionSpec> opts = {
      {"data", "LIST", "1d (N points evenly spaced in [-1, 1]), orthogonal (x_n = e_n, d = N) or both (default 1d,orthogonal)"},
      {"n", "N", "training points (default 5 for 1d, 3 for orthogonal)"},
      {"lr", "LIST", "learning rates, a comma list (default 0.005,0.01,0.02,0.04,0.06,0.08,0.1,0.15)"},
      {"trainer", "T", "gd (full batch, default) or sgd"},
      {"batch", "B", "sgd: samples per step (default 32)"},
      {"time", "T", "training time eta * epochs per level, the same for every rate (default 600)"},
      {"max-epochs", "E", "at most this many epochs per level (default 200000)"},
      {"sigmas", "LIST", "the noise levels, decreasing: one network each; the flow runs from the first to the last "
                         "(default 0.5,0.25,0.12,0.06,0.03)"},
      {"width", "K", "hidden ReLU units (default 64)"},
      {"samples", "M", "noisy samples per training point (default 50)"},
      {"lambda", "L", "weight decay (default 0)"},
      {"inits", "P", "particles, from the data noised at the first level (default 400)"},
      {"steps", "S", "probability-flow steps (default 200)"},
      {"tol", "TAU", "classification tolerance (default 0.2)"},
      {"seeds", "S", "repeats with seeds F..F+S-1, for the error bars (default 1)"},
      {"seed", "F", "the first seed (default 1)"},
      {"threads", "T", "threads over the (rate, seed) trainings (default: every core; results do not depend on it)"},
      {"out", "O.csv", "write the rows here (default: standard output)"}};
  for (auto& o : figure_options("the fraction at training points against eta, min-norm and MMSE as the two ends"))
    opts.push_back(o);
  opts.push_back({"sharpness-plot", "F", "the sharpness (largest over the levels) against eta, with 2/eta"});
  Args a("experiment bigstep",
         "[--data 1d,orthogonal] [--n N] [--lr LIST] [--trainer gd|sgd] [--time T] [--seeds S] [--out O.csv] "
         "[--plot F.svg] [--sharpness-plot F.svg]",
         opts);
  int code = 0;
  if (handle_parse(a, argc, argv, 3, code)) return code;
  BigStepOptions o;
  std::vector<std::string> kinds;
  {
    std::stringstream list(a.str("data", "1d,orthogonal"));
    std::string item;
    while (std::getline(list, item, ','))
      if (item != "1d" && item != "orthogonal") a.fail("--data: '" + item.substr(0, 40) + "' is not 1d or orthogonal");
      else if (std::find(kinds.begin(), kinds.end(), item) == kinds.end()) kinds.push_back(item);
    if (kinds.empty()) a.fail("--data: give 1d, orthogonal or both");
  }
  const int n_given = a.has("n") ? a.integer("n", 5, 2, 64) : 0;
  o.rates = number_list(a, "lr", "0.005,0.01,0.02,0.04,0.06,0.08,0.1,0.15");
  o.trainer = a.str("trainer", "gd");
  o.batch = a.integer("batch", o.batch, 1, 1 << 24);
  if (a.has("batch") && o.trainer != "sgd") a.fail("--batch is for --trainer sgd");
  o.time = a.number("time", o.time, 1e-9, 1e12);
  o.max_epochs = a.integer("max-epochs", o.max_epochs, 1, 100000000);
  o.sigmas = number_list(a, "sigmas", "0.5,0.25,0.12,0.06,0.03");
  o.width = a.integer("width", o.width, 1, 4096);
  o.samples = a.integer("samples", o.samples, 1, 1 << 20);
  o.lambda = a.number("lambda", o.lambda, 0, 1e12);
  o.inits = a.integer("inits", o.inits, 1, 10000000);
  o.steps = a.integer("steps", o.steps, 1, 100000);
  o.tol = a.number("tol", o.tol, 1e-6, 0.49);
  o.seeds = a.integer("seeds", o.seeds, 1, 1000);
  o.seed = a.seed("seed", o.seed);
  o.threads = a.integer("threads", 0, 0, 1024);
  const plot::FigureOptions figure = read_figure_options(a, {"plot", "sharpness-plot"});
  std::vector<BigStepOptions> runs;
  for (const auto& kind : kinds) {
    BigStepOptions k = o;
    k.data = kind;
    k.n = n_given > 0 ? n_given : kind == "orthogonal" ? 3 : 5;
    if (a.ok())
      if (auto s = validate(k); !s) a.fail(s.message());
    runs.push_back(k);
  }
  if (!a.ok()) return usage_error("experiment bigstep", a.error());
  if (check_only()) return 0;
  std::ostringstream out;
  out << "data,denoiser,seed,lr,two_over_lr,epochs,status,loss,sharpness,max_sharpness,smoothness,smoothness_bound,"
         "training,virtual,apex,manifold,other\n";
  plot::Chart chart, sharpness;
  chart.title = "Memorization against the learning rate (" + o.trainer + ")";
  chart.xlabel = sharpness.xlabel = "learning rate η";
  chart.ylabel = "fraction at training points";
  chart.ymin = 0, chart.ymax = 1;
  chart.logx = sharpness.logx = true;
  sharpness.title = "Sharpness at the end of training against 2/η (" + o.trainer + ")";
  sharpness.ylabel = "λmax of the loss's Hessian";
  for (const BigStepOptions& k : runs) {
    const std::string where = k.data == "1d" ? std::to_string(k.n) + " points in 1-D" : "orthogonal, N = d = " + std::to_string(k.n);
    auto rows = run_bigstep(k, [&where](int done, int total) {
      std::fprintf(stderr, "\rexperiment bigstep (%s): %d/%d trainings", where.c_str(), done, total);
      if (done == total) std::fprintf(stderr, "\n");
    });
    if (!rows) return runtime_error("experiment bigstep", where + ": " + rows.message());
    std::map<double, std::vector<double>> memorized, sharp;
    std::map<std::string, std::vector<double>> ends;
    for (const auto& r : rows.value()) {
      const bool trained = r.denoiser == "trained";
      out << k.data << ',' << r.denoiser << ',' << r.seed << ',' << cell(r.lr) << ',' << (trained ? cell(2.0 / r.lr) : "")
          << ',' << (trained ? std::to_string(r.epochs) : "") << ',' << r.status << ',' << cell(r.loss) << ','
          << cell(r.sharpness) << ',' << cell(r.max_sharpness) << ',' << cell(r.smoothness) << ','
          << (trained ? cell(smoothness_bound(r.lr)) : "") << ',' << cell(r.training) << ',' << cell(r.virtual_point) << ','
          << cell(r.apex) << ',' << cell(r.manifold) << ',' << cell(r.other) << '\n';
      if (r.status != "ok") continue;
      if (trained) memorized[r.lr].push_back(r.training), sharp[r.lr].push_back(r.max_sharpness);
      else ends[r.denoiser].push_back(r.training);
    }
    if (memorized.empty()) continue;  // every rate diverged: nothing to draw for this data
    plot::Series net, s;
    net.label = where + ": network (mean ± sd over seeds)";
    for (const auto& [lr, v] : memorized) {
      const MeanSd m = mean_sd(v);
      net.x.push_back(lr), net.y.push_back(m.mean), net.err.push_back(m.sd);
    }
    chart.series.push_back(net);
    for (const auto& [name, v] : ends) {  // the two ends as flat lines across the rates
      plot::Series end;
      end.label = where + ": " + (name == "minnorm" ? "min-norm closed form" : "empirical MMSE");
      end.x = {memorized.begin()->first, memorized.rbegin()->first};
      const double level = mean_sd(v).mean;
      end.y = {level, level};
      end.markers = false;
      chart.series.push_back(end);
    }
    s.label = where + ": sharpness, largest over the levels";
    for (const auto& [lr, v] : sharp) {
      const MeanSd m = mean_sd(v);
      s.x.push_back(lr), s.y.push_back(m.mean), s.err.push_back(m.sd);
    }
    sharpness.series.push_back(s);
  }
  double top = 0;  // 2/η runs far above the curves at small η: the axis follows the curves, the line is cut
  for (const auto& s : sharpness.series)
    for (std::size_t i = 0; i < s.y.size(); ++i) top = std::max(top, s.y[i] + s.err[i]);
  sharpness.ymin = 0, sharpness.ymax = top > 0 ? 1.6 * top : 1.0;
  plot::Series bound;
  bound.label = "2/η: the most gradient descent can hold";
  bound.markers = false;
  bound.x = o.rates;
  std::sort(bound.x.begin(), bound.x.end());
  for (double lr : bound.x) bound.y.push_back(2.0 / lr);
  sharpness.series.push_back(bound);
  if (a.has("plot") && !chart.series.empty())
    if (int failed = write_figure(a, "experiment bigstep", "plot", chart, figure); failed) return failed;
  if (a.has("sharpness-plot") && sharpness.series.size() > 1)
    if (int failed = write_figure(a, "experiment bigstep", "sharpness-plot", sharpness, figure); failed) return failed;
  return write_output(a, [&](std::ostream& os) { os << out.str(); });
}

}  // namespace flowlab::cli
