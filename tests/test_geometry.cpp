#include "core/data/dataset.hpp"
#include "core/denoisers/ray_geometry.hpp"
#include "support.hpp"

using namespace flowlab;

TEST_CASE("geometry: each generator is recognised with the right apex and rays") {
  SUBCASE("single point") {
    auto g = detect_ray_geometry(Eigen::MatrixXd::Ones(3, 1));
    REQUIRE(g.is_ok());
    CHECK(g.value().kind == "single point");
    CHECK(g.value().rays.empty());
  }
  SUBCASE("1-D: apex at the smallest point, one ray with the rest in order") {
    Eigen::MatrixXd X(1, 4);
    X << 3, -1, 7, 0;
    auto g = detect_ray_geometry(X);
    REQUIRE(g.is_ok());
    CHECK(g.value().kind == "1-D");
    CHECK(g.value().apex_point == 1);
    REQUIRE(g.value().rays.size() == 1);
    CHECK(g.value().rays[0].t == std::vector<double>{1, 4, 8});
    CHECK(g.value().rays[0].points == std::vector<int>{3, 0, 2});
    CHECK(g.value().min_gap() == 1.0);
    CHECK(g.value().min_gap_where() == "between point 2 (the apex) and point 4 (ray 1)");
  }
  SUBCASE("collinear in R^4") {
    auto g = detect_ray_geometry(make_collinear({5, 4, 1.0, 2.0, 3}).value().points);
    REQUIRE(g.is_ok());
    CHECK(g.value().kind == "collinear");
    CHECK(g.value().rays.size() == 1);
  }
  SUBCASE("orthogonal (rotated, N < d): apex at the origin, one point per ray") {
    auto g = detect_ray_geometry(make_orthogonal({4, 6, 0.5, 2.0, true, 5}).value().points);
    REQUIRE(g.is_ok());
    CHECK(g.value().kind == "orthogonal");
    CHECK(g.value().apex_point == -1);
    CHECK(g.value().apex.norm() == 0.0);
    CHECK(g.value().rays.size() == 4);
    CHECK(g.value().one_point_per_ray());
  }
  SUBCASE("right and obtuse simplexes: apex at the vertex with the wide angle") {
    auto right = detect_ray_geometry(make_simplex({3, 3, 90.0, 1.0, true, 2}).value().points);
    REQUIRE(right.is_ok());
    CHECK(right.value().kind == "right simplex");
    CHECK(right.value().apex_point == 0);
    auto obtuse = detect_ray_geometry(make_simplex({2, 2, 120.0, 1.0, false, 2}).value().points);
    REQUIRE(obtuse.is_ok());
    CHECK(obtuse.value().kind == "obtuse simplex");
    CHECK(obtuse.value().apex_point == 0);
  }
  SUBCASE("rays with several points each") {
    auto g = detect_ray_geometry(make_rays({3, 3, 3, 100.0, 1.0, 0.3, true, 4}).value().points);
    REQUIRE(g.is_ok());
    CHECK(g.value().kind == "rays");
    CHECK(g.value().rays.size() == 3);
    for (const auto& r : g.value().rays) CHECK(r.t.size() == 3);
  }
}

TEST_CASE("geometry: acute data has no closed form, and the message says which angle") {
  auto g = detect_ray_geometry(make_simplex({2, 2, 60.0, 1.0}).value().points);
  REQUIRE_FALSE(g.is_ok());
  CHECK(g.message().find("meet at 60.0 degrees, an acute angle") != std::string::npos);
  CHECK(g.message().find("trained network") != std::string::npos);
  auto clusters = detect_ray_geometry(make_clusters({}).value().points);
  CHECK_FALSE(clusters.is_ok());
}
