// Short links (version 2): only the fields that differ from their defaults,
// points in the compact form; every version-1 link still opens as before.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "app/compact_points.hpp"
#include "app/presets.hpp"
#include "app/share_link.hpp"
#include "core/analysis/classify.hpp"
#include "core/data/rng.hpp"

using namespace flowlab::app;

TEST_CASE("compact points: exact decimals round-trip bit for bit; other doubles are refused") {
  const std::vector<double> v{0, 1, -1, 0.5, 0.123, -2.75, 1234.567, 1e-6, 300000.25};
  const auto text = encode_points(v);
  REQUIRE(text);
  CHECK(is_compact_points(*text));
  std::string why;
  const auto back = decode_points(*text, 100, why);
  REQUIRE(back);
  CHECK(*back == v);
  CHECK_FALSE(encode_points({0.1 + 0.2}));  // 0.30000000000000004 is not a decimal of 6 places
  CHECK_FALSE(encode_points({M_PI}));
  CHECK(*encode_points({1, 2, 3}) == "0~AgQG");  // whole numbers: 0 places, one byte each
}

TEST_CASE("compact points: malformed text is refused with a reason, never read past its end") {
  std::string why;
  for (const char* bad : {"~AA", "7~AA", "3~A*A", "3~gA", "x~AA", "3~_____________w"}) {
    CAPTURE(bad);
    CHECK_FALSE(decode_points(bad, 100, why));
    CHECK_FALSE(why.empty());
  }
  CHECK_FALSE(decode_points(*encode_points(std::vector<double>(20, 1.0)), 10, why));  // over the bound
}

TEST_CASE("short link: 100 random 2-D points with three decimals fit in 1,200 characters and round-trip") {
  flowlab::Rng rng(7);
  AppState s;
  s.preset = "custom";
  s.points.clear();
  for (int i = 0; i < 200; ++i) s.points.push_back(std::round(rng.uniform() * 4000.0 - 2000.0) / 1000.0);
  const std::string link = to_fragment(s);
  CAPTURE(link);
  CHECK(link.size() <= 1200);
  CHECK(link.rfind("v=3&", 0) == 0);
  const LinkRead r = from_fragment(link);
  CHECK(r.notices.empty());
  CHECK(r.state.points == s.points);
  CHECK(r.state == s);
}

TEST_CASE("short link: only fields that differ from their defaults; the default state is just the version") {
  CHECK(to_fragment(AppState()) == "v=3");
  AppState s;
  s.particles = 123;
  s.zoom = 1.5;
  CHECK(to_fragment(s) == "v=3&np=123&zoom=1.5");
  CHECK(from_fragment("v=3&np=123&zoom=1.5").state == s);
}

TEST_CASE("short link: a link from before version 3 keeps the tolerance it was shared with") {
  CHECK(AppState().tol == flowlab::kDefaultTolerance);
  CHECK(from_fragment("v=2&np=123").state.tol == 0.2);  // the default of versions 1 and 2
  CHECK(from_fragment("v=1&np=123").state.tol == 0.2);
  CHECK(from_fragment("v=2&tol=0.05").state.tol == 0.05);
  CHECK(from_fragment("v=3&np=123").state.tol == flowlab::kDefaultTolerance);
  CHECK(to_fragment(from_fragment("v=2&np=123").state) == "v=3&np=123&tol=0.2");  // rewritten, the same numbers
  CHECK(from_fragment("v=3&cls=denoised&region=1").state.classify == "denoised");
  CHECK_FALSE(from_fragment("v=3&cls=final").notices.empty());
}

TEST_CASE("short link: every preset's link and a full version-1 link open exactly as before") {
  for (const Preset& p : kPresets) {
    const LinkRead r = from_fragment(p.link);
    CHECK_MESSAGE(r.notices.empty(), p.name);
    CHECK(from_fragment(to_fragment(r.state)).state == r.state);  // the short link is the same state
  }
  AppState custom;
  custom.preset = "custom";
  custom.points = {0.1 + 0.2, 0, 1, 0, 0, 1};  // not a short decimal: written exactly, as decimals
  const std::string link = to_fragment(custom);
  CHECK(link.find("pts=0.30000000000000004,0;1,0;0,1") != std::string::npos);
  CHECK(from_fragment(link).state.points == custom.points);
  const std::string v1 = "v=1&preset=custom&d=2&pts=0,0;1,0;0,1&np=500";
  CHECK(from_fragment(v1).notices.empty());
  CHECK(from_fragment(v1).state.points == std::vector<double>{0, 0, 1, 0, 0, 1});
}

TEST_CASE("short link: a malformed compact field falls back to its default with a notice") {
  const LinkRead r = from_fragment("v=2&preset=custom&pts=3~A*");
  CHECK_FALSE(r.notices.empty());
  CHECK(r.state.preset == AppState().preset);
}
