// u_mode 0: a flat colour (fades the trail layer); 1: the trail layer itself.
in vec2 v_uv;
uniform int u_mode;
uniform vec4 u_color;
uniform sampler2D u_tex;
out vec4 frag_color;
void main() {
  frag_color = u_mode == 0 ? u_color : texture(u_tex, v_uv);
}
