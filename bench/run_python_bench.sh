#!/usr/bin/env bash
# flowlab.flow against the NumPy flow of numpy_reference.py, and a call's own cost (python_flow.py).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
cmake --preset native-release >/dev/null
cmake --build --preset native-release --target _flowlab >/dev/null
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE PYTHONPATH="$root/build/native-release/python" \
  /usr/bin/python3 bench/python_flow.py "$@"
