// `flowlab experiment digits`: memorization on handwritten digits (d = 64) against N, for the
// empirical MMSE denoiser and the kernel-smoothed score; CSV rows, each row's time on standard
// error, and the curves as a figure.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "commands.hpp"
#include "common.hpp"
#include "core/analysis/digits_experiment.hpp"
#include "core/data/csv.hpp"
#include "core/data/digits.hpp"
#include "core/runtime/budget.hpp"
#include "plot/chart.hpp"
#include "plot/image_grid.hpp"

namespace flowlab::cli {
namespace {
// For the largest N, 16 samples of each row, each beside its nearest training image, framed
// orange when memorized and blue when novel (the page's colours), captioned with the ratio.
plot::ImageGrid sample_grid(const std::vector<DigitsRow>& rows, double ratio) {
  constexpr std::uint32_t kMemorized = 0xff9f1c, kNovel = 0x5aaaff;
  plot::ImageGrid g;
  int largest = 0;
  for (const DigitsRow& r : rows) largest = std::max(largest, r.n);
  g.title = "N = " + std::to_string(largest) + ": samples (left of each pair) beside their nearest training image";
  char bound[32];
  std::snprintf(bound, sizeof bound, "%.3g", ratio);
  g.legend = {{std::string("memorized: ratio < ") + bound + " (the caption)", kMemorized}, {"novel", kNovel}};
  for (const DigitsRow& r : rows) {
    if (r.n != largest) continue;
    const std::string who = r.denoiser == "ksmooth" ? "b " + format_number(r.bandwidth) : r.denoiser == "trained" ? "net" : "MMSE";
    for (Eigen::Index j = 0; j < std::min<Eigen::Index>(16, r.ends.cols()); ++j) {
      plot::ImagePair p;
      p.sample.assign(r.ends.col(j).data(), r.ends.col(j).data() + r.ends.rows());
      const Eigen::VectorXd near = r.data.col(r.nearest.nearest[static_cast<std::size_t>(j)]);
      p.nearest.assign(near.data(), near.data() + near.size());
      const double q = r.nearest.ratio[static_cast<std::size_t>(j)];
      p.frame = q < ratio ? kMemorized : kNovel;
      char caption[48];
      std::snprintf(caption, sizeof caption, "%s: %.2f", who.c_str(), q);
      p.caption = caption;
      g.pairs.push_back(std::move(p));
    }
  }
  return g;
}
}  // namespace

int cmd_digits(int argc, char** argv) {
  std::vector<OptionSpec> opts = {
      {"n", "LIST", "training images, e.g. 20,100,500 (default 20,100; each 2..1797)"},
      {"denoiser", "LIST", "emmse, ksmooth and/or trained (default emmse,ksmooth)"},
      {"bandwidth", "LIST", "ksmooth: kernel bandwidths, one row each (default 0.5)"},
      {"samples", "P", "samples drawn from noise per row (default 200)"},
      {"flow", "KIND", "pf (default) or sde, from sigma 3 to 0.01 in 100 steps"},
      {"classes", "LIST", "the digit labels to draw the images from (default all ten)"},
      {"seed", "S", "the images drawn and the noise (default 1)"},
      {"threads", "T", "threads (default: every core; results do not depend on it)"},
      {"levels", "L", "trained: networks, one per noise level geometric from 3 to 0.01 (default 6)"},
      {"width", "K", "trained: hidden ReLU units (default 64)"},
      {"train-samples", "M", "trained: noisy samples per training image and level (default 20)"},
      {"epochs", "E", "trained: epochs per level (default 1000)"},
      {"trainer", "T", "trained: auglag (the min-norm interpolant, as flowlab train; default), adam, gd or sgd"},
      {"grid-plot", "G", "draw, for the largest N, 16 samples of each denoiser beside their nearest training "
                         "images, framed by class, into G (.png, .svg or .pdf)"},
      {"out", "O.csv", "write the rows here (default: standard output)"}};
  for (auto& o : figure_options("draw memorization against N, one line per denoiser, into F")) opts.push_back(o);
  Args a("experiment digits", "--n LIST --denoiser LIST [--bandwidth LIST] [--samples P] [--flow pf|sde] [--seed S] [--threads T] "
                              "[--plot F] [--grid-plot G]",
         opts);
  int code = 0;
  if (handle_parse(a, argc, argv, 3, code)) return code;
  DigitsExperiment e;
  e.ns.clear();
  for (double n : number_list(a, "n", "20,100")) {
    if (!(n >= 2 && n <= kDigitRows) || n != std::floor(n)) a.fail("--n: each N is a whole number in 2..1797");
    else e.ns.push_back(static_cast<int>(n));
  }
  e.denoisers.clear();
  {
    std::stringstream list(a.str("denoiser", "emmse,ksmooth"));
    std::string item;
    while (std::getline(list, item, ','))
      if (item != "emmse" && item != "ksmooth" && item != "trained")
        a.fail("--denoiser: '" + item.substr(0, 40) + "' is not emmse, ksmooth or trained");
      else e.denoisers.push_back(item);
  }
  e.bandwidths = number_list(a, "bandwidth", "0.5");
  for (double b : e.bandwidths)
    if (!(b > 0) || b > 100) a.fail("--bandwidth: each bandwidth is in (0, 100]");
  if (a.has("bandwidth") && std::find(e.denoisers.begin(), e.denoisers.end(), "ksmooth") == e.denoisers.end())
    a.fail("--bandwidth is for --denoiser ksmooth");
  e.samples = a.integer("samples", e.samples, 1, 1000000);
  const std::string flow = a.str("flow", "pf");
  if (flow != "pf" && flow != "sde") a.fail("--flow: '" + flow.substr(0, 40) + "' is not pf or sde");
  e.flow = flow == "sde" ? FlowKind::sde : FlowKind::pf;
  if (a.has("classes")) {
    for (double c : number_list(a, "classes")) {
      if (!(c >= 0 && c <= 9) || c != std::floor(c)) a.fail("--classes: each class is a digit 0..9");
      else e.classes.push_back(static_cast<int>(c));
    }
  }
  e.seed = a.seed("seed", 1);
  e.threads = a.integer("threads", 0, 0, 1024);
  const bool trained = std::find(e.denoisers.begin(), e.denoisers.end(), "trained") != e.denoisers.end();
  for (const char* key : {"levels", "width", "train-samples", "epochs", "trainer"})
    if (a.has(key) && !trained) a.fail(std::string("--") + key + " is for --denoiser trained");
  e.levels = a.integer("levels", e.levels, 1, 64);
  e.train.width = a.integer("width", e.train.width, 1, static_cast<int>(budget::kMaxWidth));
  e.train.samples = a.integer("train-samples", e.train.samples, 1, static_cast<int>(budget::kMaxSamples));
  e.train.epochs = a.integer("epochs", e.train.epochs, 0, static_cast<int>(budget::kMaxEpochs));
  e.train.trainer = a.str("trainer", e.train.trainer);
  if (e.train.trainer != "auglag") {  // each trainer's own default step, as flowlab train takes it
    const bool plain = e.train.trainer == "gd" || e.train.trainer == "sgd";
    e.train.lr = plain ? 0.05 : 1e-2;
    if (plain) e.train.lambda = 0;
  }
  if (auto v = validate(e.train); !v) a.fail("--trainer: " + v.message());
  const plot::FigureOptions figure = read_figure_options(a);
  if (!a.ok()) return usage_error("experiment digits", a.error());
  if (check_only()) return 0;
  std::ostringstream rows;
  rows << "n,denoiser,bandwidth,samples,memorized,memorized_lo,memorized_hi,mean_ratio\n";
  auto result = run_digits_experiment(e, [](const DigitsRow& r) {
    const std::string what = r.denoiser == "ksmooth" ? " b = " + format_number(r.bandwidth)
                             : r.denoiser == "trained" ? " (interpolation error up to " + format_number(r.interpolation) + ")" : "";
    std::fprintf(stderr, "experiment digits: N = %d, %s%s: %.1f%% memorized (%.2f s)\n", r.n, r.denoiser.c_str(), what.c_str(),
                 100 * r.memorized, r.seconds);
  });
  if (!result) return runtime_error("experiment digits", result.message());
  plot::Chart chart;
  chart.title = "Memorization on handwritten digits (d = 64, Gu et al.'s ratio < 1/3)";
  chart.xlabel = "N (training images)";
  chart.ylabel = "fraction memorized (95% interval)";
  chart.ymin = 0, chart.ymax = 1;
  std::map<std::string, std::size_t> series;  // one line per denoiser (and bandwidth)
  for (const DigitsRow& r : result.value()) {
    rows << r.n << ',' << r.denoiser << ',' << format_number(r.bandwidth) << ',' << r.samples << ',' << format_number(r.memorized)
         << ',' << format_number(r.lo) << ',' << format_number(r.hi) << ',' << format_number(r.mean_ratio) << '\n';
    const std::string label = r.denoiser == "ksmooth" ? "smoothed score, bandwidth " + format_number(r.bandwidth)
                              : r.denoiser == "trained" ? "trained min-norm network" : "empirical MMSE";
    if (!series.count(label)) series[label] = chart.series.size(), chart.series.push_back({label, {}, {}, {}, 0, true, true});
    plot::Series& s = chart.series[series[label]];
    s.x.push_back(r.n);
    s.y.push_back(r.memorized);
    s.err.push_back(0.5 * (r.hi - r.lo));
  }
  if (int failed = write_figure(a, "experiment digits", "plot", chart, figure); failed) return failed;
  if (a.has("grid-plot")) {
    if (auto st = plot::write_image_grid(a.str("grid-plot"), sample_grid(result.value(), e.ratio), figure.theme); !st)
      return runtime_error("experiment digits", st.message());
  }
  return write_output(a, [&](std::ostream& o) { o << rows.str(); });
}

}  // namespace flowlab::cli
