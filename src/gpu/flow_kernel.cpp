#include "flow_kernel.hpp"

#include <algorithm>
#include <string>

#include "render/plot.hpp"

namespace flowlab::gpu {
namespace {
constexpr int kRow = 1024;  // points per texture row

GLuint float_texture() {
  GLuint t = 0;
  glGenTextures(1, &t);
  glBindTexture(GL_TEXTURE_2D, t);
  // float textures are not filterable without an extension: texelFetch only, nearest
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  return t;
}

// Column j of M (d rows, d <= 4) as a texel, zero-padded.
void put(std::vector<float>& texels, std::size_t at, const Eigen::Ref<const Eigen::VectorXd>& v) {
  for (Eigen::Index i = 0; i < 4; ++i) texels[at * 4 + static_cast<std::size_t>(i)] = i < v.size() ? static_cast<float>(v(i)) : 0.0f;
}
}  // namespace

Eigen::Index units(const DenoiserForm& f) {
  if (f.kind == DenoiserForm::Kind::network) return f.net.width();
  if (f.kind == DenoiserForm::Kind::mmse && f.points) return f.points->cols() * (f.shifts ? f.shifts->cols() : 1);
  return 0;
}

bool fits(const DenoiserForm& f, Eigen::Index d) {
  if (d < 1 || d > kMaxDim) return false;
  if (f.kind == DenoiserForm::Kind::network) return f.net.width() <= kMaxUnits;
  if (f.kind == DenoiserForm::Kind::mmse)
    return f.points->cols() >= 1 && f.points->cols() <= kMaxPoints && (!f.shifts || f.shifts->cols() <= kMaxShifts);
  return false;
}

FlowKernel::~FlowKernel() {
  if (!program_) return;
  glDeleteProgram(program_);
  glDeleteBuffers(2, buffers_);
  glDeleteVertexArrays(2, arrays_);
  const GLuint textures[] = {net_, points_, shifts_};
  glDeleteTextures(3, textures);
}

bool FlowKernel::init(std::string& error) {
  if (program_) return true;
  GLint components = 0, texture = 0;  // WebGL2 promises 64 and 2048: a context that says less cannot
  glGetIntegerv(GL_MAX_TRANSFORM_FEEDBACK_INTERLEAVED_COMPONENTS, &components);
  glGetIntegerv(GL_MAX_TEXTURE_SIZE, &texture);
  if (components < 4 || texture < std::max(kRow, kMaxUnits)) {
    error = "this GL captures " + std::to_string(components) + " transform-feedback components and textures of " +
            std::to_string(texture) + " texels a side; the GPU path needs 4 and " + std::to_string(std::max(kRow, kMaxUnits));
    return false;
  }
  program_ = render::compile_program("flow_step.vert", "flow_step.frag", error, "v_next");
  if (!program_) return false;
  const auto at = [this](const char* name) { return glGetUniformLocation(program_, name); };
  u_kind_ = at("u_kind"), u_width_ = at("u_width"), u_V_ = at("u_V"), u_c_ = at("u_c"), u_sigma_ = at("u_sigma");
  u_mean_ = at("u_mean"), u_n_ = at("u_n"), u_q_ = at("u_q"), u_mode_ = at("u_mode"), u_heun_ = at("u_heun");
  u_t_ = at("u_t"), u_h_ = at("u_h"), u_a_ = at("u_a"), u_b_ = at("u_b"), u_mask_ = at("u_mask");
  u_seed_ = at("u_seed"), u_step_ = at("u_step"), u_net_ = at("u_net"), u_points_ = at("u_points"), u_shifts_ = at("u_shifts");
  glGenBuffers(2, buffers_);
  glGenVertexArrays(2, arrays_);
  for (int i = 0; i < 2; ++i) {  // array i reads buffer i: a step reads one buffer and writes the other
    glBindVertexArray(arrays_[i]);
    glBindBuffer(GL_ARRAY_BUFFER, buffers_[i]);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 4, GL_FLOAT, GL_FALSE, 4 * sizeof(float), nullptr);
  }
  glBindVertexArray(0);
  glBindBuffer(GL_ARRAY_BUFFER, 0);
  net_ = float_texture(), points_ = float_texture(), shifts_ = float_texture();
  glBindTexture(GL_TEXTURE_2D, 0);
  return true;
}

void FlowKernel::upload_rows(GLuint tex, const std::vector<float>& texels, int width, int height) {
  glBindTexture(GL_TEXTURE_2D, tex);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA32F, width, height, 0, GL_RGBA, GL_FLOAT, texels.data());
  glBindTexture(GL_TEXTURE_2D, 0);
}

void FlowKernel::load(const Eigen::Ref<const Eigen::MatrixXd>& Y) {
  dim_ = Y.rows();
  count_ = Y.cols();
  std::vector<float>& texels = staging_;
  texels.resize(static_cast<std::size_t>(count_) * 4);
  for (Eigen::Index j = 0; j < count_; ++j) put(texels, static_cast<std::size_t>(j), Y.col(j));
  const auto bytes = static_cast<GLsizeiptr>(texels.size() * sizeof(float));
  for (int i = 0; i < 2; ++i) {
    glBindBuffer(GL_ARRAY_BUFFER, buffers_[i]);
    glBufferData(GL_ARRAY_BUFFER, bytes, i == 0 ? texels.data() : nullptr, GL_DYNAMIC_COPY);
  }
  glBindBuffer(GL_ARRAY_BUFFER, 0);
  current_ = 0;
}

void FlowKernel::set_form(int slot, const DenoiserForm& f) {
  const auto s = static_cast<std::size_t>(slot);
  if (f.kind == DenoiserForm::Kind::network) {
    const ShallowNet& n = f.net;
    kind_[s] = 1;
    width_[s] = static_cast<int>(n.width());
    nets_[s] = n;
    // Both levels' rows, at the stride of the wider: a change of width moves the other's too.
    const int width = std::max({width_[0], width_[1], 1});
    net_texels_.assign(static_cast<std::size_t>(width) * 6 * 4, 0.0f);
    for (std::size_t level = 0; level < 2; ++level) {
      if (kind_[level] != 1) continue;
      const ShallowNet& m = nets_[level];
      for (Eigen::Index k = 0; k < m.width(); ++k) {
        const auto col = static_cast<std::size_t>(k);
        put(net_texels_, (3 * level) * static_cast<std::size_t>(width) + col, m.W.row(k).transpose());
        put(net_texels_, (3 * level + 1) * static_cast<std::size_t>(width) + col, m.A.col(k));
        put(net_texels_, (3 * level + 2) * static_cast<std::size_t>(width) + col, m.b.segment(k, 1));
      }
    }
    upload_rows(net_, net_texels_, width, 6);
    for (int c = 0; c < 4; ++c)
      for (int r = 0; r < 4; ++r) V_[s][c * 4 + r] = r < n.V.rows() && c < n.V.cols() ? static_cast<float>(n.V(r, c)) : 0.0f;
    for (int r = 0; r < 4; ++r) c_[s][r] = r < n.c.size() ? static_cast<float>(n.c(r)) : 0.0f;
    return;
  }
  kind_[s] = 2;
  sigma_[s] = static_cast<float>(f.sigma);
  const Eigen::MatrixXd& X = *f.points;
  n_ = static_cast<int>(X.cols());
  const int w = std::min(n_, kRow), h = (n_ + kRow - 1) / kRow;
  std::vector<float> texels(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4, 0.0f);
  for (Eigen::Index j = 0; j < X.cols(); ++j) put(texels, static_cast<std::size_t>(j), X.col(j));
  if (texels != point_texels_) point_texels_ = std::move(texels), upload_rows(points_, point_texels_, w, h);
  q_ = f.shifts ? static_cast<int>(f.shifts->cols()) : 1;
  std::vector<float> shifts(static_cast<std::size_t>(q_) * 4, 0.0f);
  if (f.shifts)
    for (Eigen::Index q = 0; q < f.shifts->cols(); ++q) put(shifts, static_cast<std::size_t>(q), f.shifts->col(q));
  if (shifts != shift_texels_) shift_texels_ = std::move(shifts), upload_rows(shifts_, shift_texels_, q_, 1);
  for (int r = 0; r < 4; ++r) mean_[r] = r < f.mean->size() ? static_cast<float>((*f.mean)(r)) : 0.0f;
}

void FlowKernel::step(FlowKind kind, Integrator integrator, const PlannedStep& p, std::uint64_t seed, Eigen::Index first,
                      Eigen::Index count) {
  if (count_ == 0) return;
  first = std::clamp<Eigen::Index>(first, 0, count_);
  count = count < 0 ? count_ - first : std::min(count, count_ - first);
  if (count == 0) return;
  glUseProgram(program_);
  const GLuint textures[] = {net_, points_, shifts_};
  const GLint samplers[] = {u_net_, u_points_, u_shifts_};
  for (int i = 0; i < 3; ++i) {
    glActiveTexture(static_cast<GLenum>(GL_TEXTURE1 + i));  // unit 0 stays the UI's
    glBindTexture(GL_TEXTURE_2D, textures[i]);
    glUniform1i(samplers[i], 1 + i);
  }
  glUniform1iv(u_kind_, 2, kind_);
  glUniform1iv(u_width_, 2, width_);
  glUniformMatrix4fv(u_V_, 2, GL_FALSE, &V_[0][0]);
  glUniform4fv(u_c_, 2, &c_[0][0]);
  glUniform1fv(u_sigma_, 2, sigma_);
  glUniform4fv(u_mean_, 1, mean_);
  glUniform1i(u_n_, n_);
  glUniform1i(u_q_, q_);
  glUniform1i(u_mode_, kind == FlowKind::pf ? 0 : kind == FlowKind::score ? 1 : 2);
  glUniform1i(u_heun_, integrator == Integrator::heun ? 1 : 0);
  glUniform1f(u_t_, static_cast<float>(p.t));
  glUniform1f(u_h_, static_cast<float>(p.h));
  glUniform1f(u_a_, static_cast<float>(p.a));
  glUniform1f(u_b_, static_cast<float>(p.b));
  const float mask[4] = {dim_ > 0 ? 1.0f : 0.0f, dim_ > 1 ? 1.0f : 0.0f, dim_ > 2 ? 1.0f : 0.0f, dim_ > 3 ? 1.0f : 0.0f};
  glUniform4fv(u_mask_, 1, mask);
  glUniform2ui(u_seed_, static_cast<GLuint>(seed), static_cast<GLuint>(seed >> 32));
  glUniform1ui(u_step_, static_cast<GLuint>(p.index));
  glEnable(GL_RASTERIZER_DISCARD);
  glBindVertexArray(arrays_[current_]);
  // Particle j is read from vertex j and written to the same place in the other buffer.
  constexpr GLintptr kStride = 4 * sizeof(float);
  glBindBufferRange(GL_TRANSFORM_FEEDBACK_BUFFER, 0, buffers_[1 - current_], static_cast<GLintptr>(first) * kStride,
                    static_cast<GLsizeiptr>(count) * kStride);
  glBeginTransformFeedback(GL_POINTS);
  glDrawArrays(GL_POINTS, static_cast<GLint>(first), static_cast<GLsizei>(count));
  glEndTransformFeedback();
  glBindBufferBase(GL_TRANSFORM_FEEDBACK_BUFFER, 0, 0);
  glBindVertexArray(0);
  glDisable(GL_RASTERIZER_DISCARD);
  for (int i = 0; i < 3; ++i) {
    glActiveTexture(static_cast<GLenum>(GL_TEXTURE1 + i));
    glBindTexture(GL_TEXTURE_2D, 0);
  }
  glActiveTexture(GL_TEXTURE0);
  if (first + count == count_) current_ = 1 - current_;
}

void FlowKernel::read(Eigen::Ref<Eigen::MatrixXd> Y) const {
  std::vector<float>& texels = staging_;  // kept: a read-back a few times a second allocates nothing
  texels.resize(static_cast<std::size_t>(count_) * 4);
  glBindBuffer(GL_ARRAY_BUFFER, buffers_[current_]);
  glGetBufferSubData(GL_ARRAY_BUFFER, 0, static_cast<GLsizeiptr>(texels.size() * sizeof(float)), texels.data());
  glBindBuffer(GL_ARRAY_BUFFER, 0);
  for (Eigen::Index j = 0; j < count_; ++j)
    for (Eigen::Index i = 0; i < Y.rows(); ++i) Y(i, j) = texels[static_cast<std::size_t>(j * 4 + i)];
}

}  // namespace flowlab::gpu
