#include "core/analysis/classify.hpp"
#include "core/data/dataset.hpp"
#include "core/data/rng.hpp"
#include "core/denoisers/factory.hpp"
#include "support.hpp"

using namespace flowlab;

TEST_CASE("classify: orthogonal data (apex at the origin): training, virtual, apex, manifold, other") {
  const auto X = make_orthogonal({3, 4, 1.0, 2.0, true, 2}).value().points;
  auto c = Classifier::create(X, 0.2).value();
  CHECK(c.structured());
  Eigen::MatrixXd Y(4, 7);
  Y.col(0) = X.col(1) * 1.1;                        // near x_2
  Y.col(1) = X.col(0) + X.col(2);                   // x_1 + x_3
  Y.col(2) = X.col(0) * 0.1 + X.col(1) * -0.1;      // near the origin
  Y.col(3) = X.col(0) * 0.5 + X.col(1);             // on the hyperbox, not a vertex
  Y.col(4) = X.col(0) * 2.0;                        // outside the box
  Y.col(5) = X.col(0) + X.col(1) + X.col(2);        // the far corner
  Y.col(6) = X.col(0);
  Y(3, 6) += 5.0;                                   // far from the span
  const auto r = c.classify(Y);
  CHECK(r.classes == std::vector<EndClass>{EndClass::training, EndClass::virtual_point, EndClass::apex,
                                           EndClass::manifold, EndClass::other, EndClass::virtual_point,
                                           EndClass::other});
  CHECK(r.vertex(0) == std::vector<int>{1});
  CHECK(r.vertex(1) == std::vector<int>{0, 2});
  CHECK(r.vertex(5) == std::vector<int>{0, 1, 2});
  CHECK(r.vertex(3).empty());
  CHECK(r.counts[static_cast<int>(EndClass::virtual_point)] == 2);
  CHECK(r.fraction(EndClass::other) == doctest::Approx(2.0 / 7.0));
}

TEST_CASE("classify: the edge coordinates hold at high dimension (d = 600, 48 rays)") {
  // The edges' pseudo-inverse (through the wide transpose): rotated orthogonal data, d = 600 and 48
  // rays of lengths 1 to 3; every training point, and a sum of seven, found as such.
  const auto X = make_orthogonal({48, 600, 1.0, 3.0, true, 7}).value().points;
  auto c = Classifier::create(X, 0.02).value();
  REQUIRE(c.structured());
  Eigen::MatrixXd Y(600, 50);
  Y.leftCols(48) = X;
  Y.col(48) = X.col(3) + X.col(5) + X.col(8) + X.col(13) + X.col(21) + X.col(34) + X.col(47);
  Y.col(49) = X.col(3) * 0.5;
  const auto r = c.classify(Y);
  for (int k = 0; k < 48; ++k) {
    CHECK(r.classes[static_cast<std::size_t>(k)] == EndClass::training);
    CHECK(r.vertex(k) == std::vector<int>{k});
  }
  CHECK(r.classes[48] == EndClass::virtual_point);
  CHECK(r.vertex(48) == std::vector<int>{3, 5, 8, 13, 21, 34, 47});
  CHECK(r.classes[49] == EndClass::manifold);
}

TEST_CASE("classify: when the apex is a training point, ending there counts as training") {
  const auto X = make_simplex({2, 2, 110.0, 1.0}).value().points;
  auto c = Classifier::create(X, 0.2).value();
  Eigen::MatrixXd Y(2, 2);
  Y.col(0) = X.col(0);
  Y(0, 0) += 0.05;
  Y.col(1) = X.col(1) + X.col(2) - X.col(0);  // the parallelogram corner: a virtual point
  const auto r = c.classify(Y);
  CHECK(r.classes[0] == EndClass::training);
  CHECK(r.vertex(0) == std::vector<int>{0});
  CHECK(r.classes[1] == EndClass::virtual_point);
}

TEST_CASE("classify: data without that structure: Gu et al.'s ratio, nearest < second-nearest / 3") {
  Eigen::MatrixXd X(2, 4);  // four points in the plane: no apex with independent edges
  X << 0, 4, 0, 7,
       0, 0, 3, 7;
  auto c = Classifier::create(X).value();
  CHECK_FALSE(c.structured());
  Eigen::MatrixXd Y(2, 5);
  Y << 0, 0.9, 1.1, 50, 0,
       0, 0,   0,   50, 2.9;
  // (0.9, 0): 0.9 from x_1, 3.1 from x_2 (ratio 0.29): memorized; (1.1, 0): 1.1 and 2.9 (0.38): novel;
  // far away: novel; (0, 2.9): 0.1 from x_3, 2.9 from x_1: memorized
  const auto r = c.classify(Y);
  CHECK(r.classes == std::vector<EndClass>{EndClass::training, EndClass::training, EndClass::novel, EndClass::novel,
                                           EndClass::training});
  CHECK(r.vertex(0) == std::vector<int>{0});
  CHECK(r.vertex(4) == std::vector<int>{2});
  CHECK_FALSE(Classifier::create(X, 0.0).is_ok());
  Eigen::MatrixXd one(2, 1);  // a single training point: within tau of it
  one << 1, 1;
  const auto single = Classifier::create(one, 0.1).value().classify((Eigen::MatrixXd(2, 2) << 1.05, 1.5, 1, 1).finished());
  CHECK(single.classes == std::vector<EndClass>{EndClass::training, EndClass::novel});
}

TEST_CASE("classify: under the default tolerance a particle stopped on an edge 0.15 from a corner is a manifold point") {
  const auto X = make_simplex({2, 2, 90.0, 1.0}).value().points;  // the right angle: apex x_0, x_1, x_2
  const auto c = Classifier::create(X).value();
  CHECK(kDefaultTolerance < 0.15);
  Eigen::MatrixXd Y(2, 4);
  Y.col(0) = X.col(0) + 0.85 * (X.col(1) - X.col(0));  // on the edge x_0 x_1, 0.15 from x_1
  Y.col(1) = X.col(0) + 0.15 * (X.col(2) - X.col(0));  // 0.15 from the apex (a training point)
  Y.col(2) = X.col(1) + 0.01 * (X.col(0) - X.col(1));  // 0.01 from x_1: at it, within tau
  Y.col(3) = X.col(1) + X.col(2) - X.col(0) + Eigen::Vector2d(0.005, -0.005);  // the virtual corner
  const auto r = c.classify(Y);
  CHECK(r.classes == std::vector<EndClass>{EndClass::manifold, EndClass::manifold, EndClass::training, EndClass::virtual_point});
  // the first version's tau = 0.2 counted both edge points as training points
  const auto loose = Classifier::create(X, 0.2).value().classify(Y);
  CHECK(loose.classes[0] == EndClass::training);
  CHECK(loose.classes[1] == EndClass::training);
}

TEST_CASE("classify: the denoised samples are h at the last noise level, classified by the same rule") {
  const auto X = make_simplex({2, 2, 90.0, 1.0}).value().points;
  auto den = make_denoiser(X, {"minnorm"}).value();
  const double sigma = 0.05;  // rho = sqrt(2) sigma ~ 0.07: the plateaus around the vertices
  Eigen::MatrixXd Y(2, 3);
  Y.col(0) = X.col(1) + 0.04 * (X.col(0) - X.col(1));  // on x_1's plateau: 0.04 from it
  Y.col(1) = X.col(0) + 0.5 * (X.col(1) - X.col(0));   // the middle of an edge: on a ramp
  Y.col(2) = X.col(1) + Eigen::Vector2d(0.03, 0.02);   // off the edge, on x_1's plateau
  const auto same = samples_of(Target::endpoint, *den, sigma, Y).value();
  CHECK((same - Y).norm() == 0.0);
  const auto H = samples_of(Target::denoised, *den, sigma, Y).value();
  CHECK((H - (*den)(Y, sigma)).norm() < 1e-12);
  const auto c = Classifier::create(X).value();
  const auto ends = c.classify(Y), samples = c.classify(H);
  CHECK(ends.classes == std::vector<EndClass>{EndClass::manifold, EndClass::manifold, EndClass::other});
  // the closed form maps the plateau onto its vertex, the ramp onto the edge
  CHECK((H.col(0) - X.col(1)).norm() < 1e-9);
  CHECK((H.col(2) - X.col(1)).norm() < 1e-9);
  CHECK(samples.classes == std::vector<EndClass>{EndClass::training, EndClass::manifold, EndClass::training});
  CHECK(parse_target("denoised").value() == Target::denoised);
  CHECK_FALSE(parse_target("final").is_ok());
}

TEST_CASE("classify: the regions drawn for 2-D data contain exactly the points of their class") {
  Rng rng(9);
  for (const bool structured : {true, false}) {
    CAPTURE(structured);
    const Eigen::MatrixXd X = structured ? make_simplex({2, 2, 110.0, 1.0}).value().points
                                         : make_clusters({2, 2, 2, 3.0, 0.5, 3}).value().points;
    const auto c = Classifier::create(X, 0.1).value();
    const auto regions = c.regions(720);
    REQUIRE(!regions.empty());
    // a point inside a convex outline (all are: parallelograms and intersections of discs)
    const auto inside = [](const Eigen::MatrixXd& o, const Eigen::Vector2d& y) {
      int sign = 0;
      for (Eigen::Index k = 0; k < o.cols(); ++k) {
        const Eigen::Vector2d a = o.col(k), b = o.col((k + 1) % o.cols());
        const double cross = (b - a).x() * (y - a).y() - (b - a).y() * (y - a).x();
        const int s = cross > 1e-9 ? 1 : cross < -1e-9 ? -1 : 0;
        if (s != 0 && sign != 0 && s != sign) return false;
        if (s != 0) sign = s;
      }
      return true;
    };
    Eigen::MatrixXd Y(2, 4000);
    for (Eigen::Index j = 0; j < Y.cols(); ++j)
      Y.col(j) = X.col(j % X.cols()) + 0.6 * Eigen::Vector2d(rng.uniform() - 0.5, rng.uniform() - 0.5);
    const auto r = c.classify(Y);
    int checked = 0;
    for (Eigen::Index j = 0; j < Y.cols(); ++j) {
      const EndClass cls = r.classes[static_cast<std::size_t>(j)];
      bool in_vertex = false, in_manifold = false;
      for (const auto& g : regions)
        (g.cls == EndClass::manifold ? in_manifold : in_vertex) |= inside(g.outline, Y.col(j));
      const bool vertex_class = cls == EndClass::training || cls == EndClass::virtual_point || cls == EndClass::apex;
      // the traced outline of a curved region is inscribed: skip points within 0.02 of its vertices
      bool near_edge = false;
      for (const auto& g : regions)
        for (Eigen::Index k = 0; k < g.outline.cols(); ++k)
          near_edge |= (g.outline.col(k) - Y.col(j)).norm() < 2e-2 * (structured ? 0.0 : 1.0);
      if (near_edge) continue;
      ++checked;
      CHECK(in_vertex == vertex_class);
      if (structured) CHECK(in_manifold == (vertex_class || cls == EndClass::manifold));
    }
    CHECK(checked > 3000);
  }
  CHECK(Classifier::create(make_orthogonal({3, 3, 1.0, 1.0, false, 1}).value().points).value().regions().empty());
}

TEST_CASE("classify: the hyperbox of orthogonal data has R 2^(R-1) edges, each one edge vector long") {
  const auto X = make_orthogonal({3, 3, 1.0, 2.0, false, 4}).value().points;
  const auto edges = Classifier::create(X, 0.2).value().hyperbox_edges();
  CHECK(edges.size() == 12);
  for (const auto& [a, b] : edges) {
    const Eigen::VectorXd e = b - a;
    int matches = 0;
    for (Eigen::Index n = 0; n < 3; ++n) matches += (e - X.col(n)).norm() < 1e-12;
    CHECK(matches == 1);
  }
  CHECK(Classifier::create(make_clusters({}).value().points, 0.2).value().hyperbox_edges().empty());
}

TEST_CASE("classify: the hyperbox skeleton keeps the edges up to the pair sums: R + R(R-1) of them") {
  const auto X = make_orthogonal({8, 8, 1.0, 1.0, false, 1}).value().points;
  const auto c = Classifier::create(X, 0.2).value();
  CHECK(c.hyperbox_edges().size() == 8 * 128);
  const auto skeleton = c.hyperbox_edges(2);
  CHECK(skeleton.size() == 8 + 8 * 7);
  for (const auto& [a, b] : skeleton) CHECK(b.sum() <= 2.0 + 1e-12);  // far corners: at most two points summed
  CHECK(c.hyperbox_edges(1).size() == 8);  // the edges from the apex
}

TEST_CASE("classify: the vertices reached, counted, located at the subset sums, most-reached first") {
  const auto X = make_simplex({2, 2, 90.0, 1.0}).value().points;  // apex x_0 = 0, x_1, x_2
  const auto c = Classifier::create(X, 0.2).value();
  Eigen::MatrixXd Y(2, 6);
  Y.col(0) = Y.col(1) = Y.col(2) = X.col(1) + X.col(2) - X.col(0);  // the virtual corner, three times
  Y.col(3) = X.col(1);
  Y.col(4) = X.col(0);
  Y.col(5) = 0.5 * X.col(1);  // on an edge: no vertex
  const auto reached = c.reached(c.classify(Y));
  REQUIRE(reached.size() == 3);
  CHECK(reached[0].count == 3);
  CHECK(reached[0].cls == EndClass::virtual_point);
  CHECK((reached[0].at - (X.col(1) + X.col(2) - X.col(0))).norm() < 1e-12);
  for (int k : {1, 2}) {  // x_1 and the apex (a training point), once each, in either order
    CHECK(reached[k].count == 1);
    CHECK(reached[k].cls == EndClass::training);
    CHECK((reached[k].at - X.col(reached[k].points[0])).norm() < 1e-12);
  }
  CHECK(reached[1].points[0] + reached[2].points[0] == 1);
}

TEST_CASE("classify: the hyperbox's vertices: the apex, each training point, every sum") {
  const auto X = make_orthogonal({3, 3, 1.0, 1.0, false, 1}).value().points;  // apex: the origin
  const auto v = Classifier::create(X, 0.2).value().vertices();
  REQUIRE(v.size() == 8);
  int apex = 0, training = 0, virtuals = 0;
  for (const auto& x : v) {
    apex += x.cls == EndClass::apex, training += x.cls == EndClass::training, virtuals += x.cls == EndClass::virtual_point;
    Eigen::VectorXd sum = Eigen::VectorXd::Zero(3);
    for (int n : x.points) sum += X.col(n);
    CHECK((x.at - sum).norm() < 1e-12);
  }
  CHECK(apex == 1);
  CHECK(training == 3);
  CHECK(virtuals == 4);
  const auto s = Classifier::create(make_simplex({2, 2, 90.0, 1.0}).value().points, 0.2).value().vertices();
  REQUIRE(s.size() == 4);
  CHECK(s[0].cls == EndClass::training);  // the apex is a training point there
  CHECK(s[0].points == std::vector<int>{0});
}

#include "alloc_counter.hpp"

namespace {
double second_nearest(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, Eigen::Index nearest) {
  double s = INFINITY;
  for (Eigen::Index i = 0; i < X.cols(); ++i)
    if (i != nearest) s = std::min(s, (X.col(i) - y).norm());
  return s;
}
}  // namespace

TEST_CASE("classify: into a reused result, the same answer without touching the heap") {
  for (const bool structured : {true, false}) {
    CAPTURE(structured);
    const Eigen::MatrixXd X = structured ? make_orthogonal({3, 3, 1.0, 2.0, true, 2}).value().points
                                         : make_clusters({3, 2, 3, 2.0, 0.5, 4}).value().points;
    const auto c = Classifier::create(X, 0.2).value();
    Rng rng(4);
    Eigen::MatrixXd Y(3, 700);  // vertices, noise around them, and far points; several blocks
    for (Eigen::Index j = 0; j < Y.cols(); ++j) {
      Eigen::VectorXd z(3);
      rng.fill_normal(z);
      const Eigen::Index k = j % X.cols();
      Y.col(j) = j % 3 == 0 ? Eigen::VectorXd(X.col(k) + X.col((k + 1) % X.cols())) : Eigen::VectorXd(X.col(k));
      Y.col(j) += (j % 5 == 0 ? 2.0 : 0.02) * z;
    }
    const Classification once = c.classify(Y);
    Classification reused;
    Workspace ws;
    c.classify(Y, reused, ws);
    {
      test::CountAllocations counter;
      c.classify(Y, reused, ws);
      if (test::allocation_counting_supported()) CHECK(counter.count() == 0);
    }
    CHECK(reused.classes == once.classes);
    CHECK(reused.vertex_index == once.vertex_index);
    CHECK(reused.counts == once.counts);
    // against the direct rule for the unstructured case: nearer than a third of the second-nearest
    if (!structured)
      for (Eigen::Index j = 0; j < Y.cols(); ++j) {
        Eigen::Index n = 0;
        const double dist = (X.colwise() - Y.col(j)).colwise().norm().minCoeff(&n);
        const bool hit = reused.classes[static_cast<std::size_t>(j)] == EndClass::training;
        CHECK(hit == (dist < second_nearest(X, Y.col(j), n) / 3));
        if (hit) CHECK(reused.vertex(static_cast<std::size_t>(j)) == std::vector<int>{static_cast<int>(n)});
      }
  }
}

TEST_CASE("classify: Gu et al.'s ratio per sample: nearest row, ties, a doubled point counted once, N = 1 refused") {
  Eigen::MatrixXd X(2, 4);
  X << 0, 4, 0, 0,
       0, 0, 3, 3;  // the last two coincide
  Eigen::MatrixXd Y(2, 4);
  Y << 0.9, 2, 0, 0,
       0,   0, 3, 0;
  const auto r = nearest_ratio(X, Y, 1).value();
  CHECK(r.nearest[0] == 0);
  CHECK(r.ratio[0] == doctest::Approx(0.9 / 3.1));  // (0.9, 0): 0.9 from x_1, 3.1 from x_2 (3.13 from x_3)
  CHECK(r.ratio[1] == doctest::Approx(1.0));         // (2, 0): as far from x_1 as from x_2, a tie
  CHECK(r.ratio[2] == 0.0);                          // a copy of the doubled point: its copies count as one point
  Eigen::MatrixXd near_double(2, 1);
  near_double << 0, 2.5;  // 0.5 from the doubled point, 2.5 from x_1: memorized, not a tie with its own copy
  CHECK(nearest_ratio(X, near_double).value().ratio[0] == doctest::Approx(0.2));
  Eigen::MatrixXd same(2, 2);
  same << 1, 1, 1, 1;  // every point one: no second point to compare with
  CHECK(nearest_ratio(same, near_double).value().ratio[0] == 1.0);
  CHECK(r.nearest[3] == 0);
  CHECK(r.ratio[3] == 0.0);                          // x_1 itself
  Eigen::MatrixXd big(2, 700);  // several chunks on two threads: the same as one
  Rng rng(3);
  rng.fill_uniform(big, -1, 5);
  const auto one = nearest_ratio(X, big, 1).value(), two = nearest_ratio(X, big, 2).value();
  CHECK(one.nearest == two.nearest);
  CHECK(one.ratio == two.ratio);
  // The classifier reports the same nearest point and ratio for every particle, memorized or not,
  // chunked on threads or not; structured data have none.
  const Classifier cls = Classifier::create(X).value();
  for (const Classification& c : {cls.classify(big), cls.classify(big, 2)}) {
    CHECK(c.nearest == one.nearest);
    CHECK(c.ratio == one.ratio);
  }
  Eigen::MatrixXd corner(2, 3);
  corner << 0, 1, 0,
            0, 0, 1;
  CHECK(Classifier::create(corner).value().classify(big).nearest.empty());
  CHECK(nearest_ratio(X.leftCols(1), Y).message().find("at least two training points") != std::string::npos);
  CHECK_FALSE(nearest_ratio(X, Eigen::MatrixXd(3, 2)).is_ok());
}
