"""`python3 -m pip install --no-build-isolation .` from the checkout, offline, into a virtual
environment over Debian's packages: the installed package imports from the environment, with its
type hints, and computes. FLOWLAB_BUILD_DIR (set by ctest) lets setup.py reuse the suite's build."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_pip_installs_the_checkout(tmp_path):
    if not os.environ.get("FLOWLAB_BUILD_DIR"):
        pytest.skip("FLOWLAB_BUILD_DIR is not set (ctest sets it)")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    py = str(venv / "bin" / "python")
    env = dict(os.environ, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    env.pop("PYTHONPATH", None)
    r = subprocess.run([py, "-m", "pip", "install", "--no-build-isolation", str(ROOT)], capture_output=True, text=True,
                       env=env, cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    probe = ("import flowlab, pathlib, numpy as np; X = flowlab.datasets.simplex(); "
             "print(flowlab.__file__); print(sorted(p.name for p in pathlib.Path(flowlab.__file__).parent.iterdir())); "
             "print(flowlab.classify(X, flowlab.flow(flowlab.minnorm(X), X + 0.01))[0].tolist())")
    r = subprocess.run([py, "-c", probe], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    where, files, classes = r.stdout.splitlines()
    assert where.startswith(str(venv)), where
    assert "_flowlab.pyi" in files and "py.typed" in files and "datasets.py" in files
    assert classes == str(["training"] * 3)
