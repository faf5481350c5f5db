#include "core/runtime/budget.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#ifndef __EMSCRIPTEN__
#include <unistd.h>
#endif

namespace flowlab::budget {
namespace {
double f(std::int64_t x) { return static_cast<double>(x); }
}  // namespace

double eval_flops(const DenoiserShape& s) {
  const double n = f(std::max<std::int64_t>(1, s.points)), d = f(std::max<std::int64_t>(1, s.dim));
  // Both products with the data (logits, then the weighted sum) and the exp of each weight.
  const double mmse = 4 * n * d + 20 * n;
  if (s.kind == "emmse") return mmse;
  // Its nodes' evaluations go through Eigen's unfused products: about three times the MMSE's time per flop.
  if (s.kind == "ksmooth") return 3 * f(std::max<std::int64_t>(1, s.nodes)) * (mmse + 2 * d);
  if (s.kind == "trained") return 2 * (4 * f(std::max<std::int64_t>(1, s.width)) * d + 2 * d * d);
  // The closed form: at most one unit per point (its projections, ramps and sums); its fallback is the MMSE.
  return mmse;
}

Cost epoch(std::int64_t width, std::int64_t samples, std::int64_t dim, std::int64_t chunk) {
  const double k = f(width), s = f(samples), d = f(dim);
  const double c = chunk > 0 ? std::min(s, f(chunk)) : f(auto_chunk(samples, width));
  Cost e;
  // Forward, backward and the linear term, times 1.5: the trainer's loops keep a written summation order
  // (the same bits everywhere), which WebAssembly runs at about two thirds of the flow's rate.
  e.flops = 1.5 * (s * k * (6 * d + 8) + s * d * (2 * d + 10));
  // A chunk's pre-activations and activations; the samples, targets, residuals, multipliers; Adam's vectors.
  e.bytes = 8 * c * 2 * k + 8 * s * 7 * d + 8 * 4 * (k * d * 2 + k + d * d + d);
  return e;
}

std::int64_t auto_chunk(std::int64_t samples, std::int64_t width) {
  return std::min(samples, std::max<std::int64_t>(1, (std::int64_t{64} << 20) / (16 * std::max<std::int64_t>(1, width))));
}

std::int64_t chunk_for(double flops, std::int64_t width, std::int64_t dim) {
  const double per_sample = epoch(width, 1, dim, 1).flops;
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(flops / per_sample));
}

Cost points(std::int64_t n, std::int64_t dim) {
  Cost c;
  c.flops = f(n) * (f(dim) + 2 * std::log2(std::max(2.0, f(n))));
  c.bytes = 8 * f(n) * f(dim) * 3 + 16 * f(n);  // the values read, the matrix, the sorted order
  return c;
}

double memory_available() {
#ifdef __EMSCRIPTEN__
  return 2.0 * (1ull << 30);  // Emscripten's MAXIMUM_MEMORY with ALLOW_MEMORY_GROWTH
#else
  const long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGE_SIZE);
  return pages > 0 && size > 0 ? static_cast<double>(pages) * static_cast<double>(size) : 16.0 * (1ull << 30);
#endif
}

std::string bytes_text(double bytes) {
  char buf[32];
  const char* unit[] = {"bytes", "KB", "MB", "GB", "TB", "PB"};
  int u = 0;
  while (bytes >= 1000 && u < 5) bytes /= 1000, ++u;
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.3g %s", bytes, unit[u]);
  return buf;
}

Status fits_memory(double bytes, const std::string& what) {
  const double have = memory_available();
  if (std::isfinite(bytes) && bytes <= 0.8 * have) return Status::ok();
  return Error{what + " needs about " + bytes_text(bytes) + " of memory; this machine has " + bytes_text(have)};
}

}  // namespace flowlab::budget
