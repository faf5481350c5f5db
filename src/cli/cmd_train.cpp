#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "commands.hpp"
#include "common.hpp"
#include "core/csv.hpp"
#include "core/trained.hpp"

namespace flowlab::cli {

int cmd_train(int argc, char** argv) {
  std::vector<OptionSpec> opts = {
      {"data", "D.csv", "training points, one per row"},
      {"sigma", "S", "noise level of the samples; a comma list (decreasing) trains one network per level, for pf"},
      {"alpha", "A", "samples uniform in the ball of radius A*sigma (default: Gaussian samples x + sigma z)"},
      {"width", "K", "hidden ReLU units (default 64)"},
      {"samples", "M", "noisy samples per training point (default 100)"},
      {"trainer", "T", "adam (weight decay lambda) or auglag (interpolate, minimise the cost; default auglag)"},
      {"lambda", "L", "adam: weight decay on the units' a and w (default 1e-4)"},
      {"epochs", "E", "full-batch epochs per level (default 10000)"},
      {"lr", "R", "Adam's step size (default 3e-3 for auglag, 1e-2 for adam)"},
      {"resample", "", "fresh samples every epoch instead of a fixed set"},
      {"seed", "N", "random seed (default 1)"},
      {"out", "model.json", "write the model here (default: standard output)"}};
  Args a("train", "--data D.csv --sigma S[,S2,...] [--alpha A] --width K --samples M --trainer {adam,auglag} "
                  "--lambda L --epochs E --seed N --out model.json",
         opts);
  int code = 0;
  if (handle_parse(a, argc, argv, 2, code)) return code;
  a.require("data");
  a.require("sigma");
  TrainOptions o;
  o.alpha = a.number("alpha", 0.0);
  if (a.has("alpha") && !(o.alpha > 0)) a.fail("--alpha must be > 0");
  o.width = a.integer("width", 64);
  o.samples = a.integer("samples", 100);
  o.trainer = a.str("trainer", "auglag");
  o.lambda = a.number("lambda", o.lambda);
  o.epochs = a.integer("epochs", 10000);
  o.lr = a.number("lr", o.trainer == "adam" ? 1e-2 : 3e-3);
  o.resample = a.has("resample");
  o.seed = a.seed("seed", 1);
  const std::vector<double> sigmas = number_list(a, "sigma");
  if (!sigmas.empty()) o.sigma = sigmas.front();
  if (a.ok())
    if (auto s = validate(o); !s) a.fail(s.message());
  if (!a.ok()) return usage_error("train", a.error());
  auto data = load_data(a);
  if (!data) return runtime_error("train", data.message());
  const int levels = static_cast<int>(sigmas.size());
  auto model = train_levels(data.value().points, o, sigmas, [&](int level, const Trainer& t) {
    if (t.epoch() % std::max(100, o.epochs / 10 / 100 * 100) != 0 || t.history().empty()) return;
    const EpochReport& r = t.history().back();
    std::fprintf(stderr, "level %d/%d sigma %g  epoch %d/%d  loss %.4g  interpolation %.3g  cost %.5g\n", level + 1,
                 levels, sigmas[static_cast<std::size_t>(level)], t.epoch(), o.epochs, r.loss, r.interpolation, r.cost);
  });
  if (!model) return runtime_error("train", model.message());
  for (std::size_t i = 0; i < model.value().sigmas.size(); ++i)
    std::fprintf(stderr, "trained sigma %g: interpolation error %.3g, cost %.6g\n", model.value().sigmas[i],
                 model.value().last[i].interpolation, model.value().last[i].cost);
  const std::string json = to_json(model.value());
  return write_output(a, [&](std::ostream& out) { out << json; });
}

}  // namespace flowlab::cli
