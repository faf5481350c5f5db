#pragma once
// The choices of the link's fields as people read them: each value the link stores (den=minnorm)
// beside the name every dropdown, label and summary shows ("min-norm (closed form)"). One table
// per field, so the page never shows an internal name where a person reads.
#include <cstring>
#include <string>

namespace flowlab::app {

struct Choice {
  const char* value;  // as in the link
  const char* label;  // as people read it
};

inline constexpr Choice kDataChoices[] = {
    {"simplex", "simplex (edges from a corner)"}, {"orthogonal", "orthogonal points"}, {"points1d", "points on a line (1-D)"},
    {"rays", "rays from a corner"},  {"collinear", "collinear points"},  {"clusters", "clusters"},
    {"custom", "your own points"}};
inline constexpr Choice kDenoiserChoices[] = {
    {"minnorm", "min-norm (closed form)"}, {"emmse", "empirical MMSE"}, {"ksmooth", "kernel-smoothed score"},
    {"trained", "trained network"}};
inline constexpr Choice kFallbackChoices[] = {
    {"clamp", "shrink rho (clamp)"}, {"emmse", "empirical MMSE"}, {"none", "none: stop"}};
inline constexpr Choice kFlowChoices[] = {
    {"pf", "probability flow"}, {"score", "score flow"}, {"sde", "reverse SDE"}, {"langevin", "Langevin dynamics"}};
inline constexpr Choice kGridChoices[] = {{"edm", "EDM grid"}, {"geometric", "geometric grid"}, {"linear", "linear grid"}};
inline constexpr Choice kIntegratorChoices[] = {
    {"heun", "Heun"}, {"euler", "Euler"}, {"rk4", "Runge-Kutta 4"}, {"adaptive", "adaptive (Dormand-Prince)"}};
inline constexpr Choice kSamplerChoices[] = {
    {"dps", "DPS"}, {"projection", "projection"}, {"mcg", "MCG (DPS + projection)"}, {"exact", "exact posterior"}};
inline constexpr Choice kStartChoices[] = {
    {"gaussian", "Gaussian around the data"}, {"uniform", "uniform over the data's box"},
    {"grid", "grid over the data's box"}, {"click", "clouds at your clicks"}};
inline constexpr Choice kColorChoices[] = {{"class", "where it ends (class)"}, {"vertex", "the vertex it reaches"}};
inline constexpr Choice kProjectionChoices[] = {{"pca", "the data's principal axes"}, {"axes", "two coordinates"}};
inline constexpr Choice kTrainerChoices[] = {
    {"auglag", "augmented Lagrangian"}, {"adam", "Adam with weight decay"}, {"gd", "gradient descent"}, {"sgd", "SGD"}};

// The label of `value` in `table` (the value itself when the table does not list it).
template <std::size_t N>
const char* label_of(const Choice (&table)[N], const std::string& value) {
  for (const Choice& c : table)
    if (value == c.value) return c.label;
  return value.c_str();
}

}  // namespace flowlab::app
