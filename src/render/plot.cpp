#include "plot.hpp"

#include <array>

namespace flowlab::render {
namespace {
#ifdef __EMSCRIPTEN__
const char* kPrefix = "#version 300 es\nprecision highp float;\n";
#else
const char* kPrefix = "#version 330 core\n";
#endif

GLuint compile(GLenum type, const char* name, std::string& error) {
  const char* src = shader_source(name);
  if (!src) {
    error = std::string("missing shader ") + name;
    return 0;
  }
  const char* parts[] = {kPrefix, src};
  const GLuint s = glCreateShader(type);
  glShaderSource(s, 2, parts, nullptr);
  glCompileShader(s);
  GLint ok = 0;
  glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    std::array<char, 2048> log{};
    glGetShaderInfoLog(s, static_cast<GLsizei>(log.size()), nullptr, log.data());
    error = std::string(name) + ": " + log.data();
    glDeleteShader(s);
    return 0;
  }
  return s;
}
}  // namespace

void View2D::to_world(double px, double py, double& x, double& y) const {
  x = cx + (px - width / 2.0) / scale;
  y = cy - (py - height / 2.0) / scale;
}

GLuint compile_program(const char* vertex_name, const char* fragment_name, std::string& error, const char* feedback) {
  const GLuint vs = compile(GL_VERTEX_SHADER, vertex_name, error);
  const GLuint fs = vs ? compile(GL_FRAGMENT_SHADER, fragment_name, error) : 0;
  if (!vs || !fs) return 0;
  const GLuint p = glCreateProgram();
  glAttachShader(p, vs);
  glAttachShader(p, fs);
  if (feedback) glTransformFeedbackVaryings(p, 1, &feedback, GL_INTERLEAVED_ATTRIBS);
  glLinkProgram(p);
  glDeleteShader(vs);
  glDeleteShader(fs);
  GLint ok = 0;
  glGetProgramiv(p, GL_LINK_STATUS, &ok);
  if (!ok) {
    std::array<char, 2048> log{};
    glGetProgramInfoLog(p, static_cast<GLsizei>(log.size()), nullptr, log.data());
    error = std::string("link: ") + log.data();
    glDeleteProgram(p);
    return 0;
  }
  return p;
}

bool Plot::init() {
  program_ = compile_program("plot.vert", "plot.frag", error_);
  if (!program_) return false;
  u_view_ = glGetUniformLocation(program_, "u_view");
  u_size_ = glGetUniformLocation(program_, "u_point_size");
  u_round_ = glGetUniformLocation(program_, "u_round");
  make_buffer(stream_);
  return true;
}

void Plot::make_buffer(Buffer& b) {
  glGenVertexArrays(1, &b.vao);
  glGenBuffers(1, &b.vbo);
  glBindVertexArray(b.vao);
  glBindBuffer(GL_ARRAY_BUFFER, b.vbo);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(Vertex), nullptr);
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(Vertex), reinterpret_cast<void*>(2 * sizeof(float)));
  glBindVertexArray(0);
}

void Plot::shutdown() {
  cached_.push_back(stream_);
  for (Buffer& b : cached_) {
    if (b.vbo) glDeleteBuffers(1, &b.vbo);
    if (b.vao) glDeleteVertexArrays(1, &b.vao);
  }
  cached_.clear();
  stream_ = Buffer{};
  if (program_) glDeleteProgram(program_);
  program_ = 0;
}

void view_matrix(const View2D& v, float m[9]) {
  // column-major mat3: clip = S (world - c)
  const float sx = static_cast<float>(2.0 * v.scale / v.width), sy = static_cast<float>(2.0 * v.scale / v.height);
  const float s[9] = {sx, 0, 0, 0, sy, 0, static_cast<float>(-sx * v.cx), static_cast<float>(-sy * v.cy), 1};
  for (int i = 0; i < 9; ++i) m[i] = s[i];
}

void Plot::begin(const View2D& v) {
  glUseProgram(program_);
  float m[9];
  view_matrix(v, m);
  glUniformMatrix3fv(u_view_, 1, GL_FALSE, m);
  glEnable(GL_BLEND);
  // Colour blends by the source's alpha; the framebuffer's alpha stays opaque, so a PNG of the canvas is too.
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
#ifndef __EMSCRIPTEN__
  glEnable(GL_PROGRAM_POINT_SIZE);
#endif
}

void Plot::upload(Buffer& b, const std::vector<Vertex>& v) {
  glBindVertexArray(b.vao);
  glBindBuffer(GL_ARRAY_BUFFER, b.vbo);
  const std::size_t bytes = v.size() * sizeof(Vertex);
  if (bytes > b.capacity) {
    b.capacity = bytes * 2;
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(b.capacity), nullptr, GL_DYNAMIC_DRAW);
  }
  glBufferSubData(GL_ARRAY_BUFFER, 0, static_cast<GLsizeiptr>(bytes), v.data());
}

void Plot::draw(GLenum mode, GLsizei count) {
  glUniform1f(u_round_, mode == GL_POINTS ? 1.0f : 0.0f);
  glDrawArrays(mode, 0, count);
}

void Plot::points(const std::vector<Vertex>& v, float size_px) {
  if (v.empty()) return;
  upload(stream_, v);
  glUniform1f(u_size_, size_px);
  draw(GL_POINTS, static_cast<GLsizei>(v.size()));
}

void Plot::lines(const std::vector<Vertex>& v) {
  if (v.empty()) return;
  upload(stream_, v);
  draw(GL_LINES, static_cast<GLsizei>(v.size()));
}

void Plot::triangles(const std::vector<Vertex>& v) {
  if (v.empty()) return;
  upload(stream_, v);
  draw(GL_TRIANGLES, static_cast<GLsizei>(v.size()));
}

void Plot::cached(int slot, std::uint64_t generation, const std::vector<Vertex>& v, GLenum mode) {
  if (v.empty()) return;
  if (slot >= static_cast<int>(cached_.size())) cached_.resize(static_cast<std::size_t>(slot) + 1);
  Buffer& b = cached_[static_cast<std::size_t>(slot)];
  if (!b.vao) make_buffer(b);
  if (b.generation != generation) upload(b, v), b.generation = generation;
  glBindVertexArray(b.vao);
  draw(mode, static_cast<GLsizei>(v.size()));
}

}  // namespace flowlab::render
