#!/usr/bin/env bash
# P1's experiment (closed-form min-norm, empirical MMSE, and the closed form's
# exact decoupled path on orthogonal data (both sides doing the trick); N = d = 30, 5000
# particles, probability flow, Heun, 200 steps) in Flowlab (native, every core
# and one thread; WASM under Node; native built for baseline x86-64, whose SSE2
# has WASM SIMD's width, to tell WASM's own cost from the vector width's) and in
# NumPy + OpenBLAS, in one run, with the ratios. OPENBLAS_CORETYPE /
# OPENBLAS_L2_SIZE are unset for NumPy only.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export NODE_PATH=/usr/share/nodejs
cmake --build --preset native-release --target flowlab_bench peak_flops >/dev/null
cmake --preset wasm >/dev/null && cmake --build --preset wasm --target flowlab_bench peak_flops >/dev/null
cmake --preset native-sse2 >/dev/null && cmake --build --preset native-sse2 --target flowlab_bench >/dev/null
# A copy of the lines on stderr (tee /dev/stderr would reopen, and truncate, a redirected log).
echo_err() { while IFS= read -r line; do echo "$line" >&2; echo "$line"; done; }
rate() { sed -n 's/.* \([0-9.]*\) GFLOP\/s.*/\1/p' | head -1; }
best_rate() { sed -n 's/.* \([0-9.]*\) best GFLOP\/s.*/\1/p' | head -1; }  # the best run, against the best-of peak
peak=$(build/native-release/bench/peak_flops | echo_err | rate)
wpeak=$(node --no-experimental-fetch build/wasm/bench/peak_flops.js | echo_err | rate)
median() { sed -n 's/.*median \([0-9.]*\) s.*/\1/p' | head -1; }
for kind in minnorm emmse decoupled; do
  native=$(build/native-release/bench/flowlab_bench 30 5000 200 3 "$kind" 0 | echo_err | median)
  out=$(build/native-release/bench/flowlab_bench 30 5000 200 5 "$kind" 1 | echo_err)
  single=$(echo "$out" | median) srate=$(echo "$out" | best_rate)
  out=$(node --no-experimental-fetch build/wasm/bench/flowlab_bench.js 30 5000 200 3 "$kind" 1 | echo_err)
  wasm=$(echo "$out" | median) wrate=$(echo "$out" | best_rate)
  sse2=$(build/native-sse2/bench/flowlab_bench 30 5000 200 3 "$kind" 1 | echo_err | median)
  numpy=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/numpy_reference.py "$kind" 30 5000 200 3 |
          echo_err | median)
  awk -v k="$kind" -v a="$native" -v s="$single" -v w="$wasm" -v w2="$sse2" -v p="$numpy" -v r="$srate" -v wr="$wrate" \
      -v pk="$peak" -v wpk="$wpeak" 'BEGIN {
    printf "%s: NumPy/Flowlab %.1fx (every core), %.1fx (one thread); WASM/native (one thread) %.2fx\n", k, p / a, p / s, w / s
    printf "%s: WASM/native at WASM'"'"'s vector width (2 doubles, baseline x86-64) %.2fx\n", k, w / w2
    if (k != "decoupled")  # its flops are not the products counted
      printf "%s: the products at %.0f%% of one core'"'"'s peak natively, %.0f%% of WASM'"'"'s (best runs; peaks %s and %s GFLOP/s)\n",
           k, 100 * r / pk, 100 * wr / wpk, pk, wpk }'
done
