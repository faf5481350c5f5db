#pragma once
// A minimal 2-D plot renderer: coloured points (soft discs) and line segments
// in world coordinates, drawn through one shader program and one streaming
// buffer. Doubles become floats here, at the GL boundary.
#include <cstdint>
#include <string>
#include <vector>

#include "gl.hpp"

namespace flowlab::render {

struct Vertex {
  float x, y;
  std::uint32_t rgba;  // 0xAABBGGRR (bytes r, g, b, a in memory)
};

constexpr std::uint32_t rgba(int r, int g, int b, int a = 255) {
  return static_cast<std::uint32_t>(r) | static_cast<std::uint32_t>(g) << 8 | static_cast<std::uint32_t>(b) << 16 |
         static_cast<std::uint32_t>(a) << 24;
}

// World rectangle centred at (cx, cy) with `scale` pixels per unit, in a viewport of w by h pixels.
struct View2D {
  double cx = 0, cy = 0, scale = 300;
  int width = 1, height = 1;
  void to_world(double px, double py, double& x, double& y) const;  // pixel (top-left origin) to world
};

class Plot {
 public:
  // Compiles the shaders; false (with error()) if GL refuses.
  bool init();
  void shutdown();
  void begin(const View2D& view);
  void points(const std::vector<Vertex>& v, float size_px);
  void lines(const std::vector<Vertex>& v);
  void triangles(const std::vector<Vertex>& v);
  // Geometry that changes rarely (the field, the heatmap): kept in its own
  // buffer `slot` and uploaded again only when `generation` changes.
  void cached(int slot, std::uint64_t generation, const std::vector<Vertex>& v, GLenum mode);
  const std::string& error() const { return error_; }

 private:
  struct Buffer {
    GLuint vao = 0, vbo = 0;
    std::size_t capacity = 0;
    std::uint64_t generation = ~std::uint64_t{0};
  };
  void make_buffer(Buffer& b);
  void upload(Buffer& b, const std::vector<Vertex>& v);
  void draw(GLenum mode, GLsizei count);
  Buffer stream_;
  std::vector<Buffer> cached_;
  GLuint program_ = 0;
  GLint u_view_ = -1, u_size_ = -1, u_round_ = -1;
  std::string error_;
};

// World to clip space for `v`, as a column-major mat3.
void view_matrix(const View2D& v, float m[9]);

// Prefixes the right #version line for this platform and compiles.
// `feedback`: a vertex output captured by transform feedback (set before linking), or null.
GLuint compile_program(const char* vertex_name, const char* fragment_name, std::string& error,
                       const char* feedback = nullptr);
const char* shader_source(const char* name);  // embedded at build time from shaders/

}  // namespace flowlab::render
