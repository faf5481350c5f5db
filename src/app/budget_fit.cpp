#include "budget_fit.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

#include "core/flows/flow_cost.hpp"

namespace flowlab::app {
namespace {
Integrator integrator_of(const AppState& s) {
  auto i = parse_integrator(s.integrator);
  return i ? i.value() : Integrator::heun;
}

budget::DenoiserShape shape(const AppState& s, const std::string& kind) {
  budget::DenoiserShape d;
  d.kind = kind;
  d.points = points_in(s);
  d.dim = dim_of(s);
  d.nodes = s.nodes;
  d.width = s.width;
  return d;
}

// The largest value in [lo, hi] for which fits(value) holds, assuming it is monotone; lo when none does.
long largest(long lo, long hi, const std::function<bool(long)>& fits) {
  if (!fits(lo)) return lo;
  while (lo < hi) {
    const long mid = lo + (hi - lo + 1) / 2;
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

// While a network trains, the flow step gets a quarter of the frame: the rest goes to the training
// slice and to redrawing the network's field as it learns.
bool step_fits(const AppState& s) {
  const budget::Cost c = step_cost(s);
  return c.flops <= (s.uses("trained") ? kFrameFlops / 4 : kFrameFlops) && c.bytes + epoch_cost(s).bytes <= kPageBytes;
}
// An epoch is split into chunks of a few milliseconds (train_chunk), so only its memory is bounded,
// and the samples drawn at once when a level starts.
bool epoch_fits(const AppState& s) {
  const double values = static_cast<double>(points_in(s)) * s.samples * dim_of(s);
  return values <= kSampleValues && epoch_cost(s).bytes + step_cost(s).bytes <= kPageBytes;
}

// Lowers the integer field `v` (link name `key`) to the largest value for which fits() holds.
void lower(AppState& s, int& v, const char* key, int lo, bool (*fits)(const AppState&), const char* limit,
           std::vector<std::string>& notices) {
  if (fits(s)) return;
  const int was = v;
  v = static_cast<int>(largest(lo, was, [&](long x) {
    v = static_cast<int>(x);
    return fits(s);
  }));
  notices.push_back("'" + std::string(key) + "=" + std::to_string(was) + "' is over the page's budget (" + limit +
                    "); using " + key + "=" + std::to_string(v));
}

bool gpu_path_works = false;  // a fact of the page's device, set once (set_gpu_path)
}  // namespace

void set_gpu_path(bool works) { gpu_path_works = works; }

double gpu_step_units(const AppState& s) {
  double units = 0;
  for (const std::string& k : s.side_by_side ? std::vector<std::string>{s.denoiser, s.denoiser_b} : std::vector<std::string>{s.denoiser}) {
    const double n = static_cast<double>(std::max(1L, points_in(s)));
    // gpu::units of the forms the GPU evaluates: the MMSE's points (times the smoothed score's nodes);
    // the closed form's network, two ReLUs a ray unit, at most 2 a point; a trained model between
    // two levels blends both networks.
    units += k == "ksmooth" ? n * s.nodes : k == "trained" ? 2.0 * s.width : k == "minnorm" ? 2.0 * n : n;
  }
  const bool two = s.integrator == "heun" && (s.flow == "pf" || s.flow == "score");
  return (two ? 2.0 : 1.0) * units * static_cast<double>(s.particles);
}

bool gpu_may_step(const AppState& s) {
  const int d = dim_of(s);
  return gpu_path_works && s.gpu && !s.inverse && d <= 4 && (s.integrator == "euler" || s.integrator == "heun");
}

namespace {
// On the GPU the particles' steps are not the CPU's work: the frame keeps the field view's and the
// training's share, and memory holds the particles.
bool gpu_step_fits(const AppState& s) {
  AppState cpu_part = s;
  cpu_part.particles = 0;
  return step_fits(cpu_part) && step_cost(s).bytes + epoch_cost(s).bytes <= kPageBytes &&
         gpu_step_units(s) <= kGpuStepUnits;
}
}  // namespace

long train_chunk(const AppState& s) { return static_cast<long>(budget::chunk_for(kChunkFlops, s.width, dim_of(s))); }

int dim_of(const AppState& s) { return s.preset == "points1d" ? 1 : s.d; }

long points_in(const AppState& s) {
  const long n = s.n, per = s.per_ray;
  if (s.preset == "simplex") return n + 1;
  if (s.preset == "rays") return 1 + n * per;
  if (s.preset == "clusters") return n * per;
  if (s.preset == "custom") return s.d > 0 ? static_cast<long>(s.points.size()) / s.d : 0;
  return n;
}

// Points at which the field view evaluates the denoiser each frame (it follows the noise level while
// the flow runs; app/field_view.cpp): the 2-D arrows, heatmap and streamlines, or the 1-D curve.
double field_points(const AppState& s) {
  const long d = dim_of(s);
  if (d == 1) return 600;
  if (d != 2) return 0;
  return (s.show_field ? 28.0 * 20 : 0) + (s.show_heat ? 96.0 * 68 : 0) + (s.show_stream ? 20.0 * 14 * 14 * 2 : 0);
}

budget::Cost step_cost(const AppState& s) {
  budget::Cost total;
  std::vector<std::string> kinds{s.denoiser};
  if (s.side_by_side) kinds.push_back(s.denoiser_b);
  for (const auto& k : kinds) {
    const budget::Cost c = budget::flow_step(shape(s, k), s.particles, integrator_of(s), s.steps);
    total.flops += c.flops + field_points(s) * budget::eval_flops(shape(s, k));
    total.bytes += c.bytes;
  }
  return total;
}

budget::Cost epoch_cost(const AppState& s) {
  if (!s.uses("trained")) return {};
  const long d = dim_of(s);
  return budget::epoch(s.width, points_in(s) * static_cast<long>(s.samples), d, train_chunk(s));
}

std::vector<std::string> fit_to_budget(AppState& s, bool allow_gpu) {
  std::vector<std::string> notices;
  if ((s.preset == "rays" || s.preset == "clusters") && points_in(s) > kMaxDataPoints) {  // n, per each in range
    const long was = points_in(s);
    const int room = s.preset == "rays" ? kMaxDataPoints - 1 : kMaxDataPoints;  // rays: the apex is a point too
    const std::string asked = "'n=" + std::to_string(s.n) + "&per=" + std::to_string(s.per_ray) + "'";
    s.n = std::min(s.n, room);
    s.per_ray = std::max(1, std::min(s.per_ray, room / std::max(1, s.n)));
    notices.push_back(asked + " makes " + std::to_string(was) + " points; the page holds at most " +
                      std::to_string(kMaxDataPoints) + ": using n=" + std::to_string(s.n) + "&per=" +
                      std::to_string(s.per_ray));
  }
  const std::string frame = "about 50 ms of work per frame";
  const std::string memory = "memory well under 1 GB";
  // A trained network's linear part V is d x d whatever K and M: where even one unit, one sample and
  // one particle cannot fit (d over about 1,770), the page cannot train it, and the MMSE stands in.
  if (s.uses("trained")) {
    AppState least = s;
    least.width = least.samples = least.particles = 1;
    least.integrator = "euler";
    if (!epoch_fits(least) || !step_fits(least)) {
      for (std::string* den : {&s.denoiser, &s.denoiser_b}) {
        if (*den != "trained" || (den == &s.denoiser_b && !s.side_by_side)) continue;
        *den = "emmse";
        const std::string key = den == &s.denoiser ? "den" : "denb";
        notices.push_back("'" + key + "=trained' is over the page's budget at d=" + std::to_string(s.d) +
                          " (a network's linear part alone is d x d: one particle's step, or its training, is more "
                          "than a frame or memory allows); using " + key + "=emmse");
      }
    }
  }
  // Training: fewer samples first, then fewer units, until they fit in memory.
  if (s.uses("trained")) {
    lower(s, s.samples, "M", 1, epoch_fits, "its samples must fit in memory and be drawn within a frame or so", notices);
    lower(s, s.width, "K", 1, epoch_fits, "the network and its samples must fit in memory", notices);
  }
  // Ten particles (or fewer, if fewer were asked) must fit: the costliest per particle goes first.
  {
    AppState few = s;
    few.particles = std::min(s.particles, 10);
    if (!step_fits(few) && s.uses("ksmooth")) {
      lower(few, few.nodes, "nodes", 2, step_fits, "a flow step of 10 particles must fit a frame", notices);
      s.nodes = few.nodes;
    }
    if (!step_fits(few) && s.integrator != "euler") {
      notices.push_back("'integ=" + s.integrator + "' is over the page's budget; using integ=euler");
      s.integrator = few.integrator = "euler";
    }
  }
  // The GPU path's limit where the particles stay on the GPU: 1-D scenes and the image view read
  // every particle back each frame (engine/gpu_engine.cpp), so they keep the CPU's.
  const bool stays_on_gpu = dim_of(s) >= 2 && s.view != "img";
  if (allow_gpu && gpu_may_step(s) && stays_on_gpu) {
    lower(s, s.particles, "np", 1, gpu_step_fits, (memory + ", and a GPU step of at most 2^28 evaluations of a unit: "
          "particles times the training points, nodes or units").c_str(), notices);
    return notices;
  }
  // The CPU's limit, then the frame's: one notice with the value asked for.
  const int asked = s.particles;
  s.particles = std::min(s.particles, kMaxCpuParticles);
  std::vector<std::string> frame_notice;
  lower(s, s.particles, "np", 1, step_fits, (frame + " and " + memory).c_str(), frame_notice);
  if (asked > kMaxCpuParticles)
    notices.push_back("'np=" + std::to_string(asked) + "' is over the page's budget (at most " +
                      std::to_string(kMaxCpuParticles) + " particles where the CPU steps the flow; " +
                      std::to_string(kMaxParticles) + " on the GPU path, gpu=1, for data of dimension 2 to 4 "
                      "drawn as points, with Euler or Heun" + (frame_notice.empty() ? "" : "; and " + frame) + "); using np=" +
                      std::to_string(s.particles));
  else
    notices.insert(notices.end(), frame_notice.begin(), frame_notice.end());
  return notices;
}

}  // namespace flowlab::app
