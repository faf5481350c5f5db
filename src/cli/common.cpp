#include "common.hpp"
#include "commands.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/runtime/budget.hpp"
#include "core/data/csv.hpp"
#include "core/denoisers/minnorm.hpp"
#include "core/denoisers/trained.hpp"
#include "core/analysis/experiment.hpp"

namespace flowlab::cli {
namespace {
constexpr std::size_t kMaxListItems = 10000;  // values in one comma list
}  // namespace

std::vector<OptionSpec> denoiser_options() {
  return {{"denoiser", "NAME",
           "minnorm (closed form), emmse (empirical MMSE), ksmooth (kernel-smoothed score) or trained (needs --model)"},
          {"model", "M.json", "trained: the model written by `flowlab train` (several levels for pf)"},
          {"alpha", "A", "ball radius per unit noise, rho = A*sigma (default sqrt(d))"},
          {"bandwidth", "B", "ksmooth: kernel bandwidth (default 0.1)"},
          {"nodes", "Q", "ksmooth: quadrature points (default 64)"},
          {"fallback", "F", "minnorm where 2*rho reaches a gap: clamp (shrink rho) or emmse (default: fail)"}};
}

std::vector<OptionSpec> flow_options() {
  return {{"flow", "KIND", "score (fixed rho), pf (probability flow ODE), sde (reverse SDE) or langevin"},
          {"rho", "R", "score/langevin: ball radius (sigma = R/alpha)"},
          {"sigma", "S", "score/langevin: noise level (instead of --rho)"},
          {"sigma-max", "S1", "pf/sde: starting noise level (default: largest feasible for minnorm, else the data diameter; above 20000 points twice the largest distance from their mean)"},
          {"sigma-min", "S0", "pf/sde: early-stopping noise level (default sigma-max/1000)"},
          {"steps", "K", "pf/sde: grid steps; score/langevin: steps over --time (default 200)"},
          {"grid", "G", "pf/sde noise grid: edm, geometric or linear (default edm)"},
          {"integrator", "I", "euler, heun, rk4 or adaptive (Dormand-Prince; default heun)"},
          {"time", "T", "score/langevin: flow time (default 200)"},
          {"tol", "E", "score: stop when max |h(y)-y| < E (default 1e-10)"},
          {"seed", "N", "random seed (default 1)"}};
}

std::vector<OptionSpec> data_and_points_options(const std::string& points_help) {
  return {{"data", "D.csv", "training points, one per row"}, {"points", "P.csv", points_help}};
}

Status load_model(Args& a, DenoiserSpec& spec) {
  if (spec.kind != "trained") return Status::ok();
  if (!a.has("model")) return Error{"--denoiser trained needs --model M.json (see `flowlab train`)"};
  auto text = read_input_file(a.str("model"), budget::kMaxModelBytes, "model files");
  if (!text) return Error{text.message()};
  auto m = model_from_json(text.value());
  if (!m) return Error{a.str("model") + ": " + m.message()};
  spec.model = std::make_shared<TrainedModel>(std::move(m).value());
  return Status::ok();
}

std::vector<OptionSpec> training_options() {
  return {{"alpha", "A", "samples uniform in the ball of radius A*sigma (default: Gaussian samples x + sigma z)"},
          {"width", "K", "hidden ReLU units (default 64)"},
          {"samples", "M", "noisy samples per training point (default 100)"},
          {"trainer", "T", "adam (weight decay lambda), auglag (interpolate, minimise the cost; default), "
                           "gd (plain full-batch gradient descent) or sgd (plain minibatch steps)"},
          {"lambda", "L", "adam, gd, sgd: weight decay on the units' a and w (default 1e-4 for adam, 0 for gd and sgd)"},
          {"epochs", "E", "epochs per level (default 10000); an sgd epoch is one pass of minibatches"},
          {"lr", "R", "step size (default 3e-3 for auglag, 1e-2 for adam, 0.05 for gd and sgd)"},
          {"batch", "B", "sgd: samples per step (default 32)"},
          {"resample", "", "fresh samples every epoch instead of a fixed set"},
          {"no-skip", "", "no linear term: V = 0 and c = 0 (the network is its ReLU units only)"}};
}

TrainOptions read_training_options(Args& a) {
  TrainOptions o;
  o.alpha = a.number("alpha", 0.0, 0, 1e6);
  if (a.has("alpha") && !(o.alpha > 0)) a.fail("--alpha must be > 0");
  o.width = a.integer("width", 64, 1, static_cast<int>(budget::kMaxWidth));
  o.samples = a.integer("samples", 100, 1, static_cast<int>(budget::kMaxSamples));
  o.trainer = a.str("trainer", "auglag");
  const bool plain = o.trainer == "gd" || o.trainer == "sgd";
  o.lambda = a.number("lambda", plain ? 0.0 : o.lambda, 0, 1e12);
  o.epochs = a.integer("epochs", 10000, 0, static_cast<int>(budget::kMaxEpochs));
  o.lr = a.number("lr", plain ? 0.05 : o.trainer == "adam" ? 1e-2 : 3e-3, 0, 1e6);
  o.batch = a.integer("batch", o.batch, 1, static_cast<int>(budget::kMaxSamples));
  if (a.has("batch") && o.trainer != "sgd") a.fail("--batch is for --trainer sgd");
  o.resample = a.has("resample");
  o.skip = !a.has("no-skip");
  return o;
}

Result<TrainedModel> train_with_progress(const Eigen::Ref<const Eigen::MatrixXd>& X, const TrainOptions& o,
                                         const std::vector<double>& sigmas, const ShallowNet* start) {
  const int levels = static_cast<int>(sigmas.size());
  auto model = train_levels(X, o, sigmas, [&](int level, Trainer& t) {
    if (t.epoch() % std::max(100, o.epochs / 10 / 100 * 100) != 0 || t.history().empty()) return;
    const EpochReport& r = t.history().back();
    std::fprintf(stderr, "level %d/%d sigma %g  epoch %d/%d  loss %.4g  interpolation %.3g  cost %.5g", level + 1,
                 levels, sigmas[static_cast<std::size_t>(level)], t.epoch(), o.epochs, r.loss, r.interpolation, r.cost);
    if (t.plain_steps())  // the optimizer's side: how close the curvature is to what the step allows
      std::fprintf(stderr, "  sharpness %.4g (2/lr %.4g)  smoothness %.4g", t.sharpness(200, 1e-4).value, 2.0 / o.lr,
                   t.smoothness());
    std::fprintf(stderr, "\n");
  }, start);
  if (model)
    for (std::size_t i = 0; i < model.value().sigmas.size(); ++i)
      std::fprintf(stderr, "trained sigma %g: interpolation error %.3g, cost %.6g%s\n", model.value().sigmas[i],
                   model.value().last[i].interpolation, model.value().last[i].cost,
                   std::isfinite(model.value().sharpness[i])
                       ? (", sharpness " + format_number(model.value().sharpness[i]) + " (2/lr " + format_number(2.0 / o.lr) +
                          "), smoothness " + format_number(model.value().smoothness[i]))
                             .c_str()
                       : "");
  return model;
}

Result<Problem> load_problem(Args& a, DenoiserSpec& spec) {
  if (auto s = load_model(a, spec); !s) return Error{s.message()};
  auto data = load_data(a);
  if (!data) return data.error();
  auto points = load_points(a, data.value().dim());
  if (!points) return points.error();
  auto den = make_denoiser(data.value().points, spec);
  if (!den) return den.error();
  return Problem{std::move(data).value(), std::move(points).value(), std::move(den).value()};
}

Result<Dataset> load_data(Args& a) {
  a.require("data");
  if (!a.ok()) return Error{a.error()};
  return load_dataset_csv(a.str("data"), read_threads(a));
}

Result<Eigen::MatrixXd> load_points(Args& a, Eigen::Index dim) {
  a.require("points");
  if (!a.ok()) return Error{a.error()};
  auto p = read_points_csv(a.str("points"), read_threads(a));
  if (!p) return p.error();
  if (p.value().rows() != dim)
    return Error{a.str("points") + ": points have dimension " + std::to_string(p.value().rows()) +
                 ", but the data has dimension " + std::to_string(dim)};
  return p;
}

bool parse_range(const std::string& s, int& lo, int& hi) {
  std::istringstream in(s);
  char colon = 0;
  return (in >> lo >> colon >> hi) && colon == ':' && in.eof() && 1 <= lo && lo <= hi;
}

std::vector<double> number_list(Args& a, const std::string& key, const std::string& fallback) {
  std::vector<double> out;
  const std::string list = a.str(key, fallback);
  for (std::size_t start = 0; start <= list.size();) {
    std::size_t end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    double v = 0;
    const char* b = list.data() + start;
    if (out.size() >= kMaxListItems) {
      a.fail("--" + key + ": more than " + std::to_string(kMaxListItems) + " values");
      break;
    }
    if (parse_number(b, list.data() + end, v) != NumberParse::ok || !(v >= -1e12 && v <= 1e12))
      a.fail("--" + key + ": '" + list.substr(start, std::min<std::size_t>(end - start, 80)) +
             "' is not a number in [-1e+12, 1e+12]");
    out.push_back(v);
    start = end + 1;
  }
  return out;
}

DenoiserSpec read_denoiser_spec(Args& a) {
  DenoiserSpec s;
  s.kind = a.str("denoiser", "minnorm");
  s.alpha = a.number("alpha", 0.0, 0, 1e6);
  if (a.has("alpha") && !(s.alpha > 0)) a.fail("--alpha must be > 0");
  s.bandwidth = a.number("bandwidth", s.bandwidth, 0, 1e12);
  s.nodes = a.integer("nodes", s.nodes, 2, static_cast<int>(budget::kMaxNodes));
  if (a.has("fallback")) {
    auto f = parse_fallback(a.str("fallback"));
    if (f) s.fallback = f.value();
    else a.fail("--fallback: " + f.message());
  }
  return s;
}

double read_sigma(Args& a, double alpha, double fallback) {
  if (a.has("rho") && a.has("sigma")) a.fail("give either --rho or --sigma, not both");
  if (a.has("sigma")) {
    const double s = a.number("sigma", fallback, 0, 1e12);
    if (!(s > 0)) a.fail("--sigma must be > 0");
    return s;
  }
  if (a.has("rho")) {
    const double r = a.number("rho", fallback * alpha, 0, 1e12);
    if (!(r > 0)) a.fail("--rho must be > 0");
    return r / alpha;
  }
  return fallback;
}

FlowOptions read_flow_options(Args& a, const DenoiserSpec& spec, const Eigen::Ref<const Eigen::MatrixXd>& X,
                              bool score_tol) {
  FlowOptions f;
  auto kind = parse_flow_kind(a.str("flow", "pf"));
  if (kind) f.kind = kind.value();
  else a.fail("--flow: " + kind.message());
  auto integ = parse_integrator(a.str("integrator", "heun"));
  if (integ) f.integrator = integ.value();
  else a.fail("--integrator: " + integ.message());
  auto grid = parse_grid(a.str("grid", "edm"));
  if (grid) f.grid = grid.value();
  else a.fail("--grid: " + grid.message());
  const FlowOptions defaults = default_flow_levels(spec, X);
  f.sigma = read_sigma(a, resolved_alpha(spec, X.rows()), defaults.sigma);
  f.sigma_max = a.number("sigma-max", defaults.sigma_max, 0, 1e12);
  f.sigma_min = a.number("sigma-min", spec.model && spec.model->sigmas.size() > 1 ? defaults.sigma_min : f.sigma_max * 1e-3,
                         0, 1e12);
  if (spec.model && !a.has("sigma") && !a.has("rho")) f.sigma = spec.model->sigmas.front();
  f.steps = a.integer("steps", f.steps, 1, static_cast<int>(budget::kMaxSteps));
  f.time = a.number("time", f.time, 0, 1e12);
  if (score_tol) f.tol = a.number("tol", f.tol, 0, 1e6);
  f.seed = a.seed("seed", f.seed);
  return f;
}

OptionSpec threads_option() {
  return {"threads", "T", "threads over chunks of 512 points (default: every core; the output does not depend on it)"};
}

int read_threads(Args& a) { return a.integer("threads", 0, 0, 1024); }

std::vector<OptionSpec> figure_options(const std::string& plot_help) {
  return {{"plot", "F", plot_help},
          {"plot-size", "WxH", "the figure's size in pixels (PNG) or points (SVG, PDF); default 900x560"},
          {"theme", "T", "the figure's colours: light (default) or dark"}};
}

plot::FigureOptions read_figure_options(Args& a, const std::vector<std::string>& keys) {
  plot::FigureOptions o;
  if (a.has("plot-size")) {
    auto size = plot::parse_figure_size(a.str("plot-size"), o);
    if (size) o = size.value();
    else a.fail("--plot-size: " + size.message());
  }
  if (a.has("theme")) {
    auto theme = plot::parse_theme(a.str("theme"));
    if (theme) o.theme = theme.value();
    else a.fail("--theme: " + theme.message());
  }
  for (const std::string& key : keys) {
    if (!a.has(key)) continue;
    if (!plot::figures_available()) {
      a.fail("--" + key + ": this build cannot draw figures (they need Cairo: use the native "
             "build/native-release/src/cli/flowlab); without --" + key + " the rows are written");
    } else if (auto f = plot::figure_format(a.str(key)); !f) {
      a.fail("--" + key + ": " + f.message());
    }
  }
  return o;
}

int write_figure(Args& a, const std::string& command, const std::string& key, const plot::Chart& chart,
                 const plot::FigureOptions& o) {
  if (!a.has(key)) return 0;
  if (auto s = plot::write_chart(a.str(key), chart, o); !s) return runtime_error(command, s.message());
  return 0;
}

int write_output(Args& a, const std::function<void(std::ostream&)>& write, const std::string& key) {
  if (!a.has(key) || a.str(key) == "-") {  // "-": standard output, as by default
    write(std::cout);
    std::cout.flush();
    return std::cout ? 0 : 1;
  }
  const std::string path = a.str(key);
  // A regular file (or a new one) is written beside itself and renamed into place when whole: a
  // run that is killed or fails leaves the old file or none, never half of one. Anything else
  // (/dev/null, a pipe) is written directly.
  struct stat st{};
  const bool direct = ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode);
  const std::string target = direct ? path : path + ".part-" + std::to_string(::getpid());
  std::ofstream f(target, std::ios::binary);
  if (!f) {
    std::cerr << "flowlab: error: " << path << ": cannot open for writing\n";
    return 1;
  }
  write(f);
  f.close();
  if (!f || (!direct && std::rename(target.c_str(), path.c_str()) != 0)) {
    if (!direct) std::remove(target.c_str());
    std::cerr << "flowlab: error: " << path << ": write failed\n";
    return 1;
  }
  return 0;
}

int usage_error(const std::string& command, const std::string& message) {
  std::cerr << "flowlab " << command << ": error: " << message << "\n(see flowlab " << command << " --help)\n";
  return 2;
}

int runtime_error(const std::string& command, const std::string& message) {
  std::cerr << "flowlab " << command << ": error: " << message << "\n";
  return 1;
}

// Why `path` cannot be written (empty when it can). The write goes to a file beside it, renamed
// into place, so its folder must take a new file too.
std::string unwritable(const std::string& path) {
  if (path == "-") return {};
  struct stat st{};
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return path + ": is a directory; give a file name";
    if (!S_ISREG(st.st_mode)) return ::access(path.c_str(), W_OK) == 0 ? "" : path + ": cannot be written (" + std::strerror(errno) + ")";
    if (::access(path.c_str(), W_OK) != 0) return path + ": cannot be written (" + std::strerror(errno) + ")";
  }
  const auto slash = path.find_last_of('/');
  const std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return path + ": cannot be written (there is no folder " + dir + ")";
  if (::access(dir.c_str(), W_OK) != 0) return path + ": cannot be written (the folder " + dir + " is not writable)";
  return {};
}

bool handle_parse(Args& a, int argc, char** argv, int first, int& exit_code) {
  (void)a.parse(argc, argv, first);
  if (a.has("help")) {
    std::cout << a.help();
    exit_code = 0;
    return true;
  }
  // Every output is checked before any work (an unwritable path is not found after the run), but
  // when a sweep checks its cells' commands before it makes their folders.
  if (check_only()) return false;
  for (const char* key : {"out", "summary", "plot", "sharpness-plot", "grid-plot", "functions"})
    if (a.has(key))
      if (const std::string why = unwritable(a.str(key)); !why.empty()) {
        exit_code = runtime_error(a.command(), "--" + std::string(key) + " " + why);
        return true;
      }
  return false;
}

std::function<void(double)> progress_printer(const std::string& what) {
#ifdef __EMSCRIPTEN__
  (void)what;
  return {};  // Node's stderr cannot be told apart from a terminal here, and '\r' would pile up in logs
#else
  if (!isatty(2)) return {};
  return [what, last = -1](double f) mutable {
    const int pct = static_cast<int>(f * 100);
    if (pct == last) return;
    last = pct;
    std::fprintf(stderr, "\r%s: %3d%%%s", what.c_str(), pct, pct == 100 ? "\n" : "");
  };
#endif
}

MeanSd mean_sd(const std::vector<double>& values) {
  double m = 0, v = 0;
  for (double t : values) m += t;
  m /= static_cast<double>(values.size());
  for (double t : values) v += (t - m) * (t - m);
  return {m, values.size() > 1 ? std::sqrt(v / static_cast<double>(values.size() - 1)) : 0.0};
}

}  // namespace flowlab::cli
