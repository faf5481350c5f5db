#include <algorithm>
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
  opts.push_back({"ratio", "R", "classify any data by Gu et al.'s criterion instead: memorized when the nearest training "
                                "point is closer than R times the second-nearest (1/3 in the page); writes "
                                "class,nearest,ratio (nearest: the 1-based data row)"});
  opts.push_back(threads_option());
  opts.push_back({"out", "O.csv", "write here (default: standard output)"});
  Args a("classify", "--data D.csv --points P.csv [--tol 0.02 | --ratio 0.333] [--out O.csv]", opts);
  int code = 0;
  if (handle_parse(a, argc, argv, 2, code)) return code;
  const double tol = a.number("tol", kDefaultTolerance, 1e-12, 1e3);
  const int threads = read_threads(a);
  const bool by_ratio = a.has("ratio");
  const double ratio = a.number("ratio", kMemorizationRatio, 1e-12, 1.0);
  if (by_ratio && a.has("tol")) a.fail("--ratio and --tol are two criteria: give one");
  a.require("data");
  a.require("points");
  if (!a.ok()) return usage_error("classify", a.error());
  auto data = load_data(a);
  if (!data) return runtime_error("classify", data.message());
  auto Y = load_points(a, data.value().dim());
  if (!Y) return runtime_error("classify", Y.message());
  if (by_ratio) {
    auto near = nearest_ratio(data.value().points, Y.value(), threads);
    if (!near) return usage_error("classify", near.message());
    const auto& r = near.value();
    return write_output(a, [&](std::ostream& o) {
      o << "# class,nearest,ratio (nearest: the 1-based data row; memorized when ratio < " << format_number(ratio) << ")\n";
      long memorized = 0;
      for (std::size_t j = 0; j < r.ratio.size(); ++j) {
        const bool m = r.ratio[j] < ratio;
        memorized += m;
        o << (m ? "memorized," : "novel,") << r.nearest[j] + 1 << ',' << format_number(r.ratio[j]) << '\n';
      }
      const double total = static_cast<double>(std::max<std::size_t>(1, r.ratio.size()));
      o << "summary,memorized," << memorized << ',' << format_number(static_cast<double>(memorized) / total) << '\n';
      o << "summary,novel," << static_cast<long>(r.ratio.size()) - memorized << ','
        << format_number(static_cast<double>(static_cast<long>(r.ratio.size()) - memorized) / total) << '\n';
    });
  }
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
