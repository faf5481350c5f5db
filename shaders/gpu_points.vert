// Particles drawn straight from the GPU path's buffer (vec4 per particle, src/gpu): the projector's
// affine map to the pane's plane (w = (u_rx.y, u_ry.y) + u_o), then world to clip as plot.vert.
layout(location = 0) in vec4 a_y;
layout(location = 1) in vec4 a_color;
uniform vec4 u_rx;
uniform vec4 u_ry;
uniform vec2 u_o;
uniform mat3 u_view;
uniform float u_point_size;
out vec4 v_color;
void main() {
  vec3 p = u_view * vec3(dot(u_rx, a_y) + u_o.x, dot(u_ry, a_y) + u_o.y, 1.0);
  gl_Position = vec4(p.xy, 0.0, 1.0);
  gl_PointSize = u_point_size;
  v_color = a_color;
}
