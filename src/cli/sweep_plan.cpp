#include "sweep_plan.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace flowlab::cli::sweep {
namespace fs = std::filesystem;

namespace {
const char* const kExperiments[] = {"orthogonal", "memorization", "stationary", "flows", "smoothing", "denoiser1d", "inverse", "bigstep"};
// Options the plan writes itself: each cell's outputs go into DIR/cells/.
const char* const kOwned[] = {"out", "summary", "save-model", "help"};
// Options whose value is an input file: made absolute, so a cell runs from any directory.
const char* const kInputs[] = {"data", "model", "points"};
// Figures a cell may draw: given in the command, written as DIR/cells/ID.NAME.EXT.
const char* const kFigures[] = {"plot", "functions", "steps-plot", "sharpness-plot"};

template <std::size_t N>
bool among(const std::string& s, const char* const (&list)[N]) {
  return std::any_of(std::begin(list), std::end(list), [&](const char* x) { return s == x; });
}

bool valid_key(const std::string& k) {
  if (k.empty() || k.size() > 64 || k[0] == '-') return false;
  return std::all_of(k.begin(), k.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

// A value must survive a TSV line, a CSV field and a command line unchanged.
std::string bad_text(const std::string& v) {
  for (char c : v) {
    if (c == '\t' || c == '\n' || c == '\r') return "holds a tab or a line break";
    if (c == '"') return "holds a double quote";
    if (static_cast<unsigned char>(c) < 0x20) return "holds a control character";
  }
  return "";
}

std::string quote80(const std::string& s) { return "'" + s.substr(0, 80) + "'"; }

// The option name of a word ("--data=x" -> "data"), or "" when it is not an option.
std::string option_name(const std::string& w) {
  if (w.rfind("--", 0) != 0 || w.size() == 2) return "";
  return w.substr(2, w.find('=') == std::string::npos ? std::string::npos : w.find('=') - 2);
}

std::string absolute(const std::string& path, const std::string& cwd) {
  const fs::path p(path);
  return (p.is_absolute() ? p : fs::path(cwd) / p).lexically_normal().string();
}

std::string id_of(std::size_t index, std::size_t count) {
  std::string s = std::to_string(index + 1);
  const std::size_t width = std::max<std::size_t>(4, std::to_string(count).size());
  return std::string(width - std::min(width, s.size()), '0') + s;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == sep) out.push_back(s.substr(start, i - start)), start = i + 1;
  return out;
}

Result<std::string> read_text(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return Error{path + ": cannot read"};
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}
}  // namespace

Result<Setting> parse_setting(const std::string& text) {
  Setting s;
  const auto eq = text.find('=');
  s.key = text.substr(0, eq);
  s.is_switch = eq == std::string::npos;
  if (!s.is_switch) s.value = text.substr(eq + 1);
  if (!valid_key(s.key)) return Error{"--set " + quote80(text) + ": expected KEY=VALUE (or KEY, a switch), KEY an option name such as inits"};
  if (auto why = bad_text(s.value); !why.empty()) return Error{"--set " + s.key + ": the value " + why};
  return s;
}

Result<Axis> parse_axis(const std::string& text) {
  const auto eq = text.find('=');
  Axis a;
  a.key = text.substr(0, eq);
  if (eq == std::string::npos || !valid_key(a.key))
    return Error{"--grid " + quote80(text) + ": expected KEY=V1,V2,..., KEY an option name such as n"};
  a.values = split(text.substr(eq + 1), ',');
  std::set<std::string> seen;
  for (const auto& v : a.values) {
    if (v.empty()) return Error{"--grid " + a.key + ": an empty value (two commas, or one at an end)"};
    if (auto why = bad_text(v); !why.empty()) return Error{"--grid " + a.key + ": the value " + quote80(v) + " " + why};
    if (!seen.insert(v).second) return Error{"--grid " + a.key + ": the value " + quote80(v) + " is listed twice"};
  }
  return a;
}

Result<Plan> make_plan(const PlanRequest& r) {
  const auto& c = r.command;
  const bool train = !c.empty() && c[0] == "train";
  const bool experiment = c.size() >= 2 && c[0] == "experiment" && among(c[1], kExperiments);
  if (!train && !experiment)
    return Error{"a cell runs an experiment: give `-- experiment NAME [options]` (NAME: orthogonal, memorization, "
                 "stationary, flows, smoothing, denoiser1d, inverse, bigstep) or `-- train [options]`"};
  const std::size_t first_option = train ? 1 : 2;
  std::set<std::string> given;  // option names, to refuse a key given twice
  bool wants_model = false;     // experiment stationary --train: the network is saved beside the rows
  std::vector<std::string> base(c.begin(), c.begin() + static_cast<std::ptrdiff_t>(first_option));
  std::vector<std::pair<std::string, std::string>> figures;  // (name, extension) of figures asked for
  for (std::size_t i = first_option; i < c.size(); ++i) {
    const std::string name = option_name(c[i]);
    if (name.empty()) {
      base.push_back(c[i]);  // a value; a stray word is the command's own error when it is checked
      continue;
    }
    if (among(name, kOwned)) return Error{"--" + name + ": the plan names each cell's outputs (DIR/cells/ID.*); leave it out"};
    if (!given.insert(name).second) return Error{"--" + name + " is given twice in the command"};
    if (name == "train") wants_model = true;
    const bool inline_value = c[i].find('=') != std::string::npos;
    const bool has_value = inline_value || (i + 1 < c.size() && option_name(c[i + 1]).empty());
    if (!has_value || (!among(name, kInputs) && !among(name, kFigures))) {
      base.push_back(c[i]);
      continue;
    }
    std::string value = inline_value ? c[i].substr(c[i].find('=') + 1) : c[++i];
    if (among(name, kFigures)) {
      const std::string ext = fs::path(value).extension().string();
      figures.emplace_back(name, ext);
      continue;  // written per cell below
    }
    base.push_back("--" + name);
    base.push_back(absolute(value, r.cwd));
  }
  for (const auto& w : base)
    if (auto why = bad_text(w); !why.empty()) return Error{"the command's word " + quote80(w) + " " + why};
  for (const auto& s : r.sets) {
    if (among(s.key, kOwned) || among(s.key, kFigures))
      return Error{"--set " + s.key + ": the plan names each cell's outputs; give --" + s.key + " after -- if at all"};
    if (!given.insert(s.key).second) return Error{"--set " + s.key + ": --" + s.key + " is given twice"};
    if (s.key == "train") wants_model = true;
  }
  std::size_t count = 1;
  for (const auto& a : r.grid) {
    if (among(a.key, kOwned) || among(a.key, kFigures)) return Error{"--grid " + a.key + ": the plan names each cell's outputs"};
    if (!given.insert(a.key).second) return Error{"--grid " + a.key + ": --" + a.key + " is given twice"};
    if (a.values.empty()) return Error{"--grid " + a.key + ": no values"};
    if (count > kMaxCells / a.values.size())
      return Error{"the grid has more than " + std::to_string(kMaxCells) + " cells; split it into several plans"};
    count *= a.values.size();
  }
  const bool seeded = given.count("seed") > 0;
  const std::string cells = (fs::path(r.dir) / "cells").string();
  Plan p;
  for (const auto& a : r.grid) p.keys.push_back(a.key);
  p.cells.reserve(count);
  for (std::size_t index = 0; index < count; ++index) {
    Cell cell;
    cell.id = id_of(index, count);
    cell.argv.push_back(r.binary);
    cell.argv.insert(cell.argv.end(), base.begin(), base.end());
    for (const auto& s : r.sets) {
      cell.argv.push_back("--" + s.key);
      if (!s.is_switch) cell.argv.push_back(among(s.key, kInputs) ? absolute(s.value, r.cwd) : s.value);
    }
    std::size_t rest = index;  // mixed radix: the last key varies fastest
    std::vector<std::size_t> digit(r.grid.size());
    for (std::size_t k = r.grid.size(); k-- > 0;) digit[k] = rest % r.grid[k].values.size(), rest /= r.grid[k].values.size();
    for (std::size_t k = 0; k < r.grid.size(); ++k) {
      const std::string& v = r.grid[k].values[digit[k]];
      cell.values.push_back(v);
      cell.argv.push_back("--" + r.grid[k].key);
      cell.argv.push_back(among(r.grid[k].key, kInputs) ? absolute(v, r.cwd) : v);
    }
    // The seed is written into every command (the commands' default, 1, unless given): a cell's rows
    // then depend on its line alone, wherever and whenever it runs.
    if (!seeded) cell.argv.insert(cell.argv.end(), {"--seed", "1"});
    const std::string stem = (fs::path(cells) / cell.id).string();
    for (const auto& [name, ext] : figures) cell.argv.insert(cell.argv.end(), {"--" + name, stem + "." + name + ext});
    if (train) {
      cell.argv.insert(cell.argv.end(), {"--out", stem + ".json", "--summary", stem + ".csv"});
    } else {
      if (wants_model) cell.argv.insert(cell.argv.end(), {"--save-model", stem + ".json"});
      cell.argv.insert(cell.argv.end(), {"--out", stem + ".csv"});
    }
    for (std::size_t w = 0; w < cell.argv.size(); ++w) cell.command += (w ? " " : "") + shell_quote(cell.argv[w]);
    p.cells.push_back(std::move(cell));
  }
  return p;
}

std::vector<std::string> input_files(const Plan& p) {
  std::set<std::string> files;
  for (const auto& cell : p.cells)
    for (std::size_t w = 0; w + 1 < cell.argv.size(); ++w)
      if (among(option_name(cell.argv[w]), kInputs)) files.insert(cell.argv[w + 1]);
  return {files.begin(), files.end()};
}

std::string cells_tsv(const Plan& p) {
  std::string out = "id";
  for (const auto& k : p.keys) out += "\t" + k;
  out += "\tcommand\n";
  for (const auto& c : p.cells) {
    out += c.id;
    for (const auto& v : c.values) out += "\t" + v;
    out += "\t" + c.command + "\n";
  }
  return out;
}

Result<Plan> parse_cells_tsv(const std::string& text, const std::string& source) {
  auto lines = split(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  if (lines.empty()) return Error{source + ": empty (not a plan: make one with flowlab sweep plan)"};
  const auto header = split(lines[0], '\t');
  if (header.size() < 2 || header.front() != "id" || header.back() != "command")
    return Error{source + ": line 1: expected the header id, the grid keys, command"};
  Plan p;
  p.keys.assign(header.begin() + 1, header.end() - 1);
  std::set<std::string> ids;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    auto f = split(lines[i], '\t');
    if (f.size() != header.size())
      return Error{source + ": line " + std::to_string(i + 1) + ": " + std::to_string(f.size()) + " fields, the header has " +
                   std::to_string(header.size())};
    Cell c;
    c.id = f.front();
    if (c.id.empty() || !std::all_of(c.id.begin(), c.id.end(), [](char ch) { return ch >= '0' && ch <= '9'; }) ||
        !ids.insert(c.id).second)
      return Error{source + ": line " + std::to_string(i + 1) + ": the id " + quote80(c.id) + " is not a new number"};
    c.values.assign(f.begin() + 1, f.end() - 1);
    c.command = f.back();
    p.cells.push_back(std::move(c));
  }
  return p;
}

Result<Plan> read_plan(const std::string& dir) {
  const std::string path = (fs::path(dir) / "cells.tsv").string();
  auto text = read_text(path);
  if (!text) return Error{path + ": cannot read (is " + dir + " a plan? make one with flowlab sweep plan --out " + dir + ")"};
  return parse_cells_tsv(text.value(), path);
}

std::string shell_quote(const std::string& word) {
  const bool safe = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string("@%+=:,./_-").find(c) != std::string::npos;
  });
  if (safe) return word;
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string cell_file(const std::string& dir, const std::string& id, const std::string& suffix) {
  return (fs::path(dir) / "cells" / (id + suffix)).string();
}

CellState cell_state(const std::string& dir, const std::string& id) {
  std::error_code ec;
  if (fs::is_regular_file(cell_file(dir, id, ".csv"), ec)) return CellState::done;
  if (fs::exists(cell_file(dir, id, ".err"), ec)) return CellState::failed;
  return CellState::pending;
}

Result<std::string> merge_cells(const std::string& dir, const Plan& p) {
  std::vector<std::string> missing;
  for (const auto& c : p.cells)
    if (cell_state(dir, c.id) != CellState::done) missing.push_back(c.id);
  if (!missing.empty()) {
    std::string list;
    for (std::size_t i = 0; i < missing.size() && i < 20; ++i) list += (i ? ", " : "") + missing[i];
    if (missing.size() > 20) list += " and " + std::to_string(missing.size() - 20) + " more";
    return Error{std::to_string(missing.size()) + " of " + std::to_string(p.cells.size()) +
                 " cells have no rows yet: " + list + " (run them: flowlab sweep run " + dir + "; see flowlab sweep status " + dir + ")"};
  }
  std::string out, header, header_from;
  for (const auto& c : p.cells) {
    const std::string path = cell_file(dir, c.id, ".csv");
    auto text = read_text(path);
    if (!text) return text.error();
    auto lines = split(text.value(), '\n');
    if (!lines.empty() && lines.back().empty()) lines.pop_back();
    if (lines.empty()) return Error{path + ": empty (not a cell's rows)"};
    if (header_from.empty()) {
      header = lines[0], header_from = path;
      for (const auto& k : p.keys) out += k + ",";
      out += header + "\n";
    } else if (lines[0] != header) {
      return Error{path + ": its header '" + lines[0].substr(0, 80) + "' differs from " + header_from + "'s '" +
                   header.substr(0, 80) + "'"};
    }
    std::string prefix;
    for (const auto& v : c.values) prefix += v + ",";
    for (std::size_t i = 1; i < lines.size(); ++i)
      if (!lines[i].empty()) out += prefix + lines[i] + "\n";
  }
  return out;
}

}  // namespace flowlab::cli::sweep
