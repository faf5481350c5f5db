#pragma once
// Fading particle trails: particles are also drawn into an offscreen layer
// that is darkened a little every frame, and the layer is shown under the
// scene. Cleared whenever the view or the run restarts.
#include <string>

#include "gl.hpp"

namespace flowlab::render {

class Trails {
 public:
  bool init(std::string& error);
  void shutdown();
  // Binds the layer for drawing (resizing it to width by height), after fading it by `fade` (0..1).
  void begin(int width, int height, float fade);
  void end();        // back to the screen
  void clear();      // next begin() starts from an empty layer
  void draw() const; // the layer over the current viewport (the whole screen)

 private:
  GLuint program_ = 0, fbo_ = 0, tex_ = 0, vao_ = 0;
  GLint u_mode_ = -1, u_color_ = -1, u_tex_ = -1;
  int width_ = 0, height_ = 0;
  bool cleared_ = true;
};

}  // namespace flowlab::render
