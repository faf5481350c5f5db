#pragma once
// Deterministic random numbers with explicit seeds: xoshiro256** seeded by
// splitmix64, uniform doubles from the top 53 bits and normals by Marsaglia's
// polar method (with a portable log: the same bits natively and in WASM).
// Written out (not <random> distributions) so that a seed gives the same
// stream under libstdc++ natively and libc++ in WebAssembly.
#include <cstdint>

#include <Eigen/Core>

namespace flowlab {

class Rng {
 public:
  explicit Rng(std::uint64_t seed);
  std::uint64_t next_u64();
  double uniform();                       // in [0, 1)
  double uniform(double lo, double hi);   // in [lo, hi)
  double normal();                        // N(0, 1)
  void fill_normal(Eigen::Ref<Eigen::MatrixXd> m);
  void fill_uniform(Eigen::Ref<Eigen::MatrixXd> m, double lo, double hi);

 private:
  std::uint64_t s_[4];
  double spare_ = 0.0;
  bool has_spare_ = false;
};

}  // namespace flowlab
