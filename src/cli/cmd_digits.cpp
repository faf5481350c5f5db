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
#include "plot/chart.hpp"

namespace flowlab::cli {

int cmd_digits(int argc, char** argv) {
  std::vector<OptionSpec> opts = {
      {"n", "LIST", "training images, e.g. 20,100,500 (default 20,100; each 2..1797)"},
      {"denoiser", "LIST", "emmse and/or ksmooth (default emmse,ksmooth)"},
      {"bandwidth", "LIST", "ksmooth: kernel bandwidths, one row each (default 0.5)"},
      {"samples", "P", "samples drawn from noise per row (default 200)"},
      {"flow", "KIND", "pf (default) or sde, from sigma 3 to 0.01 in 100 steps"},
      {"classes", "LIST", "the digit labels to draw the images from (default all ten)"},
      {"seed", "S", "the images drawn and the noise (default 1)"},
      {"threads", "T", "threads (default: every core; results do not depend on it)"},
      {"out", "O.csv", "write the rows here (default: standard output)"}};
  for (auto& o : figure_options("draw memorization against N, one line per denoiser, into F")) opts.push_back(o);
  Args a("experiment digits", "--n LIST --denoiser LIST [--bandwidth LIST] [--samples P] [--flow pf|sde] [--seed S] [--plot F]",
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
      if (item != "emmse" && item != "ksmooth") a.fail("--denoiser: '" + item.substr(0, 40) + "' is not emmse or ksmooth");
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
  if (a.has("classes"))
    for (double c : number_list(a, "classes"))
      if (!(c >= 0 && c <= 9) || c != std::floor(c)) a.fail("--classes: each class is a digit 0..9");
      else e.classes.push_back(static_cast<int>(c));
  e.seed = a.seed("seed", 1);
  e.threads = a.integer("threads", 0, 0, 1024);
  const plot::FigureOptions figure = read_figure_options(a);
  if (!a.ok()) return usage_error("experiment digits", a.error());
  if (check_only()) return 0;
  std::ostringstream rows;
  rows << "n,denoiser,bandwidth,samples,memorized,memorized_lo,memorized_hi,mean_ratio\n";
  auto result = run_digits_experiment(e, [](const DigitsRow& r) {
    std::fprintf(stderr, "experiment digits: N = %d, %s%s: %.1f%% memorized (%.2f s)\n", r.n, r.denoiser.c_str(),
                 r.denoiser == "ksmooth" ? (" b = " + format_number(r.bandwidth)).c_str() : "", 100 * r.memorized, r.seconds);
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
    const std::string label = r.denoiser == "ksmooth" ? "smoothed score, bandwidth " + format_number(r.bandwidth) : "empirical MMSE";
    if (!series.count(label)) series[label] = chart.series.size(), chart.series.push_back({label, {}, {}, {}, 0, true, true});
    plot::Series& s = chart.series[series[label]];
    s.x.push_back(r.n);
    s.y.push_back(r.memorized);
    s.err.push_back(0.5 * (r.hi - r.lo));
  }
  if (int failed = write_figure(a, "experiment digits", "plot", chart, figure); failed) return failed;
  return write_output(a, [&](std::ostream& o) { o << rows.str(); });
}

}  // namespace flowlab::cli
