// World-space 2-D vertices with a colour; u_view maps world to clip space.
layout(location = 0) in vec2 a_pos;
layout(location = 1) in vec4 a_color;
uniform mat3 u_view;
uniform float u_point_size;
out vec4 v_color;
void main() {
  vec3 p = u_view * vec3(a_pos, 1.0);
  gl_Position = vec4(p.xy, 0.0, 1.0);
  gl_PointSize = u_point_size;
  v_color = a_color;
}
