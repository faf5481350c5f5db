#!/usr/bin/env bash
# The trainer against PyTorch (python3-torch, CPU, one thread) on the same
# training from the same start, in one run: native, WASM (Node) and PyTorch.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export NODE_PATH=/usr/share/nodejs
cmake --build --preset native-release --target train_bench >/dev/null
cmake --preset wasm >/dev/null && cmake --build --preset wasm --target train_bench >/dev/null
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
build/native-release/bench/train_bench --dump "$dir"
node --no-experimental-fetch build/wasm/bench/train_bench.js
/usr/bin/python3 bench/train_torch.py "$dir"
