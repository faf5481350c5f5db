#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "app/budget_fit.hpp"
#include "app/fields.hpp"
#include "app/share_link.hpp"
#include "core/data/rng.hpp"

using namespace flowlab::app;

namespace {
// Sets each field to a valid value other than its default, one field at a time
// when `only` names it, or all of them.
struct Perturb {
  std::string only;
  int visited = 0;
  bool want(const char* key) {
    ++visited;
    return only.empty() || only == key;
  }
  void number(const char* key, double& v, double lo, double hi) {
    if (want(key)) v = v == lo + 0.3 * (hi - lo) ? lo : lo + 0.3 * (hi - lo);
  }
  void integer(const char* key, int& v, int lo, int hi) {
    if (want(key)) v = v == hi ? lo : hi;
  }
  void seed(const char* key, std::uint64_t& v) {
    if (want(key)) v = 18446744073709551557ull;
  }
  void flag(const char* key, bool& v) {
    if (want(key)) v = !v;
  }
  void choice(const char* key, std::string& v, std::initializer_list<const char*> options) {
    if (!want(key)) return;
    for (const char* o : options)
      if (v != o) v = o;
  }
  void points(const char* key, std::vector<double>& v) {
    if (want(key)) v = {0.1, -2.5, 1.0 / 3.0, 1e-300};  // two points when d = 2
  }
  void text(const char* key, std::string& v, int) {
    if (want(key)) v = "A & B = 50% #1 Ã©";  // the link's own separators, and UTF-8
  }
};

// Lists the field names.
struct Names {
  std::vector<std::string> keys;
  void number(const char* k, double&, double, double) { keys.push_back(k); }
  void integer(const char* k, int&, int, int) { keys.push_back(k); }
  void seed(const char* k, std::uint64_t&) { keys.push_back(k); }
  void flag(const char* k, bool&) { keys.push_back(k); }
  void choice(const char* k, std::string&, std::initializer_list<const char*>) { keys.push_back(k); }
  void points(const char* k, std::vector<double>&) { keys.push_back(k); }
  void text(const char* k, std::string&, int) { keys.push_back(k); }
};

std::vector<std::string> field_names() {
  AppState s;
  Names n;
  visit_fields(s, n);
  return n.keys;
}

bool mentions(const LinkRead& r, const std::string& text) {
  for (const auto& n : r.notices)
    if (n.find(text) != std::string::npos) return true;
  return false;
}
}  // namespace

TEST_CASE("share link: the default state round-trips with no notices") {
  const AppState s;
  const LinkRead r = from_fragment("#" + to_fragment(s));
  CHECK(r.notices.empty());
  CHECK(r.state == s);
  CHECK(from_fragment("").notices.empty());
}

TEST_CASE("share link: every field round-trips on its own, and all together") {
  for (const auto& key : field_names()) {
    CAPTURE(key);
    AppState s;
    s.d = 2;
    Perturb p{key};
    visit_fields(s, p);
    if (key == "d") s.points.clear();
    if (key == "pts") s.preset = "custom";
    if (key == "preset") s.points = {0, 0, 1, 1};  // the perturbed preset is "custom": it needs points
    if (key == "ax" || key == "ay") s.d = kMaxDim;   // the perturbed axis must exist
    REQUIRE(s != AppState());
    const LinkRead r = from_fragment(to_fragment(s));
    CHECK(r.notices.empty());
    AppState fitted = s;  // np = 200000 alone is over the page's budget for the default scene
    CHECK(fit_to_budget(fitted).size() == r.budget.size());
    CHECK(r.state == fitted);
  }
  AppState all;
  Perturb p{""};
  visit_fields(all, p);
  all.d = 2;
  all.preset = "custom";
  all.axis_x = 1, all.axis_y = 0;  // within d = 2
  const LinkRead r = from_fragment(to_fragment(all));
  CHECK(r.notices.empty());
  // Every field at its largest is over the page's budget: the costliest are lowered, and only those.
  AppState fitted = all;
  CHECK(fit_to_budget(fitted).size() == r.budget.size());
  CHECK_FALSE(r.budget.empty());
  CHECK(r.state == fitted);
  CHECK(r.state.points == all.points);  // bit for bit, including 1/3 and 1e-300
}

TEST_CASE("share link: malformed fields keep their defaults and a notice names each") {
  const AppState d;
  struct Case {
    const char* fragment;
    const char* names;
  };
  const Case cases[] = {
      {"v=1&n=abc", "'n=abc': not an integer"},
      {"v=1&np=", "'np=': not an integer"},
      {"v=1&sigma=nan", "'sigma=nan': not a finite number"},
      {"v=1&smax=inf", "'smax=inf': not a finite number"},
      {"v=1&np=1000000000", "'np=1000000000': outside [1, 1048576]"},
      {"v=1&steps=-5", "'steps=-5': outside"},
      {"v=1&n=2.5", "'n=2.5': not an integer"},
      {"v=1&den=magic", "'den=magic': not one of minnorm, emmse, ksmooth"},
      {"v=1&field=yes", "'field=yes': not 0 or 1"},
      {"v=1&seed=-1", "'seed=-1': not a seed"},
      {"v=1&seed=99999999999999999999999", "not a seed"},
      {"v=1&d=2&pts=1,2;3", "a point has 1 coordinates, d is 2"},
      {"v=1&d=2&pts=1,2;3,x", "a coordinate is not a finite number"},
      {"v=1&d=2&pts=1,2;3,4&preset=custom&pts=1,", "appears twice"},
      {"v=1&bogus=1", "unknown field 'bogus' ignored"},
      {"v=1&tol", "'tol' has no value"},
      {"v=7", "link version '7' is unknown"},
      {"v=1&preset=custom", "'preset=custom' without valid points"},
      {"v=1&pitch=3", "'pitch=3': outside"},
      {"v=1&d=5&proj=axes&ay=5", "'ay=5': no such coordinate in dimension 5"},
      {"v=1&init=click&spawn=1,2;3", "'spawn=1,2;3': a point has 1 coordinates"},
      {"v=1&proj=tsne", "not one of pca, axes"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.fragment);
    const LinkRead r = from_fragment(c.fragment);
    CHECK(mentions(r, c.names));
    // whatever failed is back at its default; the state is always usable
    CHECK(r.state.particles == d.particles);
    CHECK(r.state.denoiser == d.denoiser);
    CHECK(std::isfinite(r.state.sigma));
    CHECK(from_fragment(to_fragment(r.state)).notices.empty());
  }
}

TEST_CASE("share link: good fields survive beside bad ones, percent-encoding is read") {
  const LinkRead r = from_fragment("#v=1&np=500&sigma=nan&den=%65mmse&d=3&pts=0%2C0%2C0%3B1%2C0%2C0&preset=custom");
  CHECK(r.state.particles == 500);
  CHECK(r.state.denoiser == "emmse");
  CHECK(r.state.points == std::vector<double>{0, 0, 0, 1, 0, 0});
  CHECK(r.state.sigma == AppState().sigma);
  CHECK(r.notices.size() == 1);
}

TEST_CASE("share link: random garbage never breaks the reader") {
  flowlab::Rng rng(11);
  const std::string alphabet = "v=1&n;,.%-+e0123456789abcdefxyz#pts";
  for (int t = 0; t < 2000; ++t) {
    std::string f;
    const int len = static_cast<int>(rng.uniform(0, 80));
    for (int i = 0; i < len; ++i) f += alphabet[static_cast<std::size_t>(rng.uniform(0, static_cast<double>(alphabet.size())))];
    const LinkRead r = from_fragment(f);
    CAPTURE(f);
    CHECK(from_fragment(to_fragment(r.state)).notices.empty());
  }
}

TEST_CASE("share link: a NUL or control character in a field is shown as %XX and does not cut the notice") {
  const LinkRead r = from_fragment("v=1&np=12%00ab&den=x%0Ay");
  REQUIRE(r.notices.size() == 2);
  bool nul = false, newline = false;
  for (const auto& n : r.notices) {
    CHECK(n.find('\0') == std::string::npos);
    nul = nul || n.find("12%00ab") != std::string::npos;
    newline = newline || n.find("x%0Ay") != std::string::npos;
  }
  CHECK(nul);
  CHECK(newline);
}

TEST_CASE("share link: whether the link sets the camera; notices say what became of a bad field") {
  CHECK_FALSE(from_fragment("v=1&np=10").view_given);
  CHECK(from_fragment("v=1&zoom=2").view_given);
  CHECK(from_fragment("v=1&yaw=0.3").view_given);
  const LinkRead kept = from_fragment("v=1&np=-5", "the previous value is kept");
  REQUIRE(kept.notices.size() == 1);
  CHECK(kept.notices[0].find("the previous value is kept") != std::string::npos);
  CHECK(from_fragment("v=1&np=-5").notices[0].find("using the default") != std::string::npos);
}

TEST_CASE("share link: the trail fade time and the field's noise level round-trip") {
  AppState s;
  s.fade = 2.5;
  s.field_sigma = 0.1;
  const LinkRead r = from_fragment(to_fragment(s));
  CHECK(r.notices.empty());
  CHECK(r.state.fade == 2.5);
  CHECK(r.state.field_sigma == 0.1);
  CHECK_FALSE(from_fragment("v=1&fade=0").notices.empty());  // a trail must fade in a finite, positive time
}
