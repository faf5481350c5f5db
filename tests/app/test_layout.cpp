#include <doctest/doctest.h>

#include <algorithm>
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

TEST_CASE("layout: a phone's open sheet takes at most half the space above the bar, and the scene is the part above it") {
  const float w = 1170, h = 2532, em = 42;
  const Layout closed = layout_for(w, h, em, true, 3);
  for (float share : {0.1f, 0.3f, 0.5f, 0.9f}) {
    const Layout l = layout_for(w, h, em, true, 3, true, share);
    CAPTURE(share);
    CHECK(l.sheet.y + l.sheet.h == doctest::Approx(l.bar.y));
    CHECK(l.sheet.h <= 0.5f * l.bar.y + 1e-3f);   // at most half
    CHECK(l.sheet.h >= 0.25f * l.bar.y - 1e-3f);  // at least a quarter
    CHECK(l.sheet.h == doctest::Approx(std::clamp(share, kMinSheet, kMaxSheet) * l.bar.y));
    CHECK(l.scene.y == 0);
    CHECK(l.scene.y + l.scene.h == doctest::Approx(l.sheet.y));  // the scene ends where the sheet begins
    CHECK(l.scene.w == w);
  }
  CHECK(closed.scene.y + closed.scene.h == doctest::Approx(closed.bar.y));  // closed: the scene reaches the bar
}

TEST_CASE("layout: the band that says what the scene shows sits above the scene, covering none of it") {
  for (const auto& size : {std::array<float, 4>{1280, 800, 14, 1}, {1170, 2532, 42, 3}}) {
    const float w = size[0], h = size[1], em = size[2], dpr = size[3];
    const Layout plain = layout_for(w, h, em, true, dpr);
    const Layout l = layout_for(w, h, em, true, dpr, false, kMaxSheet, 3 * em);
    CAPTURE(w);
    CHECK(l.intro.x == plain.scene.x);
    CHECK(l.intro.w == plain.scene.w);
    CHECK(l.intro.y == 0);
    CHECK(l.intro.h == doctest::Approx(3 * em));
    CHECK(l.scene.y == doctest::Approx(l.intro.y + l.intro.h));                   // below the band
    CHECK(l.scene.y + l.scene.h == doctest::Approx(plain.scene.y + plain.scene.h));  // and down to where it ended
    CHECK(layout_for(w, h, em, true, dpr, false, kMaxSheet, h).intro.h <= 0.5f * plain.scene.h + 1e-3f);  // never most of it
  }
  CHECK(layout_for(1280, 800, 14, false, 1, false, kMaxSheet, 40).intro.h == 0);  // embedded: the caption says it
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

TEST_CASE("view: with insets, the fitted box lies between them (an embedded scene's caption and legend)") {
  const double w = 400, h = 300, top = 60, bottom = 50;
  const Camera c = fit_camera(0, 0, 1, 1, w, h, 0.04, top, bottom);
  const double s = view_scale(c.zoom, w, h);
  const auto pixel_y = [&](double y) { return h / 2 - (y - c.cy) * s; };  // top-left origin
  CHECK(pixel_y(1) >= top - 1e-9);         // the box's top edge below the caption
  CHECK(pixel_y(0) <= h - bottom + 1e-9);  // its bottom edge above the legend
  CHECK(pixel_y(1) - top == doctest::Approx(h - bottom - pixel_y(0)));  // centred between them
  CHECK(w / 2 - (0 - c.cx) * s >= 0);
}

TEST_CASE("layout: side by side under 1200 CSS pixels, the controls fold into a tab and each pane keeps ~360 pixels") {
  const float em = 14;
  const Layout one = layout_for(1000, 1000, em, true, 1, false, kMaxSheet, 0, 1);
  const Layout two = layout_for(1000, 1000, em, true, 1, false, kMaxSheet, 0, 2);
  REQUIRE(two.docked);
  CHECK(one.tab.w == 0);                        // one pane: the docked columns as before
  CHECK(two.tab.w > 0);
  CHECK(two.tab.x == 0);
  CHECK(two.scene.x == doctest::Approx(two.tab.w));  // the scene starts at the tab
  CHECK(two.pane(0, 2).w > 340);                // was 1000 - 24 em - 20 em = 384, 192 a pane
  CHECK(one.pane(0, 2).w < 200);
  CHECK(two.controls.x == doctest::Approx(two.tab.w));  // opened, the controls lie beside the tab
  CHECK(layout_for(1280, 800, em, true, 1, false, kMaxSheet, 0, 2).tab.w == 0);  // wide enough: no tab
  CHECK(layout_for(2000, 1600, 2 * em, true, 2, false, kMaxSheet, 0, 2).tab.w > 0);  // 1000 CSS pixels at DPR 2
}
