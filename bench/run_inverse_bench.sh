#!/usr/bin/env bash
# Issue 16's measurement, in one run: posterior sampling by DPS with the empirical MMSE denoiser
# (N = 200 points in d = 20, 5 random measurements with noise 0.1, 2000 samples, the probability
# flow by Heun over 100 EDM steps), `flowlab inverse` as a whole process (reading and writing the
# CSVs included) on every core and on one thread, against the same sampler alone in NumPy
# (bench/inverse_reference.py, OpenBLAS on every thread). Medians of REPEATS runs, the time per
# sample and the ratios; both samplers' total variation to the exact posterior, which should agree.
# usage: bench/run_inverse_bench.sh [REPEATS]     (FLOWLAB_BIN=path/to/flowlab times another build)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
repeats="${1:-5}"
for p in libopenblas0-pthread python3-numpy bc; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || {
    sudo_() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
    sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$p" >/dev/null; }
done
cmake --build --preset native-release --target flowlab >/dev/null
flowlab="${FLOWLAB_BIN:-build/native-release/src/cli/flowlab}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
/usr/bin/python3 - "$dir" <<'PY'
import sys
import numpy as np
d, rng = sys.argv[1], np.random.default_rng(3)
X = rng.standard_normal((200, 20))
A = rng.standard_normal((5, 20)) / np.sqrt(20)
y = A @ X[0] + 0.1 * rng.standard_normal(5)
np.savetxt(f"{d}/data.csv", X, delimiter=",", fmt="%.17g")
np.savetxt(f"{d}/A.csv", A, delimiter=",", fmt="%.17g")
np.savetxt(f"{d}/y.csv", y[None, :], delimiter=",", fmt="%.17g")
PY
samples=2000 smax=10 smin=0.01 steps=100 zeta=0.5
inverse() { $flowlab inverse --data "$dir/data.csv" --A "$dir/A.csv" --y "$dir/y.csv" --noise 0.1 --method dps \
              --denoiser emmse --samples $samples --sigma-max $smax --sigma-min $smin --steps $steps --step $zeta "$@"; }
median_of() {  # the median wall time of a command, over $repeats runs
  for _ in $(seq "$repeats"); do
    local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N)
    echo "$t1 - $t0" | bc -l
  done | sort -g | awk '{ a[NR] = $1 } END { printf "%.4f", a[int((NR + 1) / 2)] }'
}
every=$(median_of inverse --out "$dir/ours.csv")
one=$(median_of inverse --threads 1 --out "$dir/ours1.csv")
cmp -s "$dir/ours.csv" "$dir/ours1.csv" || { echo "run_inverse_bench: the samples depend on the threads" >&2; exit 1; }
inverse --out /dev/null 2>&1 | grep "total variation" | sed 's/^inverse: /flowlab: /'
np_out=$(/usr/bin/python3 bench/inverse_reference.py "$dir/data.csv" "$dir/A.csv" "$dir/y.csv" 0.1 $samples $smax $smin \
         $steps $zeta "$repeats" "$dir/numpy.csv")
echo "$np_out"
numpy=$(echo "$np_out" | sed -n 's/.*median \([0-9.]*\) s.*/\1/p')
/usr/bin/python3 - "$dir" <<'PY'
import sys
import numpy as np
d = sys.argv[1]
X = np.loadtxt(f"{d}/data.csv", delimiter=",")
A = np.loadtxt(f"{d}/A.csv", delimiter=",", ndmin=2)
y = np.loadtxt(f"{d}/y.csv", delimiter=",", ndmin=1)
logw = -np.sum((X @ A.T - y) ** 2, axis=1) / (2 * 0.1 ** 2)
w = np.exp(logw - logw.max()); w /= w.sum()
gap = min(np.linalg.norm(X[i] - X[j]) for i in range(len(X)) for j in range(i + 1, len(X)))
S = np.loadtxt(f"{d}/numpy.csv", delimiter=",")
dist = np.linalg.norm(S[:, None, :] - X[None, :, :], axis=2)
near = dist.argmin(axis=1)
at = dist[np.arange(len(S)), near] <= 0.2 * gap
share = np.bincount(near[at], minlength=len(X)) / len(S)
print(f"NumPy: total variation to the exact posterior {0.5 * (np.abs(share - w).sum() + (~at).mean()):.4f}")
PY
awk -v e="$every" -v o="$one" -v n="$numpy" -v m="$samples" 'BEGIN {
  printf "flowlab inverse (whole process): median %.4f s on every core, %.4f s on one thread (%.1f us, %.1f us a sample)\n", e, o, e / m * 1e6, o / m * 1e6
  printf "NumPy sampling alone / flowlab whole process: %.1fx on every core, %.1fx on one thread\n", n / e, n / o
}'
