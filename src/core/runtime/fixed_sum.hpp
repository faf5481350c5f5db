#pragma once
// Sums in one written order: four interleaved partial sums, then (s0 + s1) + (s2 + s3).
// The order is fixed here, not chosen by a library or the SIMD width, so every platform
// (natively and WebAssembly) gets the same bits; the four lanes still let the compiler
// vectorise. The trainer and the loss's Hessian products use them.
#include <Eigen/Core>

namespace flowlab::fixed {

inline double dot(const double* a, const double* b, Eigen::Index n) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  Eigen::Index j = 0;
  for (; j + 4 <= n; j += 4) s0 += a[j] * b[j], s1 += a[j + 1] * b[j + 1], s2 += a[j + 2] * b[j + 2], s3 += a[j + 3] * b[j + 3];
  for (; j < n; ++j) s0 += a[j] * b[j];
  return (s0 + s1) + (s2 + s3);
}

inline double sum(const double* a, Eigen::Index n) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  Eigen::Index j = 0;
  for (; j + 4 <= n; j += 4) s0 += a[j], s1 += a[j + 1], s2 += a[j + 2], s3 += a[j + 3];
  for (; j < n; ++j) s0 += a[j];
  return (s0 + s1) + (s2 + s3);
}

}  // namespace flowlab::fixed
