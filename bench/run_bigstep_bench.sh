#!/usr/bin/env bash
# Issue 17's measurement, in one run: plain gradient descent and the sharpness (power iteration on
# exact Hessian-vector products) on the bigstep experiment's 1-D problem, Flowlab natively and in
# WASM (Node) against PyTorch (python3-torch, CPU, float64, one thread; torch.autograd.functional.hvp)
# from the same samples and weights. Prints each side's microseconds per epoch and per product, and
# the ratios; both sides' sharpness, which should agree.
# usage: bench/run_bigstep_bench.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
for p in python3-torch python3-numpy; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || {
    sudo_() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
    sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$p" >/dev/null; }
done
export NODE_PATH=/usr/share/nodejs
cmake --build --preset native-release --target bigstep_bench >/dev/null
cmake --preset wasm >/dev/null && cmake --build --preset wasm --target bigstep_bench >/dev/null
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
native=$(build/native-release/bench/bigstep_bench --dump "$dir")
wasm=$(node --no-experimental-fetch build/wasm/bench/bigstep_bench.js)
torch=$(/usr/bin/python3 bench/bigstep_torch.py "$dir")
printf '%s\nwasm %s\n%s\n' "$native" "$wasm" "$torch"
us() { grep -o "$1" <<<"$2" | grep -o '[0-9.]*' | head -1; }
epoch_f=$(us '[0-9.]* us/epoch' "$native"); epoch_w=$(us '[0-9.]* us/epoch' "$wasm"); epoch_t=$(us '[0-9.]* us/epoch' "$torch")
hvp_f=$(us 'product [0-9.]* us' "$native"); hvp_w=$(us 'product [0-9.]* us' "$wasm"); hvp_t=$(us 'hvp [0-9.]* us' "$torch")
awk -v ef="$epoch_f" -v ew="$epoch_w" -v et="$epoch_t" -v hf="$hvp_f" -v hw="$hvp_w" -v ht="$hvp_t" 'BEGIN {
  printf "ratios PyTorch / Flowlab: epoch %.1fx native, %.1fx WASM; Hessian-vector product %.1fx native, %.1fx WASM\n",
         et / ef, et / ew, ht / hf, ht / hw }'
