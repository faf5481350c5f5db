#include <algorithm>
#include <cmath>
#include <ostream>

#include "commands.hpp"
#include "core/runtime/budget.hpp"
#include "common.hpp"
#include "core/data/csv.hpp"
#include "core/data/digits.hpp"

namespace flowlab::cli {

namespace {
constexpr int kPoints = static_cast<int>(budget::kMaxPoints), kDim = static_cast<int>(budget::kMaxDim);
}  // namespace

int cmd_generate(int argc, char** argv) {
  Args a("generate", "--preset NAME [parameters] [--out D.csv]",
         {{"preset", "NAME", "points1d, orthogonal, simplex, rays, collinear, clusters or digits"},
          {"n", "N", "number of points (points1d, orthogonal, collinear, digits (up to 1797); default 3)"},
          {"classes", "LIST", "digits: the labels to draw from, balanced, e.g. 0,3,8 (default all ten)"},
          {"d", "D", "dimension (default: the smallest that fits)"},
          {"edges", "K", "simplex: edges from the apex (default 2)"},
          {"angle", "DEG", "simplex/rays: angle between edges in degrees (default 90; 60 = equilateral)"},
          {"length", "L", "simplex: edge length; orthogonal: min length (default 1)"},
          {"max-length", "L", "orthogonal: max length (default = --length)"},
          {"rays", "R", "rays: number of rays (default 2)"},
          {"per-ray", "M", "rays: points per ray (default 2)"},
          {"clusters", "C", "clusters: number of clusters (default 3)"},
          {"per-cluster", "M", "clusters: points per cluster (default 4)"},
          {"std", "S", "clusters: spread within a cluster (default 0.3)"},
          {"rotate", "", "apply a seeded random rotation"},
          {"seed", "N", "random seed (default 1)"},
          {"out", "D.csv", "write here (default: standard output)"}});
  int code = 0;
  if (handle_parse(a, argc, argv, 2, code)) return code;
  a.require("preset");
  const std::string preset = a.str("preset");
  const int n = a.integer("n", 3, 1, kPoints), edges = a.integer("edges", 2, 1, kDim), rays = a.integer("rays", 2, 1, kDim);
  const double angle = a.number("angle", 90.0, 0, 180), length = a.number("length", 1.0, 0, 1e12);
  const bool rotate = a.has("rotate");
  const auto seed = a.seed("seed", 1);
  if (!a.ok()) return usage_error("generate", a.error());
  if (a.has("classes") && preset != "digits") return usage_error("generate", "--classes is for --preset digits");
  Result<Dataset> ds = Error{"unknown preset '" + preset.substr(0, 80) + "'"};
  if (preset == "points1d") ds = make_points_1d({n, 1.0, 2.0, seed});
  else if (preset == "orthogonal")
    ds = make_orthogonal({n, a.integer("d", std::min(n, kDim), 1, kDim), length, a.number("max-length", length, 0, 1e12), rotate, seed});
  else if (preset == "simplex") ds = make_simplex({edges, a.integer("d", edges, 1, kDim), angle, length, rotate, seed});
  else if (preset == "rays")
    ds = make_rays({rays, a.integer("per-ray", 2, 1, kPoints), a.integer("d", rays, 1, kDim), angle, length, 0.0, rotate, seed});
  else if (preset == "collinear") ds = make_collinear({n, a.integer("d", 2, 1, kDim), 1.0, 2.0, seed});
  else if (preset == "digits") {  // rows of the UCI optical digits scaled by 1/16, d = 64
    DigitsParams dp;
    dp.n = n;
    dp.seed = seed;
    if (a.has("classes")) {
      for (double c : number_list(a, "classes")) {
        if (!(c >= 0 && c <= 9) || c != std::floor(c)) a.fail("--classes: each class is a digit 0..9");
        else dp.classes.push_back(static_cast<int>(c));
      }
    }
    if (auto d = make_digits(dp)) ds = d.value().data;
    else ds = d.error();
  } else if (preset == "clusters")
    ds = make_clusters({a.integer("clusters", 3, 1, kPoints), a.integer("per-cluster", 4, 1, kPoints), a.integer("d", 2, 1, kDim), 3.0,
                        a.number("std", 0.3, 0, 1e12), seed});
  if (!a.ok()) return usage_error("generate", a.error());
  if (!ds) return usage_error("generate", ds.message());
  return write_output(a, [&](std::ostream& o) { write_points_csv(o, ds.value().points, read_threads(a)); });
}

}  // namespace flowlab::cli
