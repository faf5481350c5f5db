#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "commands.hpp"
#include "common.hpp"
#include "core/data/csv.hpp"
#include "core/denoisers/trained.hpp"

namespace flowlab::cli {

int cmd_train(int argc, char** argv) {
  std::vector<OptionSpec> opts = {
      {"data", "D.csv", "training points, one per row"},
      {"sigma", "S", "noise level of the samples; a comma list (decreasing) trains one network per level, for pf"}};
  for (auto& o : training_options()) opts.push_back(o);
  opts.push_back({"seed", "N", "random seed (default 1)"});
  opts.push_back({"out", "model.json", "write the model here (default: standard output)"});
  opts.push_back({"summary", "S.csv", "also write one row per level: sigma,width,epochs,loss,interpolation,cost"});
  Args a("train", "--data D.csv --sigma S[,S2,...] [--alpha A] --width K --samples M --trainer {adam,auglag,gd,sgd} "
                  "--lambda L --epochs E [--lr R] [--batch B] --seed N --out model.json",
         opts);
  int code = 0;
  if (handle_parse(a, argc, argv, 2, code)) return code;
  a.require("data");
  a.require("sigma");
  TrainOptions o = read_training_options(a);
  o.seed = a.seed("seed", 1);
  const std::vector<double> sigmas = number_list(a, "sigma");
  if (!sigmas.empty()) o.sigma = sigmas.front();
  if (a.ok())
    if (auto s = validate(o); !s) a.fail(s.message());
  if (!a.ok()) return usage_error("train", a.error());
  if (check_only()) return 0;
  auto data = load_data(a);
  if (!data) return runtime_error("train", data.message());
  auto model = train_with_progress(data.value().points, o, sigmas);
  if (!model) return runtime_error("train", model.message());
  const std::string json = to_json(model.value());
  if (int c = write_output(a, [&](std::ostream& out) { out << json; }); c != 0 || !a.has("summary")) return c;
  // The rows last: where they exist the model does too (a sweep's cell is done when its rows are).
  const TrainedModel& m = model.value();
  return write_output(a, [&](std::ostream& out) {
    out << "sigma,width,epochs,loss,interpolation,cost\n";
    for (std::size_t i = 0; i < m.sigmas.size(); ++i)
      out << format_number(m.sigmas[i]) << ',' << m.nets[i].width() << ',' << m.last[i].epoch << ','
          << format_number(m.last[i].loss) << ',' << format_number(m.last[i].interpolation) << ','
          << format_number(m.last[i].cost) << '\n';
  }, "summary");
}

}  // namespace flowlab::cli
