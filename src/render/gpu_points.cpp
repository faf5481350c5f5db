#include "gpu_points.hpp"

namespace flowlab::render {

bool GpuPoints::init(std::string& error) {
  if (program_) return true;
  program_ = compile_program("gpu_points.vert", "plot.frag", error);
  if (!program_) return false;
  u_rx_ = glGetUniformLocation(program_, "u_rx"), u_ry_ = glGetUniformLocation(program_, "u_ry");
  u_o_ = glGetUniformLocation(program_, "u_o"), u_view_ = glGetUniformLocation(program_, "u_view");
  u_size_ = glGetUniformLocation(program_, "u_point_size"), u_round_ = glGetUniformLocation(program_, "u_round");
  glGenVertexArrays(1, &vao_);
  glGenBuffers(1, &colour_vbo_);
  glBindVertexArray(vao_);
  glBindBuffer(GL_ARRAY_BUFFER, colour_vbo_);
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 4, GL_UNSIGNED_BYTE, GL_TRUE, 4, nullptr);
  glEnableVertexAttribArray(0);
  glBindVertexArray(0);
  glBindBuffer(GL_ARRAY_BUFFER, 0);
  return true;
}

void GpuPoints::shutdown() {
  if (!program_) return;
  glDeleteProgram(program_);
  glDeleteVertexArrays(1, &vao_);
  glDeleteBuffers(1, &colour_vbo_);
  program_ = vao_ = colour_vbo_ = bound_ = 0;
  key_ = ~0ull;
}

void GpuPoints::draw(const View2D& view, GLuint positions, int count, const Affine& map,
                     const std::vector<std::uint32_t>& colours, std::uint64_t key, float size_px) {
  if (!program_ || count <= 0 || colours.size() < static_cast<std::size_t>(count)) return;
  glUseProgram(program_);
  float m[9];
  view_matrix(view, m);
  glUniformMatrix3fv(u_view_, 1, GL_FALSE, m);
  glUniform4fv(u_rx_, 1, map.rx);
  glUniform4fv(u_ry_, 1, map.ry);
  glUniform2fv(u_o_, 1, map.o);
  glUniform1f(u_size_, size_px);
  glUniform1f(u_round_, 1.0f);
  glBindVertexArray(vao_);
  if (key != key_) {
    glBindBuffer(GL_ARRAY_BUFFER, colour_vbo_);
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(colours.size() * 4), colours.data(), GL_DYNAMIC_DRAW);
    key_ = key;
  }
  if (positions != bound_) {  // the buffers swap every step: point attribute 0 at the current one
    glBindBuffer(GL_ARRAY_BUFFER, positions);
    glVertexAttribPointer(0, 4, GL_FLOAT, GL_FALSE, 4 * sizeof(float), nullptr);
    bound_ = positions;
  }
  glDrawArrays(GL_POINTS, 0, count);
  glBindVertexArray(0);
  glBindBuffer(GL_ARRAY_BUFFER, 0);
}

}  // namespace flowlab::render
