"""Builds flowlab's Python module (src/python) with CMake, so the core's sources and flags are
listed once (CMakeLists.txt). FLOWLAB_BUILD_DIR names a configured build folder to build the
module in (the suite's, so that its install test compiles nothing new); otherwise a fresh one
under setuptools' temporary folder, without the app, the CLI and the tests."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        build = os.environ.get("FLOWLAB_BUILD_DIR")
        if not build:
            build = str(Path(self.build_temp).resolve() / "cmake")
            generator = ["-G", "Ninja"] if shutil.which("ninja") else []
            subprocess.check_call(["cmake", "-S", str(ROOT), "-B", build, *generator, "-DCMAKE_BUILD_TYPE=Release",
                                   "-DFLOWLAB_APP=OFF", "-DFLOWLAB_CLI=OFF", "-DFLOWLAB_TESTS=OFF",
                                   "-DFLOWLAB_PYTHON=ON", f"-DPYTHON_EXECUTABLE={sys.executable}"])
        subprocess.check_call(["cmake", "--build", build, "--target", "_flowlab", "-j", str(os.cpu_count() or 1)])
        built = sorted((Path(build) / "python" / "flowlab").glob("_flowlab*.so"))
        if not built:
            raise RuntimeError(f"the module was not built in {build}/python/flowlab")
        target = Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built[-1], target)


setup(
    packages=["flowlab"],
    package_dir={"flowlab": "src/python/flowlab"},
    package_data={"flowlab": ["*.pyi", "py.typed"]},
    ext_modules=[Extension("flowlab._flowlab", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
)
