// One flow step per particle (src/gpu/flow_kernel.hpp), captured by transform feedback into the
// other buffer. Coordinates past the data's dimension are zero and stay zero. The denoiser comes
// as the core's form (core/denoisers/form.hpp) at two levels, slot 0 (t) and slot 1 (t + h):
//   form 1, network: h(y) = sum_k a_k [w_k.y + b_k]_+ + V y + c; texture u_net, rows 3s..3s+2 hold
//           w_k, a_k and (b_k, 0, 0, 0) in column k;
//   form 2, mmse: h(y) = mean + 1/Q sum_q softmax-weighted mean of the centred points x_n at
//           y - mean + s_q, the softmax accumulated online (a running maximum), as the core does in
//           the log domain; points in rows of 1024 texels, shifts in one row.
// Modes: 0 pf (Euler/Heun on dy/dsigma = (y - h)/sigma), 1 score (on dy/dr = h - y), 2 sde and
// langevin (y + a (h - y) + b z, z from a counter-based hash of seed, particle and step).
layout(location = 0) in vec4 a_y;
out vec4 v_next;

uniform highp sampler2D u_net;
uniform highp sampler2D u_points;
uniform highp sampler2D u_shifts;
uniform int u_kind[2];
uniform int u_width[2];
uniform mat4 u_V[2];
uniform vec4 u_c[2];
uniform float u_sigma[2];
uniform vec4 u_mean;
uniform int u_n;
uniform int u_q;
uniform int u_mode;
uniform bool u_heun;
uniform float u_t;
uniform float u_h;
uniform float u_a;
uniform float u_b;
uniform vec4 u_mask;
uniform uvec2 u_seed;
uniform uint u_step;

vec4 network(int s, vec4 y) {
  vec4 h = u_V[s] * y + u_c[s];
  for (int k = 0; k < u_width[s]; ++k) {
    float pre = dot(texelFetch(u_net, ivec2(k, 3 * s), 0), y) + texelFetch(u_net, ivec2(k, 3 * s + 2), 0).x;
    if (pre > 0.0) h += pre * texelFetch(u_net, ivec2(k, 3 * s + 1), 0);
  }
  return h;
}

vec4 mmse(int s, vec4 y) {
  float inv = 0.5 / (u_sigma[s] * u_sigma[s]);
  vec4 sum = vec4(0.0);
  for (int q = 0; q < u_q; ++q) {
    vec4 yq = y - u_mean + texelFetch(u_shifts, ivec2(q, 0), 0);
    float top = -3.0e38, total = 0.0;
    vec4 acc = vec4(0.0);
    for (int n = 0; n < u_n; ++n) {
      vec4 x = texelFetch(u_points, ivec2(n % 1024, n / 1024), 0);
      vec4 d = yq - x;
      float e = -dot(d, d) * inv;
      if (e > top) {
        float r = exp(top - e);
        total *= r;
        acc *= r;
        top = e;
      }
      float w = exp(e - top);
      total += w;
      acc += w * x;
    }
    sum += acc / total;
  }
  return u_mean + sum / float(u_q);
}

vec4 denoise(int s, vec4 y) { return u_kind[s] == 1 ? network(s, y) : mmse(s, y); }

// A counter-based generator: a 4-D integer hash of (particle, step, seed) gives four uniforms,
// Box-Muller four standard normals. The same link draws the same noise on every run.
uvec4 hash4(uvec4 v) {
  v = v * 1664525u + 1013904223u;
  v.x += v.y * v.w; v.y += v.z * v.x; v.z += v.x * v.y; v.w += v.y * v.z;
  v ^= v >> 16u;
  v.x += v.y * v.w; v.y += v.z * v.x; v.z += v.x * v.y; v.w += v.y * v.z;
  v ^= v >> 16u;
  return v;
}

vec4 normals() {
  uvec4 r = hash4(uvec4(uint(gl_VertexID), u_step, u_seed.x, u_seed.y));
  vec4 u = (vec4(r >> 8u) + 0.5) / 16777216.0;  // in (0, 1)
  vec2 rad = sqrt(-2.0 * log(u.xz));
  vec2 ang = 6.28318530718 * u.yw;
  return vec4(rad.x * cos(ang.x), rad.x * sin(ang.x), rad.y * cos(ang.y), rad.y * sin(ang.y));
}

void main() {
  vec4 y = a_y;
  if (u_mode == 0) {
    vec4 f0 = (y - denoise(0, y)) / u_t;
    if (u_heun) {
      vec4 y1 = y + u_h * f0;
      vec4 f1 = (y1 - denoise(1, y1)) / (u_t + u_h);
      v_next = y + 0.5 * u_h * (f0 + f1);
    } else {
      v_next = y + u_h * f0;
    }
  } else if (u_mode == 1) {
    vec4 f0 = denoise(0, y) - y;
    if (u_heun) {
      vec4 y1 = y + u_h * f0;
      v_next = y + 0.5 * u_h * (f0 + denoise(0, y1) - y1);
    } else {
      v_next = y + u_h * f0;
    }
  } else {
    v_next = y + u_a * (denoise(0, y) - y) + u_b * u_mask * normals();
  }
}
