#pragma once
// The sbatch script of a sweep: a Slurm job array with one task per pending cell, each task
// running that cell's command line from DIR/cells.tsv.
#include <string>
#include <vector>

#include "core/runtime/result.hpp"

namespace flowlab::cli::sweep {

struct SlurmOptions {
  std::string partition;  // "" : the cluster's default
  std::string time;       // "" : the partition's default (Slurm's forms: MM, HH:MM:SS, D-HH, ...)
  int cpus = 1;           // per task; the cell runs on that many threads (FLOWLAB_THREADS)
};

// Checks the options (no blanks or line breaks: they become #SBATCH lines) and the plan's directory.
Result<std::string> slurm_script(const std::string& dir, const std::vector<std::string>& pending_ids,
                                 const SlurmOptions& o);

}  // namespace flowlab::cli::sweep
