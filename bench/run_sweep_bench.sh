#!/usr/bin/env bash
# Issue 15's measurement, in one run: a 20-cell grid (experiment memorization, N = 10..30 in
# steps of 5 x seeds 1..4, one seed per cell) run three ways, each from a fresh plan:
#   by hand    every cell's command, one after the other, in one shell (no sweep at all)
#   jobs 1     flowlab sweep run DIR --jobs 1      (each cell on every core, as by hand)
#   jobs 1, 1 thread   the same with FLOWLAB_THREADS=1 (one core in all)
#   jobs 2     flowlab sweep run DIR --jobs 2      (two cells at once, one thread each)
# twice: with cells of some weight (--inits 20000: about half a second each on one core) and with
# tiny cells (--inits 200: milliseconds), where what is left is the sweep's own cost per cell.
# Medians of REPEATS runs; the ratios; the overhead per cell against running the commands by hand.
# usage: bench/run_sweep_bench.sh [REPEATS]     (FLOWLAB_BIN=path/to/flowlab times another build)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
repeats="${1:-5}"
cmake --build --preset native-release --target flowlab >/dev/null
flowlab="$(realpath "${FLOWLAB_BIN:-build/native-release/src/cli/flowlab}")"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT

plan() {  # plan DIR INITS
  "$flowlab" sweep plan --out "$1" --set inits="$2" --set seeds=1 --grid n=10,15,20,25,30 --grid seed=1,2,3,4 \
    -- experiment memorization 2>/dev/null
}
seconds() {  # seconds COMMAND...: the wall time of one run
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}
by_hand() { tail -n +2 "$1/cells.tsv" | cut -f 4 | sh; }

for inits in 20000 200; do
  : > "$dir/times-$inits"
  for r in $(seq "$repeats"); do
    for way in hand jobs1 jobs1t1 jobs2; do
      d="$dir/$inits-$way-$r"
      plan "$d" "$inits"
      case $way in
        hand) t=$(seconds by_hand "$d") ;;
        jobs1) t=$(seconds "$flowlab" sweep run "$d" --jobs 1) ;;
        jobs1t1) t=$(FLOWLAB_THREADS=1 seconds "$flowlab" sweep run "$d" --jobs 1) ;;
        jobs2) t=$(seconds "$flowlab" sweep run "$d" --jobs 2) ;;
      esac
      echo "$way $t" >> "$dir/times-$inits"
    done
    cmp -s <("$flowlab" sweep merge "$dir/$inits-hand-$r") <("$flowlab" sweep merge "$dir/$inits-jobs2-$r") ||
      { echo "run_sweep_bench: the merged rows differ between by hand and jobs 2" >&2; exit 1; }
  done
  /usr/bin/python3 - "$dir/times-$inits" "$inits" "$repeats" <<'PY'
import statistics, sys
t = {}
for line in open(sys.argv[1]):
    way, s = line.split()
    t.setdefault(way, []).append(float(s))
m = {k: statistics.median(v) for k, v in t.items()}
print(f"20 cells, --inits {sys.argv[2]}, medians of {sys.argv[3]} runs:")
print(f"  by hand {m['hand']:.3f} s   jobs 1 {m['jobs1']:.3f} s   jobs 1, 1 thread {m['jobs1t1']:.3f} s   jobs 2 {m['jobs2']:.3f} s")
print(f"  jobs 1 / jobs 2 = {m['jobs1'] / m['jobs2']:.2f}x   jobs 1 (1 thread) / jobs 2 = {m['jobs1t1'] / m['jobs2']:.2f}x"
      f"   jobs 1 / by hand = {m['jobs1'] / m['hand']:.3f}")
print(f"  overhead per cell (jobs 1 - by hand) / 20 = {(m['jobs1'] - m['hand']) / 20 * 1000:.1f} ms")
PY
done
