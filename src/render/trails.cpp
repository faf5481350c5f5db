#include "trails.hpp"

#include "plot.hpp"

namespace flowlab::render {

bool Trails::init(std::string& error) {
  program_ = compile_program("quad.vert", "quad.frag", error);
  if (!program_) return false;
  u_mode_ = glGetUniformLocation(program_, "u_mode");
  u_color_ = glGetUniformLocation(program_, "u_color");
  u_tex_ = glGetUniformLocation(program_, "u_tex");
  glGenVertexArrays(1, &vao_);  // the quad needs no attributes, but GL 3.3 core wants a VAO bound
  glGenFramebuffers(1, &fbo_);
  glGenTextures(1, &tex_);
  return true;
}

void Trails::shutdown() {
  if (tex_) glDeleteTextures(1, &tex_);
  if (fbo_) glDeleteFramebuffers(1, &fbo_);
  if (vao_) glDeleteVertexArrays(1, &vao_);
  if (program_) glDeleteProgram(program_);
  tex_ = fbo_ = vao_ = program_ = 0;
}

void Trails::clear() { cleared_ = true; }

void Trails::begin(int width, int height, float fade) {
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
  if (width != width_ || height != height_) {
    width_ = width;
    height_ = height;
    glBindTexture(GL_TEXTURE_2D, tex_);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex_, 0);
    cleared_ = true;
  }
  glViewport(0, 0, width, height);
  if (cleared_) {
    glClearColor(0, 0, 0, 0);
    glClear(GL_COLOR_BUFFER_BIT);
    cleared_ = false;
  }
  // fade: blend towards transparent by `fade`
  glEnable(GL_BLEND);
  glBlendFuncSeparate(GL_ZERO, GL_ONE_MINUS_SRC_ALPHA, GL_ZERO, GL_ONE_MINUS_SRC_ALPHA);
  glUseProgram(program_);
  glUniform1i(u_mode_, 0);
  glUniform4f(u_color_, 0, 0, 0, fade);
  glBindVertexArray(vao_);
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
  glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
}

void Trails::end() { glBindFramebuffer(GL_FRAMEBUFFER, 0); }

void Trails::draw() const {
  glEnable(GL_BLEND);
  glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);  // the layer holds premultiplied-looking colour
  glUseProgram(program_);
  glUniform1i(u_mode_, 1);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, tex_);
  glUniform1i(u_tex_, 0);
  glBindVertexArray(vao_);
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
  glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
}

}  // namespace flowlab::render
