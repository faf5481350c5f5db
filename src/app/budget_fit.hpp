#pragma once
// The page's budget (core/runtime/budget.hpp turns a state into flops and bytes): about
// 50 ms of core work per frame on one core and well under 1 GB. A state over it
// (from a link, a preset or an edit) is brought within it by lowering the fields
// that cost the most, each to the largest value that fits, and each change is
// named in a notice with the limit it met. The frame loop keeps to the same
// time by stepping until the frame's share is spent (steps stay parameters), and
// trains in chunks of an epoch until its slice is spent.
#include <string>
#include <vector>

#include "core/runtime/budget.hpp"
#include "state.hpp"

namespace flowlab::app {

// The page's limits: flops one frame may do, at the rate the slowest path (WebAssembly) sustains.
// bench/budget_bench measured 1.3 to 9.6 Mflop/ms for steps under Node (WASM): ~50 ms at the slowest.
constexpr double kFrameFlops = 50e6;
constexpr double kPageBytes = 512e6;     // what the state's buffers may hold
constexpr double kChunkFlops = 2e6;      // one chunk of a training epoch: a few ms, so slices split epochs
constexpr double kSampleValues = 5e5;    // samples x d drawn when a level starts (~100 ms in WASM)
constexpr int kMaxDataPoints = kMaxPoints;  // points one data set may have (n x per for clusters and rays)

// The number of training points the state's data will have (before they are built).
long points_in(const AppState& s);
// The dimension the state's data will have: d, or 1 for the points on a line.
int dim_of(const AppState& s);
// The samples per chunk the page trains with (about kChunkFlops of work each).
long train_chunk(const AppState& s);
// The cost of one frame's flow step of every pane (with the field view's evaluations), and of one
// training epoch (zero without a trained pane).
budget::Cost step_cost(const AppState& s);
budget::Cost epoch_cost(const AppState& s);
// Whether the GPU path may step the state's flows: gpu=1, data of dimension up to 4, Euler or Heun,
// no inverse problem, on a page whose GPU path works. The app says whether it works once its GL
// context is up (set_gpu_path; false until then, and in programs without one). Where, besides, the
// particles stay on the GPU (d >= 2, drawn as points: 1-D scenes and the image view read them all
// back every frame) they are limited by kMaxParticles, memory, and kGpuStepUnits: the GPU engine paces its frames by
// evaluations of a unit (a network's unit, or one training point of the MMSE, times the smoothed
// score's nodes), at least 2^20 a frame (shared by the panes side by side), so a step of at most
// 2^28 takes at most 256 frames (512 side by side) on the slowest renderer (a software one) and one
// frame on an ordinary GPU.
constexpr double kGpuStepUnits = 268435456.0;
void set_gpu_path(bool works);
bool gpu_may_step(const AppState& s);
// Units a step of every pane evaluates on the GPU: particles times units, twice for Heun's two stages.
double gpu_step_units(const AppState& s);
// Lowers what does not fit; returns one notice per field changed (empty when the state fits).
// `allow_gpu` false: the CPU's limits, whatever gpu_may_step says (the GPU refused the scene).
std::vector<std::string> fit_to_budget(AppState& s, bool allow_gpu = true);

}  // namespace flowlab::app
