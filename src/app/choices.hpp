#pragma once
// The choices of the link's fields as people read them: each value the link stores (den=minnorm)
// beside the name its dropdown shows ("min-norm"), short enough for the dropdown's box. One table
// per field, so the page never shows an internal name where a person reads.
#include <cstring>
#include <string>

namespace flowlab::app {

struct Choice {
  const char* value;  // as in the link
  const char* label;  // as people read it
};

inline constexpr Choice kDataChoices[] = {
    {"simplex", "simplex"}, {"orthogonal", "orthogonal"}, {"points1d", "1-D points"}, {"rays", "rays"},
    {"collinear", "collinear"}, {"clusters", "clusters"}, {"digits", "handwritten digits"}, {"custom", "your own points"}};
inline constexpr Choice kDenoiserChoices[] = {
    {"minnorm", "min-norm"}, {"emmse", "empirical MMSE"}, {"ksmooth", "smoothed score"}, {"trained", "trained network"}};
inline constexpr Choice kFallbackChoices[] = {{"clamp", "shrink rho"}, {"emmse", "empirical MMSE"}, {"none", "none: stop"}};
inline constexpr Choice kFlowChoices[] = {
    {"pf", "probability flow"}, {"score", "score flow"}, {"sde", "reverse SDE"}, {"langevin", "Langevin"}};
inline constexpr Choice kGridChoices[] = {{"edm", "EDM grid"}, {"geometric", "geometric"}, {"linear", "linear"}};
inline constexpr Choice kIntegratorChoices[] = {{"heun", "Heun"}, {"euler", "Euler"}, {"rk4", "Runge-Kutta 4"}, {"adaptive", "adaptive"}};
inline constexpr Choice kSamplerChoices[] = {{"dps", "DPS"}, {"projection", "projection"}, {"mcg", "MCG"}, {"exact", "exact posterior"}};
inline constexpr Choice kStartChoices[] = {
    {"gaussian", "Gaussian"}, {"uniform", "uniform"}, {"grid", "grid"}, {"click", "your clicks"}};
inline constexpr Choice kColorChoices[] = {{"class", "class"}, {"vertex", "vertex reached"}};
inline constexpr Choice kClassifyChoices[] = {{"endpoint", "endpoints y"}, {"denoised", "denoised h(y)"}};
inline constexpr Choice kProjectionChoices[] = {{"pca", "principal axes"}, {"axes", "two coordinates"}};
inline constexpr Choice kTrainerChoices[] = {
    {"auglag", "aug. Lagrangian"}, {"adam", "Adam"}, {"gd", "gradient descent"}, {"sgd", "SGD"}};

// The label of `value` in `table` (the value itself when the table does not list it).
template <std::size_t N>
const char* label_of(const Choice (&table)[N], const std::string& value) {
  for (const Choice& c : table)
    if (value == c.value) return c.label;
  return value.c_str();
}

}  // namespace flowlab::app
