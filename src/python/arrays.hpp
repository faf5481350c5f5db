#pragma once
// NumPy arrays in and out of the core. Python holds one sample per row (n x d); the core one per
// column (d x n, column-major): a C-contiguous n x d float64 array *is* the core's d x n matrix, so
// such input is mapped, not copied. Other input (float32, Fortran order, strided slices) is
// converted once by pybind11's forcecast. Results are new C-contiguous n x d arrays the core
// writes into directly.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <Eigen/Core>
#include <string>

#include "core/runtime/result.hpp"

namespace flowlab::python {

namespace py = pybind11;
using Rows = py::array_t<double, py::array::c_style | py::array::forcecast>;
using ConstMap = Eigen::Map<const Eigen::MatrixXd>;
using MutMap = Eigen::Map<Eigen::MatrixXd>;

// The rows of a 2-D array (a 1-D array is one sample per entry, d = 1) as a d x n matrix; `d` >= 0
// requires that many columns. NaN and infinity are refused, naming the argument and the entry.
ConstMap points(const Rows& a, const char* name, Eigen::Index d = -1);
// A new n x d array and the d x n matrix over its memory.
py::array_t<double> new_rows(Eigen::Index n, Eigen::Index d);
MutMap matrix_of(py::array_t<double>& a);
// A copy of a core matrix (d x n) as an n x d array; a vector as a 1-D array.
py::array_t<double> rows_of(const Eigen::Ref<const Eigen::MatrixXd>& m);
py::array_t<double> vector_of(const Eigen::Ref<const Eigen::VectorXd>& v);
// A K x d (row-major in the core) matrix as a K x d array, as it is.
py::array_t<double> matrix_as_is(const Eigen::Ref<const Eigen::MatrixXd>& m);

// The core's errors as Python's ValueError with the core's message.
[[noreturn]] void raise(const std::string& message);
template <class T>
T value_or_raise(Result<T> r) {
  if (!r) raise(r.message());
  return std::move(r).value();
}
inline void check_or_raise(const Status& s) {
  if (!s) raise(s.message());
}
template <class T>
void check_or_raise(const Result<T>& r) {
  if (!r) raise(r.message());
}

}  // namespace flowlab::python
