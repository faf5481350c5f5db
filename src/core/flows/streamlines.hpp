#pragma once
// Streamlines of a denoiser's drift F(y) = h_sigma(y) - y (the score flow's
// velocity), traced from many seeds at once so the field is evaluated in
// batches. Each step moves by F scaled to at most `step` in length
// (midpoint rule): far from a fixed point the lines advance at a fixed arc
// length, near one the step shrinks with the field (dt = 1: on a plateau,
// where F = x - y, the distance halves each step), so lines settle on the
// stable points instead of oscillating around them.
#include <Eigen/Core>

#include "core/denoisers/denoiser.hpp"
#include "core/runtime/workspace.hpp"

namespace flowlab {

// Seeds are d by #S. Returns d by (#S * (length + 1)): streamline s occupies
// columns s*(length+1) .. s*(length+1)+length, starting at its seed.
// Precondition: den.check(sigma).
Eigen::MatrixXd trace_streamlines(const Denoiser& den, double sigma, const Eigen::Ref<const Eigen::MatrixXd>& seeds,
                                  double step, int length, Workspace& ws);

}  // namespace flowlab
