#include "sweep_slurm.hpp"

#include <algorithm>

#include "sweep_plan.hpp"

namespace flowlab::cli::sweep {
namespace {
bool blank_free(const std::string& s) {
  return std::none_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' || c == '\''; });
}
}  // namespace

Result<std::string> slurm_script(const std::string& dir, const std::vector<std::string>& ids, const SlurmOptions& o) {
  if (!blank_free(dir)) return Error{dir + ": a Slurm script cannot name a directory with blanks or quotes (#SBATCH --output)"};
  if (!blank_free(o.partition) || !blank_free(o.time)) return Error{"--partition and --time take one word each"};
  if (ids.empty()) return Error{"nothing to run: every cell of " + dir + " is done"};
  std::string s = "#!/bin/bash\n# " + std::to_string(ids.size()) + " pending cells of the sweep in " + dir +
                  ", one array task each (written by flowlab sweep slurm).\n"
                  "#SBATCH --job-name=flowlab-sweep\n"
                  "#SBATCH --array=0-" + std::to_string(ids.size() - 1) + "\n"
                  "#SBATCH --cpus-per-task=" + std::to_string(o.cpus) + "\n"
                  "#SBATCH --output=" + dir + "/slurm/%A_%a.out\n";
  if (!o.partition.empty()) s += "#SBATCH --partition=" + o.partition + "\n";
  if (!o.time.empty()) s += "#SBATCH --time=" + o.time + "\n";
  s += "set -u\ndir=" + shell_quote(dir) + "\nids=(";
  for (std::size_t i = 0; i < ids.size(); ++i) s += (i % 16 ? " " : i ? "\n     " : "") + ids[i];
  // The command is read from cells.tsv (its last column), the plan's one record of it. Its stderr is
  // kept as cells/ID.err when it fails, and copied into this task's log either way.
  s += ")\n"
       "id=${ids[$SLURM_ARRAY_TASK_ID]}\n"
       "if [ -e \"$dir/cells/$id.csv\" ]; then echo \"cell $id is done already\"; exit 0; fi\n"
       "cmd=$(awk -F '\\t' -v id=\"$id\" 'NR > 1 && $1 == id { print $NF }' \"$dir/cells.tsv\")\n"
       "if [ -z \"$cmd\" ]; then echo \"cell $id is not in $dir/cells.tsv\" >&2; exit 1; fi\n"
       "export FLOWLAB_THREADS=\"${SLURM_CPUS_PER_TASK:-1}\"\n"
       "err=\"$dir/cells/$id.err.slurm-${SLURM_JOB_ID:-$$}\"\n"
       "/bin/sh -c \"exec $cmd\" 2> \"$err\"\n"
       "rc=$?\n"
       "cat \"$err\" >&2\n"
       "if [ \"$rc\" -eq 0 ]; then rm -f \"$err\" \"$dir/cells/$id.err\"; exit 0; fi\n"
       "echo \"flowlab sweep: cell $id exited with status $rc\" >> \"$err\"\n"
       "mv -f \"$err\" \"$dir/cells/$id.err\"\n"
       "exit \"$rc\"\n";
  return s;
}

}  // namespace flowlab::cli::sweep
