#!/usr/bin/env bash
# Issue 14's measurement, in one run: `flowlab flow` on a user's data (N = d = 30
# orthogonal points, rotated, lengths 1-2; 5000 particles; probability flow, Heun,
# 200 steps, geometric grid), the whole process (reading and writing the CSVs
# included) on every core and on one thread, against the same flow alone in NumPy
# and in PyTorch (python3-torch, every thread). Medians of REPEATS runs, the ratios,
# and the largest difference between the endpoints (the same algorithm).
# usage: bench/run_cli_bench.sh [REPEATS]
#   FLOWLAB_BIN=path/to/flowlab times another build (an older one, say: the "before" of a change).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
repeats="${1:-7}"
# NumPy's matmuls through OpenBLAS (Debian's default libblas3 is the reference BLAS, ~3x slower), and PyTorch.
need=()
for p in libopenblas0-pthread python3-torch python3-numpy bc; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ "${#need[@]}" -gt 0 ]; then
  sudo_() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
  echo "run_cli_bench: installing ${need[*]}" >&2
  sudo_ apt-get update -qq && sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
cmake --build --preset native-release --target flowlab csv_bench >/dev/null
flowlab="${FLOWLAB_BIN:-build/native-release/src/cli/flowlab}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
$flowlab generate --preset orthogonal --n 30 --length 1 --max-length 2 --rotate --seed 1 > "$dir/data.csv"
/usr/bin/python3 - "$dir" <<'PY'
import sys
import numpy as np
d = sys.argv[1]
X = np.loadtxt(f"{d}/data.csv", delimiter=",")
c = np.random.default_rng(1).uniform(0, 1, size=(5000, 30))   # uniform in the hyperbox the points span
np.savetxt(f"{d}/points.csv", c @ X, delimiter=",", fmt="%.17g")
PY
smax=0.08 smin=8e-5 steps=200  # rho_T = sqrt(30) * 0.08 = 0.44 < 1/2 of the shortest length: feasible throughout
flow() { $flowlab flow --data "$dir/data.csv" --points "$dir/points.csv" --denoiser minnorm --flow pf \
                   --integrator heun --grid geometric --steps $steps --sigma-max $smax --sigma-min $smin "$@" 2>/dev/null; }
median_of() {  # the median wall time of a command, over $repeats runs
  for _ in $(seq "$repeats"); do
    local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N)
    echo "$t1 - $t0" | bc -l
  done | sort -g | awk '{ a[NR] = $1 } END { printf "%.4f", a[int((NR + 1) / 2)] }'
}
every=$(median_of flow --out "$dir/ends.csv")
if $flowlab flow --help | grep -q -- --threads; then
  one=$(median_of flow --threads 1 --out "$dir/ends1.csv")
  cmp -s "$dir/ends.csv" "$dir/ends1.csv" || { echo "run_cli_bench: the endpoints depend on the threads" >&2; exit 1; }
else
  one="$every"  # a build from before --threads: one thread always
fi
echo "flowlab flow (whole process): median $every s on every core ($(nproc)), $one s on one thread"
median_line() { sed -n 's/.*median \([0-9.]*\) s.*/\1/p'; }
np_out=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/cli_flow_reference.py numpy \
         "$dir/data.csv" "$dir/points.csv" $smax $smin $steps "$repeats" "$dir/numpy.csv")
echo "$np_out"
numpy=$(echo "$np_out" | median_line)
if /usr/bin/python3 -c "import torch" 2>/dev/null; then
  t_out=$(/usr/bin/python3 bench/cli_flow_reference.py torch "$dir/data.csv" "$dir/points.csv" $smax $smin $steps \
          "$repeats" "$dir/torch.csv")
  echo "$t_out"
  torch=$(echo "$t_out" | median_line)
else
  echo "PyTorch: not installed (Debian's python3-torch); its ratio is left out"
  torch=""
fi
/usr/bin/python3 - "$dir" <<'PY'
import sys
import numpy as np
d = sys.argv[1]
ends = np.loadtxt(f"{d}/ends.csv", delimiter=",")
for name in ("numpy", "torch"):
    try:
        other = np.loadtxt(f"{d}/{name}.csv", delimiter=",")
    except OSError:
        continue
    print(f"endpoints: flowlab against {name}, largest difference {np.abs(ends - other).max():.2e}")
PY
awk -v e="$every" -v o="$one" -v n="$numpy" -v t="$torch" 'BEGIN {
  printf "ratios (their flow alone / our whole process): NumPy %.1fx every core, %.1fx one thread", n / e, n / o
  if (t != "") printf "; PyTorch %.1fx every core, %.1fx one thread", t / e, t / o
  printf "\n" }'
build/native-release/bench/csv_bench 5000 30 11 0
build/native-release/bench/csv_bench 5000 30 11 1
