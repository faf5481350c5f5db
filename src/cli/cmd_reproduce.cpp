// The reproductions as `flowlab experiment NAME`: stationary, flows, denoiser1d,
// smoothing. Each writes CSV rows (standard output or --out) and, with --plot,
// the figure (PNG, SVG or PDF). The numbers come from core/analysis/reproductions.hpp.
#include <cmath>
#include <cstdio>
#include <optional>
#include <sstream>

#include "commands.hpp"
#include "core/runtime/budget.hpp"
#include "common.hpp"
#include "core/data/csv.hpp"
#include "core/data/dataset.hpp"
#include "core/denoisers/minnorm.hpp"
#include "core/analysis/reproductions.hpp"
#include "core/denoisers/trained.hpp"
#include "plot/chart.hpp"

namespace flowlab::cli {
namespace {
int finish(Args& a, const char* name, const std::string& rows, const plot::Chart& chart,
           const plot::FigureOptions& figure) {
  if (int failed = write_figure(a, name, "plot", chart, figure); failed) return failed;
  return write_output(a, [&](std::ostream& o) { o << rows; });
}

const OptionSpec kOut = {"out", "O.csv", "write the rows here (default: standard output)"};
const std::vector<OptionSpec> kFigure = figure_options();
std::vector<OptionSpec> joined(std::vector<OptionSpec> a, const std::vector<OptionSpec>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}
const OptionSpec kThreads = {"threads", "T", "threads (default: every core; results do not depend on it)"};
const OptionSpec kSeed = {"seed", "N", "random seed (default 1)"};

// The network P1 counts stable sums of: --model (trained on orthogonal data), or --train here.
Result<std::shared_ptr<const TrainedModel>> stationary_network(Args& a, int n, double sigma, std::uint64_t seed) {
  if (a.has("model")) {
    DenoiserSpec spec{"trained"};
    if (auto s = load_model(a, spec); !s) return Error{s.message()};
    if (spec.model->nets.front().W.cols() != n)
      return Error{a.str("model") + ": trained in d = " + std::to_string(spec.model->nets.front().W.cols()) +
                   ", the count needs d = N = " + std::to_string(n) + " (give --n)"};
    return std::shared_ptr<const TrainedModel>(spec.model);
  }
  TrainOptions o = read_training_options(a);
  o.sigma = sigma;
  o.seed = seed;
  // --start closed: from the closed form's own network (2 units per point), to see whether
  // training keeps it or finds a cheaper interpolant.
  const Eigen::MatrixXd X = Eigen::MatrixXd::Identity(n, n);
  std::optional<ShallowNet> start;
  const std::string from = a.str("start", "random");
  if (from == "closed") {
    auto closed = MinNormDenoiser::create(X, default_alpha(n));
    if (!closed) return closed.error();
    start = closed.value().to_network(closed.value().alpha() * sigma);  // --no-skip: the trainer zeroes V, c
    o.width = static_cast<int>(start->width());
  } else if (from != "random") {
    return Error{"--start must be random or closed (got " + from + ")"};
  }
  if (auto s = validate(o); !s) return Error{s.message()};
  auto model = train_with_progress(X, o, {sigma}, start ? &*start : nullptr);
  if (!model) return model.error();
  return std::shared_ptr<const TrainedModel>(std::make_shared<TrainedModel>(std::move(model).value()));
}

// What --train would read later, checked now (sweep plan's check-only mode).
int check_stationary_training(Args& a) {
  if (a.has("train")) {
    (void)a.number("sigma", 1, 1e-300, 1e12);
    TrainOptions o = read_training_options(a);
    o.sigma = 1;
    if (const std::string from = a.str("start", "random"); from != "random" && from != "closed")
      a.fail("--start must be random or closed (got " + from.substr(0, 80) + ")");
    if (a.ok())
      if (auto s = validate(o); !s) a.fail(s.message());
  }
  return a.ok() ? 0 : usage_error("experiment stationary", a.error());
}

int stationary(int argc, char** argv) {
  std::vector<OptionSpec> opts = {
      {"n", "N", "orthogonal points x_n = e_n, d = N (default 30)"},
      {"max-size", "K", "subset sums of 1..K points (default 4)"},
      {"perturbation", "E", "uniform perturbation of each coordinate, < 0.25 (default 0.02: inside a trained network's interpolated balls at d = 30)"},
      {"model", "M.json", "also count for this trained network (flowlab train on the N orthogonal points)"},
      {"train", "", "also count for a network trained here (the options below; default auglag)"},
      {"sigma", "S", "the trained network's noise level (default: the model's last level, or 1/(4 sqrt N))"},
      {"start", "FROM", "--train from random weights (default) or from the closed form's network (closed; K = 2N)"},
      {"save-model", "M.json", "--train: keep the network (for --model, e.g. with another --perturbation)"}};
  for (auto& o : training_options()) opts.push_back(o);
  for (const auto& o : {kThreads, kSeed, kOut}) opts.push_back(o);
  opts.insert(opts.end(), kFigure.begin(), kFigure.end());
  Args a("experiment stationary",
         "[--n 30] [--max-size 4] [--perturbation 0.02] [--model M.json | --train [training options] [--save-model M.json]] "
         "[--out O.csv] [--plot F.png|.svg|.pdf]",
         opts);
  int code = 0;
  if (handle_parse(a, argc, argv, 3, code)) return code;
  StationaryOptions o;
  const int n = a.integer("n", 30, 1, 4096);
  o.max_size = a.integer("max-size", 4, 1, 64);
  o.perturbation = a.number("perturbation", 0.02, 0, 1e6);
  o.seed = a.seed("seed", 1);
  o.threads = a.integer("threads", 0, 0, 1024);
  if (a.has("model") && a.has("train")) a.fail("give --model or --train, not both");
  if (a.has("start") && !a.has("train")) a.fail("--start goes with --train");
  if (a.has("save-model") && !a.has("train")) a.fail("--save-model goes with --train");
  const plot::FigureOptions figure = read_figure_options(a);  // a bad --plot fails now, not after the work
  if (!a.ok()) return usage_error("experiment stationary", a.error());
  if (check_only()) return check_stationary_training(a);
  struct Counted {
    std::string name;
    std::vector<StabilityRow> rows;
  };
  std::vector<Counted> counts;
  auto closed = stationary_points(n, o);
  if (!closed) return runtime_error("experiment stationary", closed.message());
  counts.push_back({"minnorm", closed.value()});
  if (a.has("model") || a.has("train")) {
    const double sigma0 = a.number("sigma", stationary_sigma(n), 1e-300, 1e12);
    auto model = stationary_network(a, n, sigma0, o.seed);
    if (!model) return runtime_error("experiment stationary", model.message());
    if (a.has("save-model")) {  // before counting: minutes of training are not lost to a later error
      const std::string json = to_json(*model.value());
      if (int c = write_output(a, [&](std::ostream& f) { f << json; }, "save-model"); c != 0) return c;
    }
    const double sigma = a.has("sigma") ? sigma0 : model.value()->sigmas.back();
    auto rows = stationary_points(TrainedDenoiser(model.value()), sigma, o);
    if (!rows) return runtime_error("experiment stationary", rows.message());
    counts.push_back({"trained", rows.value()});
  }
  std::ostringstream out;
  out << "denoiser,size,subsets,stable,fraction\n";
  plot::Chart chart;
  chart.title = "Stable subset sums (N = d = " + std::to_string(n) + ")";
  chart.xlabel = "points in the sum";
  chart.ylabel = "fraction stable";
  chart.ymin = 0, chart.ymax = 1.05;
  for (const auto& c : counts) {
    plot::Series s;
    s.label = c.name == "minnorm" ? "closed form" : "trained network";
    for (const auto& r : c.rows) {
      if (r.diverged)
        std::fprintf(stderr, "experiment stationary: %s, sums of %d: some score flows diverged (counted as unstable)\n",
                     c.name.c_str(), r.size);
      const double f = static_cast<double>(r.stable) / static_cast<double>(r.subsets);
      out << c.name << ',' << r.size << ',' << r.subsets << ',' << r.stable << ',' << format_number(f) << '\n';
      s.x.push_back(r.size), s.y.push_back(f);
    }
    chart.series.push_back(s);
  }
  return finish(a, "experiment stationary", out.str(), chart, figure);
}

int flows(int argc, char** argv) {
  Args a("experiment flows", "[--n 30] [--inits 500] [--sigma-min 1e-4,1e-3,1e-2] [--steps 200] [--out O.csv] [--plot F.png|.svg|.pdf]",
         joined({{"n", "N", "orthogonal points, d = N (default 30)"},
          {"inits", "M", "initial points uniform in the hyperbox (default 500)"},
          {"sigma-min", "LIST", "the probability flow's early-stopping levels (default 1e-4,1e-3,1e-2)"},
          {"steps", "K", "probability-flow steps (default 200; the score flow takes at least 400, dt <= 1/2)"}, kThreads, kSeed, kOut}, kFigure));
  int code = 0;
  if (handle_parse(a, argc, argv, 3, code)) return code;
  const int n = a.integer("n", 30, 1, 4096), inits = a.integer("inits", 500, 1, 10000000),
            steps = a.integer("steps", 200, 1, static_cast<int>(budget::kMaxSteps));
  const auto smins = number_list(a, "sigma-min", "1e-4,1e-3,1e-2");
  const auto seed = a.seed("seed", 1);
  const int threads = a.integer("threads", 0, 0, 1024);
  const plot::FigureOptions figure = read_figure_options(a);  // a bad --plot fails now, not after the work
  if (!a.ok()) return usage_error("experiment flows", a.error());
  if (check_only()) return 0;
  auto rows = compare_flows(n, inits, smins, steps, seed, threads);
  if (!rows) return runtime_error("experiment flows", rows.message());
  std::ostringstream out;
  out << "flow,sigma_min,training,virtual,apex,manifold,other\n";
  const EndClass cls[] = {EndClass::training, EndClass::virtual_point, EndClass::apex, EndClass::manifold, EndClass::other};
  plot::Chart chart;
  chart.title = "Where particles end: score flow vs probability flow (N = d = " + std::to_string(n) + ")";
  chart.xlabel = "σ_min, where the probability flow stops";
  chart.ylabel = "fraction of particles";
  chart.logx = true;
  chart.ymin = 0, chart.ymax = 1.05;
  std::vector<plot::Series> pf(5), score(5);
  for (int c = 0; c < 5; ++c) {
    pf[static_cast<std::size_t>(c)].label = std::string("pf ") + to_string(cls[c]);
    score[static_cast<std::size_t>(c)].label = std::string("score ") + to_string(cls[c]);
    score[static_cast<std::size_t>(c)].markers = false;
  }
  for (const auto& r : rows.value()) {
    out << r.flow << ',' << format_number(r.sigma_min);
    for (int c = 0; c < 5; ++c) out << ',' << format_number(r.result.fraction(cls[c]));
    out << '\n';
    if (r.sigma_min > 0)
      for (int c = 0; c < 5; ++c) {
        pf[static_cast<std::size_t>(c)].x.push_back(r.sigma_min);
        pf[static_cast<std::size_t>(c)].y.push_back(r.result.fraction(cls[c]));
      }
  }
  const auto& sc = rows.value().front().result;  // the score flow, drawn flat across the sigma range
  for (int c : {1, 3}) {  // virtual and manifold carry the contrast; training too
    auto& s = score[static_cast<std::size_t>(c)];
    if (!pf[0].x.empty()) s.x = {pf[0].x.front(), pf[0].x.back()}, s.y = {sc.fraction(cls[c]), sc.fraction(cls[c])};
  }
  for (int c : {0, 1, 3}) chart.series.push_back(pf[static_cast<std::size_t>(c)]);
  for (int c : {1, 3}) chart.series.push_back(score[static_cast<std::size_t>(c)]);
  return finish(a, "experiment flows", out.str(), chart, figure);
}

int denoiser1d(int argc, char** argv) {
  Args a("experiment denoiser1d", "[--n 6] [--sigmas 0.2,...] [--heldout 2000] [--out O.csv] [--plot F.png|.svg|.pdf] [--functions F.svg]",
         joined({{"n", "N", "1-D training points with gaps in [1, 2] (default 6)"},
          {"sigmas", "LIST", "noise levels for the test error (default 0.2,0.1,0.05,0.02,0.01,0.005)"},
          {"heldout", "H", "held-out points between the first and the last training point (default 2000)"},
          {"functions", "F", "also draw h(y) for both denoisers at the first level of --sigmas (.png, .svg or .pdf)"}, kSeed, kOut}, kFigure));
  int code = 0;
  if (handle_parse(a, argc, argv, 3, code)) return code;
  const int n = a.integer("n", 6, 1, 1000000), heldout = a.integer("heldout", 2000, 1, 100000000);
  const auto sigmas = number_list(a, "sigmas", "0.2,0.1,0.05,0.02,0.01,0.005");
  const auto seed = a.seed("seed", 1);
  const plot::FigureOptions figure = read_figure_options(a, {"plot", "functions"});
  if (!a.ok()) return usage_error("experiment denoiser1d", a.error());
  if (check_only()) return 0;
  auto data = make_points_1d({n, 1.0, 2.0, seed});
  if (!data) return runtime_error("experiment denoiser1d", data.message());
  const Eigen::MatrixXd& X = data.value().points;
  auto err = test_error_1d(X, sigmas, heldout, seed);
  if (!err) return runtime_error("experiment denoiser1d", err.message());
  std::ostringstream out;
  out << "sigma,minnorm_error,emmse_error\n";
  plot::Chart chart;
  chart.title = "Test error on held-out points, 1-D (P2)";
  chart.xlabel = "noise level σ";
  chart.ylabel = "mean |h(x + σz) − x|²";
  chart.logx = true;
  plot::Series mn, em;
  mn.label = "min-norm", em.label = "empirical MMSE";
  for (const auto& r : err.value()) {
    out << format_number(r.sigma) << ',' << format_number(r.minnorm) << ',' << format_number(r.emmse) << '\n';
    mn.x.push_back(r.sigma), mn.y.push_back(r.minnorm), em.x.push_back(r.sigma), em.y.push_back(r.emmse);
  }
  chart.series = {mn, em};
  if (a.has("functions")) {
    const double level = sigmas.empty() ? 0.2 : sigmas.front();
    auto c = denoiser_curves_1d(X, level, 600);
    if (!c) return runtime_error("experiment denoiser1d", c.message());
    plot::Chart f;
    f.title = "h(y): min-norm vs empirical MMSE (P2), σ = " + format_number(level);
    f.xlabel = "y";
    f.ylabel = "h(y)";
    plot::Series a1, a2, pts;
    a1.label = "min-norm", a2.label = "empirical MMSE", pts.label = "training points";
    a1.markers = a2.markers = false, pts.line = false;
    a1.x.assign(c.value().y.data(), c.value().y.data() + c.value().y.size());
    a2.x = a1.x;
    a1.y.assign(c.value().minnorm.data(), c.value().minnorm.data() + c.value().minnorm.size());
    a2.y.assign(c.value().emmse.data(), c.value().emmse.data() + c.value().emmse.size());
    pts.x.assign(X.data(), X.data() + X.size());
    pts.y = pts.x;
    f.series = {a1, a2, pts};
    if (int failed = write_figure(a, "experiment denoiser1d", "functions", f, figure); failed) return failed;
  }
  return finish(a, "experiment denoiser1d", out.str(), chart, figure);
}

int smoothing(int argc, char** argv) {
  Args a("experiment smoothing", "[--n 5] [--inits 300] [--bandwidths 0,0.05,...] [--nodes 16] [--out O.csv] [--plot F.png|.svg|.pdf]",
         joined({{"n", "N", "orthogonal points, d = N (default 5)"},
          {"inits", "M", "initial points, Gaussian around the data mean (default 300)"},
          {"bandwidths", "LIST", "kernel bandwidths, 0 = the empirical score (default 0,0.05,0.1,0.2,0.3,0.5)"},
          {"nodes", "Q", "quadrature nodes of the smoothed score (default 16)"},
          {"steps", "K", "probability-flow steps from sigma 1 to 1e-3 (default 100)"}, kThreads, kSeed, kOut}, kFigure));
  int code = 0;
  if (handle_parse(a, argc, argv, 3, code)) return code;
  const int n = a.integer("n", 5, 1, 4096), inits = a.integer("inits", 300, 1, 10000000),
            nodes = a.integer("nodes", 16, 2, static_cast<int>(budget::kMaxNodes)),
            steps = a.integer("steps", 100, 1, static_cast<int>(budget::kMaxSteps));
  const auto bws = number_list(a, "bandwidths", "0,0.05,0.1,0.2,0.3,0.5");
  const auto seed = a.seed("seed", 1);
  const int threads = a.integer("threads", 0, 0, 1024);
  const plot::FigureOptions figure = read_figure_options(a);  // a bad --plot fails now, not after the work
  if (!a.ok()) return usage_error("experiment smoothing", a.error());
  if (check_only()) return 0;
  auto rows = smoothing_memorization(n, inits, bws, nodes, steps, seed, threads);
  if (!rows) return runtime_error("experiment smoothing", rows.message());
  std::ostringstream out;
  out << "bandwidth,training,virtual,manifold,other\n";
  plot::Chart chart;
  chart.title = "Kernel-smoothed score: memorization vs bandwidth (N = d = " + std::to_string(n) + ")";
  chart.xlabel = "kernel bandwidth b";
  chart.ylabel = "fraction of particles";
  chart.ymin = 0, chart.ymax = 1.05;
  plot::Series tr, vi, ma;
  tr.label = "training points", vi.label = "virtual points", ma.label = "manifold";
  for (const auto& r : rows.value()) {
    const auto& c = r.result;
    out << format_number(r.bandwidth) << ',' << format_number(c.fraction(EndClass::training)) << ','
        << format_number(c.fraction(EndClass::virtual_point)) << ',' << format_number(c.fraction(EndClass::manifold)) << ','
        << format_number(c.fraction(EndClass::other)) << '\n';
    for (auto* s : {&tr, &vi, &ma}) s->x.push_back(r.bandwidth);
    tr.y.push_back(c.fraction(EndClass::training));
    vi.y.push_back(c.fraction(EndClass::virtual_point));
    ma.y.push_back(c.fraction(EndClass::manifold));
  }
  chart.series = {tr, vi, ma};
  return finish(a, "experiment smoothing", out.str(), chart, figure);
}
}  // namespace

int cmd_reproduce(int argc, char** argv) {
  const std::string name = argv[2];
  if (name == "stationary") return stationary(argc, argv);
  if (name == "flows") return flows(argc, argv);
  if (name == "denoiser1d") return denoiser1d(argc, argv);
  return smoothing(argc, argv);
}

}  // namespace flowlab::cli
