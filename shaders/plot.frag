// Points are drawn as soft discs (u_round = 1), lines as they come.
in vec4 v_color;
uniform float u_round;
out vec4 frag_color;
void main() {
  float alpha = 1.0;
  if (u_round > 0.5) {
    vec2 c = gl_PointCoord * 2.0 - 1.0;
    float r2 = dot(c, c);
    if (r2 > 1.0) discard;
    alpha = 1.0 - smoothstep(0.6, 1.0, r2);
  }
  frag_color = vec4(v_color.rgb, v_color.a * alpha);
}
