#pragma once
// One-click scenes that reproduce the papers' pictures. A preset is just a
// share link plus the paragraph shown beside it, so it restores exactly as a
// link does (and is checked by the same validation in the tests). Links that
// set no camera are fitted to the data when they open. Each paragraph's claim
// is asserted from the preset's own statistics (tests/app/test_presets.cpp)
// and from the page's pixels (tests/e2e/app.test.js).
namespace flowlab::app {

struct Preset {
  const char* name;
  const char* link;
  const char* explanation;
};

inline constexpr Preset kPresets[] = {
    {"P1: score flow reaches a virtual point",
     "v=3&preset=simplex&n=2&d=2&angle=90&den=minnorm&flow=score&sigma=0.1&steps=400&np=3000&init=uniform&spread=0.3",
     "Three training points at the corners of a right angle. The min-norm denoiser's score flow at a fixed noise "
     "level (P1, Thms 4.2-4.3) rounds each coordinate at half the edge: particles end at the training points (orange) "
     "or at the fourth corner x1 + x2 - x0 (magenta, about a quarter of them), a 'virtual point' that is not in the "
     "data. The rings mark the corners reached, larger where more particles end."},
    {"P1: probability flow stops on the hyperbox",
     "v=3&preset=simplex&n=2&d=2&angle=90&den=minnorm&flow=pf&smax=0.3&smin=0.001&steps=200&np=3000&init=uniform"
     "&spread=0",
     "The same data under the probability flow, sigma from 0.3 down to 0.001, from particles spread over the square. "
     "The noise level shrinks while the particles move, so the drift dies out before particles on a ramp reach a "
     "corner: about one in four ends on an edge of the square (a manifold point, green: more than 2% of an edge from "
     "every corner), neither memorized nor arbitrary."},
    {"P1: early stopping at a larger sigma_min",
     "v=3&preset=simplex&n=2&d=2&angle=90&den=minnorm&flow=pf&smax=0.3&smin=0.15&steps=200&np=3000&init=uniform"
     "&spread=0",
     "As before, but the scheduler stops at sigma_min = 0.15 instead of 0.001. Nearly every particle stops short of "
     "every corner, on the manifold (green): the scheduler's early stopping is itself a source of generalization "
     "(P1). What a sampler returns is one more denoising step, h(y) at sigma_min (View: classify, denoised "
     "samples): for this denoiser it lands exactly where the flow to 0.001 ends, about one in four on an edge."},
    {"P1: orthogonal data in 3-D",
     "v=3&preset=orthogonal&n=3&d=3&den=minnorm&flow=pf&smax=0.2&smin=0.001&np=4000&init=uniform&spread=0.2",
     "Three orthogonal unit vectors: the min-norm denoiser maps into the unit cube, whose 8 vertices are the apex (the "
     "origin), the 3 training points and 4 virtual points. Under the probability flow particles settle on the cube's "
     "faces and edges (green, about half) as well as at its corners. Drag to orbit the camera."},
    {"P2: obtuse triangle, min-norm vs empirical MMSE",
     "v=3&preset=simplex&n=2&d=2&angle=120&den=minnorm&sbs=1&denb=emmse&flow=pf&smax=0.25&smin=0.001&np=2000"
     "&init=gaussian&spread=0.6",
     "An obtuse triangle has a closed form: ramps along the two edges from the obtuse vertex (P2). Left: the "
     "min-norm denoiser's probability flow leaves particles along the edges (green, about 30%). Right: the empirical MMSE "
     "denoiser, optimal for the training set, memorizes: every particle ends at a training point."},
    {"P2: equilateral triangle (no closed form)",
     "v=3&preset=simplex&n=2&d=2&angle=60&den=ksmooth&bw=0.3&sbs=1&denb=emmse&flow=pf&smax=0.5&smin=0.001&np=2000"
     "&init=gaussian&spread=0.6",
     "An equilateral triangle is acute: no data point sees the others at a right or obtuse angle, so the ray-sum "
     "closed form does not exist and its minimum-norm denoiser must be trained. Shown here: the kernel-smoothed "
     "score (left, bandwidth 0.3), which leaves about a quarter of the particles away from the training points (novel, "
     "blue), against the memorizing MMSE denoiser (right)."},
    {"P2: 1-D data, min-norm vs empirical MMSE",
     "v=3&preset=points1d&n=4&d=1&length=1&den=minnorm&sbs=1&denb=emmse&flow=pf&smax=0.15&smin=0.001&np=1500"
     "&init=uniform&spread=0.3&fsig=0.1",
     "In 1-D the min-norm denoiser is the linear spline through the plateau ends: flat within rho of each training "
     "point, linear between (P2). The empirical MMSE denoiser is a sigmoid staircase that sends every particle to "
     "its nearest training point as sigma shrinks; the min-norm flow leaves more than a third of them between the points. "
     "The curves are drawn at sigma = 0.1 (View: field at sigma; 0 follows the flow)."},
    {"P1: memorization falls as N grows",
     "v=3&preset=orthogonal&n=8&d=8&den=minnorm&flow=pf&smax=0.06&smin=0.001&np=4000&init=gaussian&spread=0.35",
     "Eight orthogonal points in R^8, seen along their two principal axes, with the hyperbox's edges from the apex "
     "through the points to their pair sums. With more training points fewer particles end at a training point: "
     "here under 2%, and nearly all end on the hyperbox (the manifold). Change N to see the fraction move; the "
     "command-line tool sweeps N for the full curve (flowlab experiment memorization --n 2:30)."},
    {"Inverse problem: DPS, min-norm vs MMSE prior",
     "v=3&preset=simplex&n=2&d=2&angle=90&den=minnorm&sbs=1&denb=emmse&flow=pf&smax=0.3&smin=0.001&np=2000&inv=1"
     "&im=dps&iy=0.3&is=0.15",
     "The first coordinate is measured: x1 = 0.3 with noise 0.15 (the yellow line and its band). With the training "
     "points as the prior, the exact posterior is known: half its weight on each point of the left edge, none on the "
     "far one (the discs). Diffusion posterior sampling (DPS) steers each particle by the measurement through the "
     "denoiser's Jacobian. With the MMSE denoiser as prior (right) every sample is a training point (the rings), "
     "nearly all on the left edge. With the min-norm denoiser (left) about one in four ends between them, on the edge "
     "or at the virtual corner, where a prior that generalizes puts posterior mass; and about one in six at the far "
     "point the measurement rules out: the closed form is flat beyond its ramps, so its Jacobian, and DPS's pull "
     "with it, vanishes there. Drag the line, or shift-drag to draw another."},
    {"Digits: the empirical MMSE memorizes, the smoothed score does not",
     "v=3&preset=digits&n=20&d=64&den=ksmooth&bw=2.5&nodes=16&sbs=1&denb=emmse&flow=pf&smax=3&smin=0.01&steps=100"
     "&integ=euler&np=170&init=gaussian&spread=3",
     "Twenty handwritten digits (8x8 pixels, so d = 64) are the training set; the particles start as Gaussian noise "
     "at sigma = 3 and flow down to 0.01. Each particle is drawn over its nearest training image, framed orange when "
     "it is a copy of it (nearer to it than a third of its distance to the next image, Gu et al.'s criterion) and "
     "blue when it is new. Right: the empirical MMSE denoiser, optimal for the training set, copies a training image "
     "every time. Left: the kernel-smoothed score (bandwidth 2.5, 16 quadrature nodes; Gabriel et al. 2025) leaves "
     "about 96% new: images between the digits that no training image is near. Fewer nodes smooth less (8: about one "
     "in ten are copies); the command line sweeps N (flowlab experiment digits)."},
};

}  // namespace flowlab::app
