#pragma once
// Fading particle trails: particles are also drawn into an offscreen layer
// that fades a little every frame, and the layer is shown under the scene.
// Two layers ping-pong: each frame's fade reads the old one and writes the
// other, so no draw samples the texture it renders into (WebGL forbids that
// feedback loop). The fade lowers every pixel's alpha by a whole number of
// 8-bit steps, colour in proportion, so a trail reaches exactly zero instead
// of leaving the residue that repeated multiplication leaves at 8 bits.
#include <string>

#include "gl.hpp"

namespace flowlab::render {

class Trails {
 public:
  bool init(std::string& error);
  void shutdown();
  // Binds the layer for drawing (resizing it to width by height), after fading
  // it by `steps` 8-bit alpha steps (255 clear it).
  void begin(int width, int height, int steps);
  void end();        // back to the screen
  void clear();      // next begin() starts from an empty layer
  void draw() const; // the layer over the current viewport (the whole screen)

 private:
  GLuint program_ = 0, vao_ = 0;
  GLuint fbo_[2] = {0, 0}, tex_[2] = {0, 0};
  int current_ = 0;  // the layer holding the trails
  GLint u_mode_ = -1, u_fade_ = -1, u_tex_ = -1;
  int width_ = 0, height_ = 0;
  bool cleared_ = true;
};

}  // namespace flowlab::render
