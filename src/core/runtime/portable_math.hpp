#pragma once
// Elementary functions from + - * / and sqrt only, so that they give the same
// bits on every IEEE-754 platform (glibc's and musl's log, sin and pow differ
// in the last bit now and then, which made seeded streams differ between the
// native build and WebAssembly). Accurate to about 1 ulp; used where a seed
// must reproduce bit for bit, not in hot loops.
#include <cmath>

namespace flowlab::portable {

// Natural logarithm of x > 0: x = m 2^e with m in [sqrt(1/2), sqrt(2)), log m = 2 atanh((m-1)/(m+1)).
inline double log(double x) {
  int e = 0;
  double m = std::frexp(x, &e);  // exact: m in [0.5, 1)
  if (m < 0.70710678118654752) m *= 2, --e;
  const double s = (m - 1) / (m + 1), s2 = s * s;
  double sum = 0, term = s;  // 2 (s + s^3/3 + s^5/5 + ...), |s| <= 0.172: 11 terms reach 1e-18
  for (int k = 1; k <= 23; k += 2) sum += term / k, term *= s2;
  constexpr double ln2_hi = 0.693147180369123816490, ln2_lo = 1.90821492927058770002e-10;
  return e * ln2_hi + (2 * sum + e * ln2_lo);
}

// e^x for |x| < 700: x = k ln2 + r with |r| <= ln2/2, e^r by its Taylor series, times 2^k (exact).
inline double exp(double x) {
  constexpr double ln2_hi = 0.693147180369123816490, ln2_lo = 1.90821492927058770002e-10;
  const double k = std::nearbyint(x / 0.69314718055994530942);
  const double r = (x - k * ln2_hi) - k * ln2_lo;
  double sum = 1, term = 1;
  for (int n = 1; n <= 18; ++n) term *= r / n, sum += term;
  return std::ldexp(sum, static_cast<int>(k));
}

}  // namespace flowlab::portable
