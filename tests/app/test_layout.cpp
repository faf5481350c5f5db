#include <doctest/doctest.h>

#include <array>
#include <cmath>

#include "app/layout.hpp"
#include "app/view.hpp"

using namespace flowlab::app;

TEST_CASE("layout: wide screens dock both panels beside the scene, covering none of it") {
  for (const auto& size : {std::array<float, 3>{1280, 800, 14}, {1920, 1080, 14}, {2560, 1600, 28}, {1000, 1000, 14}}) {
    const float w = size[0], h = size[1], em = size[2];
    const Layout l = layout_for(w, h, em);
    CAPTURE(w);
    REQUIRE(l.docked);
    CHECK(l.controls.x == 0);
    CHECK(l.controls.h == h);
    CHECK(l.stats.x + l.stats.w == doctest::Approx(w));
    CHECK(l.scene.x == doctest::Approx(l.controls.w));
    CHECK(l.scene.x + l.scene.w == doctest::Approx(l.stats.x));
    CHECK(l.scene.w >= 27 * em);
    // side by side: two panes split the scene
    CHECK(l.pane(1, 2).x == doctest::Approx(l.scene.x + l.scene.w / 2));
    CHECK(l.pane(1, 2).w == doctest::Approx(l.scene.w / 2));
  }
}

TEST_CASE("layout: a phone (390 by 844 CSS px, 3 device pixels each): the scene over 90% of the screen, a bar of 44 px buttons") {
  const Layout l = layout_for(1170, 2532, 42, true, 3);
  CHECK_FALSE(l.docked);
  CHECK(l.scene.w == 1170);
  CHECK(l.scene.w * l.scene.h >= 0.9 * 1170 * 2532);
  CHECK(l.bar.h >= 44 * 3);
  CHECK(l.bar.y + l.bar.h == doctest::Approx(2532));
  CHECK(l.scene.y + l.scene.h == doctest::Approx(l.bar.y));
  CHECK(l.sheet.y + l.sheet.h == doctest::Approx(l.bar.y));  // an open panel sits on the bar
  CHECK(l.sheet.w == 1170);
}

TEST_CASE("layout: an embedded scene (ui=0) is the whole canvas, at any size") {
  for (float w : {390.0f, 1280.0f}) {
    const Layout l = layout_for(w, 800, 14, false);
    CHECK(l.scene.x == 0);
    CHECK(l.scene.w == w);
    CHECK(l.scene.h == 800);
  }
}

TEST_CASE("view: one wheel notch is one zoom step, up zooms in, whatever the delta mode") {
  CHECK(wheel_notches(-100, 0) == doctest::Approx(1));  // Chromium: 100 px a notch, negative is up
  CHECK(wheel_notches(3, 1) == doctest::Approx(-1));    // Firefox: 3 lines
  CHECK(wheel_notches(-1, 2) == doctest::Approx(1));    // pages
  CHECK(std::pow(kZoomStep, wheel_notches(-100, 0)) == doctest::Approx(1.1));
}

TEST_CASE("view: the fitted camera shows the box whole and centred") {
  const double w = 700, h = 800;
  const Camera c = fit_camera(-1, 2, 3, 4, w, h, 0.1);
  CHECK(c.cx == doctest::Approx(1));
  CHECK(c.cy == doctest::Approx(3));
  const double s = view_scale(c.zoom, w, h);
  CHECK(4 * s <= 0.8 * w + 1e-9);  // the wider side fills the free width
  CHECK(4 * s == doctest::Approx(0.8 * w));
  CHECK(2 * s <= 0.8 * h);
}
