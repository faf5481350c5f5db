#!/usr/bin/env bash
# Builds the site, serves it on loopback and runs bench/frame_time.js; also
# prints the shipped sizes (.wasm and .js, raw and gzip -9).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export NODE_PATH=/usr/share/nodejs
cmake --preset wasm >/dev/null
cmake --build --preset wasm --target site >/dev/null
for f in build/wasm/site/flowlab_gui.wasm build/wasm/site/flowlab_gui.js; do
  printf '%-36s %8d bytes, gzip %8d bytes\n' "$f" "$(stat -c %s "$f")" "$(gzip -9c "$f" | wc -c)"
done
bash tests/e2e/serve_and_run.sh build/wasm/site "$root/bench/frame_time.js" build/bench-artifacts
