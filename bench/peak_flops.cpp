// The core's peak floating-point rate in this build (one thread, doubles): 16
// independent accumulations acc += x * b (a GEMM kernel's update) on the widest
// vectors the build targets (the fused flow's, core/flows/fused_flow.cpp): AVX-512 FMA
// natively here, WASM SIMD's two lanes without FMA under Node. The denominator
// of "fraction of peak".
// usage: peak_flops [seconds-ish scale, default 1]
#include <chrono>
#include <cstdio>
#include <cstdlib>

#if defined(__AVX512F__)
constexpr int kLanes = 8;
#elif defined(__AVX__)
constexpr int kLanes = 4;
#else
constexpr int kLanes = 2;
#endif
typedef double vd __attribute__((vector_size(kLanes * sizeof(double))));

int main(int argc, char** argv) {
  const double scale = argc > 1 ? std::atof(argv[1]) : 1.0;
  const long iters = static_cast<long>(2e7 * scale);
  constexpr int kChains = 16;  // > latency x ports: the multiply-add units never wait
  vd acc[kChains], x[kChains];
  for (int k = 0; k < kChains; ++k) acc[k] = vd{} + 1.0 + k, x[k] = vd{} + 1e-9 * k;
  volatile double bv = 0.999999, cv = 1e-7;  // opaque to the compiler
  const vd b = vd{} + bv + cv;
  double best = 0;
  for (int run = 0; run < 3; ++run) {
    const auto t0 = std::chrono::steady_clock::now();
    for (long i = 0; i < iters; ++i) {
#pragma GCC unroll 16
      for (int k = 0; k < kChains; ++k) acc[k] = acc[k] + x[k] * b;  // a GEMM kernel's update
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double rate = 2.0 * kLanes * kChains * static_cast<double>(iters) / s * 1e-9;
    if (rate > best) best = rate;
  }
  double sum = 0;
  for (int k = 0; k < kChains; ++k)
    for (int l = 0; l < kLanes; ++l) sum += acc[k][l];
  std::printf("peak %.1f GFLOP/s (one thread, %d doubles per vector, best of 3; checksum %.3g)\n", best, kLanes, sum);
  return 0;
}
