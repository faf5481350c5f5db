// flowlab.datasets: the core's seeded generators (core/data), as n x d arrays.
#include <pybind11/stl.h>

#include "arrays.hpp"
#include "core/data/dataset.hpp"
#include "core/data/digits.hpp"
#include "handles.hpp"

namespace flowlab::python {

namespace {
py::array_t<double> rows(Result<Dataset> d) { return rows_of(value_or_raise(std::move(d)).points); }
}  // namespace

void bind_data(py::module_& m) {
  py::module_ ds = m.def_submodule("datasets", "Seeded training sets of the geometries the theory covers (n x d arrays).");
  using namespace py::literals;
  ds.def(
      "simplex",
      [](int n, int d, double angle, double length, bool rotate, std::uint64_t seed) {
        return rows(make_simplex({n, d, angle, length, rotate, seed}));
      },
      "n"_a = 2, "d"_a = 2, "angle"_a = 90.0, "length"_a = 1.0, "rotate"_a = false, "seed"_a = 1,
      "An apex at the origin (the first row) and n points at distance `length` whose edges from the apex meet "
      "pairwise at `angle` degrees (90: a right simplex). n + 1 rows.");
  ds.def(
      "orthogonal",
      [](int n, int d, double min_length, double max_length, bool rotate, std::uint64_t seed) {
        return rows(make_orthogonal({n, d, min_length, max_length, rotate, seed}));
      },
      "n"_a = 3, "d"_a = 3, "min_length"_a = 1.0, "max_length"_a = 1.0, "rotate"_a = false, "seed"_a = 1,
      "x_n = a_n u_n with orthonormal u_n (the standard basis unless rotated) and a_n uniform in "
      "[min_length, max_length]. Needs n <= d.");
  ds.def(
      "rays",
      [](int rays, int per_ray, int d, double angle, double spacing, double jitter, bool rotate, std::uint64_t seed) {
        return rows(make_rays({rays, per_ray, d, angle, spacing, jitter, rotate, seed}));
      },
      "rays"_a = 2, "per_ray"_a = 2, "d"_a = 2, "angle"_a = 90.0, "spacing"_a = 1.0, "jitter"_a = 0.0,
      "rotate"_a = false, "seed"_a = 1,
      "An apex at the origin and `per_ray` points on each ray at k * spacing (plus uniform jitter), the rays "
      "meeting pairwise at `angle` degrees.");
  ds.def(
      "points1d",
      [](int n, double min_gap, double max_gap, std::uint64_t seed) { return rows(make_points_1d({n, min_gap, max_gap, seed})); },
      "n"_a = 5, "min_gap"_a = 1.0, "max_gap"_a = 2.0, "seed"_a = 1,
      "x_1 = 0 < x_2 < ... with gaps uniform in [min_gap, max_gap]: an n x 1 array.");
  ds.def(
      "collinear",
      [](int n, int d, double min_gap, double max_gap, std::uint64_t seed) {
        return rows(make_collinear({n, d, min_gap, max_gap, seed}));
      },
      "n"_a = 4, "d"_a = 2, "min_gap"_a = 1.0, "max_gap"_a = 2.0, "seed"_a = 1,
      "The points of points1d along a seeded random unit direction of R^d.");
  ds.def(
      "clusters",
      [](int clusters, int per_cluster, int d, double spread, double std, std::uint64_t seed) {
        return rows(make_clusters({clusters, per_cluster, d, spread, std, seed}));
      },
      "clusters"_a = 3, "per_cluster"_a = 4, "d"_a = 2, "spread"_a = 3.0, "std"_a = 0.3, "seed"_a = 1,
      "Cluster centres ~ N(0, spread^2 I), points ~ N(centre, std^2 I).");
  ds.def(
      "digits",
      [](int n, const std::vector<int>& classes, std::uint64_t seed) {
        DigitsParams p;
        p.n = n, p.classes = classes, p.seed = seed;
        Digits dg = value_or_raise(make_digits(p));
        return py::make_tuple(rows_of(dg.data.points), py::cast(dg.labels), py::cast(dg.rows));
      },
      "n"_a = 100, "classes"_a = std::vector<int>{}, "seed"_a = 1,
      "n handwritten digits (the UCI optical digits, 8 x 8 pixels scaled to [0, 1], one image a row of 64), "
      "balanced over `classes` (empty: all ten), chosen by the seed. Returns (X, labels, rows): rows are the "
      "images' 0-based rows in the UCI file.");
}

}  // namespace flowlab::python
