#!/usr/bin/env bash
# Serves SITE on a free loopback port and runs a browser test script against it:
#   serve_and_run.sh SITE TEST.js ARTIFACTS_DIR [MORE ARGS for the test...]
set -euo pipefail
site="$1"; test_js="$2"; artifacts="$3"; shift 3
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$artifacts"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >"$artifacts/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', int(sys.argv[1])), 1)" "$port" 2>/dev/null && break
  sleep 0.1
done
NODE_PATH="$here/node_modules" node "$test_js" "http://127.0.0.1:$port/" "$artifacts" "$@"
