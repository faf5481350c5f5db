#!/usr/bin/env bash
# The digits experiment's empirical-MMSE row (N training digits, P samples from noise down the
# probability flow, Heun, 100 steps, then Gu et al.'s ratio) in Flowlab (the whole command, every
# core and one thread; the row's own time as it reports it) and in NumPy + OpenBLAS
# (bench/digits_reference.py, flow and ratio only), in one run, with the ratios of the medians.
# usage: bench/run_digits_bench.sh [N] [P] [REPEATS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
n=${1:-500} p=${2:-2000} repeats=${3:-5}
# Debian's NumPy calls whatever libblas.so.3 points to: the reference BLAS unless OpenBLAS is installed,
# which would make NumPy ten times slower than a researcher's.
if ! readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 | grep -q openblas; then
  echo "run_digits_bench.sh: NumPy would use the reference BLAS: sudo apt-get install libopenblas0-pthread" >&2
  exit 1
fi
cmake --build --preset native-release --target flowlab >/dev/null
flowlab=build/native-release/src/cli/flowlab
data=$(mktemp --suffix=.csv)
trap 'rm -f "$data"' EXIT
"$flowlab" generate --preset digits --n "$n" > "$data"
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
row_time() {  # the row's seconds, as flowlab reports them on standard error
  for _ in $(seq "$repeats"); do
    "$flowlab" experiment digits --n "$n" --denoiser emmse --samples "$p" --threads "$1" 2>&1 >/dev/null |
      sed -n 's/.*memorized (\([0-9.]*\) s).*/\1/p'
  done | median
}
all=$(row_time 0) one=$(row_time 1)
echo "flowlab digits emmse: N = $n, P = $p: median $all s (every core), $one s (one thread)"
numpy=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/digits_reference.py "$data" "$p" "$repeats")
echo "$numpy"
t=$(echo "$numpy" | sed -n 's/.*median \([0-9.]*\) s.*/\1/p')
awk -v a="$all" -v o="$one" -v t="$t" 'BEGIN { printf "NumPy/Flowlab: %.1fx (every core), %.1fx (one thread)\n", t / a, t / o }'
