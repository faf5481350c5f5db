#!/usr/bin/env bash
# Builds the site, serves it on loopback and runs bench/gpu_flow.js (the GPU path against the CPU path).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export NODE_PATH=/usr/share/nodejs
cmake --preset wasm >/dev/null
cmake --build --preset wasm --target site >/dev/null
bash tests/e2e/serve_and_run.sh build/wasm/site "$root/bench/gpu_flow.js" build/bench-artifacts
