#include "sweep_run.hpp"

#ifndef __EMSCRIPTEN__
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>

#include "core/runtime/parallel.hpp"

namespace flowlab::cli::sweep {
namespace {
using Clock = std::chrono::steady_clock;

std::string duration_text(double s) {
  char b[48];
  const long t = std::lround(std::max(0.0, s));
  if (t < 60) std::snprintf(b, sizeof b, "%lds", t);
  else if (t < 3600) std::snprintf(b, sizeof b, "%ldm%02lds", t / 60, t % 60);
  else std::snprintf(b, sizeof b, "%ldh%02ldm", t / 3600, t / 60 % 60);
  return b;
}

// One run per plan: two runs would start the same cells. flock is released when the holder dies,
// even by SIGKILL, so a killed run never blocks the next one.
class DirLock {
 public:
  explicit DirLock(const std::string& path) : fd_(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644)) {}
  ~DirLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  DirLock(const DirLock&) = delete;
  DirLock& operator=(const DirLock&) = delete;
  bool acquire() const { return fd_ >= 0 && ::flock(fd_, LOCK_EX | LOCK_NB) == 0; }

 private:
  int fd_;
};

struct Running {
  const Cell* cell;
  Clock::time_point start;
};

// Forks `sh -c "exec COMMAND"` with stdout and stderr into err_path. The child asks the kernel to
// kill it when this process dies (PR_SET_PDEATHSIG survives the exec of sh and of flowlab, which sh
// replaces itself with), so a killed sweep leaves no cell running behind it.
pid_t start_cell(const std::string& command, const std::string& err_path, const char* threads) {
  const std::string line = "exec " + command;
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid != 0) return pid;
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(111);  // the parent died before prctl took effect
  const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int null = ::open("/dev/null", O_RDONLY);
  if (err < 0 || null < 0) ::_exit(126);
  ::dup2(null, 0), ::dup2(err, 1), ::dup2(err, 2);
  if (threads) ::setenv("FLOWLAB_THREADS", threads, 1);
  ::execl("/bin/sh", "sh", "-c", line.c_str(), static_cast<char*>(nullptr));
  ::_exit(127);
}

std::string exit_text(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return std::string("was killed by signal ") + std::to_string(WTERMSIG(status)) + " (" +
                                  ::strsignal(WTERMSIG(status)) + ")";
  return "ended with wait status " + std::to_string(status);
}
}  // namespace

Result<int> run_cells(const std::string& dir, const Plan& plan, int jobs) {
  DirLock lock(dir + "/.run.lock");
  if (!lock.acquire())
    return Error{"another `flowlab sweep run` is working on " + dir + " (one run per plan at a time: two would start the same cells)"};
  std::vector<const Cell*> todo;
  for (const auto& c : plan.cells)
    if (cell_state(dir, c.id) != CellState::done) todo.push_back(&c);
  const std::size_t total = plan.cells.size();
  std::size_t done = total - todo.size(), failed = 0, finished = 0;
  if (todo.empty()) {
    std::fprintf(stderr, "sweep: all %zu cells are done\n", total);
    return 0;
  }
  jobs = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(std::max(1, jobs)), todo.size()));
  // Every cell would use every core: share them out, unless the caller chose (FLOWLAB_THREADS).
  const std::string threads_each = std::to_string(std::max(1, available_threads() / jobs));
  const char* threads = std::getenv("FLOWLAB_THREADS") ? nullptr : threads_each.c_str();
  std::fprintf(stderr, "sweep: %zu cells, %zu done, %zu to run, %d at a time (FLOWLAB_THREADS=%s each)\n", total, done,
               todo.size(), jobs, threads ? threads : std::getenv("FLOWLAB_THREADS"));
  std::ofstream log(dir + "/sweep.log", std::ios::app);
  const bool tty = ::isatty(2) != 0;
  std::map<pid_t, Running> running;
  std::vector<std::string> failed_ids;
  double seconds = 0;  // summed over the cells that finished well in this run
  std::size_t next = 0;
  while (next < todo.size() || !running.empty()) {
    while (running.size() < static_cast<std::size_t>(jobs) && next < todo.size()) {
      const Cell* c = todo[next++];
      const pid_t pid = start_cell(c->command, cell_file(dir, c->id, ".err.running"), threads);
      if (pid < 0) return Error{std::string("cannot start a process for cell ") + c->id + ": " + std::strerror(errno)};
      running[pid] = {c, Clock::now()};
    }
    int status = 0;
    const pid_t pid = ::waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR) continue;
      return Error{std::string("waiting for the cells: ") + std::strerror(errno)};
    }
    const auto it = running.find(pid);
    if (it == running.end()) continue;
    const Cell& c = *it->second.cell;
    const double took = std::chrono::duration<double>(Clock::now() - it->second.start).count();
    running.erase(it);
    ++finished;
    const std::string running_err = cell_file(dir, c.id, ".err.running"), err = cell_file(dir, c.id, ".err");
    const bool wrote = cell_state(dir, c.id) == CellState::done;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && wrote) {
      std::remove(running_err.c_str());
      std::remove(err.c_str());  // from an earlier run that failed
      ++done, seconds += took;
      log << c.id << "\tdone\t" << took << "\n" << std::flush;
    } else {
      std::ofstream(running_err, std::ios::app)
          << "flowlab sweep run: cell " << c.id << " "
          << (WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "exited with status 0 but wrote no " + cell_file(dir, c.id, ".csv")
                                                            : exit_text(status))
          << "\n";
      std::rename(running_err.c_str(), err.c_str());
      ++failed, failed_ids.push_back(c.id);
      log << c.id << "\tfailed\t" << took << "\n" << std::flush;
    }
    std::string left = "estimating the time left";
    if (done > total - todo.size()) {
      const double mean = seconds / static_cast<double>(done - (total - todo.size()));
      left = "about " + duration_text(mean * static_cast<double>(todo.size() - finished) / jobs) + " left";
    }
    std::fprintf(stderr, "%ssweep: %zu/%zu done, %zu running, %zu failed, %s%s", tty ? "\r" : "", done, total,
                 running.size(), failed, next < todo.size() || !running.empty() ? left.c_str() : "finished",
                 tty ? "\033[K" : "\n");
  }
  if (tty) std::fprintf(stderr, "\n");
  if (failed) {
    std::string list;
    for (std::size_t i = 0; i < failed_ids.size() && i < 20; ++i) list += (i ? ", " : "") + failed_ids[i];
    std::fprintf(stderr, "sweep: %zu cells failed: %s%s (each one's stderr: %s)\n", failed, list.c_str(),
                 failed_ids.size() > 20 ? ", ..." : "", cell_file(dir, "ID", ".err").c_str());
  }
  return static_cast<int>(failed);
}

Result<std::string> submit_sbatch(const std::string& script_path) {
  const std::string cmd = "sbatch --parsable " + shell_quote(script_path) + " 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return Error{std::string("cannot run sbatch: ") + std::strerror(errno)};
  std::string out;
  char buf[512];
  while (std::fgets(buf, sizeof buf, p)) out += buf;
  const int status = ::pclose(p);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
    return Error{"sbatch not found: submit from a Slurm login node, or print the script (without --submit) and "
                 "give it to sbatch there"};
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return Error{"sbatch refused the script: " + out.substr(0, 400)};
  const std::string id = out.substr(out.rfind('\n') == std::string::npos ? 0 : out.rfind('\n') + 1);
  return id.substr(0, id.find(';'));
}

}  // namespace flowlab::cli::sweep

#else

namespace flowlab::cli::sweep {
Result<int> run_cells(const std::string&, const Plan&, int) { return Error{"the WASM build cannot start processes"}; }
Result<std::string> submit_sbatch(const std::string&) { return Error{"the WASM build cannot start processes"}; }
}  // namespace flowlab::cli::sweep

#endif
