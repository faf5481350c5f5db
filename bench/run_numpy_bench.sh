#!/usr/bin/env bash
# P1's experiment (closed-form min-norm, empirical MMSE, and the closed form's
# exact decoupled path on orthogonal data (both sides doing the trick); N = d = 30, 5000
# particles, probability flow, Heun, 200 steps) in Flowlab (native, every core
# and one thread; WASM under Node) and in NumPy + OpenBLAS, in one run, with
# the ratios. OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are unset for NumPy only.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export NODE_PATH=/usr/share/nodejs
cmake --build --preset native-release --target flowlab_bench >/dev/null
cmake --preset wasm >/dev/null && cmake --build --preset wasm --target flowlab_bench >/dev/null
median() { sed -n 's/.*median \([0-9.]*\) s.*/\1/p' | head -1; }
for kind in minnorm emmse decoupled; do
  native=$(build/native-release/bench/flowlab_bench 30 5000 200 3 "$kind" 0 | tee /dev/stderr | median)
  single=$(build/native-release/bench/flowlab_bench 30 5000 200 3 "$kind" 1 | tee /dev/stderr | median)
  wasm=$(node --no-experimental-fetch build/wasm/bench/flowlab_bench.js 30 5000 200 3 "$kind" 1 | tee /dev/stderr | median)
  numpy=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/numpy_reference.py "$kind" 30 5000 200 3 |
          tee /dev/stderr | median)
  awk -v k="$kind" -v a="$native" -v s="$single" -v w="$wasm" -v p="$numpy" 'BEGIN {
    printf "%s: NumPy/Flowlab %.1fx (every core), %.1fx (one thread); WASM/native (one thread) %.2fx\n", k, p / a, p / s, w / s }'
done
