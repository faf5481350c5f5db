// u_mode 0: the trail layer faded (its alpha lowered by u_fade, colour in
// proportion, so it reaches exactly zero); 1: the trail layer itself.
in vec2 v_uv;
uniform int u_mode;
uniform float u_fade;
uniform sampler2D u_tex;
out vec4 frag_color;
void main() {
  vec4 c = texture(u_tex, v_uv);
  if (u_mode == 0) {
    float a = max(c.a - u_fade, 0.0);
    c = c.a > 0.0 ? c * (a / c.a) : vec4(0.0);
  }
  frag_color = c;
}
