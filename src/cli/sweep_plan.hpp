#pragma once
// A sweep: a grid of flowlab experiments written down as a plan, DIR/cells.tsv, with one whole
// command line per cell, so that any engine can run it (`sweep run` here, GNU parallel, a Slurm
// array). Each cell writes its rows to DIR/cells/ID.csv through --out, which renames a whole file
// into place: a cell is done exactly when that file exists, and a killed cell leaves none.
// This part is plain text and files, no processes (sweep_run.cpp starts those).
#include <string>
#include <vector>

#include "core/runtime/result.hpp"

namespace flowlab::cli::sweep {

// --set KEY=VALUE (or --set KEY: a switch such as --train) given to every cell.
struct Setting {
  std::string key, value;
  bool is_switch = false;
};
// --grid KEY=V1,V2,...: one cell per value (per combination, over several keys).
struct Axis {
  std::string key;
  std::vector<std::string> values;
};

struct PlanRequest {
  std::string dir;     // where the plan goes (made absolute)
  std::string binary;  // the flowlab executable (absolute)
  std::string cwd;     // relative input files (--data, --model, --points) are resolved against it
  std::vector<Setting> sets;
  std::vector<Axis> grid;
  std::vector<std::string> command;  // after "--": experiment NAME [ARGS] or train [ARGS]
};

struct Cell {
  std::string id;                   // "0001", ...: its place in the grid, zero-padded
  std::vector<std::string> values;  // one per grid key
  std::vector<std::string> argv;    // the command's words, the binary first (only from make_plan)
  std::string command;              // argv quoted for a POSIX shell
};

struct Plan {
  std::vector<std::string> keys;  // the grid keys, in the order given
  std::vector<Cell> cells;        // in id order: the first key varies slowest
};

constexpr std::size_t kMaxCells = 1000000;

// "--set"/"--grid" text into a Setting / Axis; the error says what is wrong.
Result<Setting> parse_setting(const std::string& text);
Result<Axis> parse_axis(const std::string& text);

// The cells of the grid with their commands. Refuses subcommands that are not experiments, keys
// given twice, options the plan owns (out, summary, save-model), and text a TSV or CSV cannot hold.
// Input files are made absolute; their existence is the caller's to check (input_files).
Result<Plan> make_plan(const PlanRequest& r);
// The input files every cell reads (absolute), for the caller to check before writing the plan.
std::vector<std::string> input_files(const Plan& p);

std::string cells_tsv(const Plan& p);  // header "id KEY... command", then one line per cell
Result<Plan> parse_cells_tsv(const std::string& text, const std::string& source);
Result<Plan> read_plan(const std::string& dir);

// Words for a POSIX shell: bare when only safe characters, else in single quotes.
std::string shell_quote(const std::string& word);

std::string cell_file(const std::string& dir, const std::string& id, const std::string& suffix);  // DIR/cells/ID+suffix

enum class CellState { done, pending, failed };
CellState cell_state(const std::string& dir, const std::string& id);

// The cells' rows, the grid values as leading columns, in id order. Fails, naming them, while any
// cell has no rows yet, and when the cells' headers differ.
Result<std::string> merge_cells(const std::string& dir, const Plan& p);

}  // namespace flowlab::cli::sweep
