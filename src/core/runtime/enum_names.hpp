#pragma once
// Names of the option enums (flow kinds, grids, integrators, fallbacks): one
// table per enum serves both parsing and printing, and the parse error lists
// every accepted name.
#include <string>
#include <utility>

#include "core/runtime/result.hpp"

namespace flowlab {

template <class E, std::size_t N>
using EnumTable = std::pair<E, const char*>[N];

template <class E, std::size_t N>
Result<E> parse_enum(const std::string& s, const EnumTable<E, N>& table, const char* what) {
  std::string names;
  for (std::size_t i = 0; i < N; ++i) {
    if (s == table[i].second) return table[i].first;
    names += (i == 0 ? "" : i + 1 == N ? " or " : ", ") + std::string(table[i].second);
  }
  return Error{"unknown " + std::string(what) + " '" + s.substr(0, 80) + "' (expected " + names + ")"};
}

template <class E, std::size_t N>
const char* enum_name(E value, const EnumTable<E, N>& table) {
  for (const auto& [v, name] : table)
    if (v == value) return name;
  return "?";
}

}  // namespace flowlab
