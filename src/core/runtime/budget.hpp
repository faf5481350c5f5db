#pragma once
// What a job will cost before it is built: the one place where the page, its
// link decoder and the CLI estimate the work and the memory of a state, and
// the hard limits on what any input (a link, a file, an option) may ask for.
// Estimates are deliberately simple (counts of multiply-adds and of bytes held)
// and slightly pessimistic; the page turns flops into time with a rate measured
// for its slowest path (WebAssembly, 2 double lanes, see docs/limits.md).
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/runtime/result.hpp"

namespace flowlab::budget {

// Files are refused at once above these sizes (before they are read).
constexpr std::size_t kMaxCsvBytes = std::size_t{128} << 20;
constexpr std::size_t kMaxModelBytes = std::size_t{256} << 20;
// Any point set: coordinates beyond this magnitude would overflow squared distances.
constexpr double kMaxCoordinate = 1e15;
// Options and model fields: beyond these no real job lies, and the products of them overflow.
constexpr std::int64_t kMaxDim = 4096;
constexpr std::int64_t kMaxWidth = 1 << 20;
constexpr std::int64_t kMaxSamples = 1 << 24;
constexpr std::int64_t kMaxEpochs = 1000000000;
constexpr std::int64_t kMaxSteps = 10000000;
constexpr std::int64_t kMaxNodes = 1 << 16;
constexpr std::int64_t kMaxParticles = 1 << 28;
constexpr std::int64_t kMaxPoints = 1 << 28;

struct Cost {
  double flops = 0;  // multiply-adds and the like, per unit of the work named
  double bytes = 0;  // memory held while it runs
};

// A denoiser's shape: what its evaluation costs per particle.
struct DenoiserShape {
  std::string kind = "minnorm";  // minnorm, emmse, ksmooth, trained
  std::int64_t points = 1;       // N training points
  std::int64_t dim = 1;          // d
  std::int64_t nodes = 64;       // ksmooth: quadrature points
  std::int64_t width = 64;       // trained: K units (two networks blend between levels)
};

// One evaluation h(y) for one particle.
double eval_flops(const DenoiserShape& s);
// The time of a particle's evaluation beyond its flops (loop and call overhead, measured by bench/budget_bench).
constexpr double kParticleOverhead = 100;
// A flow step's cost (it depends on the integrator) is flows/flow_cost.hpp's flow_step.
// One full-batch training epoch of width K on N*M samples in R^d, and what the trainer holds with
// `chunk` samples' activations at a time (0: the trainer's automatic chunk, networks/trainer.hpp).
Cost epoch(std::int64_t width, std::int64_t samples, std::int64_t dim, std::int64_t chunk = 0);
// The trainer's automatic chunk (TrainOptions::chunk = 0): every sample while the chunk's
// activations of `width` units fit 64 MiB.
std::int64_t auto_chunk(std::int64_t samples, std::int64_t width);
// The samples per chunk for which one chunk of an epoch costs about `flops`.
std::int64_t chunk_for(double flops, std::int64_t width, std::int64_t dim);
// Reading and validating N points in R^d (sorting them for duplicates).
Cost points(std::int64_t n, std::int64_t dim);

// The memory this process may use: physical memory natively, the 2 GiB a WebAssembly build may grow to.
double memory_available();
// "1.3 GB", "820 MB", "4 KB".
std::string bytes_text(double bytes);
// Fails, with the estimate, when `bytes` cannot fit in memory_available().
Status fits_memory(double bytes, const std::string& what);

}  // namespace flowlab::budget
