#include "arrays.hpp"

#include <cmath>

namespace flowlab::python {

void raise(const std::string& message) { throw py::value_error(message); }

ConstMap points(const Rows& a, const char* name, Eigen::Index d) {
  if (a.ndim() != 1 && a.ndim() != 2)
    raise(std::string(name) + ": expected a 2-D array, one sample per row (n x d); got " + std::to_string(a.ndim()) +
          " dimensions");
  const Eigen::Index n = a.shape(0), cols = a.ndim() == 2 ? a.shape(1) : 1;
  if (d >= 0 && cols != d)
    raise(std::string(name) + ": expected " + std::to_string(d) + " columns (the data's dimension), got " +
          std::to_string(cols) + " (shape " + std::to_string(n) + " x " + std::to_string(cols) + ")");
  if (cols == 0) raise(std::string(name) + ": the rows have no columns");
  const double* p = a.data();
  for (Eigen::Index i = 0; i < n * cols; ++i)
    if (!std::isfinite(p[i]))
      raise(std::string(name) + ": row " + std::to_string(i / cols) + ", column " + std::to_string(i % cols) + " is " +
            (std::isnan(p[i]) ? "NaN" : "infinite") + "; every value must be finite");
  return ConstMap(p, cols, n);
}

py::array_t<double> new_rows(Eigen::Index n, Eigen::Index d) {
  return py::array_t<double>({static_cast<py::ssize_t>(n), static_cast<py::ssize_t>(d)});
}

MutMap matrix_of(py::array_t<double>& a) {
  return MutMap(a.mutable_data(), a.ndim() == 2 ? a.shape(1) : 1, a.shape(0));
}

py::array_t<double> rows_of(const Eigen::Ref<const Eigen::MatrixXd>& m) {
  auto out = new_rows(m.cols(), m.rows());
  matrix_of(out) = m;
  return out;
}

py::array_t<double> vector_of(const Eigen::Ref<const Eigen::VectorXd>& v) {
  py::array_t<double> out(static_cast<py::ssize_t>(v.size()));
  Eigen::Map<Eigen::VectorXd>(out.mutable_data(), v.size()) = v;
  return out;
}

py::array_t<double> matrix_as_is(const Eigen::Ref<const Eigen::MatrixXd>& m) {
  return rows_of(m.transpose());  // the array's rows are the matrix's rows
}

}  // namespace flowlab::python
