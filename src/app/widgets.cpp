// The panels' shared record of this frame, and each control's tooltip: what it does and its
// field in the share link.
#include "widgets.hpp"

#include <algorithm>
#include <cstring>

namespace flowlab::app {
namespace {
// What each control does, and its field in the share link (shown as its tooltip).
struct Help {
  const char* label;
  const char* field;
  const char* text;
};
constexpr Help kHelp[] = {
    {"preset", "preset", "The training data: a generated family, or your own points (custom)."},
    {"N", "n", "How many points (simplex: edges from the apex; rays; clusters)."},
    {"d", "d", "The dimension of the data."},
    {"angle", "angle", "The angle between the edges or rays at the apex, in degrees (90: a right angle)."},
    {"length", "length", "The edge length, or the spacing of the points."},
    {"per ray", "per", "Points on each ray, or in each cluster."},
    {"data seed", "dseed", "The seed of the generated data (rotations, lengths, clusters, which digits)."},
    {"N (images)", "n", "How many training images, balanced over the classes (the UCI optical digits, 8x8 pixels)."},
    {"classes", "dcls", "The digits drawn from, e.g. 0,3,8 (empty: all ten)."},
    {"image view", "view", "Each point as an image, when d is a square (the digits: 8x8); off: as points, projected."},
    {"denoiser", "den", "minnorm: the min-norm ReLU network in closed form; emmse: the empirical MMSE (memorizing); "
                        "ksmooth: the kernel-smoothed score; trained: a network trained here."},
    {"alpha (0: sqrt d)", "alpha", "The noise ball's radius per unit of noise, rho = alpha sigma (0: sqrt d)."},
    {"bandwidth", "bw", "ksmooth: the kernel's bandwidth in space."},
    {"nodes", "nodes", "ksmooth: quadrature nodes, each one MMSE evaluation."},
    {"fallback", "fb", "Where the closed form is infeasible (2 rho reaches a gap): shrink rho (clamp), use the "
                       "empirical MMSE, or stop (none)."},
    {"side by side", "sbs", "A second pane with another denoiser, on the same data and particles."},
    {"right pane", "denb", "The right pane's denoiser."},
    {"flow", "flow", "pf: the probability flow ODE; score: the score flow at a fixed sigma; sde: the reverse SDE; "
                     "langevin: Langevin dynamics at a fixed sigma."},
    {"sigma", "sigma", "The fixed noise level of the score flow and Langevin dynamics."},
    {"sigma max", "smax", "Where the probability flow and the SDE start."},
    {"sigma min", "smin", "Where they stop: a larger value stops early."},
    {"grid", "grid", "The noise levels between: EDM's, geometric or linear."},
    {"steps", "steps", "Integration steps of the run."},
    {"integrator", "integ", "Heun, Euler, RK4 or adaptive steps."},
    {"speed (steps/frame)", "speed", "Flow steps per frame: how fast the run plays."},
    {"sample the posterior", "inv", "2-D data: the particles sample x given one measurement y = a.x + noise, the "
                                    "line drawn in the view (shift-drag draws it, a drag on it moves it)."},
    {"sampler", "im", "dps: a step along -grad |y - a.h(x)|^2 through the denoiser; projection: the measured part "
                      "set to y (noised to the level); mcg: both; exact: the likelihood-weighted MMSE denoiser."},
    {"line angle", "iang", "The measurement's direction a = (cos t, sin t): the line runs across it."},
    {"measured y", "iy", "The measured value: the line {x : a.x = y}."},
    {"noise s", "is", "The measurement's noise: the band around the line, and how sharp the exact posterior is."},
    {"step zeta", "iz", "dps, mcg: the step along the measurement's gradient (fixed: it treats y as noiseless)."},
    {"start near the line (CCDF)", "ccdf", "Start from the line's point nearest the data's mean, diffused to "
                                           "sigma max (give a small one): fewer steps (CCDF)."},
    {"count", "np", "How many particles: up to 1 048 576 on the GPU path, 200 000 on the CPU (fewer where a frame "
            "could not step them: the notice says)."},
    {"start", "init", "Where they start: a Gaussian around the data, uniform or a grid over the data's box, or "
                      "clouds around your clicks."},
    {"spread", "spread", "The Gaussian's (or the clouds') std, or how far the box reaches beyond the data."},
    {"seed", "seed", "The seed of the particles and of the SDE's noise."},
    {"step on the GPU", "gpu", "Steps the flow in WebGL2, in float32, for data of dimension up to 4 with Euler or Heun "
                               "(on where WebGL2 has what it needs), up to 1048576 particles in 2 to 4 dimensions drawn "
                               "as points; the inverse problem, RK4 and the adaptive integrator stay on the CPU, in float64."},
    {"arrows h(y) - y", "field", "The denoiser's field as arrows, scaled by the largest in view."},
    {"streamlines", "stream", "Streamlines of the field, brightening toward their heads."},
    {"|h(y) - y| heatmap", "heat", "The field's magnitude (dark blue: still, yellow: fastest in view)."},
    {"noise balls", "balls", "The balls B(x_n, rho) that the min-norm denoiser maps to their centres."},
    {"trails", "trails", "Each particle's recent path."},
    {"fade (s)", "fade", "Seconds until a trail has faded to nothing."},
    {"field at sigma (0: now)", "fsig", "The noise level the field, the balls and the 1-D curve are drawn at (0: the "
                                        "flow's own, as it runs)."},
    {"colour by", "color", "Colour particles by class (training, virtual, manifold, ...) or by the vertex reached."},
    {"projection", "proj", "d > 3: the data's two principal axes, or two coordinates."},
    {"across: x_i, i", "ax", "The coordinate drawn across."},
    {"up: x_j, j", "ay", "The coordinate drawn up."},
    {"tolerance tau", "tol", "How near a vertex (in edge coordinates) counts as reaching it. 0.02 by default: a "
                             "particle that stopped on an edge further from every corner is a manifold point."},
    {"classify", "cls", "What is counted: where particles stopped, y, or the denoised sample h(y) at the level now, "
                        "the final step of DDPM/EDM samplers (it maps a vertex's plateau onto the vertex)."},
    {"class regions", "region", "Draw where each class lies: around every vertex the box |c - v| <= tau, and the "
                                "manifold's box (other data: where a point is 3 times nearer one training point "
                                "than any other). 2-D data."},
    {"width K", "K", "Hidden ReLU units of the trained network."},
    {"method", "tr", "auglag: interpolate the samples at least cost; adam: weight decay lambda; gd: plain "
                     "full-batch gradient descent; sgd: plain steps on minibatches. gd and sgd can only settle where "
                     "the loss's sharpness is below 2/lr: larger steps, smoother networks."},
    {"weight decay lambda", "lam", "adam, gd, sgd: the weight decay on the units."},
    {"batch", "bt", "sgd: samples per step (an epoch is one pass over them, reshuffled)."},
    {"epochs per level", "ep", "Training epochs for each noise level."},
    {"samples per point M", "M", "Noisy samples per training point, uniform in its ball."},
    {"learning rate", "lr", "The optimiser's step size (gd, sgd: try 0.01 to 0.1; too large diverges)."},
    {"noise levels", "lv", "pf, sde: networks trained from sigma max down, each from the previous."},
    {"show the units' boundaries", "relu", "Draw each unit's line w.y + b = 0 (the 256 costliest at most), brighter for larger |a||w|."},
};
}  // namespace

void Widgets::remember(const char* name) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  rects_.emplace_back(name, Rect{a.x, a.y, b.x - a.x, b.y - a.y});
}

bool Widgets::slider(const char* label, double& v, double lo, double hi, const char* fmt) {
  const float width = ImGui::CalcItemWidth();  // before the slider consumes a SetNextItemWidth
  const bool changed = ImGui::SliderScalar(label, ImGuiDataType_Double, &v, &lo, &hi, fmt);
  remember_grab(label, width, hi > lo ? (v - lo) / (hi - lo) : 0.0, false, hi - lo);
  return changed;
}

bool Widgets::slider_int(const char* label, int& v, int lo, int hi) {
  const float width = ImGui::CalcItemWidth();
  const bool changed = ImGui::SliderInt(label, &v, lo, hi);
  remember_grab(label, width, hi > lo ? static_cast<double>(v - lo) / (hi - lo) : 0.0, true, hi - lo);
  return changed;
}

// Where Dear ImGui 1.86 draws a horizontal slider's grab (SliderBehaviorT): 2 pixels of padding,
// a grab GrabMinSize wide (integers: the track split into range + 1 steps, if wider), its centre
// moving across the track less the grab.
void Widgets::remember_grab(const char* label, float width, double t, bool integer, double range) {
  const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
  const float pad = 2.0f, track = width - 2 * pad;
  float grab = ImGui::GetStyle().GrabMinSize;
  if (integer && range >= 0 && range < track) grab = std::max(track / static_cast<float>(range + 1), grab);
  const float centre = lo.x + pad + 0.5f * grab + static_cast<float>(std::clamp(t, 0.0, 1.0)) * (track - grab);
  const float slack = 0.6f * ImGui::GetFontSize();  // a fingertip is wider than the grab
  grabs_.push_back({centre - 0.5f * grab - slack, lo.y, grab + 2 * slack, hi.y - lo.y});
  rects_.emplace_back(std::string("grab:") + label, grabs_.back());  // for tests
}

bool Widgets::over_grab(float x, float y) const {
  for (const Rect& r : grabs_)
    if (r.contains(x, y)) return true;
  return false;
}

void Widgets::explain(const char* label) {
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x > right + 0.5f) clipped_.emplace_back(label);
  if (!ImGui::IsItemHovered()) return;
  for (const Help& h : kHelp)
    if (std::strcmp(h.label, label) == 0) ImGui::SetTooltip("%s\nLink field: %s", h.text, h.field);
}

bool Widgets::section(const char* name, bool open_by_default) {
  if (open_all_) ImGui::SetNextItemOpen(true);
  return ImGui::CollapsingHeader(name, open_by_default ? ImGuiTreeNodeFlags_DefaultOpen : 0);
}

}  // namespace flowlab::app
