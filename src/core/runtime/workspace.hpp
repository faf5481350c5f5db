#pragma once
// Grow-only scratch memory for the batched hot loops. A denoiser borrows
// matrices from it instead of allocating, so after the first step of a flow
// no step touches the heap. One Workspace per thread.
#include <vector>

#include <Eigen/Core>

namespace flowlab {

// Columns are processed in blocks of this many particles: the scratch stays in
// cache and its size is fixed, so a Workspace stops growing after one call.
constexpr Eigen::Index kParticleBlock = 256;

class Workspace {
 public:
  // The `slot`-th scratch matrix, rows by cols, contents unspecified.
  Eigen::Map<Eigen::MatrixXd> matrix(int slot, Eigen::Index rows, Eigen::Index cols) {
    if (slot >= static_cast<int>(buffers_.size())) buffers_.resize(static_cast<std::size_t>(slot) + 1);
    auto& b = buffers_[static_cast<std::size_t>(slot)];
    const auto need = static_cast<std::size_t>(rows * cols);
    if (b.size() < need) b.resize(need);
    return Eigen::Map<Eigen::MatrixXd>(b.data(), rows, cols);
  }

 private:
  // Aligned as Eigen's own matrices: Eigen's products peel unaligned heads, so a buffer's address
  // modulo the vector width would otherwise change the order of sums, and the last bits of results.
  std::vector<std::vector<double, Eigen::aligned_allocator<double>>> buffers_;
};

}  // namespace flowlab
