#include "trails.hpp"

#include "plot.hpp"

namespace flowlab::render {

bool Trails::init(std::string& error) {
  program_ = compile_program("quad.vert", "quad.frag", error);
  if (!program_) return false;
  u_mode_ = glGetUniformLocation(program_, "u_mode");
  u_fade_ = glGetUniformLocation(program_, "u_fade");
  u_tex_ = glGetUniformLocation(program_, "u_tex");
  glGenVertexArrays(1, &vao_);  // the quad needs no attributes, but GL 3.3 core wants a VAO bound
  glGenFramebuffers(2, fbo_);
  glGenTextures(2, tex_);
  return true;
}

void Trails::shutdown() {
  if (tex_[0]) glDeleteTextures(2, tex_);
  if (fbo_[0]) glDeleteFramebuffers(2, fbo_);
  if (vao_) glDeleteVertexArrays(1, &vao_);
  if (program_) glDeleteProgram(program_);
  tex_[0] = tex_[1] = fbo_[0] = fbo_[1] = vao_ = program_ = 0;
}

void Trails::clear() { cleared_ = true; }

void Trails::begin(int width, int height, int steps) {
  if (width != width_ || height != height_) {
    width_ = width;
    height_ = height;
    for (int i : {0, 1}) {
      glBindTexture(GL_TEXTURE_2D, tex_[i]);
      glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
      glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
      glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
      glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
      glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
      glBindFramebuffer(GL_FRAMEBUFFER, fbo_[i]);
      glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex_[i], 0);
    }
    glBindTexture(GL_TEXTURE_2D, 0);
    cleared_ = true;
  }
  glViewport(0, 0, width, height);
  if (cleared_) {
    for (GLuint f : fbo_) {
      glBindFramebuffer(GL_FRAMEBUFFER, f);
      glClearColor(0, 0, 0, 0);
      glClear(GL_COLOR_BUFFER_BIT);
    }
    cleared_ = false;
  }
  // The fade: the old layer, read, into the other one; then that one holds the trails.
  const int next = 1 - current_;
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_[next]);
  glDisable(GL_BLEND);
  glUseProgram(program_);
  glUniform1i(u_mode_, 0);
  glUniform1f(u_fade_, static_cast<float>(steps) / 255.0f);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, tex_[current_]);
  glUniform1i(u_tex_, 0);
  glBindVertexArray(vao_);
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
  glBindTexture(GL_TEXTURE_2D, 0);
  current_ = next;
  // Particles drawn into the layer with Plot's blending (source-alpha colour, alpha added)
  // keep premultiplied colour, as draw() expects.
  glEnable(GL_BLEND);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
}

void Trails::end() { glBindFramebuffer(GL_FRAMEBUFFER, 0); }

void Trails::draw() const {
  glEnable(GL_BLEND);
  glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);  // the layer holds premultiplied colour
  glUseProgram(program_);
  glUniform1i(u_mode_, 1);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, tex_[current_]);
  glUniform1i(u_tex_, 0);
  glBindVertexArray(vao_);
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
  glBindTexture(GL_TEXTURE_2D, 0);
}

}  // namespace flowlab::render
