#pragma once
// One-click scenes that reproduce the papers' pictures. A preset is just a
// share link plus the paragraph shown beside it, so it restores exactly as a
// link does (and is checked by the same validation in the tests).
namespace flowlab::app {

struct Preset {
  const char* name;
  const char* link;
  const char* explanation;
};

inline constexpr Preset kPresets[] = {
    {"P1: score flow reaches a virtual point",
     "v=1&preset=simplex&n=2&d=2&angle=90&den=minnorm&flow=score&sigma=0.1&steps=400&np=3000&init=uniform&spread=0.3"
     "&cx=0.5&cy=0.5&zoom=1",
     "Three training points at the corners of a right angle. The min-norm denoiser's score flow at a fixed noise "
     "level (P1, Thms 4.2-4.3) rounds each coordinate at half the edge: particles end at the training points or at "
     "the fourth corner x1 + x2 - x0, a 'virtual point' that is not in the data."},
    {"P1: probability flow stops on the hyperbox",
     "v=1&preset=simplex&n=2&d=2&angle=90&den=minnorm&flow=pf&smax=0.3&smin=0.001&steps=200&np=3000&init=uniform"
     "&spread=0.3&cx=0.5&cy=0.5&zoom=1",
     "The same data under the probability flow, sigma from 0.3 down to 0.001. The noise level shrinks while the "
     "particles move, so the drift dies out before particles on a ramp reach a corner: many end on the edges of the "
     "square (manifold points, green), neither memorized nor arbitrary."},
    {"P1: early stopping at a larger sigma_min",
     "v=1&preset=simplex&n=2&d=2&angle=90&den=minnorm&flow=pf&smax=0.3&smin=0.05&steps=200&np=3000&init=uniform"
     "&spread=0.3&cx=0.5&cy=0.5&zoom=1",
     "As before, but the scheduler stops at sigma_min = 0.05 instead of 0.001. Stopping early leaves even more "
     "particles on the manifold: the scheduler's early stopping is itself a source of generalization (P1)."},
    {"P1: orthogonal data in 3-D",
     "v=1&preset=orthogonal&n=3&d=3&den=minnorm&flow=pf&smax=0.2&smin=0.001&np=4000&init=uniform&spread=0.2"
     "&cx=0.5&cy=0.5&zoom=1",
     "Three orthogonal unit vectors: the min-norm denoiser maps into the unit cube, whose 8 vertices are the apex (the "
     "origin), the 3 training points and 4 virtual points. Under the probability flow particles settle on the cube's "
     "faces and edges as well as its corners. Drag to orbit the camera."},
    {"P2: obtuse triangle, min-norm vs empirical MMSE",
     "v=1&preset=simplex&n=2&d=2&angle=120&den=minnorm&sbs=1&denb=emmse&flow=pf&smax=0.25&smin=0.001&np=2000"
     "&init=gaussian&spread=0.6&cx=-0.1&cy=0.4&zoom=0.9",
     "An obtuse triangle has a closed form: ramps along the two edges from the obtuse vertex (P2). Left: the "
     "min-norm denoiser's probability flow spreads particles along the edges. Right: the empirical MMSE denoiser, "
     "optimal for the training set, memorizes: every particle ends at a training point."},
    {"P2: equilateral triangle (no closed form)",
     "v=1&preset=simplex&n=2&d=2&angle=60&den=ksmooth&bw=0.15&sbs=1&denb=emmse&flow=pf&smax=0.5&smin=0.001&np=2000"
     "&init=gaussian&spread=0.6&cx=0.25&cy=0.3&zoom=1",
     "An equilateral triangle is acute: no data point sees the others at a right or obtuse angle, so the ray-sum "
     "closed form does not exist and its minimum-norm denoiser must be trained. Shown here: the kernel-smoothed "
     "score (left), which pulls particles off the training points, against the memorizing MMSE denoiser (right)."},
    {"P2: 1-D data, min-norm vs empirical MMSE",
     "v=1&preset=points1d&n=4&d=1&length=1&den=minnorm&sbs=1&denb=emmse&flow=pf&smax=0.15&smin=0.001&np=1500"
     "&init=uniform&spread=0.3&cx=2.2&cy=2.2&zoom=0.35",
     "In 1-D the min-norm denoiser is the linear spline through the plateau ends: flat within rho of each training "
     "point, linear between (P2). The empirical MMSE denoiser is a sigmoid staircase that sends every particle to "
     "its nearest training point as sigma shrinks."},
    {"P1: memorization falls as N grows",
     "v=1&preset=orthogonal&n=8&d=8&den=minnorm&flow=pf&smax=0.06&smin=0.001&np=4000&init=gaussian&spread=0.35"
     "&cx=0.3&cy=0.3&zoom=1.2",
     "Eight orthogonal points in R^8, seen along their two principal axes. With more training points fewer particles end "
     "at a training point: most reach virtual points or the manifold. Change N to see the fraction move; the "
     "command-line tool sweeps N for the full curve (flowlab experiment orthogonal --sweep-n 2:30)."},
};

}  // namespace flowlab::app
