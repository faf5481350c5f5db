// flowlab for Python: the core (src/core) over NumPy arrays, one sample per row. The numerics are
// the core's; these files only convert arrays, release the GIL and turn errors into exceptions.
#include "handles.hpp"

PYBIND11_MODULE(_flowlab, m) {
  m.doc() = "Flowlab's core: min-norm shallow ReLU denoisers, the empirical MMSE, the kernel-smoothed score, "
            "the flows they induce and where particles end. Arrays hold one sample per row (n x d).";
  flowlab::python::bind_data(m);
  flowlab::python::bind_denoisers(m);
  flowlab::python::bind_flows(m);
  flowlab::python::bind_training(m);
  flowlab::python::bind_inverse(m);
  flowlab::python::bind_experiment(m);
}
