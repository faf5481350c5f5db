// Reading and writing the CLI's CSV: 5000 points in d = 30 (the size of issue 14's
// flow), written as shortest round-trip text and parsed back, in memory and through
// a file; medians over the runs, and the old %.17g text for comparison.
// usage: csv_bench [points] [d] [repeats] [threads (default 0: every core)]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/data/csv.hpp"
#include "core/runtime/parallel.hpp"
#include "core/data/rng.hpp"
#include "timing.hpp"

using flowlab::bench::Clock;
using flowlab::bench::median;
using flowlab::bench::ms_since;

int main(int argc, char** argv) {
  const long n = argc > 1 ? std::atol(argv[1]) : 5000;
  const long d = argc > 2 ? std::atol(argv[2]) : 30;
  const int repeats = argc > 3 ? std::atoi(argv[3]) : 11;
  const int threads = argc > 4 ? std::atoi(argv[4]) : 0;
  Eigen::MatrixXd P(d, n);
  flowlab::Rng rng(1);
  rng.fill_normal(P);
  const std::string path = "/tmp/flowlab_csv_bench.csv";
  std::vector<double> write_ms, read_ms, old_ms, parse_ms;
  std::size_t bytes = 0, old_bytes = 0;
  for (int r = 0; r < repeats; ++r) {
    auto t0 = Clock::now();
    {
      std::ofstream f(path, std::ios::binary);
      flowlab::write_points_csv(f, P, threads);
    }
    write_ms.push_back(ms_since(t0));
    t0 = Clock::now();
    auto back = flowlab::read_points_csv(path, threads);
    read_ms.push_back(ms_since(t0));
    if (!back || (back.value().array() != P.array()).any()) {
      std::fprintf(stderr, "csv_bench: the file did not read back exactly\n");
      return 1;
    }
    std::ostringstream mem;  // the parse alone, from memory: no file system
    flowlab::write_points_csv(mem, P, threads);
    t0 = Clock::now();
    auto parsed = flowlab::parse_points_csv(mem.str(), "memory", threads);
    parse_ms.push_back(ms_since(t0));
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    bytes = static_cast<std::size_t>(in.tellg());
    t0 = Clock::now();  // what the CLI wrote before: snprintf %.17g per number
    std::string text;
    char buf[40];
    for (long j = 0; j < n; ++j)
      for (long i = 0; i < d; ++i) {
        std::snprintf(buf, sizeof buf, "%.17g", P(i, j));
        text += buf;
        text += i + 1 < d ? ',' : '\n';
      }
    { std::ofstream f(path, std::ios::binary); f << text; }
    old_ms.push_back(ms_since(t0));
    old_bytes = text.size();
  }
  std::remove(path.c_str());
  std::printf("csv %ldx%ld, %d threads: write %.2f ms, read %.2f ms, through a file (medians of %d); in memory: "
              "parse %.2f ms; %.2f MB shortest round-trip; %%.17g wrote %.2f MB in %.2f ms "
              "(%.1fx slower)\n",
              n, d, threads > 0 ? threads : flowlab::available_threads(), median(write_ms), median(read_ms), repeats, median(parse_ms), static_cast<double>(bytes) / 1e6,
              static_cast<double>(old_bytes) / 1e6, median(old_ms), median(old_ms) / median(write_ms));
  return 0;
}
