#pragma once
// Running a plan's cells as processes on this machine, and handing an array script to sbatch.
// Native only (POSIX processes); the WASM build of the CLI refuses `flowlab sweep`.
#include <string>

#include "core/runtime/result.hpp"
#include "sweep_plan.hpp"

namespace flowlab::cli::sweep {

// Runs every cell that is not done, `jobs` at a time, each through /bin/sh as its command line reads.
// A cell's stderr goes to DIR/cells/ID.err.running and is kept as ID.err when it fails (removed when
// it succeeds). Cells die with this process (a killed run leaves no cell running: its rows are not
// renamed into place, so the next run starts that cell again). One run per DIR at a time (a lock).
// Each cell gets FLOWLAB_THREADS = cores / jobs unless the caller's environment sets it.
// Progress and the estimated time left go to stderr; each finished cell is appended to DIR/sweep.log.
// Returns the number of cells that failed, or an error (another run holds DIR, a cell cannot start).
Result<int> run_cells(const std::string& dir, const Plan& plan, int jobs);

// Runs `sbatch --parsable SCRIPT` and returns the job id it prints.
Result<std::string> submit_sbatch(const std::string& script_path);

}  // namespace flowlab::cli::sweep
