"""The suite runs against the module built in the build folder (PYTHONPATH=<build>/python, set by
ctest) and the flowlab command line named by FLOWLAB_CLI."""
import os
import subprocess

import numpy as np
import pytest


@pytest.fixture(scope="session")
def cli():
    path = os.environ.get("FLOWLAB_CLI")
    if not path:
        pytest.fail("FLOWLAB_CLI must name the flowlab executable (ctest sets it)")

    def run(*args, stdin=None):
        r = subprocess.run([path, *map(str, args)], capture_output=True, text=True, input=stdin)
        assert r.returncode == 0, f"flowlab {' '.join(map(str, args))}: {r.stderr}"
        return r.stdout

    return run


def write_csv(path, rows):
    """Rows with 17 significant digits: the CLI reads back the same doubles."""
    np.savetxt(path, np.atleast_2d(rows), fmt="%.17g", delimiter=",")
    return path


def read_csv(text):
    rows = [line for line in text.splitlines() if line and not line.startswith("#")]
    return np.array([[float(v) for v in line.split(",")] for line in rows])
