#pragma once
// Points in a share link, written compactly: coordinates that are exact
// decimals with at most 6 places (clicked and dragged points are rounded to
// the pixel) become integers at that precision, zigzag-varint bytes, then
// base64url: "3~" + text for 3 decimals. 100 two-dimensional points with three
// decimals take about 540 characters instead of about 1,400.
#include <optional>
#include <string>
#include <vector>

namespace flowlab::app {

// The compact form, or nothing when a coordinate is not such a decimal (then
// the link keeps the plain "x,y;x,y" form, which is exact).
std::optional<std::string> encode_points(const std::vector<double>& coordinates);
// Whether `text` is in the compact form (it holds a '~').
bool is_compact_points(const std::string& text);
// The coordinates, or nothing (with `why`) for a malformed text; at most
// `max_values` coordinates are read.
std::optional<std::vector<double>> decode_points(const std::string& text, std::size_t max_values, std::string& why);

}  // namespace flowlab::app
