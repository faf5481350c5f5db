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

GLuint compile_program(const char* vertex_name, const char* fragment_name, std::string& error) {
  const GLuint vs = compile(GL_VERTEX_SHADER, vertex_name, error);
  const GLuint fs = vs ? compile(GL_FRAGMENT_SHADER, fragment_name, error) : 0;
  if (!vs || !fs) return 0;
  const GLuint p = glCreateProgram();
  glAttachShader(p, vs);
  glAttachShader(p, fs);
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
  glGenVertexArrays(1, &vao_);
  glGenBuffers(1, &vbo_);
  glBindVertexArray(vao_);
  glBindBuffer(GL_ARRAY_BUFFER, vbo_);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(Vertex), nullptr);
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(Vertex), reinterpret_cast<void*>(2 * sizeof(float)));
  glBindVertexArray(0);
  return true;
}

void Plot::shutdown() {
  if (vbo_) glDeleteBuffers(1, &vbo_);
  if (vao_) glDeleteVertexArrays(1, &vao_);
  if (program_) glDeleteProgram(program_);
  vbo_ = vao_ = program_ = 0;
}

void Plot::begin(const View2D& v) {
  glUseProgram(program_);
  // column-major mat3: clip = S (world - c)
  const float sx = static_cast<float>(2.0 * v.scale / v.width), sy = static_cast<float>(2.0 * v.scale / v.height);
  const float m[9] = {sx, 0, 0, 0, sy, 0, static_cast<float>(-sx * v.cx), static_cast<float>(-sy * v.cy), 1};
  glUniformMatrix3fv(u_view_, 1, GL_FALSE, m);
  glEnable(GL_BLEND);
  glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
#ifndef __EMSCRIPTEN__
  glEnable(GL_PROGRAM_POINT_SIZE);
#endif
}

void Plot::upload(const std::vector<Vertex>& v) {
  glBindVertexArray(vao_);
  glBindBuffer(GL_ARRAY_BUFFER, vbo_);
  const std::size_t bytes = v.size() * sizeof(Vertex);
  if (bytes > capacity_) {
    capacity_ = bytes * 2;
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(capacity_), nullptr, GL_STREAM_DRAW);
  }
  glBufferSubData(GL_ARRAY_BUFFER, 0, static_cast<GLsizeiptr>(bytes), v.data());
}

void Plot::points(const std::vector<Vertex>& v, float size_px) {
  if (v.empty()) return;
  upload(v);
  glUniform1f(u_size_, size_px);
  glUniform1f(u_round_, 1.0f);
  glDrawArrays(GL_POINTS, 0, static_cast<GLsizei>(v.size()));
}

void Plot::lines(const std::vector<Vertex>& v) {
  if (v.empty()) return;
  upload(v);
  glUniform1f(u_size_, 1.0f);
  glUniform1f(u_round_, 0.0f);
  glDrawArrays(GL_LINES, 0, static_cast<GLsizei>(v.size()));
}

}  // namespace flowlab::render
