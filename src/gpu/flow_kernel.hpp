#pragma once
// The flows of low-dimensional scenes (d <= 4) on the GPU: a particle per vertex, one step of the
// flow per draw, by transform feedback from one buffer of vec4 (float32) into another and back.
// Transform feedback rather than ping-pong float textures: WebGL2 has it without extensions
// (rendering into float textures needs EXT_color_buffer_float), the state stays in vertex buffers
// that the points can be drawn from, and a particle's step reads only its own input. The numbers
// come from the core: the denoiser's form at the step's levels (core/denoisers/form.hpp) and the
// step's coefficients (core/flows/flow.hpp, PlannedStep); the shader (shaders/flow_step.vert)
// evaluates them. GL only: no numerics here.
#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/denoisers/form.hpp"
#include "core/flows/flow.hpp"
#include "render/gl.hpp"

namespace flowlab::gpu {

// What the kernel takes: a network of at most kMaxUnits units, at most kMaxPoints points (as the
// page's data), at most kMaxShifts quadrature nodes; d <= 4.
constexpr int kMaxUnits = 4096, kMaxPoints = 65536, kMaxShifts = 1024, kMaxDim = 4;
bool fits(const DenoiserForm& f, Eigen::Index d);
// What one evaluation of the form costs a particle, in units: a network's width, or the MMSE's
// points times its shifts (1 without).
Eigen::Index units(const DenoiserForm& f);

class FlowKernel {
 public:
  FlowKernel() = default;
  FlowKernel(const FlowKernel&) = delete;
  FlowKernel& operator=(const FlowKernel&) = delete;
  ~FlowKernel();
  // Compiles the program and makes the buffers; false (and why) where this GL cannot.
  bool init(std::string& error);
  // The particles (d by #P, d <= 4) to start from.
  void load(const Eigen::Ref<const Eigen::MatrixXd>& Y);
  // The denoiser at the step's level t (slot 0) and at t + h (slot 1, pf with Heun).
  void set_form(int slot, const DenoiserForm& f);
  // One step of the particles [first, first + count) (count < 0: to the last): kind and integrator
  // as the flow's. A step may be split into ranges issued in order over several frames (the forms
  // unchanged between them); the range that reaches the last particle swaps the buffers.
  void step(FlowKind kind, Integrator integrator, const PlannedStep& p, std::uint64_t seed, Eigen::Index first = 0,
            Eigen::Index count = -1);
  // The particles now, into Y (d by #P).
  void read(Eigen::Ref<Eigen::MatrixXd> Y) const;
  Eigen::Index count() const { return count_; }
  GLuint buffer() const { return buffers_[current_]; }  // the particles now (vec4 each), to draw from

 private:
  void upload_rows(GLuint tex, const std::vector<float>& texels, int width, int height);
  GLuint program_ = 0;
  GLuint buffers_[2] = {0, 0}, arrays_[2] = {0, 0};
  GLuint net_ = 0, points_ = 0, shifts_ = 0;
  int current_ = 0;
  Eigen::Index count_ = 0, dim_ = 0;
  int kind_[2] = {0, 0}, width_[2] = {0, 0};
  ShallowNet nets_[2];  // the networks of the two levels, as last set
  float sigma_[2] = {0, 0};
  std::vector<float> net_texels_, point_texels_, shift_texels_;  // as last uploaded
  mutable std::vector<float> staging_;  // the particles on their way in or out (kept: no allocation a read)
  int n_ = 0, q_ = 1;
  GLint u_kind_ = -1, u_width_ = -1, u_V_ = -1, u_c_ = -1, u_sigma_ = -1, u_mean_ = -1, u_n_ = -1, u_q_ = -1,
        u_mode_ = -1, u_heun_ = -1, u_t_ = -1, u_h_ = -1, u_a_ = -1, u_b_ = -1, u_mask_ = -1, u_seed_ = -1,
        u_step_ = -1, u_net_ = -1, u_points_ = -1, u_shifts_ = -1;
  float V_[2][16] = {}, c_[2][4] = {}, mean_[4] = {};
};

}  // namespace flowlab::gpu
