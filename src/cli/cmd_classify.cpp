#include <ostream>

#include "commands.hpp"
#include "core/runtime/budget.hpp"
#include "common.hpp"
#include "core/analysis/classify.hpp"
#include "core/data/csv.hpp"

namespace flowlab::cli {

int cmd_classify(int argc, char** argv) {
  auto opts = data_and_points_options("endpoints to classify, one per row");
  opts.push_back({"tol", "TAU", "tolerance tau on the edge coordinates (default 0.02); data without that structure use the nearest-to-second-nearest ratio 1/3"});
  opts.push_back(threads_option());
  opts.push_back({"out", "O.csv", "write here (default: standard output)"});
  Args a("classify", "--data D.csv --points P.csv [--tol 0.02] [--out O.csv]", opts);
  int code = 0;
  if (handle_parse(a, argc, argv, 2, code)) return code;
  const double tol = a.number("tol", kDefaultTolerance, 1e-12, 1e3);
  const int threads = read_threads(a);
  a.require("data");
  a.require("points");
  if (!a.ok()) return usage_error("classify", a.error());
  auto data = load_data(a);
  if (!data) return runtime_error("classify", data.message());
  auto Y = load_points(a, data.value().dim());
  if (!Y) return runtime_error("classify", Y.message());
  auto classifier = Classifier::create(data.value().points, tol);
  if (!classifier) return usage_error("classify", classifier.message());
  const Classification c = classifier.value().classify(Y.value(), threads);
  return write_output(a, [&](std::ostream& o) {
    o << "# class,vertex (1-based data rows joined by ';')\n";
    for (std::size_t j = 0; j < c.classes.size(); ++j) {
      o << to_string(c.classes[j]) << ',';
      for (std::size_t k = c.vertex_start[j]; k < c.vertex_start[j + 1]; ++k)
        o << (k > c.vertex_start[j] ? ";" : "") << c.vertex_index[k] + 1;
      o << '\n';
    }
    for (EndClass k : classifier.value().classes())
      o << "summary," << to_string(k) << ',' << c.counts[static_cast<int>(k)] << ',' << format_number(c.fraction(k))
        << '\n';
  });
}

}  // namespace flowlab::cli
