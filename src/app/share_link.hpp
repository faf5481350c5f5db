#pragma once
// The share link: the AppState in the URL fragment. Version 2 (written now)
// holds only the fields that differ from their defaults, exact-decimal points
// compactly (compact_points.hpp):
//   v=3&preset=custom&pts=3~AAjQ...&np=500
// Version 1 wrote every field, points as x,y;x,y; it reads as it always did.
// Reading never fails: a malformed, out-of-range or unknown field keeps its
// default, and a notice names it, so a bad link opens a working page that says
// what it could not restore. A state over the page's budget (fields each in
// range, together too costly) has its costliest fields lowered, and says so.
#include <initializer_list>
#include <string>
#include <vector>

#include "state.hpp"

namespace flowlab::app {

std::string to_fragment(const AppState& s);
// Only the named fields, in the same form: a cheap key for "did these change?".
std::string fragment_of(const AppState& s, std::initializer_list<const char*> keys);

struct LinkRead {
  AppState state;
  std::vector<std::string> notices;  // one per field that fell back to its default
  std::vector<std::string> budget;   // one per field lowered to fit the page's budget (budget_fit.hpp)
  bool view_given = false;           // the link sets the camera (cx, cy, zoom, yaw or pitch)
};
// Accepts the fragment with or without the leading '#', percent-encoded or not.
// `fallback` says, in each notice, what became of a bad field.
LinkRead from_fragment(const std::string& fragment, const char* fallback = "using the default");

// At most `limit` characters of untrusted text, control characters shown as %XX
// (a NUL must not cut a notice short).
std::string printable(const std::string& s, std::size_t limit);
// Shortest decimal that reads back to the same double ("90", not "9e+01").
std::string shortest(double x);

}  // namespace flowlab::app
