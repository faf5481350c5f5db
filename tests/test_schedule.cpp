#include <cmath>

#include "core/flows/schedule.hpp"
#include "support.hpp"

using namespace flowlab;

TEST_CASE("schedule: grids run from sigma_max down to sigma_min, strictly decreasing") {
  for (Grid g : {Grid::edm, Grid::geometric, Grid::linear}) {
    auto s = noise_grid(g, 80.0, 0.002, 18);
    REQUIRE(s.is_ok());
    const auto& v = s.value();
    CHECK(v.size() == 19);
    CHECK(v.front() == 80.0);
    CHECK(v.back() == 0.002);
    for (std::size_t i = 1; i < v.size(); ++i) CHECK(v[i] < v[i - 1]);
  }
}

TEST_CASE("schedule: EDM levels follow Karras et al.'s formula — geometric has a constant ratio") {
  const auto edm = noise_grid(Grid::edm, 80.0, 0.002, 10).value();
  const double a = std::pow(80.0, 1 / 7.0), b = std::pow(0.002, 1 / 7.0);
  CHECK(edm[3] == doctest::Approx(std::pow(a + 0.3 * (b - a), 7.0)).epsilon(1e-13));
  const auto geo = noise_grid(Grid::geometric, 1.0, 1e-4, 4).value();
  for (std::size_t i = 1; i < geo.size(); ++i) CHECK(geo[i] / geo[i - 1] == doctest::Approx(0.1));
}

TEST_CASE("schedule: bad levels and step counts are errors") {
  CHECK(noise_grid(Grid::edm, 1.0, 0.0, 10).message().find("0 < sigma_min < sigma_max") != std::string::npos);
  CHECK_FALSE(noise_grid(Grid::edm, 0.1, 1.0, 10).is_ok());
  CHECK_FALSE(noise_grid(Grid::edm, NAN, 0.1, 10).is_ok());
  CHECK(noise_grid(Grid::edm, 1.0, 0.1, 0).message().find("1 <= steps <= 10000000") != std::string::npos);
}

TEST_CASE("schedule: a step to a level under 1e-14 of the one before is named for a divergence message") {
  CHECK(extreme_step(noise_grid(Grid::edm, 0.3, 1e-3, 200).value()).empty());
  const std::string why = extreme_step(noise_grid(Grid::edm, 1.0, 1e-300, 50).value());
  CHECK(why.find("from sigma 1.28e-12 to 1e-300") != std::string::npos);
  CHECK(why.find("raise sigma_min or use the Euler integrator") != std::string::npos);
}
