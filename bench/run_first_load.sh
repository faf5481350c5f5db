#!/usr/bin/env bash
# The page's first load: downloads (raw, gzipped) and time to the first frame, median of N loads,
# for the site built here (B) against another built site (A), in one run.
# usage: bench/run_first_load.sh OTHER_SITE_DIR [N=10]     (e.g. a site built from an older commit)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
other="$1"; n="${2:-10}"
site="$root/build/wasm/site"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
pa=$(free_port); python3 -m http.server "$pa" --bind 127.0.0.1 --directory "$other" >/dev/null 2>&1 & a=$!
pb=$(free_port); python3 -m http.server "$pb" --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 & b=$!
trap 'kill $a $b 2>/dev/null || true' EXIT
sleep 1
NODE_PATH="$root/tests/e2e/node_modules" node "$root/bench/first_load.js" "$n" "http://127.0.0.1:$pa/" "http://127.0.0.1:$pb/"
