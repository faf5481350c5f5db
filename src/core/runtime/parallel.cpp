#include "core/runtime/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <thread>
#include <vector>

#ifndef __EMSCRIPTEN__
#include <sched.h>
#endif


namespace flowlab {

int available_threads() {
#ifdef __EMSCRIPTEN__
  return 1;  // the WASM build has no threads
#else
  // FLOWLAB_THREADS first: `flowlab sweep run --jobs J` and Slurm's cpus-per-task share the cores
  // among cells that each run on "every core". Else the cores this process may run on (a cgroup or
  // taskset narrows them), else every core of the machine.
  if (const char* env = std::getenv("FLOWLAB_THREADS")) {
    char* end = nullptr;
    const long n = std::strtol(env, &end, 10);
    if (end != env && *end == '\0' && n >= 1 && n <= 1024) return static_cast<int>(n);
  }
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) return CPU_COUNT(&set);
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
#endif
}

void run_jobs(int threads, Eigen::Index jobs, const std::function<void(Eigen::Index)>& job) {
  std::atomic<Eigen::Index> next{0};
  const auto work = [&] {
    for (Eigen::Index j = next++; j < jobs; j = next++) job(j);
  };
#ifdef __EMSCRIPTEN__
  const int n = 1;  // asked for threads or not: none to start here, and the result is the same
  (void)threads;
#else
  const int n = static_cast<int>(
      std::max<Eigen::Index>(1, std::min<Eigen::Index>(threads > 0 ? threads : available_threads(), jobs)));
#endif
  std::vector<std::thread> pool;
  for (int t = 1; t < n; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

void run_column_chunks(int threads, Eigen::Index columns,
                       const std::function<void(Eigen::Index, Eigen::Index, Eigen::Index)>& job) {
  run_jobs(threads, column_chunks(columns), [&](Eigen::Index c) {
    const Eigen::Index j0 = c * kExperimentChunk;
    job(j0, std::min(kExperimentChunk, columns - j0), c);
  });
}

}  // namespace flowlab
