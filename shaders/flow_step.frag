// The flow step's program draws nothing (the rasterizer is off): WebGL2 still wants a fragment shader.
out vec4 o_color;
void main() { o_color = vec4(0.0); }
