// `flowlab sweep`: plan a grid of experiments (DIR/cells.tsv), run it here, hand it to Slurm or
// GNU parallel, follow it, and merge its rows (with a figure).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "commands.hpp"
#include "common.hpp"
#include "core/data/csv.hpp"
#include "core/runtime/parallel.hpp"
#include "sweep_plan.hpp"
#include "sweep_run.hpp"
#include "sweep_slurm.hpp"

namespace flowlab::cli {
namespace fs = std::filesystem;
using namespace sweep;

#ifndef __EMSCRIPTEN__  // the WASM build cannot start processes: it refuses `sweep` (below)
namespace {
const char* kSweepUsage =
    "usage: flowlab sweep plan --out DIR [--set KEY=VALUE]... [--grid KEY=V1,V2,...]... -- SUBCOMMAND [ARGS...]\n"
    "       flowlab sweep run DIR [--jobs J]\n"
    "       flowlab sweep slurm DIR [--partition P] [--time T] [--cpus C] [--submit]\n"
    "       flowlab sweep status DIR\n"
    "       flowlab sweep merge DIR [--out F.csv] [--plot F.svg --x COL --y COL [--series COL]]\n\n"
    "plan     writes DIR/cells.tsv: one cell per combination of the --grid values, each with its whole\n"
    "         flowlab command line (column `command`), which writes its rows to DIR/cells/ID.csv.\n"
    "         SUBCOMMAND: experiment orthogonal|memorization|stationary|flows|smoothing|denoiser1d, or train.\n"
    "         --set adds --KEY VALUE to every cell (--set KEY: a switch); --grid KEY=... one cell per value.\n"
    "         Each command carries its --seed (1 unless given), so a cell gives the same rows anywhere.\n"
    "run      runs the cells not done yet on this machine, J at a time (default: every core); a killed run\n"
    "         loses only the cells it was running, and running again runs only what is missing.\n"
    "slurm    prints an sbatch script for a job array, one task per pending cell (--submit: sbatch it).\n"
    "status   prints the counts of done, pending and failed cells (a failed cell's stderr: DIR/cells/ID.err).\n"
    "merge    the cells' rows in id order, the grid keys as leading columns; refuses while cells are missing.\n"
    "         --plot draws COL y against COL x (means over the other rows, with their standard deviation).\n"
    "Other engines: the `command` column is one shell command per cell, e.g.\n"
    "  tail -n +2 DIR/cells.tsv | cut -f 4 | parallel     (cut -f: 2 + the number of grid keys)\n";

int sweep_usage(const std::string& message) { return usage_error("sweep", message); }

std::string absolute_dir(const std::string& d) { return fs::absolute(fs::path(d)).lexically_normal().string(); }

// The plan's directory: the word after the verb (sweep VERB DIR [options]).
bool read_dir(int argc, char** argv, std::string& dir) {
  if (argc < 4 || std::string(argv[3]).rfind("--", 0) == 0) return false;
  dir = absolute_dir(argv[3]);
  if (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  return true;
}

// `sweep VERB DIR [options]` into dir and a; true when the caller is done and returns `code`
// (help was printed, or the usage was wrong).
bool parse_verb(Args& a, int argc, char** argv, std::string& dir, int& code) {
  if (read_dir(argc, argv, dir)) return handle_parse(a, argc, argv, 4, code);
  if (handle_parse(a, argc, argv, 3, code)) return true;
  const std::string name = std::string("sweep ") + argv[2];
  code = usage_error(name, "expected the plan's directory: flowlab " + name + " DIR");
  return true;
}

std::string values_text(const Plan& p, const Cell& c) {
  std::string s;
  for (std::size_t k = 0; k < p.keys.size(); ++k) s += (k ? ", " : "") + p.keys[k] + "=" + c.values[k];
  return s;
}

// Each cell's command, parsed and checked by the command itself (check-only mode) before anything is
// written: a typo in one grid value shows now, not after an hour on the cluster.
int check_cells(const Plan& p) {
  set_check_only(true);
  for (const auto& c : p.cells) {
    std::vector<char*> words;
    for (const auto& w : c.argv) words.push_back(const_cast<char*>(w.c_str()));
    words.push_back(nullptr);
    const int code = run_command(static_cast<int>(c.argv.size()), words.data());
    if (code != 0) {
      set_check_only(false);
      return usage_error("sweep plan", "cell " + c.id + (p.keys.empty() ? "" : " (" + values_text(p, c) + ")") +
                                           " is not a valid command (its error is above); nothing written");
    }
  }
  set_check_only(false);
  return 0;
}

int write_file_atomically(const std::string& path, const std::string& text) {
  const std::string part = path + ".part";
  std::ofstream f(part, std::ios::binary);
  f << text;
  f.close();
  if (!f || std::rename(part.c_str(), path.c_str()) != 0) {
    std::remove(part.c_str());
    return runtime_error("sweep plan", path + ": cannot write");
  }
  return 0;
}

int plan(int argc, char** argv) {
  PlanRequest r;
  std::string out;
  int i = 3;
  for (; i < argc && std::string(argv[i]) != "--"; ++i) {
    const std::string w = argv[i];
    if (w == "--help") return std::cout << kSweepUsage, 0;
    if (w != "--out" && w != "--set" && w != "--grid") return sweep_usage("plan: unknown option '" + w.substr(0, 80) + "' (before --)");
    if (i + 1 >= argc) return sweep_usage("plan: " + w + " needs a value");
    const std::string v = argv[++i];
    if (w == "--out") {
      out = v;
    } else if (w == "--set") {
      auto s = parse_setting(v);
      if (!s) return sweep_usage(s.message());
      r.sets.push_back(s.value());
    } else {
      auto a = parse_axis(v);
      if (!a) return sweep_usage(a.message());
      r.grid.push_back(a.value());
    }
  }
  if (out.empty()) return sweep_usage("plan: missing --out DIR");
  if (i >= argc) return sweep_usage("plan: missing `-- SUBCOMMAND [ARGS...]`, the command each cell runs");
  r.command.assign(argv + i + 1, argv + argc);
  r.dir = absolute_dir(out);
  r.cwd = fs::current_path().string();
  std::error_code ec;
  r.binary = fs::read_symlink("/proc/self/exe", ec).string();
  if (ec || r.binary.empty()) return runtime_error("sweep plan", "cannot find this flowlab executable (/proc/self/exe)");
  auto p = make_plan(r);
  if (!p) return sweep_usage("plan: " + p.message());
  for (const auto& f : input_files(p.value()))
    if (!fs::is_regular_file(f, ec)) return runtime_error("sweep plan", f + ": no such file (the cells read it)");
  if (int code = check_cells(p.value()); code != 0) return code;
  const std::string tsv = cells_tsv(p.value()), path = r.dir + "/cells.tsv";
  const std::size_t n = p.value().cells.size();
  if (fs::exists(path, ec)) {
    auto old = read_plan(r.dir);
    if (!old || cells_tsv(old.value()) != tsv)
      return runtime_error("sweep plan", r.dir + " already holds another plan; choose another --out (its cells are kept)");
    std::size_t done = 0;
    for (const auto& c : p.value().cells) done += cell_state(r.dir, c.id) == CellState::done;
    std::fprintf(stderr, "sweep plan: %s already holds this plan: %zu cells, %zu done\n", r.dir.c_str(), n, done);
    return 0;
  }
  fs::create_directories(fs::path(r.dir) / "cells", ec);
  if (ec) return runtime_error("sweep plan", r.dir + "/cells: cannot create (" + ec.message() + ")");
  if (int code = write_file_atomically(path, tsv); code != 0) return code;
  std::fprintf(stderr, "sweep plan: %zu cells in %s\nrun them here with `flowlab sweep run %s`, or on Slurm with "
               "`flowlab sweep slurm %s --submit`\n", n, path.c_str(), r.dir.c_str(), r.dir.c_str());
  return 0;
}

int run(int argc, char** argv) {
  Args a("sweep run", "DIR [--jobs J]",
         {{"jobs", "J", "cells at a time (default: every core; each cell gets cores / J threads)"}});
  std::string dir;
  if (int code = 0; parse_verb(a, argc, argv, dir, code)) return code;
  const int jobs = a.integer("jobs", available_threads(), 1, 4096);
  if (!a.ok()) return usage_error("sweep run", a.error());
  auto p = read_plan(dir);
  if (!p) return runtime_error("sweep run", p.message());
  auto failed = run_cells(dir, p.value(), jobs);
  if (!failed) return runtime_error("sweep run", failed.message());
  return failed.value() > 0 ? 1 : 0;
}

std::vector<std::string> ids_in(const std::string& dir, const Plan& p, CellState state) {
  std::vector<std::string> ids;
  for (const auto& c : p.cells)
    if (cell_state(dir, c.id) == state) ids.push_back(c.id);
  return ids;
}

int slurm(int argc, char** argv) {
  Args a("sweep slurm", "DIR [--partition P] [--time T] [--cpus C] [--submit]",
         {{"partition", "P", "the Slurm partition (default: the cluster's)"},
          {"time", "T", "each task's time limit, as sbatch --time takes it (default: the partition's)"},
          {"cpus", "C", "cores per task (default 1); the cell runs on C threads"},
          {"submit", "", "run sbatch on the script (kept as DIR/slurm/array.sh) instead of printing it"}});
  std::string dir;
  if (int code = 0; parse_verb(a, argc, argv, dir, code)) return code;
  SlurmOptions o;
  o.partition = a.str("partition"), o.time = a.str("time");
  o.cpus = a.integer("cpus", 1, 1, 4096);
  if (!a.ok()) return usage_error("sweep slurm", a.error());
  auto p = read_plan(dir);
  if (!p) return runtime_error("sweep slurm", p.message());
  std::vector<std::string> pending = ids_in(dir, p.value(), CellState::pending);
  for (const auto& id : ids_in(dir, p.value(), CellState::failed)) pending.push_back(id);  // failed cells run again
  std::sort(pending.begin(), pending.end());
  auto script = slurm_script(dir, pending, o);
  if (!script) return runtime_error("sweep slurm", script.message());
  std::error_code ec;
  fs::create_directories(fs::path(dir) / "slurm", ec);  // sbatch does not create the --output directory
  if (ec) return runtime_error("sweep slurm", dir + "/slurm: cannot create (" + ec.message() + ")");
  if (pending.size() > 1000)
    std::fprintf(stderr, "sweep slurm: %zu array tasks; Slurm's default MaxArraySize is 1001 (ask your admins, or "
                 "split the plan)\n", pending.size());
  if (!a.has("submit")) return std::cout << script.value(), std::cout.flush(), std::cout ? 0 : 1;
  const std::string path = dir + "/slurm/array.sh";
  if (int c = write_file_atomically(path, script.value()); c != 0) return c;
  auto job = submit_sbatch(path);
  if (!job) return runtime_error("sweep slurm", job.message());
  std::cout << job.value() << "\n";
  std::fprintf(stderr, "sweep slurm: submitted job %s, %zu cells (%s); follow it with `flowlab sweep status %s`\n",
               job.value().c_str(), pending.size(), path.c_str(), dir.c_str());
  return 0;
}

int status(int argc, char** argv) {
  Args a("sweep status", "DIR", {});
  std::string dir;
  if (int code = 0; parse_verb(a, argc, argv, dir, code)) return code;
  if (!a.ok()) return usage_error("sweep status", a.error());
  auto p = read_plan(dir);
  if (!p) return runtime_error("sweep status", p.message());
  const auto failed = ids_in(dir, p.value(), CellState::failed);
  std::cout << "done " << ids_in(dir, p.value(), CellState::done).size() << "\npending "
            << ids_in(dir, p.value(), CellState::pending).size() << "\nfailed " << failed.size() << "\n";
  for (const auto& id : failed) {  // the last line of its stderr says most
    std::ifstream f(cell_file(dir, id, ".err"));
    std::string line, last;
    while (std::getline(f, line))
      if (!line.empty()) last = line;
    std::cout << "cell " << id << " failed: " << last.substr(0, 200) << "\n";
  }
  return 0;
}

// The merged rows as a figure: y against x, one series per value of `series`, each point the mean
// of the rows that share it (the seeds, say) with their standard deviation.
Result<plot::Chart> merged_chart(const std::string& csv, const std::string& x, const std::string& y,
                                 const std::string& series) {
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header;
  for (std::stringstream h(line); std::getline(h, line, ',');) header.push_back(line);
  const auto column = [&](const std::string& name) -> int {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return static_cast<int>(i);
    return -1;
  };
  const int xi = column(x), yi = column(y), si = series.empty() ? -2 : column(series);
  for (const auto& [name, index] : {std::pair{x, xi}, std::pair{y, yi}, std::pair{series, si}})
    if (index == -1) return Error{"no column '" + name.substr(0, 80) + "' in the merged rows"};
  std::vector<std::string> order;
  std::map<std::string, std::map<double, std::vector<double>>> groups;
  for (int row = 2; std::getline(in, line); ++row) {
    std::vector<std::string> f;
    for (std::stringstream s(line); std::getline(s, line, ',');) f.push_back(line);
    if (f.size() != header.size())
      return Error{"merged row " + std::to_string(row) + ": " + std::to_string(f.size()) + " fields, the header has " +
                   std::to_string(header.size())};
    double vx = 0, vy = 0;
    const auto& fx = f[static_cast<std::size_t>(xi)], &fy = f[static_cast<std::size_t>(yi)];
    if (parse_number(fx.data(), fx.data() + fx.size(), vx) != NumberParse::ok ||
        parse_number(fy.data(), fy.data() + fy.size(), vy) != NumberParse::ok)
      return Error{"merged row " + std::to_string(row) + ": " + x + " and " + y + " must be numbers"};
    const std::string key = si >= 0 ? series + " = " + f[static_cast<std::size_t>(si)] : y;
    if (!groups.count(key)) order.push_back(key);
    groups[key][vx].push_back(vy);
  }
  plot::Chart chart;
  chart.title = y + " against " + x;
  chart.xlabel = x, chart.ylabel = y;
  for (const auto& key : order) {
    plot::Series s;
    s.label = key;
    for (const auto& [vx, ys] : groups[key]) {
      const MeanSd m = mean_sd(ys);
      s.x.push_back(vx), s.y.push_back(m.mean), s.err.push_back(m.sd);
    }
    chart.series.push_back(s);
  }
  return chart;
}

int merge(int argc, char** argv) {
  std::vector<OptionSpec> opts = {{"out", "F.csv", "write the merged rows here (default: standard output)"},
                                  {"x", "COL", "--plot: the column along x (a grid key or a cell's column)"},
                                  {"y", "COL", "--plot: the column along y"},
                                  {"series", "COL", "--plot: one curve per value of this column"},
                                  {"title", "T", "--plot: the figure's title (default: \"Y against X\")"},
                                  {"xlabel", "L", "--plot: the x axis's label (default: the column's name)"},
                                  {"ylabel", "L", "--plot: the y axis's label (default: the column's name)"}};
  for (auto& o : figure_options("draw y against x into F (.png, .svg or .pdf): means over the rows that share x")) opts.push_back(o);
  Args a("sweep merge", "DIR [--out F.csv] [--plot F.svg --x COL --y COL [--series COL] [--title T] [--xlabel L] [--ylabel L]]", opts);
  std::string dir;
  if (int code = 0; parse_verb(a, argc, argv, dir, code)) return code;
  const plot::FigureOptions figure = read_figure_options(a);
  if (a.has("plot")) a.require("x"), a.require("y");
  if (!a.ok()) return usage_error("sweep merge", a.error());
  auto p = read_plan(dir);
  if (!p) return runtime_error("sweep merge", p.message());
  auto merged = merge_cells(dir, p.value());
  if (!merged) return runtime_error("sweep merge", merged.message());
  if (a.has("plot")) {
    auto chart = merged_chart(merged.value(), a.str("x"), a.str("y"), a.str("series"));
    if (!chart) return runtime_error("sweep merge", chart.message());
    if (a.has("title")) chart.value().title = a.str("title");
    chart.value().xlabel = a.str("xlabel", chart.value().xlabel);
    chart.value().ylabel = a.str("ylabel", chart.value().ylabel);
    if (int failed = write_figure(a, "sweep merge", "plot", chart.value(), figure); failed) return failed;
  }
  return write_output(a, [&](std::ostream& o) { o << merged.value(); });
}
}  // namespace
#endif

int cmd_sweep(int argc, char** argv) {
#ifdef __EMSCRIPTEN__
  (void)argc, (void)argv;
  return usage_error("sweep", "this build cannot start processes: use the native build/native-release/src/cli/flowlab");
#else
  const std::string verb = argc >= 3 ? argv[2] : "";
  if (verb == "plan") return plan(argc, argv);
  if (verb == "run") return run(argc, argv);
  if (verb == "slurm") return slurm(argc, argv);
  if (verb == "status") return status(argc, argv);
  if (verb == "merge") return merge(argc, argv);
  if (verb == "--help" || verb == "help") return std::cout << kSweepUsage, 0;
  return sweep_usage("expected plan, run, slurm, status or merge" + (verb.empty() ? std::string() : " (got '" + verb.substr(0, 80) + "')"));
#endif
}

}  // namespace flowlab::cli
